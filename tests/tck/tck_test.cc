// Runs the openCypher TCK (../shared/data/opencypher-tck) through the same
// runner as `kg-tck` and holds the pass count to tests/tck/baseline.txt.
#include <fstream>
#include <sstream>

#include "query-lang/tck/tck_runner.h"
#include "tests/shared_data.h"

namespace {

int Baseline() {
  std::ifstream in(kg::testing::SourceDir() + "/tests/tck/baseline.txt");
  int n = 0;
  in >> n;
  return n;
}

TEST(Tck, PassCountDoesNotDropBelowBaseline) {
  std::string dir = KG_SHARED_DATA_OR_SKIP("opencypher-tck/features");
  int baseline = Baseline();
  ASSERT_GT(baseline, 0) << "tests/tck/baseline.txt is missing or empty";
  kg::query_lang::tck::RunOptions opts;
  opts.verbose = true;
  std::ostringstream out;
  auto summary = kg::query_lang::tck::RunFeatures(dir, opts, out);
  EXPECT_GE(summary.total.passed, baseline) << out.str();
  // Supported areas must stay at or above 85% (error scenarios included).
  int run = summary.total.passed + summary.total.failed;
  ASSERT_GT(run, 0);
  EXPECT_GE(summary.total.passed * 100, run * 85) << out.str();
}

TEST(Tck, RunnerReadsAnySubfolder) {
  std::string dir = KG_SHARED_DATA_OR_SKIP("opencypher-tck/features/clauses/match-where");
  kg::query_lang::tck::RunOptions opts;
  std::ostringstream out;
  auto summary = kg::query_lang::tck::RunFeatures(dir, opts, out);
  EXPECT_GT(summary.total.passed, 10);
  EXPECT_NE(out.str().find(" passed, "), std::string::npos);
}

}  // namespace
