// `kg ingest --threads N` through the real binary: the graph, its ids, dump
// and stats are those of one thread, whatever N; rejections and
// acknowledgements come in input order.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "graph/graph.h"
#include "tests/shared_data.h"
#include "tests/storage/run_kg.h"
#include "tests/storage/test_util.h"

namespace kg::testing {
namespace {

namespace fs = std::filesystem;

TEST(ParallelIngest, ThreadsDoNotChangeTheGraph) {
  std::string news = KG_SHARED_DATA_OR_SKIP("news-sample/wikinews_gum_news.jsonl");
  TempDir tmp;
  std::string in = MakeSeedsAndNews(tmp.Sub("in"), news);
  RunResult one = RunKg({"--db", tmp.Sub("one"), "ingest", "--no-sync", "--threads", "1", in},
                        tmp.path());
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_NE(one.err.find("29 documents stored"), std::string::npos) << one.err;
  EXPECT_NE(one.err.find("articles/s"), std::string::npos) << one.err;
  // More threads than cores, and the default (one per core).
  for (const char* threads : {"4", "0"}) {
    std::string db = tmp.Sub(std::string("many") + threads);
    RunResult many =
        RunKg({"--db", db, "ingest", "--no-sync", "--threads", threads, in}, tmp.path());
    ASSERT_EQ(many.exit_code, 0) << many.err;
    EXPECT_EQ(KgStats(db, tmp.path()), KgStats(tmp.Sub("one"), tmp.path())) << threads;
    EXPECT_EQ(DumpOf(db), DumpOf(tmp.Sub("one"))) << threads;
    ExpectKgCheckClean(db, tmp.path());
  }
  // Seeds alone, through the bulk path with threads: the same as one thread.
  ASSERT_EQ(RunKg({"--db", tmp.Sub("a"), "ingest", "--threads", "1", SeedsDir()}, tmp.path())
                .exit_code,
            0);
  ASSERT_EQ(
      RunKg({"--db", tmp.Sub("b"), "ingest", "--bulk", "--threads", "3", SeedsDir()}, tmp.path())
          .exit_code,
      0);
  EXPECT_EQ(DumpOf(tmp.Sub("a")), DumpOf(tmp.Sub("b")));
}

TEST(ParallelIngest, RejectionsAndAcknowledgementsKeepInputOrder) {
  TempDir tmp;
  std::string in = tmp.Sub("in");
  fs::create_directories(in);
  std::vector<std::string> seeds;
  for (const auto& e : fs::directory_iterator(SeedsDir())) seeds.push_back(e.path().string());
  std::sort(seeds.begin(), seeds.end());
  fs::copy(seeds[0], in + "/a.txt");
  std::ofstream(in + "/b.txt", std::ios::binary) << std::string("\x00\x01\x02", 3);
  fs::copy(seeds[1], in + "/c.txt");
  RunResult r = RunKg({"--db", tmp.Sub("db"), "ingest", "-v", "--threads", "3", in}, tmp.path());
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("b.txt: binary file"), std::string::npos) << r.err;
  std::vector<std::string> acks = Lines(r.out);
  ASSERT_EQ(acks.size(), 2u) << r.out;
  EXPECT_NE(acks[0].find("/a.txt"), std::string::npos);
  EXPECT_NE(acks[1].find("/c.txt"), std::string::npos);
}

}  // namespace
}  // namespace kg::testing
