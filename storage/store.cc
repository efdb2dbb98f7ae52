// The RocksDB implementation of Store. See store.h for the contract.
#include "storage/store.h"

#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstdlib>
#include <cstring>
#include <cstdio>
#include <random>
#include <utility>
#include <vector>

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/file_system.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include "storage/coding.h"
#include "storage/mem_store.h"
#include "storage/store_internal.h"

namespace kg::storage {

namespace {

const char* const kFamilyNames[kFamilyCount] = {
    "strings", "nodes",     "edges",      "out",      "in",        "labels",  "names",
    "documents", "provenance", "mentions", "doc_index", "meta", "degrees", "curation",
    "doc_keys"};

// The format version from which a database must have each family (an older
// one may lack it). `curation` came with version 5, but databases written at
// version 5 before it existed (the document-identity branch) lack it, so it
// is required from version 6 on, as `doc_keys` is.
constexpr uint32_t kFamilySince[kFamilyCount] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 6, 6};

Status FromRocks(const rocksdb::Status& s, const std::string& context) {
  if (s.ok()) return Status::OK();
  std::string msg = context.empty() ? s.ToString() : context + ": " + s.ToString();
  if (s.IsNotFound()) return Status::NotFound(msg);
  if (s.IsCorruption()) return Status::Corruption(msg);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(msg);
  if (s.IsNotSupported()) return Status::NotSupported(msg);
  return Status::IOError(msg);
}

// RocksDB's info log is switched off: a kg folder holds only the database, and
// a read-only open (used to vet a folder before writing) must write nothing.
class NullLogger : public rocksdb::Logger {
 public:
  using rocksdb::Logger::Logv;
  void Logv(const char* /*format*/, va_list /*ap*/) override {}
};

bool IsDirectory(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

bool IsEmptyDirectory(const std::string& path) {
  DIR* d = ::opendir(path.c_str());
  if (!d) return false;
  bool empty = true;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name != "." && name != "..") {
      empty = false;
      break;
    }
  }
  ::closedir(d);
  return empty;
}

void RemoveTree(const std::string& path) {
  DIR* d = ::opendir(path.c_str());
  if (d) {
    while (dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name == "." || name == "..") continue;
      std::string child = path + "/" + name;
      if (IsDirectory(child)) {
        RemoveTree(child);
      } else {
        ::unlink(child.c_str());
      }
    }
    ::closedir(d);
  }
  ::rmdir(path.c_str());
}

struct Tuning {
  rocksdb::DBOptions db;
  rocksdb::ColumnFamilyOptions cf;
  // `out` additionally has a prefix bloom filter on source|type|target (the
  // ingest's "does this claim's edge exist?" lookup, which mostly misses).
  rocksdb::ColumnFamilyOptions out_cf;
  const rocksdb::ColumnFamilyOptions& For(const std::string& family) const {
    return family == "out" ? out_cf : cf;
  }
};

// Bytes of an `out` key that the lookup prefix covers: source, type, target.
constexpr size_t kOutLookupPrefix = 20;

// Options chosen so that opening a fresh database costs a few milliseconds
// (thousands of TCK scenarios each open one) while bulk loads still work.
Tuning MakeTuning(const StoreOptions& options, rocksdb::Env* env) {
  static std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(64 << 20);
  static std::shared_ptr<rocksdb::Logger> logger = std::make_shared<NullLogger>();
  Tuning t;
  t.db.create_if_missing = false;
  t.db.create_missing_column_families = false;
  t.db.info_log = logger;
  t.db.stats_dump_period_sec = 0;
  t.db.stats_persist_period_sec = 0;
  t.db.skip_stats_update_on_db_open = true;
  t.db.max_file_opening_threads = 1;
  t.db.max_background_jobs = 2;
  t.db.keep_log_file_num = 1;
  t.db.avoid_unnecessary_blocking_io = true;
  t.db.db_write_buffer_size = 128 << 20;
  if (env) t.db.env = env;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  table.cache_index_and_filter_blocks = false;
  t.cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  t.cf.write_buffer_size = 16 << 20;
  t.cf.arena_block_size = 1 << 20;
  t.cf.max_write_buffer_number = 2;
  t.out_cf = t.cf;
  rocksdb::BlockBasedTableOptions out_table = table;
  out_table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  out_table.whole_key_filtering = false;
  t.out_cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(out_table));
  t.out_cf.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(kOutLookupPrefix));
  return t;
}

std::vector<rocksdb::ColumnFamilyDescriptor> Descriptors(const std::vector<std::string>& names,
                                                         const Tuning& tuning) {
  std::vector<rocksdb::ColumnFamilyDescriptor> out;
  for (const auto& n : names) out.emplace_back(n, tuning.For(n));
  return out;
}

std::vector<std::string> AllFamilyNames() {
  std::vector<std::string> names = {rocksdb::kDefaultColumnFamilyName};
  for (const char* n : kFamilyNames) names.emplace_back(n);
  return names;
}

class RocksIterator : public Iterator {
 public:
  // `lookup`: an iterator for repeated Seeks to whole lookup prefixes
  // (prefix bloom filters used); otherwise a total-order scan of `prefix`.
  RocksIterator(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, std::string_view prefix,
                bool lookup = false)
      : prefix_(prefix), upper_(PrefixSuccessor(prefix)) {
    rocksdb::ReadOptions ro;
    if (lookup) {
      ro.prefix_same_as_start = true;
      it_.reset(db->NewIterator(ro, cf));
      return;
    }
    ro.total_order_seek = true;
    if (!prefix_.empty() && !upper_.empty()) {
      upper_slice_ = rocksdb::Slice(upper_);
      ro.iterate_upper_bound = &upper_slice_;
    }
    it_.reset(db->NewIterator(ro, cf));
    it_->Seek(prefix_);
  }
  bool Valid() const override { return it_->Valid(); }
  void Next() override { it_->Next(); }
  void Seek(std::string_view key) override {
    if (key < prefix_) key = prefix_;
    it_->Seek(rocksdb::Slice(key.data(), key.size()));
  }
  std::string_view key() const override {
    rocksdb::Slice k = it_->key();
    return {k.data(), k.size()};
  }
  std::string_view value() const override {
    rocksdb::Slice v = it_->value();
    return {v.data(), v.size()};
  }
  Status status() const override { return FromRocks(it_->status(), "scan"); }

 private:
  std::string prefix_;
  std::string upper_;
  rocksdb::Slice upper_slice_;
  std::unique_ptr<rocksdb::Iterator> it_;
};

// An iterator over nothing that reports why (a family the database lacks).
class FailedIterator : public Iterator {
 public:
  explicit FailedIterator(Status status) : status_(std::move(status)) {}
  bool Valid() const override { return false; }
  void Next() override {}
  void Seek(std::string_view) override {}
  std::string_view key() const override { return {}; }
  std::string_view value() const override { return {}; }
  Status status() const override { return status_; }

 private:
  Status status_;
};

class RocksSstWriter : public SstWriter {
 public:
  // The file is ingested right after it is written: dropping its pages from
  // the page cache as it grows (RocksDB's default) would only cost syscalls
  // and make the first reads go to the disk.
  RocksSstWriter(const rocksdb::Options& options, std::string path)
      : writer_(rocksdb::EnvOptions(), options, /*column_family=*/nullptr,
                /*invalidate_page_cache=*/false),
        path_(std::move(path)) {}
  Status OpenFile() { return FromRocks(writer_.Open(path_), path_); }
  Status Put(std::string_view key, std::string_view value) override {
    ++entries_;
    return FromRocks(writer_.Put(rocksdb::Slice(key.data(), key.size()),
                                 rocksdb::Slice(value.data(), value.size())),
                     path_);
  }
  Status Finish() override { return FromRocks(writer_.Finish(), path_); }
  uint64_t entries() const override { return entries_; }

 private:
  rocksdb::SstFileWriter writer_;
  std::string path_;
  uint64_t entries_ = 0;
};

class RocksStore : public Store {
 public:
  ~RocksStore() override {
    for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
    handles_.clear();
    if (db_) db_->Close();
    db_.reset();
  }

  static Result<std::unique_ptr<Store>> Make(const std::string& dir, const StoreOptions& options);

  const std::string& dir() const override { return dir_; }
  bool read_only() const override { return options_.read_only; }
  uint32_t format_version() const override { return format_version_; }

  Status Get(Family family, std::string_view key, std::string* value) const override {
    if (!handle(family)) return Missing(family);
    rocksdb::PinnableSlice slice;
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), handle(family),
                                 rocksdb::Slice(key.data(), key.size()), &slice);
    if (s.IsNotFound()) return Status::NotFound("no such key");
    if (!s.ok()) return FromRocks(s, std::string("read ") + FamilyName(family));
    value->assign(slice.data(), slice.size());
    return Status::OK();
  }

  Status Write(WriteBatch* batch) override { return WriteWith(batch, options_.sync_writes); }
  Status WriteUnsynced(WriteBatch* batch) override { return WriteWith(batch, false); }
  Status SyncLog() override;

  std::unique_ptr<Iterator> NewIterator(Family family, std::string_view prefix) const override {
    if (!handle(family)) return std::make_unique<FailedIterator>(Missing(family));
    return std::make_unique<RocksIterator>(db_.get(), handle(family), prefix);
  }

  std::unique_ptr<Iterator> NewLookupIterator(Family family) const override {
    if (family != Family::kOut) return NewIterator(family, {});
    return std::make_unique<RocksIterator>(db_.get(), handle(family), std::string_view(), true);
  }

  Result<std::unique_ptr<SstWriter>> NewSstWriter(Family family,
                                                  const std::string& path) const override {
    rocksdb::Options opts(tuning_.db, tuning_.For(FamilyName(family)));
    auto w = std::make_unique<RocksSstWriter>(opts, path);
    KG_RETURN_IF_ERROR(w->OpenFile());
    return std::unique_ptr<SstWriter>(std::move(w));
  }

  Status IngestFiles(
      const std::vector<std::pair<Family, std::vector<std::string>>>& files) override {
    if (options_.read_only) return Status::InvalidArgument("database opened read-only");
    std::vector<rocksdb::IngestExternalFileArg> args;
    for (const auto& [family, paths] : files) {
      if (paths.empty()) continue;
      rocksdb::IngestExternalFileArg arg;
      arg.column_family = handle(family);
      arg.external_files = paths;
      arg.options.move_files = true;
      args.push_back(std::move(arg));
    }
    if (args.empty()) return Status::OK();
    Status s = FromRocks(db_->IngestExternalFiles(args), "bulk ingest");
    writes_.fetch_add(1);
    return s;
  }

  uint64_t WriteCount() const override { return writes_.load(); }

  Status CompactAll() override {
    if (options_.read_only) return Status::OK();
    rocksdb::CompactRangeOptions co;
    for (size_t i = 1; i < handles_.size(); ++i) {
      KG_RETURN_IF_ERROR(
          FromRocks(db_->CompactRange(co, handles_[i], nullptr, nullptr), "compact " + dir_));
    }
    return Status::OK();
  }

  Status Flush() override {
    if (options_.read_only) return Status::OK();
    rocksdb::FlushOptions fo;
    std::vector<rocksdb::ColumnFamilyHandle*> hs(handles_.begin() + 1, handles_.end());
    return FromRocks(db_->Flush(fo, hs), "flush");
  }

 private:
  rocksdb::ColumnFamilyHandle* handle(Family f) const {
    return handles_[1 + static_cast<int>(f)];
  }
  // A family an older database opened read-only does not have.
  Status Missing(Family f) const {
    return Status::NotSupported(dir_ + " has format version " + std::to_string(format_version_) +
                                " and no '" + FamilyName(f) + "' family (open it once for writing to upgrade)");
  }
  Status WriteWith(WriteBatch* batch, bool sync);

  std::string dir_;
  uint32_t format_version_ = kFormatVersion;
  StoreOptions options_;
  Tuning tuning_;
  std::unique_ptr<rocksdb::DB> db_;
  // handles_[0] is RocksDB's default family, then one per Family in order.
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::atomic<uint64_t> writes_{0};  // WriteCount()
};

}  // namespace

WriteBatch::WriteBatch() : rep_(std::make_unique<Rep>()) {}
WriteBatch::~WriteBatch() = default;
void WriteBatch::Put(Family family, std::string_view key, std::string_view value) {
  rep_->ops.push_back({true, family, std::string(key), std::string(value)});
  rep_->bytes += key.size() + value.size() + 8;
}
void WriteBatch::Delete(Family family, std::string_view key) {
  rep_->ops.push_back({false, family, std::string(key), std::string()});
  rep_->bytes += key.size() + 8;
}
size_t WriteBatch::Count() const { return rep_->ops.size(); }
size_t WriteBatch::ByteSize() const { return rep_->bytes; }
void WriteBatch::Clear() {
  rep_->ops.clear();
  rep_->bytes = 0;
}

const char* FamilyName(Family family) { return kFamilyNames[static_cast<int>(family)]; }

Status RocksStore::SyncLog() {
  if (options_.read_only || !options_.sync_writes) return Status::OK();
  return FromRocks(db_->SyncWAL(), "sync " + dir_);
}

Status RocksStore::WriteWith(WriteBatch* batch, bool sync) {
  if (options_.read_only) return Status::InvalidArgument("database opened read-only");
  rocksdb::WriteBatch wb;
  for (const auto& op : BatchOps(*batch)) {
    rocksdb::Status s = op.put ? wb.Put(handle(op.family), op.key, op.value)
                               : wb.Delete(handle(op.family), op.key);
    if (!s.ok()) return FromRocks(s, "batch");
  }
  rocksdb::WriteOptions wo;
  wo.sync = sync;
  Status s = FromRocks(db_->Write(wo, &wb), "write " + dir_);
  writes_.fetch_add(1);
  return s;
}

namespace {

// Creates a complete new database at `path` (which must not exist) in `env`.
Status CreateAt(const std::string& path, const Tuning& tuning) {
  rocksdb::DBOptions dbo = tuning.db;
  dbo.create_if_missing = true;
  dbo.create_missing_column_families = true;
  auto names = AllFamilyNames();
  std::vector<rocksdb::ColumnFamilyHandle*> hs;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(dbo, path, Descriptors(names, tuning), &hs, &raw);
  if (!s.ok()) return FromRocks(s, "create " + path);
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::WriteOptions wo;
  wo.sync = true;
  s = db->Put(wo, hs[1 + static_cast<int>(Family::kMeta)], kFormatVersionKey,
              std::to_string(kFormatVersion));
  // Flushed so that the folder's content is complete without the WAL.
  if (s.ok()) s = db->Flush(rocksdb::FlushOptions(), hs[1 + static_cast<int>(Family::kMeta)]);
  for (auto* h : hs) db->DestroyColumnFamilyHandle(h);
  rocksdb::Status c = db->Close();
  if (!s.ok()) return FromRocks(s, "create " + path);
  return FromRocks(c, "create " + path);
}

// Creating twelve column families makes RocksDB rewrite and re-verify its
// OPTIONS file twelve times (~20 ms). A new database is therefore made once
// per process, in memory, and its files are copied for every later one.
struct TemplateFiles {
  std::vector<std::pair<std::string, std::string>> files;  // name -> content
  Status status;
};

const TemplateFiles& Template(const Tuning& like) {
  static TemplateFiles t = [&] {
    TemplateFiles out;
    std::unique_ptr<rocksdb::Env> env(rocksdb::NewMemEnv(rocksdb::Env::Default()));
    Tuning tuning = like;
    tuning.db.env = env.get();
    const std::string dir = "/kg-template";
    out.status = CreateAt(dir, tuning);
    if (!out.status.ok()) return out;
    std::vector<std::string> children;
    rocksdb::Status s = env->GetChildren(dir, &children);
    for (const auto& name : children) {
      if (!s.ok()) break;
      if (name == "." || name == ".." || name == "LOCK") continue;
      std::string content;
      s = rocksdb::ReadFileToString(env.get(), dir + "/" + name, &content);
      out.files.emplace_back(name, std::move(content));
    }
    out.status = FromRocks(s, "template database");
    return out;
  }();
  return t;
}

// Writes the template's files into `dir` through `env` (fsynced).
Status CopyTemplate(const std::string& dir, const Tuning& tuning, rocksdb::Env* env) {
  const TemplateFiles& t = Template(tuning);
  KG_RETURN_IF_ERROR(t.status);
  rocksdb::Status s = env->CreateDirIfMissing(dir);
  for (const auto& [name, content] : t.files) {
    if (!s.ok()) break;
    s = rocksdb::WriteStringToFile(env, content, dir + "/" + name, /*should_sync=*/true);
  }
  if (s.ok()) {
    std::unique_ptr<rocksdb::Directory> d;
    s = env->NewDirectory(dir, &d);
    if (s.ok()) s = d->Fsync();
  }
  return FromRocks(s, "create " + dir);
}

// Vets an existing folder without writing to it; sets its format version.
Status VetExisting(const std::string& dir, const Tuning& tuning,
                   std::vector<std::string>* families, uint32_t* format_version) {
  std::string not_kg = dir + " is not a kg database";
  if (!IsDirectory(dir)) return Status::InvalidArgument(not_kg + " (not a folder)");
  if (!Exists(dir + "/CURRENT")) {
    return Status::InvalidArgument(not_kg + " (no RocksDB files in it); refusing to write there");
  }
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(tuning.db, dir, families);
  if (!s.ok()) return Status::InvalidArgument(not_kg + " (" + s.ToString() + ")");
  if (std::find(families->begin(), families->end(), "meta") == families->end())
    return Status::InvalidArgument(not_kg + " (column family 'meta' missing)");
  std::vector<rocksdb::ColumnFamilyHandle*> hs;
  rocksdb::DB* raw = nullptr;
  s = rocksdb::DB::OpenForReadOnly(tuning.db, dir, Descriptors(*families, tuning), &hs, &raw);
  if (!s.ok()) return FromRocks(s, "open " + dir);
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::ColumnFamilyHandle* meta = nullptr;
  for (auto* h : hs) {
    if (h->GetName() == "meta") meta = h;
  }
  std::string version;
  s = db->Get(rocksdb::ReadOptions(), meta, kFormatVersionKey, &version);
  for (auto* h : hs) db->DestroyColumnFamilyHandle(h);
  db->Close();
  if (s.IsNotFound()) return Status::InvalidArgument(not_kg + " (no format version)");
  if (!s.ok()) return FromRocks(s, "open " + dir);
  char* end = nullptr;
  unsigned long v = std::strtoul(version.c_str(), &end, 10);
  if (version.empty() || *end != '\0' || v == 0) {
    return Status::Corruption(dir + ": unreadable format version '" + version + "'");
  }
  if (v > kFormatVersion) {
    return Status::NotSupported(dir + " has format version " + version +
                                ", newer than this kg supports (" +
                                std::to_string(kFormatVersion) + "); use a newer kg");
  }
  // Every family its version has must be there.
  for (int i = 0; i < kFamilyCount; ++i) {
    if (kFamilySince[i] > v) continue;
    bool found = false;
    for (const auto& f : *families) found = found || f == kFamilyNames[i];
    if (!found) {
      return Status::InvalidArgument(not_kg + " (column family '" + std::string(kFamilyNames[i]) +
                                     "' missing)");
    }
  }
  *format_version = static_cast<uint32_t>(v);
  return Status::OK();
}

// `dir`'s parent folder and last component ("a/b/kg.db" -> "a/b", "kg.db").
std::pair<std::string, std::string> SplitDir(const std::string& dir) {
  std::string d = dir;
  while (d.size() > 1 && d.back() == '/') d.pop_back();
  size_t slash = d.rfind('/');
  std::string parent = slash == std::string::npos ? "." : (slash == 0 ? "/" : d.substr(0, slash));
  std::string base = slash == std::string::npos ? d : d.substr(slash + 1);
  return {parent, base};
}

// The hidden sibling a new database is built in: ".kg.db.creating-PID-RANDOM".
std::string TempSibling(const std::string& dir) {
  auto [parent, base] = SplitDir(dir);
  std::random_device rd;
  char suffix[32];
  std::snprintf(suffix, sizeof suffix, "%d-%08x", static_cast<int>(::getpid()), rd());
  return parent + "/." + base + ".creating-" + suffix;
}

// Removes the building folders (see TempSibling) that kg processes killed
// while creating `dir` left behind: those whose process is gone. A folder of
// a process still running is left alone.
void RemoveAbandonedSiblings(const std::string& dir) {
  auto [parent, base] = SplitDir(dir);
  std::string prefix = "." + base + ".creating-";
  DIR* d = ::opendir(parent.c_str());
  if (!d) return;
  std::vector<std::string> abandoned;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name.rfind(prefix, 0) != 0) continue;
    long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    if (pid <= 0 || pid == ::getpid()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      abandoned.push_back(parent + "/" + name);
    }
  }
  ::closedir(d);
  for (const std::string& path : abandoned) RemoveTree(path);
}

}  // namespace

Result<std::unique_ptr<Store>> RocksStore::Make(const std::string& dir,
                                                const StoreOptions& options) {
  auto store = std::unique_ptr<RocksStore>(new RocksStore());
  store->dir_ = dir;
  store->options_ = options;
  store->tuning_ = MakeTuning(options, nullptr);
  const Tuning& tuning = store->tuning_;

  std::vector<std::string> families;
  store->format_version_ = kFormatVersion;
  if (!Exists(dir) || (IsDirectory(dir) && IsEmptyDirectory(dir))) {
    if (!options.create_if_missing || options.read_only) {
      return Status::NotFound("no kg database at " + dir);
    }
    RemoveAbandonedSiblings(dir);
    std::string tmp = TempSibling(dir);
    Status s = CopyTemplate(tmp, tuning, rocksdb::Env::Default());
    if (!s.ok()) {
      RemoveTree(tmp);
      return s;
    }
    // rename(2) replaces an empty folder atomically.
    if (::rename(tmp.c_str(), dir.c_str()) != 0) {
      int err = errno;
      RemoveTree(tmp);
      return Status::IOError("cannot create " + dir + ": " + std::strerror(err));
    }
    families = AllFamilyNames();
  } else {
    KG_RETURN_IF_ERROR(VetExisting(dir, tuning, &families, &store->format_version_));
    if (!options.read_only) {
      // Families an older version lacks are created empty; the graph layer
      // fills them when it upgrades the content.
      for (const char* name : kFamilyNames)
        if (std::find(families.begin(), families.end(), name) == families.end()) families.push_back(name);
    }
  }

  std::vector<rocksdb::ColumnFamilyHandle*> hs;
  rocksdb::DB* raw = nullptr;
  rocksdb::DBOptions dbo = tuning.db;
  dbo.create_missing_column_families = true;
  rocksdb::Status s =
      options.read_only
          ? rocksdb::DB::OpenForReadOnly(tuning.db, dir, Descriptors(families, tuning), &hs, &raw)
          : rocksdb::DB::Open(dbo, dir, Descriptors(families, tuning), &hs, &raw);
  if (!s.ok()) {
    if (s.IsIOError() && s.ToString().find("Permission denied") != std::string::npos) {
      return Status::IOError("cannot write " + dir + ": permission denied (" + s.ToString() + ")");
    }
    if (s.IsIOError() && s.ToString().find("lock") != std::string::npos) {
      return Status::Busy(dir + " is in use by another kg process (" + s.ToString() + ")");
    }
    return FromRocks(s, "open " + dir);
  }
  store->db_.reset(raw);
  // Order handles as: default, then Family order (families may list extras).
  store->handles_.assign(1 + kFamilyCount, nullptr);
  for (auto* h : hs) {
    if (h->GetName() == rocksdb::kDefaultColumnFamilyName) {
      store->handles_[0] = h;
      continue;
    }
    bool ours = false;
    for (int i = 0; i < kFamilyCount; ++i) {
      if (h->GetName() == kFamilyNames[i]) {
        store->handles_[1 + i] = h;
        ours = true;
      }
    }
    if (!ours) store->db_->DestroyColumnFamilyHandle(h);
  }
  return std::unique_ptr<Store>(std::move(store));
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& dir, const StoreOptions& options) {
  if (options.in_memory) {
    if (options.read_only) return Status::InvalidArgument("an in-memory database cannot be read-only");
    return NewMemStore(dir);
  }
  return RocksStore::Make(dir, options);
}

}  // namespace kg::storage
