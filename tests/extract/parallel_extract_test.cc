// The extractor on several threads at once (what kg ingest and kg extract
// do): one loaded extractor shared read-only, each thread extracting every
// document in its own order, gives exactly the records one thread gives.
// Built with -fsanitize=thread it is also the race check of the pipeline.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <thread>
#include <vector>

#include "common/extraction_record.h"
#include "extract/extractor.h"
#include "extract/reader.h"
#include "tests/extract/test_util.h"
#include "tests/shared_data.h"

namespace kg::extract {
namespace {

TEST(ParallelExtract, SharedExtractorGivesTheSameRecordsOnEveryThread) {
  KG_PARSER_MODEL_OR_SKIP();
  std::string news = KG_SHARED_DATA_OR_SKIP("news-sample/wikinews_gum_news.jsonl");
  auto extractor = MakeDefaultExtractor({});
  ASSERT_TRUE(extractor.ok()) << extractor.status().ToString();
  Reader reader;
  std::vector<Document> docs;
  std::vector<ReadResult> missing;
  for (const std::string& f : reader.Expand({::kg::testing::SeedsDir(), news}, &missing)) {
    reader.ReadFile(f, [&](ReadResult r) {
      ASSERT_TRUE(r.status.ok()) << r.status.message();
      docs.push_back(std::move(r.document));
    });
  }
  ASSERT_EQ(docs.size(), 29u);
  std::vector<std::string> one(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    auto x = (*extractor)->Extract(docs[i]);
    ASSERT_TRUE(x.ok());
    one[i] = EncodeRecord(*x);
  }
  constexpr int kThreads = 4;
  std::vector<std::vector<std::string>> many(kThreads, std::vector<std::string>(docs.size()));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<size_t> order(docs.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::shuffle(order.begin(), order.end(), std::mt19937(t));
      for (size_t i : order) {
        auto x = (*extractor)->Extract(docs[i]);
        if (x.ok()) many[t][i] = EncodeRecord(*x);
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    for (size_t i = 0; i < docs.size(); ++i) {
      EXPECT_EQ(many[t][i], one[i]) << "thread " << t << ", " << docs[i].source;
    }
  }
}

}  // namespace
}  // namespace kg::extract
