// Origins: how many independent sources support a claim.
//
// The same wire sentence carried by two outlets, or one article stored twice
// (as JSON Lines and as HTML), is one source, not two. Origins groups an
// edge's provenance records so that:
//  * records from the same document are one origin;
//  * records whose sentences are near-copies are one origin: the Jaccard
//    similarity of their word 3-shingles (text::FoldedWords, so case, spacing
//    and punctuation do not count; sentences under 3 words compare by words)
//    is at least kNearCopyJaccard.
// sources(r) counts the groups; mentions(r) counts every record.
//
// Why 0.5: syndicated copies that differ by an attribution tail or a word
// or two stay above 0.7; independent wordings of the same fact share a name
// or two and fall below 0.2. On the seeds, the Russia –tip_off→ FBI
// sentence of seeds 000 and 001 is one wire sentence carried twice
// (similarity 1.0: one source), while the independent wordings behind
// Obama –speak_with→ Putin and Putin –president_of→ Russia score at most
// 0.14 against each other (3 and 4 sources).
//
//   OriginCounter counter(graph);
//   Result<uint32_t> n = counter.Count(edge_record);   // sources(r)
//
// Groups are built in the records' store order, each record joining the
// first group holding a near-copy of it, so the count depends only on what
// is stored, not on the order documents were ingested.
#pragma once

#include <cstdint>
#include <functional>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "graph/graph.h"

namespace kg::graph {

// Two sentences at or above this word-3-shingle Jaccard similarity are
// copies of one origin.
inline constexpr double kNearCopyJaccard = 0.5;

// The hashed word 3-shingles of `sentence`, sorted and distinct (the words
// themselves when there are fewer than 3).
std::vector<uint64_t> SentenceShingles(std::string_view sentence);
// Jaccard similarity of two shingle sets (1 when both are empty).
double ShingleJaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);
// SentenceShingles of both, compared.
double SentenceSimilarity(std::string_view a, std::string_view b);

// One provenance record as the grouping sees it.
struct OriginInput {
  std::string_view document_id;
  const std::vector<uint64_t>* shingles = nullptr;  // null: no text ("manual")
};
// The origin group of each record (0, 1, ... in order of first appearance).
std::vector<uint32_t> GroupOrigins(const std::vector<OriginInput>& records);

// Counts the independent origins of edges, reading the supporting sentences
// from the stored documents (cached, bounded). Not thread-safe; must not
// outlive `graph`.
class OriginCounter {
 public:
  explicit OriginCounter(const Graph& graph) : graph_(graph) {}
  // Reads document texts through `text_of` (null: no such document) instead
  // of its own cache: for owners that already keep the documents
  // (SourceReader).
  using TextSource = std::function<const std::string*(const std::string& document_id)>;
  OriginCounter(const Graph& graph, TextSource text_of) : graph_(graph), text_of_(std::move(text_of)) {}

  // sources(r): the number of origin groups among the edge's provenance. An
  // edge supported by one document needs no reading.
  Result<uint32_t> Count(const EdgeRecord& edge);
  // The origin group of each of `records` (one edge's provenance).
  Result<std::vector<uint32_t>> Groups(const std::vector<ProvenanceRecord>& records);

 private:
  // The shingles of the sentence at `span` of document `id` (null when the
  // document is not stored or the span is out of range).
  Result<const std::vector<uint64_t>*> ShinglesOf(const std::string& id, const ByteSpan& span);

  const Graph& graph_;
  TextSource text_of_;
  // Document texts (without text_of_), least recently used dropped past
  // kMaxDocuments.
  static constexpr size_t kMaxDocuments = 64;
  std::list<std::pair<std::string, std::string>> texts_;  // id, text; most recent first
  std::unordered_map<std::string, std::list<std::pair<std::string, std::string>>::iterator> text_by_id_;
  // Shingles by "document id:begin:end", cleared past kMaxSentences.
  static constexpr size_t kMaxSentences = 100000;
  std::unordered_map<std::string, std::vector<uint64_t>> shingles_;
};

}  // namespace kg::graph
