// Helpers for the UX tests: running the kg binary and other programs,
// temporary folders, and a seeds database built once per test process.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/shared_data.h"

namespace kg::ux_test {

struct RunResult {
  int code = -1;
  std::string out, err;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Single-quotes `s` for /bin/sh.
inline std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

// A temporary folder removed when the object dies.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/kg-ux-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() {
    if (!path_.empty()) std::system(("rm -rf " + Quote(path_)).c_str());
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Runs `command` through /bin/sh, capturing stdout and stderr.
inline RunResult Sh(const std::string& command, const std::string& stdin_text = "") {
  static TempDir io;
  static int counter = 0;
  std::string base = io.path() + "/run" + std::to_string(++counter);
  std::string in = base + ".in";
  WriteFile(in, stdin_text);
  std::string full = "(" + command + ") <" + Quote(in) + " >" + Quote(base + ".out") + " 2>" +
                     Quote(base + ".err");
  int status = std::system(full.c_str());
  RunResult r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  r.out = ReadFile(base + ".out");
  r.err = ReadFile(base + ".err");
  return r;
}

inline std::string Kg() { return Quote(::kg::testing::KgBinary()) + " --quiet"; }

inline bool HaveProgram(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

// A database with the five seed articles, ingested once per process (each
// ctest case is its own process, so tests never share a database).
inline const std::string& SeedsDb() {
  static TempDir dir;
  static std::string db;
  if (db.empty()) {
    std::string path = dir.path() + "/seeds.db";
    RunResult r = Sh(Kg() + " --db " + Quote(path) + " ingest " + Quote(::kg::testing::SeedsDir()));
    if (r.code != 0) {
      ADD_FAILURE() << "kg ingest seeds/ failed (" << r.code << "): " << r.err;
    }
    db = path;
  }
  return db;
}

inline std::string KgSeeds() { return Kg() + " --db " + Quote(SeedsDb()); }

}  // namespace kg::ux_test
