// Runs examples/ so none rots: every `$ ` command of examples/README.md, in
// order, in one shell (so `export KG_DB=...` holds), from a scratch folder
// that links seeds/ and examples/; then every examples/*.cypher on its own.
#include <gtest/gtest.h>

#include <dirent.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/ux/ux_util.h"

namespace kg::ux_test {
namespace {

// The `$ ` lines of the ```console blocks of a Markdown page.
std::vector<std::string> ReadmeCommands(const std::string& page = "examples/README.md") {
  std::istringstream in(ReadFile(::kg::testing::SourceDir() + "/" + page));
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

// The top README's commands: `bash setup.sh demo`'s steps after the build
// (the `build/kg` lines of setup.sh's demo) and every `$ ` line, run as the
// walkthrough runs its own, in a scratch folder.
TEST(Examples, TopReadmeCommandsRun) {
  std::string src = ::kg::testing::SourceDir();
  std::vector<std::string> commands;
  std::istringstream setup(ReadFile(src + "/setup.sh"));
  bool in_demo = false;
  for (std::string line; std::getline(setup, line);) {
    std::string t = line.substr(std::min(line.size(), line.find_first_not_of(' ')));
    if (t.rfind("demo)", 0) == 0) in_demo = true;
    else if (in_demo && t.rfind(";;", 0) == 0) break;
    else if (in_demo && t.rfind("build/kg ", 0) == 0) commands.push_back("kg " + t.substr(9));
  }
  ASSERT_GE(commands.size(), 3u) << "setup.sh's demo lost its kg commands";
  std::vector<std::string> readme = ReadmeCommands("README.md");
  ASSERT_GE(readme.size(), 4u) << "README.md lost its commands";
  EXPECT_NE(std::find(readme.begin(), readme.end(), "kg timeline 'Vladimir Putin'"), readme.end());
  TempDir dir;
  std::string script = "failed=0\ncd " + Quote(dir.path()) + "\nln -s " + Quote(src + "/seeds") +
                       " seeds\nkg() { " + Quote(::kg::testing::KgBinary()) + " \"$@\"; }\n";
  auto run = [&](const std::string& c) {
    script += c + "\nif [ $? -ne 0 ]; then failed=1; cat >&2 <<'KG_EOF'\nFAILED: $ " + c + "\nKG_EOF\nfi\n";
  };
  for (const auto& c : commands) run(c);
  script += "rm -rf kg.db\n";  // the demo's database; the README's own ingest follows
  for (const auto& c : readme) run(c);
  script += "exit $failed\n";
  WriteFile(dir.path() + "/readme.sh", script);
  RunResult r = Sh("bash " + Quote(dir.path() + "/readme.sh"));
  EXPECT_EQ(r.code, 0) << "README commands failed (see FAILED lines):\n" << r.err;
  EXPECT_NE(r.out.find("Vladimir Putin (Person)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("002_a52160434a679462.txt"), std::string::npos) << "Putin's documents:\n" << r.out;
  EXPECT_NE(r.out.find("Federal Bureau of Investigation"), std::string::npos) << r.out;
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

// Section 7 of examples/README.md: the four document queries on the seeds
// with their metadata (examples/seeds.jsonl) give what the page says: the
// row counts its text names and the table it shows.
TEST(Examples, DocumentQueriesGiveWhatTheReadmeShows) {
  TempDir dir;
  std::string src = ::kg::testing::SourceDir();
  std::string kg = Kg() + " --db " + Quote(dir.path() + "/seeds-meta.db");
  RunResult ingest = Sh(kg + " ingest " + Quote(src + "/examples/seeds.jsonl"));
  ASSERT_EQ(ingest.code, 0) << ingest.err;
  auto rows = [&](const std::string& file) {
    RunResult r = Sh(kg + " query --format json -f " + Quote(src + "/examples/" + file));
    EXPECT_EQ(r.code, 0) << file << ": " << r.err;
    return nlohmann::json::parse(r.out, nullptr, false);
  };
  std::string readme = ReadFile(src + "/examples/README.md");
  nlohmann::json one = rows("07_claims_of_one_article.cypher");
  EXPECT_EQ(one.size(), 40u);
  EXPECT_NE(readme.find("lists the 40 claims of"), std::string::npos);
  nlohmann::json after = rows("08_claims_published_after.cypher");
  EXPECT_EQ(after.size(), 20u);
  EXPECT_NE(readme.find("the 20 claims of the one article published after 2017-01-01"), std::string::npos);
  for (const auto& row : after) {
    EXPECT_EQ(row["published"], "2017-02-16");
    EXPECT_EQ(row["publisher"], "Xinhua");
  }
  nlohmann::json publisher = rows("09_claims_from_one_publisher.cypher");
  EXPECT_EQ(publisher.size(), 40u);
  EXPECT_NE(readme.find("the 40 claims of RFE/RL's article"), std::string::npos);
  for (const auto& row : publisher) EXPECT_EQ(row["article"], "Putin, Obama Discuss Security");
  // The same claims, found by file or by publisher.
  auto claims = [](const nlohmann::json& rs) {
    std::multiset<std::string> out;
    for (const auto& r : rs) out.insert(r["subject"].dump() + r["relation"].dump() + r["object"].dump());
    return out;
  };
  EXPECT_EQ(claims(one), claims(publisher));
  // The table the page shows, line for line (the timing aside).
  RunResult shared = Sh(kg + " query -f " + Quote(src + "/examples/10_entities_two_articles_share.cypher"));
  ASSERT_EQ(shared.code, 0) << shared.err;
  std::string table = shared.out.substr(0, shared.out.rfind(" ("));
  EXPECT_NE(readme.find(table + "\n```"), std::string::npos) << "README shows another table than:\n" << table;
}

}  // namespace
}  // namespace kg::ux_test
