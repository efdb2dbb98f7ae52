#include "storage/mem_store.h"

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <shared_mutex>

#include "storage/coding.h"
#include "storage/store_internal.h"

namespace kg::storage {
namespace {

using Map = std::map<std::string, std::string, std::less<>>;

class MemIterator : public Iterator {
 public:
  MemIterator(std::shared_ptr<const Map> map, std::string_view prefix)
      : map_(std::move(map)), prefix_(prefix) {
    it_ = map_->lower_bound(prefix_);
  }
  bool Valid() const override {
    return it_ != map_->end() && std::string_view(it_->first).substr(0, prefix_.size()) == prefix_;
  }
  void Next() override { ++it_; }
  void Seek(std::string_view key) override {
    it_ = map_->lower_bound(key < std::string_view(prefix_) ? std::string_view(prefix_) : key);
  }
  std::string_view key() const override { return it_->first; }
  std::string_view value() const override { return it_->second; }
  Status status() const override { return Status::OK(); }

 private:
  std::shared_ptr<const Map> map_;
  std::string prefix_;
  Map::const_iterator it_;
};

class MemStore : public Store {
 public:
  explicit MemStore(std::string name) : name_(std::move(name)) {
    for (auto& f : families_) f = std::make_shared<const Map>();
    auto meta = std::make_shared<Map>();
    (*meta)[kFormatVersionKey] = std::to_string(kFormatVersion);
    families_[static_cast<int>(Family::kMeta)] = meta;
  }
  const std::string& dir() const override { return name_; }
  bool read_only() const override { return false; }
  uint32_t format_version() const override { return kFormatVersion; }

  Status Get(Family family, std::string_view key, std::string* value) const override {
    auto map = Snapshot(family);
    auto it = map->find(key);
    if (it == map->end()) return Status::NotFound("no such key");
    *value = it->second;
    return Status::OK();
  }

  Status WriteUnsynced(WriteBatch* batch) override { return Write(batch); }
  Status SyncLog() override { return Status::OK(); }

  Status Write(WriteBatch* batch) override {
    std::unique_lock lock(mu_);
    std::array<std::shared_ptr<Map>, kFamilyCount> copies;
    for (const auto& op : BatchOps(*batch)) {
      auto& copy = copies[static_cast<int>(op.family)];
      if (!copy) copy = std::make_shared<Map>(*families_[static_cast<int>(op.family)]);
      if (op.put) {
        (*copy)[op.key] = op.value;
      } else {
        copy->erase(op.key);
      }
    }
    for (int i = 0; i < kFamilyCount; ++i) {
      if (copies[i]) families_[i] = std::move(copies[i]);
    }
    writes_.fetch_add(1);
    return Status::OK();
  }
  uint64_t WriteCount() const override { return writes_.load(); }

  std::unique_ptr<Iterator> NewIterator(Family family, std::string_view prefix) const override {
    return std::make_unique<MemIterator>(Snapshot(family), prefix);
  }

  std::unique_ptr<Iterator> NewLookupIterator(Family family) const override {
    return NewIterator(family, {});
  }

  Result<std::unique_ptr<SstWriter>> NewSstWriter(Family, const std::string&) const override {
    return Status::NotSupported("the bulk path needs an on-disk database");
  }
  Status IngestFiles(const std::vector<std::pair<Family, std::vector<std::string>>>&) override {
    return Status::NotSupported("the bulk path needs an on-disk database");
  }
  Status Flush() override { return Status::OK(); }
  Status CompactAll() override { return Status::OK(); }

 private:
  std::shared_ptr<const Map> Snapshot(Family family) const {
    std::shared_lock lock(mu_);
    return families_[static_cast<int>(family)];
  }

  std::string name_;
  mutable std::shared_mutex mu_;
  std::array<std::shared_ptr<const Map>, kFamilyCount> families_;
  std::atomic<uint64_t> writes_{0};  // WriteCount()
};

}  // namespace

std::unique_ptr<Store> NewMemStore(const std::string& name) {
  return std::make_unique<MemStore>(name);
}

}  // namespace kg::storage
