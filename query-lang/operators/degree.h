// Counting relationships without visiting them: a MATCH whose matches are
// only counted, answered from the degree counts the graph keeps per node,
// type and direction (Graph::Degree, Graph::ScanDegrees). Internal to
// query-lang/.
//
// MATCH (a ...)-[:T]->() followed by an aggregation of count(*) alone
// (nothing reads the relationship or the far node): every match of `a`
// stands for as many rows as it has such relationships.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "query-lang/operators/operator.h"

namespace kg::query_lang {

// What is counted: relationships of `types` at the pattern node `node`.
struct DegreeCount {
  const BoundNode* node = nullptr;                            // a: the counted node
  graph::EdgeDirection direction = graph::EdgeDirection::kOut;  // from a
  bool both = false;                                            // undirected: either way
  std::vector<std::string> types;                               // empty: any type
  int weight_slot = -1;  // where a row's count goes (DegreeCount, DegreeScan)
};

// For each candidate of a bound or looked-up `a` (one Degree read each):
// a row with a bound and its count in the weight slot (none when 0).
// Relations stored once but holding both ways (speak_with) count against
// the direction too, as the matcher's expansion matches them.
OpPtr MakeDegreeCount(OpPtr child, DegreeCount spec);

// The same for every (labelled) node at once: the degree scan merged with
// the node records when a's labels, properties or value are needed.
OpPtr MakeDegreeScan(OpPtr child, DegreeCount spec);

// RETURN a.p, count(*) over every (labelled) node (`key_property` empty:
// count(*) alone, one row): the grouping done inside the degree scan, the
// key read from the graph's column of a.p (Graph::TextColumn: kept, or made
// when most nodes have a count) or alone from each node's record, rows made
// per group. The key
// goes to `key_slot`, the count to each of `count_slots`. `top_k` >= 0:
// only the groups ORDER BY count (`descending`) LIMIT top_k keeps.
// `threads` > 1: node ranges scanned in parallel (QueryOptions::threads).
OpPtr MakeDegreeGroupCount(OpPtr child, DegreeCount spec, std::string key_property, int key_slot,
                           std::vector<int> count_slots, const int* width, int64_t top_k,
                           bool descending);

}  // namespace kg::query_lang
