// StandInExtractor: a plain, dependency-free claim extractor.
//
// It exists so that ingest, storage and their tests work without trained
// models, and as a baseline the real extractor (extract/openie_extractor.h)
// is compared with. Rules:
//  * sentences end at '.', '!' or '?' followed by a space, and at line ends;
//  * an entity is a run of capitalised words (leading function words such as
//    "The" or "In" dropped), merged within the document by exact name;
//  * a claim joins two consecutive entities of a sentence when 1-6 words lie
//    between them and at least one is lower-case; the relation type is those
//    words lower-cased and joined by '_' ("agreed with" -> "agreed_with").
// Every span is a byte span into Document::text. Deterministic; thread-safe.
#pragma once

#include <string>

#include "extract/extractor.h"

namespace kg::extract {

class StandInExtractor : public Extractor {
 public:
  std::string name() const override { return "kg-stand-in"; }
  std::string version() const override { return "0.1"; }
  Result<Extraction> Extract(const Document& document) const override;
};

}  // namespace kg::extract
