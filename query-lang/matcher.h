// Pattern matching: the one place that walks the graph for MATCH, OPTIONAL
// MATCH, pattern predicates, pattern comprehensions and shortestPath.
//
// Slots of pattern variables bound before the pattern (BoundNode::bound,
// BoundRel::bound) are checked, the others are filled. Relationships are
// never used twice in one match (openCypher's relationship isomorphism).
// The start node of each part is chosen for cost: a bound node, else a
// {name: ...} lookup through Graph::FindByName, else a (:Document) by id,
// url or source_path (Graph::DocumentOfNode, FindDocumentsByUrl,
// FindDocumentsBySource), else a label scan (Graph::ScanLabel), else all
// nodes.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "query-lang/bound.h"
#include "query-lang/exec_context.h"

namespace kg::query_lang {

// How the matching of one pattern part starts: chosen when the query is
// planned (ChooseAccess), shown by EXPLAIN, followed by the matcher.
struct PartAccess {
  enum class Kind {
    kBound,             // a node bound before (or by an earlier part)
    kNodeByName,        // a node looked up by {name: ...} in the name index
    kDocumentByKey,     // a (:Document) looked up by {id|url|source_path: ...}
    kRelationshipScan,  // a single hop with free ends: one scan of the relationships
    kNodeByLabel,       // a node's first label, through the label index
    kAllNodes,          // a scan of every node
    kShortestPath,      // shortestPath / allShortestPaths between its ends
  };
  Kind kind = Kind::kAllNodes;
  size_t node = 0;  // the start node's index in the part (unused for a relationship scan)
};

// The start of each part of `parts` (one MATCH's patterns, in order), by
// cost: a bound node, else a name lookup, else a document lookup by id, url
// or source path, else a relationship scan for a
// single hop whose ends are neither, else a label, else all nodes.
std::vector<PartAccess> ChooseAccess(const std::vector<BoundPattern>& parts);

// Calls on_match(row) once per match (row holds the bindings); stops early
// when on_match returns false. `row` is restored before returning. Each
// part starts as `access` says (ChooseAccess of `parts`).
void MatchPatterns(const std::vector<BoundPattern>& parts, const std::vector<PartAccess>& access, Row& row,
                   ExecContext& ctx, const std::function<bool(Row&)>& on_match);
// The same choosing the access first (patterns inside expressions).
void MatchPatterns(const std::vector<BoundPattern>& parts, Row& row, ExecContext& ctx,
                   const std::function<bool(Row&)>& on_match);

// Calls f(id) for every node that can bind the pattern node `n` on `row`:
// the node already bound to it, else the nodes found through its name (the
// name index), its first label or a scan of all nodes; each is checked
// against n's labels and properties first. Stops when f returns false, and
// then returns false.
bool ForEachNodeCandidate(const BoundNode& n, Row& row, ExecContext& ctx,
                          const std::function<bool(uint64_t)>& f);

// Whether the loaded node `node` has n's labels and properties (the property
// map evaluated on `row`).
bool NodeValueSatisfies(const BoundNode& n, const NodeValue& node, Row& row, ExecContext& ctx);

// The {name: ...} value of a pattern node, when it has one (what the name
// index can look up).
const BoundExpr* NameLookup(const BoundNode& n);

// An access for EXPLAIN: "NodeByName(a) via the name index",
// "DocumentByUrl(d) via the document index (normalised url)",
// "NodeByLabel(a:Person) via the label index", "RelationshipScan(r:T) over
// all relationships", "AllNodes(a) scanning every node", "Bound(a)",
// "ShortestPath(p)".
std::string DescribeAccess(const BoundPattern& part, const PartAccess& access);

}  // namespace kg::query_lang
