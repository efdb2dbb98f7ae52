// Curation through the graph API (graph/curation.h): undo restores every
// family as Dump() sees it (mentions, provenance order, degrees, counters),
// merged claims keep both provenances, records survive reopening and
// re-ingest, and a database of format version 4 opens and upgrades.
#include <gtest/gtest.h>

#include <rocksdb/db.h>

#include "graph/curation.h"
#include "graph/graph.h"
#include "storage/store.h"
#include "tests/storage/test_util.h"

namespace kg::testing {
namespace {

using graph::Graph;
using graph::NodeId;
using graph::OpenOptions;

std::unique_ptr<Graph> OpenOrDie(const std::string& dir, OpenOptions o = {}) {
  o.sync_writes = false;
  auto g = Graph::Open(dir, o);
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return g.ok() ? std::move(*g) : nullptr;
}

NodeId Named(const Graph& g, const std::string& name) {
  auto ids = g.FindByName(name);
  EXPECT_TRUE(ids.ok() && !ids->empty()) << name;
  return ids.ok() && !ids->empty() ? ids->front() : 0;
}

// Two documents: "Bob Smith" in one, "Robert Smith" in the other, both
// knowing Alice; the merge folds the two knows-claims into one.
void Fill(Graph& g) {
  ASSERT_TRUE(g.AddExtraction(MakeExtraction("d1", "Bob Smith knows Alice Jones. Bob Smith met Carl.",
                                             {{"Bob Smith", "know", "Alice Jones"}, {"Bob Smith", "meet", "Carl"}}))
                  .ok());
  ASSERT_TRUE(g.AddExtraction(MakeExtraction("d2", "Robert Smith knows Alice Jones.",
                                             {{"Robert Smith", "know", "Alice Jones"}}))
                  .ok());
}

TEST(Curation, MergeFoldsClaimsAndUndoRestoresEverything) {
  TempDir tmp;
  auto g = OpenOrDie(tmp.Sub("db"));
  ASSERT_TRUE(g);
  Fill(*g);
  const std::string before = Dump(*g);
  NodeId bob = Named(*g, "Bob Smith"), robert = Named(*g, "Robert Smith");
  ASSERT_NE(bob, robert);
  auto r = graph::CurateMerge(*g, robert, bob, {"ana", "same man"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ExpectClean(*g);
  auto gone = g->GetNode(bob);
  EXPECT_TRUE(gone.status().IsNotFound());
  auto know = g->FindType("know");
  ASSERT_TRUE(know);
  int edges = 0;
  for (auto c = g->OutEdges(robert, know); c->Valid(); c->Next()) {
    ++edges;
    auto e = g->GetEdge(c->edge().id);
    EXPECT_EQ(e->provenance_count, 2u);
    EXPECT_EQ(e->document_count, 2u);
  }
  EXPECT_EQ(edges, 1);
  // B's name is an alias of A.
  EXPECT_EQ(*g->FindByName("Bob Smith"), std::vector<NodeId>{robert});
  auto undone = graph::UndoCuration(*g, std::nullopt, "ana");
  ASSERT_TRUE(undone.ok()) << undone.status().ToString();
  EXPECT_FALSE(undone->active);
  ExpectClean(*g);
  EXPECT_EQ(Dump(*g), before);
}

// A and B linked to each other: their claim becomes a self-loop of A, and
// the degrees say so; a split by document then takes it back out.
TEST(Curation, MergeOfNeighboursMakesASelfLoopAndUndoesIt) {
  TempDir tmp;
  auto g = OpenOrDie(tmp.Sub("db"));
  ASSERT_TRUE(g);
  Fill(*g);
  ASSERT_TRUE(g->AddExtraction(MakeExtraction("d3", "Robert Smith praised Bob Smith.",
                                              {{"Robert Smith", "praise", "Bob Smith"}}))
                  .ok());
  const std::string before = Dump(*g);
  NodeId robert = Named(*g, "Robert Smith");
  ASSERT_TRUE(graph::CurateMerge(*g, robert, Named(*g, "Bob Smith"), {}).ok());
  ExpectClean(*g);
  auto praise = g->FindType("praise");
  ASSERT_TRUE(praise);
  auto loop = g->OutEdges(robert, praise);
  ASSERT_TRUE(loop->Valid());
  EXPECT_EQ(loop->edge().target, robert);
  EXPECT_EQ(*g->Degree(robert, graph::EdgeDirection::kIn, praise), 1u);
  auto split = graph::CurateSplit(*g, robert, {{}, {"d1"}, "Bob Smith"}, {});
  ASSERT_TRUE(split.ok()) << split.status().ToString();
  ExpectClean(*g);
  ASSERT_TRUE(graph::UndoCuration(*g, std::nullopt, "").ok());
  ASSERT_TRUE(graph::UndoCuration(*g, std::nullopt, "").ok());
  ExpectClean(*g);
  EXPECT_EQ(Dump(*g), before);
}

// Undoing an older record whose alias or rejection a newer merge carried
// along leaves no trace of it.
TEST(Curation, UndoOfAnOlderRecordFollowsWhatANewerOneMoved) {
  TempDir tmp;
  auto g = OpenOrDie(tmp.Sub("db"));
  ASSERT_TRUE(g);
  Fill(*g);
  const std::string before = Dump(*g);
  NodeId carl = Named(*g, "Carl");
  ASSERT_TRUE(graph::CurateRename(*g, carl, "Carl Jung", {}).ok());
  auto second = graph::CurateRename(*g, carl, "Karl Jung", {});  // "Carl Jung" is an alias only by this record
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(graph::CurateMerge(*g, Named(*g, "Robert Smith"), carl, {}).ok());
  EXPECT_EQ(g->FindByName("Carl Jung")->size(), 1u);
  ASSERT_TRUE(graph::UndoCuration(*g, second->id, "").ok());
  ExpectClean(*g);
  EXPECT_TRUE(g->FindByName("Carl Jung")->empty());

  auto know = g->FindType("know");
  auto e = g->OutEdges(Named(*g, "Bob Smith"), know);
  ASSERT_TRUE(e->Valid());
  auto reject = graph::CurateReject(*g, e->edge().id, {"", "no"});
  ASSERT_TRUE(reject.ok());
  auto merge = graph::CurateMerge(*g, Named(*g, "Robert Smith"), Named(*g, "Bob Smith"), {});
  ASSERT_TRUE(merge.ok());
  EXPECT_FALSE(g->OutEdges(Named(*g, "Robert Smith"), know)->Valid()) << "the rejection did not follow";
  ASSERT_TRUE(graph::UndoCuration(*g, reject->id, "").ok());
  ExpectClean(*g);
  EXPECT_TRUE(g->OutEdges(Named(*g, "Robert Smith"), know)->Valid());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(graph::UndoCuration(*g, std::nullopt, "").ok());
  ExpectClean(*g);
  EXPECT_EQ(Dump(*g), before);
}

TEST(Curation, RecordsSurviveReopenAndReingest) {
  TempDir tmp;
  std::string dir = tmp.Sub("db");
  {
    auto g = OpenOrDie(dir);
    ASSERT_TRUE(g);
    Fill(*g);
    ASSERT_TRUE(graph::CurateMerge(*g, Named(*g, "Robert Smith"), Named(*g, "Bob Smith"), {}).ok());
    auto carl = g->FindType("meet");
    ASSERT_TRUE(carl);
    auto c = g->OutEdges(Named(*g, "Robert Smith"), carl);
    ASSERT_TRUE(c->Valid());
    ASSERT_TRUE(graph::CurateReject(*g, c->edge().id, {"", "wrong"}).ok());
  }
  auto g = OpenOrDie(dir);
  ASSERT_TRUE(g);
  auto list = graph::ListCuration(*g, false);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].op, "merge");
  EXPECT_EQ((*list)[1].why, "wrong");
  auto stats = g->Stats();
  EXPECT_EQ(stats->edges, 1u);  // the rejected meet is hidden
  // A new document names Bob Smith as a Place (no alias match): the
  // record merges the new node too.
  Extraction x = MakeExtraction("d3", "Bob Smith praised Dana.", {{"Bob Smith", "praise", "Dana"}});
  x.entities[0].type = EntityType::kPlace;
  ASSERT_TRUE(g->AddExtraction(x).ok());
  EXPECT_EQ(g->FindByName("Bob Smith")->size(), 2u);
  auto again = graph::ReapplyCuration(*g);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->records, 1u);
  EXPECT_EQ(*g->FindByName("Bob Smith"), std::vector<NodeId>{Named(*g, "Robert Smith")});
  ExpectClean(*g);
  // Retracting the document of the rejected claim and reading it again:
  // rejected again.
  ASSERT_TRUE(g->Retract("d1").ok());
  ASSERT_TRUE(graph::ReapplyCuration(*g).ok());
  ExpectClean(*g);
  Fill(*g);
  ASSERT_TRUE(graph::ReapplyCuration(*g).ok());
  ExpectClean(*g);
  EXPECT_EQ(g->FindByName("Bob Smith")->size(), 1u);
  auto meet = g->FindType("meet");
  auto c = g->OutEdges(Named(*g, "Robert Smith"), meet);
  EXPECT_FALSE(c->Valid()) << "the rejected claim came back visible";
}

TEST(Curation, Version4OpensAndUpgrades) {
  TempDir tmp;
  std::string dir = tmp.Sub("db");
  {
    auto g = OpenOrDie(dir);
    ASSERT_TRUE(g);
    Fill(*g);
  }
  // What kg wrote at format version 4: no curation family.
  ASSERT_NO_FATAL_FAILURE(kg::testing::MakeOlderVersion(dir, "curation", 4));
  {
    OpenOptions ro;
    ro.read_only = true;
    auto g = OpenOrDie(dir, ro);
    ASSERT_TRUE(g);
    auto list = graph::ListCuration(*g, true);
    ASSERT_TRUE(list.ok()) << list.status().ToString();
    EXPECT_TRUE(list->empty());
    ExpectClean(*g);
  }
  {
    auto g = OpenOrDie(dir);
    ASSERT_TRUE(g);
    ASSERT_TRUE(graph::CurateRename(*g, Named(*g, "Carl"), "Carl Jung", {}).ok());
    ExpectClean(*g);
  }
  storage::StoreOptions so;
  so.read_only = true;
  auto store = storage::Store::Open(dir, so);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->format_version(), storage::kFormatVersion);
}

}  // namespace
}  // namespace kg::testing
