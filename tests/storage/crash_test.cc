// Crash safety: a child `kg ingest` is killed with SIGKILL at random points
// (24 times, including during database creation). After each kill the
// database opens, Check() is clean, every acknowledged document is stored,
// and every stored document is complete (all of its claims and mentions).
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "extract/extractor.h"
#include "graph/graph.h"
#include "tests/storage/run_kg.h"
#include "tests/storage/test_util.h"

namespace kg::testing {
namespace {

namespace fs = std::filesystem;

// Acknowledged document ids ("stored ID SOURCE" / "unchanged ID SOURCE").
std::set<std::string> Acked(const std::string& out) {
  std::set<std::string> ids;
  std::istringstream in(out);
  std::string word, id, rest;
  while (in >> word >> id && std::getline(in, rest)) {
    if (word == "stored" || word == "unchanged") ids.insert(id);
  }
  return ids;
}

TEST(Crash, SigkillAtRandomPointsLeavesWholeDocuments) {
  TempDir tmp;
  std::vector<std::string> seeds;
  for (const auto& e : fs::directory_iterator(SeedsDir())) seeds.push_back(ReadWhole(e.path()));
  ASSERT_EQ(seeds.size(), 5u);
  auto extractor = extract::MakeDefaultExtractor({});
  ASSERT_TRUE(extractor.ok());

  auto make_input = [&](const std::string& dir, int round) {
    fs::create_directories(dir);
    for (int i = 0; i < 15; ++i) {
      std::ofstream(dir + "/doc" + std::to_string(i) + ".txt")
          << "Report " << round << "-" << i << " from Moscow.\n\n" << seeds[i % 5];
    }
  };
  // How long one uninterrupted round takes with the extractor in use, so the
  // kills spread over a whole run whatever its speed.
  make_input(tmp.Sub("ref-in"), -1);
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(RunKg({"--db", tmp.Sub("ref.db"), "ingest", tmp.Sub("ref-in")}, tmp.path()).exit_code, 0);
  int run_ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::steady_clock::now() - t0)
                                    .count());
  // Expected (claims, mentions) per document id: extraction is
  // deterministic, so each document is extracted once, not once per round.
  std::map<std::string, std::pair<uint64_t, uint64_t>> expected;
  std::mt19937 rng(20261127);
  std::string db = tmp.Sub("crash.db");
  std::set<std::string> all_acked;
  const int kRounds = 24;
  int killed_mid_run = 0;
  for (int round = 0; round < kRounds; ++round) {
    // Fresh documents every round so each kill lands among new writes.
    std::string in = tmp.Sub("in" + std::to_string(round));
    make_input(in, round);
    std::string out = tmp.Sub("out.txt"), err = tmp.Sub("err.txt");
    pid_t pid = StartKg({"--db", db, "ingest", "-v", in}, out, err);
    // Round 0 dies almost at once (inside database creation); later rounds
    // anywhere in the run.
    int delay_ms = round == 0 ? 3 : std::uniform_int_distribution<int>(5, std::max(10, run_ms))(rng);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ::kill(pid, SIGKILL);
    int code = WaitExit(pid);
    if (code == -1) {
      ++killed_mid_run;
    } else if (round > 0) {
      // The run finished before the kill: the machine is faster now than
      // when the run was timed (or was busier then). Aim the later kills
      // inside the time this run is known to have taken at most.
      run_ms = std::max(10, delay_ms * 3 / 4);
    }
    std::set<std::string> acked = Acked(ReadWhole(out));
    all_acked.insert(acked.begin(), acked.end());

    if (!fs::exists(db)) {
      EXPECT_TRUE(all_acked.empty()) << "acknowledged documents but no database";
      continue;
    }
    graph::OpenOptions o;
    o.create_if_missing = false;
    auto g = graph::Graph::Open(db, o);
    ASSERT_TRUE(g.ok()) << "round " << round << ": " << g.status().ToString();
    ExpectClean(**g);
    for (const auto& id : all_acked) {
      EXPECT_TRUE((*g)->GetDocument(id).ok()) << "acknowledged but missing: " << id;
    }
    // Every stored document is complete: its provenance and mention records
    // are exactly what extracting its text again yields.
    std::map<std::string, uint64_t> prov, mentions;
    for (auto c = (*g)->ScanEdges(); c->Valid(); c->Next()) {
      auto p = (*g)->EdgeProvenance(c->edge().id);
      for (const auto& r : *p) prov[r.document_id]++;
    }
    for (auto c = (*g)->ScanNodes(); c->Valid(); c->Next()) {
      auto m = (*g)->NodeMentions(c->node());
      for (const auto& r : *m) mentions[r.document_id]++;
    }
    uint64_t total_claims = 0;
    auto docs = (*g)->ListDocuments();
    for (const auto& id : *docs) {
      auto d = (*g)->GetDocument(id);
      ASSERT_TRUE(d.ok());
      auto want = expected.find(id);
      if (want == expected.end()) {
        auto x = (*extractor)->Extract(d->document);
        ASSERT_TRUE(x.ok());
        uint64_t want_mentions = 0, want_claims = 0;
        for (const auto& e : x->entities) want_mentions += e.name.empty() ? 0 : e.mentions.size();
        for (const auto& c : x->claims) {
          bool ok = c.subject >= 0 && c.object >= 0 && !c.relation.empty() &&
                    !x->entities[c.subject].name.empty() && !x->entities[c.object].name.empty();
          want_claims += ok ? 1 : 0;
        }
        want = expected.emplace(id, std::make_pair(want_claims, want_mentions)).first;
      }
      const uint64_t want_claims = want->second.first, want_mentions = want->second.second;
      EXPECT_EQ(prov[id], want_claims) << id;
      EXPECT_EQ(d->claim_count, want_claims) << id;
      EXPECT_EQ(mentions[id], want_mentions) << id;
      total_claims += d->claim_count;
    }
    if (!docs->empty()) {
      EXPECT_GT(total_claims, 0u) << "the check needs documents with claims";
    }
  }
  EXPECT_GT(killed_mid_run, kRounds / 2) << "most kills should land while ingest runs";
  EXPECT_FALSE(all_acked.empty());
  std::cout << "[ crash    ] " << kRounds << " kills, " << killed_mid_run << " mid-run, "
            << all_acked.size() << " documents acknowledged\n";
}

}  // namespace
}  // namespace kg::testing
