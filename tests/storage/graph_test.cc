// The Graph API on a real RocksDB folder: merging, provenance, scans,
// reopen, CREATE, retract and Check.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "graph/graph.h"
#include "tests/storage/test_util.h"

namespace kg::graph {
namespace {

using kg::testing::Dump;
using kg::testing::ExpectClean;
using kg::testing::MakeExtraction;
using kg::testing::TempDir;

const char* kText1 = "Putin called Obama. Obama thanked Putin.";
const char* kText2 = "PUTIN called Obama again. Merkel met Obama.";

std::unique_ptr<Graph> OpenOrDie(const std::string& dir, OpenOptions o = {}) {
  o.sync_writes = false;
  auto g = Graph::Open(dir, o);
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return g.ok() ? std::move(*g) : nullptr;
}

TEST(Graph, MergesEntitiesAndClaimsAcrossDocuments) {
  TempDir tmp;
  auto g = OpenOrDie(tmp.Sub("db"));
  ASSERT_TRUE(g);
  auto a = g->AddExtraction(MakeExtraction(
      "d1", kText1, {{"Putin", "call", "Obama"}, {"Obama", "thank", "Putin"}}));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->new_nodes, 2u);
  EXPECT_EQ(a->new_edges, 2u);
  auto b = g->AddExtraction(
      MakeExtraction("d2", kText2, {{"PUTIN", "call", "Obama"}, {"Merkel", "meet", "Obama"}}));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->new_nodes, 1u);  // PUTIN == Putin
  EXPECT_EQ(b->new_edges, 1u);  // call merged
  EXPECT_EQ(b->new_provenance, 2u);

  auto putin = g->FindByName("putin");
  ASSERT_TRUE(putin.ok());
  ASSERT_EQ(putin->size(), 1u);
  auto call = g->FindType("call");
  ASSERT_TRUE(call);
  int calls = 0;
  for (auto c = g->OutEdges((*putin)[0], call); c->Valid(); c->Next()) {
    auto e = g->GetEdge(c->edge().id);
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(e->type, "call");
    EXPECT_EQ(e->document_count, 2u);
    EXPECT_EQ(e->provenance_count, 2u);
    auto prov = g->EdgeProvenance(e->id);
    ASSERT_TRUE(prov.ok());
    std::set<std::string> docs;
    for (const auto& p : *prov) docs.insert(p.document_id);
    EXPECT_EQ(docs, (std::set<std::string>{"d1", "d2"}));
    ++calls;
  }
  EXPECT_EQ(calls, 1);
  // In-edges of Obama: call (from Putin) and meet (from Merkel).
  auto obama = g->FindByName("Obama");
  ASSERT_EQ(obama->size(), 1u);
  int in = 0;
  for (auto c = g->InEdges((*obama)[0]); c->Valid(); c->Next()) {
    EXPECT_EQ(c->edge().target, (*obama)[0]);
    ++in;
  }
  EXPECT_EQ(in, 2);
  auto stats = g->Stats();
  EXPECT_EQ(stats->documents, 2u);
  EXPECT_EQ(stats->entities, 3u);
  EXPECT_EQ(stats->edges, 3u);
  EXPECT_EQ(stats->provenance, 4u);
  auto labels = g->Labels();
  ASSERT_TRUE(labels.ok());
  EXPECT_EQ(labels->size(), 2u);  // Entity, Person
  ExpectClean(*g);

  // Re-adding the same content changes nothing.
  std::string before = Dump(*g);
  auto again = g->AddExtraction(MakeExtraction("d1", kText1, {{"Putin", "call", "Obama"}}));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->unchanged);
  EXPECT_EQ(Dump(*g), before);
}

TEST(Graph, ReopenKeepsEverything) {
  TempDir tmp;
  std::string before;
  {
    auto g = OpenOrDie(tmp.Sub("db"));
    ASSERT_TRUE(g->AddExtraction(MakeExtraction("d1", kText1, {{"Putin", "call", "Obama"}})).ok());
    auto n = g->CreateNode({"Thing"}, {{"name", PropertyValue("widget")},
                                       {"sizes", PropertyValue(PropertyValue::List{
                                                     int64_t{1}, 2.5, "x", true, PropertyValue()})}});
    ASSERT_TRUE(n.ok());
    before = Dump(*g);
  }
  auto g = OpenOrDie(tmp.Sub("db"));
  EXPECT_EQ(Dump(*g), before);
  ExpectClean(*g);
  // Ids keep growing after reopen.
  auto n = g->CreateNode({"Thing"}, {});
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 4u);
}

// What the query engine does around a query: CREATEs inside a deferred-sync
// span are visible at once, each is whole, and all are on disk after the
// outermost EndDeferredSync().
TEST(Graph, DeferredSyncWritesAreVisibleAtOnceAndSurviveReopen) {
  TempDir tmp;
  {
    auto g = OpenOrDie(tmp.Sub("db"));
    g->BeginDeferredSync();
    g->BeginDeferredSync();  // nested, as a query inside a query would be
    NodeId previous = 0;
    for (int i = 0; i < 1000; ++i) {
      auto n = g->CreateNode({"Thing"}, {{"name", PropertyValue("thing " + std::to_string(i))}});
      ASSERT_TRUE(n.ok()) << n.status().ToString();
      if (i > 0) ASSERT_TRUE(g->CreateEdge(previous, *n, "NEXT", {}).ok());
      previous = *n;
    }
    EXPECT_EQ(g->Stats()->nodes, 1000u);  // readable before the sync
    ASSERT_TRUE(g->EndDeferredSync().ok());
    ASSERT_TRUE(g->EndDeferredSync().ok());
    ASSERT_TRUE(g->EndDeferredSync().ok()) << "an unmatched end is harmless";
  }
  auto g = OpenOrDie(tmp.Sub("db"));
  auto stats = g->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->nodes, 1000u);
  EXPECT_EQ(stats->edges, 999u);
  ExpectClean(*g);
}

TEST(Graph, CreateNodeAndEdgeWithProperties) {
  OpenOptions o;
  o.in_memory = true;
  auto g = OpenOrDie("mem", o);
  auto a = g->CreateNode({"Person", "Actor"}, {{"name", "Ann"}, {"age", int64_t{41}}});
  auto b = g->CreateNode({"Person"}, {{"name", "Bob"}});
  ASSERT_TRUE(a.ok() && b.ok());
  auto e = g->CreateEdge(*a, *b, "KNOWS", {{"since", int64_t{2001}}});
  ASSERT_TRUE(e.ok());
  auto er = g->GetEdge(*e);
  EXPECT_EQ(er->source, *a);
  EXPECT_EQ(er->target, *b);
  EXPECT_EQ(er->type, "KNOWS");
  EXPECT_EQ(er->properties.at("since"), PropertyValue(int64_t{2001}));
  auto prov = g->EdgeProvenance(*e);
  ASSERT_EQ(prov->size(), 1u);
  EXPECT_EQ((*prov)[0].document_id, "manual");
  auto nr = g->GetNode(*a);
  EXPECT_EQ(nr->labels, (std::vector<std::string>{"Person", "Actor"}));
  int persons = 0;
  for (auto c = g->ScanLabel("Person"); c->Valid(); c->Next()) ++persons;
  EXPECT_EQ(persons, 2);
  EXPECT_FALSE(g->ScanLabel("Nope")->Valid());
  EXPECT_TRUE(g->GetNode(999).status().IsNotFound());
  EXPECT_TRUE(g->CreateEdge(*a, 999, "X", {}).status().IsNotFound());
  auto names = g->NamesWithPrefix("a", 10);
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, std::vector<std::string>{"Ann"});
  ExpectClean(*g);
}

TEST(Graph, EditsByHandKeepIndexesAndCountersAndSurviveReopen) {
  TempDir tmp;
  std::string dir = tmp.Sub("db");
  NodeId a = 0, b = 0;
  {
    auto g = OpenOrDie(dir);
    a = *g->CreateNode({"Person"}, {{"name", "Ann"}});
    b = *g->CreateNode({"Person"}, {{"name", "Bob"}});
    EdgeId e = *g->CreateEdge(a, b, "KNOWS", {});
    ASSERT_TRUE(g->UpdateNode(a, {"Person", "Actor"}, {{"name", "Anna"}, {"age", int64_t{41}}}).ok());
    ASSERT_TRUE(g->UpdateEdge(e, {{"since", int64_t{2001}}}).ok());
    EXPECT_TRUE(g->FindByName("Ann")->empty());
    EXPECT_EQ(*g->FindByName("anna"), std::vector<NodeId>{a});
    EXPECT_EQ(g->GetEdge(e)->properties.at("since"), PropertyValue(int64_t{2001}));
    EXPECT_TRUE(g->DeleteNode(b).IsInvalidArgument());  // still has KNOWS
    ASSERT_TRUE(g->DeleteEdge(e).ok());
    ASSERT_TRUE(g->DeleteNode(b).ok());
    EXPECT_TRUE(g->GetNode(b).status().IsNotFound());
    EXPECT_TRUE(g->DeleteEdge(e).IsNotFound());
    EXPECT_TRUE(g->UpdateNode(b, {}, {}).IsNotFound());
    ExpectClean(*g);
  }
  auto g = OpenOrDie(dir);
  auto labels = g->Labels();
  ASSERT_TRUE(labels.ok());
  EXPECT_EQ(*labels, (std::vector<std::pair<std::string, uint64_t>>{{"Actor", 1}, {"Person", 1}}));
  EXPECT_EQ(g->Stats()->nodes, 1u);
  EXPECT_EQ(g->Stats()->edges, 0u);
  EXPECT_EQ(g->GetNode(a)->properties.at("name"), PropertyValue("Anna"));
  ExpectClean(*g);
}

TEST(Graph, ScanEdgesBySourceSeesEveryEdgeGroupedBySource) {
  OpenOptions o;
  o.in_memory = true;
  auto g = OpenOrDie("mem", o);
  std::vector<NodeId> n;
  for (int i = 0; i < 4; ++i) n.push_back(*g->CreateNode({"N"}, {}));
  for (auto [a, b] : std::vector<std::pair<int, int>>{{3, 0}, {0, 1}, {2, 3}, {0, 2}, {3, 1}})
    ASSERT_TRUE(g->CreateEdge(n[a], n[b], "T", {}).ok());
  std::set<EdgeId> by_id, by_source;
  for (auto c = g->ScanEdges(); c->Valid(); c->Next()) by_id.insert(c->edge().id);
  NodeId last = 0;
  for (auto c = g->ScanEdgesBySource(); c->Valid(); c->Next()) {
    EXPECT_GE(c->edge().source, last);
    last = c->edge().source;
    auto e = g->GetEdge(c->edge().id);
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(e->source, c->edge().source);
    EXPECT_EQ(e->target, c->edge().target);
    by_source.insert(c->edge().id);
  }
  EXPECT_EQ(by_source, by_id);
  EXPECT_EQ(by_source.size(), 5u);
}

TEST(Graph, ExtractedClaimsAndEntitiesAreNotDeletedByHand) {
  OpenOptions o;
  o.in_memory = true;
  auto g = OpenOrDie("mem", o);
  ASSERT_TRUE(g->AddExtraction(MakeExtraction("d1", kText1, {{"Putin", "call", "Obama"}})).ok());
  NodeId putin = g->FindByName("Putin")->at(0);
  EXPECT_EQ(*g->NodeDocumentCount(putin), 1u);
  auto out = g->OutEdges(putin);
  ASSERT_TRUE(out->Valid());
  EdgeId call = out->edge().id;
  Status s = g->DeleteEdge(call);
  EXPECT_EQ(s.code(), Status::Code::kNotSupported) << s.ToString();
  EXPECT_NE(s.message().find("d1"), std::string::npos);
  EXPECT_TRUE(g->GetEdge(call).ok());
  NodeId lone = *g->CreateNode({"Note"}, {});
  EXPECT_EQ(*g->NodeDocumentCount(lone), 0u);
  ExpectClean(*g);
}

TEST(Graph, RetractRemovesOnlyUnsupportedClaims) {
  TempDir tmp;
  auto g = OpenOrDie(tmp.Sub("db"));
  ASSERT_TRUE(g->AddExtraction(MakeExtraction(
                      "d1", kText1, {{"Putin", "call", "Obama"}, {"Obama", "thank", "Putin"}}))
                  .ok());
  ASSERT_TRUE(g->AddExtraction(
                      MakeExtraction("d2", kText2, {{"PUTIN", "call", "Obama"}, {"Merkel", "meet", "Obama"}}))
                  .ok());
  auto r = g->Retract("d2");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->removed_edges, 1u);  // meet
  EXPECT_EQ(r->kept_edges, 1u);     // call, still supported by d1
  EXPECT_EQ(r->removed_nodes, 1u);  // Merkel
  ExpectClean(*g);
  EXPECT_TRUE(g->FindByName("Merkel")->empty());
  auto stats = g->Stats();
  EXPECT_EQ(stats->documents, 1u);
  EXPECT_EQ(stats->edges, 2u);
  EXPECT_EQ(stats->provenance, 2u);
  // Same as a graph that only ever saw d1 (ids aside, counts and names agree).
  TempDir tmp2;
  auto h = OpenOrDie(tmp2.Sub("db"));
  ASSERT_TRUE(h->AddExtraction(MakeExtraction(
                      "d1", kText1, {{"Putin", "call", "Obama"}, {"Obama", "thank", "Putin"}}))
                  .ok());
  EXPECT_EQ(Dump(*g), Dump(*h));
  EXPECT_TRUE(g->Retract("d2").status().IsNotFound());
  ASSERT_TRUE(g->Retract("d1").ok());
  EXPECT_EQ(g->Stats()->nodes, 0u);
  ExpectClean(*g);
}

TEST(Graph, OpenRefusesForeignFolders) {
  TempDir tmp;
  std::string dir = tmp.Sub("notkg");
  std::filesystem::create_directories(dir);
  { std::ofstream(dir + "/notes.txt") << "hello"; }
  auto g = Graph::Open(dir, {});
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.status().message().find("not a kg database"), std::string::npos);
  // Nothing was written.
  int files = 0;
  for (auto& e : std::filesystem::directory_iterator(dir)) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1);
  // A missing folder without create_if_missing is NotFound.
  OpenOptions no_create;
  no_create.create_if_missing = false;
  EXPECT_TRUE(Graph::Open(tmp.Sub("missing"), no_create).status().IsNotFound());
}

TEST(Graph, InMemoryGraphsAreIndependent) {
  OpenOptions o;
  o.in_memory = true;
  auto a = OpenOrDie("same-name", o);
  auto b = OpenOrDie("same-name", o);
  ASSERT_TRUE(a->CreateNode({"X"}, {}).ok());
  EXPECT_EQ(a->Stats()->nodes, 1u);
  EXPECT_EQ(b->Stats()->nodes, 0u);
}

}  // namespace
}  // namespace kg::graph

namespace kg::graph {
namespace {

// An entity with neither a mention nor a claim makes no node, so no node is
// ever left without support (and retracting another document stays clean).
TEST(Graph, UnsupportedEntitiesMakeNoNodes) {
  kg::testing::TempDir tmp;
  OpenOptions o;
  o.sync_writes = false;
  auto g = Graph::Open(tmp.Sub("db"), o);
  ASSERT_TRUE(g.ok());
  Extraction a = kg::testing::MakeExtraction("a", "Putin called Obama.", {{"Putin", "call", "Obama"}});
  Extraction b = kg::testing::MakeExtraction("b", "Nothing here.", {});
  Entity bare;
  bare.name = "Putin";
  b.entities.push_back(bare);
  ASSERT_TRUE((*g)->AddExtraction(b).ok());
  EXPECT_EQ((*g)->Stats()->nodes, 0u);
  ASSERT_TRUE((*g)->AddExtraction(a).ok());
  ASSERT_TRUE((*g)->Retract("a").ok());
  kg::testing::ExpectClean(**g);
  EXPECT_EQ((*g)->Stats()->nodes, 0u);
  EXPECT_EQ((*g)->Stats()->documents, 1u);
}

}  // namespace
}  // namespace kg::graph
