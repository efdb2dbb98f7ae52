// The openCypher TCK runner: reads Gherkin feature files, runs each scenario
// against a fresh graph (graph::Graph, in memory) through the query engine
// and checks results, errors and side effects as the TCK specifies:
//  - every feature runs; a scenario that cannot run (a procedure it would
//    need) is "skipped" and counts as not passed in every printed rate;
//  - an error scenario passes only when the error's kind, its detail code and
//    its phase all match (compile time: Check() fails; runtime: Check()
//    succeeds and Execute() fails; "any time": either);
//  - side effects are counted as the TCK counts them: nodes, relationships,
//    labels and properties added and removed, from before/after snapshots of
//    the graph (set differences, not net counts);
//  - scenarios tagged @ignore are not run and not counted (Summary::ignored).
//
//   kg::query_lang::tck::RunOptions opts;
//   auto summary = kg::query_lang::tck::RunFeatures(".../features", opts, std::cout);
//   // prints per-file results, the per-area table and
//   // "N passed, N failed, N skipped (P% of all N scenarios pass)"
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace kg::query_lang::tck {

struct RunOptions {
  std::string graphs_dir;  // named graphs; default: <features>/../graphs
  std::string filter;      // only scenarios whose file path or name contains this
  bool verbose = false;    // print every failure with its reason
  int64_t timeout_ms = 120000;  // per query (guards against hangs, not a speed test)
};

struct Counts {
  int passed = 0, failed = 0, skipped = 0;
  int all() const { return passed + failed + skipped; }
  // Passed over all scenarios, skipped ones included; 0 when there are none.
  double rate() const { return all() ? 100.0 * passed / all() : 0.0; }
};

struct Summary {
  Counts total;
  std::map<std::string, Counts> by_area;  // "clauses/match", "expressions/list", ...
  int ignored = 0;                        // @ignore scenarios, neither run nor counted
  // Every passing scenario as "<file relative to the features dir>: <name>"
  // ("clauses/match/Match1.feature: [1] Match non-existent nodes returns empty"),
  // outline rows as "<name> #<row>"; sorted. What tests/tck/baseline.txt lists.
  std::vector<std::string> passing;
};

Summary RunFeatures(const std::string& features_dir, const RunOptions& options, std::ostream& out);

}  // namespace kg::query_lang::tck
