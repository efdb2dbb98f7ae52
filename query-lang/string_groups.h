// StringGroups: numbers distinct strings in the order they are first seen,
// for aggregations grouped by a text key (the name of a node, say) over
// hundreds of thousands of groups. An open-addressing table of group
// numbers; the keys' bytes sit one after the other in one arena: no
// allocation per group, and a lookup touches one slot and, when the slot's
// hash bits match, one key. Internal to query-lang/.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kg::query_lang {

class StringGroups {
 public:
  // Room for `n` groups of about `bytes_each` bytes without growing.
  void Reserve(size_t n, size_t bytes_each = 8) {
    size_t want = 16;
    while (want < 2 * n) want *= 2;
    if (want > slots_.size()) Rehash(want);
    offsets_.reserve(n);
    hashes_.reserve(n);
    arena_.reserve(n * bytes_each);
  }

  // The group number of `key`, a new one (size() - 1) when unseen.
  size_t Find(std::string_view key, bool* added) { return Find(key, Hash(key), added); }

  // The same in two steps, for batches: hash every key and Prefetch its
  // slot first, then Find each; the slots' cache misses then overlap.
  static uint64_t Hash(std::string_view key) { return std::hash<std::string_view>()(key); }
  void Prefetch(uint64_t h) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[h & (slots_.size() - 1)]);
  }
  size_t Find(std::string_view key, uint64_t h, bool* added) {
    if (2 * (size() + 1) > slots_.size()) Rehash(slots_.empty() ? 16 : 2 * slots_.size());
    uint64_t tag = Tag(h);
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      uint64_t s = slots_[i];
      if (s == 0) {
        slots_[i] = tag | (size() + 1);
        offsets_.push_back(arena_.size());
        arena_.append(key.data(), key.size());
        hashes_.push_back(h);
        *added = true;
        return size() - 1;
      }
      // The slot's hash bits settle most mismatches without touching the key.
      if ((s & kTagMask) == tag && this->key((s & ~kTagMask) - 1) == key) {
        *added = false;
        return (s & ~kTagMask) - 1;
      }
    }
  }

  size_t size() const { return offsets_.size(); }
  // Group g's key (valid while this object lives and does not grow).
  std::string_view key(size_t g) const {
    size_t end = g + 1 < offsets_.size() ? offsets_[g + 1] : arena_.size();
    return std::string_view(arena_).substr(offsets_[g], end - offsets_[g]);
  }

 private:
  // A slot holds the high 24 bits of the key's hash and group number + 1.
  static constexpr uint64_t kTagMask = uint64_t{0xFFFFFF} << 40;
  static uint64_t Tag(uint64_t h) { return h & kTagMask; }

  void Rehash(size_t size) {
    slots_.assign(size, 0);
    size_t mask = size - 1;
    for (size_t g = 0; g < hashes_.size(); ++g) {
      size_t i = hashes_[g] & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = Tag(hashes_[g]) | (g + 1);
    }
  }

  std::vector<uint64_t> slots_;   // 0: empty, else Tag(hash) | (group number + 1)
  std::vector<uint64_t> offsets_;  // group -> where its key starts in arena_
  std::vector<uint64_t> hashes_;
  std::string arena_;
};

}  // namespace kg::query_lang
