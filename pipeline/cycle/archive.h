// The yearly archive: the final report as PDF/A-2b together with everything it was made from,
// sealed by SHA-256 hashes, so that anyone can later show that the archived PDF is the one these
// inputs make (`arsred verify`).
//
// archive/2023/
//   arsredovisning-2023.pdf      the final report (PDF/A-2a and PDF/UA-1, or PDF/A-2b untagged)
//   source/inputs/<year>/*.yaml  every input file read (the report year and the years before it)
//   source/inputs/<year>/bokforing.se, faststallande.yaml
//                                the books the figures were imported from and the approval
//                                record, when the report year has them
//   source/layouts/<name>.yaml   the layout, wherever it was read from (and any font found beside it)
//   source/fonts/                the fonts embedded from <data_dir>/fonts, with their licence
//   source/hyphenation/*.dic     the hyphenation dictionary the lines were broken with
//   source/color/*.icc           the ICC profile of the output intent
//   manifest.yaml                each file with its size and SHA-256, the settings, the versions
//                                of arsred and of every library that shapes the PDF's bytes
//   SHA256SUMS                   the same hashes and the manifest's, for `sha256sum -c`
//
// The directory is written beside its final place, every file and directory synced to the disk,
// and renamed into it, so that it is complete or absent, also after a power cut. The archive of a year marked slutlig is locked: it is replaced only on request, with
// a reason, and the old archive is kept beside the new one.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "build.h"
#include "render_pdf.h"
#include "values.h"

namespace arsred {

// manifest.yaml, read back with the same strict loader as the inputs.
struct ManifestFile : Anchor {
  static constexpr std::string_view kName = "ManifestFile";
  Located<std::string> file;  // relative to the archive directory ("path" in the file)
  Located<int64_t> bytes;
  Located<std::string> sha256;
  template <class V>
  void Fields(V& v) {
    v("path", file, "The file, relative to the archive directory.");
    v("bytes", bytes, "Its size.");
    v("sha256", sha256, "Its SHA-256, in hexadecimal.");
  }
};

struct ManifestSettings : Anchor {
  static constexpr std::string_view kName = "ManifestSettings";
  Located<std::string> year_dir;
  Located<std::string> data_dir;
  Located<std::string> layout;
  Located<std::string> hyphenation;
  Located<std::string> icc_profile;
  Located<std::string> pdf;
  template <class V>
  void Fields(V& v) {
    v("year_dir", year_dir, "The report year's inputs in the snapshot.");
    v("data_dir", data_dir, "The snapshot's directory of layouts/ and fonts/.");
    v("layout", layout, "The layout's name: source/layouts/<name>.yaml.");
    v("hyphenation", hyphenation, "The hyphenation dictionary in the snapshot.");
    v("icc_profile", icc_profile, "The ICC profile in the snapshot.");
    v("pdf", pdf, "The conformance the PDF claims: PDF/A-2a, PDF/UA-1 (tagged) or PDF/A-2b.");
  }
};

struct ManifestComponent : Anchor {
  static constexpr std::string_view kName = "ManifestComponent";
  Located<std::string> name;
  Located<std::string> version;
  template <class V>
  void Fields(V& v) {
    v("name", name, "arsred, the compiler, or a library whose version shapes the PDF's bytes.");
    v("version", version, "Its version when the archive was made.");
  }
};

struct ManifestReplacement : Anchor {
  static constexpr std::string_view kName = "ManifestReplacement";
  Located<std::string> reason;
  Located<std::string> kept_as;
  Located<std::string> manifest_sha256;
  template <class V>
  void Fields(V& v) {
    v("reason", reason, "Why the archive of a final year was replaced (--replace-final).");
    v("kept_as", kept_as, "Where the replaced archive was kept.");
    v("manifest_sha256", manifest_sha256, "The SHA-256 of the replaced archive's manifest.");
  }
};

struct Manifest : Anchor {
  static constexpr std::string_view kName = "manifest.yaml";
  Located<std::string> arsred;  // the version that made the archive
  Located<int64_t> year;
  Located<std::string> organisation;
  Located<bool> marked_final;  // the inputs' status was slutlig: the archive is locked
  Located<std::string> report;
  ManifestSettings settings;
  std::vector<ManifestComponent> toolchain;  // empty in archives made before it was recorded
  std::optional<ManifestReplacement> replaces;
  std::vector<ManifestFile> files;
  template <class V>
  void Fields(V& v) {
    v("arsred", arsred, "The arsred version that made the archive.");
    v("year", year, "The report's year.");
    v("organisation", organisation, "The förbund.");
    v("marked_final", marked_final, "Whether the inputs were marked slutlig (then the archive is locked).");
    v("report", report, "The report's file.");
    v("settings", settings, "How the report was made.");
    v("toolchain", toolchain, "What made the PDF's bytes: the same inputs rebuild the same bytes under the same versions.");
    v("replaces", replaces, "Present when this archive replaced the archive of a final year.");
    v("files", files, "Every file of the archive except manifest.yaml and SHA256SUMS.");
  }
};

struct ArchiveRequest {
  std::string year_dir;        // e.g. inputs/2023
  std::string archive_dir;     // e.g. archive/2023
  std::string replace_reason;  // --replace-final; empty when not given
};

// `arsred archive`: builds the final report and writes the archive. Returns the exit code
// (2, with nothing changed, when the inputs have errors or the archive is locked).
int ArchiveYear(const BuildSettings& settings, const ArchiveRequest& request, std::ostream& err);

// Why a report rebuilt from an archive's snapshot differs from the archived one: a source file
// was changed, the report itself was, the toolchain differs from the `recorded` one (each
// difference named), or none of these: the report and its manifest both rewritten, or a bug.
std::string ExplainRebuildDifference(bool sources_changed, bool report_changed,
                                     const std::vector<ManifestComponent>& recorded,
                                     const std::vector<ComponentVersion>& current);

// `arsred verify`: checks every file against the manifest and rebuilds the report from the
// snapshot. Returns 0 when everything matches, 2 after naming each file that does not. When
// the rebuild differs, it says whether a source file changed or the toolchain did. It prints
// the manifest's seal (its SHA-256); `recorded_seal`, when not empty, is the seal recorded when
// the archive was made (in the board's minutes, say), which the manifest must still have.
int VerifyArchive(const std::string& archive_dir, const std::string& recorded_seal, std::ostream& err);

}  // namespace arsred
