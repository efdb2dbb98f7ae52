// Extractor: the interface every claim extractor implements.
//
// An extractor is pure: a Document in, an Extraction (entities, claims, each
// with spans into Document::text) out. It never sees a store, so it can run
// inside `kg ingest`, as `kg extract` (a streaming mapper), or in tests.
#pragma once

#include <memory>
#include <string>

#include "common/claim.h"
#include "common/status.h"

namespace kg::extract {

class Extractor {
 public:
  virtual ~Extractor() = default;
  virtual std::string name() const = 0;     // "kg-openie"
  virtual std::string version() const = 0;  // "1.0"
  // Reads `document` (its text already cleaned by the reader).
  virtual Result<Extraction> Extract(const Document& document) const = 0;
};

struct ExtractorOptions {
  // Folder with the trained models; empty = $KG_MODELS, else the build's models/.
  std::string models_dir;
};

// The extractor `kg ingest` and `kg extract` use.
Result<std::unique_ptr<Extractor>> MakeDefaultExtractor(const ExtractorOptions& options);

}  // namespace kg::extract
