#include "graph/record_codec.h"

#include "storage/coding.h"

namespace kg::graph::codec {
namespace {

using storage::Decoder;
using storage::PutDouble;
using storage::PutFixed64;
using storage::PutLengthPrefixed;
using storage::PutVarint64;

enum Tag : uint8_t { kNull = 0, kFalse = 1, kTrue = 2, kInt = 3, kDouble = 4, kString = 5, kList = 6 };

uint64_t ZigZag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

bool DecodeValueAt(Decoder* d, PropertyValue* out, int depth) {
  if (depth > 64) return false;
  uint8_t tag;
  if (!d->GetByte(&tag)) return false;
  switch (tag) {
    case kNull: *out = PropertyValue(); return true;
    case kFalse: *out = PropertyValue(false); return true;
    case kTrue: *out = PropertyValue(true); return true;
    case kInt: {
      uint64_t v;
      if (!d->GetVarint64(&v)) return false;
      *out = PropertyValue(UnZigZag(v));
      return true;
    }
    case kDouble: {
      double v;
      if (!d->GetDouble(&v)) return false;
      *out = PropertyValue(v);
      return true;
    }
    case kString: {
      std::string s;
      if (!d->GetLengthPrefixed(&s)) return false;
      *out = PropertyValue(std::move(s));
      return true;
    }
    case kList: {
      uint64_t n;
      if (!d->GetVarint64(&n)) return false;
      PropertyValue::List list;
      for (uint64_t i = 0; i < n; ++i) {
        PropertyValue item;
        if (!DecodeValueAt(d, &item, depth + 1)) return false;
        list.push_back(std::move(item));
      }
      *out = PropertyValue(std::move(list));
      return true;
    }
    default: return false;
  }
}

// Moves past one value without building it.
bool SkipValueAt(Decoder* d, int depth) {
  if (depth > 64) return false;
  uint8_t tag;
  if (!d->GetByte(&tag)) return false;
  switch (tag) {
    case kNull:
    case kFalse:
    case kTrue: return true;
    case kInt: {
      uint64_t v;
      return d->GetVarint64(&v);
    }
    case kDouble: {
      double v;
      return d->GetDouble(&v);
    }
    case kString: {
      std::string_view s;
      return d->GetLengthPrefixedView(&s);
    }
    case kList: {
      uint64_t n;
      if (!d->GetVarint64(&n)) return false;
      for (uint64_t i = 0; i < n; ++i)
        if (!SkipValueAt(d, depth + 1)) return false;
      return true;
    }
    default: return false;
  }
}

bool DecodeProperties(Decoder* d, Properties* props) {
  uint64_t n;
  if (!d->GetVarint64(&n)) return false;
  props->clear();
  for (uint64_t i = 0; i < n; ++i) {
    std::string key;
    PropertyValue v;
    if (!d->GetLengthPrefixed(&key) || !DecodeValueAt(d, &v, 0)) return false;
    (*props)[std::move(key)] = std::move(v);
  }
  return true;
}

void PutSpan(std::string* dst, const ByteSpan& s) {
  PutVarint64(dst, s.begin);
  PutVarint64(dst, s.end);
}

bool GetSpan(Decoder* d, ByteSpan* s) { return d->GetVarint32(&s->begin) && d->GetVarint32(&s->end); }

}  // namespace

void EncodeValue(std::string* dst, const PropertyValue& value) {
  const auto& v = value.value;
  if (std::holds_alternative<std::monostate>(v)) {
    dst->push_back(static_cast<char>(kNull));
  } else if (auto* b = std::get_if<bool>(&v)) {
    dst->push_back(static_cast<char>(*b ? kTrue : kFalse));
  } else if (auto* i = std::get_if<int64_t>(&v)) {
    dst->push_back(static_cast<char>(kInt));
    PutVarint64(dst, ZigZag(*i));
  } else if (auto* f = std::get_if<double>(&v)) {
    dst->push_back(static_cast<char>(kDouble));
    PutDouble(dst, *f);
  } else if (auto* s = std::get_if<std::string>(&v)) {
    dst->push_back(static_cast<char>(kString));
    PutLengthPrefixed(dst, *s);
  } else if (auto* l = std::get_if<PropertyValue::List>(&v)) {
    dst->push_back(static_cast<char>(kList));
    PutVarint64(dst, l->size());
    for (const auto& item : *l) EncodeValue(dst, item);
  }
}

void EncodeIntValue(std::string* dst, int64_t value) {
  dst->push_back(static_cast<char>(kInt));
  PutVarint64(dst, ZigZag(value));
}

void EncodeStringValue(std::string* dst, std::string_view value) {
  dst->push_back(static_cast<char>(kString));
  PutLengthPrefixed(dst, value);
}

void EncodeProperties(std::string* dst, const Properties& properties) {
  PutVarint64(dst, properties.size());
  for (const auto& [k, v] : properties) {
    PutLengthPrefixed(dst, k);
    EncodeValue(dst, v);
  }
}

std::string EncodeNode(const NodeValue& node) {
  std::string out;
  PutVarint64(&out, node.labels.size());
  for (uint32_t l : node.labels) PutVarint64(&out, l);
  EncodeProperties(&out, node.properties);
  return out;
}

bool DecodeNode(std::string_view data, NodeValue* node) {
  Decoder d(data);
  uint64_t n;
  if (!d.GetVarint64(&n) || n > data.size()) return false;
  node->labels.resize(n);
  for (auto& l : node->labels) {
    if (!d.GetVarint32(&l)) return false;
  }
  return DecodeProperties(&d, &node->properties) && d.done();
}

bool DecodeNodeLabels(std::string_view data, std::vector<uint32_t>* labels) {
  Decoder d(data);
  uint64_t n;
  if (!d.GetVarint64(&n) || n > data.size()) return false;
  labels->resize(n);
  for (auto& l : *labels) {
    if (!d.GetVarint32(&l)) return false;
  }
  return true;
}

bool DecodeNodeProperty(std::string_view data, std::string_view key, PropertyValue* value) {
  Decoder d(data);
  uint64_t n;
  if (!d.GetVarint64(&n) || n > data.size()) return false;
  for (uint64_t i = 0; i < n; ++i) {
    uint32_t label;
    if (!d.GetVarint32(&label)) return false;
  }
  if (!d.GetVarint64(&n)) return false;
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view k;
    if (!d.GetLengthPrefixedView(&k)) return false;
    if (k == key) return DecodeValueAt(&d, value, 0);
    if (!SkipValueAt(&d, 0)) return false;
  }
  *value = PropertyValue();
  return d.done();
}

bool DecodeNodeStringProperty(std::string_view data, std::string_view key, std::string_view* text,
                              bool* found) {
  *found = false;
  Decoder d(data);
  uint64_t n;
  if (!d.GetVarint64(&n) || n > data.size()) return false;
  for (uint64_t i = 0; i < n; ++i) {
    uint32_t label;
    if (!d.GetVarint32(&label)) return false;
  }
  if (!d.GetVarint64(&n)) return false;
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view k;
    if (!d.GetLengthPrefixedView(&k)) return false;
    if (k == key) {
      uint8_t tag;
      if (!d.GetByte(&tag)) return false;
      if (tag != kString) return true;
      *found = true;
      return d.GetLengthPrefixedView(text);
    }
    if (!SkipValueAt(&d, 0)) return false;
  }
  return d.done();
}

bool DecodeNodeColumnValue(std::string_view data, int64_t label, std::string_view key, ColumnValue* kind,
                           std::string_view* text) {
  Decoder d(data);
  uint64_t n;
  if (!d.GetVarint64(&n) || n > data.size()) return false;
  bool labelled = label < 0;
  for (uint64_t i = 0; i < n; ++i) {
    uint32_t l;
    if (!d.GetVarint32(&l)) return false;
    labelled = labelled || l == label;
  }
  if (!labelled) {
    *kind = ColumnValue::kUnlabelled;
    return true;
  }
  *kind = ColumnValue::kAbsent;
  if (!d.GetVarint64(&n)) return false;
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view k;
    if (!d.GetLengthPrefixedView(&k)) return false;
    if (k == key) {
      uint8_t tag;
      if (!d.GetByte(&tag)) return false;
      if (tag == kNull) return true;
      if (tag != kString) {
        *kind = ColumnValue::kOther;
        return true;
      }
      *kind = ColumnValue::kText;
      return d.GetLengthPrefixedView(text);
    }
    if (!SkipValueAt(&d, 0)) return false;
  }
  return d.done();
}

std::string EncodeEdge(const EdgeValue& e) {
  std::string out;
  PutVarint64(&out, e.source);
  PutVarint64(&out, e.target);
  PutVarint64(&out, e.type);
  PutVarint64(&out, e.document_count);
  PutVarint64(&out, e.provenance_count);
  EncodeProperties(&out, e.properties);
  return out;
}

bool DecodeEdge(std::string_view data, EdgeValue* e) {
  Decoder d(data);
  return d.GetVarint64(&e->source) && d.GetVarint64(&e->target) && d.GetVarint32(&e->type) &&
         d.GetVarint32(&e->document_count) && d.GetVarint32(&e->provenance_count) &&
         DecodeProperties(&d, &e->properties) && d.done();
}

std::string EncodeProvenance(const ProvenanceRecord& r) {
  std::string out;
  PutVarint64(&out, r.sentence);
  PutSpan(&out, r.sentence_span);
  PutSpan(&out, r.subject_span);
  PutSpan(&out, r.relation_span);
  PutSpan(&out, r.object_span);
  PutLengthPrefixed(&out, r.relation_surface);
  PutLengthPrefixed(&out, r.extractor);
  PutLengthPrefixed(&out, r.extractor_version);
  PutDouble(&out, r.confidence);
  out.push_back(r.negated ? 1 : 0);
  PutLengthPrefixed(&out, r.modality);
  PutLengthPrefixed(&out, r.attribution);
  PutVarint64(&out, r.arguments.size());
  for (const auto& a : r.arguments) {
    PutLengthPrefixed(&out, a.role);
    PutLengthPrefixed(&out, a.text);
    PutSpan(&out, a.span);
  }
  PutFixed64(&out, static_cast<uint64_t>(r.ingest_time_ms));
  PutLengthPrefixed(&out, r.relation_lemma);
  return out;
}

bool DecodeProvenance(std::string_view data, ProvenanceRecord* r) {
  Decoder d(data);
  uint8_t negated;
  uint64_t nargs, time;
  if (!(d.GetVarint32(&r->sentence) && GetSpan(&d, &r->sentence_span) &&
        GetSpan(&d, &r->subject_span) && GetSpan(&d, &r->relation_span) &&
        GetSpan(&d, &r->object_span) && d.GetLengthPrefixed(&r->relation_surface) &&
        d.GetLengthPrefixed(&r->extractor) && d.GetLengthPrefixed(&r->extractor_version) &&
        d.GetDouble(&r->confidence) && d.GetByte(&negated) && d.GetLengthPrefixed(&r->modality) &&
        d.GetLengthPrefixed(&r->attribution) && d.GetVarint64(&nargs))) {
    return false;
  }
  if (nargs > data.size()) return false;
  r->negated = negated != 0;
  r->arguments.resize(nargs);
  for (auto& a : r->arguments) {
    if (!(d.GetLengthPrefixed(&a.role) && d.GetLengthPrefixed(&a.text) && GetSpan(&d, &a.span))) {
      return false;
    }
  }
  if (!d.GetFixed64(&time)) return false;
  r->ingest_time_ms = static_cast<int64_t>(time);
  // Format 1 ended here; format 2 adds the relation's lemma.
  if (d.done()) return true;
  return d.GetLengthPrefixed(&r->relation_lemma) && d.done();
}

std::string EncodeMention(const MentionRecord& r) {
  std::string out;
  PutVarint64(&out, r.sentence);
  PutSpan(&out, r.span);
  PutLengthPrefixed(&out, r.surface);
  return out;
}

bool DecodeMention(std::string_view data, MentionRecord* r) {
  Decoder d(data);
  return d.GetVarint32(&r->sentence) && GetSpan(&d, &r->span) && d.GetLengthPrefixed(&r->surface) &&
         d.done();
}

std::string EncodeDocument(const DocumentRecord& r) {
  std::string out;
  const Document& doc = r.document;
  for (const std::string* s : {&doc.id, &doc.source, &doc.url, &doc.title, &doc.publisher,
                               &doc.published, &doc.byline, &doc.text, &r.extractor,
                               &r.extractor_version}) {
    PutLengthPrefixed(&out, *s);
  }
  PutFixed64(&out, static_cast<uint64_t>(r.ingest_time_ms));
  PutVarint64(&out, r.claim_count);
  return out;
}

bool DecodeDocument(std::string_view data, DocumentRecord* r) {
  Decoder d(data);
  Document& doc = r->document;
  for (std::string* s : {&doc.id, &doc.source, &doc.url, &doc.title, &doc.publisher,
                         &doc.published, &doc.byline, &doc.text, &r->extractor,
                         &r->extractor_version}) {
    if (!d.GetLengthPrefixed(s)) return false;
  }
  uint64_t time;
  if (!d.GetFixed64(&time) || !d.GetVarint32(&r->claim_count)) return false;
  r->ingest_time_ms = static_cast<int64_t>(time);
  return d.done();
}

}  // namespace kg::graph::codec
