// Node columns (graph/node_column.h, Graph::TextColumn): codes and
// dictionary as the node records say, and no kept column outliving a write,
// whatever path the write takes (each hand edit, an ingested document, a
// retraction, the bulk loader, the CSV import), within the byte budget.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "graph/bulk_loader.h"
#include "graph/csv_import.h"
#include "graph/graph.h"
#include "graph/node_column.h"
#include "tests/storage/test_util.h"

namespace kg::graph {
namespace {

using kg::testing::MakeExtraction;
using kg::testing::TempDir;

std::unique_ptr<Graph> OpenOrDie(const std::string& dir, OpenOptions o = {}) {
  o.sync_writes = false;
  auto g = Graph::Open(dir, o);
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return g.ok() ? std::move(*g) : nullptr;
}

std::shared_ptr<const NodeColumn> ColumnOf(const Graph& g, const std::string& label, const std::string& p) {
  auto c = g.TextColumn(label, p);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? *c : nullptr;
}

// Node id -> its text in the column ("<null>", "<not text>"; absent nodes
// left out).
std::map<NodeId, std::string> Texts(const NodeColumn& c) {
  std::map<NodeId, std::string> out;
  for (NodeId id = 0; id < c.id_limit(); ++id) {
    uint32_t code = c.code(id);
    if (code == NodeColumn::kAbsent) continue;
    out[id] = code < c.size() ? std::string(c.text(code))
              : code == NodeColumn::kNull ? "<null>"
                                          : "<not text>";
  }
  return out;
}

TEST(NodeColumns, CodesAndTextsAsTheRecordsSay) {
  TempDir tmp;
  auto g = OpenOrDie(tmp.Sub("db"));
  ASSERT_TRUE(g);
  NodeId a = *g->CreateNode({"E"}, {{"name", "x"}});
  NodeId b = *g->CreateNode({"E", "F"}, {{"name", "y"}});
  NodeId c = *g->CreateNode({"E"}, {{"name", "x"}});
  NodeId d = *g->CreateNode({"E"}, {{"other", "z"}});
  NodeId e = *g->CreateNode({"E"}, {{"name", PropertyValue(int64_t{3})}});
  NodeId f = *g->CreateNode({"F"}, {{"name", "only F"}});
  auto col = ColumnOf(*g, "E", "name");
  ASSERT_TRUE(col);
  EXPECT_EQ(col->size(), 2u);  // x, y: equal strings share a code
  EXPECT_EQ(col->code(a), col->code(c));
  EXPECT_EQ(col->code(a), 0u);  // codes in node id order
  EXPECT_EQ(col->code(b), 1u);
  EXPECT_EQ(col->text(0), "x");
  EXPECT_EQ(col->text(1), "y");
  EXPECT_EQ(col->code(d), NodeColumn::kNull);
  EXPECT_EQ(col->code(e), NodeColumn::kNotText);
  EXPECT_EQ(col->code(f), NodeColumn::kAbsent);  // not labelled E
  EXPECT_EQ(col->code(f + 1000), NodeColumn::kAbsent);
  EXPECT_EQ(col->nodes(), 5u);
  EXPECT_EQ(col->not_text(), 1u);
  EXPECT_GT(col->bytes(), 0u);

  auto all = ColumnOf(*g, "", "name");  // every node
  EXPECT_EQ(Texts(*all), (std::map<NodeId, std::string>{
                             {a, "x"}, {b, "y"}, {c, "x"}, {d, "<null>"}, {e, "<not text>"}, {f, "only F"}}));
  auto none = ColumnOf(*g, "NoSuchLabel", "name");
  EXPECT_EQ(none->nodes(), 0u);
  EXPECT_TRUE(Texts(*none).empty());
}

TEST(NodeColumns, KeptUntilAnyHandEdit) {
  auto opened = Graph::Open("columns-hand-edits", [] {
    OpenOptions o;
    o.in_memory = true;
    return o;
  }());
  ASSERT_TRUE(opened.ok());
  Graph& g = **opened;
  NodeId a = *g.CreateNode({"E"}, {{"name", "a"}});
  NodeId b = *g.CreateNode({"E"}, {{"name", "b"}});
  EdgeId ab = *g.CreateEdge(a, b, "R", {});

  EXPECT_EQ(g.KeptTextColumn("E", "name"), nullptr);  // none made yet
  auto first = ColumnOf(g, "E", "name");
  EXPECT_EQ(g.KeptTextColumn("E", "name"), first);
  EXPECT_EQ(ColumnOf(g, "E", "name"), first);  // no second scan
  EXPECT_EQ(g.KeptTextColumn("E", "other"), nullptr);
  EXPECT_EQ(g.KeptTextColumn("", "name"), nullptr);

  // Each write drops the kept column; the next one is made anew and says
  // what the graph now holds.
  struct Step {
    const char* what;
    std::function<Status()> write;
  };
  NodeId c = 0;
  std::vector<Step> steps = {
      {"CreateNode", [&] { auto n = g.CreateNode({"E"}, {{"name", "c"}}); c = n.ok() ? *n : 0; return n.status(); }},
      {"UpdateNode (rename)", [&] { return g.UpdateNode(a, {"E"}, {{"name", "b"}}); }},
      {"UpdateNode (label)", [&] { return g.UpdateNode(b, {"F"}, {{"name", "b"}}); }},
      {"CreateEdge", [&] { return g.CreateEdge(b, a, "R", {}).status(); }},
      {"UpdateEdge", [&] { return g.UpdateEdge(ab, {{"w", PropertyValue(int64_t{1})}}); }},
      {"DeleteEdge", [&] { return g.DeleteEdge(ab); }},
      {"DeleteNode", [&] { return g.DeleteNode(c); }},
  };
  for (Step& s : steps) {
    auto before = g.KeptTextColumn("E", "name");
    if (!before) before = ColumnOf(g, "E", "name");
    ASSERT_TRUE(s.write().ok()) << s.what;
    EXPECT_EQ(g.KeptTextColumn("E", "name"), nullptr) << s.what;
    auto after = ColumnOf(g, "E", "name");
    EXPECT_NE(after, before) << s.what;
    // The old column is a snapshot: unchanged, still readable.
    EXPECT_GE(before->nodes(), 1u) << s.what;
  }
  // What the edits left: a renamed "b", b no longer labelled E.
  EXPECT_EQ(Texts(*ColumnOf(g, "E", "name")), (std::map<NodeId, std::string>{{a, "b"}}));
  EXPECT_EQ(Texts(*ColumnOf(g, "", "name")), (std::map<NodeId, std::string>{{a, "b"}, {b, "b"}}));
}

TEST(NodeColumns, DroppedByIngestRetractBulkLoadAndCsvImport) {
  TempDir tmp;
  auto g = OpenOrDie(tmp.Sub("db"));
  ASSERT_TRUE(g);
  auto names = [&] {
    std::vector<std::string> out;
    auto col = ColumnOf(*g, "Entity", "name");
    for (NodeId id = 0; id < col->id_limit(); ++id)
      if (col->code(id) < col->size()) out.emplace_back(col->text(col->code(id)));
    std::sort(out.begin(), out.end());
    return out;
  };
  ASSERT_TRUE(g->AddExtraction(MakeExtraction("d1", "Putin called Obama.", {{"Putin", "call", "Obama"}})).ok());
  EXPECT_EQ(names(), (std::vector<std::string>{"Obama", "Putin"}));

  ASSERT_TRUE(g->AddExtraction(MakeExtraction("d2", "Merkel met Obama.", {{"Merkel", "meet", "Obama"}})).ok());
  EXPECT_EQ(g->KeptTextColumn("Entity", "name"), nullptr);
  EXPECT_EQ(names(), (std::vector<std::string>{"Merkel", "Obama", "Putin"}));

  ASSERT_TRUE(g->Retract("d2").ok());
  EXPECT_EQ(g->KeptTextColumn("Entity", "name"), nullptr);
  EXPECT_EQ(names(), (std::vector<std::string>{"Obama", "Putin"}));

  {
    auto loader = BulkLoader::Start(g.get(), {});
    ASSERT_TRUE(loader.ok());
    ASSERT_TRUE((*loader)->Add(MakeExtraction("b1", "Putin called Macron.", {{"Putin", "call", "Macron"}})).ok());
    ASSERT_TRUE((*loader)->Finish().ok());
  }
  EXPECT_EQ(g->KeptTextColumn("Entity", "name"), nullptr);
  EXPECT_EQ(names(), (std::vector<std::string>{"Macron", "Obama", "Putin"}));

  std::ofstream(tmp.Sub("nodes.csv")) << "id,name\n1,Ada\n2,Grace\n";
  std::ofstream(tmp.Sub("edges.csv")) << "src,dst\n1,2\n";
  CsvImportOptions co;
  co.label = "Entity";
  co.type = "R";
  auto imported = ImportCsv(g.get(), {tmp.Sub("nodes.csv")}, {tmp.Sub("edges.csv")}, co);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ(g->KeptTextColumn("Entity", "name"), nullptr);
  EXPECT_EQ(names(), (std::vector<std::string>{"Ada", "Grace", "Macron", "Obama", "Putin"}));
}

TEST(NodeColumns, StoppedScanKeepsNothing) {
  TempDir tmp;
  auto g = OpenOrDie(tmp.Sub("db"));
  ASSERT_TRUE(g);
  for (int i = 0; i < 10000; ++i) ASSERT_TRUE(g->CreateNode({"E"}, {{"name", "n" + std::to_string(i % 10)}}).ok());
  int asked = 0;
  auto stopped = g->TextColumn("E", "name", [&] { return ++asked == 2; });
  EXPECT_FALSE(stopped.ok());
  EXPECT_TRUE(stopped.status().IsCancelled()) << stopped.status().ToString();
  EXPECT_EQ(asked, 2);
  EXPECT_EQ(g->KeptTextColumn("E", "name"), nullptr);
  auto made = g->TextColumn("E", "name", [] { return false; });
  ASSERT_TRUE(made.ok());
  EXPECT_EQ((*made)->size(), 10u);
  EXPECT_EQ((*made)->nodes(), 10000u);
}

TEST(NodeColumns, ByteBudget) {
  TempDir tmp;
  OpenOptions none;
  none.column_cache_bytes = 0;
  auto g = OpenOrDie(tmp.Sub("db"), none);
  ASSERT_TRUE(g);
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(g->CreateNode({"E"}, {{"name", "n" + std::to_string(i)}}).ok());
  auto made = ColumnOf(*g, "E", "name");
  ASSERT_TRUE(made);
  EXPECT_EQ(made->size(), 100u);  // made and given, but not kept
  EXPECT_EQ(g->KeptTextColumn("E", "name"), nullptr);
  g.reset();

  // Room for about one column: the newest is kept, the oldest dropped.
  OpenOptions one;
  one.column_cache_bytes = made->bytes() + made->bytes() / 2;
  g = OpenOrDie(tmp.Sub("db"), one);
  auto x = ColumnOf(*g, "E", "name");
  EXPECT_EQ(g->KeptTextColumn("E", "name"), x);
  auto y = ColumnOf(*g, "", "name");
  EXPECT_EQ(g->KeptTextColumn("", "name"), y);
  EXPECT_EQ(g->KeptTextColumn("E", "name"), nullptr);
}

}  // namespace
}  // namespace kg::graph
