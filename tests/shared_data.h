// Where tests find the seeds, the models and ../shared/data, and how suites
// that need ../shared/data behave without it.
//
// A user's fresh clone has no ../shared: there such a test reports itself
// skipped, by name. With KG_REQUIRE_SHARED=1 (set by .ci/run) it fails instead.
//
//   TEST(CarbDev, F1) {
//     std::string dir = KG_SHARED_DATA_OR_SKIP("carb-dev");
//     ...
//   }
#pragma once

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <string>

namespace kg::testing {

inline std::string SourceDir() { return KG_SOURCE_DIR; }
inline std::string BinaryDir() { return KG_BINARY_DIR; }
inline std::string KgBinary() { return std::string(KG_BINARY_DIR) + "/kg"; }
inline std::string SeedsDir() { return SourceDir() + "/seeds"; }

// $KG_SHARED_DATA, else <project>/../shared/data.
inline std::string SharedDataDir() {
  if (const char* env = std::getenv("KG_SHARED_DATA"); env && *env) return env;
  return SourceDir() + "/../shared/data";
}

inline bool SharedRequired() {
  const char* env = std::getenv("KG_REQUIRE_SHARED");
  return env && std::string(env) == "1";
}

inline bool PathExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace kg::testing

// Yields the path of ../shared/data/<sub>, or skips (fails under
// KG_REQUIRE_SHARED=1) the current test when it is missing.
#define KG_SHARED_DATA_OR_SKIP(sub)                                                    \
  ([&]() -> std::string {                                                              \
    std::string kg_path_ = ::kg::testing::SharedDataDir() + "/" + (sub);               \
    return kg_path_;                                                                   \
  }());                                                                                \
  do {                                                                                 \
    std::string kg_check_ = ::kg::testing::SharedDataDir() + "/" + (sub);              \
    if (!::kg::testing::PathExists(kg_check_)) {                                       \
      if (::kg::testing::SharedRequired()) {                                           \
        FAIL() << "needs " << kg_check_ << " (KG_REQUIRE_SHARED=1)";                   \
      }                                                                                \
      GTEST_SKIP() << "skipped: needs " << kg_check_ << " (not in this clone)";        \
    }                                                                                  \
  } while (0)
