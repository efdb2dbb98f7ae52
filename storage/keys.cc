#include "storage/keys.h"

#include "storage/coding.h"

namespace kg::storage::keys {

std::string StringByName(std::string_view name) {
  std::string k = "n";
  k.append(name.data(), name.size());
  return k;
}

std::string StringById(uint32_t id) {
  std::string k = "i";
  PutBigEndian32(&k, id);
  return k;
}

bool ParseStringByName(std::string_view key, std::string* name) {
  if (key.empty() || key[0] != 'n') return false;
  name->assign(key.substr(1));
  return true;
}

bool ParseStringById(std::string_view key, uint32_t* id) {
  if (key.size() != 5 || key[0] != 'i') return false;
  size_t pos = 1;
  return GetBigEndian32(key, &pos, id);
}

std::string Id64(uint64_t id) {
  std::string k;
  PutBigEndian64(&k, id);
  return k;
}

bool ParseId64(std::string_view key, uint64_t* id) {
  size_t pos = 0;
  return key.size() == 8 && GetBigEndian64(key, &pos, id);
}

std::string CurationRecordKey(uint64_t record) {
  std::string k = kCurationRecordPrefix;
  PutBigEndian64(&k, record);
  return k;
}

std::string RejectedEdgeKey(uint64_t edge) {
  std::string k = kRejectedEdgePrefix;
  PutBigEndian64(&k, edge);
  return k;
}

bool ParseCurationKey(std::string_view key, char* kind, uint64_t* id) {
  if (key.size() != 9) return false;
  *kind = key[0];
  size_t pos = 1;
  return GetBigEndian64(key, &pos, id);
}

std::string AdjacencyKey(const Adjacency& a) {
  std::string k;
  k.reserve(28);
  PutBigEndian64(&k, a.node);
  PutBigEndian32(&k, a.type);
  PutBigEndian64(&k, a.other);
  PutBigEndian64(&k, a.edge);
  return k;
}

bool ParseAdjacency(std::string_view key, Adjacency* a) {
  size_t pos = 0;
  return key.size() == 28 && GetBigEndian64(key, &pos, &a->node) &&
         GetBigEndian32(key, &pos, &a->type) && GetBigEndian64(key, &pos, &a->other) &&
         GetBigEndian64(key, &pos, &a->edge);
}

std::string AdjacencyPrefix(uint64_t node) { return Id64(node); }

std::string AdjacencyPrefix(uint64_t node, uint32_t type) {
  std::string k = Id64(node);
  PutBigEndian32(&k, type);
  return k;
}

std::string AdjacencyPrefix(uint64_t node, uint32_t type, uint64_t other) {
  std::string k = AdjacencyPrefix(node, type);
  PutBigEndian64(&k, other);
  return k;
}

std::string LabelKey(uint32_t label, uint64_t node) {
  std::string k;
  PutBigEndian32(&k, label);
  PutBigEndian64(&k, node);
  return k;
}

std::string LabelPrefix(uint32_t label) {
  std::string k;
  PutBigEndian32(&k, label);
  return k;
}

bool ParseLabelKey(std::string_view key, uint32_t* label, uint64_t* node) {
  size_t pos = 0;
  return key.size() == 12 && GetBigEndian32(key, &pos, label) && GetBigEndian64(key, &pos, node);
}

std::string NameKey(std::string_view folded_name, uint64_t node) {
  std::string k = NamePrefix(folded_name);
  PutBigEndian64(&k, node);
  return k;
}

std::string NamePrefix(std::string_view folded_name) {
  std::string k;
  PutKeyString(&k, folded_name);
  return k;
}

bool ParseNameKey(std::string_view key, std::string* folded_name, uint64_t* node) {
  size_t pos = 0;
  return GetKeyString(key, &pos, folded_name) && GetBigEndian64(key, &pos, node) &&
         pos == key.size();
}

std::string SupportKeyOf(const SupportKey& s) {
  std::string k = SupportPrefix(s.owner, s.document);
  PutBigEndian32(&k, s.seq);
  return k;
}

bool ParseSupportKey(std::string_view key, SupportKey* s) {
  size_t pos = 0;
  return GetBigEndian64(key, &pos, &s->owner) && GetKeyString(key, &pos, &s->document) &&
         GetBigEndian32(key, &pos, &s->seq) && pos == key.size();
}

std::string SupportPrefix(uint64_t owner) { return Id64(owner); }

std::string SupportPrefix(uint64_t owner, std::string_view document) {
  std::string k = Id64(owner);
  PutKeyString(&k, document);
  return k;
}

std::string DocIndexKey(std::string_view document, DocItem kind, uint64_t id) {
  std::string k = DocIndexPrefix(document);
  k.push_back(static_cast<char>(kind));
  PutBigEndian64(&k, id);
  return k;
}

std::string DocIndexPrefix(std::string_view document) {
  std::string k;
  PutKeyString(&k, document);
  return k;
}

bool ParseDocIndexKey(std::string_view key, std::string* document, DocItem* kind, uint64_t* id) {
  size_t pos = 0;
  if (!GetKeyString(key, &pos, document) || pos >= key.size()) return false;
  char c = key[pos++];
  if (c != 'e' && c != 'n') return false;
  *kind = static_cast<DocItem>(c);
  return GetBigEndian64(key, &pos, id) && pos == key.size();
}

std::string DocKeyKey(DocKey kind, std::string_view text, std::string_view document) {
  std::string k = DocKeyPrefix(kind, text);
  k.append(document.data(), document.size());
  return k;
}

std::string DocKeyPrefix(DocKey kind, std::string_view text) {
  std::string k(1, static_cast<char>(kind));
  PutKeyString(&k, text);
  return k;
}

bool ParseDocKeyKey(std::string_view key, DocKey* kind, std::string* text, std::string* document) {
  if (key.empty() || (key[0] != 'u' && key[0] != 's')) return false;
  *kind = static_cast<DocKey>(key[0]);
  size_t pos = 1;
  if (!GetKeyString(key, &pos, text) || pos >= key.size()) return false;
  document->assign(key.substr(pos));
  return true;
}

std::string DegreeChunkKey(DegreeDirection direction, uint64_t chunk) {
  std::string k = DegreePrefix(direction);
  PutBigEndian64(&k, chunk);
  return k;
}

std::string DegreePrefix(DegreeDirection direction) {
  return std::string(1, static_cast<char>(direction));
}

bool ParseDegreeChunkKey(std::string_view key, DegreeDirection* direction, uint64_t* chunk) {
  if (key.size() != 9 || (key[0] != 'o' && key[0] != 'i')) return false;
  *direction = static_cast<DegreeDirection>(key[0]);
  size_t pos = 1;
  return GetBigEndian64(key, &pos, chunk);
}

std::string EncodeDegreeChunk(const std::vector<DegreeItem>& items) {
  std::string v;
  PutVarint64(&v, items.size());
  for (const DegreeItem& i : items) {
    v.push_back(static_cast<char>(i.node & ((1u << kDegreeChunkBits) - 1)));
    PutVarint64(&v, i.type);
    PutVarint64(&v, i.count);
  }
  return v;
}

bool DecodeDegreeChunk(std::string_view value, uint64_t chunk, std::vector<DegreeItem>* items) {
  items->clear();
  Decoder d(value);
  uint64_t n;
  if (!d.GetVarint64(&n) || n > value.size()) return false;
  for (uint64_t k = 0; k < n; ++k) {
    uint8_t low;
    DegreeItem i;
    if (!d.GetByte(&low) || low >> kDegreeChunkBits || !d.GetVarint32(&i.type) || !d.GetVarint64(&i.count) ||
        i.count == 0)
      return false;
    i.node = (chunk << kDegreeChunkBits) | low;
    if (!items->empty() && !(items->back().node < i.node ||
                             (items->back().node == i.node && items->back().type < i.type)))
      return false;
    items->push_back(i);
  }
  return d.done();
}

std::string LabelCountKey(uint32_t label) {
  std::string k = kLabelCountPrefix;
  PutBigEndian32(&k, label);
  return k;
}

std::string TypeCountKey(uint32_t type) {
  std::string k = kTypeCountPrefix;
  PutBigEndian32(&k, type);
  return k;
}

std::string ExtractorCountKey(std::string_view name_version) {
  std::string k = kExtractorCountPrefix;
  k.append(name_version.data(), name_version.size());
  return k;
}

std::string EncodeCounter(uint64_t value) { return Id64(value); }

bool DecodeCounter(std::string_view value, uint64_t* out) { return ParseId64(value, out); }

}  // namespace kg::storage::keys
