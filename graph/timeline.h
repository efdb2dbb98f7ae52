// Timeline: every claim that involves one entity, in the order the world
// learned of it.
//
// An entity's timeline has one entry per supporting mention of each claim
// the entity takes part in (as subject or object, directly or as a member
// of a group mention such as "the two leaders", or named inside one of the
// claim's arguments: "Trump -hold-> a call with Zelensky" is on Zelensky's
// timeline): the claim, the document that states it and the sentence that
// says so. Entries are ordered by the
// document's publication date (documents without one come last), then by
// document id, then by sentence: the order of SemEval-2015's TimeLine task
// (the events of one entity across a news cluster). The same order in
// Cypher:
//
//   MATCH (e {name: 'Vladimir Putin'})-[r]-(o)
//   UNWIND provenance(r) AS p
//   RETURN p.published, p.document, p.sentence_index, startNode(r).name,
//          type(r), endNode(r).name
//   ORDER BY p.published IS NULL, p.published, p.document, p.sentence_index
//
//   auto entries = kg::graph::BuildTimeline(*graph, node);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "graph/graph.h"

namespace kg::graph {

struct TimelineEntry {
  std::string published;  // the document's date (ISO 8601), "" when unknown
  std::string document_id;
  std::string title;
  std::string publisher;
  std::string url;
  uint32_t sentence = 0;  // index of the sentence in its document
  std::string sentence_text;
  EdgeId claim = 0;
  std::string subject, relation, object;
  std::string relation_surface;  // the words of the sentence ("phoned")
  bool negated = false;
  bool from_group = false;  // read from a group mention ("the two leaders")
  double confidence = 0;
  uint64_t sources = 0;     // independent sources behind the claim in all (sources(r))
};

// The timeline of `entity`, ordered as described above. Hand-made claims
// (document "manual") have no date and come last.
Result<std::vector<TimelineEntry>> BuildTimeline(const Graph& graph, NodeId entity);

// Renderings: JSON (an array of entries), and a standalone HTML page with an
// SVG time axis (one dot per dated entry) above the entries.
std::string TimelineJson(const std::string& entity_name, const std::vector<TimelineEntry>& entries);
std::string TimelineHtml(const std::string& entity_name, const std::vector<TimelineEntry>& entries);

}  // namespace kg::graph
