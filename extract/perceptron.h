// Averaged perceptron: the linear multiclass model under the tagger and the
// parser, and the small binary model-file format they share.
//
// Features are 64-bit hashes (see FeatureHash); a model maps each feature to
// a sparse row of per-class weights. Training (PerceptronTrainer) keeps exact
// integer weights with lazy averaging; Finish() turns them into a compact
// PerceptronModel: averaged, quantized to int16, near-zero weights dropped,
// feature keys kept as 32-bit hashes. PerceptronModel is immutable and safe to
// share between threads.
//
// Model files ("*.kgm") start with the magic "KGM\n", a format version and a
// kind string ("tagger", "parser"); ModelWriter/ModelReader write and read
// the little-endian fields that follow. This is an internal header of
// kg_extract (used by tagger.cc, parser.cc and the trainers).
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace kg::extract {

// Mixes values into a feature key (never 0).
inline uint64_t FeatureHash(uint64_t a, uint64_t b) {
  uint64_t h = (a ^ (b + 0x9E3779B97F4A7C15ULL + (a << 6) + (a >> 2))) * 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 29;
  return h | 1;
}
inline uint64_t FeatureHash(uint64_t a, uint64_t b, uint64_t c) {
  return FeatureHash(FeatureHash(a, b), c);
}
inline uint64_t FeatureHash(uint64_t a, uint64_t b, uint64_t c, uint64_t d) {
  return FeatureHash(FeatureHash(FeatureHash(a, b), c), d);
}
// FNV-1a of a string, for words and tags.
uint64_t StringHash(std::string_view s);

// The word form features see, shared by the tagger and the parser: ASCII
// lower case, every digit as '0' ("Obama" -> "obama", "2014" -> "0000").
std::string NormalizeWord(std::string_view form);

// Memory for HugePageAllocator: aligned to 2 MB and advised for huge pages
// when at least 2 MB; freed with std::free. Throws std::bad_alloc.
void* AllocateHuge(size_t bytes);

// Allocates large arrays on 2 MB-aligned memory marked for transparent huge
// pages: the model's lookups land all over tens of megabytes, and with 4 KB
// pages nearly every one of them would also miss the TLB.
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}
  T* allocate(size_t n) { return static_cast<T*>(AllocateHuge(n * sizeof(T))); }
  void deallocate(T* p, size_t) { std::free(p); }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
  template <typename U>
  bool operator!=(const HugePageAllocator<U>&) const { return false; }
};
// Serialization of model files.
class ModelWriter {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v);
  void U64(uint64_t v);
  void F32(float v);
  void VarU(uint64_t v);
  void Str(std::string_view s);
  void Bytes(const void* data, size_t n);
  std::string& data() { return out_; }
  // Writes magic, version and kind, then the body, to `path`.
  static Status WriteFile(const std::string& path, std::string_view kind, uint32_t version,
                          const std::string& body);

 private:
  std::string out_;
};

class ModelReader {
 public:
  ModelReader(std::string_view data, std::string name) : data_(data), name_(std::move(name)) {}
  bool U8(uint8_t* v);
  bool U32(uint32_t* v);
  bool U64(uint64_t* v);
  bool F32(float* v);
  bool VarU(uint64_t* v);
  bool Str(std::string* s);
  bool Bytes(void* data, size_t n);
  bool AtEnd() const { return pos_ == data_.size(); }
  size_t Remaining() const { return data_.size() - pos_; }
  Status Error(const std::string& what) const {
    return Status::Corruption(name_ + ": " + what + " at byte " + std::to_string(pos_));
  }
  // Reads `path`, checks magic, kind and version; returns the body.
  static Result<std::string> ReadFile(const std::string& path, std::string_view kind,
                                      uint32_t version);

 private:
  std::string_view data_;
  std::string name_;
  size_t pos_ = 0;
};

// A trained, averaged, quantized linear model. Score adds the weights of the
// given features to `scores` (num_classes() floats).
class PerceptronModel {
 public:
  PerceptronModel() = default;
  int num_classes() const { return num_classes_; }
  size_t num_features() const { return num_features_; }
  size_t num_weights() const { return num_weights_; }
  void Score(const uint64_t* features, size_t n, float* scores) const;

  // Drops weights whose absolute value is below `threshold`.
  void Prune(float threshold);

  // The mean of models with the same classes (a weight missing from a model
  // counts as 0): averaging models trained with different seeds.
  static PerceptronModel Average(const std::vector<PerceptronModel>& models);

  void Write(ModelWriter& w) const;
  Status Read(ModelReader& r);

 private:
  friend class PerceptronTrainer;
  // One class's weight in a feature's row: weight = q * scale_. Class and
  // weight side by side, so a row costs one memory fetch, not two.
  struct Weight {
    uint16_t cls;
    int16_t q;
  };
  // A feature in the hash table: its key and where its weights are.
  static constexpr uint32_t kDense = 0x80000000u;
  struct Slot {
    uint32_t key = 0;  // 0 = empty
    // The offset of the feature's row in rows_; or, for a row with weights
    // for many classes, kDense | its number among the dense_ rows.
    uint32_t row = 0;
  };
  // The weights of the row at `offset` in rows_, for the loops over a
  // model's rows (training, pruning, writing; not Score).
  struct Row {
    const Weight* first;
    const Weight* last;
    const Weight* begin() const { return first; }
    const Weight* end() const { return last; }
    size_t size() const { return last - first; }
  };
  Row RowAt(uint32_t offset) const {
    const Weight* first = rows_.data() + offset + 1;
    return {first, first + rows_[offset].cls};
  }
  Row RowOf(const Slot& s) const {
    return RowAt(s.row & kDense ? dense_rows_[s.row & ~kDense] : s.row);
  }
  // The smallest power of two at least `spare` times `features`.
  static size_t TableSize(size_t features, size_t spare);
  // Empties the model, with a table of `table_size` slots.
  void Reset(size_t table_size);
  // Adds a row of `size` weights for `key` to the table and rows_, where the
  // caller appends the weights.
  void AddRow(uint32_t key, size_t size);
  void Build(std::vector<std::pair<uint32_t, std::vector<std::pair<uint16_t, int16_t>>>>& rows);
  void BuildDense();

  int num_classes_ = 0;
  size_t num_features_ = 0;
  size_t num_weights_ = 0;
  float scale_ = 1.0f;  // weight = int16 * scale_
  // Open addressing, linear probing; 8-byte slots, so a cache line holds
  // eight and the table stays small enough to keep mostly empty.
  std::vector<Slot, HugePageAllocator<Slot>> table_;
  uint32_t mask_ = 0;
  // Every feature's row, one after another: a Weight whose `cls` counts the
  // row's weights, then the weights. The count sits next to the weights,
  // so looking a feature up costs two memory fetches: its slot, its row
  // (a row that fits in a cache line is not laid across two: AddRow pads).
  std::vector<Weight, HugePageAllocator<Weight>> rows_;
  // Rows with weights for many classes, also as num_classes_ floats (0 for
  // the missing classes): added with vector instructions. Not stored.
  std::vector<float, HugePageAllocator<float>> dense_;
  std::vector<uint32_t> dense_rows_;  // each dense row's offset in rows_
};

// Training-time weights: integer perceptron updates with lazy averaging.
class PerceptronTrainer {
 public:
  explicit PerceptronTrainer(int num_classes);
  ~PerceptronTrainer();
  int num_classes() const { return num_classes_; }
  // Current (not averaged) weights.
  void Score(const uint64_t* features, size_t n, float* scores) const;
  // One training instance: moves weights toward `truth` and away from
  // `guess` (no-op when equal). Call Tick() once per instance.
  void Update(const uint64_t* features, size_t n, int truth, int guess);
  void Tick() { ++time_; }
  // Averaged weights as a compact model; entries whose averaged weight is
  // below `prune` (absolute) are dropped.
  PerceptronModel Finish(float prune) const;

 private:
  struct Entry {
    int64_t total;
    int32_t w;
    uint32_t ts;
    uint16_t cls;
  };
  struct Row {
    uint64_t key = 0;
    std::vector<Entry> entries;
  };
  const Row* FindRow(uint64_t key) const;
  Row* FindOrAddRow(uint64_t key);
  void Grow();

  int num_classes_;
  uint64_t time_ = 0;
  std::vector<uint32_t> index_;  // open addressing: 0 = empty, else row + 1
  std::vector<Row> rows_;
};

}  // namespace kg::extract
