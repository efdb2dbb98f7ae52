// Making a node column from one scan of the node records (see
// graph/node_column.h; kept by RocksGraph::TextColumn).
#include "graph/node_column.h"

#include <functional>

#include "graph/record_codec.h"
#include "graph/rocks_graph.h"
#include "storage/keys.h"

namespace kg::graph::internal {
namespace {

namespace keys = storage::keys;

// Numbers distinct strings in the order they are first given: an
// open-addressing table of codes over the column's own string bytes (no
// allocation per string). Strings come in batches whose table slots are
// prefetched together: with 100,000s of strings nearly every lookup misses
// the cache, and the misses of a batch then overlap.
class Interner {
 public:
  Interner(std::string* texts, std::vector<uint64_t>* ends, size_t expected) : texts_(texts), ends_(ends) {
    size_t want = 16;
    while (3 * want < 4 * expected) want *= 2;
    Rehash(want);
    hashes_.reserve(expected);
    ends_->reserve(expected);
  }

  static uint64_t Hash(std::string_view s) { return std::hash<std::string_view>()(s); }
  void Prefetch(uint64_t h) const { __builtin_prefetch(&slots_[h & (slots_.size() - 1)]); }

  // The code of `s` (hash `h`), a new one when unseen.
  uint32_t Code(std::string_view s, uint64_t h) {
    // At most 3/4 full: a new string's probe mostly stays in its first
    // cache line of slots, and the table is half the size a 1/2 bound needs.
    if (4 * (ends_->size() + 1) > 3 * slots_.size()) Rehash(2 * slots_.size());
    uint64_t tag = h & kTagMask;
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      uint64_t slot = slots_[i];
      if (slot == 0) {
        auto code = static_cast<uint32_t>(ends_->size());
        slots_[i] = tag | (uint64_t{code} + 1);
        texts_->append(s.data(), s.size());
        ends_->push_back(texts_->size());
        hashes_.push_back(h);
        return code;
      }
      if ((slot & kTagMask) == tag) {
        auto code = static_cast<uint32_t>((slot & ~kTagMask) - 1);
        uint64_t begin = code ? (*ends_)[code - 1] : 0;
        if (std::string_view(*texts_).substr(begin, (*ends_)[code] - begin) == s) return code;
      }
    }
  }

 private:
  // A slot: the high 24 bits of the hash, and the code + 1 (0: empty).
  static constexpr uint64_t kTagMask = uint64_t{0xFFFFFF} << 40;

  void Rehash(size_t size) {
    slots_.assign(size, 0);
    size_t mask = size - 1;
    for (size_t c = 0; c < hashes_.size(); ++c) {
      size_t i = hashes_[c] & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = (hashes_[c] & kTagMask) | (c + 1);
    }
  }

  std::string* texts_;
  std::vector<uint64_t>* ends_;
  std::vector<uint64_t> slots_;
  std::vector<uint64_t> hashes_;  // per code, for Rehash
};

}  // namespace

Result<std::shared_ptr<const NodeColumn>> MakeTextColumn(const storage::Store& store, int64_t label,
                                                         const std::string& property, uint64_t id_limit,
                                                         uint64_t expected_nodes, const std::function<bool()>& stop) {
  std::vector<uint32_t> codes(id_limit, NodeColumn::kAbsent);
  std::string texts;
  std::vector<uint64_t> ends;
  uint64_t nodes = 0, not_text = 0;
  Interner interner(&texts, &ends, expected_nodes);
  // A batch of strings (copied: a record is valid only until the iterator
  // moves) and the nodes they belong to.
  constexpr size_t kBatch = 32;
  std::string bytes;
  size_t batch_ends[kBatch];
  uint64_t batch_ids[kBatch];
  uint64_t hashes[kBatch];
  size_t batched = 0;
  Status failed;
  auto flush = [&] {
    for (size_t i = 0; i < batched; ++i) {
      size_t begin = i ? batch_ends[i - 1] : 0;
      hashes[i] = Interner::Hash(std::string_view(bytes).substr(begin, batch_ends[i] - begin));
      interner.Prefetch(hashes[i]);
    }
    for (size_t i = 0; i < batched; ++i) {
      size_t begin = i ? batch_ends[i - 1] : 0;
      codes[batch_ids[i]] = interner.Code(std::string_view(bytes).substr(begin, batch_ends[i] - begin), hashes[i]);
    }
    if (ends.size() > NodeColumn::kMaxCodes) failed = Status::NotSupported("too many distinct values for a column");
    batched = 0;
    bytes.clear();
  };
  auto it = store.NewIterator(storage::Family::kNodes);
  uint64_t seen = 0;
  for (; it->Valid() && failed.ok(); it->Next()) {
    if ((++seen & 4095) == 0 && stop && stop())
      return Status::Cancelled("making the column of " + property + " was stopped");
    uint64_t id;
    codec::ColumnValue kind;
    std::string_view text;
    if (!keys::ParseId64(it->key(), &id) || !codec::DecodeNodeColumnValue(it->value(), label, property, &kind, &text))
      return Status::Corruption("bad node record");
    if (kind == codec::ColumnValue::kUnlabelled) continue;
    if (id >= codes.size()) codes.resize(id + 1, NodeColumn::kAbsent);  // not below the id limit read before
    ++nodes;
    if (kind == codec::ColumnValue::kText) {
      bytes.append(text.data(), text.size());
      batch_ends[batched] = bytes.size();
      batch_ids[batched] = id;
      if (++batched == kBatch) flush();
      continue;
    }
    codes[id] = kind == codec::ColumnValue::kAbsent ? NodeColumn::kNull : NodeColumn::kNotText;
    not_text += kind == codec::ColumnValue::kOther;
  }
  KG_RETURN_IF_ERROR(it->status());
  if (failed.ok()) flush();
  KG_RETURN_IF_ERROR(failed);
  texts.shrink_to_fit();
  ends.shrink_to_fit();
  return std::shared_ptr<const NodeColumn>(
      std::make_shared<NodeColumn>(std::move(codes), std::move(texts), std::move(ends), nodes, not_text));
}

}  // namespace kg::graph::internal
