// ExecContext: what a running query shares across its operators and
// expressions: the graph, parameters, limits, counters and a cache of the
// node and relationship records read so far. Internal to query-lang/.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/graph.h"
#include "graph/origins.h"
#include "query-lang/query_engine.h"

namespace kg::query_lang {

class Regex;

using Row = std::vector<Value>;

Value FromProperty(const graph::PropertyValue& p);
// Throws TypeError for values a property cannot hold (maps, nodes...).
graph::PropertyValue ToProperty(const Value& v);

class ExecContext {
 public:
  ExecContext(graph::Graph& graph, const QueryOptions& options);
  ~ExecContext();

  graph::Graph& graph() { return graph_; }
  const QueryOptions& options() const { return options_; }
  QueryCounters& counters() { return counters_; }

  // A node value not yet read from the store (properties == nullptr): what
  // pattern matching binds. Load() reads it when labels/properties are needed.
  static Value NodeRef(uint64_t id);
  // A relationship value from an adjacency entry (properties not yet read).
  Value RelFromRef(const graph::EdgeRef& ref);
  // The loaded form of a node or relationship value (cached by id).
  const NodeValue& LoadNode(const Value& node);
  const RelationshipValue& LoadRel(const Value& rel);
  // Drops cached records (after a write). References handed out before stay
  // valid until the next Invalidate().
  void Invalidate() {
    old_nodes_ = std::move(nodes_);
    old_rels_ = std::move(rels_);
    nodes_.clear();
    rels_.clear();
  }

  // Full records for output: nodes/relationships inside lists, maps and paths.
  Value Hydrate(const Value& v);

  // Throws Timeout / Cancelled when the query must stop. Cheap; call often.
  void CheckInterrupt() {
    if ((++ticks_ & 1023) != 0) return;
    CheckInterruptNow();
  }
  void CheckInterruptNow();
  // Whether CheckInterruptNow would throw (for code that must not throw
  // through it: the graph's scans).
  bool InterruptDue() const;

  const std::string& TypeName(graph::TypeId t);

  // Counts independent sources (sources(r)); made on first use, its caches
  // live as long as the query.
  graph::OriginCounter& origins() {
    if (!origins_) origins_ = std::make_unique<graph::OriginCounter>(graph_);
    return *origins_;
  }

  // When the query started (ns since the Unix epoch): what date(),
  // datetime.statement() and friends read, so they agree within a query.
  int64_t statement_time_ns() const { return statement_time_ns_; }

  // The compiled form of a `=~` pattern: compiled on first use, then reused
  // for the rest of the query. Throws ArgumentError for a bad pattern.
  const Regex& CompiledRegex(const std::string& pattern);

  // PROFILE: operators time themselves (operators/operator.h).
  bool profiling() const { return profiling_; }
  void set_profiling(bool on) { profiling_ = on; }

 private:
  std::unique_ptr<graph::OriginCounter> origins_;
  graph::Graph& graph_;
  const QueryOptions& options_;
  QueryCounters counters_;
  std::unordered_map<uint64_t, std::unique_ptr<NodeValue>> nodes_;
  std::unordered_map<uint64_t, std::unique_ptr<RelationshipValue>> rels_;
  std::unordered_map<uint64_t, std::unique_ptr<NodeValue>> old_nodes_;
  std::unordered_map<uint64_t, std::unique_ptr<RelationshipValue>> old_rels_;
  std::unordered_map<graph::TypeId, std::string> type_names_;
  std::unordered_map<std::string, std::unique_ptr<Regex>> regexes_;
  std::chrono::steady_clock::time_point deadline_;
  bool has_deadline_ = false;
  uint64_t ticks_ = 0;
  int64_t statement_time_ns_ = 0;
  bool profiling_ = false;
};

}  // namespace kg::query_lang
