// Audit: tracing claims back to the sentences that support them.
//
// Every edge kg builds from text carries provenance records (document,
// sentence span, subject/relation/object spans, extractor, confidence). This
// module reads them back for people:
//
//  * AuditClaim(graph, edge) lists every supporting mention with the
//    document's title, publisher, date and url, the sentence with the spans
//    marked, extractor and version, confidence, and re-checks each span
//    against the stored document text: out-of-range spans, spans outside
//    their sentence, a relation span whose text is not the recorded surface
//    words, or an entity span whose text differs from the mention recorded at
//    that place are reported as problems (a mismatch).
//  * BuildAuditReport(graph) summarises the whole graph: claims by number of
//    independent sources, single-source claims, contradictions (a claim both
//    asserted and negated), the entities with the most claims, counts per
//    document and per extractor, and how many spans failed the re-check.
//
// SourceReader is the shared helper underneath (also used by export.h): it
// reads an edge's provenance and the documents it points to, caching each
// document once.
//
//   auto ids = kg::graph::FindClaims(*graph, "Russia", "tip_off", "FBI");
//   if (!ids.ok()) { std::cerr << ids.status().message(); return 1; }
//   auto audit = kg::graph::AuditClaim(*graph, ids->front());
//   std::cout << kg::graph::FormatClaimAudit(*audit);
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "graph/graph.h"
#include "graph/origins.h"

namespace kg::graph {

// A node's display name: its "name" property, else "<label> #id".
std::string NodeName(const NodeRecord& node);
// A node's entity type: its "type" property, else a label other than
// "Entity" ("Value" for value nodes), else "Other".
std::string NodeType(const NodeRecord& node);
// Unix milliseconds as ISO 8601 UTC ("2026-11-27T14:03:00Z"); "" for 0.
std::string IsoTime(int64_t unix_ms);

// Where a document came from, without its text.
struct SourceDocument {
  std::string id;
  std::string title;
  std::string publisher;
  std::string published;
  std::string url;
  std::string source;  // the file (or file:line) it was read from
  bool found = false;  // false when the id names no stored document ("manual")
  // "Publisher — Title (date)"; without a title, the source file's name,
  // else the id.
  std::string Describe() const;
};

// The provenance of one edge, with the documents it cites.
struct ClaimSources {
  std::vector<ProvenanceRecord> records;
  std::vector<SourceDocument> documents;  // distinct, in first-cited order
  // The origin group of each record and how many groups have a document:
  // sentences copied between documents count once (graph/origins.h). This
  // is sources(r).
  std::vector<uint32_t> origin_of;
  size_t independent_sources = 0;
  double max_confidence = 0;
  bool any_negated = false;
  bool all_negated = false;     // every record negated (and at least one)
  int64_t first_ingest_ms = 0;  // earliest record; 0 when none
  // Distinct document ids / "extractor version" strings, joined by ';'.
  std::string DocumentIds() const;
  std::string Extractors() const;
  const SourceDocument* Find(const std::string& document_id) const;
};

// Reads provenance and documents for many edges, caching documents.
// Not thread-safe; must not outlive `graph`.
class SourceReader {
 public:
  // Its origin counter reads the documents this reader caches.
  explicit SourceReader(const Graph& graph)
      : graph_(graph), origins_(graph, [this](const std::string& id) -> const std::string* {
          const DocumentRecord* doc = Document(id);
          return doc ? &doc->document.text : nullptr;
        }) {}
  Result<ClaimSources> Sources(const EdgeRecord& edge);
  // The stored document, or nullptr when there is none with that id.
  const DocumentRecord* Document(const std::string& document_id);
  // The stored text in `span` of the document ("" when out of range).
  std::string Slice(const std::string& document_id, const ByteSpan& span);

 private:
  const Graph& graph_;
  OriginCounter origins_;
  std::unordered_map<std::string, std::unique_ptr<DocumentRecord>> documents_;
};

// The nodes a person means by `name`: those whose canonical name is `name`
// (the name index, case-insensitive); failing that, entities mentioned as
// `name` in some document, or whose name's initials are `name` ("FBI" finds
// "Federal Bureau of Investigation") — a scan of at most `scan_limit` entity
// nodes. Empty when nothing matches.
Result<std::vector<NodeId>> ResolveEntityName(const Graph& graph, const std::string& name,
                                              size_t scan_limit = 200000);

// One supporting mention of a claim, re-checked.
struct SupportAudit {
  ProvenanceRecord record;
  SourceDocument document;
  std::string sentence;         // the stored text at record.sentence_span
  std::string marked_sentence;  // the sentence with «subject», ⟦relation⟧, «object»
  std::string subject_text, relation_text, object_text;  // stored text at each span
  std::vector<std::string> problems;  // empty: every span matches the stored text
  // Its origin group (graph/origins.h): supports carrying near-identical
  // sentences from several documents are one independent source.
  uint32_t origin = 0;
  // Index in ClaimAudit::supports of the first support of this origin when
  // that one is in another document: this support is a copy of it (-1: not
  // a copy).
  int copy_of = -1;
};

struct ClaimAudit {
  EdgeRecord edge;
  std::string subject_name, object_name;
  std::vector<SupportAudit> supports;
  // Origin groups with a document (what CREATE made is none); supports are
  // listed by origin, copies after the support they copy.
  size_t independent_sources = 0;
  size_t copies = 0;  // supports that are copies of another document's sentence
  size_t manual_supports = 0;      // supports made by hand (CREATE/MERGE in a query)
  size_t mismatches = 0;           // supports with at least one problem
};

Result<ClaimAudit> AuditClaim(const Graph& graph, EdgeId edge);

// The edges from `subject` to `object` of relation type `relation` (names
// matched exactly, ignoring case). An empty argument matches anything, but
// at least one must be given. NotFound with a clear message (naming the
// unknown entity, with similar names when there are some) when an entity is
// unknown or no claim matches.
Result<std::vector<EdgeId>> FindClaims(const Graph& graph, const std::string& subject,
                                       const std::string& relation, const std::string& object);

// Human-readable text (for the terminal) and JSON renderings of an audit.
std::string FormatClaimAudit(const ClaimAudit& audit);
std::string ClaimAuditJson(const ClaimAudit& audit);

// The whole-graph report.
struct AuditReport {
  struct ClaimLine {
    EdgeId id = 0;
    std::string subject, relation, object;
    size_t sources = 0;
    // Anchors of its supporting sentences ("s-3c939b3cc2cc-11": document id
    // prefix, sentence index), each once, in provenance order.
    std::vector<std::string> sentences;
  };
  // A supporting sentence of a listed claim: what a claim's anchor names.
  struct Sentence {
    std::string anchor;    // "s-3c939b3cc2cc-11"
    std::string document;  // title, else the source file's name, else the id
    std::string document_id;
    uint32_t index = 0;    // sentence index in the document
    std::string text;      // the stored text of the sentence
  };
  struct Count {
    std::string name;
    uint64_t count = 0;
  };
  uint64_t documents = 0, entities = 0, claims = 0, provenance = 0;
  std::map<size_t, uint64_t> claims_by_sources;  // sources -> number of claims
  std::vector<ClaimLine> best_corroborated;      // most sources first (top N)
  uint64_t single_source_claims = 0;
  std::vector<ClaimLine> single_source;          // first N
  std::vector<ClaimLine> contradictions;         // asserted and negated (all)
  std::vector<Count> top_entities;               // most claims first (top N)
  std::vector<Count> per_document;               // "title (id prefix)" -> provenance records
  std::vector<Count> per_extractor;              // "name version" -> provenance records
  // The supporting sentences of the claims in the three lists above, in the
  // order they are first cited; ReportHtml links each claim to its own.
  std::vector<Sentence> sentences;
  uint64_t spans_checked = 0, span_mismatches = 0;
};

Result<AuditReport> BuildAuditReport(const Graph& graph, size_t top_n = 20);
std::string ReportMarkdown(const AuditReport& report);
std::string ReportJson(const AuditReport& report);
std::string ReportHtml(const AuditReport& report);

}  // namespace kg::graph
