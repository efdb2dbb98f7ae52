// The extractor `kg ingest` and `kg extract` use. For now the stand-in;
// the extraction side replaces this file when its extractor is ready.
#include "extract/extractor.h"
#include "extract/stand_in_extractor.h"

namespace kg::extract {

Result<std::unique_ptr<Extractor>> MakeDefaultExtractor(const ExtractorOptions& /*options*/) {
  return std::unique_ptr<Extractor>(std::make_unique<StandInExtractor>());
}

}  // namespace kg::extract
