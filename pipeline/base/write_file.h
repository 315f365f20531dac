// Writing a file whole or not at all, and durably: into a temporary file beside it (so that the
// rename cannot cross file systems; the process id in its name keeps two runs apart), synced to
// the disk, renamed over the target, and the directory synced, so that after a power cut the
// target is either the old file or the new one, never an empty or partial file under its name.
// Every file arsred writes goes through it: reports, imported figures, records, schemas.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace arsred {

// The steps of a write, for tests that make one of them fail.
enum class WriteStep { kCreate, kWrite, kSyncFile, kRename, kSyncDirectory };
// Returns true to make the step fail as if the system had refused it (with EIO).
using WriteFault = std::function<bool(WriteStep)>;

// Throws std::runtime_error naming the path and the system's reason when a step fails. Up to
// the rename the target is left as it was and the temporary file removed; a failure to sync the
// directory after the rename leaves the new file in place and still throws, since it may not
// survive a power cut.
void WriteFileAtomically(const std::filesystem::path& path, const std::string& bytes, const WriteFault& fault = {});

// Writes `bytes` to standard output (`-o -`, for a pipe), all of them; throws std::runtime_error
// with the system's reason when it cannot. There is no temporary file to fall back on: a reader
// at the other end of a pipe that stops early sees a short stream.
void WriteToStandardOutput(const std::string& bytes);

// One file to write of several written together.
struct FileToWrite {
  std::filesystem::path path;
  std::string bytes;
};

// Writes files that only make sense together (the books kept by an import and the figures taken
// from them): all of them or none. Each is first written whole to its temporary file; only then
// are they renamed into place, in order, with the file each replaces kept under a second name
// until the last rename is done. When a rename fails, the files renamed before it are put back
// (or removed, where there was none), and nothing of the write is left beside them. Throws
// std::runtime_error as WriteFileAtomically does. A power cut between two renames can still
// leave the first file new and the second old, with the first's old file beside it.
void WriteFilesTogether(const std::vector<FileToWrite>& files, const WriteFault& fault = {});

// While one is alive, SIGINT, SIGTERM and SIGHUP are held back, and one that arrives is
// delivered when the last one ends: an interrupted write then still finishes (or cleans up after
// itself) instead of leaving a temporary file, or the first of two files that belong together
// without the second. A write takes milliseconds, so Ctrl-C is not noticeably slower. Signals
// that the process ignores stay ignored. Not for use from several threads at once.
class TerminationDeferred {
 public:
  TerminationDeferred();
  ~TerminationDeferred();
  TerminationDeferred(const TerminationDeferred&) = delete;
  TerminationDeferred& operator=(const TerminationDeferred&) = delete;
};

// Removes what runs of arsred that were killed (SIGKILL, a power cut) left beside `target`:
// the files and directories named `<target's name><marker><pid>`, or that with a leading dot or a
// trailing "-<n>", whose process is gone. A run still at work (its process alive) is left alone,
// and so is every other name. Errors are ignored: these are leftovers, not the write itself.
void RemoveLeftoversOfKilledRuns(const std::filesystem::path& target, const std::string& marker);

// For a directory that is staged whole and renamed into place (`new`, `archive`): a file of it,
// written and synced; and the sync of a directory, after its files or after a rename into it.
// Both throw std::runtime_error naming the path and the system's reason.
void WriteFileDurably(const std::filesystem::path& path, const std::string& bytes);
void SyncDirectory(const std::filesystem::path& directory);

}  // namespace arsred
