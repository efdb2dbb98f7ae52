// kg_query_bench load CSVDIR DBDIR   builds a kg store from nodes.csv/edges.csv
//                                    (graph/csv_import.h, as `kg load` does)
// kg_query_bench run DBDIR           times Q1-Q6 (1 warm-up + 5 runs), JSON out
//                                    (ONLY=Q5,Q6 some of them; QUERY="..." any query;
//                                    RUNS=n n timed runs, to profile warm runs)
//
// The graph model mirrors the Kùzu side (../shared/peers/kuzu_bench.js):
// nodes labelled Entity with {id, name, type}; relationships of type R with
// {rel, sources}. The query texts are the same strings Kùzu runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "graph/csv_import.h"
#include "graph/graph.h"
#include "query-lang/query_engine.h"

namespace {

using Clock = std::chrono::steady_clock;
double Ms(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

const std::vector<std::pair<std::string, std::string>> kQueries = {
    {"Q1", "MATCH (a:Entity {name:'e1000'}) RETURN a.id"},
    {"Q2", "MATCH (a:Entity {name:'e1000'})-[:R]->(b) RETURN count(*)"},
    {"Q3", "MATCH (a:Entity {name:'e1000'})-[:R]->()-[:R]->(c) RETURN count(*)"},
    {"Q4", "MATCH (a:Entity {name:'e1000'})-[:R*1..3]->(c) RETURN count(DISTINCT c)"},
    {"Q5", "MATCH (a:Entity)-[r:R]->() RETURN a.name, count(*) AS d ORDER BY d DESC LIMIT 10"},
    {"Q6", "MATCH (a:Entity {name:'e1'})-[:R]->(b) RETURN count(*)"},
};

// A value as JSON (numbers, strings, null; anything else as its text).
std::string Json(const kg::query_lang::Value& v) {
  using K = kg::query_lang::Value::Kind;
  switch (v.kind()) {
    case K::kNull: return "null";
    case K::kInt: return std::to_string(v.as_int());
    case K::kBool: return v.as_bool() ? "true" : "false";
    case K::kFloat: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", v.as_float());
      return buf;
    }
    default: break;
  }
  std::string text = v.kind() == K::kString ? v.as_string() : v.ToString();
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// Loads the CSVs as Kùzu's COPY does: through kg's CSV import (sorted SST
// files, one ingestion), nodes labelled Entity, relationships of type R.
int Load(const std::string& csv, const std::string& dir) {
  kg::graph::OpenOptions o;
  o.sync_writes = false;
  auto g = kg::graph::Graph::Open(dir, o);
  if (!g.ok()) {
    std::cerr << g.status().ToString() << "\n";
    return 1;
  }
  auto t0 = Clock::now();
  kg::graph::CsvImportOptions options;
  options.label = "Entity";
  options.type = "R";
  auto summary = kg::graph::ImportCsv(g->get(), {csv + "/nodes.csv"}, {csv + "/edges.csv"}, options);
  double total_ms = Ms(t0);
  if (!summary.ok()) {
    std::cerr << summary.status().ToString() << "\n";
    return 1;
  }
  for (const auto& p : summary->problems) std::cerr << p << "\n";
  std::printf("{\"engine\": \"kg\", \"load\": {\"total_ms\": %.0f, \"nodes\": %llu, \"edges\": %llu, "
              "\"parse_ms\": %.0f, \"sort_ms\": %.0f, \"write_ms\": %.0f, \"ingest_ms\": %.0f}}\n",
              total_ms, static_cast<unsigned long long>(summary->nodes),
              static_cast<unsigned long long>(summary->edges), summary->parse_ms, summary->sort_ms,
              summary->write_ms, summary->ingest_ms);
  return summary->bad_rows == 0 ? 0 : 1;
}

int Run(const std::string& dir) {
  kg::graph::OpenOptions o;
  o.read_only = true;
  auto g = kg::graph::Graph::Open(dir, o);
  if (!g.ok()) {
    std::cerr << g.status().ToString() << "\n";
    return 1;
  }
  const char* only = std::getenv("ONLY");
  int64_t timeout = std::getenv("QUERY_TIMEOUT_MS") ? std::stoll(std::getenv("QUERY_TIMEOUT_MS")) : 300000;
  std::printf("{\"engine\": \"kg\", \"queries\": {");
  bool first = true;
  // QUERY="..." times that query alone (as "Q").
  std::vector<std::pair<std::string, std::string>> queries = kQueries;
  if (const char* one = std::getenv("QUERY")) queries = {{"Q", one}};
  for (const auto& [name, q] : queries) {
    if (only && std::string(only).find(name) == std::string::npos) continue;
    kg::query_lang::QueryOptions opts;
    opts.timeout_ms = timeout;
    if (const char* t = std::getenv("KG_QUERY_THREADS")) opts.threads = std::atoi(t);
    std::vector<double> times;
    std::string value, rows_json, error;
    int runs = 5;
    for (int i = 0; i < 1 + runs; ++i) {
      auto t0 = Clock::now();
      auto r = kg::query_lang::Execute(**g, q, opts);
      double t = Ms(t0);
      if (!r.ok()) {
        error = r.error().FormatWithCaret(q);
        break;
      }
      std::cerr << name << (i == 0 ? " warm-up " : " run ") << t << " ms\n";
      if (i == 0) {
        runs = std::min(5, std::max(1, static_cast<int>(60000 / std::max(t, 1.0))));
        if (const char* n = std::getenv("RUNS")) runs = std::max(1, std::atoi(n));  // for profiling
        const auto& rows = r.value().rows;
        value = rows.size() == 1 && rows[0].size() == 1 ? Json(rows[0][0]) : "null";
        rows_json = "[";
        for (size_t k = 0; k < rows.size(); ++k) {
          rows_json += k ? ", [" : "[";
          for (size_t c = 0; c < rows[k].size(); ++c) rows_json += (c ? ", " : "") + Json(rows[k][c]);
          rows_json += "]";
        }
        rows_json += "]";
      } else {
        times.push_back(t);
      }
    }
    if (!first) std::printf(",");
    first = false;
    if (!error.empty()) {
      std::string e;
      for (char c : error) e += c == '"' || c == '\\' ? ' ' : c == '\n' ? ' ' : c;
      std::printf("\n \"%s\": {\"query\": \"%s\", \"error\": \"%s\"}", name.c_str(), q.c_str(), e.c_str());
      continue;
    }
    std::sort(times.begin(), times.end());
    std::printf("\n \"%s\": {\"query\": \"%s\", \"median_ms\": %.3f, \"min_ms\": %.3f, \"runs\": %zu, "
                "\"value\": %s, \"rows\": %s}",
                name.c_str(), q.c_str(), times[times.size() / 2], times[0], times.size(), value.c_str(),
                rows_json.c_str());
  }
  std::printf("\n}}\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "load") return Load(argv[2], argv[3]);
  if (argc == 3 && std::string(argv[1]) == "run") return Run(argv[2]);
  std::cerr << "usage: kg_query_bench load CSVDIR DBDIR | run DBDIR\n";
  return 2;
}
