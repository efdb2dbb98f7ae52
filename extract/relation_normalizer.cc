// Relation normalization; see relation_normalizer.h.
#include "extract/relation_normalizer.h"

#include <cctype>

namespace kg::extract {
namespace {

std::string LowerAscii(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string NormalizeRelation(const Sentence& sentence, const std::vector<int>& relation,
                              bool copular) {
  std::string out;
  bool saw_cop = false;
  for (int i : relation) {
    const Token& t = sentence.tokens[i];
    const std::string& d = t.deprel;
    if (d == "aux" || d == "aux:pass" || d == "advmod") continue;
    if (d == "cop") {
      saw_cop = true;
      continue;
    }
    std::string lemma = LowerAscii(t.lemma.empty() || t.lemma == "_" ? t.form : t.lemma);
    if (lemma == "not" || lemma == "n't" || lemma == "never") continue;
    if (!out.empty()) out += '_';
    out += lemma;
  }
  if (copular || saw_cop) out = out.empty() ? "be" : "be_" + out;
  if (out.empty() && !relation.empty()) {
    out = LowerAscii(sentence.tokens[relation.back()].lemma);
  }
  return out;
}

std::string StripAgentMarker(const std::string& relation_type) {
  const std::string suffix = "_by";
  if (relation_type.size() > suffix.size() &&
      relation_type.compare(relation_type.size() - suffix.size(), suffix.size(), suffix) == 0)
    return relation_type.substr(0, relation_type.size() - suffix.size());
  return relation_type;
}

}  // namespace kg::extract
