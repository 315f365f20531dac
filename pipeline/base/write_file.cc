#include "write_file.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iterator>
#include <stdexcept>

namespace arsred {

namespace {

// A file descriptor that is closed however the write ends.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }
  // Closes now, for the result of close() to count: some file systems report a failed write there.
  bool Close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

}  // namespace

namespace {

bool Failed(const WriteFault& fault, WriteStep step) {
  if (fault && fault(step)) {
    errno = EIO;
    return true;
  }
  return false;
}

std::runtime_error Failure(const std::string& what, const std::filesystem::path& subject) {
  return std::runtime_error("cannot " + what + " " + subject.string() + ": " + std::strerror(errno));
}

enum class Creation { kCreateOrTruncate, kFreshTemporary };

// Creates (or truncates) `path`, writes `bytes` and syncs them; throws on the first failure. A
// fresh temporary is a new file: whatever stands at its name (one left by a run that died with
// this process id, or a symbolic link planted there, which is removed and not followed) goes
// first, and should another appear meanwhile, the create fails.
void WriteAndSync(const std::filesystem::path& path, const std::string& bytes, const WriteFault& fault,
                  Creation creation = Creation::kCreateOrTruncate) {
  int flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;
  if (creation == Creation::kFreshTemporary) {
    ::unlink(path.c_str());
    flags |= O_EXCL | O_NOFOLLOW;
  }
  Descriptor file(Failed(fault, WriteStep::kCreate) ? -1 : ::open(path.c_str(), flags, 0666));
  if (file.get() < 0) throw Failure("create", path);
  for (size_t written = 0; written < bytes.size();) {
    const ssize_t n = Failed(fault, WriteStep::kWrite) ? -1 : ::write(file.get(), bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Failure("write", path);
    written += static_cast<size_t>(n);
  }
  if (Failed(fault, WriteStep::kSyncFile) || ::fsync(file.get()) != 0 || !file.Close()) throw Failure("write", path);
}

// A report is written over a regular file or none: renamed over a device (`-o /dev/null`), a
// pipe or a socket, it would replace that with a file.
void RefuseNonRegularTarget(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (error || !fs::exists(status) || fs::is_regular_file(status)) return;
  const char* what = fs::is_directory(status) ? "a directory" : "not a regular file (a device, a pipe or a socket)";
  throw std::runtime_error("cannot write " + path.string() + ": it is " + what + ", which a file written here would replace");
}

}  // namespace

namespace {

constexpr int kDeferredSignals[] = {SIGINT, SIGTERM, SIGHUP};
int deferring = 0;                          // TerminationDeferred objects alive
volatile sig_atomic_t pending_signal = 0;  // the signal held back, if any
struct sigaction previous_actions[std::size(kDeferredSignals)];

extern "C" void HoldBackSignal(int signal) { pending_signal = signal; }

}  // namespace

TerminationDeferred::TerminationDeferred() {
  if (deferring++ > 0) return;
  pending_signal = 0;
  struct sigaction hold {};
  hold.sa_handler = HoldBackSignal;
  sigemptyset(&hold.sa_mask);
  for (size_t i = 0; i < std::size(kDeferredSignals); ++i) {
    ::sigaction(kDeferredSignals[i], nullptr, &previous_actions[i]);
    if (previous_actions[i].sa_handler != SIG_IGN) ::sigaction(kDeferredSignals[i], &hold, nullptr);
  }
}

TerminationDeferred::~TerminationDeferred() {
  if (--deferring > 0) return;
  for (size_t i = 0; i < std::size(kDeferredSignals); ++i) ::sigaction(kDeferredSignals[i], &previous_actions[i], nullptr);
  if (pending_signal != 0) ::raise(pending_signal);
}

void WriteFileDurably(const std::filesystem::path& path, const std::string& bytes) { WriteAndSync(path, bytes, {}); }

void RemoveLeftoversOfKilledRuns(const std::filesystem::path& target, const std::string& marker) {
  namespace fs = std::filesystem;
  const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string stem = target.filename().string() + marker;
  std::error_code ec;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string filename = it->path().filename().string();
    std::string_view name = filename;
    if (name.starts_with('.') && !stem.starts_with('.')) name.remove_prefix(1);
    if (!name.starts_with(stem)) continue;
    name.remove_prefix(stem.size());
    const std::string_view digits = name.substr(0, name.find('-'));
    if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string_view::npos) continue;
    const std::string_view rest = name.substr(digits.size());
    if (!rest.empty() && (rest.size() < 2 || rest.substr(1).find_first_not_of("0123456789") != std::string_view::npos)) {
      continue;
    }
    const pid_t pid = static_cast<pid_t>(std::stol(std::string(digits)));
    if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
    std::error_code ignored;
    fs::remove_all(it->path(), ignored);
  }
}

void SyncDirectory(const std::filesystem::path& directory) {
  Descriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0 || ::fsync(dir.get()) != 0) throw Failure("sync the directory", directory);
}

void WriteFileAtomically(const std::filesystem::path& path, const std::string& bytes, const WriteFault& fault) {
  namespace fs = std::filesystem;
  const fs::path temp = path.string() + ".arsred-tmp-" + std::to_string(::getpid());
  RefuseNonRegularTarget(path);
  const TerminationDeferred deferred;
  try {
    WriteAndSync(temp, bytes, fault, Creation::kFreshTemporary);
    if (Failed(fault, WriteStep::kRename) || ::rename(temp.c_str(), path.c_str()) != 0) {
      throw Failure("rename " + temp.filename().string() + " over", path);
    }
  } catch (const std::runtime_error& failure) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    // The temporary file's name alone would leave the reader guessing which file was meant.
    throw std::runtime_error("cannot write " + path.string() + " (" + failure.what() + ")");
  }
  RemoveLeftoversOfKilledRuns(path, ".arsred-tmp-");
  // The rename is durable once the directory that holds the name is.
  const fs::path directory = path.has_parent_path() ? path.parent_path() : fs::path(".");
  try {
    if (Failed(fault, WriteStep::kSyncDirectory)) throw Failure("sync the directory", directory);
    SyncDirectory(directory);
  } catch (const std::runtime_error& failure) {
    throw std::runtime_error("wrote " + path.string() + ", but " + failure.what());
  }
}

void WriteToStandardOutput(const std::string& bytes) {
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(STDOUT_FILENO, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error(std::string("cannot write to standard output: ") + std::strerror(errno));
    written += static_cast<size_t>(n);
  }
}

void WriteFilesTogether(const std::vector<FileToWrite>& files, const WriteFault& fault) {
  namespace fs = std::filesystem;
  const std::string pid = std::to_string(::getpid());
  const auto temp_of = [&](size_t i) { return fs::path(files[i].path.string() + ".arsred-tmp-" + pid); };
  const auto old_of = [&](size_t i) { return fs::path(files[i].path.string() + ".arsred-old-" + pid); };
  std::vector<bool> kept(files.size(), false);  // the file it replaces is linked under old_of(i)
  size_t renamed = 0;
  size_t at = 0;  // the file being written, for the message
  std::error_code ignored;
  for (const FileToWrite& file : files) RefuseNonRegularTarget(file.path);
  const TerminationDeferred deferred;
  try {
    for (; at < files.size(); ++at) WriteAndSync(temp_of(at), files[at].bytes, fault, Creation::kFreshTemporary);
    for (at = 0; at < files.size(); ++at, ++renamed) {
      // A second name for the file about to be replaced, so that it can be put back; a link
      // rather than a rename, so that the path never stands empty. (One left by a run that died
      // with this process id is stale.) A directory in the way is left to the rename, which
      // refuses it.
      fs::remove(old_of(at), ignored);
      if (!fs::is_directory(fs::symlink_status(files[at].path, ignored))) {
        if (::link(files[at].path.c_str(), old_of(at).c_str()) == 0) {
          kept[at] = true;
        } else if (errno != ENOENT) {
          throw Failure("keep the file to be replaced,", files[at].path);
        }
      }
      if (Failed(fault, WriteStep::kRename) || ::rename(temp_of(at).c_str(), files[at].path.c_str()) != 0) {
        throw Failure("rename " + temp_of(at).filename().string() + " over", files[at].path);
      }
    }
  } catch (const std::runtime_error& failure) {
    std::string message = "cannot write " + files[at].path.string() + " (" + failure.what() + ")";
    // The files already in place go back to what they were, the last first.
    for (size_t i = renamed; i-- > 0;) {
      const bool restored = kept[i] ? ::rename(old_of(i).c_str(), files[i].path.c_str()) == 0
                                    : ::unlink(files[i].path.c_str()) == 0;
      if (restored) continue;
      message += std::string("; and ") + Failure("put back the old", files[i].path).what();
      if (kept[i]) message += ", which is kept as " + old_of(i).string();
      kept[i] = false;  // the only copy left of it
    }
    for (size_t i = 0; i < files.size(); ++i) {
      fs::remove(temp_of(i), ignored);
      if (kept[i]) fs::remove(old_of(i), ignored);
    }
    throw std::runtime_error(message);
  }
  for (size_t i = 0; i < files.size(); ++i) {
    fs::remove(old_of(i), ignored);
    // (An .arsred-old- file that a killed run left may be the only copy of what it replaced: kept.)
    RemoveLeftoversOfKilledRuns(files[i].path, ".arsred-tmp-");
  }
  // The renames are durable once the directories that hold the names are.
  for (const FileToWrite& file : files) {
    const fs::path directory = file.path.has_parent_path() ? file.path.parent_path() : fs::path(".");
    try {
      if (Failed(fault, WriteStep::kSyncDirectory)) throw Failure("sync the directory", directory);
      SyncDirectory(directory);
    } catch (const std::runtime_error& failure) {
      throw std::runtime_error("wrote " + file.path.string() + ", but " + failure.what());
    }
  }
}

}  // namespace arsred
