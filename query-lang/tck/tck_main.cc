// kg-tck DIR [--verbose] [--filter TEXT] [--graphs DIR] [--passing FILE]:
// runs the openCypher TCK feature files under DIR and prints per-file
// results, per-area figures and a last line "N passed, N failed, N skipped
// (P% of all N scenarios pass)". --passing writes the names of the passing
// scenarios to FILE, one a line (how tests/tck/baseline.txt is made).
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#include "query-lang/tck/tck_runner.h"

int main(int argc, char** argv) {
  kg::query_lang::tck::RunOptions opts;
  std::string dir, passing_file;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--verbose" || a == "-v") opts.verbose = true;
    else if (a == "--filter" && i + 1 < argc) opts.filter = argv[++i];
    else if (a == "--graphs" && i + 1 < argc) opts.graphs_dir = argv[++i];
    else if (a == "--passing" && i + 1 < argc) passing_file = argv[++i];
    else if (a == "--help" || a == "-h") {
      std::cout << "usage: kg-tck FEATURES_DIR [--verbose] [--filter TEXT] [--graphs DIR] [--passing FILE]\n";
      return 0;
    } else dir = a;
  }
  if (dir.empty()) {
    std::cerr << "usage: kg-tck FEATURES_DIR [--verbose] [--filter TEXT] [--graphs DIR] [--passing FILE]\n";
    return 2;
  }
  auto summary = kg::query_lang::tck::RunFeatures(dir, opts, std::cout);
  if (!passing_file.empty()) {
    std::ofstream out(passing_file);
    for (const auto& name : summary.passing) out << name << "\n";
    if (!out) {
      std::cerr << "kg-tck: cannot write " << passing_file << "\n";
      return 1;
    }
  }
  return summary.total.passed + summary.total.failed + summary.total.skipped == 0 ? 1 : 0;
}
