// Running the real kg binary from tests: exit code, stdout and stderr.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
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

// Starts `kg args...` with stdout/stderr going to files (and stdin read from
// `in_file` when given); returns the pid.
inline pid_t StartKg(const std::vector<std::string>& args, const std::string& out_file,
                     const std::string& err_file, const std::string& in_file = "") {
  pid_t pid = ::fork();
  if (pid == 0) {
    if (!in_file.empty()) {
      int in = ::open(in_file.c_str(), O_RDONLY);
      ::dup2(in, 0);
    }
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

inline RunResult RunKg(const std::vector<std::string>& args, const std::string& scratch,
                       const std::string& in_file = "") {
  std::string out = scratch + "/kg.out", err = scratch + "/kg.err";
  RunResult r;
  r.exit_code = WaitExit(StartKg(args, out, err, in_file));
  r.out = ReadWhole(out);
  r.err = ReadWhole(err);
  return r;
}

// `kg stats --json` of `db`, without the database's path (so two databases
// compare equal when their contents do).
inline nlohmann::json KgStats(const std::string& db, const std::string& scratch) {
  RunResult r = RunKg({"--db", db, "stats", "--json"}, scratch);
  nlohmann::json j = nlohmann::json::parse(r.out.empty() ? "{}" : r.out, nullptr, false);
  if (j.is_object()) j.erase("database");
  return j;
}

// `kg check` on `db` passes.
inline void ExpectKgCheckClean(const std::string& db, const std::string& scratch) {
  RunResult check = RunKg({"--db", db, "check"}, scratch);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

// Fills the folder `dir` with the seeds (.txt) and a copy of the news sample
// file `news` as news.jsonl: 29 articles; returns `dir`.
inline std::string MakeSeedsAndNews(const std::string& dir, const std::string& news) {
  std::filesystem::create_directories(dir);
  for (const auto& e : std::filesystem::directory_iterator(SeedsDir()))
    std::filesystem::copy(e.path(), dir);
  std::filesystem::copy(news, dir + "/news.jsonl");
  return dir;
}

// The lines of `text`.
inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace kg::testing
