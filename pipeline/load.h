// Stage 1, load: a year directory of YAML files -> typed data with source positions.
//
// LoadInputs reads the requested year and every year directory beside it up to that year (the
// prior year gives the comparative columns; older years feed multi-year overviews). A year
// whose files cannot be read or parsed is still returned, marked not `complete`, so that
// validation can report everything else it finds.
#pragma once

#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

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
  bool complete = true;            // every present file parsed and loaded without error
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

// The files of a year directory, in reading order, and whether a report year must have them.
struct YearFileSpec {
  const char* name;
  bool required_for_report;
  bool required_for_comparative;
};
extern const YearFileSpec kYearFileSpecs[6];

struct FileJob;  // a file read and waiting to be parsed (load.cc)

// The files LoadInputs has read, waiting to be parsed: yaml-cpp's scanner is most of loading,
// and two threads parse them in about half the time. The thread that loads works through
// them; another thread may help once it has done other work (RunStages's helper does, after
// loading the hyphenation dictionary), so that no third thread competes for two cores.
class FileQueue {
 public:
  FileQueue() = default;
  FileQueue(const FileQueue&) = delete;
  FileQueue& operator=(const FileQueue&) = delete;

  // Parses files until none is left. Waits while they are still being read; returns at once
  // when loading is over (or never needed help).
  void Help();

  // For LoadInputs: `jobs` (which stay the caller's) are ready, to be taken in `order`.
  void Open(std::vector<FileJob>& jobs, std::vector<size_t> order, const SourceSet& sources,
            const ReaderLimits& limits);
  // For LoadInputs: helps, then waits for the files other threads have in hand. Later Help()
  // calls return at once. Rethrows a failure (out of memory, say) from any thread.
  void Close();

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<FileJob>* jobs_ = nullptr;
  std::vector<size_t> order_;
  const SourceSet* sources_ = nullptr;
  const ReaderLimits* limits_ = nullptr;
  size_t next_ = 0;  // into order_
  size_t busy_ = 0;  // files being parsed
  bool open_ = false;
  bool closed_ = false;
  std::exception_ptr failure_;
};

// Reads `year_dir` (its last path component must be the year) and its sibling years. Returns
// false when the year directory itself cannot be used; the reasons are in `diagnostics`.
// `helped` is a queue that another thread helps with; without one, LoadInputs parses on a
// helper thread of its own besides the calling thread.
bool LoadInputs(const std::string& year_dir, InputSet& inputs, Diagnostics& diagnostics,
                const ReaderLimits& limits = {}, FileQueue* helped = nullptr);

// Loads one file's text into the struct of that file (used by LoadInputs, tests and fuzzing).
void LoadFileText(std::string text, const std::string& name, const std::string& shown_path, YearFiles& files,
                  SourceSet& sources, Diagnostics& diagnostics, const ReaderLimits& limits = {});

}  // namespace arsred
