#include "load.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>

#include "load_visitor.h"
#include "parallel_for.h"

namespace fs = std::filesystem;

namespace arsred {

const YearFileSpec kYearFileSpecs[6] = {
    {"forbund.yaml", true, true},      {"text.yaml", true, false},         {"verksamhet.yaml", true, false},
    {"budget.yaml", true, false},      {"rakenskaper.yaml", true, true},   {"rattelser.yaml", false, false},
};

bool ReadsYearFile(std::string_view name, bool report_year) {
  return report_year || (name != "text.yaml" && name != "rattelser.yaml");
}

namespace {

// Parses every Text of a loaded file's structs into markup blocks.
struct MarkupParser {
  Diagnostics& diagnostics;

  void Parse(std::optional<Located<Text>>& text) {
    if (text) Parse(*text);
  }
  void Parse(Located<Text>& text) {
    text.value.doc = ParseMarkup(text.value, text.where, text.path, diagnostics);
  }
  void Parse(TextFile& file) {
    Parse(file.forvaltningsberattelse);
    Parse(file.redovisningsprinciper);
    for (auto& appendix : file.bilagor) Parse(appendix.text);
  }
  void Parse(CorrectionsFile& file) {
    for (auto& correction : file.rattelser) Parse(correction.varfor);
  }
  void Parse(ActivityFile& file) {
    for (auto& area : file.malomraden) {
      for (auto& goal : area.mal) {
        Parse(goal.mal);
        Parse(goal.redovisning);
      }
    }
  }
};

// Returns the markers a draft cannot show (Loader::undraftable_markers).
template <class T>
int LoadInto(const ParsedFile& parsed, T& target, const SourceSet& sources, Diagnostics& diagnostics,
             const ReaderLimits& limits) {
  Loader loader(parsed.file, sources, diagnostics, limits.max_scalar_bytes);
  if constexpr (std::is_same_v<T, BudgetFile>) loader.set_thousands_exact();  // decisions, in whole tkr
  loader.LoadRoot(parsed.root, target);
  return loader.undraftable_markers();
}

std::string ShownPath(const fs::path& p) { return p.lexically_normal().generic_string(); }

}  // namespace

namespace {

// Parses a registered file and loads it into the struct of that file. Reads `sources` only, so
// that several files can load at once. Returns the markers a draft cannot show. The goals' texts
// are parsed as markup only in the report year (`report_year`): other years give figures, never
// prose (see LoadYear).
int LoadSource(YamlSource source, const std::string& name, bool report_year, YearFiles& files,
               const SourceSet& sources, Diagnostics& diagnostics, const ReaderLimits& limits) {
  auto parsed = ParseYamlSource(source, sources, diagnostics, limits);
  if (!parsed) return 0;
  MarkupParser markup{diagnostics};
  int undraftable = 0;
  if (name == "forbund.yaml") {
    undraftable = LoadInto(*parsed, files.forbund, sources, diagnostics, limits);
  } else if (name == "text.yaml") {
    undraftable = LoadInto(*parsed, files.text, sources, diagnostics, limits);
    markup.Parse(files.text);
  } else if (name == "verksamhet.yaml") {
    undraftable = LoadInto(*parsed, files.verksamhet, sources, diagnostics, limits);
    if (report_year) markup.Parse(files.verksamhet);
  } else if (name == "budget.yaml") {
    undraftable = LoadInto(*parsed, files.budget, sources, diagnostics, limits);
  } else if (name == "rakenskaper.yaml") {
    undraftable = LoadInto(*parsed, files.rakenskaper, sources, diagnostics, limits);
  } else if (name == "rattelser.yaml") {
    undraftable = LoadInto(*parsed, files.rattelser, sources, diagnostics, limits);
    markup.Parse(files.rattelser);
  }
  return undraftable;
}

}  // namespace

void LoadFileText(std::string text, const std::string& name, const std::string& shown_path, YearFiles& files,
                  SourceSet& sources, Diagnostics& diagnostics, const ReaderLimits& limits) {
  LoadSource(AddYamlSource(std::move(text), shown_path, sources), name, /*report_year=*/true, files, sources,
             diagnostics, limits);
}

namespace {

// A file read and registered, to be parsed and loaded: files of all years are read in order on
// one thread, then parsed side by side (see LoadInputs).
struct FileJob {
  YearInput* year;
  std::string name;
  YamlSource source;
  size_t bytes;
  Diagnostics findings;  // merged in the order the files were read
  int undraftable_markers = 0;
};

// A .yaml file in a year directory that is none of the year's files: reported once the year's
// forbund.yaml is loaded, which may name it as the year's layout.
struct OtherFile {
  YearInput* year;
  std::string name;
  int file;  // in the SourceSet
};

// Reads one year directory. Files must be regular files inside it (a symbolic link that leads
// out of the directory is refused: inputs must not read from elsewhere on the machine).
// `report_year`: whether it is the year of the report; of other years only the figures are read
// (ReadsYearFile).
void LoadYear(const fs::path& dir, int year, bool report_year, InputSet& inputs, Diagnostics& diagnostics,
              const ReaderLimits& limits, std::vector<FileJob>& jobs, std::vector<OtherFile>& others) {
  YearInput& entry = inputs.years[year];
  entry.year = year;
  entry.dir = ShownPath(dir);
  std::error_code ec;
  std::optional<fs::path> real_dir;  // resolved when a symbolic link is met
  size_t errors_before = diagnostics.ErrorCount();

  for (const YearFileSpec& spec : kYearFileSpecs) {
    fs::path path = dir / spec.name;
    std::string shown = ShownPath(path);
    fs::file_status status = fs::symlink_status(path, ec);
    if (!fs::exists(status)) continue;
    entry.present.insert(spec.name);
    if (!ReadsYearFile(spec.name, report_year)) continue;
    int file = inputs.sources.Add(shown, "");
    // A file that is no symbolic link is in the directory; a link must lead to a file beside it.
    fs::path real = path;
    if (fs::is_symlink(status)) {
      if (!real_dir) real_dir = fs::canonical(dir, ec);
      real = fs::canonical(path, ec);
      if (ec) {
        // A link to nothing, or a loop of links: there is no file to read, anywhere.
        diagnostics.Error("file.read", Where{file, 0, 0}, "",
                          "a link that leads to no file (" + ec.message() + "): replace it with the file");
        continue;
      }
      if (real.parent_path() != *real_dir) {
        diagnostics.Error("file.outside", Where{file, 0, 0}, "", "the file leads outside its year directory");
        continue;
      }
    }
    if (fs::is_symlink(status) ? !fs::is_regular_file(real, ec) : !fs::is_regular_file(status)) {
      diagnostics.Error("file.type", Where{file, 0, 0}, "", "expected a file, found a directory or device");
      continue;
    }
    std::ifstream in(real, std::ios::binary);
    if (!in) {
      diagnostics.Error("file.read", Where{file, 0, 0}, "", "cannot read the file (permissions?)");
      continue;
    }
    std::string text = ReadAtMost(in, limits.max_file_bytes + 1);
    const size_t bytes = text.size();
    jobs.push_back({&entry, spec.name, AddYamlSource(std::move(text), shown, inputs.sources), bytes, {}});
  }

  for (const auto& item : fs::directory_iterator(dir, ec)) {
    std::string name = item.path().filename().string();
    std::string ext = item.path().extension().string();
    if (ext != ".yaml" && ext != ".yml") continue;
    // Hidden names are editors' lock and swap files (".#text.yaml"), not misspelt inputs. The
    // approval record is read by `arsred approve` and its checks (approval.h).
    if (name.front() == '.') continue;
    if (std::find_if(std::begin(kYearFileSpecs), std::end(kYearFileSpecs),
                     [&](const YearFileSpec& spec) { return name == spec.name; }) != std::end(kYearFileSpecs) ||
        name == kApprovalFileName) {
      continue;
    }
    others.push_back({&entry, name, inputs.sources.Add(ShownPath(item.path()), "")});
  }
  // Until its files are loaded, complete means no error in reaching them (see LoadInputs).
  entry.complete = diagnostics.ErrorCount() == errors_before;
}

// A .yaml file that the tool does not read is most likely a misspelt one that it should. The
// layout file a year names (`layout: layout.yaml`) is read, by build and check.
void WarnOfOtherFiles(const std::vector<OtherFile>& others, Diagnostics& diagnostics) {
  std::vector<std::string> names;
  for (const YearFileSpec& spec : kYearFileSpecs) names.emplace_back(spec.name);
  for (const OtherFile& other : others) {
    const auto& layout = other.year->files.forbund.layout;
    if (layout && fs::path(layout->value).lexically_normal() == other.name) continue;
    std::string message = "the tool does not read this file";
    std::string suggestion = DidYouMean(other.name, names);
    if (!suggestion.empty()) message += "; did you mean " + suggestion + "?";
    diagnostics.Warning("file.unknown", Where{other.file, 0, 0}, "", message);
  }
}

bool ParseYearName(const std::string& name, int* year) {
  if (name.size() != 4) return false;
  for (char c : name) {
    if (c < '0' || c > '9') return false;
  }
  *year = std::stoi(name);
  return *year >= 1900 && *year <= 2200;
}

}  // namespace

bool LoadInputs(const std::string& year_dir, InputSet& inputs, Diagnostics& diagnostics, const ReaderLimits& limits) {
  fs::path dir = fs::path(year_dir).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();  // "inputs/2023/"
  // `arsred check .` from inside the year: the directory's own name is the year.
  if (dir == "." || dir.filename() == "..") {
    dir = fs::absolute(dir).lexically_normal();  // "/…/inputs/2023/"
    if (dir.filename().empty()) dir = dir.parent_path();
  }
  std::error_code ec;
  int dir_file = inputs.sources.Add(ShownPath(dir), "");
  if (!fs::exists(dir, ec)) {
    diagnostics.Error("year.missing", Where{dir_file, 0, 0}, "", "no such directory");
    return false;
  }
  if (!fs::is_directory(dir, ec)) {
    diagnostics.Error("year.missing", Where{dir_file, 0, 0}, "", "expected a year directory, found a file");
    return false;
  }
  int year = 0;
  if (!ParseYearName(dir.filename().string(), &year)) {
    diagnostics.Error("year.name", Where{dir_file, 0, 0}, "",
                      "a year directory is named by its year, e.g. inputs/2023");
    return false;
  }
  inputs.report_year = year;
  std::vector<FileJob> jobs;
  std::vector<OtherFile> others;
  LoadYear(dir, year, true, inputs, diagnostics, limits, jobs, others);

  // Sibling years before this one: the prior year's figures and the multi-year overviews.
  fs::path parent = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
  for (const auto& item : fs::directory_iterator(parent, ec)) {
    int other = 0;
    if (!item.is_directory(ec) || !ParseYearName(item.path().filename().string(), &other)) continue;
    if (other >= year) continue;
    LoadYear(dir.parent_path() / item.path().filename(), other, false, inputs, diagnostics, limits, jobs, others);
  }

  // yaml-cpp's scanner is most of loading, and the files parse independently (LoadSource reads
  // `sources` only), so they are parsed side by side (ParallelFor), largest first so that the
  // two threads end together. Their findings are merged below in the order the files were read.
  std::vector<size_t> order(jobs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return jobs[a].bytes > jobs[b].bytes; });
  ParallelFor(order.size(), [&](size_t k) {
    FileJob& job = jobs[order[k]];
    const bool report_year = job.year->year == inputs.report_year;
    job.undraftable_markers =
        LoadSource(job.source, job.name, report_year, job.year->files, inputs.sources, job.findings, limits);
  });
  for (FileJob& job : jobs) {
    // Values still to fill in leave a year complete, to be drafted with a marker in their place,
    // but not checked (validate.cc) nor made final.
    for (const Diagnostic& d : job.findings.all()) {
      if (d.severity != Severity::kError) continue;
      if (d.code == "fill.value") {
        ++job.year->values_to_fill;
      } else {
        job.year->complete = false;
      }
    }
    if (job.undraftable_markers > 0) job.year->complete = false;
    diagnostics.Append(std::move(job.findings));
  }
  WarnOfOtherFiles(others, diagnostics);
  return true;
}

}  // namespace arsred
