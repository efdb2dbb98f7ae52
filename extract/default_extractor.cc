// The extractor `kg ingest` and `kg extract` use: kg-openie (Open IE over
// kg's own parser, see openie_extractor.h).
//
// Without the trained models (a fresh clone before `kg train`), it falls back
// to the stand-in extractor and says so on stderr, so ingest still works.
#include <iostream>

#include "extract/extractor.h"
#include "extract/openie_extractor.h"
#include "extract/stand_in_extractor.h"

namespace kg::extract {

Result<std::unique_ptr<Extractor>> MakeDefaultExtractor(const ExtractorOptions& options) {
  Result<std::unique_ptr<OpenIeExtractor>> openie = OpenIeExtractor::Load(options.models_dir);
  if (openie.ok()) return std::unique_ptr<Extractor>(std::move(*openie));
  if (!openie.status().IsNotFound()) return openie.status();
  std::cerr << "kg: " << openie.status().message()
            << "; using the stand-in extractor (train the models with `kg train`)\n";
  return std::unique_ptr<Extractor>(std::make_unique<StandInExtractor>());
}

}  // namespace kg::extract
