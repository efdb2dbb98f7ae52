// The openCypher TCK runner: reads Gherkin feature files, runs each scenario
// against a fresh graph (graph::Graph, in memory) through the query engine
// and checks results, errors and side effects as the TCK specifies.
//
//   kg::query_lang::tck::RunOptions opts;
//   auto summary = kg::query_lang::tck::RunFeatures(".../features", opts, std::cout);
//   // prints per-file results and "N passed, N failed, N skipped"
#pragma once

#include <map>
#include <ostream>
#include <string>

namespace kg::query_lang::tck {

struct RunOptions {
  std::string graphs_dir;  // named graphs; default: <features>/../graphs
  std::string filter;      // only scenarios whose file path or name contains this
  bool verbose = false;    // print every failure with its reason
  int64_t timeout_ms = 120000;  // per query (guards against hangs, not a speed test)
};

struct Counts {
  int passed = 0, failed = 0, skipped = 0;
};

struct Summary {
  Counts total;
  std::map<std::string, Counts> by_area;  // "clauses/match", "expressions/list", ...
};

Summary RunFeatures(const std::string& features_dir, const RunOptions& options, std::ostream& out);

}  // namespace kg::query_lang::tck
