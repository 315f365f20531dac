// arsred_measure [--cwd DIR] PROGRAM [ARGUMENT...]
//
// Runs PROGRAM (found on PATH) in DIR with its output sent to /dev/null, and prints
// "WALL_SECONDS MAX_RSS_KIB EXIT_STATUS": the time from just before the process is spawned to
// just after it is reaped, and the largest resident set of it and the processes it waited for.
// bench/run times every command with it. Timing from a shell (date before, /usr/bin/time and
// sh around, date after) added 2 to 4 ms of processes that are not the program to every
// sample: a tenth of arsred's time, a hundredth of Typst's.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

extern char** environ;

namespace {

double Now() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

int Usage() {
  std::fputs("usage: arsred_measure [--cwd DIR] PROGRAM [ARGUMENT...]\n", stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  int first = 1;
  const char* directory = nullptr;
  if (argc > 2 && std::strcmp(argv[1], "--cwd") == 0) {
    directory = argv[2];
    first = 3;
  }
  if (first >= argc) return Usage();

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  if (directory != nullptr) posix_spawn_file_actions_addchdir_np(&actions, directory);

  const double start = Now();
  pid_t child = 0;
  const int error = posix_spawnp(&child, argv[first], &actions, nullptr, argv + first, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) {
    std::fprintf(stderr, "arsred_measure: cannot run %s: %s\n", argv[first], std::strerror(error));
    return 127;
  }
  int status = 0;
  rusage usage{};
  while (wait4(child, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      std::perror("arsred_measure: wait4");
      return 127;
    }
  }
  const double wall = Now() - start;
  const int exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::printf("%.4f %ld %d\n", wall, usage.ru_maxrss, exit_status);
  return 0;
}
