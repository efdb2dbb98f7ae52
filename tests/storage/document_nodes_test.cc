// Documents as nodes (graph.h): Document nodes and MENTIONED_IN
// relationships read through the Graph API, their ids, the refusals, and
// that nothing of them is stored (counts, Check, the dump of the graph);
// the document index (doc_keys) that finds them by url and source path.
#include <gtest/gtest.h>

#include <rocksdb/db.h>

#include <set>

#include "graph/graph.h"
#include "storage/keys.h"
#include "storage/store.h"
#include "tests/storage/test_util.h"

namespace kg::graph {
namespace {

using kg::testing::MakeExtraction;
using kg::testing::TempDir;

constexpr char kDoc1[] = "0123456789abcdef0123456789abcdef";
constexpr char kDoc2[] = "fedcba9876543210fedcba9876543210";

std::unique_ptr<Graph> TwoDocuments(const TempDir& tmp) {
  auto g = Graph::Open(tmp.Sub("db"), {});
  EXPECT_TRUE(g.ok());
  Extraction a = MakeExtraction(kDoc1, "Putin called Obama.", {{"Putin", "call", "Obama"}});
  a.document.url = "https://example.org/a";
  a.document.publisher = "Wire";
  a.document.published = "2013-04-20";
  EXPECT_TRUE((*g)->AddExtraction(a).ok());
  EXPECT_TRUE((*g)->AddExtraction(MakeExtraction(kDoc2, "Merkel met Obama.", {{"Merkel", "meet", "Obama"}})).ok());
  return std::move(*g);
}

TEST(DocumentNodes, IdsAreReservedAndReversible) {
  NodeId n = DocumentNodeId(kDoc1);
  EXPECT_TRUE(IsDocumentNode(n));
  EXPECT_EQ(n, (NodeId{1} << 62) | 0x0123456789abcdULL);
  EXPECT_EQ(DocumentNodeId("manual"), 0u);
  EXPECT_EQ(DocumentNodeId("0123"), 0u);
  EXPECT_FALSE(IsDocumentNode(12345));
  EXPECT_FALSE(IsMentionEdge(12345));
  TempDir tmp;
  auto g = TwoDocuments(tmp);
  auto back = g->DocumentOfNode(n);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, kDoc1);
  EXPECT_TRUE(g->DocumentOfNode(DocumentNodeId("00000000000000ff")).status().IsNotFound());
}

TEST(DocumentNodes, NodesAndRelationshipsReadLikeStoredOnes) {
  TempDir tmp;
  auto g = TwoDocuments(tmp);
  auto doc = g->GetNode(DocumentNodeId(kDoc1));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->labels, std::vector<std::string>{"Document"});
  EXPECT_EQ(doc->properties.at("url"), PropertyValue("https://example.org/a"));
  EXPECT_EQ(doc->properties.at("publisher"), PropertyValue("Wire"));
  EXPECT_EQ(doc->properties.at("source_path"), PropertyValue(std::string(kDoc1) + ".txt"));
  EXPECT_EQ(doc->properties.count("title"), 0u) << "empty properties are absent";

  std::vector<NodeId> docs;
  for (auto c = g->ScanLabel("Document"); c->Valid(); c->Next()) docs.push_back(c->node());
  EXPECT_EQ(docs, (std::vector<NodeId>{DocumentNodeId(kDoc1), DocumentNodeId(kDoc2)}));

  auto type = g->FindType("MENTIONED_IN");
  ASSERT_TRUE(type);
  EXPECT_EQ(g->TypeName(*type), "MENTIONED_IN");
  NodeId obama = g->FindByName("Obama")->at(0);
  std::vector<EdgeRef> out;
  for (auto c = g->OutEdges(obama, type); c->Valid(); c->Next()) out.push_back(c->edge());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].target, DocumentNodeId(kDoc1));
  EXPECT_EQ(out[1].target, DocumentNodeId(kDoc2));
  EXPECT_TRUE(IsMentionEdge(out[0].id));
  EXPECT_NE(out[0].id, out[1].id);
  // The same relationships from the document's side, and by id.
  for (const EdgeRef& e : out) {
    bool seen = false;
    for (auto c = g->InEdges(e.target, type); c->Valid(); c->Next())
      seen = seen || (c->edge().id == e.id && c->edge().source == obama);
    EXPECT_TRUE(seen);
    auto rec = g->GetEdge(e.id);
    ASSERT_TRUE(rec.ok());
    EXPECT_EQ(rec->type, "MENTIONED_IN");
    EXPECT_EQ(rec->source, obama);
    EXPECT_EQ(rec->target, e.target);
  }
  EXPECT_EQ(*g->Degree(obama, EdgeDirection::kOut, type), 2u);
  EXPECT_EQ(*g->Degree(DocumentNodeId(kDoc1), EdgeDirection::kIn), 2u);  // Putin, Obama
  // Without a type, an entity's edges are the stored claims only.
  for (auto c = g->OutEdges(obama); c->Valid(); c->Next()) EXPECT_FALSE(IsMentionEdge(c->edge().id));
  for (auto c = g->ScanNodes(); c->Valid(); c->Next()) EXPECT_FALSE(IsDocumentNode(c->node()));
}

TEST(DocumentNodes, AreReadOnlyAndNotStored) {
  TempDir tmp;
  auto g = TwoDocuments(tmp);
  std::string before = kg::testing::Dump(*g);
  auto stats = g->Stats();
  NodeId doc = DocumentNodeId(kDoc1);
  NodeId obama = g->FindByName("Obama")->at(0);
  EdgeId mention = g->OutEdges(obama, g->FindType("MENTIONED_IN"))->edge().id;
  EXPECT_EQ(g->UpdateNode(doc, {"Document"}, {}).code(), Status::Code::kNotSupported);
  EXPECT_EQ(g->DeleteNode(doc).code(), Status::Code::kNotSupported);
  EXPECT_EQ(g->UpdateEdge(mention, {}).code(), Status::Code::kNotSupported);
  EXPECT_EQ(g->DeleteEdge(mention).code(), Status::Code::kNotSupported);
  EXPECT_EQ(g->CreateEdge(obama, doc, "CITES", {}).status().code(), Status::Code::kNotSupported);
  EXPECT_EQ(g->CreateEdge(obama, obama, "MENTIONED_IN", {}).status().code(), Status::Code::kNotSupported);
  EXPECT_EQ(kg::testing::Dump(*g), before);
  EXPECT_EQ(g->Stats()->nodes, stats->nodes);
  auto problems = g->Check();
  ASSERT_TRUE(problems.ok());
  EXPECT_TRUE(problems->empty());
  // A retracted document's node and relationships are gone with it.
  ASSERT_TRUE(g->Retract(kDoc2).ok());
  EXPECT_TRUE(g->GetNode(DocumentNodeId(kDoc2)).status().IsNotFound());
  int n = 0;
  for (auto c = g->OutEdges(obama, g->FindType("MENTIONED_IN")); c->Valid(); c->Next()) ++n;
  EXPECT_EQ(n, 1);
}

using Ids = std::vector<std::string>;

void ExpectClean(const Graph& g) {
  auto problems = g.Check();
  ASSERT_TRUE(problems.ok()) << problems.status().ToString();
  for (const auto& p : *problems) ADD_FAILURE() << p.what;
}

TEST(DocumentNodes, FoundByUrlAndSourcePathThroughTheIndex) {
  TempDir tmp;
  auto g = TwoDocuments(tmp);
  // The url as documents are identified by it (common/url.h): scheme, www.,
  // case of the host, trailing slash, fragment, tracking parameters aside.
  for (const char* url : {"https://example.org/a", "http://www.EXAMPLE.org/a/", "example.org/a#top",
                          "https://example.org/a?utm_source=feed"}) {
    auto ids = g->FindDocumentsByUrl(url);
    ASSERT_TRUE(ids.ok()) << ids.status().ToString();
    EXPECT_EQ(*ids, Ids{kDoc1}) << url;
  }
  for (const char* url : {"https://example.org/A", "https://example.org/a/b", "https://example.org", ""})
    EXPECT_EQ(*g->FindDocumentsByUrl(url), Ids{}) << url;
  EXPECT_EQ(*g->FindDocumentsBySource(std::string(kDoc2) + ".txt"), Ids{kDoc2});
  EXPECT_EQ(*g->FindDocumentsBySource(kDoc2), Ids{}) << "a source path is matched whole";
  EXPECT_EQ(*g->FindDocumentsBySource(""), Ids{});
  ExpectClean(*g);

  // Two documents with one url (ids given by the caller, as kg load may).
  Extraction c = MakeExtraction("aa" + std::string(kDoc1).substr(2), "Obama left.", {});
  c.document.url = "http://example.org/a/";
  ASSERT_TRUE(g->AddExtraction(c).ok());
  EXPECT_EQ(*g->FindDocumentsByUrl("example.org/a"), (Ids{kDoc1, c.document.id}));
  ExpectClean(*g);

  // Retract takes the document's keys with it; a reopened graph finds the rest.
  ASSERT_TRUE(g->Retract(kDoc1).ok());
  EXPECT_EQ(*g->FindDocumentsByUrl("example.org/a"), Ids{c.document.id});
  ExpectClean(*g);
  g.reset();
  auto again = Graph::Open(tmp.Sub("db"), {});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*(*again)->FindDocumentsBySource(std::string(kDoc2) + ".txt"), Ids{kDoc2});
  EXPECT_EQ(*(*again)->FindDocumentsByUrl("https://example.org/a"), Ids{c.document.id});
}

TEST(DocumentNodes, CheckFindsAMissingOrStrayIndexEntry) {
  TempDir tmp;
  NodeId obama = 0;
  {
    auto g = TwoDocuments(tmp);
    obama = g->FindByName("Obama")->at(0);
  }
  {
    auto store = storage::Store::Open(tmp.Sub("db"), {});
    ASSERT_TRUE(store.ok());
    storage::WriteBatch b;
    namespace keys = storage::keys;
    b.Delete(storage::Family::kDocKeys, keys::DocKeyKey(keys::DocKey::kUrl, "example.org/a", kDoc1));
    b.Put(storage::Family::kDocKeys, keys::DocKeyKey(keys::DocKey::kSource, "gone.txt", kDoc2), "");
    // What MENTIONED_IN reads from the document's side.
    b.Delete(storage::Family::kDocIndex, keys::DocIndexKey(kDoc2, keys::DocItem::kNode, obama));
    ASSERT_TRUE((*store)->Write(&b).ok());
  }
  auto g = Graph::Open(tmp.Sub("db"), {});
  ASSERT_TRUE(g.ok());
  auto problems = (*g)->Check();
  ASSERT_TRUE(problems.ok());
  std::set<std::string> what;
  for (const auto& p : *problems) what.insert(p.what);
  EXPECT_EQ(what, (std::set<std::string>{
                      "doc_keys: source gone.txt names document " + std::string(kDoc2) + ", which has another",
                      "document " + std::string(kDoc1) + ": doc_keys entry for its url example.org/a missing",
                      "node " + std::to_string(obama) + " mention from " + kDoc2 + ": document index entry missing"}));
}

TEST(DocumentNodes, Version5OpensAndFillsTheIndex) {
  TempDir tmp;
  std::string dir = tmp.Sub("db");
  { auto g = TwoDocuments(tmp); }
  // What kg wrote at format version 5: no doc_keys family.
  ASSERT_NO_FATAL_FAILURE(kg::testing::MakeOlderVersion(dir, "doc_keys", 5));
  {
    // Read-only it stays version 5: the lookups scan the documents.
    OpenOptions ro;
    ro.read_only = true;
    auto g = Graph::Open(dir, ro);
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    EXPECT_EQ(*(*g)->FindDocumentsByUrl("http://www.example.org/a/"), Ids{kDoc1});
    EXPECT_EQ(*(*g)->FindDocumentsBySource(std::string(kDoc2) + ".txt"), Ids{kDoc2});
    ExpectClean(**g);
  }
  {
    storage::StoreOptions so;
    so.read_only = true;
    auto store = storage::Store::Open(dir, so);
    ASSERT_TRUE(store.ok());
    EXPECT_EQ((*store)->format_version(), 5u);
  }
  {
    // Opened for writing, the index is filled and the version written.
    auto g = Graph::Open(dir, {});
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    EXPECT_EQ(*(*g)->FindDocumentsByUrl("http://www.example.org/a/"), Ids{kDoc1});
    EXPECT_EQ(*(*g)->FindDocumentsBySource(std::string(kDoc2) + ".txt"), Ids{kDoc2});
    ExpectClean(**g);
  }
  storage::StoreOptions so;
  so.read_only = true;
  auto store = storage::Store::Open(dir, so);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->format_version(), storage::kFormatVersion);
  std::string v;
  EXPECT_TRUE((*store)->Get(storage::Family::kDocKeys,
                            storage::keys::DocKeyKey(storage::keys::DocKey::kUrl, "example.org/a", kDoc1), &v)
                  .ok());
}

}  // namespace
}  // namespace kg::graph
