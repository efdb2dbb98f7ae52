// Internals shared by the Graph implementation (rocks_graph.cc) and the bulk
// loader (bulk_loader.cc): the in-memory dictionary and counters, and the
// IngestPlan that turns Extractions into key/value writes.
//
// Both write paths run the same IngestPlan, so they produce the same graph:
// the normal path makes one plan per document and writes it as one
// WriteBatch; the bulk path keeps one plan across many documents and writes
// its output as sorted SST files.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "graph/degrees.h"
#include "graph/entity_keys.h"
#include "graph/graph.h"
#include "graph/record_codec.h"
#include "storage/store.h"

namespace kg::graph::internal {

// The counters kept in the meta family.
struct Counters {
  uint64_t next_node = 1;
  uint64_t next_edge = 1;
  uint64_t next_string = 1;
  uint64_t documents = 0;
  uint64_t nodes = 0;
  uint64_t entities = 0;
  uint64_t edges = 0;
  uint64_t provenance = 0;
  uint64_t mentions = 0;
  std::map<uint32_t, uint64_t> labels;         // label id -> nodes
  std::map<uint32_t, uint64_t> types;          // type id -> edges
  std::map<std::string, uint64_t> extractors;  // "name version" -> documents
  // Map entries changed since the last EmitCounters (only those are written).
  std::set<uint32_t> dirty_labels, dirty_types;
  std::set<std::string> dirty_extractors;
};
Status LoadCounters(const storage::Store& store, Counters* counters);
class Sink;
// Puts the scalar counters and the dirty map entries of `c`, then clears the
// dirty sets.
void EmitCounters(Counters* c, Sink* sink);

// The interned-string dictionary, cached in memory. Thread-safe.
class Dictionary {
 public:
  Status Load(const storage::Store& store);
  std::optional<uint32_t> Find(const std::string& name) const;
  std::string Name(uint32_t id) const;  // "" when unknown
  void Add(uint32_t id, const std::string& name);

 private:
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, uint32_t> by_name_;
  std::unordered_map<uint32_t, std::string> by_id_;
};

// Where a plan's writes go.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void Put(storage::Family family, std::string key, std::string value) = 0;
};

// A Sink that fills a WriteBatch.
class BatchSink : public Sink {
 public:
  explicit BatchSink(storage::WriteBatch* batch) : batch_(batch) {}
  void Put(storage::Family family, std::string key, std::string value) override {
    batch_->Put(family, key, value);
  }

 private:
  storage::WriteBatch* batch_;
};

// Plans the writes of one or more Extractions against the store's current
// content plus what the plan itself already added.
class IngestPlan {
 public:
  IngestPlan(const storage::Store* store, const Dictionary* dictionary, Counters base);

  // Plans one document; writes its per-record keys to `sink` right away.
  // Returns its summary (unchanged when the document is already stored or
  // already in this plan).
  Result<AddSummary> Add(const Extraction& extraction, int64_t now_ms, Sink* sink);

  // Writes what is kept until the end: merged edge records, new strings,
  // degree counts and every counter. The plan may be reused afterwards only
  // via Reset.
  Status Finish(Sink* sink);

  // Called once the store holds everything written so far (bulk path: after
  // an ingestion). Drops the buffered records; counters stay, and so do the
  // name and claim lookup tables (they stay true: the store now has what they
  // point to), so later chunks need no store lookups for this load's data.
  void Reset();

  const Counters& counters() const { return counters_; }
  const std::vector<std::pair<uint32_t, std::string>>& new_strings() const { return new_strings_; }
  size_t pending_edges() const { return edges_.size(); }

 private:
  Result<uint32_t> Intern(const std::string& name);
  Result<std::optional<uint64_t>> FindNode(const std::string& folded, bool value_node);
  // The entity node `e` is already (planned or stored), by its keys; see
  // graph/entity_keys.h.
  Result<std::optional<uint64_t>> FindEntity(const Entity& e);
  // Name and type of entity node `node` (null: not an entity node).
  const StoredEntity* EntityInfoOf(uint64_t node);
  // The entity nodes indexed under `folded_key` (planned, then stored).
  Result<std::vector<uint64_t>> EntitiesUnder(const std::string& folded_key);
  // The organisations whose name CutOrgQualifier cuts to `folded_name`
  // ("andy warhol foundation" -> the Andy Warhol Foundation for the Visual
  // Arts), planned or stored: prefix seeks for its "for", "on" and "at".
  Result<std::vector<uint64_t>> QualifiedOrganisations(const std::string& folded_name);
  Result<uint64_t> FindOrCreateEdge(uint64_t source, uint32_t type, uint64_t target, bool* created);

  // Iterators reused across lookups (made on first use, dropped by Reset:
  // they see the store as it was when made).
  storage::Iterator* Lookup(storage::Family family);

  const storage::Store* store_;
  const Dictionary* dictionary_;
  std::unique_ptr<storage::Iterator> names_it_, out_it_;
  std::unordered_set<uint64_t> created_nodes_;  // made by this plan
  // The store had no nodes when the plan began: names unknown to the plan
  // need no store lookup.
  bool store_was_empty_ = false;
  Counters counters_;
  std::unordered_set<std::string> documents_;
  std::unordered_map<std::string, uint64_t> nodes_by_name_;  // kind char + folded name
  std::unordered_map<uint64_t, StoredEntity> entity_info_;    // entity nodes seen
  std::unordered_map<std::string, std::vector<uint64_t>> entity_keys_;  // alias keys planned
  std::map<std::string, uint64_t> planned_org_names_;       // folded names of organisations planned
  std::unordered_set<std::string> written_names_;           // names keys planned
  std::unordered_map<std::string, uint64_t> edges_by_triple_;
  std::unordered_map<uint64_t, codec::EdgeValue> edges_;  // touched, to write at Finish
  DegreeDeltas degree_deltas_;  // new edges since the last Finish
  // Degree chunks this plan wrote (still true after an ingestion).
  DegreeDeltas::Known known_degrees_;
  std::unordered_map<std::string, uint32_t> pending_strings_;
  std::vector<std::pair<uint32_t, std::string>> new_strings_;
};

// Current time in Unix milliseconds.
int64_t NowMs();

}  // namespace kg::graph::internal
