#include "approval.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "sha256.h"
#include "field_traits.h"
#include "validate.h"

namespace arsred {

namespace {

namespace fs = std::filesystem;

// The values of a file in a canonical form, one "path = value" line each, so that its
// fingerprint changes with a figure or a text and not with a comment or the YAML's layout.
struct CanonicalWriter {
  std::string out;
  std::string path;

  template <class M>
  void operator()(const char* key, M& member, const char*) {
    const std::string outer = path;
    path = outer.empty() ? key : outer + "." + key;
    Visit(member);
    path = outer;
  }

  template <class T>
  void Visit(T& value) {
    if constexpr (IsOptional<T>::value) {
      if (value) Visit(*value);
    } else if constexpr (IsVector<T>::value) {
      const std::string outer = path;
      for (size_t i = 0; i < value.size(); ++i) {
        path = outer + "[" + std::to_string(i) + "]";
        Visit(value[i]);
      }
      path = outer;
    } else if constexpr (IsDict<T>::value) {
      const std::string outer = path;
      for (auto& [id, entry] : value.entries) {
        path = outer + "." + id.value.name;
        Visit(entry);
      }
      path = outer;
    } else if constexpr (IsLocated<T>::value) {
      out += path + " = " + Text(value.value) + "\n";
    } else {
      value.Fields(*this);
    }
  }

  template <class V>
  static std::string Text(const V& v) {
    if constexpr (std::is_same_v<V, std::string>) return v;
    else if constexpr (std::is_same_v<V, arsred::Text>) return v.raw;
    else if constexpr (std::is_same_v<V, int64_t>) return std::to_string(v);
    else if constexpr (std::is_same_v<V, Money>) return std::to_string(v.kronor) + (v.exact() ? "" : " (tkr)");
    else if constexpr (std::is_same_v<V, Decimal> || std::is_same_v<V, Date> || std::is_same_v<V, YearOrDate>) {
      return v.ToString();
    } else if constexpr (std::is_same_v<V, bool>) return v ? "true" : "false";
    else if constexpr (std::is_same_v<V, Id>) return v.name;
    else return std::string(SpellingOf(v));
  }
};

template <class File>
void Fingerprint(const YearInput& year, bool report_year, const std::string& key_prefix, const char* name,
                 const File& file, std::map<std::string, std::string>& out) {
  if (!year.present.count(name) || !ReadsYearFile(name, report_year)) return;
  CanonicalWriter writer;
  const_cast<File&>(file).Fields(writer);  // Fields() only hands out references; nothing is changed
  out[key_prefix + name] = Sha256Hex(writer.out);
}

// The fingerprints of the files of `year` that a report of `report_year`'s kind reads, keyed by
// `key_prefix` and the file's name.
void FingerprintFiles(const YearInput& year, bool report_year, const std::string& key_prefix,
                      std::map<std::string, std::string>& out) {
  const YearFiles& f = year.files;
  Fingerprint(year, report_year, key_prefix, "forbund.yaml", f.forbund, out);
  Fingerprint(year, report_year, key_prefix, "text.yaml", f.text, out);
  Fingerprint(year, report_year, key_prefix, "verksamhet.yaml", f.verksamhet, out);
  Fingerprint(year, report_year, key_prefix, "budget.yaml", f.budget, out);
  Fingerprint(year, report_year, key_prefix, "rakenskaper.yaml", f.rakenskaper, out);
  Fingerprint(year, report_year, key_prefix, "rattelser.yaml", f.rattelser, out);
}

// An earlier year's file is recorded in the report year's approval as "2024/rakenskaper.yaml".
std::string EarlierYearPrefix(int year) { return std::to_string(year) + "/"; }

// Where a file of the year stands in the sources, for a finding about the file as a whole.
Where StartOf(const YearInput& year, const std::string& name) {
  const YearFiles& f = year.files;
  const std::map<std::string, const Anchor*> anchors = {
      {"forbund.yaml", &f.forbund},         {"text.yaml", &f.text},     {"verksamhet.yaml", &f.verksamhet},
      {"budget.yaml", &f.budget},           {"rakenskaper.yaml", &f.rakenskaper}, {"rattelser.yaml", &f.rattelser}};
  auto it = anchors.find(name);
  const Anchor* anchor = it == anchors.end() ? nullptr : it->second;
  if (!anchor || anchor->where.file < 0) return Where{};
  return Where{anchor->where.file, 1, 1};
}

}  // namespace

ApprovalRecord ReadApproval(const std::string& year_dir) {
  ApprovalRecord record;
  const fs::path path = fs::path(year_dir) / kApprovalFileName;
  std::error_code error;
  if (!fs::exists(path, error)) return record;
  record.exists = true;
  try {
    YAML::Node root = YAML::LoadFile(path.string());
    if (root["faststalld"]) record.approved = root["faststalld"].as<std::string>();
    if (root["filer"]) {
      for (const auto& entry : root["filer"]) record.files[entry.first.as<std::string>()] = entry.second.as<std::string>();
    }
    if (root["ateroppnad"]) {
      for (const auto& entry : root["ateroppnad"]) {
        record.reopened.emplace_back(entry["faststalld"].as<std::string>(""), entry["skal"].as<std::string>(""));
      }
    }
  } catch (const YAML::Exception& damage) {
    // A damaged record protects nothing: it is treated as an approval no file matches, and said.
    record.files["faststallande.yaml"] = "unreadable";
    record.unreadable = damage.mark.is_null() ? damage.msg
                                              : "line " + std::to_string(damage.mark.line + 1) + ", column " +
                                                    std::to_string(damage.mark.column + 1) + ": " + damage.msg;
  }
  return record;
}

std::string ApprovalText(const ApprovalRecord& record) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  if (!record.files.empty()) {
    out << YAML::Key << "faststalld" << YAML::Value << record.approved;
    out << YAML::Key << "filer" << YAML::Value << YAML::BeginMap;
    for (const auto& [name, sha] : record.files) out << YAML::Key << name << YAML::Value << sha;
    out << YAML::EndMap;
  }
  if (!record.reopened.empty()) {
    out << YAML::Key << "ateroppnad" << YAML::Value << YAML::BeginSeq;
    for (const auto& [approved, why] : record.reopened) {
      out << YAML::BeginMap << YAML::Key << "faststalld" << YAML::Value << approved << YAML::Key << "skal"
          << YAML::Value << YAML::DoubleQuoted << why << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  out << YAML::EndMap;
  return "# Written by `arsred approve` and `arsred reopen` (docs/approval.md): the fingerprints of the\n"
         "# year's files as the board approved them. Do not edit it; reopen the year to change the year.\n" +
         std::string(out.c_str()) + "\n";
}

std::map<std::string, std::string> FingerprintReport(const InputSet& inputs) {
  std::map<std::string, std::string> out;
  const YearInput& year = inputs.report();
  FingerprintFiles(year, /*report_year=*/true, "", out);
  // The books the figures were imported from are kept byte for byte, so their hash is of the
  // bytes: a different export put in their place is a change to the year.
  const fs::path books = fs::path(year.dir) / kBooksFileName;
  std::error_code error;
  if (fs::is_regular_file(books, error)) {
    std::ifstream in(books, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    out[kBooksFileName] = in.bad() ? "unreadable" : Sha256Hex(bytes.str());
  }
  // The earlier years' figures that the report prints: its comparison column and overviews.
  for (const auto& [number, earlier] : inputs.years) {
    if (number != inputs.report_year) FingerprintFiles(earlier, /*report_year=*/false, EarlierYearPrefix(number), out);
  }
  return out;
}

namespace {

// A file that an approval record names, as the key says: one of the approved year's own, or
// "2024/rakenskaper.yaml", an earlier year's that the approved report prints figures from.
struct RecordedFile {
  const YearInput* year = nullptr;  // null when that year has no directory now
  std::string name;
  std::string shown;  // e.g. "inputs/2024/rakenskaper.yaml"
};

RecordedFile Resolve(const InputSet& inputs, const YearInput& approved, const std::string& key) {
  const size_t slash = key.find('/');
  if (slash == std::string::npos) return {&approved, key, approved.dir + "/" + key};
  const std::string year_name = key.substr(0, slash);
  int number = 0;
  for (char c : year_name) number = number * 10 + (c - '0');
  const YearInput* year = inputs.Find(number);
  const std::string dir = year ? year->dir : (fs::path(approved.dir).parent_path() / year_name).string();
  return {year, key.substr(slash + 1), dir + "/" + key.substr(slash + 1)};
}

bool IsEarlierYearKey(const std::string& key) { return key.find('/') != std::string::npos; }

// Checks the files of `year` that this report reads against its approval. For the report year
// that includes the earlier years' files it prints figures from; for an earlier year, only its
// own files that this report reads (its prose, say, is its own report's business).
void CheckApproval(const InputSet& inputs, const YearInput& year, bool report_year, Diagnostics& diagnostics) {
  const ApprovalRecord record = ReadApproval(year.dir);
  const OrgFile& org = year.files.forbund;
  const bool final_year = org.status && org.status->value == Status::kFinal;
  if (!record.unreadable.empty()) {
    // Every file would otherwise be "added since the year was approved ()": the cause is one.
    diagnostics.Error("approval.unreadable", Where{}, "faststallande.yaml",
                      (fs::path(year.dir) / kApprovalFileName).string() + " cannot be read (" + record.unreadable +
                          "): restore it from the archive or a copy; if there is none and the board approved the "
                          "files as they are, remove it and record the approval again with `arsred approve " +
                          year.dir + "`");
    return;
  }
  if (record.files.empty()) {
    // Only the report year's own status asks for a record (an earlier year is checked when it is
    // built), and only once it could be approved: a year with errors hears of those first.
    if (final_year && report_year && !diagnostics.HasErrors()) {
      diagnostics.Warning("approval.missing", org.status->where, "status",
                          "marked slutlig, but the year's figures are not recorded: `arsred approve " + year.dir +
                              "` records them, so that a later change is caught");
    }
    return;
  }
  std::map<std::string, std::string> now;
  if (report_year) {
    now = FingerprintReport(inputs);
  } else {
    FingerprintFiles(year, /*report_year=*/false, "", now);
  }
  // What this report does not read is not compared. A record made before approvals covered the
  // earlier years has none of theirs.
  const bool record_covers_earlier_years =
      std::any_of(record.files.begin(), record.files.end(), [](const auto& entry) { return IsEarlierYearKey(entry.first); });
  auto compared = [&](const std::string& key) {
    if (IsEarlierYearKey(key)) return report_year && record_covers_earlier_years;
    return report_year || (ReadsYearFile(key, false) && key != kBooksFileName);
  };
  const std::string reopen = "; undo the change, or reopen the year: arsred reopen " + year.dir + " --reason \"…\"";
  auto report = [&](const std::string& key, const std::string& what) {
    const RecordedFile file = Resolve(inputs, year, key);
    const Where at = file.year ? StartOf(*file.year, file.name) : Where{};
    const std::string since = report_year && !IsEarlierYearKey(key) ? "the year" : year.dir;
    const std::string whose = IsEarlierYearKey(key) ? ", whose report prints its figures" : "";
    diagnostics.Error("approval.changed", at.known() ? at : Where{}, file.name,
                      file.shown + " " + what + " since " + since + " was approved (" + record.approved + ")" +
                          whose + reopen);
  };
  for (const auto& [key, sha] : record.files) {
    if (!compared(key)) continue;
    auto current = now.find(key);
    if (current == now.end()) {
      report(key, "is gone");
    } else if (current->second != sha) {
      report(key, "has changed");
    }
  }
  for (const auto& [key, sha] : now) {
    if (compared(key) && !record.files.count(key)) report(key, "was added");
  }
}

}  // namespace

void CheckApprovals(const InputSet& inputs, Diagnostics& diagnostics) {
  for (const auto& [number, year] : inputs.years) {
    if (year.complete) CheckApproval(inputs, year, number == inputs.report_year, diagnostics);
  }
}

bool IsApproved(const YearInput& year) { return !ReadApproval(year.dir).files.empty(); }

}  // namespace arsred
