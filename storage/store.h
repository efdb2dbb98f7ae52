// Store: kg's RocksDB database, seen as a set of named column families.
//
// This is the only place in kg that includes RocksDB. Everything above
// (graph/) reads and writes through Store, WriteBatch, Iterator and
// SstWriter, with keys built by storage/keys.h. The layout of every column
// family is documented in storage/FORMAT.md.
//
//   auto store = Store::Open("kg.db", {});
//   WriteBatch batch;
//   batch.Put(Family::kMeta, "k", "v");
//   KG_RETURN_IF_ERROR((*store)->Write(&batch));
//   for (auto it = (*store)->NewIterator(Family::kOut, prefix); it->Valid(); it->Next()) ...
//
// Opening rules (all checked before anything is written):
//  * a missing folder is created atomically: built in a sibling temporary
//    folder, then renamed into place, so a crash leaves no half-made database;
//  * an existing empty folder is filled the same way;
//  * an existing folder that is not a kg database (no RocksDB, or missing
//    column families, or no format version) is refused: InvalidArgument;
//  * a kg database with a newer format version is refused: NotSupported;
//  * an older one opens, and format_version() says which layout it holds.
//    Opened for writing, the column families it lacks are created (empty);
//    read-only, they are absent (Get and iterators on them fail with
//    NotSupported). Upgrading the content and then writing the new version
//    (kFormatVersionKey in kMeta) is the graph layer's job.
//
// Thread-safety: Get/NewIterator may be called from several threads; Write
// calls must not overlap each other.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace kg::storage {

// The column families; FORMAT.md describes each one's keys and values.
enum class Family : int {
  kStrings = 0,
  kNodes,
  kEdges,
  kOut,
  kIn,
  kLabels,
  kNames,
  kDocuments,
  kProvenance,
  kMentions,
  kDocIndex,
  kMeta,
  kDegrees,   // since format version 3
  kCuration,  // since format version 5: analysts' curation records (graph/curation.h)
  kDocKeys,   // since format version 6: documents by normalised url and by source path
};
constexpr int kFamilyCount = 15;
const char* FamilyName(Family family);  // "strings", "nodes", ...

// The on-disk format this build writes and reads. Databases with a larger
// version are refused at open.
constexpr uint32_t kFormatVersion = 6;
// The kMeta key that holds the format version (as decimal text).
constexpr const char* kFormatVersionKey = "format_version";

struct StoreOptions {
  // Create the database when `dir` is missing or an empty folder.
  bool create_if_missing = true;
  // Open read-only (no writes allowed; nothing is ever written to the folder).
  bool read_only = false;
  // fsync the write-ahead log on every Write (survives power loss).
  bool sync_writes = true;
  // Keep everything in memory (`dir` is only a name): for tests that open
  // thousands of fresh databases. Nothing touches the disk.
  bool in_memory = false;
};

// A set of writes applied atomically by Store::Write.
class WriteBatch {
 public:
  WriteBatch();
  ~WriteBatch();
  WriteBatch(const WriteBatch&) = delete;
  WriteBatch& operator=(const WriteBatch&) = delete;

  void Put(Family family, std::string_view key, std::string_view value);
  void Delete(Family family, std::string_view key);
  size_t Count() const;       // operations so far
  size_t ByteSize() const;    // encoded size so far
  void Clear();

 private:
  friend struct WriteBatchAccess;  // store.cc
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

// Ordered iterator over one column family, optionally limited to keys that
// start with a prefix. Keys and values stay valid until the next move.
// When a loop ends, check status().
class Iterator {
 public:
  virtual ~Iterator() = default;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  // Positions at the first key >= `key` (within the prefix, if any).
  virtual void Seek(std::string_view key) = 0;
  virtual std::string_view key() const = 0;
  virtual std::string_view value() const = 0;
  virtual Status status() const = 0;
};

// Writes one sorted SST file for one column family (the bulk path). Keys must
// be added in strictly increasing order.
class SstWriter {
 public:
  virtual ~SstWriter() = default;
  virtual Status Put(std::string_view key, std::string_view value) = 0;
  virtual Status Finish() = 0;  // closes the file
  virtual uint64_t entries() const = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  static Result<std::unique_ptr<Store>> Open(const std::string& dir, const StoreOptions& options);

  virtual const std::string& dir() const = 0;
  virtual bool read_only() const = 0;
  // The format version the database held when it was opened (kFormatVersion
  // for a new one). It does not change when the content is later upgraded.
  virtual uint32_t format_version() const = 0;

  // NotFound when `key` is absent.
  virtual Status Get(Family family, std::string_view key, std::string* value) const = 0;
  // Applies `batch` atomically (and fsyncs it when sync_writes is set).
  virtual Status Write(WriteBatch* batch) = 0;
  // Applies `batch` atomically without waiting for the disk: it survives a
  // crash of kg but not of the machine until the next SyncLog().
  virtual Status WriteUnsynced(WriteBatch* batch) = 0;
  // Makes every write so far durable (fsyncs the write-ahead log).
  virtual Status SyncLog() = 0;
  // An iterator positioned at the first key starting with `prefix` (every key
  // when `prefix` is empty); it stops at the end of the prefix.
  virtual std::unique_ptr<Iterator> NewIterator(Family family,
                                                std::string_view prefix = {}) const = 0;
  // An iterator for many point-like lookups: each Seek(key) must be given a
  // whole lookup prefix and finds only keys starting with it. For `out` the
  // prefix is source|type|target (20 bytes) and a bloom filter skips files
  // without it; for other families this is a plain unbounded iterator.
  // Not positioned until the first Seek.
  virtual std::unique_ptr<Iterator> NewLookupIterator(Family family) const = 0;

  // Bulk path: a writer for an SST file at `path` (using this store's options
  // for `family`), then one atomic ingestion of files into their families.
  virtual Result<std::unique_ptr<SstWriter>> NewSstWriter(Family family,
                                                          const std::string& path) const = 0;
  virtual Status IngestFiles(
      const std::vector<std::pair<Family, std::vector<std::string>>>& files) = 0;
  // How many writes (Write, WriteUnsynced, IngestFiles) through this handle
  // have ended, whether they succeeded or not. It grows after a write's
  // data became visible (or the write failed), so a reader that reads it,
  // then reads the store, and later finds it unchanged knows that no write
  // changed what it read in between: what caches of the content (the graph
  // layer's node columns) are checked against. Compaction and flushes
  // change no content and do not count. Safe from any thread.
  virtual uint64_t WriteCount() const = 0;

  // Flushes memtables to SST files (used before measuring, and by tests).
  virtual Status Flush() = 0;
  // Compacts every family (after a bulk load, whose chunks overlap).
  virtual Status CompactAll() = 0;
};

}  // namespace kg::storage
