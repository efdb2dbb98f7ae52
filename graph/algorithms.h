// Graph algorithms over the Graph API: shortest paths (used by the query
// language's shortestPath / allShortestPaths).
//
// The search builds a projection of the part of the graph reachable from the
// start node (following the requested direction and relationship types, up to
// max_length hops) and runs Boost.Graph's breadth-first search on it. Boost
// types stay inside algorithms.cc.
//
//   PathQuery q;
//   q.direction = Direction::kBoth;
//   q.types = {"call"};
//   auto path = ShortestPath(graph, a, b, q);  // Result<std::optional<Path>>
//
// Paths never use the same relationship twice. Thread-safety: as the Graph's
// reads.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "graph/graph.h"

namespace kg::graph {

enum class Direction {
  kOut,   // follow edges from source to target
  kIn,    // follow edges from target to source
  kBoth,  // either way
};

struct PathQuery {
  Direction direction = Direction::kBoth;
  // Relationship types that may be followed; empty = any type.
  std::vector<std::string> types;
  // Path length bounds in relationships. min_length 0 allows the one-node
  // path when start == end; otherwise start == end asks for the shortest cycle.
  uint32_t min_length = 1;
  uint32_t max_length = std::numeric_limits<uint32_t>::max();
  // AllShortestPaths stops after this many paths.
  size_t max_paths = 100000;
  // The search gives up (Status::Cancelled) after visiting this many nodes.
  size_t max_visited = 10'000'000;
};

// A path: nodes[0] is the start, nodes.back() the end, edges[i] joins nodes[i]
// and nodes[i+1] (in either orientation when the direction is kBoth).
struct Path {
  std::vector<NodeId> nodes;
  std::vector<EdgeId> edges;
  size_t length() const { return edges.size(); }
  bool operator==(const Path& o) const { return nodes == o.nodes && edges == o.edges; }
};

// One shortest path from `from` to `to`, or nullopt when there is none within
// the bounds. When several have the same length, which one is returned is
// deterministic (lowest node and edge ids are explored first).
Result<std::optional<Path>> ShortestPath(const Graph& graph, NodeId from, NodeId to,
                                         const PathQuery& query);

// Every shortest path from `from` to `to` (all of the same, minimal length),
// in a deterministic order; empty when there is none.
Result<std::vector<Path>> AllShortestPaths(const Graph& graph, NodeId from, NodeId to,
                                           const PathQuery& query);

}  // namespace kg::graph
