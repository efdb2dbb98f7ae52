// Shortest paths with Boost.Graph over a projection of the kg graph.
#include "graph/algorithms.h"

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/visitors.hpp>

namespace kg::graph {
namespace {

// The projection: vertices are kg nodes reached from the start, arcs are the
// edges that may be followed, oriented in the direction of travel.
using Projection =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                          boost::property<boost::edge_name_t, EdgeId>>;
using Vertex = boost::graph_traits<Projection>::vertex_descriptor;

struct Built {
  Projection g;
  std::vector<NodeId> node_of;  // vertex -> kg node
  Vertex start = 0;
  std::optional<Vertex> target;  // the end vertex, if reached
  std::vector<std::vector<std::pair<Vertex, EdgeId>>> preds;  // arcs into each vertex
};

// Explores from `from` layer by layer (at most max_length layers, and no
// deeper than the layer where `to` first appears), adding arcs to the
// projection. When from == to the end is a separate vertex, so a path to it is
// a cycle of length >= 1.
Result<Built> Explore(const Graph& graph, NodeId from, NodeId to, const PathQuery& q) {
  Built b;
  std::optional<std::vector<TypeId>> types;
  if (!q.types.empty()) {
    types.emplace();
    for (const auto& t : q.types) {
      if (auto id = graph.FindType(t)) types->push_back(*id);
    }
  }
  std::unordered_map<NodeId, Vertex> vertex_of;
  auto vertex = [&](NodeId n, bool as_end) {
    if (as_end && from == to) {
      if (!b.target) {
        b.target = boost::add_vertex(b.g);
        b.node_of.push_back(n);
        b.preds.emplace_back();
      }
      return *b.target;
    }
    auto it = vertex_of.find(n);
    if (it != vertex_of.end()) return it->second;
    Vertex v = boost::add_vertex(b.g);
    b.node_of.push_back(n);
    b.preds.emplace_back();
    vertex_of.emplace(n, v);
    if (n == to && from != to) b.target = v;
    return v;
  };
  b.start = vertex(from, false);
  std::vector<NodeId> frontier = {from};
  std::unordered_set<NodeId> expanded;
  for (uint32_t depth = 0; depth < q.max_length && !frontier.empty(); ++depth) {
    std::vector<NodeId> next;
    for (NodeId n : frontier) {
      if (!expanded.insert(n).second) continue;
      if (expanded.size() > q.max_visited) {
        return Status::Cancelled("shortest path search visited too many nodes");
      }
      Vertex u = vertex_of.at(n);
      auto follow = [&](std::unique_ptr<EdgeCursor> c, bool outgoing) -> Status {
        for (; c->Valid(); c->Next()) {
          const EdgeRef& e = c->edge();
          NodeId other = outgoing ? e.target : e.source;
          if (other == n && from != to) continue;  // a self-loop never shortens a path
          bool is_end = other == to;
          bool known = vertex_of.count(other) > 0;
          Vertex v = vertex(other, is_end);
          if (v == b.start) continue;
          boost::add_edge(u, v, e.id, b.g);
          b.preds[v].emplace_back(u, e.id);
          if (!known && !is_end) next.push_back(other);
          if (!known && is_end && from != to) next.push_back(other);
        }
        return c->status();
      };
      auto scan = [&](bool outgoing) -> Status {
        if (!types) return follow(outgoing ? graph.OutEdges(n) : graph.InEdges(n), outgoing);
        for (TypeId t : *types) {
          KG_RETURN_IF_ERROR(
              follow(outgoing ? graph.OutEdges(n, t) : graph.InEdges(n, t), outgoing));
        }
        return Status::OK();
      };
      if (q.direction != Direction::kIn) KG_RETURN_IF_ERROR(scan(true));
      if (q.direction != Direction::kOut) KG_RETURN_IF_ERROR(scan(false));
    }
    // Stop once the end has been reached: deeper layers cannot be on a
    // shortest path.
    if (b.target && !b.preds[*b.target].empty()) break;
    frontier = std::move(next);
  }
  return b;
}

// Distances from the start, by Boost's breadth-first search.
std::vector<uint32_t> Distances(const Built& b) {
  const auto kInf = std::numeric_limits<uint32_t>::max();
  std::vector<uint32_t> dist(boost::num_vertices(b.g), kInf);
  dist[b.start] = 0;
  boost::breadth_first_search(
      b.g, b.start,
      boost::visitor(boost::make_bfs_visitor(boost::record_distances(
          boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, b.g)),
          boost::on_tree_edge()))));
  return dist;
}

// Walks back from the end over arcs that lower the distance by one,
// producing every shortest path (up to `limit`), skipping ones that reuse a
// relationship.
void Enumerate(const Built& b, const std::vector<uint32_t>& dist, size_t limit,
               std::vector<Path>* out) {
  std::vector<Vertex> vs = {*b.target};
  std::vector<EdgeId> es;
  std::function<void(Vertex)> back = [&](Vertex v) {
    if (out->size() >= limit) return;
    if (v == b.start) {
      Path p;
      for (auto it = vs.rbegin(); it != vs.rend(); ++it) p.nodes.push_back(b.node_of[*it]);
      p.edges.assign(es.rbegin(), es.rend());
      std::vector<EdgeId> sorted = p.edges;
      std::sort(sorted.begin(), sorted.end());
      if (std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end()) out->push_back(p);
      return;
    }
    auto preds = b.preds[v];
    std::sort(preds.begin(), preds.end(), [&](const auto& x, const auto& y) {
      return std::make_pair(b.node_of[x.first], x.second) <
             std::make_pair(b.node_of[y.first], y.second);
    });
    for (const auto& [u, e] : preds) {
      if (dist[u] == std::numeric_limits<uint32_t>::max() || dist[u] + 1 != dist[v]) continue;
      vs.push_back(u);
      es.push_back(e);
      back(u);
      vs.pop_back();
      es.pop_back();
    }
  };
  back(*b.target);
}

Result<std::vector<Path>> Search(const Graph& graph, NodeId from, NodeId to, const PathQuery& q,
                                 size_t limit) {
  std::vector<Path> out;
  for (NodeId n : {from, to}) {
    auto node = graph.GetNode(n);
    if (!node.ok()) return node.status();
  }
  if (from == to && q.min_length == 0) {
    out.push_back(Path{{from}, {}});
    return out;
  }
  auto built = Explore(graph, from, to, q);
  if (!built.ok()) return built.status();
  if (!built->target) return out;
  std::vector<uint32_t> dist = Distances(*built);
  uint32_t d = dist[*built->target];
  if (d == std::numeric_limits<uint32_t>::max() || d > q.max_length) return out;
  Enumerate(*built, dist, limit, &out);
  // Paths shorter than min_length do not count (a longer shortest path is
  // not searched for: openCypher only allows min 0 or 1 here).
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const Path& p) { return p.length() < q.min_length; }),
            out.end());
  return out;
}

}  // namespace

Result<std::optional<Path>> ShortestPath(const Graph& graph, NodeId from, NodeId to,
                                         const PathQuery& query) {
  // More than one candidate is asked for because one may reuse a relationship.
  auto paths = Search(graph, from, to, query, 64);
  if (!paths.ok()) return paths.status();
  if (paths->empty()) return std::optional<Path>();
  return std::optional<Path>(std::move(paths->front()));
}

Result<std::vector<Path>> AllShortestPaths(const Graph& graph, NodeId from, NodeId to,
                                           const PathQuery& query) {
  return Search(graph, from, to, query, query.max_paths);
}

}  // namespace kg::graph
