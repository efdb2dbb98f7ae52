// Extraction records: one document's extraction as one self-contained line of
// JSON, the format `kg extract` writes and `kg load` reads.
//
// A record carries everything the store needs to add the document exactly as
// `kg ingest` would: the document (text and metadata, with its content id
// and source), the extractor's name and version, the entities (names, types,
// aliases, mentions) and the claims (spans into the text). Records depend only
// on the input and the models, so extraction can run anywhere (a Hadoop or
// Spark mapper, a Dask worker) and the outputs be loaded later, in any order.
//
//   {"kg_record":1,"document":{"id":..,"source":"news.jsonl:3","text":..,...},
//    "extractor":"kg-openie","extractor_version":"1.0",
//    "entities":[{"name":..,"type":"Person","aliases":[..],
//                 "mentions":[[sentence,begin,end,"surface"],..]},..],
//    "claims":[{"subject":0,"object":1,"relation":"call","lemma":"phone",
//               "surface":"phoned","sentence":0,
//               "spans":[[sb,se],[subj_b,subj_e],[rel_b,rel_e],[obj_b,obj_e]],
//               "confidence":0.8,"negated":false,"modality":"","attribution":"",
//               "arguments":[["time","in 2011",b,e],..]},..]}
//
// `kg_record` is the format version (kRecordFormatVersion); a reader refuses
// a record of a version it does not know. Numbers round-trip exactly (doubles
// are printed with enough digits), so a loaded record equals the extraction.
#pragma once

#include <string>
#include <string_view>

#include "common/claim.h"
#include "common/status.h"

namespace kg {

constexpr int kRecordFormatVersion = 1;

// The record of `x`, one line of JSON without the trailing newline. Invalid
// UTF-8 in any string is replaced (U+FFFD) so the line is always valid JSON.
std::string EncodeRecord(const Extraction& x);

// Parses one record. InvalidArgument, with a message saying what is wrong
// (and at which byte, for broken JSON), when the line is not valid JSON, has
// a missing or unknown version, lacks a field, or does not hold together:
// an entity index out of range, a span outside the document's text, an empty
// document id. The message does not name the file; callers add file:line.
Result<Extraction> DecodeRecord(std::string_view line);

// The order `kg load` stores records in, which is the order `kg ingest` reads
// one file or one folder in: by source path (compared folder by folder), then
// by the line number after the last ':' (JSON Lines), then by document id.
// True when `a` goes before `b`.
bool SourceBefore(const std::string& a_source, const std::string& a_id,
                  const std::string& b_source, const std::string& b_id);

}  // namespace kg
