// WordNet-based lemmatizer (see lemmatizer.h).
#include "extract/lemmatizer.h"

#include <fstream>
#include <utility>
#include <vector>

namespace kg::extract {

namespace {

const char* kPosNames[4] = {"noun", "verb", "adj", "adv"};

std::string Lower(const std::string& s) {
  std::string out = s;
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Closed-class words: lower-cased form + " " + XPOS (or "*") -> lemma.
const std::unordered_map<std::string, std::string>& ClosedClass() {
  static const std::unordered_map<std::string, std::string> kTable = {
      {"n't *", "not"},    {"n’t *", "not"},    {"n`t *", "not"},    {"nt RB", "not"},     {"not *", "not"},
      {"'s POS", "'s"},    {"’s POS", "'s"},    {"s POS", "'s"},      {"' POS", "'s"},
      {"’ POS", "'s"},     {"'s VBZ", "be"},    {"’s VBZ", "be"},     {"s VBZ", "be"},
      {"'re *", "be"},     {"’re *", "be"},     {"'m *", "be"},       {"’m *", "be"},
      {"m VBP", "be"},     {"'ve *", "have"},   {"’ve *", "have"},    {"'ll *", "will"},
      {"’ll *", "will"},   {"'d MD", "would"},  {"’d MD", "would"},   {"'d VBD", "have"},
      {"’d VBD", "have"},  {"ca MD", "can"},    {"wo MD", "will"},    {"am *", "be"},
      {"is *", "be"},      {"are *", "be"},     {"was *", "be"},      {"were *", "be"},
      {"been *", "be"},    {"being VBG", "be"}, {"be *", "be"},       {"art VBP", "be"},
      {"has *", "have"},   {"had *", "have"},   {"having *", "have"}, {"have *", "have"},
      {"does *", "do"},    {"did *", "do"},     {"done VBN", "do"},   {"doing VBG", "do"},
      {"i PRP", "I"},      {"me PRP", "I"},     {"mine PRP", "my"},   {"us PRP", "we"},
      {"him PRP", "he"},   {"her PRP", "she"},  {"them PRP", "they"}, {"'em PRP", "they"},
      {"these *", "this"}, {"those *", "that"}, {"an DT", "a"},       {"an *", "a"},
      {"gon VBG", "go"},   {"na TO", "to"},     {"wan VBP", "want"},  {"ta TO", "to"},
      {"got VBD", "get"},  {"got VBN", "get"}};
  return kTable;
}

}  // namespace

Result<std::unique_ptr<Lemmatizer>> Lemmatizer::Load(const std::string& wordnet_dir) {
  std::string dir = wordnet_dir.empty() ? "/usr/share/wordnet" : wordnet_dir;
  std::unique_ptr<Lemmatizer> lem(new Lemmatizer());
  for (int pos = 0; pos < 4; ++pos) {
    std::string exc = dir + "/" + kPosNames[pos] + ".exc";
    std::ifstream in(exc);
    if (!in) return Status::NotFound("cannot open WordNet file " + exc + " (install wordnet-base)");
    std::string line;
    while (std::getline(in, line)) {
      size_t sp = line.find(' ');
      if (sp == std::string::npos) continue;
      size_t sp2 = line.find(' ', sp + 1);
      std::string base =
          line.substr(sp + 1, sp2 == std::string::npos ? std::string::npos : sp2 - sp - 1);
      lem->exceptions_[pos].emplace(line.substr(0, sp), base);
    }
    std::string index = dir + "/index." + kPosNames[pos];
    std::ifstream idx(index);
    if (!idx)
      return Status::NotFound("cannot open WordNet file " + index + " (install wordnet-base)");
    while (std::getline(idx, line)) {
      if (line.empty() || line[0] == ' ') continue;  // license header
      size_t sp = line.find(' ');
      lem->lemmas_[pos].insert(line.substr(0, sp));
    }
  }
  return lem;
}

bool Lemmatizer::KnowsWord(const std::string& word) const {
  for (Pos pos : {kNoun, kVerb, kAdj, kAdv})
    if (lemmas_[pos].count(word) || !Morphy(word, pos).empty()) return true;
  return false;
}

bool Lemmatizer::KnowsVerb(const std::string& word) const {
  return lemmas_[kVerb].count(word) || !Morphy(word, kVerb).empty();
}

std::string Lemmatizer::Morphy(const std::string& word, Pos pos) const {
  auto e = exceptions_[pos].find(word);
  if (e != exceptions_[pos].end()) return e->second;
  static const std::vector<std::pair<std::string, std::string>> kRules[4] = {
      {{"s", ""},
       {"ses", "s"},
       {"xes", "x"},
       {"zes", "z"},
       {"ches", "ch"},
       {"shes", "sh"},
       {"men", "man"},
       {"ies", "y"}},
      {{"s", ""},
       {"ies", "y"},
       {"es", "e"},
       {"es", ""},
       {"ed", "e"},
       {"ed", ""},
       {"ing", "e"},
       {"ing", ""}},
      {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}},
      {}};
  // "species", "series": a noun in "-ies" that is its own lemma, with no
  // noun in "-y" it could be the plural of, stays itself (not "specie", a
  // coin; but "allies" -> "ally", "fries" -> "fry").
  if (pos == kNoun && word.size() > 4 && EndsWith(word, "ies") && lemmas_[pos].count(word) &&
      !lemmas_[pos].count(word.substr(0, word.size() - 3) + "y"))
    return word;
  for (const auto& [suffix, repl] : kRules[pos]) {
    if (word.size() > suffix.size() && EndsWith(word, suffix)) {
      std::string cand = word.substr(0, word.size() - suffix.size()) + repl;
      if (lemmas_[pos].count(cand)) return cand;
    }
  }
  // Doubled final consonant: "stopped" -> "stop", "bigger" -> "big".
  for (const std::string suffix : {"ed", "ing", "er", "est"}) {
    if (word.size() > suffix.size() + 2 && EndsWith(word, suffix)) {
      std::string stem = word.substr(0, word.size() - suffix.size());
      size_t n = stem.size();
      if (stem[n - 1] == stem[n - 2] && !IsVowel(stem[n - 1])) {
        std::string cand = stem.substr(0, n - 1);
        if (lemmas_[pos].count(cand)) return cand;
      }
    }
  }
  return "";
}

std::string Lemmatizer::Rules(const std::string& w, const std::string& xpos) const {
  size_t n = w.size();
  auto undouble = [](std::string stem) {
    size_t k = stem.size();
    if (k >= 3 && stem[k - 1] == stem[k - 2] && !IsVowel(stem[k - 1]) && stem[k - 1] != 'l' &&
        stem[k - 1] != 's' && stem[k - 1] != 'z') {
      stem.pop_back();
    }
    return stem;
  };
  // A verb WordNet does not know, its "-ed"/"-ing" cut off: the final "e"
  // the ending took ("curated" -> "curate", "organizing" -> "organize",
  // "introducing" -> "introduce"); else the stem, undoubled ("stopped").
  auto restore_e = [&](const std::string& stem) {
    std::string undoubled = undouble(stem);
    if (undoubled != stem) return undoubled;
    size_t k = stem.size();
    bool consonant_at = k >= 4 && EndsWith(stem, "at") && !IsVowel(stem[k - 3]);
    if (consonant_at ||
        (k >= 4 && (EndsWith(stem, "iz") || EndsWith(stem, "yz") || EndsWith(stem, "uc"))))
      return stem + "e";
    return stem;
  };
  if (xpos == "NNS" || xpos == "NNPS" || xpos == "VBZ") {
    if (n > 4 && EndsWith(w, "ies")) return w.substr(0, n - 3) + "y";
    for (const char* s : {"sses", "xes", "zes", "ches", "shes"}) {
      if (EndsWith(w, s)) return w.substr(0, n - 2);
    }
    if (n > 3 && EndsWith(w, "s") && !EndsWith(w, "ss") && !EndsWith(w, "us") &&
        !EndsWith(w, "is")) {
      return w.substr(0, n - 1);
    }
  } else if (xpos == "VBG") {
    if (n > 5 && EndsWith(w, "ing")) return restore_e(w.substr(0, n - 3));
  } else if (xpos == "VBD" || xpos == "VBN") {
    if (n > 4 && EndsWith(w, "ied")) return w.substr(0, n - 3) + "y";
    if (n > 3 && EndsWith(w, "ed")) return restore_e(w.substr(0, n - 2));
  } else if (xpos == "JJR" || xpos == "RBR") {
    if (n > 4 && EndsWith(w, "ier")) return w.substr(0, n - 3) + "y";
    if (n > 4 && EndsWith(w, "er")) return undouble(w.substr(0, n - 2));
  } else if (xpos == "JJS" || xpos == "RBS") {
    if (n > 5 && EndsWith(w, "iest")) return w.substr(0, n - 4) + "y";
    if (n > 5 && EndsWith(w, "est")) return undouble(w.substr(0, n - 3));
  }
  return w;
}

std::string Lemmatizer::Lemma(const std::string& form, const std::string& upos,
                              const std::string& xpos) const {
  std::string lower = Lower(form);
  const auto& closed = ClosedClass();
  auto it = closed.find(lower + " " + xpos);
  if (it == closed.end() && upos != "PROPN" && upos != "NOUN") it = closed.find(lower + " *");
  if (it != closed.end()) return it->second;
  if (upos == "PROPN") {
    if (xpos == "NNPS") {
      std::string m = Morphy(lower, kNoun);
      if (!m.empty() && m.size() <= form.size()) return form.substr(0, m.size());
      return Rules(form, xpos);
    }
    return form;
  }
  if (upos == "PUNCT" || upos == "SYM" || upos == "NUM" || upos == "X") {
    return upos == "NUM" ? lower : form;
  }
  Pos pos;
  bool inflected = true;
  if (xpos == "NNS")
    pos = kNoun;
  else if (xpos == "VBD" || xpos == "VBG" || xpos == "VBN" || xpos == "VBZ")
    pos = kVerb;
  else if (xpos == "VBP" || xpos == "VB") {
    pos = kVerb;
    inflected = false;
  } else if (xpos == "JJR" || xpos == "JJS")
    pos = kAdj;
  else if (xpos == "RBR" || xpos == "RBS")
    pos = kAdv;
  else
    return lower;
  if (!inflected) return lower;
  std::string m = Morphy(lower, pos);
  if (!m.empty()) return m;
  if (pos == kAdv) {
    std::string a = Morphy(lower, kAdj);
    if (!a.empty()) return a;
  }
  return Rules(lower, xpos);
}

void Lemmatizer::Lemmatize(Sentence& sentence) const {
  for (Token& t : sentence.tokens) t.lemma = Lemma(t.form, t.upos, t.xpos);
}

}  // namespace kg::extract
