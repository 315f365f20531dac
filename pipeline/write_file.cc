#include "write_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
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

void WriteFileAtomically(const std::filesystem::path& path, const std::string& bytes, const WriteFault& fault) {
  namespace fs = std::filesystem;
  const fs::path temp = path.string() + ".arsred-tmp-" + std::to_string(::getpid());
  const auto failed = [&](WriteStep step) {
    if (fault && fault(step)) {
      errno = EIO;
      return true;
    }
    return false;
  };
  const auto fail = [&](const std::string& what, const fs::path& subject) {
    const std::string reason = std::strerror(errno);
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw std::runtime_error("cannot " + what + " " + subject.string() + ": " + reason);
  };

  Descriptor file(failed(WriteStep::kCreate) ? -1 : ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666));
  if (file.get() < 0) fail("create", temp);
  for (size_t written = 0; written < bytes.size();) {
    const ssize_t n = failed(WriteStep::kWrite) ? -1 : ::write(file.get(), bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("write", temp);
    written += static_cast<size_t>(n);
  }
  if (failed(WriteStep::kSyncFile) || ::fsync(file.get()) != 0 || !file.Close()) fail("write", temp);
  if (failed(WriteStep::kRename) || ::rename(temp.c_str(), path.c_str()) != 0) fail("replace", path);

  // The rename is durable once the directory that holds the name is.
  const fs::path directory = path.has_parent_path() ? path.parent_path() : fs::path(".");
  Descriptor dir(failed(WriteStep::kSyncDirectory) ? -1 : ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0 || ::fsync(dir.get()) != 0) {
    throw std::runtime_error("wrote " + path.string() + ", but cannot sync its directory " + directory.string() +
                             ": " + std::strerror(errno));
  }
}

}  // namespace arsred
