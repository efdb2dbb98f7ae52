// `kg ingest`, `kg stats`, `kg check`, `kg retract` through the real binary
// on the seed articles, plus bulk == normal. Assertions compare runs with each
// other, never with fixed claim counts, so they hold for any extractor.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <chrono>
#include <filesystem>
#include <thread>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "graph/bulk_loader.h"
#include "graph/graph.h"
#include "extract/extractor.h"
#include "extract/reader.h"
#include "tests/shared_data.h"
#include "tests/storage/run_kg.h"
#include "tests/storage/test_util.h"

namespace kg::testing {
namespace {

namespace fs = std::filesystem;

nlohmann::json Stats(const std::string& db, const std::string& scratch) {
  RunResult r = RunKg({"--db", db, "stats", "--json"}, scratch);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out.empty() ? "{}" : r.out);
}

std::unique_ptr<graph::Graph> OpenRead(const std::string& db) {
  graph::OpenOptions o;
  o.read_only = true;
  o.create_if_missing = false;
  auto g = graph::Graph::Open(db, o);
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return g.ok() ? std::move(*g) : nullptr;
}

// (subject name, type, object name) -> provenance records, for every edge.
// Names are lower-cased: entities are merged case-insensitively and keep the
// spelling of the document that created them, which may differ between runs.
using ClaimKey = std::tuple<std::string, std::string, std::string>;
std::map<ClaimKey, std::map<std::string, int>> Claims(const graph::Graph& g) {
  std::map<ClaimKey, std::map<std::string, int>> out;
  auto name = [&](graph::NodeId id) {
    auto n = g.GetNode(id);
    auto it = n->properties.find("name");
    std::string s =
        it == n->properties.end() ? std::string() : std::get<std::string>(it->second.value);
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  };
  for (auto c = g.ScanEdges(); c->Valid(); c->Next()) {
    const auto& e = c->edge();
    auto prov = g.EdgeProvenance(e.id);
    auto& docs = out[{name(e.source), g.TypeName(e.type), name(e.target)}];
    for (const auto& p : *prov) docs[p.document_id]++;
  }
  return out;
}

std::string SourceToId(const graph::Graph& g, const std::string& file_suffix) {
  auto docs = g.ListDocuments();
  for (const auto& id : *docs) {
    auto d = g.GetDocument(id);
    if (d->document.source.size() >= file_suffix.size() &&
        d->document.source.compare(d->document.source.size() - file_suffix.size(),
                                   file_suffix.size(), file_suffix) == 0) {
      return id;
    }
  }
  return "";
}

TEST(Ingest, SeedsTwiceGiveIdenticalStats) {
  TempDir tmp;
  std::string db = tmp.Sub("kg.db");
  RunResult first = RunKg({"--db", db, "ingest", SeedsDir()}, tmp.path());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("ingest: 5 documents stored, 0 unchanged, 0 rejected"),
            std::string::npos)
      << first.err;
  nlohmann::json s1 = Stats(db, tmp.path());
  EXPECT_EQ(s1["documents"], 5);
  EXPECT_GT(s1["claims"].get<int>(), 0);
  EXPECT_GE(s1["sources"].get<int>(), s1["claims"].get<int>());
  std::string dump1 = Dump(*OpenRead(db));

  RunResult second = RunKg({"--db", db, "ingest", SeedsDir()}, tmp.path());
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("0 documents stored, 5 unchanged"), std::string::npos) << second.err;
  EXPECT_EQ(Stats(db, tmp.path()), s1);
  EXPECT_EQ(Dump(*OpenRead(db)), dump1);
  RunResult check = RunKg({"--db", db, "check"}, tmp.path());
  EXPECT_EQ(check.exit_code, 0) << check.out;

  // Text output names the extractor.
  RunResult text = RunKg({"--db", db, "stats"}, tmp.path());
  EXPECT_NE(text.out.find("extractor"), std::string::npos);
  EXPECT_EQ(Stats(db, tmp.path())["extractors"].size(), 1u);
  RunResult global = RunKg({"--db", db, "--format", "json", "stats"}, tmp.path());
  EXPECT_EQ(nlohmann::json::parse(global.out), s1);
}

TEST(Ingest, RetractOneSeedKeepsSharedClaims) {
  TempDir tmp;
  std::string all = tmp.Sub("all.db"), four = tmp.Sub("four.db");
  ASSERT_EQ(RunKg({"--db", all, "ingest", SeedsDir()}, tmp.path()).exit_code, 0);
  std::vector<std::string> others;
  for (const auto& e : fs::directory_iterator(SeedsDir())) {
    if (e.path().filename().string().rfind("000_", 0) != 0) others.push_back(e.path().string());
  }
  ASSERT_EQ(others.size(), 4u);
  std::vector<std::string> args = {"--db", four, "ingest"};
  args.insert(args.end(), others.begin(), others.end());
  ASSERT_EQ(RunKg(args, tmp.path()).exit_code, 0);

  std::string doc;
  std::map<ClaimKey, std::map<std::string, int>> before;
  {
    auto g = OpenRead(all);
    doc = SourceToId(*g, "000_63cd26496f3a4c4e.txt");
    before = Claims(*g);
  }
  ASSERT_FALSE(doc.empty());
  // Some claims are only in seed 000, some shared with others (the seeds
  // overlap); the test needs both kinds to mean something.
  int only = 0, shared = 0;
  for (const auto& [k, docs] : before) {
    if (docs.count(doc)) (docs.size() == 1 ? only : shared)++;
  }
  EXPECT_GT(only, 0);

  RunResult r = RunKg({"--db", all, "retract", doc.substr(0, 12)}, tmp.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  RunResult check = RunKg({"--db", all, "check"}, tmp.path());
  EXPECT_EQ(check.exit_code, 0) << check.out;

  auto after = Claims(*OpenRead(all));
  for (const auto& [k, docs] : before) {
    auto rest = docs;
    rest.erase(doc);
    if (rest.empty()) {
      EXPECT_EQ(after.count(k), 0u) << std::get<0>(k) << " " << std::get<1>(k);
    } else {
      ASSERT_EQ(after.count(k), 1u) << std::get<0>(k) << " " << std::get<1>(k);
      EXPECT_EQ(after[k], rest);  // counts lost exactly the retracted records
    }
  }
  // And it is the same knowledge as a database that never saw seed 000.
  EXPECT_EQ(after, Claims(*OpenRead(four)));
  auto sa = Stats(all, tmp.path()), sf = Stats(four, tmp.path());
  for (const char* k : {"documents", "entities", "claims", "sources", "nodes", "mentions"}) {
    EXPECT_EQ(sa[k], sf[k]) << k;
  }
  // Retracting again: no such document.
  EXPECT_EQ(RunKg({"--db", all, "retract", doc}, tmp.path()).exit_code, 1);
}

// Issue 13: a 1 MB line of random words (word soup, one "sentence" with
// no full stop) changes no existing claim's sources: the splitter cuts it
// at kMaxSentenceTokens and the pieces give no claims.
TEST(Ingest, WordSoupLineChangesNoClaim) {
  std::ifstream index("/usr/share/wordnet/index.noun");
  if (!index) {
    if (std::getenv("KG_REQUIRE_SHARED")) FAIL() << "WordNet (wordnet-base) missing";
    GTEST_SKIP() << "Ingest.WordSoupLineChangesNoClaim: WordNet (wordnet-base) missing";
  }
  std::vector<std::string> words;
  for (std::string line; std::getline(index, line);) {
    if (line.empty() || line[0] == ' ') continue;
    std::string w = line.substr(0, line.find(' '));
    for (char& c : w) if (c == '_') c = ' ';
    words.push_back(w);
  }
  ASSERT_GT(words.size(), 10000u);
  std::string soup;
  uint64_t x = 12345;
  while (soup.size() < 1000000) {  // 1 MB, under the reader's 1 MiB line limit
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    std::string w = words[(x >> 33) % words.size()];
    if ((x >> 20) % 7 == 0) w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    soup += w + ' ';
  }
  TempDir tmp;
  std::string db = tmp.path() + "/kg.db";
  ASSERT_EQ(RunKg({"--db", db, "ingest", SeedsDir()}, tmp.path()).exit_code, 0);
  auto before = Claims(*OpenRead(db));
  std::string junk = tmp.path() + "/junk.txt";
  { std::ofstream(junk) << soup << "\n"; }
  RunResult r = RunKg({"--db", db, "ingest", junk}, tmp.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto after = Claims(*OpenRead(db));
  for (const auto& [key, docs] : before) {
    ASSERT_EQ(after.count(key), 1u) << std::get<0>(key) << " " << std::get<1>(key);
    EXPECT_EQ(after.at(key), docs) << std::get<0>(key) << " -" << std::get<1>(key) << "-> "
                                   << std::get<2>(key) << " gained a source from the junk line";
  }
  // A few pieces of the soup read like prose by chance (6 claims here,
  // each at half confidence as pieces of a cut run; 5,670 before the bound).
  EXPECT_LE(after.size(), before.size() + 20) << "the junk line gave many claims";
  EXPECT_EQ(RunKg({"--db", db, "check"}, tmp.path()).exit_code, 0);
}

// kg ingest --wait: while another process holds the write lock, wait for
// it instead of failing (issue 13).
TEST(Ingest, WaitsForTheWriteLock) {
  TempDir tmp;
  std::string db = tmp.path() + "/kg.db";
  ASSERT_EQ(RunKg({"--db", db, "ingest", SeedsDir() + "/000_63cd26496f3a4c4e.txt"}, tmp.path())
                .exit_code,
            0);
  auto holder = graph::Graph::Open(db, {});
  ASSERT_TRUE(holder.ok()) << holder.status().ToString();
  RunResult busy = RunKg({"--db", db, "ingest", SeedsDir()}, tmp.path());
  EXPECT_EQ(busy.exit_code, 1);
  EXPECT_NE(busy.err.find("in use by another kg process"), std::string::npos) << busy.err;
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    holder->reset();
  });
  auto started = std::chrono::steady_clock::now();
  RunResult waited = RunKg({"--db", db, "ingest", "--wait", SeedsDir()}, tmp.path());
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  release.join();
  EXPECT_EQ(waited.exit_code, 0) << waited.err;
  EXPECT_NE(waited.err.find("waiting for it"), std::string::npos) << waited.err;
  EXPECT_GE(seconds, 1.4);
  EXPECT_EQ(Stats(db, tmp.path())["documents"], 5);
}

// kg retract names a document by the file (or file:line) it was read from
// or by its url (normalised; both through the document index) as well as by
// id; its summary counts entities and value
// nodes apart; the alias index stays consistent (kg check).
TEST(Retract, ByFileLineAndUrl) {
  std::string news = KG_SHARED_DATA_OR_SKIP("news-sample/wikinews_gum_news.jsonl");
  TempDir tmp;
  std::string db = tmp.path() + "/kg.db";
  ASSERT_EQ(RunKg({"--db", db, "ingest", news}, tmp.path()).exit_code, 0);
  std::string url;
  {
    std::ifstream in(news);
    std::string first;
    std::getline(in, first);
    size_t at = first.find("\"url\": \"");
    if (at == std::string::npos) at = first.find("\"url\":\"");
    ASSERT_NE(at, std::string::npos);
    at = first.find("http", at);
    url = first.substr(at, first.find('"', at) - at);
  }
  RunResult by_line = RunKg({"--db", db, "retract", news + ":3"}, tmp.path());
  ASSERT_EQ(by_line.exit_code, 0) << by_line.err;
  EXPECT_NE(by_line.err.find(" entities, -"), std::string::npos) << by_line.err;
  EXPECT_NE(by_line.err.find(" value nodes;"), std::string::npos) << by_line.err;
  // The url as documents are identified by it (common/url.h): another
  // scheme, "www." and a trailing slash name the same article.
  ASSERT_EQ(url.rfind("https://", 0), 0u) << url;
  std::string variant = "http://www." + url.substr(8) + "/";
  RunResult by_url = RunKg({"--db", db, "retract", variant}, tmp.path());
  ASSERT_EQ(by_url.exit_code, 0) << variant << ": " << by_url.err;
  EXPECT_EQ(Stats(db, tmp.path())["documents"], 22);
  EXPECT_EQ(RunKg({"--db", db, "check"}, tmp.path()).exit_code, 0);
  RunResult unknown = RunKg({"--db", db, "retract", "no/such/file.txt"}, tmp.path());
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no document has the id, file or url 'no/such/file.txt'"),
            std::string::npos) << unknown.err;
}

// The normal path and the bulk loader (forced to cut many chunks) build the
// same graph from the same extractions.
void ExpectBulkEqualsNormal(const std::vector<std::string>& paths) {
  TempDir tmp;
  auto extractor = extract::MakeDefaultExtractor({});
  ASSERT_TRUE(extractor.ok());
  std::vector<Extraction> xs;
  extract::Reader reader;
  std::vector<extract::ReadResult> missing;
  for (const auto& f : reader.Expand(paths, &missing)) {
    reader.ReadFile(f, [&](extract::ReadResult r) {
      ASSERT_TRUE(r.status.ok()) << r.status.message();
      auto x = (*extractor)->Extract(r.document);
      ASSERT_TRUE(x.ok());
      xs.push_back(std::move(*x));
    });
  }
  ASSERT_FALSE(xs.empty());
  graph::OpenOptions o;
  o.sync_writes = false;
  auto normal = graph::Graph::Open(tmp.Sub("normal"), o);
  auto bulk = graph::Graph::Open(tmp.Sub("bulk"), o);
  ASSERT_TRUE(normal.ok() && bulk.ok());
  graph::BulkOptions bo;
  bo.chunk_bytes = 8 << 10;
  auto loader = graph::BulkLoader::Start(bulk->get(), bo);
  ASSERT_TRUE(loader.ok()) << loader.status().ToString();
  for (const auto& x : xs) {
    ASSERT_TRUE((*normal)->AddExtraction(x).ok());
    ASSERT_TRUE((*loader)->Add(x).ok());
  }
  ASSERT_TRUE((*loader)->Finish().ok());
  EXPECT_GT((*loader)->stats().chunks, 1u);
  EXPECT_EQ(Dump(**bulk), Dump(**normal));
  ExpectClean(**bulk);
  // The bulk-loaded graph keeps working with the normal path afterwards.
  auto again = (*bulk)->AddExtraction(xs.front());
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->unchanged);
}

TEST(Ingest, BulkEqualsNormalOnSeeds) { ExpectBulkEqualsNormal({SeedsDir()}); }

TEST(Ingest, BulkEqualsNormalOnNewsSample) {
  std::string dir = KG_SHARED_DATA_OR_SKIP("news-sample");
  ExpectBulkEqualsNormal({SeedsDir(), dir});
}

TEST(Ingest, BulkFlagThroughTheBinary) {
  TempDir tmp;
  ASSERT_EQ(RunKg({"--db", tmp.Sub("a"), "ingest", SeedsDir()}, tmp.path()).exit_code, 0);
  RunResult b = RunKg({"--db", tmp.Sub("b"), "ingest", "--bulk", SeedsDir()}, tmp.path());
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(Dump(*OpenRead(tmp.Sub("a"))), Dump(*OpenRead(tmp.Sub("b"))));
  EXPECT_EQ(RunKg({"--db", tmp.Sub("b"), "check"}, tmp.path()).exit_code, 0);
}

TEST(Ingest, UsageErrors) {
  TempDir tmp;
  EXPECT_EQ(RunKg({"--db", tmp.Sub("db"), "ingest"}, tmp.path()).exit_code, 2);
  EXPECT_FALSE(fs::exists(tmp.Sub("db")));
  RunResult stats = RunKg({"--db", tmp.Sub("none"), "stats"}, tmp.path());
  EXPECT_EQ(stats.exit_code, 1);
  EXPECT_FALSE(fs::exists(tmp.Sub("none")));
}

}  // namespace
}  // namespace kg::testing
