// The query engine: kg's openCypher subset, executed over the graph API.
//
// This is the whole public surface of query-lang/. A query string goes through
// parse (ANTLR4 grammar -> kg's own AST) -> bind (names, scopes, semantic
// errors) -> plan (logical plan, index choice) -> pull-based physical
// operators over graph::Graph. Nothing ANTLR-related crosses this header.
//
//   kg::query_lang::QueryOptions options;
//   options.params["name"] = kg::query_lang::Value::String("Vladimir Putin");
//   auto result = kg::query_lang::Execute(*graph,
//       "MATCH (a {name: $name})-[r]->(b) RETURN type(r), b.name", options);
//   if (!result.ok()) {
//     std::cerr << result.error().FormatWithCaret(query);
//   } else {
//     for (const auto& row : result.value().rows) ...
//   }
//
// Errors never escape as exceptions: every failure (syntax, semantic, type,
// runtime, timeout, cancellation) comes back as a QueryError.
//
// Thread-safety: Execute may be called from several threads on a graph that
// is not being written; a query that writes (CREATE, MERGE, SET, REMOVE,
// DELETE) must not overlap others. Writes are not transactional: each
// update is its own atomic write, so a query that fails half-way keeps the
// updates made before the error (DELETE checks all it will delete first).
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace kg::graph {
class Graph;
}

namespace kg::query_lang {

class Value;
using ValueList = std::vector<Value>;
using ValueMap = std::map<std::string, Value>;  // keys sorted, as Cypher prints them

// A node as a query sees it (a snapshot of its labels and properties).
struct NodeValue {
  uint64_t id = 0;
  std::vector<std::string> labels;
  std::shared_ptr<const ValueMap> properties;  // null only inside the engine (not yet read)
};

// A relationship as a query sees it.
struct RelationshipValue {
  uint64_t id = 0;
  uint64_t source = 0;
  uint64_t target = 0;
  std::string type;
  std::shared_ptr<const ValueMap> properties;  // null only inside the engine (not yet read)
};

// A path: nodes[0], relationships[0], nodes[1], ... (nodes.size() ==
// relationships.size() + 1).
struct PathValue {
  std::vector<NodeValue> nodes;
  std::vector<RelationshipValue> relationships;
};

// A date, a time of day or both (Cypher's instant types). Civil fields are
// local: `days` and `nanos` are what a clock and calendar in the value's zone
// show; `offset_seconds` says how that local time relates to UTC.
struct TemporalValue {
  int64_t days = 0;            // date types: days since 1970-01-01 (proleptic Gregorian)
  int64_t nanos = 0;           // time types: nanoseconds since midnight, [0, 86400e9)
  int32_t offset_seconds = 0;  // kTime, kDateTime: seconds east of UTC
  std::string zone;            // kDateTime: an IANA zone id ("Europe/Stockholm"), "" for an offset only
};

// A Cypher duration: months, days and seconds kept apart, as the TCK
// requires (a month is not a fixed number of days).
struct DurationValue {
  int64_t months = 0;
  int64_t days = 0;
  int64_t seconds = 0;
  int32_t nanos = 0;  // [0, 1e9); the sign lives in `seconds`
  bool operator==(const DurationValue& o) const {
    return months == o.months && days == o.days && seconds == o.seconds && nanos == o.nanos;
  }
};

// A Cypher value. Cheap to copy for scalars; lists, maps and graph entities
// share their payload.
class Value {
 public:
  enum class Kind {
    kNull, kBool, kInt, kFloat, kString, kList, kMap, kNode, kRelationship, kPath,
    // Temporal instants (payload TemporalValue) and durations.
    kDate, kLocalTime, kTime, kLocalDateTime, kDateTime, kDuration
  };

  Value() = default;  // null
  static Value Null() { return Value(); }
  static Value Bool(bool b);
  static Value Int(int64_t i);
  static Value Float(double d);
  static Value String(std::string s);
  static Value List(ValueList items);
  static Value Map(ValueMap entries);
  static Value Node(NodeValue node);
  static Value Relationship(RelationshipValue rel);
  static Value Path(PathValue path);
  // `kind` is one of kDate, kLocalTime, kTime, kLocalDateTime, kDateTime.
  static Value Temporal(Kind kind, TemporalValue t);
  static Value Duration(DurationValue d);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_number() const { return kind_ == Kind::kInt || kind_ == Kind::kFloat; }
  bool is_temporal() const { return kind_ >= Kind::kDate && kind_ <= Kind::kDateTime; }

  // Accessors: each requires the matching kind() (asserted).
  bool as_bool() const;
  int64_t as_int() const;
  double as_float() const;
  double as_number() const;  // int or float, as double
  const std::string& as_string() const;
  const ValueList& as_list() const;
  const ValueMap& as_map() const;
  const NodeValue& as_node() const;
  const RelationshipValue& as_relationship() const;
  const PathValue& as_path() const;
  const TemporalValue& as_temporal() const;  // requires is_temporal()
  const DurationValue& as_duration() const;

  // Cypher literal style, as the TCK writes values: null, true, 42, 1.5,
  // 'text', [1, 2], {a: 1}, (:Label {name: 'x'}), [:TYPE {w: 1}],
  // <(:A)-[:T]->(:B)>. Temporal values and durations print in ISO 8601 as
  // Cypher's toString() gives them, quoted as the TCK writes them:
  // '2013-04-20', '12:31:14.645+01:00', 'P1Y2M3DT4H'.
  std::string ToString() const;
  // The ISO 8601 text of a temporal value or duration (unquoted), as
  // toString() returns it; "" for other kinds.
  std::string TemporalText() const;
  // "NULL", "BOOLEAN", "INTEGER", "FLOAT", "STRING", "LIST", "MAP", "NODE",
  // "RELATIONSHIP", "PATH", "DATE", "LOCAL TIME", "TIME", "LOCAL DATETIME",
  // "DATETIME", "DURATION".
  static const char* KindName(Kind kind);

  // Structural equality (Cypher "equivalence": null == null, NaN == NaN);
  // what DISTINCT, grouping and tests use. Not Cypher's ternary `=`.
  bool operator==(const Value& other) const;
  bool operator!=(const Value& other) const { return !(*this == other); }

 private:
  Kind kind_ = Kind::kNull;
  union {
    int64_t i_ = 0;
    bool b_;
    double f_;
  };
  std::shared_ptr<const void> ptr_;  // string, list, map, node, rel, path payload
};

// How a query runs.
struct QueryOptions {
  ValueMap params;                          // $name -> value
  int64_t timeout_ms = 0;                   // 0: no timeout
  // 0: no cap; else at most this many rows kept in QueryResult::rows (the
  // rest are still produced and counted in QueryResult::total_rows).
  int64_t row_limit = 0;
  std::atomic<bool>* cancel = nullptr;      // set to true from another thread to stop
  int64_t default_max_hops = 32;            // upper bound for `*` / `*n..` patterns
  // Threads a scan of many nodes may be split over (a count grouped per
  // node over every node, say); 0: one per core, at most 4.
  int threads = 1;
};

// Side effects of a query (CREATE, MERGE, SET, REMOVE, DELETE), counted as
// Neo4j does: properties_set counts every property written or removed.
struct QueryCounters {
  int64_t nodes_created = 0;
  int64_t nodes_deleted = 0;
  int64_t relationships_created = 0;
  int64_t relationships_deleted = 0;
  int64_t properties_set = 0;
  int64_t labels_added = 0;
  int64_t labels_removed = 0;
  bool any() const {
    return nodes_created || nodes_deleted || relationships_created || relationships_deleted ||
           properties_set || labels_added || labels_removed;
  }
};

struct QueryResult {
  std::vector<std::string> columns;        // RETURN column names, in order
  std::vector<std::vector<Value>> rows;    // each row has columns.size() values
  bool truncated = false;                  // rows were cut at QueryOptions::row_limit
  uint64_t total_rows = 0;                 // rows the query produced, kept or not
  std::string plan_text;                   // EXPLAIN: the plan; PROFILE: plan with rows/time
  QueryCounters counters;
  double elapsed_ms = 0;
};

// Why a query failed. `kind` follows the openCypher TCK classes:
// "SyntaxError" (also for compile-time semantic rules, as the TCK classifies
// them; `detail` names the rule: UndefinedVariable, VariableAlreadyBound,
// VariableTypeConflict, InvalidAggregation, ...), "TypeError",
// "ArgumentError", "ParameterMissing", "EntityNotFound", "SemanticError",
// "ConstraintVerificationFailed" (DELETE of a node that still has
// relationships), and kg's own "Timeout", "Cancelled", "StorageError",
// "ProcedureError" (CALL: kg has no procedures), "NotSupported" (DELETE of
// an extracted claim or entity, detail DeleteExtractedClaim), "InternalError"
// (a bug).
struct QueryError {
  std::string kind;
  std::string detail;   // TCK detail code when known: "UndefinedVariable", "InvalidAggregation"...
  std::string message;  // human readable
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;       // 1-based; 0 when unknown

  // "SyntaxError: <message>" then, when line/column are known, the query line
  // and a caret under the column:
  //   SyntaxError: mismatched input ')' (line 1, column 9)
  //     RETURN (1
  //             ^
  std::string FormatWithCaret(const std::string& query) const;
};

// A QueryResult or the QueryError explaining why there is none.
class [[nodiscard]] QueryOutcome {
 public:
  QueryOutcome(QueryResult r) : ok_(true), result_(std::move(r)) {}  // NOLINT
  QueryOutcome(QueryError e) : ok_(false), error_(std::move(e)) {}   // NOLINT
  bool ok() const { return ok_; }
  const QueryResult& value() const { return result_; }
  QueryResult& value() { return result_; }
  const QueryError& error() const { return error_; }

 private:
  bool ok_;
  QueryResult result_;
  QueryError error_;
};

// Runs one query (optionally prefixed by EXPLAIN or PROFILE) against `graph`.
QueryOutcome Execute(graph::Graph& graph, const std::string& query, const QueryOptions& options);

// Parses and binds without running: the syntax/semantic error, if any.
// Used by the REPL to check a line and by the fuzz target.
QueryOutcome Check(const std::string& query);

// Keywords and function names, upper-case keywords first (for REPL completion).
const std::vector<std::string>& Keywords();
const std::vector<std::string>& FunctionNames();

// Parses a parameter value written on the command line (`--param k=v`): a
// Cypher literal (42, 1.5, 'x', [1,2], {a:1}, true, null); anything that is
// not a literal becomes a string.
Value ParseParameterValue(const std::string& text);

}  // namespace kg::query_lang
