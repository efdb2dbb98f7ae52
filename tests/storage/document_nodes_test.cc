// Documents as nodes (graph.h): Document nodes and MENTIONED_IN
// relationships read through the Graph API, their ids, the refusals, and
// that nothing of them is stored (counts, Check, the dump of the graph).
#include <gtest/gtest.h>

#include <set>

#include "graph/graph.h"
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

}  // namespace
}  // namespace kg::graph
