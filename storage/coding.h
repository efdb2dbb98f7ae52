// Byte encodings for kg's on-disk keys and values (see storage/FORMAT.md).
//
// Keys use big-endian fixed-width integers so that RocksDB's bytewise order is
// numeric order and "all entries of node n" is a prefix scan. Values use
// little-endian fixed ints, varints and length-prefixed strings, read back with
// a Decoder that never reads past the end (every Get* returns false on
// truncated input instead of crashing, so corrupt data becomes a Status).
//
// All functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kg::storage {

// ---- Keys: big-endian, order-preserving --------------------------------------
void PutBigEndian32(std::string* dst, uint32_t value);
void PutBigEndian64(std::string* dst, uint64_t value);
// Reads from `src` at `*pos`, advancing it. False when too short.
bool GetBigEndian32(std::string_view src, size_t* pos, uint32_t* value);
bool GetBigEndian64(std::string_view src, size_t* pos, uint64_t* value);

// A string inside a key, followed by a 0x00 terminator. `value` must not
// contain a 0x00 byte (document ids, lowercased names and labels never do;
// PutKeyString replaces one by 0x01 so the key stays well formed).
void PutKeyString(std::string* dst, std::string_view value);
bool GetKeyString(std::string_view src, size_t* pos, std::string* value);

// The smallest key greater than every key starting with `prefix` (empty when
// there is none, i.e. the prefix is all 0xFF).
std::string PrefixSuccessor(std::string_view prefix);

// ---- Values -------------------------------------------------------------------
void PutVarint64(std::string* dst, uint64_t value);
void PutFixed64(std::string* dst, uint64_t value);  // little endian
void PutDouble(std::string* dst, double value);
void PutLengthPrefixed(std::string* dst, std::string_view value);

// Sequential reader over an encoded value.
class Decoder {
 public:
  explicit Decoder(std::string_view data) : data_(data) {}
  bool GetVarint64(uint64_t* value);
  bool GetVarint32(uint32_t* value);
  bool GetFixed64(uint64_t* value);
  bool GetDouble(double* value);
  bool GetLengthPrefixed(std::string* value);
  // The same without a copy: `value` points into the decoded data.
  bool GetLengthPrefixedView(std::string_view* value);
  bool GetByte(uint8_t* value);
  bool done() const { return pos_ == data_.size(); }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace kg::storage
