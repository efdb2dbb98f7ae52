// Execution over a fresh in-memory graph: results, index use (EXPLAIN),
// parameters, limits, shortest paths and the knowledge-graph functions.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <cstdio>

#include "graph/graph.h"
#include "graph/node_column.h"
#include "query-lang/query_engine.h"

namespace kg::query_lang {
namespace {

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    graph::OpenOptions o;
    o.in_memory = true;
    auto g = graph::Graph::Open("engine-test", o);
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    graph_ = std::move(*g);
  }

  QueryResult Run(const std::string& q, const QueryOptions& opts = {}) {
    QueryOutcome r = Execute(*graph_, q, opts);
    EXPECT_TRUE(r.ok()) << q << "\n" << (r.ok() ? "" : r.error().FormatWithCaret(q));
    return r.ok() ? r.value() : QueryResult{};
  }

  QueryError Fail(const std::string& q, const QueryOptions& opts = {}) {
    QueryOutcome r = Execute(*graph_, q, opts);
    EXPECT_FALSE(r.ok()) << q;
    return r.ok() ? QueryError{} : r.error();
  }

  // A two-document knowledge graph made the way ingestion makes it.
  void AddClaims() {
    for (int d = 0; d < 2; ++d) {
      Extraction x;
      x.document.id = d == 0 ? "doc-a" : "doc-b";
      x.document.title = d == 0 ? "First" : "Second";
      x.document.url = "https://example.org/" + x.document.id;
      x.document.published = "2020-01-0" + std::to_string(d + 1);
      x.document.text = "Vladimir Putin called Joe Biden.";
      x.extractor = "kg-openie";
      x.extractor_version = "1.0";
      Entity putin;
      putin.name = "Vladimir Putin";
      putin.type = EntityType::kPerson;
      putin.mentions.push_back({0, {0, 14}, "Vladimir Putin"});
      Entity biden;
      biden.name = "Joe Biden";
      biden.type = EntityType::kPerson;
      biden.mentions.push_back({0, {22, 31}, "Joe Biden"});
      x.entities = {putin, biden};
      Claim c;
      c.subject = 0;
      c.object = 1;
      c.relation = "call";
      c.relation_surface = "called";
      c.sentence_span = {0, 32};
      c.subject_span = {0, 14};
      c.relation_span = {15, 21};
      c.object_span = {22, 31};
      c.confidence = 0.9;
      x.claims = {c};
      auto s = graph_->AddExtraction(x);
      ASSERT_TRUE(s.ok()) << s.status().ToString();
    }
  }

  std::unique_ptr<graph::Graph> graph_;
};

TEST_F(EngineTest, CreateThenMatch) {
  QueryResult c = Run("CREATE (a:Person {name: 'Ada', born: 1815})-[:KNOWS {since: 1833}]->"
                      "(b:Person {name: 'Charles'})");
  EXPECT_EQ(c.counters.nodes_created, 2);
  EXPECT_EQ(c.counters.relationships_created, 1);
  EXPECT_EQ(c.counters.properties_set, 4);
  QueryResult r = Run("MATCH (a:Person)-[k:KNOWS]->(b) RETURN a.name, k.since, b.name, a");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.columns, (std::vector<std::string>{"a.name", "k.since", "b.name", "a"}));
  EXPECT_EQ(r.rows[0][0], Value::String("Ada"));
  EXPECT_EQ(r.rows[0][1], Value::Int(1833));
  EXPECT_EQ(r.rows[0][2], Value::String("Charles"));
  EXPECT_EQ(r.rows[0][3].ToString(), "(:Person {born: 1815, name: 'Ada'})");
}

TEST_F(EngineTest, NameAndLabelLookupsUseTheIndexes) {
  Run("UNWIND range(1, 200) AS i CREATE (:Thing {name: 'n' + toString(i)})");
  QueryResult e = Run("EXPLAIN MATCH (a {name: 'n7'}) RETURN a.name");
  EXPECT_NE(e.plan_text.find("NodeByName"), std::string::npos) << e.plan_text;
  EXPECT_TRUE(e.rows.empty());
  QueryResult l = Run("EXPLAIN MATCH (a:Thing) RETURN count(*)");
  EXPECT_NE(l.plan_text.find("NodeByLabel"), std::string::npos) << l.plan_text;
  EXPECT_EQ(Run("MATCH (a {name: 'n7'}) RETURN a.name").rows.size(), 1u);
  EXPECT_EQ(Run("MATCH (a {name: 'N7'}) RETURN a.name").rows.size(), 0u);  // exact property match
  QueryResult p = Run("PROFILE MATCH (a:Thing) RETURN count(*) AS c");
  EXPECT_EQ(p.rows[0][0], Value::Int(200));
  EXPECT_NE(p.plan_text.find("rows: 200"), std::string::npos) << p.plan_text;
}

// EXPLAIN prints the logical plan: each pattern part's start as the planner
// chose it; PROFILE the same steps with their operators' rows.
TEST_F(EngineTest, ExplainShowsThePlannersChoices) {
  Run("CREATE (a:P {name: 'a'})-[:T]->(b:P {name: 'b'}), (b)-[:T]->(:Q {name: 'c'})");
  QueryResult e = Run("EXPLAIN MATCH (x {name: 'a'}), (x)-[:T]->(y), (z:Q) RETURN y.name, z.name");
  EXPECT_EQ(e.plan_text,
            "Scope\n"
            "  Project y.name z.name\n"
            "    Match [NodeByName(x) via the name index; expand 0 hop(s), Bound(x); expand 1 hop(s), "
            "NodeByLabel(z:Q) via the label index; expand 0 hop(s)]\n"
            "      Start\n");
  e = Run("EXPLAIN MATCH (u)-[r:T]->(v) RETURN r UNION MATCH (u)-->(v)-->(w) RETURN u AS r");
  EXPECT_NE(e.plan_text.find("Union\n"), std::string::npos) << e.plan_text;
  EXPECT_NE(e.plan_text.find("RelationshipScan(r:T) over all relationships"), std::string::npos) << e.plan_text;
  EXPECT_NE(e.plan_text.find("AllNodes(u) scanning every node; expand 2 hop(s)"), std::string::npos) << e.plan_text;
  QueryResult p = Run("PROFILE MATCH (x:P)-->(y) RETURN x.name, y.name ORDER BY x.name");
  EXPECT_EQ(p.rows.size(), 2u);
  EXPECT_NE(p.plan_text.find("Match [RelationshipScan(_) over all relationships; expand 1 hop(s)]  (rows: 2,"),
            std::string::npos)
      << p.plan_text;
  EXPECT_NE(p.plan_text.find("Sort x.name  (rows: 2,"), std::string::npos) << p.plan_text;
}

// Counting from the degree counts gives what matching one by one gives
// (a WHERE keeps the matcher): directions, types, self-loops, symmetric
// relations, labels, properties, bound and looked-up start nodes.
TEST_F(EngineTest, CountsFromDegreesAgreeWithMatching) {
  Run("UNWIND range(0, 29) AS i CREATE (:N {name: 'n' + toString(i % 25), k: i % 3})");
  Run("MATCH (a:N) WHERE a.k = 1 SET a:M");
  Run("MATCH (a:N), (b:N) WHERE (a.k * 7 + b.k * 3 + size(a.name) + size(b.name)) % 5 = 0 "
      "CREATE (a)-[:R]->(b)");
  Run("MATCH (a:N), (b:N) WHERE a.k = 2 AND b.k <> 1 AND size(a.name) = size(b.name) CREATE (a)-[:speak_with]->(b)");
  Run("MATCH (a:N) WHERE a.k = 0 CREATE (a)-[:R]->(a), (a)-[:meet]->(a)");
  Run("CREATE (:Loner {name: 'x'})");
  const char* queries[] = {
      "MATCH (a:N)-[:R]->() %s RETURN a.name AS g, count(*) AS c",
      "MATCH (a:N)-[:speak_with]->() %s RETURN a.name AS g, count(*) AS c",
      "MATCH (a)-->() %s RETURN a.k AS g, count(*) AS c",
      "MATCH (a:N)<-[:R|speak_with]-() %s RETURN a.name AS g, count(*) AS c",
      "MATCH (a:M)-[]-() %s RETURN a.name AS g, count(*) AS c",
      "MATCH (a:N {k: 2})-[:speak_with|meet]-() %s RETURN a.name AS g, count(*) AS c",
      "MATCH ()-[:R]->(b:M) %s RETURN b AS g, count(*) AS c",
      "MATCH (a {name: 'n2'})-[:speak_with]->() %s RETURN 1 AS g, count(*) AS c",
      "MATCH (a {name: 'n0'})-->() %s RETURN a AS g, count(*) AS c",
      "MATCH (a {name: 'n0'})<--() %s RETURN a AS g, count(*) AS c",
      "MATCH (a {name: 'n0'})--() %s RETURN a AS g, count(*) AS c",
      "MATCH (x:M) WITH x MATCH (x)-[:R|meet]->() %s RETURN x AS g, count(*) AS c",
      "MATCH (x:N) WITH x MATCH (x)-[:speak_with]-() %s RETURN x.name AS g, count(*) AS c",
      "MATCH (a:Loner)-->() %s RETURN a AS g, count(*) AS c",
      "MATCH ()-->() %s RETURN 1 AS g, count(*) AS c",
      "MATCH (a:N)-[:R]->() %s RETURN a.k AS g, count(*) AS c",
      "MATCH (a)-[:R|meet]->() %s RETURN a.name AS g, count(*) AS c",
      "MATCH (a:N)<-[:speak_with]-() %s RETURN toUpper(a.name) AS g, count(*) AS c",
      "MATCH (a:M)-->() %s RETURN count(*) AS g, count(*) AS c",
  };
  for (const char* q : queries) {
    char fast[512], slow[512];
    std::snprintf(fast, sizeof fast, q, "");
    std::snprintf(slow, sizeof slow, q, "WHERE true");
    auto sorted = [&](const char* text) {
      std::vector<std::string> rows;
      for (auto& r : Run(text).rows) rows.push_back(r[0].ToString() + " " + r[1].ToString());
      std::sort(rows.begin(), rows.end());
      return rows;
    };
    EXPECT_EQ(sorted(fast), sorted(slow)) << fast;
    QueryResult plan = Run(std::string("EXPLAIN ") + fast);
    EXPECT_NE(plan.plan_text.find("Degree"), std::string::npos) << fast << "\n" << plan.plan_text;
  }
  QueryResult e = Run("EXPLAIN MATCH (a:N)-[:R]->() RETURN a.name, count(*)");
  EXPECT_NE(e.plan_text.find("DegreeGroupCount(a:N) over the degree counts, grouped by a.name from a column the graph keeps (made "
                              "from the node records when most nodes count), else the node records"),
            std::string::npos)
      << e.plan_text;
  e = Run("EXPLAIN MATCH (a:N)-[:R]->() RETURN toUpper(a.name), count(*)");
  EXPECT_NE(e.plan_text.find("DegreeScan(a:N) over the degree counts, with the node records"), std::string::npos)
      << e.plan_text;
  e = Run("EXPLAIN MATCH (a {name: 'n1'})-[:R]->() RETURN count(*)");
  EXPECT_NE(e.plan_text.find("DegreeCount(a) from the degree counts, start NodeByName(a) via the name index"),
            std::string::npos)
      << e.plan_text;
}

// A count grouped per node over every node, split over several threads,
// gives what one thread gives (on disk: enough nodes to be split).
TEST(EngineParallel, SplitScansGiveTheSameGroups) {
  std::string dir = ::testing::TempDir() + "/kg-parallel-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  {
    graph::OpenOptions o;
    o.sync_writes = false;
    auto g = graph::Graph::Open(dir, o);
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    std::vector<graph::NodeId> ids;
    for (int i = 0; i < 5000; ++i) {
      graph::Properties p{{"name", "n" + std::to_string(i % 1500)}};  // shared names across ranges
      if (i % 7 == 0) p.erase("name");                               // and a null group
      auto id = (*g)->CreateNode({i % 11 == 0 ? "Other" : "E"}, p);
      ASSERT_TRUE(id.ok());
      ids.push_back(*id);
    }
    for (int i = 0; i < 20000; ++i) {
      auto e = (*g)->CreateEdge(ids[(i * 7919) % ids.size()], ids[(i * 104729 + 3) % ids.size()],
                                i % 5 ? "R" : "S", {});
      ASSERT_TRUE(e.ok());
    }
    // A type few nodes have: its names come from their records, not a column.
    for (int i = 0; i < 300; ++i) ASSERT_TRUE((*g)->CreateEdge(ids[(i * 16) % ids.size()], ids[i], "T", {}).ok());
    const char* queries[] = {
        "MATCH (a:E)-[:R]->() RETURN a.name, count(*) AS d",
        "MATCH (a)-->() RETURN a.name, count(*) AS d ORDER BY d DESC LIMIT 7",
        "MATCH (a:E)<-[:S]-() RETURN count(*) AS d",
        "MATCH (a:E)-[:T]->() RETURN a.name, count(*) AS d",
        "MATCH (a)-[:T]->() RETURN a.name, count(*) AS d ORDER BY d DESC LIMIT 7",
    };
    for (const char* q : queries) {
      std::vector<std::vector<std::string>> results;
      for (int threads : {1, 3}) {
        QueryOptions opts;
        opts.threads = threads;
        QueryOutcome r = Execute(**g, q, opts);
        ASSERT_TRUE(r.ok()) << r.error().FormatWithCaret(q);
        std::vector<std::string> rows;
        for (auto& row : r.value().rows) rows.push_back(row[0].ToString() + " " + row.back().ToString());
        if (std::string(q).find("LIMIT") == std::string::npos) std::sort(rows.begin(), rows.end());
        results.push_back(rows);
      }
      EXPECT_GT(results[0].size(), 0u) << q;
      EXPECT_EQ(results[0], results[1]) << q;
    }
  }
  std::filesystem::remove_all(dir);
}

// A grouped count reads its keys from a column the graph keeps until its
// next write; PROFILE says where they came from.
TEST_F(EngineTest, GroupedCountsUseTheKeptColumnUntilAWrite) {
  Run("UNWIND range(0, 99) AS i CREATE (:N {name: 'n' + toString(i % 40), i: i})");
  Run("MATCH (a:N), (b:N) WHERE (a.i * 7 + b.i * 3) % 11 = 0 CREATE (a)-[:R]->(b)");
  const std::string grouped = "PROFILE MATCH (a:N)-[:R]->() RETURN a.name AS name, count(*) AS d";
  auto rows = [&](const std::string& text) {
    std::vector<std::string> out;
    for (auto& r : Run(text).rows) out.push_back(r[0].ToString() + " " + r[1].ToString());
    std::sort(out.begin(), out.end());
    return out;
  };
  // The matcher's answer (WHERE true keeps the count from the degree counts).
  auto matched = [&] { return rows("MATCH (a:N)-[:R]->() WHERE true RETURN a.name AS name, count(*) AS d"); };
  QueryResult made = Run(grouped);
  EXPECT_NE(made.plan_text.find("[keys from a column of a.name made now from the node records (kept)]"),
            std::string::npos)
      << made.plan_text;
  QueryResult kept = Run(grouped);
  EXPECT_NE(kept.plan_text.find("[keys from the graph's kept column of a.name]"), std::string::npos)
      << kept.plan_text;
  EXPECT_EQ(rows(grouped), matched());

  Run("MATCH (a:N {name: 'n3'}) SET a.name = 'renamed'");
  QueryResult after = Run(grouped);
  EXPECT_NE(after.plan_text.find("made now"), std::string::npos) << after.plan_text;
  EXPECT_EQ(rows(grouped), matched());
  Run("MATCH (a:N {name: 'n5'}) CREATE (a)-[:R]->(a)");
  EXPECT_EQ(rows(grouped), matched());

  // Few nodes with a count: their records, no column made.
  Run("MATCH (a:N {name: 'n7'}) CREATE (a)-[:Rare]->(a)");
  QueryResult rare = Run("PROFILE MATCH (a:N)-[:Rare]->() RETURN a.name, count(*)");
  EXPECT_NE(rare.plan_text.find("[keys from the node records]"), std::string::npos) << rare.plan_text;

  // No column is kept under a budget of 0 (one is still made and used).
  graph::OpenOptions o;
  o.in_memory = true;
  o.column_cache_bytes = 0;
  auto g = graph::Graph::Open("no-column-cache", o);
  ASSERT_TRUE(g.ok());
  ASSERT_TRUE(Execute(**g, "CREATE (a:N {name: 'a'})-[:R]->(b:N {name: 'b'})", {}).ok());
  for (int i = 0; i < 2; ++i) {
    QueryOutcome r = Execute(**g, grouped, {});
    ASSERT_TRUE(r.ok());
    EXPECT_NE(r.value().plan_text.find("(not kept)"), std::string::npos) << r.value().plan_text;
  }
}

// Documents ingested and retracted between two grouped counts: the second
// sees them (AddExtraction and Retract write past the query language).
TEST_F(EngineTest, GroupedCountsSeeIngestAndRetract) {
  const std::string q = "MATCH (a:Entity)-[:call]->() RETURN a.name AS name, count(*) AS d";
  auto rows = [&] {
    std::vector<std::string> out;
    for (auto& r : Run(q).rows) out.push_back(r[0].ToString() + " " + r[1].ToString());
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_TRUE(rows().empty());
  AddClaims();  // doc-a and doc-b: Putin called Biden (one edge, two documents)
  EXPECT_EQ(rows(), (std::vector<std::string>{"'Vladimir Putin' 1"}));
  EXPECT_NE(graph_->KeptTextColumn("Entity", "name"), nullptr);
  Extraction x;
  x.document.id = "doc-c";
  x.document.text = "Olaf Scholz called Joe Biden.";  // a new node with a count
  x.extractor = "kg-openie";
  x.extractor_version = "1.0";
  Entity scholz, biden;
  scholz.name = "Olaf Scholz";
  scholz.type = EntityType::kPerson;
  scholz.mentions.push_back({0, {0, 11}, "Olaf Scholz"});
  biden.name = "Joe Biden";
  biden.type = EntityType::kPerson;
  biden.mentions.push_back({0, {19, 28}, "Joe Biden"});
  x.entities = {scholz, biden};
  Claim c;
  c.subject = 0;
  c.object = 1;
  c.relation = "call";
  c.relation_surface = "called";
  c.sentence_span = {0, 29};
  c.subject_span = {0, 11};
  c.relation_span = {12, 18};
  c.object_span = {19, 28};
  c.confidence = 0.9;
  x.claims = {c};
  ASSERT_TRUE(graph_->AddExtraction(x).ok());
  EXPECT_EQ(rows(), (std::vector<std::string>{"'Olaf Scholz' 1", "'Vladimir Putin' 1"}));
  ASSERT_TRUE(graph_->Retract("doc-c").ok());
  EXPECT_EQ(rows(), (std::vector<std::string>{"'Vladimir Putin' 1"}));
  ASSERT_TRUE(graph_->Retract("doc-a").ok());
  ASSERT_TRUE(graph_->Retract("doc-b").ok());
  EXPECT_TRUE(rows().empty());
}

TEST_F(EngineTest, Parameters) {
  Run("CREATE ({name: 'x', v: 1}), ({name: 'y', v: 2})");
  QueryOptions o;
  o.params["n"] = Value::String("y");
  QueryResult r = Run("MATCH (a {name: $n}) RETURN a.v", o);
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0], Value::Int(2));
  EXPECT_EQ(Fail("RETURN $missing").kind, "ParameterMissing");
}

TEST_F(EngineTest, RowLimitTimeoutAndCancel) {
  QueryOptions o;
  o.row_limit = 5;
  QueryResult r = Run("UNWIND range(1, 100) AS x RETURN x", o);
  EXPECT_EQ(r.rows.size(), 5u);
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.total_rows, 100u);  // the rest are counted, not kept

  QueryOptions t;
  t.timeout_ms = 50;
  EXPECT_EQ(Fail("UNWIND range(1, 100000000) AS x WITH x WHERE x < 0 RETURN count(*)", t).kind,
            "Timeout");

  std::atomic<bool> cancel{true};
  QueryOptions c;
  c.cancel = &cancel;
  EXPECT_EQ(Fail("RETURN 1", c).kind, "Cancelled");
}

TEST_F(EngineTest, RuntimeErrorsAreTyped) {
  EXPECT_EQ(Fail("RETURN toInteger([1])").kind, "TypeError");
  EXPECT_EQ(Fail("WITH {a: 1} AS m, 1 AS k RETURN m[k]").kind, "TypeError");
  EXPECT_EQ(Fail("RETURN substring('abc', -1)").kind, "ArgumentError");
}

TEST_F(EngineTest, ShortestPath) {
  Run("CREATE (a {name: 'a'})-[:T]->(b {name: 'b'})-[:T]->(c {name: 'c'}), (a)-[:T]->(d {name: 'd'})"
      "-[:T]->(e {name: 'e'})-[:T]->(c)");
  QueryResult r = Run("MATCH p = shortestPath((x {name: 'a'})-[*]->(y {name: 'c'})) "
                      "RETURN length(p), [n IN nodes(p) | n.name]");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0], Value::Int(2));
  EXPECT_EQ(r.rows[0][1].ToString(), "['a', 'b', 'c']");
  QueryResult all = Run("MATCH p = allShortestPaths((x {name: 'a'})-[*]-(y {name: 'e'})) RETURN p");
  EXPECT_EQ(all.rows.size(), 1u);
}

// Entities made by hand are indexed as extracted ones are (name, name
// without its suffix), and stay so through SET, label edits and
// DELETE: kg check is clean after each.
TEST_F(EngineTest, HandMadeEntitiesKeepTheAliasIndex) {
  auto clean = [&](const char* step) {
    auto problems = graph_->Check();
    ASSERT_TRUE(problems.ok());
    for (const auto& p : *problems) ADD_FAILURE() << step << ": " << p.what;
  };
  Run("CREATE (:Entity:Person {name: 'Mary Barra Smith', type: 'Person'}), "
      "(:Entity:Organization {name: 'General Motors Corporation', type: 'Organization'})");
  clean("create");
  auto known_as = [&](const std::string& alias) {
    return Run("MATCH (n) WHERE '" + alias + "' IN n.aliases RETURN n.name").rows.size();
  };
  EXPECT_EQ(known_as("General Motors"), 1u);
  Run("MATCH (n {name: 'General Motors Corporation'}) SET n.name = 'Ford Motor Company'");
  clean("rename");
  EXPECT_EQ(known_as("General Motors"), 0u);
  EXPECT_EQ(known_as("Ford Motor"), 1u);
  Run("MATCH (n {name: 'Ford Motor Company'}) REMOVE n:Entity");
  clean("remove label");
  Run("MATCH (n {name: 'Ford Motor Company'}) SET n:Entity");
  clean("add label");
  Run("MATCH (n:Entity) DETACH DELETE n");
  clean("delete");
  EXPECT_EQ(known_as("Ford Motor"), 0u);
}

TEST_F(EngineTest, KnowledgeGraphFunctions) {
  AddClaims();
  QueryResult r = Run("MATCH (a {name: 'Vladimir Putin'})-[r]->(b) "
                      "RETURN type(r), b.name, sources(r), mentions(r), "
                      "[p IN provenance(r) | p.origin] ORDER BY sources(r) DESC");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0], Value::String("call"));
  EXPECT_EQ(r.rows[0][1], Value::String("Joe Biden"));
  // Both documents carry the same sentence: one origin, two mentions.
  EXPECT_EQ(r.rows[0][2], Value::Int(1));
  EXPECT_EQ(r.rows[0][3], Value::Int(2));
  EXPECT_EQ(r.rows[0][4].ToString(), "['doc-a', 'doc-a']");
  QueryResult p = Run("MATCH (:Entity {name: 'Vladimir Putin'})-[r]->() UNWIND provenance(r) AS pr "
                      "RETURN pr.document, pr.title, pr.sentence, pr.span, pr.extractor, pr.confidence "
                      "ORDER BY pr.document");
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[0][0], Value::String("doc-a"));
  EXPECT_EQ(p.rows[0][1], Value::String("First"));
  EXPECT_EQ(p.rows[0][2], Value::String("Vladimir Putin called Joe Biden."));
  EXPECT_EQ(p.rows[0][3].ToString(), "[0, 32]");
  EXPECT_EQ(p.rows[0][4], Value::String("kg-openie/1.0"));
  EXPECT_EQ(p.rows[0][5], Value::Float(0.9));
  QueryResult m = Run("MATCH (n {name: 'Joe Biden'}) RETURN size(mentions(n)), mentions(n)[0].surface");
  EXPECT_EQ(m.rows[0][0], Value::Int(2));
  EXPECT_EQ(m.rows[0][1], Value::String("Joe Biden"));
  // A claim made by hand has provenance "manual".
  Run("MATCH (a {name: 'Joe Biden'}), (b {name: 'Vladimir Putin'}) CREATE (a)-[:meet]->(b)");
  QueryResult man = Run("MATCH ({name: 'Joe Biden'})-[r:meet]->() RETURN provenance(r)[0].document, sources(r)");
  ASSERT_EQ(man.rows.size(), 1u);
  EXPECT_EQ(man.rows[0][0], Value::String("manual"));
}

TEST_F(EngineTest, ValuesPrintAsCypherLiterals) {
  QueryResult r = Run("RETURN 1, 1.0, 'it\\'s', [1, null], {b: 2, a: 'x'}, true");
  ASSERT_EQ(r.rows.size(), 1u);
  std::vector<std::string> s;
  for (auto& v : r.rows[0]) s.push_back(v.ToString());
  EXPECT_EQ(s, (std::vector<std::string>{"1", "1.0", "'it\\'s'", "[1, null]", "{a: 'x', b: 2}", "true"}));
}

TEST_F(EngineTest, SetRemoveDeleteAndMerge) {
  Run("CREATE (:Person {name: 'Ada', born: 1815})-[:KNOWS]->(:Person {name: 'Charles'})");
  QueryResult s = Run("MATCH (a {name: 'Ada'}) SET a.born = 1816, a:Countess, a += {title: 'Lady'} "
                      "RETURN a.born, labels(a), a.title");
  ASSERT_EQ(s.rows.size(), 1u);
  EXPECT_EQ(s.rows[0][0], Value::Int(1816));
  EXPECT_EQ(s.rows[0][1].ToString(), "['Person', 'Countess']");
  EXPECT_EQ(s.rows[0][2], Value::String("Lady"));
  EXPECT_EQ(s.counters.properties_set, 2);
  EXPECT_EQ(s.counters.labels_added, 1);
  QueryResult r = Run("MATCH (a:Countess) REMOVE a.title, a:Countess RETURN a.title, labels(a)");
  EXPECT_TRUE(r.rows[0][0].is_null());
  EXPECT_EQ(r.counters.labels_removed, 1);
  // The name index follows SET.
  Run("MATCH (a {name: 'Ada'}) SET a.name = 'Ada Lovelace'");
  EXPECT_EQ(Run("MATCH (a {name: 'Ada Lovelace'}) RETURN count(a)").rows[0][0], Value::Int(1));
  EXPECT_EQ(Run("MATCH (a {name: 'Ada'}) RETURN count(a)").rows[0][0], Value::Int(0));
  // MERGE with ON CREATE / ON MATCH.
  QueryResult m1 = Run("MERGE (p:Person {name: 'Mary'}) ON CREATE SET p.new = true ON MATCH SET p.new = false "
                       "RETURN p.new");
  EXPECT_EQ(m1.rows[0][0], Value::Bool(true));
  EXPECT_EQ(m1.counters.nodes_created, 1);
  QueryResult m2 = Run("MERGE (p:Person {name: 'Mary'}) ON CREATE SET p.new = true ON MATCH SET p.new = false "
                       "RETURN p.new");
  EXPECT_EQ(m2.rows[0][0], Value::Bool(false));
  EXPECT_EQ(m2.counters.nodes_created, 0);
  // DELETE refuses a connected node; DETACH DELETE takes its relationships too.
  QueryError e = Fail("MATCH (a {name: 'Ada Lovelace'}) DELETE a");
  EXPECT_EQ(e.kind, "ConstraintVerificationFailed");
  EXPECT_EQ(e.detail, "DeleteConnectedNode");
  QueryResult d = Run("MATCH (a {name: 'Ada Lovelace'}) DETACH DELETE a");
  EXPECT_EQ(d.counters.nodes_deleted, 1);
  EXPECT_EQ(d.counters.relationships_deleted, 1);
  EXPECT_EQ(Run("MATCH (n) RETURN count(n)").rows[0][0], Value::Int(2));
  EXPECT_EQ(Run("MATCH ()-[r]->() RETURN count(r)").rows[0][0], Value::Int(0));
}

TEST_F(EngineTest, DeletingAnExtractedClaimIsRefused) {
  AddClaims();
  for (const char* q : {"MATCH ()-[r:call]->() DELETE r", "MATCH (n {name: 'Joe Biden'}) DETACH DELETE n"}) {
    QueryError e = Fail(q);
    EXPECT_EQ(e.kind, "NotSupported") << q;
    EXPECT_EQ(e.detail, "DeleteExtractedClaim") << q;
    EXPECT_NE(e.message.find("kg retract"), std::string::npos) << e.message;
  }
  // Their names are not edited by hand either (the alias index follows the documents).
  EXPECT_EQ(Fail("MATCH (n {name: 'Joe Biden'}) SET n.name = 'J. Biden'").kind, "NotSupported");
  Run("MATCH (n {name: 'Joe Biden'}) SET n.note = 'checked'");
  // Nothing was deleted, and what CREATE made can still go.
  EXPECT_EQ(Run("MATCH ()-[r:call]->() RETURN count(r)").rows[0][0], Value::Int(1));
  EXPECT_EQ(Run("MATCH (n {name: 'Joe Biden'}) RETURN count(n)").rows[0][0], Value::Int(1));
  Run("MATCH (a {name: 'Joe Biden'}), (b {name: 'Vladimir Putin'}) CREATE (a)-[:meet]->(b)");
  EXPECT_EQ(Run("MATCH ()-[r:meet]->() DELETE r").counters.relationships_deleted, 1);
}

TEST_F(EngineTest, PublishedIsADateInProvenance) {
  AddClaims();  // doc-a published 2020-01-01, doc-b 2020-01-02
  QueryResult r = Run("MATCH ()-[r]->() UNWIND provenance(r) AS p "
                      "RETURN p.published, p.published.day ORDER BY p.published");
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0][0].kind(), Value::Kind::kDate);
  EXPECT_EQ(r.rows[0][0].TemporalText(), "2020-01-01");
  EXPECT_EQ(r.rows[1][1], Value::Int(2));
  auto count_since = [&](const std::string& day) {
    QueryResult c = Run("MATCH ()-[r]->() WHERE any(p IN provenance(r) WHERE p.published >= date('" + day +
                        "')) RETURN count(r)");
    return c.rows.at(0).at(0).as_int();
  };
  EXPECT_EQ(count_since("2020-01-02"), 1);
  EXPECT_EQ(count_since("2020-01-03"), 0);
  QueryResult m = Run("MATCH (n {name: 'Joe Biden'}) RETURN mentions(n)[0].published < date('2020-01-02')");
  EXPECT_EQ(m.rows[0][0], Value::Bool(true));
}

TEST_F(EngineTest, TemporalValues) {
  QueryResult r = Run(
      "RETURN date('2013-04-20') + duration('P1M11D'), "
      "duration.between(date('2013-04-15'), date('2013-05-01')), "
      "datetime('2017-08-08T12:31:14+02:00[Europe/Stockholm]').offset, "
      "date.truncate('month', date('2013-04-20')), "
      "localtime('12:31:14.5') < localtime('12:31:15'), "
      "date('2013-04-20') = date({year: 2013, month: 4, day: 20})");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0].TemporalText(), "2013-05-31");
  EXPECT_EQ(r.rows[0][1].TemporalText(), "P16D");
  EXPECT_EQ(r.rows[0][2], Value::String("+02:00"));
  EXPECT_EQ(r.rows[0][3].TemporalText(), "2013-04-01");
  EXPECT_EQ(r.rows[0][4], Value::Bool(true));
  EXPECT_EQ(r.rows[0][5], Value::Bool(true));
  EXPECT_EQ(r.rows[0][0].ToString(), "'2013-05-31'");
  // Temporal properties survive a write and a read.
  Run("CREATE (:Event {on: date('2013-04-15'), lasted: duration({hours: 2})})");
  QueryResult e = Run("MATCH (e:Event) RETURN e.on.year, e.lasted.minutes, toString(e.on)");
  ASSERT_EQ(e.rows.size(), 1u);
  EXPECT_EQ(e.rows[0][0], Value::Int(2013));
  EXPECT_EQ(e.rows[0][1], Value::Int(120));
  EXPECT_EQ(e.rows[0][2], Value::String("2013-04-15"));
  EXPECT_EQ(Fail("RETURN date('2013-02-30')").kind, "ArgumentError");
  EXPECT_EQ(Fail("RETURN date('yesterday')").kind, "ArgumentError");
}

TEST_F(EngineTest, RegexesAreJavaCompatible) {
  QueryResult r = Run("RETURN 'FBI' =~ '(?i)fbi', 'the FBI' =~ '(?i)fbi', 'the FBI' =~ '(?i).*fbi', "
                      "'Ærø' =~ '..ø', 'a\nb' =~ '(?s)a.b', 'abc' =~ 'b'");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0], Value::Bool(true));
  EXPECT_EQ(r.rows[0][1], Value::Bool(false));  // the whole string must match
  EXPECT_EQ(r.rows[0][2], Value::Bool(true));
  EXPECT_EQ(r.rows[0][3], Value::Bool(true));   // code points, not bytes
  EXPECT_EQ(r.rows[0][4], Value::Bool(true));
  EXPECT_EQ(r.rows[0][5], Value::Bool(false));
  QueryError e = Fail("RETURN 'a' =~ '(unclosed'");
  EXPECT_EQ(e.kind, "ArgumentError");
  EXPECT_NE(e.message.find("(unclosed"), std::string::npos);
}

TEST_F(EngineTest, CaseMappingIsUnicode) {
  QueryResult r = Run("RETURN toUpper('straße'), toLower('ERDOĞAN'), size('Erdoğan')");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0], Value::String("STRASSE"));
  EXPECT_EQ(r.rows[0][1], Value::String("erdoğan"));
  EXPECT_EQ(r.rows[0][2], Value::Int(7));
}

}  // namespace
}  // namespace kg::query_lang
