// Runs the openCypher TCK (../shared/data/opencypher-tck) through the same
// runner as `kg-tck` and holds it to tests/tck/baseline.txt: the names of the
// scenarios that passed when it was last written. A scenario on that list
// that no longer passes fails the test, whatever else got better. Refresh it
// with `build/kg-tck ../shared/data/opencypher-tck/features --passing
// tests/tck/baseline.txt` after a change that makes more scenarios pass.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "query-lang/tck/tck_runner.h"
#include "tests/shared_data.h"

namespace {

std::vector<std::string> Baseline() {
  std::ifstream in(kg::testing::SourceDir() + "/tests/tck/baseline.txt");
  std::vector<std::string> names;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) names.push_back(line);
  return names;
}

TEST(Tck, EveryBaselineScenarioStillPasses) {
  std::string dir = KG_SHARED_DATA_OR_SKIP("opencypher-tck/features");
  std::vector<std::string> baseline = Baseline();
  ASSERT_GT(baseline.size(), 1000u) << "tests/tck/baseline.txt is missing or truncated";
  kg::query_lang::tck::RunOptions opts;
  opts.verbose = true;
  std::ostringstream out;
  auto summary = kg::query_lang::tck::RunFeatures(dir, opts, out);
  std::vector<std::string> lost;
  for (const auto& name : baseline)
    if (!std::binary_search(summary.passing.begin(), summary.passing.end(), name)) lost.push_back(name);
  std::string list;
  for (const auto& name : lost) list += "\n  " + name;
  EXPECT_TRUE(lost.empty()) << lost.size() << " baseline scenarios no longer pass:" << list << "\n\n"
                            << out.str();
  // Every feature runs: nothing is skipped wholesale any more.
  EXPECT_GT(summary.total.all(), 3500);
  EXPECT_EQ(static_cast<size_t>(summary.total.passed), summary.passing.size());
}

TEST(Tck, RunnerReadsAnySubfolder) {
  std::string dir = KG_SHARED_DATA_OR_SKIP("opencypher-tck/features/clauses/match-where");
  kg::query_lang::tck::RunOptions opts;
  std::ostringstream out;
  auto summary = kg::query_lang::tck::RunFeatures(dir, opts, out);
  EXPECT_GT(summary.total.passed, 10);
  EXPECT_NE(out.str().find(" passed, "), std::string::npos);
  EXPECT_NE(out.str().find("% of all "), std::string::npos);
}

// The runner's own rules, on a feature file written here (no ../shared needed).
TEST(Tck, RunnerMatchesErrorDetailPhaseAndSideEffects) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("kg-tck-rules-" + std::to_string(::getpid()));
  fs::create_directories(dir / "features" / "rules");
  fs::create_directories(dir / "graphs");
  std::ofstream(dir / "features" / "rules" / "Rules1.feature") << R"(Feature: Rules1
  Scenario: [1] Right kind, detail and phase
    Given any graph
    When executing query:
      """
      RETURN NOT 1
      """
    Then a SyntaxError should be raised at compile time: InvalidArgumentType

  Scenario: [2] Wrong detail
    Given any graph
    When executing query:
      """
      RETURN NOT 1
      """
    Then a SyntaxError should be raised at compile time: UndefinedVariable

  Scenario: [3] Wrong phase
    Given any graph
    When executing query:
      """
      RETURN NOT 1
      """
    Then a SyntaxError should be raised at runtime: InvalidArgumentType

  Scenario: [4] Side effects counted
    Given an empty graph
    When executing query:
      """
      CREATE (:A {x: 1}), (:A)
      """
    Then the result should be empty
    And the side effects should be:
      | +nodes      | 2 |
      | +labels     | 1 |
      | +properties | 1 |

  Scenario: [5] Side effects wrong
    Given an empty graph
    When executing query:
      """
      CREATE (:A {x: 1})
      """
    Then the result should be empty
    And no side effects

  @ignore
  Scenario: [6] Ignored
    Given any graph
    When executing query:
      """
      RETURN nonsense(
      """
    Then the result should be empty
)";
  kg::query_lang::tck::RunOptions opts;
  std::ostringstream out;
  auto summary = kg::query_lang::tck::RunFeatures((dir / "features").string(), opts, out);
  EXPECT_EQ(summary.total.passed, 2) << out.str();
  EXPECT_EQ(summary.total.failed, 3) << out.str();
  EXPECT_EQ(summary.ignored, 1);
  ASSERT_EQ(summary.passing.size(), 2u);
  EXPECT_EQ(summary.passing[0], "rules/Rules1.feature: [1] Right kind, detail and phase");
  EXPECT_EQ(summary.passing[1], "rules/Rules1.feature: [4] Side effects counted");
  EXPECT_NE(out.str().find("40.0% of all 5 scenarios pass"), std::string::npos) << out.str();
  fs::remove_all(dir);
}

}  // namespace
