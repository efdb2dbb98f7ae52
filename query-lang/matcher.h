// Pattern matching: the one place that walks the graph for MATCH, OPTIONAL
// MATCH, pattern predicates, pattern comprehensions and shortestPath.
//
// Slots of pattern variables bound before the pattern (NodePattern::bound,
// RelPattern::bound) are checked, the others are filled. Relationships are
// never used twice in one match (openCypher's relationship isomorphism).
// The start node of each part is chosen for cost: a bound node, else a
// {name: ...} lookup through Graph::FindByName, else a label scan
// (Graph::ScanLabel), else all nodes.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "query-lang/ast.h"
#include "query-lang/exec_context.h"

namespace kg::query_lang {

// Calls on_match(row) once per match (row holds the bindings); stops early
// when on_match returns false. `row` is restored before returning.
void MatchPatterns(const std::vector<PatternPart>& parts, Row& row, ExecContext& ctx,
                   const std::function<bool(Row&)>& on_match);

// Calls f(id) for every node that can bind the pattern node `n` on `row`:
// the node already bound to it, else the nodes found through its name (the
// name index), its first label or a scan of all nodes; each is checked
// against n's labels and properties first. Stops when f returns false, and
// then returns false.
bool ForEachNodeCandidate(const NodePattern& n, Row& row, ExecContext& ctx,
                          const std::function<bool(uint64_t)>& f);

// Whether the loaded node `node` has n's labels and properties (the property
// map evaluated on `row`).
bool NodeValueSatisfies(const NodePattern& n, const NodeValue& node, Row& row, ExecContext& ctx);

// The {name: ...} value of a pattern node, when it has one (what the name
// index can look up).
const Expr* NameLookup(const NodePattern& n);

// How the start node of `part` is found ("NodeByName", "NodeByLabel",
// "AllNodes", "Bound"), for EXPLAIN.
std::string DescribeAccess(const PatternPart& part);

}  // namespace kg::query_lang
