// `kg load` through the real binary: `kg extract` shards loaded in any
// order give the graph `kg ingest` gives; bad records and rows are named and
// skipped without losing what was stored; CSV files load as CREATE would
// have made them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "graph/csv_import.h"
#include "graph/graph.h"
#include "tests/shared_data.h"
#include "tests/storage/run_kg.h"
#include "tests/storage/test_util.h"

namespace kg::testing {
namespace {

namespace fs = std::filesystem;

TEST(Load, ShardedExtractThenLoadEqualsIngest) {
  std::string news = KG_SHARED_DATA_OR_SKIP("news-sample/wikinews_gum_news.jsonl");
  TempDir tmp;
  std::string in = MakeSeedsAndNews(tmp.Sub("in"), news);
  ASSERT_EQ(RunKg({"--db", tmp.Sub("direct"), "ingest", "--no-sync", in}, tmp.path()).exit_code,
            0);

  // The news sample in 4 shards, each through kg extract on stdin as a mapper
  // sees it; the seeds through kg extract on their files.
  std::vector<std::string> lines = Lines(ReadWhole(news));
  ASSERT_EQ(lines.size(), 24u);
  std::vector<std::string> outputs;
  for (int k = 0; k < 4; ++k) {
    // Shards 0 and 2 say where they start (--first-line); 1 and 3 number
    // every line as Hadoop and Spark can (--numbered: NUMBER<TAB>JSON).
    bool numbered = k % 2 == 1;
    std::string shard = tmp.Sub("shard" + std::to_string(k));
    std::ofstream s(shard);
    // Shard 2 starts one line early, with a blank line: still counted.
    int first_line = 6 * k + 1;
    if (k == 2) {
      s << "\n";
      --first_line;
    }
    for (int i = 6 * k; i < 6 * k + 6; ++i) {
      if (numbered) s << i + 1 << "\t";
      s << lines[i] << "\n";
    }
    s.close();
    std::vector<std::string> args = {"extract", "--source", in + "/news.jsonl"};
    if (numbered) {
      args.push_back("--numbered");
    } else {
      args.insert(args.end(), {"--first-line", std::to_string(first_line)});
    }
    RunResult x = RunKg(args, tmp.path(), shard);
    ASSERT_EQ(x.exit_code, 0) << x.err;
    EXPECT_EQ(Lines(x.out).size(), 6u);
    outputs.push_back(tmp.Sub("x" + std::to_string(k) + ".jsonl"));
    std::ofstream(outputs.back()) << x.out;
  }
  std::vector<std::string> seed_args = {"extract"};
  for (const auto& e : fs::directory_iterator(in))
    if (e.path().extension() == ".txt") seed_args.push_back(e.path().string());
  RunResult seeds = RunKg(seed_args, tmp.path());
  ASSERT_EQ(seeds.exit_code, 0) << seeds.err;
  outputs.push_back(tmp.Sub("seeds.jsonl"));
  std::ofstream(outputs.back()) << seeds.out;

  // Loaded in a scrambled order.
  RunResult load = RunKg({"--db", tmp.Sub("loaded"), "load", outputs[2], outputs[4], outputs[0],
                          outputs[3], outputs[1]},
                         tmp.path());
  ASSERT_EQ(load.exit_code, 0) << load.err;
  EXPECT_NE(load.err.find("29 documents stored"), std::string::npos) << load.err;
  EXPECT_EQ(KgStats(tmp.Sub("loaded"), tmp.path()), KgStats(tmp.Sub("direct"), tmp.path()));
  EXPECT_EQ(DumpOf(tmp.Sub("loaded")), DumpOf(tmp.Sub("direct")));
  ExpectKgCheckClean(tmp.Sub("loaded"), tmp.path());

  // Through the bulk path too, and loading again changes nothing.
  RunResult bulk = RunKg({"--db", tmp.Sub("bulk"), "load", "--bulk", outputs[4], outputs[1],
                          outputs[3], outputs[0], outputs[2]},
                         tmp.path());
  ASSERT_EQ(bulk.exit_code, 0) << bulk.err;
  EXPECT_EQ(DumpOf(tmp.Sub("bulk")), DumpOf(tmp.Sub("direct")));
  RunResult again = RunKg({"--db", tmp.Sub("loaded"), "load", outputs[0]}, tmp.path());
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("0 documents stored, 6 unchanged"), std::string::npos) << again.err;
}

TEST(Load, BadRecordsAreNamedTheOthersLoadedNothingLost) {
  TempDir tmp;
  std::string db = tmp.Sub("db");
  ASSERT_EQ(RunKg({"--db", db, "ingest", SeedsDir()}, tmp.path()).exit_code, 0);
  nlohmann::json before = KgStats(db, tmp.path());

  std::ofstream(tmp.Sub("a.txt")) << "Russia tipped off the FBI in 2011.\n";
  std::ofstream(tmp.Sub("b.txt")) << "Vladimir Putin called Barack Obama on Saturday.\n";
  RunResult x = RunKg({"extract", tmp.Sub("a.txt"), tmp.Sub("b.txt")}, tmp.path());
  ASSERT_EQ(x.exit_code, 0) << x.err;
  std::vector<std::string> records = Lines(x.out);
  ASSERT_EQ(records.size(), 2u);
  nlohmann::json outside = nlohmann::json::parse(records[1]);
  ASSERT_FALSE(outside["claims"].empty()) << records[1];
  outside["claims"][0]["spans"][3] = {0, 100000};
  nlohmann::json future = nlohmann::json::parse(records[1]);
  future["kg_record"] = 99;
  std::string bad = tmp.Sub("bad.jsonl");
  std::ofstream(bad) << records[0] << "\n"
                     << records[1].substr(0, records[1].size() / 2) << "\n"
                     << outside.dump() << "\n"
                     << future.dump() << "\n"
                     << records[1];  // the last line without its newline
  RunResult load = RunKg({"--db", db, "load", bad}, tmp.path());
  EXPECT_EQ(load.exit_code, 3) << load.err;
  EXPECT_NE(load.err.find("bad.jsonl:2: byte"), std::string::npos) << load.err;
  EXPECT_NE(load.err.find("bad.jsonl:3: claim 0 object span [0, 100000) lies outside"),
            std::string::npos)
      << load.err;
  EXPECT_NE(load.err.find("bad.jsonl:4: unknown record format version 99"), std::string::npos)
      << load.err;
  EXPECT_NE(load.err.find("2 documents stored, 0 unchanged, 3 rejected"), std::string::npos)
      << load.err;
  nlohmann::json after = KgStats(db, tmp.path());
  EXPECT_EQ(after["documents"], before["documents"].get<int>() + 2);
  EXPECT_GT(after["sources"].get<int>(), before["sources"].get<int>());
  ExpectKgCheckClean(db, tmp.path());
  // Only bad records: an error, and no database is made.
  std::ofstream(tmp.Sub("all-bad.jsonl")) << "{\"kg_record\": 1}\n";
  EXPECT_EQ(RunKg({"--db", tmp.Sub("fresh"), "load", tmp.Sub("all-bad.jsonl")}, tmp.path()).exit_code,
            1);
  EXPECT_FALSE(fs::exists(tmp.Sub("fresh")));
  // A file that is not there: an error, nothing written.
  EXPECT_EQ(RunKg({"--db", db, "load", tmp.Sub("none.jsonl")}, tmp.path()).exit_code, 1);
  EXPECT_EQ(KgStats(db, tmp.path()), after);
}

TEST(Load, KuzuShapedCsvGivesWhatCreateGives) {
  TempDir tmp;
  std::ofstream(tmp.Sub("nodes.csv")) << "id,name,type\n1,e1,Person\n2,e2,Place\n"
                                         "3,\"Smith, \"\"J\"\"\",Person\n7,Ünal,Other\n";
  std::ofstream(tmp.Sub("edges.csv")) << "src,dst,rel,sources\n1,2,rel_000,3\n2,3,rel_001,1\n"
                                         "3,1,rel_000,2\n7,7,rel_002,5\n";
  RunResult load = RunKg({"--db", tmp.Sub("csv"), "load", "--type", "R", tmp.Sub("nodes.csv"),
                          tmp.Sub("edges.csv")},
                         tmp.path());
  ASSERT_EQ(load.exit_code, 0) << load.err;
  EXPECT_NE(load.err.find("4 nodes, 4 edges, 0 bad rows"), std::string::npos) << load.err;
  ExpectKgCheckClean(tmp.Sub("csv"), tmp.path());

  // The same rows through CREATE (Graph::CreateNode/CreateEdge).
  {
    graph::OpenOptions o;
    o.sync_writes = false;
    auto g = graph::Graph::Open(tmp.Sub("create"), o);
    ASSERT_TRUE(g.ok());
    std::map<int64_t, graph::NodeId> ids;
    std::vector<std::tuple<int64_t, std::string, std::string>> nodes = {
        {1, "e1", "Person"}, {2, "e2", "Place"}, {3, "Smith, \"J\"", "Person"}, {7, "Ünal", "Other"}};
    for (const auto& [id, name, type] : nodes) {
      auto n = (*g)->CreateNode({"Entity"}, {{"id", graph::PropertyValue(id)},
                                             {"name", name},
                                             {"type", type}});
      ASSERT_TRUE(n.ok());
      ids[id] = *n;
    }
    std::vector<std::tuple<int64_t, int64_t, std::string, int64_t>> edges = {
        {1, 2, "rel_000", 3}, {2, 3, "rel_001", 1}, {3, 1, "rel_000", 2}, {7, 7, "rel_002", 5}};
    for (const auto& [s, t, rel, sources] : edges) {
      ASSERT_TRUE((*g)->CreateEdge(ids[s], ids[t], "R",
                                   {{"rel", rel}, {"sources", graph::PropertyValue(sources)}})
                      .ok());
    }
  }
  EXPECT_EQ(DumpOf(tmp.Sub("csv")), DumpOf(tmp.Sub("create")));
  // And it answers queries by name.
  RunResult q = RunKg({"--db", tmp.Sub("csv"), "query", "--format", "json",
                       "MATCH (a {name: 'Smith, \"J\"'})-[r:R]->(b) RETURN b.name, r.sources"},
                      tmp.path());
  EXPECT_EQ(q.exit_code, 0) << q.err;
  EXPECT_NE(q.out.find("e1"), std::string::npos) << q.out;
}

TEST(Load, NodesAloneLoad) {
  TempDir tmp;
  std::ofstream(tmp.Sub("people.csv")) << "id,name,type\n1,Ada Lovelace,Person\n2,Acme,Other\n";
  RunResult load = RunKg({"--db", tmp.Sub("db"), "load", tmp.Sub("people.csv")}, tmp.path());
  ASSERT_EQ(load.exit_code, 0) << load.err;
  EXPECT_NE(load.err.find("2 nodes, 0 edges, 0 bad rows"), std::string::npos) << load.err;
  ExpectKgCheckClean(tmp.Sub("db"), tmp.path());
  // An entity node is found by its aliases too (kg check's rule).
  RunResult q = RunKg({"--db", tmp.Sub("db"), "query", "--format", "json",
                       "MATCH (p {name: 'Ada Lovelace'}) RETURN p.aliases"},
                      tmp.path());
  EXPECT_EQ(q.exit_code, 0) << q.err;
  EXPECT_NE(q.out.find("Lovelace\""), std::string::npos) << q.out;
}

TEST(Load, ExportedCsvLoadsBack) {
  TempDir tmp;
  ASSERT_EQ(RunKg({"--db", tmp.Sub("a"), "ingest", SeedsDir()}, tmp.path()).exit_code, 0);
  RunResult exp =
      RunKg({"--db", tmp.Sub("a"), "export", "--format", "csv", "-o", tmp.Sub("csv")}, tmp.path());
  ASSERT_EQ(exp.exit_code, 0) << exp.err;
  RunResult load = RunKg({"--db", tmp.Sub("b"), "load", tmp.Sub("csv")}, tmp.path());
  ASSERT_EQ(load.exit_code, 0) << load.err;
  nlohmann::json a = KgStats(tmp.Sub("a"), tmp.path()), b = KgStats(tmp.Sub("b"), tmp.path());
  EXPECT_EQ(b["nodes"], a["nodes"]);
  EXPECT_EQ(b["entities"], a["entities"]);
  EXPECT_EQ(b["claims"], a["claims"]);
  ExpectKgCheckClean(tmp.Sub("b"), tmp.path());
  // Names, labels and relationship types came back.
  RunResult q = RunKg({"--db", tmp.Sub("b"), "query", "--format", "json",
                       "MATCH (p:Person {name: 'Vladimir Putin'})-[r]->(o {name: 'Barack Obama'}) "
                       "RETURN type(r) AS t ORDER BY t"},
                      tmp.path());
  EXPECT_EQ(q.exit_code, 0) << q.err;
  EXPECT_NE(q.out.find("speak_with"), std::string::npos) << q.out;
}

TEST(Load, BadCsvRowsAreNamedTheOthersLoaded) {
  TempDir tmp;
  std::ofstream(tmp.Sub("nodes.csv")) << "id:ID,name,:LABEL,age:int\n"
                                         "a,Ann,Person,41\nb,Bob,Person;Author,x\nc,Cy,Person,\n";
  std::ofstream(tmp.Sub("edges.csv")) << ":START_ID,:END_ID,:TYPE,since:int\n"
                                         "a,c,KNOWS,2001\nzz,a,KNOWS,1\na,c\nc,a,KNOWS,\"1999\"\n";
  RunResult load =
      RunKg({"--db", tmp.Sub("db"), "load", tmp.Sub("nodes.csv"), tmp.Sub("edges.csv")}, tmp.path());
  EXPECT_EQ(load.exit_code, 3) << load.err;
  EXPECT_NE(load.err.find("nodes.csv:3: column 'age' is not of its type"), std::string::npos)
      << load.err;
  EXPECT_NE(load.err.find("edges.csv:3: no node with id 'zz'"), std::string::npos) << load.err;
  EXPECT_NE(load.err.find("edges.csv:4: 2 fields, the header has 4"), std::string::npos)
      << load.err;
  EXPECT_NE(load.err.find("2 nodes, 2 edges, 3 bad rows"), std::string::npos) << load.err;
  ExpectKgCheckClean(tmp.Sub("db"), tmp.path());
  RunResult q = RunKg({"--db", tmp.Sub("db"), "query", "--format", "json",
                       "MATCH (x:Person)-[k:KNOWS]->(y) RETURN x.name, y.name, k.since "
                       "ORDER BY k.since"},
                      tmp.path());
  EXPECT_EQ(q.exit_code, 0) << q.err;
  EXPECT_NE(q.out.find("1999"), std::string::npos) << q.out;
  EXPECT_NE(q.out.find("2001"), std::string::npos) << q.out;
}

}  // namespace
}  // namespace kg::testing
