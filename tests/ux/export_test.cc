// graph/export and graph/audit on small graphs built in the test: escaping
// (DOT through Graphviz, GraphML through an XML parser), neighbourhoods,
// claim audits with span re-checks, and the whole-graph report.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "graph/audit.h"
#include "graph/export.h"
#include "graph/graph.h"
#include "tests/ux/ux_util.h"

namespace kg::graph {
namespace {

using ux_test::Quote;
using ux_test::TempDir;

// Names that would break or inject into a naive DOT/XML/CSV writer.
const std::vector<std::string> kNasty = {
    "Evil \"quote\"",
    "back\\slash\\",
    "{brace} <b>html</b> & amp; &lt;",
    "line1\nline2\r\ttab",
    "\"]; pwned -> owned [label=\"x",
    "bad utf8 \xff\xfe end",
    "Kùzu 東京 \x01 control",
};

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    OpenOptions o;
    o.sync_writes = false;
    auto g = Graph::Open(dir_.path() + "/db", o);
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    graph_ = std::move(*g);
  }
  NodeId Node(const std::string& name, const std::string& type = "Person") {
    auto id = graph_->CreateNode({"Entity", type}, {{"name", name}, {"type", type}});
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
  TempDir dir_;
  std::unique_ptr<Graph> graph_;
};

TEST(DotEscapeTest, EscapesEverythingDangerous) {
  EXPECT_EQ(DotEscape("a\"b"), "a\\\"b");
  EXPECT_EQ(DotEscape("a\\b\\"), "a\\\\b\\\\");
  EXPECT_EQ(DotEscape("x\ny"), "x\\ny");
  EXPECT_EQ(DotEscape("AT&T &lt;"), "AT&amp;T &amp;lt;");
  EXPECT_EQ(DotEscape("c\x01" "d"), "c d");
  EXPECT_EQ(DotEscape("\xff"), "\xEF\xBF\xBD");
  EXPECT_EQ(XmlEscape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
  EXPECT_EQ(XmlEscape("bell\x07"), "bell ");
}

TEST_F(ExportTest, NastyLabelsSurviveGraphviz) {
  if (!ux_test::HaveProgram("dot")) GTEST_SKIP() << "skipped: Graphviz dot is not installed";
  std::vector<NodeId> ids;
  for (const auto& n : kNasty) ids.push_back(Node(n));
  for (size_t i = 0; i + 1 < ids.size(); ++i) {
    ASSERT_TRUE(graph_->CreateEdge(ids[i], ids[i + 1], "says_\"hi\"", {}).ok());
  }
  auto sub = WholeGraph(*graph_, 0);
  ASSERT_TRUE(sub.ok());
  EXPECT_EQ(sub->nodes.size(), kNasty.size());
  std::ostringstream dot;
  ASSERT_TRUE(WriteDot(*graph_, *sub, {}, dot).ok());
  std::string path = dir_.path() + "/g.dot";
  ux_test::WriteFile(path, dot.str());
  auto r = ux_test::Sh("dot -Tsvg " + Quote(path));
  ASSERT_EQ(r.code, 0) << r.err << "\n" << dot.str();
  const std::string& svg = r.out;
  // As many drawn nodes and edges as exported: nothing was injected.
  std::regex node_re("class=\"node\""), edge_re("class=\"edge\"");
  auto count = [&](const std::regex& re) {
    return std::distance(std::sregex_iterator(svg.begin(), svg.end(), re), std::sregex_iterator());
  };
  EXPECT_EQ(count(node_re), static_cast<long>(kNasty.size()));
  EXPECT_EQ(count(edge_re), static_cast<long>(kNasty.size() - 1));
  // The injection attempt is label text, not a node of its own.
  EXPECT_NE(svg.find("&quot;]; pwned &#45;&gt; owned [label=&quot;x"), std::string::npos);
  EXPECT_EQ(svg.find("<title>pwned"), std::string::npos);
  EXPECT_EQ(svg.find("<b>html"), std::string::npos) << "HTML must not pass through";
  EXPECT_NE(svg.find("&lt;b&gt;html&lt;/b&gt; &amp; amp; &amp;lt;"), std::string::npos)
      << "the text is shown literally";
  EXPECT_NE(svg.find("Evil &quot;quote&quot;"), std::string::npos);
  EXPECT_NE(svg.find("back\\slash\\"), std::string::npos);
}

TEST_F(ExportTest, GraphMLJsonAndCsvAreWellFormed) {
  std::vector<NodeId> ids;
  for (const auto& n : kNasty) ids.push_back(Node(n, "Organization"));
  ASSERT_TRUE(graph_->CreateEdge(ids[0], ids[1], "rel", {{"note", "a,b \"c\"\nd"}}).ok());
  auto sub = WholeGraph(*graph_, 0);
  ASSERT_TRUE(sub.ok());

  std::ostringstream gml;
  ASSERT_TRUE(WriteGraphML(*graph_, *sub, gml).ok());
  std::string gpath = dir_.path() + "/g.graphml";
  ux_test::WriteFile(gpath, gml.str());
  if (ux_test::HaveProgram("python3")) {
    auto r = ux_test::Sh("python3 -c \"import sys,xml.etree.ElementTree as E; t=E.parse(sys.argv[1]); "
                 "ns='{http://graphml.graphdrawing.org/xmlns}'; "
                 "print(len(t.findall('.//'+ns+'node')), len(t.findall('.//'+ns+'edge')))\" " +
                 Quote(gpath));
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, std::to_string(kNasty.size()) + " 1\n");
  }

  std::ostringstream js;
  ASSERT_TRUE(WriteJson(*graph_, *sub, js).ok());
  auto j = nlohmann::json::parse(js.str());
  EXPECT_EQ(j["nodes"].size(), kNasty.size());
  EXPECT_EQ(j["edges"].size(), 1u);
  EXPECT_EQ(j["nodes"][0]["properties"]["name"], kNasty[0]);
  EXPECT_EQ(j["edges"][0]["provenance"][0]["wasDerivedFrom"], "manual");

  std::string csv = dir_.path() + "/csv";
  ASSERT_TRUE(WriteCsv(*graph_, *sub, csv).ok());
  if (ux_test::HaveProgram("python3")) {
    auto r = ux_test::Sh("python3 -c \"import csv,sys; n=list(csv.reader(open(sys.argv[1]))); "
                 "e=list(csv.reader(open(sys.argv[2]))); print(len(n)-1, len(e)-1, n[1][1]==sys.argv[3])\" " +
                 Quote(csv + "/nodes.csv") + " " + Quote(csv + "/edges.csv") + " " + Quote(kNasty[0]));
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, std::to_string(kNasty.size()) + " 1 True\n");
  }
  std::string header = ux_test::ReadFile(csv + "/nodes.csv").substr(0, 40);
  EXPECT_EQ(header.rfind("id:ID,name,type,:LABEL", 0), 0u) << header;
  EXPECT_FALSE(WriteCsv(*graph_, *sub, "/proc/kg-cannot-write-here").ok());
}

TEST_F(ExportTest, NeighbourhoodByDepth) {
  NodeId a = Node("Alpha"), b = Node("Beta"), c = Node("Gamma"), d = Node("Delta");
  Node("Unrelated");
  ASSERT_TRUE(graph_->CreateEdge(a, b, "knows", {}).ok());
  ASSERT_TRUE(graph_->CreateEdge(c, b, "knows", {}).ok());  // incoming counts too
  ASSERT_TRUE(graph_->CreateEdge(c, d, "knows", {}).ok());
  auto one = Neighbourhood(*graph_, "alpha", 1, 0);
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(one->nodes.size(), 2u);
  EXPECT_EQ(one->edges.size(), 1u);
  auto two = Neighbourhood(*graph_, "Alpha", 2, 0);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->nodes.size(), 3u);
  EXPECT_EQ(two->edges.size(), 2u);
  auto three = Neighbourhood(*graph_, "Alpha", 3, 0);
  EXPECT_EQ(three->nodes.size(), 4u);
  auto missing = Neighbourhood(*graph_, "Nobody Here", 2, 0);
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(missing.status().IsNotFound());
  EXPECT_NE(missing.status().message().find("Nobody Here"), std::string::npos);
}

// Two documents: one asserts "Russia tipped off the FBI", one denies it.
Extraction Doc(const std::string& id, const std::string& text, bool negated,
               const std::string& relation_words) {
  Extraction x;
  x.document.id = id;
  x.document.source = "test/" + id + ".txt";
  x.document.title = "Title of " + id;
  x.document.publisher = "Publisher " + id;
  x.document.published = "2013-04-30";
  x.document.url = "https://example.com/" + id;
  x.document.text = text;
  x.extractor = "test-extractor";
  x.extractor_version = "9.9";
  auto span = [&](const std::string& s) {
    size_t b = text.find(s);
    return ByteSpan{static_cast<uint32_t>(b), static_cast<uint32_t>(b + s.size())};
  };
  Entity russia{"Russia", EntityType::kPlace, {}, {{0, span("Russia"), "Russia"}}};
  Entity fbi{"FBI", EntityType::kOrganization, {}, {{0, span("FBI"), "FBI"}}};
  x.entities = {russia, fbi};
  Claim c;
  c.subject = 0;
  c.object = 1;
  c.relation = "tip_off";
  c.relation_surface = relation_words;
  c.sentence = 0;
  c.sentence_span = {0, static_cast<uint32_t>(text.size())};
  c.subject_span = span("Russia");
  c.relation_span = span(relation_words);
  if (c.relation_span.begin > text.size()) c.relation_span = span("the");  // a deliberate mismatch
  c.object_span = span("FBI");
  c.confidence = 0.75;
  c.negated = negated;
  x.claims = {c};
  return x;
}

TEST_F(ExportTest, AuditMarksSpansAndFlagsMismatches) {
  ASSERT_TRUE(graph_->AddExtraction(Doc("doc-a", "Russia tipped off the FBI in 2011.", false,
                                        "tipped off")).ok());
  ASSERT_TRUE(graph_->AddExtraction(Doc("doc-b", "Russia did not tip off the FBI.", true,
                                        "warned")).ok());
  auto ids = FindClaims(*graph_, "russia", "tip_off", "fbi");
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  ASSERT_EQ(ids->size(), 1u);
  auto audit = AuditClaim(*graph_, ids->front());
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  EXPECT_EQ(audit->independent_sources, 2u);
  ASSERT_EQ(audit->supports.size(), 2u);
  const SupportAudit* a = &audit->supports[0];
  const SupportAudit* b = &audit->supports[1];
  if (a->record.document_id != "doc-a") std::swap(a, b);
  EXPECT_EQ(a->marked_sentence, "«Russia» ⟦tipped off⟧ the «FBI» in 2011.");
  EXPECT_TRUE(a->problems.empty());
  EXPECT_EQ(a->document.title, "Title of doc-a");
  ASSERT_EQ(b->problems.size(), 1u) << "the relation span reads 'the', not 'warned'";
  EXPECT_NE(b->problems[0].find("warned"), std::string::npos);
  EXPECT_EQ(audit->mismatches, 1u);
  std::string text = FormatClaimAudit(*audit);
  EXPECT_NE(text.find("Publisher doc-a — Title of doc-a (2013-04-30)"), std::string::npos) << text;
  EXPECT_NE(text.find("https://example.com/doc-a"), std::string::npos);
  EXPECT_NE(text.find("test-extractor/9.9"), std::string::npos) << text;
  EXPECT_NE(text.find("MISMATCH"), std::string::npos);
  EXPECT_NE(text.find("NEGATED"), std::string::npos);
  auto j = nlohmann::json::parse(ClaimAuditJson(*audit));
  EXPECT_EQ(j["supports"].size(), 2u);

  auto report = BuildAuditReport(*graph_, 10);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->claims, 1u);
  EXPECT_EQ(report->documents, 2u);
  ASSERT_EQ(report->contradictions.size(), 1u) << "asserted in doc-a, negated in doc-b";
  EXPECT_EQ(report->claims_by_sources.at(2), 1u);
  EXPECT_EQ(report->span_mismatches, 1u);
  EXPECT_NE(ReportMarkdown(*report).find("Russia –tip_off→ FBI"), std::string::npos);
  EXPECT_NE(ReportHtml(*report).find("Russia –tip_off→ FBI"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(ReportJson(*report))["contradictions"].size(), 1u);
}

TEST_F(ExportTest, NamesResolveByMentionOrInitials) {
  NodeId fbi = Node("Federal Bureau of Investigation", "Organization");
  NodeId cia = Node("Central Intelligence Agency", "Organization");
  ASSERT_TRUE(graph_->AddExtraction(Doc("doc-c", "Russia tipped off the FBI in 2011.", false,
                                        "tipped off")).ok());
  auto by_initials = ResolveEntityName(*graph_, "cia");
  ASSERT_TRUE(by_initials.ok());
  EXPECT_EQ(*by_initials, std::vector<NodeId>{cia});
  // "FBI" is an entity of its own here (named so by Doc), found by name.
  auto exact = ResolveEntityName(*graph_, "FBI");
  ASSERT_TRUE(exact.ok());
  ASSERT_EQ(exact->size(), 1u);
  EXPECT_NE(exact->front(), fbi);
  auto none = ResolveEntityName(*graph_, "XYZ");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto around = Neighbourhood(*graph_, "CIA", 1, 0);
  ASSERT_TRUE(around.ok()) << around.status().ToString();
  EXPECT_EQ(around->nodes, std::vector<NodeId>{cia});
}

TEST_F(ExportTest, FindClaimsExplainsUnknownNames) {
  Node("Vladimir Putin");
  auto r = FindClaims(*graph_, "Vladimir Pootin", "", "");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsNotFound());
  EXPECT_NE(r.status().message().find("unknown entity 'Vladimir Pootin'"), std::string::npos);
  EXPECT_NE(r.status().message().find("Vladimir Putin"), std::string::npos)
      << "suggests similar names: " << r.status().message();
  auto none = FindClaims(*graph_, "Vladimir Putin", "", "");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("no claim"), std::string::npos);
}

}  // namespace
}  // namespace kg::graph
