#include "archive.h"

#include <fcntl.h>  // AT_FDCWD, for renameat2
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "load.h"
#include "load_visitor.h"
#include "read_file.h"
#include "render_pdf.h"
#include "sha256.h"
#include "write_file.h"
#include "yaml_reader.h"

namespace fs = std::filesystem;

namespace arsred {

namespace {

constexpr const char* kManifestName = "manifest.yaml";
constexpr const char* kSumsName = "SHA256SUMS";
constexpr const char* kSourceDir = "source";
// The largest file an archive may hold (the inputs are limited to 1 MiB each, the fonts to
// 64 MiB); verify refuses to hash anything larger from a possibly tampered directory.
constexpr uintmax_t kMaxArchivedFileBytes = 64u << 20;

// A failure that leaves the archive as it was; the message names the file.
class ArchiveFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A regular file's bytes: a device or a pipe standing in an archive (a link to /dev/zero as its
// ICC profile) is refused, never read without end.
std::string ReadFileOrThrow(const fs::path& path) {
  std::string error;
  std::optional<std::string> bytes = ReadWholeFile(path, &error);
  if (!bytes) throw ArchiveFailure("cannot read " + path.string() + ": " + error);
  return std::move(*bytes);
}

// A file of the staged archive, synced to the disk before the archive is renamed into place.
void WriteWholeFile(const fs::path& path, const std::string& bytes) {
  try {
    WriteFileDurably(path, bytes);
  } catch (const std::runtime_error& failure) {
    throw ArchiveFailure(failure.what());
  }
}

// Every directory of the staged archive, deepest first, so that each names its files and
// subdirectories on the disk before the whole is renamed into place.
void SyncDirectories(const fs::path& root) {
  std::vector<fs::path> directories = {root};
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_directory()) directories.push_back(entry.path());
  }
  std::sort(directories.begin(), directories.end(), std::greater<>());
  try {
    for (const fs::path& directory : directories) SyncDirectory(directory);
  } catch (const std::runtime_error& failure) {
    throw ArchiveFailure(failure.what());
  }
}

// A YAML double-quoted scalar: the manifest holds paths and a free-text reason.
std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7F) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\x%02X", byte);
      out += escape;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// A path inside the archive: relative, without "..", so that a manifest (possibly edited by
// someone) cannot make verify read or build from anywhere else.
bool IsInsideArchive(const std::string& path) {
  if (path.empty() || path.front() == '/') return false;
  for (const auto& part : fs::path(path)) {
    if (part == ".." || part == ".") return false;
  }
  return true;
}

struct HashedFile {
  std::string path;  // relative, with '/'
  uintmax_t bytes = 0;
  std::string sha256;
};

HashedFile HashFile(const fs::path& root, const std::string& relative) {
  const std::string bytes = ReadFileOrThrow(root / relative);
  return {relative, bytes.size(), Sha256Hex(bytes)};
}

// Every regular file under `root`, relative and sorted, so that the manifest's order is stable.
std::vector<std::string> FilesUnder(const fs::path& root) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), root).generic_string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// `sha256sum -c` reads this: "<hash>  <path>" per line, sorted by path.
std::string SumsText(std::vector<HashedFile> files) {
  std::sort(files.begin(), files.end(), [](const HashedFile& a, const HashedFile& b) { return a.path < b.path; });
  std::string text;
  for (const HashedFile& file : files) text += file.sha256 + "  " + file.path + "\n";
  return text;
}

struct ManifestContent {
  std::string version;
  int year = 0;
  std::string organisation;
  bool marked_final = false;
  std::string report;
  std::string conformance;
  std::vector<ComponentVersion> toolchain;
  std::string layout;
  std::string year_dir, hyphenation, icc_profile;
  std::optional<std::string> replace_reason, kept_as, replaced_manifest_sha256;
  std::vector<HashedFile> files;
};

std::string ManifestText(const ManifestContent& m) {
  std::string text =
      "# The archive of one year's årsredovisning, written by `arsred archive`.\n"
      "# `arsred verify <this directory>` checks each file below against its SHA-256 and rebuilds\n"
      "# the report from source/; SHA256SUMS holds the same hashes for `sha256sum -c`.\n";
  text += "arsred: " + Quoted(m.version) + "\n";
  text += "year: " + std::to_string(m.year) + "\n";
  text += "organisation: " + Quoted(m.organisation) + "\n";
  text += std::string("marked_final: ") + (m.marked_final ? "true" : "false") + "\n";
  text += "report: " + Quoted(m.report) + "\n";
  text += "settings:\n";
  text += "  year_dir: " + Quoted(m.year_dir) + "\n";
  text += "  data_dir: " + Quoted(kSourceDir) + "\n";
  text += "  layout: " + Quoted(m.layout) + "\n";
  text += "  hyphenation: " + Quoted(m.hyphenation) + "\n";
  text += "  icc_profile: " + Quoted(m.icc_profile) + "\n";
  text += "  pdf: " + Quoted(m.conformance) + "\n";
  text += "toolchain:\n";
  for (const ComponentVersion& component : m.toolchain) {
    text += "  - name: " + Quoted(component.name) + "\n";
    text += "    version: " + Quoted(component.version) + "\n";
  }
  if (m.replace_reason) {
    text += "replaces:\n";
    text += "  reason: " + Quoted(*m.replace_reason) + "\n";
    text += "  kept_as: " + Quoted(*m.kept_as) + "\n";
    text += "  manifest_sha256: " + Quoted(*m.replaced_manifest_sha256) + "\n";
  }
  text += "files:\n";
  for (const HashedFile& file : m.files) {
    text += "  - path: " + Quoted(file.path) + "\n";
    text += "    bytes: " + std::to_string(file.bytes) + "\n";
    text += "    sha256: " + Quoted(file.sha256) + "\n";
  }
  return text;
}

// Reads manifest.yaml strictly; findings go to `diagnostics` with their positions.
std::optional<Manifest> ReadManifest(const fs::path& path, SourceSet& sources, Diagnostics& diagnostics) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    diagnostics.Error("archive.manifest", Where{sources.Add(path.generic_string(), ""), 0, 0}, "",
                      "no manifest: this is not an arsred archive");
    return std::nullopt;
  }
  auto parsed = ReadYamlFile(path.string(), path.generic_string(), sources, diagnostics);
  if (!parsed) return std::nullopt;
  Manifest manifest;
  const size_t errors = diagnostics.ErrorCount();
  Loader(parsed->file, sources, diagnostics, ReaderLimits{}.max_scalar_bytes).LoadRoot(parsed->root, manifest);
  if (diagnostics.ErrorCount() != errors) return std::nullopt;
  return manifest;
}

// The directories above the archive that did not exist, made now and removed again (if still
// empty) unless the archive was moved into place: a refused archive leaves nothing behind.
class ParentDirectories {
 public:
  explicit ParentDirectories(const fs::path& parent) {
    std::error_code ec;
    for (fs::path p = parent; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) made_.push_back(p);
    fs::create_directories(parent, ec);
    if (ec) throw ArchiveFailure("cannot make " + parent.string() + ": " + ec.message());
  }
  ~ParentDirectories() {
    std::error_code ignored;
    for (const fs::path& p : made_) fs::remove(p, ignored);  // the deepest first; fails unless empty
  }
  ParentDirectories(const ParentDirectories&) = delete;
  ParentDirectories& operator=(const ParentDirectories&) = delete;
  void Release() { made_.clear(); }

 private:
  std::vector<fs::path> made_;
};

// A directory beside the target, removed with its contents unless it was moved into place.
class StagingDirectory {
 public:
  explicit StagingDirectory(const fs::path& target) {
    path_ = target.parent_path() / ("." + target.filename().string() + ".arsred-tmp-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::remove_all(path_, ec);  // left by a run that was killed, with this process id
    RemoveLeftoversOfKilledRuns(target, ".arsred-tmp-");  // and with others
    fs::create_directories(path_, ec);
    if (ec) throw ArchiveFailure("cannot make " + path_.string() + ": " + ec.message());
  }
  ~StagingDirectory() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  StagingDirectory(const StagingDirectory&) = delete;
  StagingDirectory& operator=(const StagingDirectory&) = delete;

  const fs::path& path() const { return path_; }
  void Release() { path_.clear(); }  // it has become the archive

 private:
  fs::path path_;
};

void CopyInto(const fs::path& from, const fs::path& root, const std::string& relative) {
  std::error_code ec;
  fs::create_directories((root / relative).parent_path(), ec);
  if (ec) throw ArchiveFailure("cannot make " + (root / relative).parent_path().string() + ": " + ec.message());
  WriteWholeFile(root / relative, ReadFileOrThrow(from));
}

// Copies every file the report was made from into <root>/source/, laid out as a data directory
// (layouts/, fonts/) beside inputs/, hyphenation/ and color/. The layout, wherever it was, is
// kept as layouts/<name>.yaml, and each font where a rebuild finds it by the same lookup
// (build.h, LayoutSource): one found beside the layout goes beside its copy in layouts/, one
// from <data_dir>/fonts into fonts/. Returns the year directory's path in the snapshot;
// `hyphenation` and `icc_profile` receive theirs.
std::string WriteSnapshot(const YearBuild& build, const BuildSettings& settings, const fs::path& root,
                          std::string* hyphenation, std::string* icc_profile) {
  const std::string source = kSourceDir;
  for (const auto& [year, input] : build.inputs.years) {
    for (const std::string& name : input.present) {
      if (!ReadsYearFile(name, year == build.inputs.report_year)) continue;
      CopyInto(fs::path(input.dir) / name, root, source + "/inputs/" + std::to_string(year) + "/" + name);
    }
  }
  // The report year's approval record (checked again when the snapshot is rebuilt) and the
  // books its figures were imported from, kept so that the figures can be traced to them.
  const YearInput& report_year = build.inputs.report();
  for (const char* name : {kApprovalFileName, kBooksFileName}) {
    std::error_code ec;
    const fs::path path = fs::path(report_year.dir) / name;
    if (fs::is_regular_file(path, ec)) {
      CopyInto(path, root, source + "/inputs/" + std::to_string(build.inputs.report_year) + "/" + name);
    }
  }
  const LayoutSource& layout = build.layout_source;
  CopyInto(layout.path, root, source + "/layouts/" + layout.name + ".yaml");
  const fs::path beside_layout = fs::path(layout.font_dirs.front()).lexically_normal();
  std::map<fs::path, std::string> font_dirs;  // a directory fonts were taken from -> its place in the snapshot
  for (const FontFace& face : build.resources->faces) {
    const fs::path dir = fs::path(face.file).parent_path().lexically_normal();
    const std::string into = source + (dir == beside_layout ? "/layouts/" : "/fonts/");
    CopyInto(face.file, root, into + fs::path(face.file).filename().string());
    font_dirs[dir] = into;
  }
  // The fonts' licences travel with them (the OFL asks for it): the notes of each directory a
  // font was taken from.
  for (const auto& [dir, into] : font_dirs) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      const std::string extension = entry.path().extension().string();
      if (entry.is_regular_file() && (extension == ".txt" || extension == ".md")) {
        CopyInto(entry.path(), root, into + entry.path().filename().string());
      }
    }
  }
  *hyphenation = source + "/hyphenation/" + fs::path(settings.hyphenation).filename().string();
  CopyInto(settings.hyphenation, root, *hyphenation);
  *icc_profile = source + "/color/" + fs::path(settings.icc_profile).filename().string();
  CopyInto(settings.icc_profile, root, *icc_profile);
  return source + "/inputs/" + std::to_string(build.inputs.report_year);
}

// The settings that rebuild an archived report from its snapshot in `root`.
BuildSettings SnapshotSettings(const fs::path& root, const std::string& layout, const std::string& hyphenation,
                               const std::string& icc_profile) {
  BuildSettings settings;
  settings.data_dir = (root / kSourceDir).string();
  settings.layout = layout;
  settings.mode = ReportMode::kFinal;
  settings.pdfa = true;
  settings.hyphenation = (root / hyphenation).string();
  settings.icc_profile = (root / icc_profile).string();
  return settings;
}

// Builds the report of `year_dir` under `settings` into `output`, printing the findings to
// `out`; returns false after printing why not. A rebuild from a snapshot prints into a buffer,
// shown only when it fails: its findings are the inputs' again, under other paths.
// `cache` holds the fonts that `build` refers to, and must outlive it.
bool RenderReport(const BuildSettings& settings, const std::string& year_dir, const fs::path& output,
                  std::ostream& out, ResourceCache& cache, YearBuild& build) {
  if (RunStages(settings, year_dir, cache, build, true, out)) return false;
  PrintDiagnostics(build.diagnostics, build.inputs.sources, out);
  if (build.diagnostics.ErrorCount() > build.errors_before_layout) {
    out << "arsred: " << year_dir << ": the report could not be typeset\n";
    return false;
  }
  std::string error;
  if (!RenderPdf(build.document, output.string(), RenderOptionsFor(settings, build), &error)) {
    out << "arsred: " << error << "\n";
    return false;
  }
  return true;
}

// The first free "<archive>.replaced-N" beside the archive.
fs::path KeptName(const fs::path& target) {
  std::error_code ec;
  for (int n = 1;; ++n) {
    fs::path candidate = target.parent_path() / (target.filename().string() + ".replaced-" + std::to_string(n));
    if (!fs::exists(fs::symlink_status(candidate, ec))) return candidate;
  }
}

bool IsEmptyDirectory(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec) && fs::is_empty(path, ec);
}

// What stands at the archive's place now, and whether it may be replaced.
struct Existing {
  bool present = false;
  bool locked = false;  // the archive of a year marked final
  std::string manifest_sha256;
};

std::optional<Existing> InspectExisting(const fs::path& target, std::ostream& err) {
  Existing existing;
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(target, ec);
  if (!fs::exists(status) || IsEmptyDirectory(target)) return existing;
  if (!fs::is_directory(status)) {
    err << "arsred: " << target.generic_string() << " is not a directory; nothing was changed\n";
    return std::nullopt;
  }
  existing.present = true;
  SourceSet sources;
  Diagnostics diagnostics;
  std::optional<Manifest> manifest = ReadManifest(target / kManifestName, sources, diagnostics);
  if (!manifest) {
    // Not ours, or damaged: either way it is not overwritten.
    PrintDiagnostics(diagnostics, sources, err);
    err << "arsred: " << target.generic_string()
        << " holds something that is not a readable arsred archive; nothing was changed\n";
    return std::nullopt;
  }
  existing.locked = manifest->marked_final.value;
  existing.manifest_sha256 = Sha256Hex(ReadFileOrThrow(target / kManifestName));
  return existing;
}

// Moves the staged archive into place. With an archive already there, the two directories are
// exchanged in one step (renameat2 RENAME_EXCHANGE), so that the place never stands empty; the
// old one is then kept under `kept` or removed.
void MoveIntoPlace(const fs::path& staged, const fs::path& target, const Existing& existing,
                   const std::optional<fs::path>& kept) {
  const fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  const auto sync_parent = [&] {
    try {
      SyncDirectory(parent);
    } catch (const std::runtime_error& failure) {
      throw ArchiveFailure(std::string("the archive is in place, but ") + failure.what());
    }
  };
  if (!existing.present) {
    std::error_code ec;
    if (IsEmptyDirectory(target)) fs::remove(target, ec);
    fs::rename(staged, target, ec);
    if (ec) throw ArchiveFailure("cannot move the archive into " + target.string() + ": " + ec.message());
    sync_parent();
    return;
  }
  if (::renameat2(AT_FDCWD, staged.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
    throw ArchiveFailure("cannot exchange " + target.string() + " for the new archive: " + std::strerror(errno));
  }
  std::error_code ec;
  if (kept) {
    fs::rename(staged, *kept, ec);  // `staged` now holds the old archive
    if (ec) throw ArchiveFailure("the new archive is in place, but the old one could not be kept as " + kept->string() +
                                 ": " + ec.message() + "; it is in " + staged.string());
  } else {
    fs::remove_all(staged, ec);
  }
  sync_parent();
}

// "libharu 2.3.0 then, 2.4.4 now" for each component whose version differs.
std::vector<std::string> ToolchainChanges(const std::vector<ManifestComponent>& recorded,
                                          const std::vector<ComponentVersion>& current) {
  std::map<std::string, std::string> then, now;
  for (const ManifestComponent& c : recorded) then[c.name.value] = c.version.value;
  for (const ComponentVersion& c : current) now[c.name] = c.version;
  std::vector<std::string> changes;
  for (const auto& [name, version] : now) {
    auto it = then.find(name);
    if (it == then.end()) changes.push_back(name + " " + version + " now, not recorded then");
    else if (it->second != version) changes.push_back(name + " " + it->second + " then, " + version + " now");
  }
  for (const auto& [name, version] : then) {
    if (!now.count(name)) changes.push_back(name + " " + version + " then, not used now");
  }
  return changes;
}

std::string Joined(const std::vector<std::string>& parts, const char* separator) {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : separator) + part;
  return text;
}

}  // namespace

std::string ExplainRebuildDifference(bool sources_changed, bool report_changed,
                                     const std::vector<ManifestComponent>& recorded,
                                     const std::vector<ComponentVersion>& current) {
  if (sources_changed) return "source files were changed since the archive was made (each is named)";
  if (report_changed) return "the archived report itself was changed since the archive was made";
  if (recorded.empty()) {
    return "every source file matches its hash, but the manifest does not record the toolchain that made the report, "
           "so an update of arsred or of a library since then may explain the difference";
  }
  const std::vector<std::string> changes = ToolchainChanges(recorded, current);
  if (!changes.empty()) {
    return "every source file matches its hash, and the toolchain differs (" + Joined(changes, "; ") +
           "): the difference comes from the toolchain, not from the inputs. A rebuild with the recorded versions "
           "should give the archived bytes";
  }
  // Or the report and its manifest were both changed, and SHA256SUMS rewritten: only the seal
  // recorded elsewhere tells (verify --seal).
  return "every source file and every version of the toolchain match the manifest. Either the report was changed "
         "after archiving and the manifest and SHA256SUMS rewritten to match (compare the seal below with the one "
         "recorded when the archive was made, or give it with --seal), or arsred did not reproduce its own output: "
         "then this is a bug in arsred, please report it with the archive";
}

int ArchiveYear(const BuildSettings& settings, const ArchiveRequest& request, std::ostream& err) {
  fs::path target = fs::path(request.archive_dir).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();  // "archive/2023/"
  if (target.empty()) {
    err << "arsred: archive: --out names the year's archive directory, e.g. archive/2023\n";
    return kExitUsage;
  }
  try {
    std::optional<Existing> existing = InspectExisting(target, err);
    if (!existing) return kExitErrors;
    if (existing->locked && request.replace_reason.empty()) {
      err << "arsred: " << target.generic_string()
          << " is the archive of a year marked slutlig and is not replaced; nothing was changed.\n"
          << "arsred: to replace it all the same, give the reason: --replace-final \"...\" (the old archive is kept "
             "beside the new one)\n";
      return kExitErrors;
    }

    // Ctrl-C waits until the staging directory is moved into place or removed.
    const TerminationDeferred deferred;
    ParentDirectories parents(target.parent_path().empty() ? fs::path(".") : target.parent_path());
    StagingDirectory staging(target);
    const std::string report_name = "arsredovisning.pdf";  // renamed below, once the year is known
    ResourceCache cache;
    YearBuild build;
    if (!RenderReport(settings, request.year_dir, staging.path() / report_name, err, cache, build)) {
      err << "arsred: nothing was archived\n";
      return kExitErrors;
    }
    const std::string report = ReportFileName(build.figures.year);
    fs::rename(staging.path() / report_name, staging.path() / report);

    ManifestContent content;
    content.year_dir = WriteSnapshot(build, settings, staging.path(), &content.hyphenation, &content.icc_profile);
    // The archive must verify: rebuild from the snapshot alone and compare byte for byte, which
    // also catches an input edited while this ran.
    {
      ResourceCache snapshot_cache;
      YearBuild rebuilt;
      std::ostringstream findings;
      const fs::path check = staging.path() / ".rebuilt.pdf";
      const bool built =
          RenderReport(SnapshotSettings(staging.path(), build.layout_source.name, content.hyphenation,
                                        content.icc_profile),
                       (staging.path() / content.year_dir).string(), check, findings, snapshot_cache, rebuilt);
      if (!built) err << findings.str();
      if (!built || ReadFileOrThrow(check) != ReadFileOrThrow(staging.path() / report)) {
        err << "arsred: the report rebuilt from the snapshot differs from the one built from " << request.year_dir
            << " (was an input changed meanwhile?); nothing was archived\n";
        return kExitErrors;
      }
      fs::remove(check);
    }

    const OrgFile& org = build.inputs.report().files.forbund;
    content.version = ARSRED_VERSION;
    content.year = build.figures.year;
    content.organisation = build.figures.organisation;
    content.marked_final = org.status && org.status->value == Status::kFinal;
    content.report = report;
    content.conformance = ConformanceOf(RenderOptionsFor(settings, build));
    content.toolchain = ToolchainVersions();
    content.layout = build.layout_source.name;
    std::optional<fs::path> kept;
    if (existing->present && existing->locked) {
      kept = KeptName(target);
      content.replace_reason = request.replace_reason;
      content.kept_as = kept->filename().string();
      content.replaced_manifest_sha256 = existing->manifest_sha256;
    }
    for (const std::string& file : FilesUnder(staging.path())) content.files.push_back(HashFile(staging.path(), file));
    const std::string manifest = ManifestText(content);
    WriteWholeFile(staging.path() / kManifestName, manifest);
    std::vector<HashedFile> sums = content.files;
    sums.push_back({kManifestName, manifest.size(), Sha256Hex(manifest)});
    WriteWholeFile(staging.path() / kSumsName, SumsText(sums));
    SyncDirectories(staging.path());

    MoveIntoPlace(staging.path(), target, *existing, kept);
    staging.Release();
    parents.Release();
    err << "arsred: archived " << content.year << " in " << target.generic_string() << " (" << content.files.size() + 2
        << " files";
    if (kept) err << "; the replaced archive is kept as " << kept->generic_string();
    err << ")\n";
    err << "arsred: seal (SHA-256 of manifest.yaml): " << Sha256Hex(manifest) << "\n";
    return ExitCodeOfWriting(build.diagnostics);
  } catch (const std::exception& failure) {
    err << "arsred: archive: " << failure.what() << "; nothing was changed\n";
    return kExitErrors;
  }
}

int VerifyArchive(const std::string& archive_dir, const std::string& recorded_seal, std::ostream& err) {
  fs::path root = fs::path(archive_dir).lexically_normal();
  if (root.filename().empty()) root = root.parent_path();
  const std::string shown = root.generic_string();
  std::vector<std::string> problems;  // "<file>: <what>"
  const auto problem = [&](const std::string& file, const std::string& what) {
    problems.push_back(shown + "/" + file + ": " + what);
  };
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    err << "arsred: verify: " << shown << (fs::exists(root, ec) ? ": not a directory (an archive is one)"
                                                                 : ": no such directory") << "\n";
    return kExitErrors;
  }
  std::string seal_of_manifest;    // "" when there is no manifest
  bool manifest_resealed = false;  // --seal names another
  try {
    // The manifest against its seal in SHA256SUMS, before anything in it is believed.
    std::map<std::string, std::string> sealed;  // path -> hash, as SHA256SUMS lists them
    const fs::path sums_path = root / kSumsName;
    const bool have_sums = fs::is_regular_file(sums_path, ec);
    if (!have_sums) problem(kSumsName, "missing");
    std::string sums_text = have_sums ? ReadFileOrThrow(sums_path) : "";
    std::istringstream sums_lines(sums_text);
    for (std::string line; std::getline(sums_lines, line);) {
      if (line.size() > 66 && line.compare(64, 2, "  ") == 0) sealed[line.substr(66)] = line.substr(0, 64);
    }
    const fs::path manifest_path = root / kManifestName;
    if (fs::is_regular_file(manifest_path, ec)) {
      const std::string actual = Sha256Hex(ReadFileOrThrow(manifest_path));
      seal_of_manifest = actual;
      // The seal the board recorded when the archive was made: SHA256SUMS, kept beside the
      // manifest, can be rewritten with it; a seal kept elsewhere cannot.
      if (!recorded_seal.empty() && recorded_seal != actual) {
        problem(kManifestName, "its seal (SHA-256) is " + actual + ", not the " + recorded_seal +
                                   " given: the manifest was changed after the archive was made");
        manifest_resealed = true;
      }
      auto seal = sealed.find(kManifestName);
      if (have_sums && (seal == sealed.end() || seal->second != actual)) {
        // Which of the two was changed cannot be told; both are named.
        problem(kManifestName, "its SHA-256 is not the one SHA256SUMS lists: one of the two was changed");
        problem(kSumsName, "does not list the SHA-256 of manifest.yaml");
      }
    }

    SourceSet sources;
    Diagnostics diagnostics;
    std::optional<Manifest> manifest = ReadManifest(manifest_path, sources, diagnostics);
    if (!manifest) {
      PrintDiagnostics(diagnostics, sources, err);
      for (const std::string& p : problems) err << "arsred: verify: " << p << "\n";
      err << "arsred: verify: " << shown << ": the manifest cannot be read; nothing else was checked\n";
      return kExitErrors;
    }

    // Each listed file against its hash; then what is there but not listed.
    std::set<std::string> listed = {kManifestName, kSumsName};
    std::vector<HashedFile> expected_sums;
    bool paths_safe = true;
    // What a rebuild that differs is explained by: a changed source file, or the report itself.
    bool sources_changed = !problems.empty();  // the manifest and its seal disagree
    bool report_changed = false;
    const auto changed = [&](const std::string& path, const std::string& what) {
      problem(path, what);
      (path == manifest->report.value ? report_changed : sources_changed) = true;
    };
    for (const ManifestFile& file : manifest->files) {
      const std::string& path = file.file.value;
      if (!IsInsideArchive(path)) {
        problem(kManifestName, "lists \"" + path + "\", which is not a path inside the archive");
        paths_safe = false;
        continue;
      }
      listed.insert(path);
      expected_sums.push_back({path, 0, file.sha256.value});
      const fs::path on_disk = root / path;
      if (!fs::is_regular_file(fs::symlink_status(on_disk, ec))) {
        changed(path, "missing");
        continue;
      }
      if (fs::file_size(on_disk, ec) > kMaxArchivedFileBytes) {
        changed(path, "larger than any file arsred archives");
        continue;
      }
      HashedFile actual = HashFile(root, path);
      if (actual.sha256 != file.sha256.value) {
        changed(path, "changed (SHA-256 " + actual.sha256 + ", the manifest says " + file.sha256.value + ")");
      } else if (static_cast<int64_t>(actual.bytes) != file.bytes.value) {
        changed(path, "changed (" + std::to_string(actual.bytes) + " bytes, the manifest says " +
                          std::to_string(file.bytes.value) + ")");
      }
    }
    for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
      if (entry.is_directory()) continue;
      const std::string relative = fs::relative(entry.path(), root).generic_string();
      if (!listed.count(relative)) changed(relative, "not in the manifest");
    }
    // SHA256SUMS must say exactly what the manifest says.
    if (have_sums) {
      std::map<std::string, std::string> expected;
      for (const HashedFile& file : expected_sums) expected[file.path] = file.sha256;
      sealed.erase(kManifestName);
      if (sealed != expected) problem(kSumsName, "does not list the hashes of the manifest");
    }

    // The report rebuilt from the snapshot, byte for byte.
    const ManifestSettings& s = manifest->settings;
    const bool settings_safe = IsInsideArchive(s.year_dir.value) && IsInsideArchive(s.data_dir.value) &&
                               IsInsideArchive(s.hyphenation.value) && IsInsideArchive(s.icc_profile.value) &&
                               IsInsideArchive(manifest->report.value) &&
                               IsLayoutName(s.layout.value) && s.data_dir.value == kSourceDir;
    if (!settings_safe) problem(kManifestName, "its settings name paths outside the archive");
    const std::vector<ComponentVersion> toolchain = ToolchainVersions();
    if (manifest->toolchain.empty()) {
      if (manifest->arsred.value != ARSRED_VERSION) {
        err << "arsred: verify: note: the archive was made by arsred " << manifest->arsred.value
            << ", this is arsred " << ARSRED_VERSION << "\n";
      }
    } else if (auto changes = ToolchainChanges(manifest->toolchain, toolchain); !changes.empty()) {
      err << "arsred: verify: note: the toolchain is not the one that made the archive: " << Joined(changes, "; ")
          << "\n";
    }
    if (settings_safe && paths_safe) {
      char pattern[] = "/tmp/arsred-verify-XXXXXX";
      if (::mkdtemp(pattern) == nullptr) throw ArchiveFailure(std::string("cannot make a temporary directory: ") + std::strerror(errno));
      const fs::path scratch = pattern;
      struct Remove {
        fs::path path;
        ~Remove() {
          std::error_code ignored;
          fs::remove_all(path, ignored);
        }
      } remove{scratch};
      ResourceCache cache;
      YearBuild rebuilt;
      std::ostringstream findings;
      const fs::path rebuilt_pdf = scratch / "rebuilt.pdf";
      const bool built = RenderReport(SnapshotSettings(root, s.layout.value, s.hyphenation.value, s.icc_profile.value),
                                      (root / s.year_dir.value).string(), rebuilt_pdf, findings, cache, rebuilt);
      const fs::path archived_pdf = root / manifest->report.value;
      if (!built && sources_changed) {
        // The findings would be about the changed copy (and advise editing the archive): the
        // changed files, listed below, are what the archive's reader needs to know.
        problem(manifest->report.value, "cannot be rebuilt from " + std::string(kSourceDir) +
                                            "/, whose files listed here were changed after archiving: they no "
                                            "longer make the final report");
      } else if (!built) {
        err << findings.str();
        problem(manifest->report.value, "cannot be rebuilt from " + std::string(kSourceDir) + "/");
      } else if (!fs::is_regular_file(archived_pdf, ec) || ReadFileOrThrow(rebuilt_pdf) != ReadFileOrThrow(archived_pdf)) {
        problem(manifest->report.value, "differs from the report rebuilt from " + std::string(kSourceDir) + "/: " +
                                            (manifest_resealed
                                                 ? std::string("the manifest, and with it the report it lists, was "
                                                               "changed after the archive was made (its seal)")
                                                 : ExplainRebuildDifference(sources_changed, report_changed,
                                                                            manifest->toolchain, toolchain)));
      }
    }
  } catch (const std::exception& failure) {
    err << "arsred: verify: " << failure.what() << "\n";
    return kExitErrors;
  }
  std::sort(problems.begin(), problems.end());
  problems.erase(std::unique(problems.begin(), problems.end()), problems.end());
  for (const std::string& p : problems) err << "arsred: verify: " << p << "\n";
  // To compare with the seal recorded when the archive was made (or give it with --seal).
  if (!seal_of_manifest.empty()) err << "arsred: verify: seal (SHA-256 of manifest.yaml): " << seal_of_manifest << "\n";
  if (!problems.empty()) {
    err << "arsred: verify: " << shown << ": " << problems.size() << (problems.size() == 1 ? " problem" : " problems")
        << "\n";
    return kExitErrors;
  }
  err << "arsred: verify: " << shown << ": every file matches its hash, and the report rebuilt from source/ is "
      << "identical\n";
  return kExitClean;
}

}  // namespace arsred
