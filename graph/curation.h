// Curation: an analyst's corrections to the graph, kept as records that
// survive re-ingest and can be undone exactly.
//
// Four operations change the graph, each stored as one curation record (id,
// when, by whom, why, what) in the database's `curation` family
// (storage/FORMAT.md) in the same atomic write as the change itself:
//
//  * merge A B    folds entity B into entity A: B's mentions and claims move
//                 to A (a claim that becomes identical to one of A's is one
//                 edge with the provenance of both), B's name becomes an
//                 alias of A, and node B goes.
//  * split A      moves some of A's mentions (those written as one of
//                 `aliases`, or read from one of `documents`) to a new entity,
//                 with the claims whose span on A's side is one of those
//                 mentions (or, by document, every claim of those documents).
//  * rename A N   A's display name becomes N; the old name stays an alias.
//  * reject C     claim (edge) C is hidden from queries, exports, timelines
//                 and counts (see OpenOptions::include_rejected) but kept
//                 with all its provenance; audits show it as rejected.
//
// A name the analyst gives that no mention justifies (B's name after a
// merge, the old name after a rename) is recorded as a mention of document
// "curation:<record id>", so the alias index stays what kg check derives
// from names and mentions.
//
// A rejected claim is found again (re-applied, or imported into another
// database) by its edge while that still exists, else by its evidence (the
// documents, sentences and spans that supported it: the same in any
// database that read those documents), else by its names (nodes whose own
// name they are before nodes they are only an alias of).
//
// Re-applying: ReapplyCuration() runs every active record's selection again
// after an ingest, load or retract: a new node named like a merged B is
// merged into A, a new mention written like a split alias moves to the split
// entity, a rejected claim that was retracted and comes back is rejected
// again. It reads one key when there are no records.
//
// Undoing: a record lists every change it made (which mention or
// provenance record moved from where to where, which edge it re-pointed,
// which node or edge it created or removed, with their old values), so
// UndoCuration() puts everything back, ids included: an export taken before
// the operation equals one taken after its undo. The record stays, marked
// undone. A merge re-applied after later ingests is undone as if it had
// never been: the nodes those ingests made under B's name, which the
// re-applications merged, go back into B with their mentions and claims
// (the graph then equals the one the same ingests make unmerged, ingest
// times aside), and the node and edge counters fall back only over ids the
// record itself took last.
//
//   auto a = kg::graph::ResolveNodeArgument(*graph, "Barack Obama");
//   auto b = kg::graph::ResolveNodeArgument(*graph, "#12");
//   auto r = kg::graph::CurateMerge(*graph, *a, *b, {"ana", "same person"});
//   ...
//   kg::graph::UndoCuration(*graph, r->id, "ana");
//
// Not thread-safe with other writes (like every Graph write).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "graph/graph.h"

namespace kg::graph {

// Who and why; `when_ms` 0 means now (Unix milliseconds).
struct CurationMeta {
  std::string by;
  std::string why;
  int64_t when_ms = 0;
};

// One curation record as read back.
struct CurationRecord {
  uint64_t id = 0;
  std::string op;  // "merge", "split", "rename" or "reject"
  int64_t when_ms = 0;
  std::string by, why;
  bool active = true;  // false once undone
  int64_t undone_ms = 0;
  std::string undone_by;
  std::string what;             // one line: "merged 'Obama' (#9) into 'Barack Obama' (#5)"
  std::vector<NodeId> nodes;    // nodes it names or changed
  std::vector<EdgeId> edges;    // edges it rejected, moved or made
  uint64_t changes = 0;         // primitive changes it made (all applications)
  std::string json;             // the stored record (one JSON object, one line)
};

// What to split off an entity: mentions written as one of `aliases`
// (ignoring case) or read from one of `documents` (ids), into a new entity
// named `name` (default: the first alias, else the entity's own name).
struct SplitSpec {
  std::vector<std::string> aliases;
  std::vector<std::string> documents;
  std::string name;
};

// A node as a user names it: "#123" or "id:123" (NotFound when no such
// node), else a name or alias (the name index; then mentions and initials,
// as ResolveEntityName). Of several candidates the one whose own name it is
// wins; InvalidArgument listing the candidates with their ids when that is
// still more than one, NotFound ("no entity named 'X'") when none.
Result<NodeId> ResolveNodeArgument(const Graph& graph, const std::string& text);

// A claim as a user names it: an edge id ("42", "#42", "id:42") or
// "Subject -relation-> Object" (names as for `kg audit --subject`, quotes
// around them optional). Ambiguous or unknown: InvalidArgument/NotFound
// saying which, with candidates.
Result<EdgeId> ResolveClaimArgument(const Graph& graph, const std::string& text);

Result<CurationRecord> CurateMerge(Graph& graph, NodeId into, NodeId from, const CurationMeta& meta);
Result<CurationRecord> CurateSplit(Graph& graph, NodeId node, const SplitSpec& spec,
                                   const CurationMeta& meta);
Result<CurationRecord> CurateRename(Graph& graph, NodeId node, const std::string& new_name,
                                    const CurationMeta& meta);
Result<CurationRecord> CurateReject(Graph& graph, EdgeId edge, const CurationMeta& meta);

// Reverts record `id` (the latest active one when absent) and marks it
// undone. NotFound when there is no such (active) record.
Result<CurationRecord> UndoCuration(Graph& graph, std::optional<uint64_t> id, const std::string& by);

// Every record in id order (undone ones only when `include_undone`).
Result<std::vector<CurationRecord>> ListCuration(const Graph& graph, bool include_undone);
// The active records that name or changed node `node` / edge `edge`.
Result<std::vector<CurationRecord>> CurationOfNode(const Graph& graph, NodeId node);
Result<std::vector<CurationRecord>> CurationOfEdge(const Graph& graph, EdgeId edge);

struct ReapplySummary {
  uint64_t records = 0;  // records that changed something
  uint64_t changes = 0;  // primitive changes made
};
// Applies every active record again (see above). Call after each ingest,
// load or retract.
Result<ReapplySummary> ReapplyCuration(Graph& graph);

// The portable form of a record: one JSON object on one line, with stable
// field names (op, when, by, why and the op's arguments by name), without
// the changes it made in this database.
std::string CurationExportLine(const CurationRecord& record);
// Stores and applies a record read from such a line. InvalidArgument naming
// what is wrong for a malformed line; AlreadyExists when an active record
// with the same op, arguments, time and author is already stored.
Result<CurationRecord> ImportCurationLine(Graph& graph, const std::string& line);

// Whether `document` is not a stored document but marks what a person did:
// "manual" (CREATE) or "curation:<record id>".
bool IsPseudoDocument(const std::string& document);

}  // namespace kg::graph
