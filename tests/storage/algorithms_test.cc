// Shortest paths (graph/algorithms.h) on small hand-built graphs.
#include <gtest/gtest.h>

#include "graph/algorithms.h"
#include "graph/graph.h"

namespace kg::graph {
namespace {

class Paths : public ::testing::Test {
 protected:
  void SetUp() override {
    OpenOptions o;
    o.in_memory = true;
    auto g = Graph::Open("paths", o);
    ASSERT_TRUE(g.ok());
    g_ = std::move(*g);
    for (const char* n : {"a", "b", "c", "d", "e"}) ids_[n] = *g_->CreateNode({"N"}, {{"name", n}});
    // Diamond a->b->d, a->c->d; d->e; a-[:FAR]->e; e->e.
    Edge("a", "b", "R");
    Edge("b", "d", "R");
    Edge("a", "c", "R");
    Edge("c", "d", "R");
    Edge("d", "e", "R");
    Edge("a", "e", "FAR");
    Edge("e", "e", "R");
  }
  EdgeId Edge(const char* s, const char* t, const char* type) {
    return *g_->CreateEdge(ids_[s], ids_[t], type, {});
  }
  std::vector<NodeId> Nodes(std::initializer_list<const char*> names) {
    std::vector<NodeId> out;
    for (const char* n : names) out.push_back(ids_[n]);
    return out;
  }
  std::unique_ptr<Graph> g_;
  std::map<std::string, NodeId> ids_;
};

TEST_F(Paths, ShortestFollowsTypesAndDirection) {
  PathQuery q;
  q.direction = Direction::kOut;
  auto p = ShortestPath(*g_, ids_["a"], ids_["e"], q);
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(p->has_value());
  EXPECT_EQ((*p)->nodes, Nodes({"a", "e"}));  // via FAR
  q.types = {"R"};
  p = ShortestPath(*g_, ids_["a"], ids_["e"], q);
  ASSERT_TRUE(p->has_value());
  EXPECT_EQ((*p)->length(), 3u);
  EXPECT_EQ((*p)->nodes.front(), ids_["a"]);
  EXPECT_EQ((*p)->nodes.back(), ids_["e"]);
  // Against the edges' direction there is no path a <- e of type R...
  q.direction = Direction::kIn;
  p = ShortestPath(*g_, ids_["a"], ids_["e"], q);
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->has_value());
  // ...but from e backwards to a there is.
  p = ShortestPath(*g_, ids_["e"], ids_["a"], q);
  ASSERT_TRUE(p->has_value());
  EXPECT_EQ((*p)->length(), 3u);
  // Unknown types match nothing.
  q.types = {"NOPE"};
  p = ShortestPath(*g_, ids_["e"], ids_["a"], q);
  EXPECT_FALSE(p->has_value());
}

TEST_F(Paths, AllShortestPathsOfADiamond) {
  PathQuery q;
  q.direction = Direction::kBoth;
  q.types = {"R"};
  auto all = AllShortestPaths(*g_, ids_["a"], ids_["d"], q);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].nodes, Nodes({"a", "b", "d"}));
  EXPECT_EQ((*all)[1].nodes, Nodes({"a", "c", "d"}));
  for (const auto& p : *all) {
    ASSERT_EQ(p.edges.size(), 2u);
    auto e = g_->GetEdge(p.edges[0]);
    EXPECT_EQ(e->source, ids_["a"]);
  }
}

TEST_F(Paths, MaxLengthAndCycles) {
  PathQuery q;
  q.types = {"R"};
  q.max_length = 2;
  auto p = ShortestPath(*g_, ids_["a"], ids_["e"], q);
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->has_value());
  q.max_length = 3;
  p = ShortestPath(*g_, ids_["a"], ids_["e"], q);
  EXPECT_TRUE(p->has_value());
  // start == end: min_length 0 gives the one-node path, otherwise a cycle.
  q.min_length = 0;
  p = ShortestPath(*g_, ids_["b"], ids_["b"], q);
  ASSERT_TRUE(p->has_value());
  EXPECT_EQ((*p)->length(), 0u);
  q.min_length = 1;
  p = ShortestPath(*g_, ids_["e"], ids_["e"], q);
  ASSERT_TRUE(p->has_value());
  EXPECT_EQ((*p)->nodes, Nodes({"e", "e"}));  // the self-loop
  // A missing node is an error, not an empty result.
  EXPECT_TRUE(ShortestPath(*g_, 999, ids_["a"], q).status().IsNotFound());
}

}  // namespace
}  // namespace kg::graph
