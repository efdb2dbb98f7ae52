// Runs examples/ so none rots: every `$ ` command of examples/README.md, in
// order, in one shell (so `export KG_DB=...` holds), from a scratch folder
// that links seeds/ and examples/; then every examples/*.cypher on its own.
#include <gtest/gtest.h>

#include <dirent.h>

#include <algorithm>
#include <sstream>

#include "tests/ux/ux_util.h"

namespace kg::ux_test {
namespace {

std::vector<std::string> ReadmeCommands() {
  std::istringstream in(ReadFile(::kg::testing::SourceDir() + "/examples/README.md"));
  std::vector<std::string> out;
  bool in_console = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("```", 0) == 0) {
      in_console = !in_console && line == "```console";
      continue;
    }
    if (in_console && line.rfind("$ ", 0) == 0) out.push_back(line.substr(2));
  }
  return out;
}

TEST(Examples, ReadmeWalkthroughRuns) {
  std::vector<std::string> commands = ReadmeCommands();
  ASSERT_GE(commands.size(), 10u) << "examples/README.md lost its commands";
  TempDir dir;
  std::string src = ::kg::testing::SourceDir();
  std::string script = "failed=0\ncd " + Quote(dir.path()) + "\nln -s " + Quote(src + "/seeds") +
                       " seeds\nln -s " + Quote(src + "/examples") + " examples\n" +
                       "kg() { " + Quote(::kg::testing::KgBinary()) + " \"$@\"; }\n";
  // Every command runs even after a failure; each failure is named.
  for (const auto& c : commands) {
    script += c + "\nif [ $? -ne 0 ]; then failed=1; cat >&2 <<'KG_EOF'\nFAILED: $ " + c +
              "\nKG_EOF\nfi\n";
  }
  script += "exit $failed\n";
  WriteFile(dir.path() + "/walkthrough.sh", script);
  RunResult r = Sh("bash " + Quote(dir.path() + "/walkthrough.sh"));
  EXPECT_EQ(r.code, 0) << "README commands failed (see FAILED lines):\n" << r.err;
  EXPECT_NE(ReadFile(dir.path() + "/putin_obama.svg").find("<svg"), std::string::npos);
  EXPECT_NE(ReadFile(dir.path() + "/putin.dot").find("Vladimir Putin"), std::string::npos);
  EXPECT_NE(ReadFile(dir.path() + "/audit.html").find("kg audit report"), std::string::npos);
  EXPECT_TRUE(::kg::testing::PathExists(dir.path() + "/seeds-csv/kuzu_schema.cypher"));
}

TEST(Examples, EveryCypherFileRuns) {
  std::string dir = ::kg::testing::SourceDir() + "/examples";
  std::vector<std::string> files;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string name = e->d_name;
      if (name.size() > 7 && name.substr(name.size() - 7) == ".cypher") files.push_back(name);
    }
    closedir(d);
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 5u);
  for (const auto& f : files) {
    RunResult r = Sh(KgSeeds() + " query --format json -f " + Quote(dir + "/" + f));
    EXPECT_EQ(r.code, 0) << f << ":\n" << r.err;
    EXPECT_EQ(r.out.rfind("[", 0), 0u) << f << " printed no JSON array:\n" << r.out;
  }
}

}  // namespace
}  // namespace kg::ux_test
