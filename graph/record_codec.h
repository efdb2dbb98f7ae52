// Value encodings of the graph's records (internal to graph/; the key side is
// storage/keys.h). The byte layouts are listed in storage/FORMAT.md.
//
// Every Decode* returns false on truncated or malformed input; callers turn
// that into Status::Corruption naming the record.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.h"

namespace kg::graph::codec {

// A property value: tag byte, then the payload (see FORMAT.md).
void EncodeValue(std::string* dst, const PropertyValue& value);
// The same bytes as EncodeValue of an integer / a string, without building a
// PropertyValue (the CSV import's per-row path).
void EncodeIntValue(std::string* dst, int64_t value);
void EncodeStringValue(std::string* dst, std::string_view value);
void EncodeProperties(std::string* dst, const Properties& properties);

// Node value: label ids, then properties.
struct NodeValue {
  std::vector<uint32_t> labels;  // interned label ids
  Properties properties;
};
std::string EncodeNode(const NodeValue& node);
bool DecodeNode(std::string_view data, NodeValue* node);
// Only the label ids of a node value (for scans that filter by label before
// reading the rest).
bool DecodeNodeLabels(std::string_view data, std::vector<uint32_t>* labels);
// Only the property `key` of a node value: null when it has none.
bool DecodeNodeProperty(std::string_view data, std::string_view key, PropertyValue* value);
// The same for a string property, without a copy: *text points into `data`.
// *found is false when the node has no `key` or it is not a string.
bool DecodeNodeStringProperty(std::string_view data, std::string_view key, std::string_view* text,
                              bool* found);

// What a node column (graph/node_column.h) needs of a node value, read in
// one pass: whether the node has label `label` (every node has when
// `label` is negative), then what its property `key` is: absent or null, a
// string (*text points into `data`), or another value.
enum class ColumnValue { kUnlabelled, kAbsent, kText, kOther };
bool DecodeNodeColumnValue(std::string_view data, int64_t label, std::string_view key, ColumnValue* kind,
                           std::string_view* text);

// Edge value: endpoints, type, support counts, properties.
struct EdgeValue {
  uint64_t source = 0;
  uint64_t target = 0;
  uint32_t type = 0;
  uint32_t document_count = 0;
  uint32_t provenance_count = 0;
  Properties properties;
};
std::string EncodeEdge(const EdgeValue& edge);
bool DecodeEdge(std::string_view data, EdgeValue* edge);

// Provenance / mention values (the document id lives in the key).
std::string EncodeProvenance(const ProvenanceRecord& record);
bool DecodeProvenance(std::string_view data, ProvenanceRecord* record);
std::string EncodeMention(const MentionRecord& record);
bool DecodeMention(std::string_view data, MentionRecord* record);

std::string EncodeDocument(const DocumentRecord& record);
bool DecodeDocument(std::string_view data, DocumentRecord* record);

}  // namespace kg::graph::codec
