// Degree counts (format version 3): kept in step by every write path,
// verified by Check, readable from a version-2 database opened read-only and
// computed when one is opened for writing.
#include <gtest/gtest.h>

#include <rocksdb/db.h>

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "graph/bulk_loader.h"
#include "graph/graph.h"
#include "storage/keys.h"
#include "storage/store.h"
#include "tests/storage/test_util.h"

namespace kg::graph {
namespace {

using kg::testing::ExpectClean;
using kg::testing::MakeExtraction;
using kg::testing::TempDir;

std::unique_ptr<Graph> OpenOrDie(const std::string& dir, OpenOptions o = {}) {
  o.sync_writes = false;
  auto g = Graph::Open(dir, o);
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return g.ok() ? std::move(*g) : nullptr;
}

uint64_t DegreeOf(const Graph& g, NodeId n, EdgeDirection d, const std::string& type = "") {
  std::optional<TypeId> t;
  if (!type.empty()) {
    t = g.FindType(type);
    if (!t) return 0;
  }
  auto r = g.Degree(n, d, t);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : 0;
}

// ScanDegrees (of the nodes in [from, to)) as "node type count" lines.
std::vector<std::string> Scan(const Graph& g, EdgeDirection d, NodeId from = 0, NodeId to = ~NodeId{0}) {
  std::vector<std::string> out;
  auto c = g.ScanDegrees(d, from, to);
  for (; c->Valid(); c->Next())
    out.push_back(std::to_string(c->entry().node) + " " + g.TypeName(c->entry().type) + " " +
                  std::to_string(c->entry().count));
  EXPECT_TRUE(c->status().ok()) << c->status().ToString();
  return out;
}

// The degrees every node should have, counted from the adjacency scans.
std::map<std::tuple<int, NodeId, TypeId>, uint64_t> Counted(const Graph& g) {
  std::map<std::tuple<int, NodeId, TypeId>, uint64_t> out;
  for (auto c = g.ScanEdges(); c->Valid(); c->Next()) {
    out[{0, c->edge().source, c->edge().type}]++;
    out[{1, c->edge().target, c->edge().type}]++;
  }
  return out;
}

void ExpectDegreesAgree(const Graph& g) {
  std::map<std::tuple<int, NodeId, TypeId>, uint64_t> scanned;
  for (int d = 0; d < 2; ++d) {
    auto dir = d == 0 ? EdgeDirection::kOut : EdgeDirection::kIn;
    for (auto c = g.ScanDegrees(dir); c->Valid(); c->Next()) {
      scanned[{d, c->entry().node, c->entry().type}] = c->entry().count;
      auto one = g.Degree(c->entry().node, dir, c->entry().type);
      ASSERT_TRUE(one.ok());
      EXPECT_EQ(*one, c->entry().count);
    }
  }
  EXPECT_EQ(scanned, Counted(g));
}

TEST(Degrees, CreateAndDeleteByHandKeepCounts) {
  TempDir tmp;
  auto g = OpenOrDie(tmp.Sub("db"));
  ASSERT_TRUE(g);
  NodeId a = *g->CreateNode({"N"}, {{"name", "a"}});
  NodeId b = *g->CreateNode({"N"}, {{"name", "b"}});
  NodeId c = *g->CreateNode({"N"}, {{"name", "c"}});
  EdgeId ab1 = *g->CreateEdge(a, b, "R", {});
  ASSERT_TRUE(g->CreateEdge(a, b, "R", {}).ok());
  ASSERT_TRUE(g->CreateEdge(a, a, "R", {}).ok());  // a self-loop: once out, once in
  EdgeId ac = *g->CreateEdge(a, c, "S", {});
  EXPECT_EQ(DegreeOf(*g, a, EdgeDirection::kOut, "R"), 3u);
  EXPECT_EQ(DegreeOf(*g, a, EdgeDirection::kOut, "S"), 1u);
  EXPECT_EQ(DegreeOf(*g, a, EdgeDirection::kOut), 4u);
  EXPECT_EQ(DegreeOf(*g, a, EdgeDirection::kIn, "R"), 1u);
  EXPECT_EQ(DegreeOf(*g, b, EdgeDirection::kIn, "R"), 2u);
  EXPECT_EQ(DegreeOf(*g, b, EdgeDirection::kOut), 0u);
  EXPECT_EQ(DegreeOf(*g, c, EdgeDirection::kIn, "R"), 0u);
  EXPECT_EQ(DegreeOf(*g, 999, EdgeDirection::kOut), 0u);
  std::string na = std::to_string(a);
  EXPECT_EQ(Scan(*g, EdgeDirection::kOut), (std::vector<std::string>{na + " R 3", na + " S 1"}));
  std::string nb = std::to_string(b), nc = std::to_string(c);
  EXPECT_EQ(Scan(*g, EdgeDirection::kIn, b), (std::vector<std::string>{nb + " R 2", nc + " S 1"}));
  EXPECT_EQ(Scan(*g, EdgeDirection::kIn, a, b), (std::vector<std::string>{na + " R 1"}));
  EXPECT_EQ(Scan(*g, EdgeDirection::kIn, c + 1), std::vector<std::string>{});
  ExpectDegreesAgree(*g);
  ExpectClean(*g);

  ASSERT_TRUE(g->DeleteEdge(ab1).ok());
  ASSERT_TRUE(g->DeleteEdge(ac).ok());
  EXPECT_EQ(DegreeOf(*g, a, EdgeDirection::kOut, "R"), 2u);
  EXPECT_EQ(DegreeOf(*g, a, EdgeDirection::kOut, "S"), 0u);
  EXPECT_EQ(DegreeOf(*g, c, EdgeDirection::kIn), 0u);
  EXPECT_EQ(Scan(*g, EdgeDirection::kOut), (std::vector<std::string>{na + " R 2"}));
  ExpectDegreesAgree(*g);
  ExpectClean(*g);

  g.reset();
  g = OpenOrDie(tmp.Sub("db"));
  ASSERT_TRUE(g);
  EXPECT_EQ(DegreeOf(*g, b, EdgeDirection::kIn, "R"), 1u);
  ExpectDegreesAgree(*g);
}

TEST(Degrees, IngestAndRetractKeepCounts) {
  TempDir tmp;
  auto g = OpenOrDie(tmp.Sub("db"));
  ASSERT_TRUE(g);
  ASSERT_TRUE(g->AddExtraction(MakeExtraction("d1", "Putin called Obama. Obama thanked Putin.",
                                              {{"Putin", "call", "Obama"}, {"Obama", "thank", "Putin"}}))
                  .ok());
  ASSERT_TRUE(g->AddExtraction(MakeExtraction("d2", "Putin called Obama. Putin called Merkel.",
                                              {{"Putin", "call", "Obama"}, {"Putin", "call", "Merkel"}}))
                  .ok());
  auto putin = g->FindByName("Putin");
  ASSERT_TRUE(putin.ok() && putin->size() == 1);
  NodeId p = (*putin)[0];
  // The repeated claim is one edge: the count follows edges, not sources.
  EXPECT_EQ(DegreeOf(*g, p, EdgeDirection::kOut, "call"), 2u);
  EXPECT_EQ(DegreeOf(*g, p, EdgeDirection::kIn, "thank"), 1u);
  ExpectDegreesAgree(*g);
  ExpectClean(*g);

  ASSERT_TRUE(g->Retract("d2").ok());  // Putin -call-> Merkel goes, -> Obama stays
  EXPECT_EQ(DegreeOf(*g, p, EdgeDirection::kOut, "call"), 1u);
  ExpectDegreesAgree(*g);
  ExpectClean(*g);
  ASSERT_TRUE(g->Retract("d1").ok());
  EXPECT_EQ(Scan(*g, EdgeDirection::kOut), std::vector<std::string>{});
  EXPECT_EQ(Scan(*g, EdgeDirection::kIn), std::vector<std::string>{});
  ExpectClean(*g);
}

TEST(Degrees, BulkLoadKeepsCountsAcrossChunks) {
  TempDir tmp;
  auto g = OpenOrDie(tmp.Sub("db"));
  ASSERT_TRUE(g);
  // A node that exists before the load gains edges in it.
  ASSERT_TRUE(g->AddExtraction(MakeExtraction("d0", "Putin called Obama.", {{"Putin", "call", "Obama"}})).ok());
  BulkOptions bo;
  bo.chunk_bytes = 1;  // a chunk per document
  auto loader = BulkLoader::Start(g.get(), bo);
  ASSERT_TRUE(loader.ok());
  for (int i = 0; i < 5; ++i) {
    std::string other = "Person" + std::string(1, static_cast<char>('A' + i));
    std::string text = "Putin called " + other + ". " + other + " called Obama.";
    ASSERT_TRUE((*loader)->Add(MakeExtraction("b" + std::to_string(i), text,
                                              {{"Putin", "call", other}, {other, "call", "Obama"}}))
                    .ok());
  }
  ASSERT_TRUE((*loader)->Finish().ok());
  EXPECT_GT((*loader)->stats().chunks, 1u);
  NodeId p = (*g->FindByName("Putin"))[0];
  NodeId o = (*g->FindByName("Obama"))[0];
  EXPECT_EQ(DegreeOf(*g, p, EdgeDirection::kOut, "call"), 6u);
  EXPECT_EQ(DegreeOf(*g, o, EdgeDirection::kIn, "call"), 6u);
  ExpectDegreesAgree(*g);
  ExpectClean(*g);
}

// Makes `dir` look like what kg wrote before format version 3: no degrees
// family, version 2.
void MakeVersion2(const std::string& dir) { testing::MakeOlderVersion(dir, "degrees", 2); }

TEST(Degrees, Version2IsReadableAndUpgradedWhenOpenedForWriting) {
  TempDir tmp;
  std::string dir = tmp.Sub("db");
  NodeId a, b;
  TypeId r, s_type;
  {
    auto g = OpenOrDie(dir);
    ASSERT_TRUE(g);
    a = *g->CreateNode({"N"}, {{"name", "a"}});
    b = *g->CreateNode({"N"}, {{"name", "b"}});
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(g->CreateEdge(a, b, "R", {}).ok());
    ASSERT_TRUE(g->CreateEdge(b, a, "S", {}).ok());
    r = *g->FindType("R");
    s_type = *g->FindType("S");
  }
  MakeVersion2(dir);
  {
    OpenOptions ro;
    ro.read_only = true;
    auto g = OpenOrDie(dir, ro);
    ASSERT_TRUE(g);
    // No stored counts: the same answers, counted from the adjacency.
    EXPECT_EQ(DegreeOf(*g, a, EdgeDirection::kOut, "R"), 3u);
    EXPECT_EQ(DegreeOf(*g, a, EdgeDirection::kIn), 1u);
    EXPECT_EQ(Scan(*g, EdgeDirection::kOut),
              (std::vector<std::string>{std::to_string(a) + " R 3", std::to_string(b) + " S 1"}));
    EXPECT_EQ(Scan(*g, EdgeDirection::kOut, b, b + 1), std::vector<std::string>{std::to_string(b) + " S 1"});
    ExpectDegreesAgree(*g);
    ExpectClean(*g);
  }
  {
    storage::StoreOptions so;
    so.read_only = true;
    auto store = storage::Store::Open(dir, so);
    ASSERT_TRUE(store.ok());
    EXPECT_EQ((*store)->format_version(), 2u);
  }
  {
    auto g = OpenOrDie(dir);  // writable: upgraded to version 3
    ASSERT_TRUE(g);
    EXPECT_EQ(DegreeOf(*g, b, EdgeDirection::kIn, "R"), 3u);
    ExpectDegreesAgree(*g);
    ExpectClean(*g);
    ASSERT_TRUE(g->CreateEdge(a, b, "R", {}).ok());
    EXPECT_EQ(DegreeOf(*g, a, EdgeDirection::kOut, "R"), 4u);
  }
  storage::StoreOptions so;
  so.read_only = true;
  auto store = storage::Store::Open(dir, so);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->format_version(), storage::kFormatVersion);
  namespace keys = storage::keys;
  std::string v;
  uint64_t chunk = keys::DegreeChunkOf(a);
  ASSERT_TRUE((*store)->Get(storage::Family::kDegrees, keys::DegreeChunkKey(keys::DegreeDirection::kOut, chunk), &v)
                  .ok());
  std::vector<keys::DegreeItem> items;
  ASSERT_TRUE(keys::DecodeDegreeChunk(v, chunk, &items));
  EXPECT_EQ(items, (std::vector<keys::DegreeItem>{{a, r, 4}, {b, s_type, 1}}));
}

// Version 3 kept one key per node and type; opened for writing, such a
// database gets its counts in chunks and loses the old keys.
TEST(Degrees, Version3IsUpgradedToChunks) {
  TempDir tmp;
  std::string dir = tmp.Sub("db");
  NodeId a, b;
  TypeId r;
  {
    auto g = OpenOrDie(dir);
    ASSERT_TRUE(g);
    a = *g->CreateNode({"N"}, {});
    b = *g->CreateNode({"N"}, {});
    for (int i = 0; i < 2; ++i) ASSERT_TRUE(g->CreateEdge(a, b, "R", {}).ok());
    r = *g->FindType("R");
  }
  {
    // What version 3 wrote: 'o'/'i', BE64 node, BE32 type -> varint count.
    auto store = storage::Store::Open(dir, {});
    ASSERT_TRUE(store.ok());
    storage::WriteBatch batch;
    for (auto it = (*store)->NewIterator(storage::Family::kDegrees); it->Valid(); it->Next())
      batch.Delete(storage::Family::kDegrees, it->key());
    auto old_key = [&](char d, NodeId n) {
      std::string k(1, d);
      for (int i = 7; i >= 0; --i) k.push_back(static_cast<char>(n >> (8 * i)));
      for (int i = 3; i >= 0; --i) k.push_back(static_cast<char>(r >> (8 * i)));
      return k;
    };
    batch.Put(storage::Family::kDegrees, old_key('o', a), std::string(1, '\x02'));
    batch.Put(storage::Family::kDegrees, old_key('i', b), std::string(1, '\x02'));
    batch.Put(storage::Family::kMeta, storage::kFormatVersionKey, "3");
    ASSERT_TRUE((*store)->Write(&batch).ok());
  }
  {
    OpenOptions ro;
    ro.read_only = true;
    auto g = OpenOrDie(dir, ro);  // read-only: counted from the adjacency
    ASSERT_TRUE(g);
    EXPECT_EQ(DegreeOf(*g, a, EdgeDirection::kOut, "R"), 2u);
    ExpectClean(*g);
  }
  auto g = OpenOrDie(dir);
  ASSERT_TRUE(g);
  EXPECT_EQ(DegreeOf(*g, a, EdgeDirection::kOut, "R"), 2u);
  EXPECT_EQ(DegreeOf(*g, b, EdgeDirection::kIn, "R"), 2u);
  ExpectDegreesAgree(*g);
  ExpectClean(*g);  // an old key left over would be "bad degree chunk"
}

TEST(Degrees, CheckFindsAWrongCount) {
  TempDir tmp;
  std::string dir = tmp.Sub("db");
  NodeId a, b;
  uint32_t r;
  {
    auto g = OpenOrDie(dir);
    ASSERT_TRUE(g);
    a = *g->CreateNode({"N"}, {});
    b = *g->CreateNode({"N"}, {});
    ASSERT_TRUE(g->CreateEdge(a, b, "R", {}).ok());
    r = *g->FindType("R");
  }
  {
    auto store = storage::Store::Open(dir, {});
    ASSERT_TRUE(store.ok());
    namespace keys = storage::keys;
    storage::WriteBatch batch;
    uint64_t chunk = keys::DegreeChunkOf(a);
    ASSERT_EQ(chunk, keys::DegreeChunkOf(b));
    batch.Put(storage::Family::kDegrees, keys::DegreeChunkKey(keys::DegreeDirection::kOut, chunk),
              keys::EncodeDegreeChunk({{a, r, 2}}));
    batch.Put(storage::Family::kDegrees, keys::DegreeChunkKey(keys::DegreeDirection::kIn, chunk),
              keys::EncodeDegreeChunk({{a, r, 1}, {b, r, 1}}));
    ASSERT_TRUE((*store)->Write(&batch).ok());
  }
  auto g = OpenOrDie(dir);
  ASSERT_TRUE(g);
  auto problems = g->Check();
  ASSERT_TRUE(problems.ok());
  std::string all;
  for (const auto& p : *problems) all += p.what + "\n";
  EXPECT_NE(all.find("degree out of node " + std::to_string(a) + " type " + std::to_string(r) +
                     ": count 2, relationships 1"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("degree in of node " + std::to_string(a) + " type " + std::to_string(r) +
                     ": count 1 without relationships"),
            std::string::npos)
      << all;
}

}  // namespace
}  // namespace kg::graph
