// BulkLoader: the fast path for large inputs (`kg ingest --bulk`).
//
// Instead of one WriteBatch per document, the loader plans many documents at
// once (with the same IngestPlan as Graph::AddExtraction, so the resulting
// graph is identical), writes the keys of each column family as a sorted SST
// file, and hands the files to RocksDB in one atomic ingestion per chunk. A
// crash loses at most the chunk being built; what was ingested is complete.
//
//   auto loader = BulkLoader::Start(graph.get(), {});
//   for (const auto& x : extractions) loader->Add(x);
//   KG_RETURN_IF_ERROR(loader->Finish());
//
// While a loader is active nothing else may write to the graph.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "common/claim.h"
#include "common/status.h"
#include "graph/graph.h"

namespace kg::graph {

struct BulkOptions {
  // Folder for the temporary SST files; empty = a hidden sibling of the
  // database folder (same file system, so ingestion moves instead of copying).
  std::string temp_dir;
  // Buffered key/value bytes after which a chunk is written and ingested.
  size_t chunk_bytes = size_t{256} << 20;
  // Compact the database in Finish when more than one chunk was ingested
  // (overlapping chunks slow every later scan until they are merged).
  bool compact = true;
};

// What a bulk load did so far.
struct BulkStats {
  uint64_t documents = 0;
  uint64_t chunks = 0;         // ingestions done
  uint64_t sst_files = 0;
  uint64_t bytes = 0;          // key + value bytes written
};

class BulkLoader {
 public:
  virtual ~BulkLoader() = default;

  // Starts loading into `graph`, which must be an on-disk graph opened for
  // writing and must outlive the loader.
  static Result<std::unique_ptr<BulkLoader>> Start(Graph* graph, const BulkOptions& options);

  // Plans one document (stored at the next chunk ingestion or at Finish).
  virtual Result<AddSummary> Add(const Extraction& extraction) = 0;
  // Writes and ingests everything still buffered. Call once, at the end;
  // without it the buffered documents are dropped.
  virtual Status Finish() = 0;
  virtual const BulkStats& stats() const = 0;
};

}  // namespace kg::graph
