// Running the real kg binary from tests: exit code, stdout and stderr.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/shared_data.h"

namespace kg::testing {

struct RunResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out, err;
};

inline std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Starts `kg args...` with stdout/stderr going to files; returns the pid.
inline pid_t StartKg(const std::vector<std::string>& args, const std::string& out_file,
                     const std::string& err_file) {
  pid_t pid = ::fork();
  if (pid == 0) {
    int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, 1);
    ::dup2(err, 2);
    std::string bin = KgBinary();
    std::vector<char*> argv = {bin.data()};
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(bin.c_str(), argv.data());
    ::_exit(127);
  }
  return pid;
}

inline int WaitExit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

inline RunResult RunKg(const std::vector<std::string>& args, const std::string& scratch) {
  std::string out = scratch + "/kg.out", err = scratch + "/kg.err";
  RunResult r;
  r.exit_code = WaitExit(StartKg(args, out, err));
  r.out = ReadWhole(out);
  r.err = ReadWhole(err);
  return r;
}

}  // namespace kg::testing
