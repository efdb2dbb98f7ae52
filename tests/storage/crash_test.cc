// Crash safety: a child kg is killed with SIGKILL at random points, 100 times
// during a parallel `kg ingest --threads 2` (the first kill inside database
// creation) and 100 times during `kg load` of extraction records (a tenth of
// them on the bulk path). After each kill the database opens, Check() is
// clean, every acknowledged document is stored, and every stored document is
// complete (all of its claims and mentions).
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "common/extraction_record.h"
#include "extract/extractor.h"
#include "extract/reader.h"
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

// (claims, mentions) an extraction gives a document once stored.
std::pair<uint64_t, uint64_t> Expected(const Extraction& x) {
  uint64_t mentions = 0, claims = 0;
  for (const auto& e : x.entities) mentions += e.name.empty() ? 0 : e.mentions.size();
  for (const auto& c : x.claims) {
    bool ok = c.subject >= 0 && c.object >= 0 && !c.relation.empty() &&
              !x.entities[c.subject].name.empty() && !x.entities[c.object].name.empty();
    claims += ok ? 1 : 0;
  }
  return {claims, mentions};
}

// Kills a kg run per round and checks the database after each kill.
class CrashRounds {
 public:
  CrashRounds(const TempDir& tmp, const extract::Extractor* extractor)
      : tmp_(tmp), extractor_(extractor), db_(tmp.Sub("crash.db")) {}

  // Expected (claims, mentions) of a document the test made itself; others
  // are re-extracted from their stored text.
  void Expect(const std::string& id, std::pair<uint64_t, uint64_t> counts) {
    expected_[id] = counts;
  }

  // Runs `rounds` rounds: args(round) is the command (--db is added), and it
  // is killed after a random delay within the run time of `reference_ms`.
  void Run(int rounds, int reference_ms, const std::function<std::vector<std::string>(int)>& args) {
    std::mt19937 rng(20261127);
    int run_ms = reference_ms;
    for (int round = 0; round < rounds; ++round) {
      std::vector<std::string> argv = {"--db", db_};
      for (auto& a : args(round)) argv.push_back(a);
      std::string out = tmp_.Sub("out.txt"), err = tmp_.Sub("err.txt");
      pid_t pid = StartKg(argv, out, err);
      // Round 0 of a fresh database dies almost at once (inside its
      // creation); later rounds anywhere in the run.
      int delay_ms = round == 0 && !fs::exists(db_)
                         ? 3
                         : std::uniform_int_distribution<int>(2, std::max(5, run_ms))(rng);
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      ::kill(pid, SIGKILL);
      int code = WaitExit(pid);
      if (code == -1) {
        ++killed_mid_run_;
      } else if (round > 0) {
        // The run finished before the kill: the machine is faster now than
        // when the run was timed. Aim later kills inside the time this run
        // is known to have taken at most.
        run_ms = std::max(5, delay_ms * 3 / 4);
      }
      std::set<std::string> acked = Acked(ReadWhole(out));
      acked_.insert(acked.begin(), acked.end());
      ++kills_;
      Verify(round);
      if (::testing::Test::HasFatalFailure()) return;
    }
  }

  int kills() const { return kills_; }
  int killed_mid_run() const { return killed_mid_run_; }
  size_t acked() const { return acked_.size(); }

 private:
  void Verify(int round) {
    if (!fs::exists(db_)) {
      EXPECT_TRUE(acked_.empty()) << "acknowledged documents but no database";
      return;
    }
    graph::OpenOptions o;
    o.create_if_missing = false;
    auto g = graph::Graph::Open(db_, o);
    ASSERT_TRUE(g.ok()) << "round " << round << ": " << g.status().ToString();
    ExpectClean(**g);
    for (const auto& id : acked_) {
      EXPECT_TRUE((*g)->GetDocument(id).ok()) << "acknowledged but missing: " << id;
    }
    // Every stored document is complete: its provenance and mention records
    // are exactly what its extraction yields.
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
      auto want = expected_.find(id);
      if (want == expected_.end()) {
        // Extraction is deterministic: each document is extracted once.
        auto x = extractor_->Extract(d->document);
        ASSERT_TRUE(x.ok());
        want = expected_.emplace(id, Expected(*x)).first;
      }
      EXPECT_EQ(prov[id], want->second.first) << id;
      EXPECT_EQ(d->claim_count, want->second.first) << id;
      EXPECT_EQ(mentions[id], want->second.second) << id;
      total_claims += d->claim_count;
    }
    if (!docs->empty()) EXPECT_GT(total_claims, 0u) << "the check needs documents with claims";
  }

  const TempDir& tmp_;
  const extract::Extractor* extractor_;
  std::string db_;
  std::map<std::string, std::pair<uint64_t, uint64_t>> expected_;
  std::set<std::string> acked_;
  int kills_ = 0, killed_mid_run_ = 0;
};

int ElapsedMs(std::chrono::steady_clock::time_point t0) {
  return static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now() - t0)
                              .count());
}

std::vector<std::string> SeedTexts() {
  std::vector<std::string> paths;
  for (const auto& e : fs::directory_iterator(SeedsDir())) paths.push_back(e.path().string());
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> seeds;
  for (const auto& p : paths) seeds.push_back(ReadWhole(p));
  return seeds;
}

constexpr int kRounds = 100;

TEST(Crash, SigkillDuringParallelIngestLeavesWholeDocuments) {
  TempDir tmp;
  std::vector<std::string> seeds = SeedTexts();
  ASSERT_EQ(seeds.size(), 5u);
  auto extractor = extract::MakeDefaultExtractor({});
  ASSERT_TRUE(extractor.ok());
  // Fresh documents every round so each kill lands among new writes.
  auto make_input = [&](const std::string& dir, int round) {
    fs::create_directories(dir);
    for (int i = 0; i < 12; ++i) {
      std::ofstream(dir + "/doc" + std::to_string(i) + ".txt")
          << "Report " << round << "-" << i << " from Moscow.\n\n" << seeds[i % 5];
    }
  };
  // How long one uninterrupted round takes, so the kills spread over a run.
  make_input(tmp.Sub("ref-in"), -1);
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(RunKg({"--db", tmp.Sub("ref.db"), "ingest", "--threads", "2", tmp.Sub("ref-in")},
                  tmp.path())
                .exit_code,
            0);
  int run_ms = ElapsedMs(t0);

  CrashRounds rounds(tmp, extractor->get());
  rounds.Run(kRounds, run_ms, [&](int round) -> std::vector<std::string> {
    std::string in = tmp.Sub("in" + std::to_string(round));
    make_input(in, round);
    return {"ingest", "-v", "--threads", "2", in};
  });
  EXPECT_EQ(rounds.kills(), kRounds);
  EXPECT_GT(rounds.killed_mid_run(), kRounds / 2) << "most kills should land while ingest runs";
  EXPECT_GT(rounds.acked(), 0u);
  std::cout << "[ crash    ] ingest --threads 2: " << rounds.kills() << " kills, "
            << rounds.killed_mid_run() << " mid-run, " << rounds.acked()
            << " documents acknowledged\n";
}

TEST(Crash, SigkillDuringLoadLeavesWholeDocuments) {
  TempDir tmp;
  auto extractor = extract::MakeDefaultExtractor({});
  ASSERT_TRUE(extractor.ok());
  // The seeds extracted once; each round loads 12 new documents made from
  // them by a line in front of the text (every span shifted by it), written
  // as kg extract writes records.
  std::vector<Extraction> base;
  for (const std::string& text : SeedTexts()) {
    Document d;
    d.text = extract::CleanText(text);
    d.id = extract::DocumentId(d);
    d.source = "seed";
    auto x = (*extractor)->Extract(d);
    ASSERT_TRUE(x.ok());
    base.push_back(std::move(*x));
  }
  CrashRounds rounds(tmp, extractor->get());
  auto make_records = [&](int round) {
    std::string path = tmp.Sub("records" + std::to_string(round) + ".jsonl");
    std::ofstream out(path);
    for (int i = 0; i < 12; ++i) {
      Extraction x = base[i % base.size()];
      std::string line = "Report " + std::to_string(round) + "-" + std::to_string(i) + ".\n\n";
      auto shift = static_cast<uint32_t>(line.size());
      auto move = [&](ByteSpan& s) {
        s.begin += shift;
        s.end += shift;
      };
      x.document.text = line + x.document.text;
      x.document.id = extract::DocumentId(x.document);
      x.document.source = path + ":" + std::to_string(i + 1);
      for (Entity& e : x.entities)
        for (Mention& m : e.mentions) move(m.span);
      for (Claim& c : x.claims) {
        for (ByteSpan* s : {&c.sentence_span, &c.subject_span, &c.relation_span, &c.object_span})
          move(*s);
        for (ClaimArgument& a : c.arguments) move(a.span);
      }
      rounds.Expect(x.document.id, Expected(x));
      out << EncodeRecord(x) << "\n";
    }
    return path;
  };
  std::string ref = make_records(-1);
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(RunKg({"--db", tmp.Sub("ref.db"), "load", ref}, tmp.path()).exit_code, 0);
  int run_ms = ElapsedMs(t0);

  rounds.Run(kRounds, run_ms, [&](int round) -> std::vector<std::string> {
    std::string records = make_records(round);
    // Every tenth round on the bulk path (no acknowledgements there: all
    // or nothing of the round's records).
    if (round % 10 == 5) return {"load", "--bulk", records};
    return {"load", "-v", records};
  });
  EXPECT_EQ(rounds.kills(), kRounds);
  EXPECT_GT(rounds.killed_mid_run(), kRounds / 2) << "most kills should land while load runs";
  EXPECT_GT(rounds.acked(), 0u);
  std::cout << "[ crash    ] load: " << rounds.kills() << " kills, " << rounds.killed_mid_run()
            << " mid-run, " << rounds.acked() << " documents acknowledged\n";
}

}  // namespace
}  // namespace kg::testing
