#include "storage/coding.h"

#include <cstring>

namespace kg::storage {

void PutBigEndian32(std::string* dst, uint32_t v) {
  char buf[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                 static_cast<char>(v >> 8), static_cast<char>(v)};
  dst->append(buf, 4);
}

void PutBigEndian64(std::string* dst, uint64_t v) {
  char buf[8];
  for (int i = 0; i < 8; ++i) buf[i] = static_cast<char>(v >> (56 - 8 * i));
  dst->append(buf, 8);
}

bool GetBigEndian32(std::string_view src, size_t* pos, uint32_t* value) {
  if (*pos + 4 > src.size()) return false;
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(src[*pos + i]);
  *pos += 4;
  *value = v;
  return true;
}

bool GetBigEndian64(std::string_view src, size_t* pos, uint64_t* value) {
  if (*pos + 8 > src.size()) return false;
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(src[*pos + i]);
  *pos += 8;
  *value = v;
  return true;
}

void PutKeyString(std::string* dst, std::string_view value) {
  for (char c : value) dst->push_back(c == '\0' ? '\x01' : c);
  dst->push_back('\0');
}

bool GetKeyString(std::string_view src, size_t* pos, std::string* value) {
  size_t end = src.find('\0', *pos);
  if (end == std::string_view::npos) return false;
  value->assign(src.substr(*pos, end - *pos));
  *pos = end + 1;
  return true;
}

std::string PrefixSuccessor(std::string_view prefix) {
  std::string s(prefix);
  while (!s.empty()) {
    auto c = static_cast<uint8_t>(s.back());
    if (c != 0xFF) {
      s.back() = static_cast<char>(c + 1);
      return s;
    }
    s.pop_back();
  }
  return s;
}

void PutVarint64(std::string* dst, uint64_t v) {
  while (v >= 0x80) {
    dst->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  dst->push_back(static_cast<char>(v));
}

void PutFixed64(std::string* dst, uint64_t v) {
  char buf[8];
  for (int i = 0; i < 8; ++i) buf[i] = static_cast<char>(v >> (8 * i));
  dst->append(buf, 8);
}

void PutDouble(std::string* dst, double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  PutFixed64(dst, bits);
}

void PutLengthPrefixed(std::string* dst, std::string_view value) {
  PutVarint64(dst, value.size());
  dst->append(value.data(), value.size());
}

bool Decoder::GetVarint64(uint64_t* value) {
  uint64_t result = 0;
  for (int shift = 0; shift <= 63 && pos_ < data_.size(); shift += 7) {
    auto byte = static_cast<uint8_t>(data_[pos_++]);
    result |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) {
      *value = result;
      return true;
    }
  }
  return false;
}

bool Decoder::GetVarint32(uint32_t* value) {
  uint64_t v;
  if (!GetVarint64(&v) || v > 0xFFFFFFFFull) return false;
  *value = static_cast<uint32_t>(v);
  return true;
}

bool Decoder::GetFixed64(uint64_t* value) {
  if (pos_ + 8 > data_.size()) return false;
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(data_[pos_ + i]);
  pos_ += 8;
  *value = v;
  return true;
}

bool Decoder::GetDouble(double* value) {
  uint64_t bits;
  if (!GetFixed64(&bits)) return false;
  std::memcpy(value, &bits, sizeof bits);
  return true;
}

bool Decoder::GetLengthPrefixed(std::string* value) {
  uint64_t n;
  if (!GetVarint64(&n) || n > data_.size() - pos_) return false;
  value->assign(data_.substr(pos_, n));
  pos_ += n;
  return true;
}

bool Decoder::GetLengthPrefixedView(std::string_view* value) {
  uint64_t n;
  if (!GetVarint64(&n) || n > data_.size() - pos_) return false;
  *value = data_.substr(pos_, n);
  pos_ += n;
  return true;
}

bool Decoder::GetByte(uint8_t* value) {
  if (pos_ >= data_.size()) return false;
  *value = static_cast<uint8_t>(data_[pos_++]);
  return true;
}


}  // namespace kg::storage
