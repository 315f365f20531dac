#include "approval.h"

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
void Fingerprint(const YearInput& year, const char* name, const File& file, std::map<std::string, std::string>& out) {
  if (!year.present.count(name)) return;
  CanonicalWriter writer;
  const_cast<File&>(file).Fields(writer);  // Fields() only hands out references; nothing is changed
  out[name] = Sha256Hex(writer.out);
}

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
  } catch (const YAML::Exception&) {
    // A damaged record protects nothing: it is treated as an approval no file matches.
    record.files["faststallande.yaml"] = "unreadable";
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

std::map<std::string, std::string> FingerprintYear(const YearInput& year) {
  std::map<std::string, std::string> out;
  const YearFiles& f = year.files;
  Fingerprint(year, "forbund.yaml", f.forbund, out);
  Fingerprint(year, "text.yaml", f.text, out);
  Fingerprint(year, "verksamhet.yaml", f.verksamhet, out);
  Fingerprint(year, "budget.yaml", f.budget, out);
  Fingerprint(year, "rakenskaper.yaml", f.rakenskaper, out);
  Fingerprint(year, "rattelser.yaml", f.rattelser, out);
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
  return out;
}

namespace {

void CheckApproval(const YearInput& year, bool report_year, Diagnostics& diagnostics) {
  const ApprovalRecord record = ReadApproval(year.dir);
  const OrgFile& org = year.files.forbund;
  const bool final_year = org.status && org.status->value == Status::kFinal;
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
  const std::map<std::string, std::string> now = FingerprintYear(year);
  const std::string reopen = "; undo the change, or reopen the year: arsred reopen " + year.dir + " --reason \"…\"";
  for (const auto& [name, sha] : record.files) {
    auto current = now.find(name);
    if (current == now.end() || current->second != sha) {
      Where at = StartOf(year, name);
      diagnostics.Error("approval.changed", at.known() ? at : Where{}, name,
                        year.dir + "/" + name + (current == now.end() ? " is gone" : " has changed") +
                            " since the year was approved (" + record.approved + ")" + reopen);
    }
  }
  for (const auto& [name, sha] : now) {
    if (!record.files.count(name)) {
      diagnostics.Error("approval.changed", StartOf(year, name), name,
                        year.dir + "/" + name + " was added after the year was approved (" + record.approved + ")" +
                            reopen);
    }
  }
}

}  // namespace

void CheckApprovals(const InputSet& inputs, Diagnostics& diagnostics) {
  for (const auto& [number, year] : inputs.years) {
    if (year.complete) CheckApproval(year, number == inputs.report_year, diagnostics);
  }
}

bool IsApproved(const YearInput& year) { return !ReadApproval(year.dir).files.empty(); }

}  // namespace arsred
