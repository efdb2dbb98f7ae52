// Helpers for the NLP tests: reading seed articles, token forms.
#pragma once

#include <fstream>
#include <memory>
#include <stdexcept>
#include <sstream>
#include <string>
#include <vector>

#include "extract/pipeline.h"
#include "extract/sentence.h"
#include "tests/shared_data.h"

namespace kg::testing {

// The pipeline over the committed models, loaded once per test binary.
inline const extract::Pipeline& Nlp() {
  static std::unique_ptr<extract::Pipeline> nlp = [] {
    auto p = extract::Pipeline::Load(KG_TEST_MODELS_DIR);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? std::move(*p) : nullptr;
  }();
  if (!nlp) throw std::runtime_error("models did not load");
  return *nlp;
}

inline std::string ReadSeed(const std::string& name) {
  std::ifstream in(SeedsDir() + "/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::vector<std::string> Forms(const extract::Sentence& s) {
  std::vector<std::string> out;
  for (const auto& t : s.tokens) out.push_back(t.form);
  return out;
}

// The sentence whose text contains `needle`, or an empty one.
inline extract::Sentence FindSentence(const std::vector<extract::Sentence>& sentences,
                                      const std::string& text, const std::string& needle) {
  for (const auto& s : sentences) {
    if (text.substr(s.span.begin, s.span.size()).find(needle) != std::string::npos) return s;
  }
  return {};
}

}  // namespace kg::testing
