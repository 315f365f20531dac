// Stage 1, load: a year directory of YAML files -> typed data with source positions.
//
// LoadInputs reads the requested year and every year directory beside it up to that year (the
// prior year gives the comparative columns; older years feed multi-year overviews). A year
// whose files cannot be read or parsed is still returned, marked not `complete`, so that
// validation can report everything else it finds.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "diagnostics.h"
#include "model.h"
#include "source.h"
#include "yaml_reader.h"

namespace arsred {

struct YearInput {
  int year = 0;
  std::string dir;                 // as shown in messages, e.g. "inputs/2023"
  YearFiles files;
  std::set<std::string> present;   // the file names that exist, e.g. "text.yaml"
  bool complete = true;            // every present file parsed and loaded without error, but for
                                   // values still to fill in that a draft can show
  int values_to_fill = 0;          // `ATT FYLLA I` markers in place of values (fill.value)

  // Whether its figures can be checked and carried: complete, with nothing left to fill in.
  bool checkable() const { return complete && values_to_fill == 0; }
};

struct InputSet {
  SourceSet sources;
  int report_year = 0;
  std::map<int, YearInput> years;  // the report year and the years before it that have directories

  const YearInput* Find(int year) const {
    auto it = years.find(year);
    return it == years.end() ? nullptr : &it->second;
  }
  const YearInput& report() const { return years.at(report_year); }
};

// The record of a year's approval (approval.h): in the year's directory, not an input file.
inline constexpr const char* kApprovalFileName = "faststallande.yaml";
// The books the year's figures were imported from: `arsred import-sie` keeps a copy of the SIE
// file under this name, and the archive keeps it with the inputs. Not read by a build.
inline constexpr const char* kBooksFileName = "bokforing.se";

// The files of a year directory, in reading order, and whether a report year must have them.
struct YearFileSpec {
  const char* name;
  bool required_for_report;
  bool required_for_comparative;
};
extern const YearFileSpec kYearFileSpecs[6];

// Whether a report reads the file `name` of one of its years. It reads every file of its own
// year, and of the years before it only their figures: their prose (text.yaml) and corrections
// (rattelser.yaml) belong to their own reports.
bool ReadsYearFile(std::string_view name, bool report_year);

// Reads `year_dir` (its last path component must be the year) and its sibling years. Returns
// false when the year directory itself cannot be used; the reasons are in `diagnostics`.
bool LoadInputs(const std::string& year_dir, InputSet& inputs, Diagnostics& diagnostics,
                const ReaderLimits& limits = {});

// Loads one file's text into the struct of that file (used by LoadInputs, tests and fuzzing).
void LoadFileText(std::string text, const std::string& name, const std::string& shown_path, YearFiles& files,
                  SourceSet& sources, Diagnostics& diagnostics, const ReaderLimits& limits = {});

}  // namespace arsred
