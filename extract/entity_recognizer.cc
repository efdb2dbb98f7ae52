// The named-entity recognizer; see entity_recognizer.h.
#include "extract/entity_recognizer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>

#include "common/text.h"
#include "extract/entities.h"
#include "extract/parallel.h"
#include "extract/wordnet.h"

namespace kg::extract {
namespace {

// Types in class order; class 0 is O, then B, I, L, U of each type.
constexpr EntityType kTypes[] = {EntityType::kPerson, EntityType::kOrganization,
                                 EntityType::kPlace,  EntityType::kEvent,
                                 EntityType::kProduct, EntityType::kOther};
constexpr int kNumTypes = 6;
constexpr int kNumClasses = 1 + 4 * kNumTypes;
constexpr int kBos = kNumClasses;  // history before the sentence
constexpr int kMaxGazetteerWords = 4;


enum Part { kB = 0, kI = 1, kL = 2, kU = 3 };
int ClassOf(int type, Part part) { return 1 + 4 * type + part; }
int TypeOfClass(int c) { return (c - 1) / 4; }
Part PartOfClass(int c) { return static_cast<Part>((c - 1) % 4); }
int TypeIndex(EntityType t) {
  for (int k = 0; k < kNumTypes; ++k)
    if (kTypes[k] == t) return k;
  return kNumTypes - 1;
}

// Whether class `cur` may follow class `prev` (kBos at the start).
bool Allowed(int prev, int cur) {
  bool prev_open = prev != kBos && prev != 0 && (PartOfClass(prev) == kB || PartOfClass(prev) == kI);
  if (prev_open) {
    return cur != 0 && TypeOfClass(cur) == TypeOfClass(prev) &&
           (PartOfClass(cur) == kI || PartOfClass(cur) == kL);
  }
  return cur == 0 || PartOfClass(cur) == kB || PartOfClass(cur) == kU;
}

std::vector<int> SpansToLabels(size_t n, const std::vector<NamedSpan>& names) {
  std::vector<int> labels(n, 0);
  for (const NamedSpan& s : names) {
    if (s.begin < 0 || s.end > static_cast<int>(n) || s.begin >= s.end) continue;
    int t = TypeIndex(s.type);
    if (s.end - s.begin == 1) {
      labels[s.begin] = ClassOf(t, kU);
      continue;
    }
    labels[s.begin] = ClassOf(t, kB);
    for (int k = s.begin + 1; k + 1 < s.end; ++k) labels[k] = ClassOf(t, kI);
    labels[s.end - 1] = ClassOf(t, kL);
  }
  return labels;
}

std::vector<NamedSpan> LabelsToSpans(const std::vector<int>& labels) {
  std::vector<NamedSpan> out;
  int open = -1;
  for (size_t i = 0; i < labels.size(); ++i) {
    int c = labels[i];
    if (c == 0) {
      open = -1;
      continue;
    }
    Part p = PartOfClass(c);
    int t = TypeOfClass(c);
    if (p == kU) {
      out.push_back(NamedSpan{static_cast<int>(i), static_cast<int>(i) + 1, kTypes[t]});
      open = -1;
    } else if (p == kB) {
      open = static_cast<int>(i);
    } else if (p == kL && open >= 0) {
      out.push_back(NamedSpan{open, static_cast<int>(i) + 1, kTypes[t]});
      open = -1;
    }
  }
  return out;
}

std::string Lower(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "Obama" -> "Xx", "U.S." -> "X.X.", "2014" -> "d", "iPhone" -> "xXx".
std::string ShortShape(const std::string& w) {
  std::string out;
  for (unsigned char c : w) {
    char k = std::isupper(c) ? 'X' : std::islower(c) ? 'x' : std::isdigit(c) ? 'd' : c >= 0x80 ? 'u' : static_cast<char>(c);
    if (out.empty() || out.back() != k) out += k;
  }
  return out;
}

bool Capitalized(const std::string& w) {
  return !w.empty() && std::isupper(static_cast<unsigned char>(w[0]));
}

bool AllUpper(const std::string& w) {
  bool letter = false;
  for (unsigned char c : w) {
    if (std::islower(c)) return false;
    if (std::isalpha(c)) letter = true;
  }
  return letter;
}

// Feature templates (the first argument of every FeatureHash).
enum Template : uint64_t {
  kBias = 1, kWord, kLower, kPrefix, kSuffix, kShape, kFlags, kPrevWord, kNextWord, kPrev2Word,
  kNext2Word, kPrevShape, kNextShape, kUpos, kXpos, kPrevUpos, kNextUpos, kUposBigram,
  kUposTrigram, kHist1, kHist2, kHist1Word, kHist1Shape, kSentStart, kCommon, kGazetteer,
  kTitleBefore, kDeprel, kHeadLemma, kDeprelHead, kCase, kGovernor, kDocCase, kAggregate,
  kAggregateSet, kOwnFirst, kPrevNextWord, kLength, kPrev2Upos, kNext2Upos, kDet, kNextLower,
  kRunFirst, kRunLast, kRunLength, kRunBefore, kRunAfter, kNames, kNounClass, kRunLastClass
};
constexpr int kMaxNameWords = 5;

// Words that may join capitalized words into one name ("Bank of America",
// "Procter & Gamble", "Ministry for the Environment").
bool RunConnector(const std::string& lower) {
  return lower == "of" || lower == "&" || lower == "and" || lower == "the" || lower == "de" ||
         lower == "for" || lower == "-";
}

// Whether `w` is a file name ("API.pdf"), an e-mail address
// ("rob@aol.com") or a web address ("http://...", "www.enron.com").
bool IsFileOrAddress(const std::string& w) {
  std::string low = Lower(w);
  if (low.rfind("http:", 0) == 0 || low.rfind("https:", 0) == 0 || low.rfind("www.", 0) == 0)
    return true;
  size_t at = low.find('@');
  if (at != std::string::npos && low.find('.', at) != std::string::npos) return true;
  static const char* kExtensions[] = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".htm",
                                      ".html", ".txt", ".ppt", ".pptx", ".jpg", ".jpeg",
                                      ".gif", ".png", ".zip", ".exe", ".wav", ".mp3", ".csv"};
  for (const char* x : kExtensions) {
    size_t n = std::strlen(x);
    if (low.size() > n && low.compare(low.size() - n, n, x) == 0) return true;
  }
  return false;
}

// The legal forms of companies that follow their names after a comma.
bool IsCompanySuffix(const std::string& w) {
  return w == "Inc." || w == "Inc" || w == "Ltd." || w == "Ltd" || w == "LLC" || w == "Corp." ||
         w == "L.P." || w == "Co.";
}

// Adds to `names` (sorted, of `sentence`, whose words lower-cased are
// `lowers`) the capitalized sequences of two or more words that end in an
// organization's head word ("Russia 's Federal Security Service",
// "an Iranian Opposition Group") and overlap no name: organizations the
// tagger left out. Not at the start of a sentence, whose capitals say
// nothing ("Great Service and hairstyles that last").
void AddOrganizationsByHeadWord(const Sentence& sentence, const std::vector<std::string>& lowers,
                                std::vector<NamedSpan>* names) {
  const std::vector<Token>& toks = sentence.tokens;
  const size_t n = toks.size();
  std::vector<bool> taken(n, false);
  for (const NamedSpan& span : *names)
    for (int k = std::max(0, span.begin); k < span.end && k < static_cast<int>(n); ++k) taken[k] = true;
  size_t first = n > 1 && !toks[0].form.empty() &&
                         !std::isalnum(static_cast<unsigned char>(toks[0].form[0])) ? 1 : 0;
  bool added = false;
  for (size_t b = 0; b < n;) {
    if (!Capitalized(toks[b].form)) {
      ++b;
      continue;
    }
    size_t e = b + 1;  // [b, e): capitalized words and the connectors between them
    while (e < n) {
      size_t k = e;
      while (k < n && k - e < 2 && RunConnector(lowers[k])) ++k;
      if (k < n && Capitalized(toks[k].form))
        e = k + 1;
      else
        break;
    }
    std::vector<std::string> words;
    bool free = true;
    for (size_t k = b; k < e; ++k) {
      words.push_back(toks[k].form);
      free &= !taken[k];
    }
    if (b > first && free && words.size() >= 2 &&
        (EndsWithOrganizationWord(words) ||
         TypeFromCues({words.back()}, "") == EntityType::kOrganization)) {
      names->push_back(NamedSpan{static_cast<int>(b), static_cast<int>(e), EntityType::kOrganization});
      added = true;
    }
    b = e;
  }
  if (added)
    SortByBegin(names);
}

// A filter in front of a lexicon of 64-bit keys: one bit for each bucket
// of keys (a power of two of them, about 32 per key), set when the lexicon
// has a key in the bucket. A clear bit says a key is not in the lexicon
// without a search of it (in a std::unordered_map, two memory fetches and
// a division); a set bit sends the lookup on (one in thirty keys not in
// the lexicon does). An empty filter lets every key by.
size_t FilterBucket(const std::vector<uint64_t>& filter, uint64_t key) {
  int bits = __builtin_ctzll(filter.size() * 64);  // log2 of the bucket count
  return (key * 0x9E3779B97F4A7C15ULL) >> (64 - bits);
}
bool FilterMayHave(const std::vector<uint64_t>& filter, uint64_t key) {
  if (filter.empty()) return true;
  size_t b = FilterBucket(filter, key);
  return (filter[b / 64] >> (b % 64)) & 1;
}
template <typename Lexicon>
std::vector<uint64_t> FilterOf(const Lexicon& lexicon) {
  size_t words = 1;
  while (words * 64 < lexicon.size() * 32) words <<= 1;
  std::vector<uint64_t> filter(words, 0);
  for (const auto& entry : lexicon) {
    size_t b = FilterBucket(filter, entry.first);
    filter[b / 64] |= uint64_t{1} << (b % 64);
  }
  return filter;
}

// The gazetteer's type bits of the sequences of 1 to kMaxGazetteerWords
// words starting at one word (by length - 1; -1: WordNet names none).
using GazetteerHit = std::array<int, kMaxGazetteerWords>;

// GazetteerHit of every word of a sentence whose words lower-cased are
// `lowers`. Every sequence is looked up once here: the features of each
// word through it (up to ten sequences a word) and CleanSpans's lower-case
// places read them from here.
std::vector<GazetteerHit> GazetteerHits(const std::unordered_map<uint64_t, uint8_t>& gazetteer,
                                        const std::vector<uint64_t>& filter,
                                        const std::vector<std::string>& lowers) {
  std::vector<GazetteerHit> hits(lowers.size());
  for (size_t start = 0; start < lowers.size(); ++start) {
    hits[start].fill(-1);
    std::string key;
    for (size_t len = 1; len <= kMaxGazetteerWords && start + len <= lowers.size(); ++len) {
      if (len > 1) key += ' ';
      key += lowers[start + len - 1];
      uint64_t hash = StringHash(key);
      if (!FilterMayHave(filter, hash)) continue;
      auto g = gazetteer.find(hash);
      if (g != gazetteer.end()) hits[start][len - 1] = g->second;
    }
  }
  return hits;
}

}  // namespace

// Everything the features of one document need, computed once.
struct EntityRecognizer::DocumentContext {
  struct Tok {
    uint64_t word, lower, shape, upos, xpos, deprel, head_lemma, case_word, governor, flags;
    uint64_t prefix[4], suffix[4];
    bool capitalized, sentence_start, common, title_before, det_the;
    std::vector<uint64_t> gazetteer;  // gazetteer features
    std::vector<uint64_t> names;      // name lexicon features
    uint64_t doc_case = 0;            // how the word is written elsewhere in the document
    uint64_t aggregate = 0;           // pass 2: what pass 1 said about the word elsewhere
    uint64_t aggregate_set = 0;
    uint64_t own_first = 0;
    // The capitalized sequence the word is in ("University of Texas at
    // Austin" is "University of Texas"): its first and last words, the
    // word's part in it (B, I, L, U; 4 outside any) and the words around it.
    uint64_t run_first = 0, run_last = 0, run_before = 0, run_after = 0;
    int run_part = 4, run_length = 0;
    // WordNet's lexicographer file of the word's most frequent sense as an
    // ordinary noun + 1 (0: none), and that of the sequence's last word:
    // "Committee" is a group, "Hall" an artifact, "Lake" an object.
    uint64_t noun_class = 0, run_last_class = 0;
  };
  std::vector<std::vector<Tok>> sentences;
  std::vector<std::vector<std::string>> lowers;  // each word, lower-cased
  // Each sentence's GazetteerHits (none when there is no gazetteer), read
  // by the features and again by CleanSpans.
  std::vector<std::vector<GazetteerHit>> gazetteer_hits;
};

void EntityRecognizer::Features(const DocumentContext& doc, size_t s, size_t i, int p1, int p2,
                                bool second, std::vector<uint64_t>* out) const {
  const std::vector<DocumentContext::Tok>& toks = doc.sentences[s];
  const DocumentContext::Tok& t = toks[i];
  static const uint64_t kNone = StringHash("<none>");
  auto at = [&](long k) -> const DocumentContext::Tok* {
    return k >= 0 && k < static_cast<long>(toks.size()) ? &toks[k] : nullptr;
  };
  const DocumentContext::Tok* m1 = at(static_cast<long>(i) - 1);
  const DocumentContext::Tok* m2 = at(static_cast<long>(i) - 2);
  const DocumentContext::Tok* n1 = at(static_cast<long>(i) + 1);
  const DocumentContext::Tok* n2 = at(static_cast<long>(i) + 2);
  out->clear();
  auto add = [&](uint64_t a, uint64_t b) { out->push_back(FeatureHash(a, b)); };
  auto add3 = [&](uint64_t a, uint64_t b, uint64_t c) { out->push_back(FeatureHash(a, b, c)); };
  add(kBias, 0);
  add(kWord, t.word);
  add(kLower, t.lower);
  for (int k = 0; k < 4; ++k) {
    if (t.prefix[k]) add3(kPrefix, k, t.prefix[k]);
    if (t.suffix[k]) add3(kSuffix, k, t.suffix[k]);
  }
  add(kShape, t.shape);
  add(kFlags, t.flags);
  add(kPrevWord, m1 ? m1->lower : kNone);
  add(kNextWord, n1 ? n1->lower : kNone);
  add(kPrev2Word, m2 ? m2->lower : kNone);
  add(kNext2Word, n2 ? n2->lower : kNone);
  add3(kPrevNextWord, m1 ? m1->lower : kNone, n1 ? n1->lower : kNone);
  add3(kNextLower, t.lower, n1 ? n1->lower : kNone);
  add3(kPrevShape, m1 ? m1->shape : kNone, t.shape);
  add3(kNextShape, t.shape, n1 ? n1->shape : kNone);
  add(kUpos, t.upos);
  add(kXpos, t.xpos);
  add3(kPrevUpos, m1 ? m1->upos : kNone, t.upos);
  add3(kNextUpos, t.upos, n1 ? n1->upos : kNone);
  add(kPrev2Upos, m2 ? m2->upos : kNone);
  add(kNext2Upos, n2 ? n2->upos : kNone);
  out->push_back(FeatureHash(kUposTrigram, m1 ? m1->upos : kNone, t.upos, n1 ? n1->upos : kNone));
  add(kHist1, static_cast<uint64_t>(p1));
  add3(kHist2, static_cast<uint64_t>(p1), static_cast<uint64_t>(p2));
  add3(kHist1Word, static_cast<uint64_t>(p1), t.lower);
  add3(kHist1Shape, static_cast<uint64_t>(p1), t.shape);
  add3(kSentStart, t.sentence_start, t.capitalized * 2 + t.common);
  add3(kCommon, t.common, t.shape);
  for (uint64_t g : t.gazetteer) add(kGazetteer, g);
  for (uint64_t g : t.names) add(kNames, g);
  add3(kTitleBefore, t.title_before, t.shape);
  add(kDeprel, t.deprel);
  add3(kHeadLemma, t.head_lemma, t.capitalized);
  add3(kDeprelHead, t.deprel, t.head_lemma);
  add3(kCase, t.case_word, t.capitalized);
  add3(kGovernor, t.governor, t.case_word);
  add3(kDet, t.det_the, t.capitalized);
  add3(kDocCase, t.doc_case, t.sentence_start);
  if (t.run_part != 4) {
    add3(kRunFirst, t.run_first, t.run_part);
    add3(kRunLast, t.run_last, t.run_part);
    add3(kRunLength, static_cast<uint64_t>(std::min(t.run_length, 5)), t.run_part);
    add3(kRunBefore, t.run_before, t.run_part);
    add3(kRunAfter, t.run_after, t.run_part);
    add3(kRunLastClass, t.run_last_class, t.run_part);
  }
  add3(kNounClass, t.noun_class, t.capitalized);
  if (second) {
    add3(kAggregate, t.aggregate, t.capitalized);
    add(kAggregateSet, t.aggregate_set);
    add3(kOwnFirst, t.own_first, t.aggregate);
  }
}

void EntityRecognizer::FilterLexicons() {
  gazetteer_filter_ = FilterOf(gazetteer_);
  names_filter_ = FilterOf(names_);
}

uint64_t EntityRecognizer::NounClass(const std::string& word) const {
  auto it = noun_classes_.find(static_cast<uint32_t>(StringHash(NormalizeWord(word))));
  return it == noun_classes_.end() ? 0 : it->second + 1;
}

std::vector<std::vector<int>> EntityRecognizer::Label(const DocumentContext& doc,
                                                      bool second) const {
  const PerceptronModel& model = second ? second_ : first_;
  std::vector<std::vector<int>> out(doc.sentences.size());
  std::vector<uint64_t> feats;
  std::vector<float> scores(kNumClasses);
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    size_t n = doc.sentences[s].size();
    out[s].assign(n, 0);
    int p1 = kBos, p2 = kBos;
    for (size_t i = 0; i < n; ++i) {
      Features(doc, s, i, p1, p2, second, &feats);
      std::fill(scores.begin(), scores.end(), 0.0f);
      model.Score(feats.data(), feats.size(), scores.data());
      int best = -1;
      for (int c = 0; c < kNumClasses; ++c) {
        if (!Allowed(p1, c)) continue;
        // The last word closes any name.
        if (i + 1 == n && c != 0 && (PartOfClass(c) == kB || PartOfClass(c) == kI)) continue;
        if (best < 0 || scores[c] > scores[best]) best = c;
      }
      out[s][i] = best;
      p2 = p1;
      p1 = best;
    }
  }
  return out;
}

void EntityRecognizer::AddFirstPass(const std::vector<std::vector<int>>& first,
                                    DocumentContext* doc) {
  const std::vector<std::vector<std::string>>& lowers = doc->lowers;
  // Per lower-cased capitalized word: how often pass 1 put it in a name of
  // each type (and outside any name).
  std::map<std::string, std::vector<int>> counts;
  for (size_t s = 0; s < first.size(); ++s)
    for (size_t i = 0; i < first[s].size(); ++i) {
      std::vector<int>& c = counts[lowers[s][i]];
      c.resize(kNumTypes + 1);
      int l = first[s][i];
      ++c[l == 0 ? kNumTypes : TypeOfClass(l)];
    }
  for (size_t s = 0; s < first.size(); ++s) {
    for (size_t i = 0; i < first[s].size(); ++i) {
      std::vector<int> c = counts[lowers[s][i]];
      int l = first[s][i];
      --c[l == 0 ? kNumTypes : TypeOfClass(l)];  // elsewhere only
      int best = -1, total = 0;
      uint64_t set = 0;
      for (int k = 0; k <= kNumTypes; ++k) {
        total += c[k];
        if (c[k] > 0) set |= 1ULL << k;
        if (c[k] > 0 && (best < 0 || c[k] > c[best])) best = k;
      }
      DocumentContext::Tok& t = doc->sentences[s][i];
      t.aggregate = total == 0 ? 99 : static_cast<uint64_t>(best);
      t.aggregate_set = set;
      t.own_first = static_cast<uint64_t>(l);
    }
  }
}

EntityRecognizer::DocumentContext EntityRecognizer::BuildContext(
    const std::vector<Sentence>& document, const NameCounts* own) const {
  DocumentContext doc;
  doc.sentences.resize(document.size());
  doc.lowers.resize(document.size());
  doc.gazetteer_hits.resize(document.size());
  std::vector<std::vector<std::string>>& lowers = doc.lowers;
  std::map<std::string, std::pair<int, int>> cases;  // lower -> (capitalized mid-sentence, lower)
  for (size_t s = 0; s < document.size(); ++s) {
    const Sentence& sent = document[s];
    for (size_t i = 0; i < sent.tokens.size(); ++i) {
      const std::string& f = sent.tokens[i].form;
      std::string low = Lower(f);
      lowers[s].push_back(low);
      if (i > 0 && Capitalized(f)) ++cases[low].first;
      if (!Capitalized(f)) ++cases[low].second;
    }
  }
  for (size_t s = 0; s < document.size(); ++s) {
    const Sentence& sent = document[s];
    const size_t n = sent.tokens.size();
    std::vector<DocumentContext::Tok>& toks = doc.sentences[s];
    toks.resize(n);
    if (!gazetteer_.empty())
      doc.gazetteer_hits[s] = GazetteerHits(gazetteer_, gazetteer_filter_, lowers[s]);
    const std::vector<GazetteerHit>& gazetteer_hits = doc.gazetteer_hits[s];
    for (size_t i = 0; i < n; ++i) {
      const Token& tk = sent.tokens[i];
      DocumentContext::Tok& t = toks[i];
      const std::string& low = lowers[s][i];
      t.word = StringHash(tk.form);
      t.lower = StringHash(NormalizeWord(tk.form));
      std::string shape = ShortShape(tk.form);
      t.shape = StringHash(shape);
      for (int k = 0; k < 4; ++k) {
        t.prefix[k] = low.size() > static_cast<size_t>(k + 1) ? StringHash(low.substr(0, k + 1)) : 0;
        t.suffix[k] = low.size() > static_cast<size_t>(k + 1) ? StringHash(low.substr(low.size() - k - 1)) : 0;
      }
      t.upos = StringHash(tk.upos);
      t.xpos = StringHash(tk.xpos);
      t.deprel = StringHash(tk.deprel);
      t.capitalized = Capitalized(tk.form);
      t.sentence_start = i == 0 || (i == 1 && !std::isalnum(static_cast<unsigned char>(sent.tokens[0].form[0])));
      t.common = common_words_.count(static_cast<uint32_t>(StringHash(NormalizeWord(tk.form)))) > 0;
      t.noun_class = NounClass(tk.form);
      t.flags = (t.capitalized ? 1 : 0) | (AllUpper(tk.form) ? 2 : 0) |
                (tk.form.find_first_of("0123456789") != std::string::npos ? 4 : 0) |
                (tk.form.find('-') != std::string::npos ? 8 : 0) |
                (tk.form.find('.') != std::string::npos ? 16 : 0) |
                (std::min<size_t>(tk.form.size(), 6) << 5);
      t.title_before = i > 0 && IsPersonTitle(sent.tokens[i - 1].form);
      int h = tk.head;
      t.head_lemma = StringHash(h >= 0 && h < static_cast<int>(n) ? Lower(sent.tokens[h].lemma) : "<root>");
      // The phrase this word names: climb flat/compound links to its head.
      int ph = static_cast<int>(i);
      for (int guard = 0; guard < 8; ++guard) {
        const Token& pt = sent.tokens[ph];
        if ((pt.deprel == "flat" || pt.deprel == "compound" || pt.deprel == "nmod:poss" ||
             pt.deprel == "appos") && pt.head >= 0 && pt.head < static_cast<int>(n) &&
            std::abs(pt.head - ph) <= 3)
          ph = pt.head;
        else
          break;
      }
      std::string case_word = "<none>";
      t.det_the = false;
      for (size_t k = 0; k < n; ++k) {
        if (sent.tokens[k].head != ph) continue;
        if (sent.tokens[k].deprel == "case") case_word = Lower(sent.tokens[k].form);
        if (sent.tokens[k].deprel == "det" && Lower(sent.tokens[k].form) == "the") t.det_the = true;
      }
      t.case_word = StringHash(case_word + "/" + sent.tokens[ph].deprel);
      int gh = sent.tokens[ph].head;
      t.governor = StringHash(gh >= 0 && gh < static_cast<int>(n) ? Lower(sent.tokens[gh].lemma) : "<root>");
      auto c = cases.find(low);
      int elsewhere_cap = c == cases.end() ? 0 : c->second.first - (i > 0 && t.capitalized);
      int elsewhere_low = c == cases.end() ? 0 : c->second.second - (!t.capitalized);
      t.doc_case = (elsewhere_cap > 0 ? 1 : 0) | (elsewhere_low > 0 ? 2 : 0);
      // Gazetteer: every word sequence through i that WordNet names.
      if (!gazetteer_.empty() && std::isalpha(static_cast<unsigned char>(tk.form[0]))) {
        for (int len = 1; len <= kMaxGazetteerWords; ++len) {
          for (int start = static_cast<int>(i) - len + 1; start <= static_cast<int>(i); ++start) {
            if (start < 0 || start + len > static_cast<int>(n)) continue;
            int bits = gazetteer_hits[start][len - 1];
            if (bits < 0) continue;
            int part = len == 1 ? 3 : static_cast<int>(i) == start ? 0 : static_cast<int>(i) == start + len - 1 ? 2 : 1;
            t.gazetteer.push_back(FeatureHash(bits, part, std::min(len, 3), t.capitalized));
          }
        }
      }
    }
    // Name lexicon: every word sequence through a word that was a name in
    // the training documents (other than this one), by the types it had.
    if (!names_.empty()) {
      for (int b = 0; b < static_cast<int>(n); ++b) {
        if (!std::isalnum(static_cast<unsigned char>(lowers[s][b][0]))) continue;
        std::string key;
        for (int len = 1; len <= kMaxNameWords && b + len <= static_cast<int>(n); ++len) {
          if (len > 1) key += ' ';
          key += lowers[s][b + len - 1];
          uint64_t hash = StringHash(key);
          if (!FilterMayHave(names_filter_, hash)) continue;
          auto it = names_.find(hash);
          if (it == names_.end()) continue;
          std::array<uint32_t, kNumTypes> c = it->second;
          if (own) {
            auto o = own->find(it->first);
            if (o != own->end())
              for (int k = 0; k < kNumTypes; ++k) c[k] -= o->second[k];
          }
          int best = -1;
          uint64_t bits = 0;
          for (int k = 0; k < kNumTypes; ++k) {
            if (c[k] > 0) bits |= 1u << k;
            if (c[k] > 0 && (best < 0 || c[k] > c[best])) best = k;
          }
          if (best < 0) continue;
          for (int i = b; i < b + len; ++i) {
            int part = len == 1 ? 3 : i == b ? 0 : i == b + len - 1 ? 2 : 1;
            toks[i].names.push_back(FeatureHash(best, part, std::min(len, 3), toks[i].capitalized));
            toks[i].names.push_back(FeatureHash(bits, part));
          }
        }
      }
    }
    // Capitalized sequences, joined by connectors between capitalized words.
    static const uint64_t kEdge = StringHash("<edge>");
    for (size_t b = 0; b < n;) {
      if (!toks[b].capitalized) {
        ++b;
        continue;
      }
      size_t e = b + 1;  // [b, e) so far ends on a capitalized word
      while (e < n) {
        if (toks[e].capitalized) {
          ++e;
          continue;
        }
        size_t k = e;
        while (k < n && k - e < 2 && RunConnector(lowers[s][k])) ++k;
        if (k > e && k < n && toks[k].capitalized)
          e = k + 1;
        else
          break;
      }
      const int len = static_cast<int>(e - b);
      for (size_t i = b; i < e; ++i) {
        DocumentContext::Tok& t = toks[i];
        t.run_part = len == 1 ? 3 : i == b ? 0 : i + 1 == e ? 2 : 1;
        t.run_length = len;
        t.run_first = StringHash(lowers[s][b]);
        t.run_last = StringHash(lowers[s][e - 1]);
        t.run_before = b > 0 ? StringHash(lowers[s][b - 1]) : kEdge;
        t.run_after = e < n ? StringHash(lowers[s][e]) : kEdge;
        t.run_last_class = toks[e - 1].noun_class;
      }
      b = e;
    }
  }
  return doc;
}

std::vector<std::vector<NamedSpan>> EntityRecognizer::Recognize(
    const std::vector<Sentence>& document) const {
  DocumentContext doc = BuildContext(document);
  std::vector<std::vector<int>> labels = Label(doc, false);
  if (second_.num_classes() > 0) {
    AddFirstPass(labels, &doc);
    labels = Label(doc, true);
  }
  std::vector<std::vector<NamedSpan>> out;
  out.reserve(labels.size());
  for (size_t si = 0; si < labels.size(); ++si)
    out.push_back(CleanSpans(document[si], doc, si, LabelsToSpans(labels[si])));
  // One name, one type within a document: each name takes the type it was
  // given most often in the document (ties keep their own).
  std::map<std::string, std::array<int, kNumTypes>> votes;
  auto key = [&](size_t si, const NamedSpan& span) {
    std::string k;
    for (int i = span.begin; i < span.end; ++i) k += doc.lowers[si][i] + " ";
    return k;
  };
  for (size_t si = 0; si < out.size(); ++si)
    for (const NamedSpan& span : out[si]) ++votes[key(si, span)][TypeIndex(span.type)];
  for (size_t si = 0; si < out.size(); ++si) {
    for (NamedSpan& span : out[si]) {
      const std::array<int, kNumTypes>& v = votes[key(si, span)];
      int best = TypeIndex(span.type);
      for (int k = 0; k < kNumTypes; ++k)
        if (v[k] > v[best]) best = k;
      span.type = kTypes[best];
      // A person's name ending in a company word is a company ("Apple Corps").
      if (span.type == EntityType::kPerson) {
        std::vector<std::string> words;
        for (int i = span.begin; i < span.end; ++i) words.push_back(document[si].tokens[i].form);
        if (EndsWithOrganizationWord(words)) span.type = EntityType::kOrganization;
      }
    }
    AddOrganizationsByHeadWord(document[si], doc.lowers[si], &out[si]);
  }
  return out;
}

std::vector<NamedSpan> EntityRecognizer::CleanSpans(const Sentence& sentence,
                                                    const DocumentContext& doc, size_t s,
                                                    const std::vector<NamedSpan>& spans) const {
  const std::vector<std::string>& lowers = doc.lowers[s];
  const std::vector<Token>& toks = sentence.tokens;
  const int n = static_cast<int>(toks.size());
  auto punct = [&](int k) {
    const std::string& f = toks[k].form;
    return f == "(" || f == ")" || f == "," || f == ";" || f == ":" || f == "\"" || f == "!" ||
           f == "?" || f == "/" || f == "[" || f == "]";
  };
  auto digits = [&](int k) { return text::IsDigits(toks[k].form); };
  // A sentence shouted in capitals ("YOU WILL FALL IN LOVE"): its capitals
  // say nothing about names.
  int letters = 0, caps = 0;
  for (const Token& t : toks) {
    if (t.form.size() < 2 || !std::isalpha(static_cast<unsigned char>(t.form[0]))) continue;
    ++letters;
    caps += AllUpper(t.form);
  }
  bool shouting = letters >= 3 && caps * 2 > letters;
  std::vector<NamedSpan> out;
  auto keep = [&](int b, int e, EntityType type) {
    while (e > b && digits(e - 1)) --e;  // "Rudwell 53596"
    if (b >= e) return;
    // "Russian", "Middle Eastern": adjectives of nationality are no names.
    bool adjectives = true;
    for (int k = b; k < e; ++k) adjectives &= toks[k].upos == "ADJ";
    if (adjectives) return;
    bool letter = false;  // "08/16/2000 03:14:14" is no name
    for (int k = b; k < e; ++k)
      letter |= std::any_of(toks[k].form.begin(), toks[k].form.end(),
                            [](unsigned char c) { return std::isalpha(c); });
    if (!letter) return;
    // "CrudeStocks.pdf", "RobBrnglsn@aol.com": files and addresses are no names.
    for (int k = b; k < e; ++k)
      if (IsFileOrAddress(toks[k].form)) return;
    // "X happens after Z": a lone letter is a variable, not a name.
    // (With its full stop, "X." as an initial, it is no name on its own.)
    if (e - b == 1 && (toks[b].form.size() == 1 || (toks[b].form.size() == 2 && toks[b].form[1] == '.')))
      return;
    if (shouting) {
      bool all_common = true;
      for (int k = b; k < e; ++k)
        all_common &= common_words_.count(static_cast<uint32_t>(StringHash(NormalizeWord(toks[k].form)))) > 0 ||
                      lowers[k] == "of" || lowers[k] == "the";
      if (all_common) return;
    }
    out.push_back(NamedSpan{b, e, type});
  };
  for (const NamedSpan& span : spans) {
    // A name never runs over brackets or commas: "Peak District ( Derbyshire";
    // nor, when it has capitals, over an ordinary lower-case word other than
    // "of", "the", "and"...: "Traci Warner@ENRON on 08/16/2000".
    int b = std::max(0, span.begin), end = std::min(n, span.end);
    bool cased = false;
    for (int k = b; k < end; ++k) cased |= Capitalized(toks[k].form);
    auto cut = [&](int k) {
      if (!cased || !std::islower(static_cast<unsigned char>(toks[k].form[0]))) return false;
      return !RunConnector(lowers[k]) &&
             common_words_.count(static_cast<uint32_t>(StringHash(NormalizeWord(toks[k].form)))) > 0;
    };
    for (int k = b; k <= end; ++k) {
      if (k == end || punct(k) || cut(k)) {
        keep(b, k, span.type);
        b = k + 1;
      }
    }
  }
  // An ampersand between capitalized words joins one name, an
  // organization's ("Procter & Gamble", "Mary & Leigh Block Museum of
  // Art"), not two: the name runs on over it to the capitalized words
  // (and the name) after it. A person's name runs on only into an
  // organization's, or when both sides are one family name each (below);
  // "John Smith & Mary Jones" stay two.
  for (size_t k = 0; k < out.size(); ++k) {
    int amp = out[k].end;
    if (amp + 1 >= n || toks[amp].form != "&" || !Capitalized(toks[amp + 1].form) ||
        !Capitalized(toks[amp - 1].form))
      continue;
    bool next_is_name = k + 1 < out.size() && out[k + 1].begin == amp + 1;
    int e = amp + 1;
    auto joins = [&](int k) {  // "Museum of Art", "Bank of the West"
      return (lowers[k] == "of" || lowers[k] == "the") && k + 1 < n &&
             (Capitalized(toks[k + 1].form) || lowers[k + 1] == "the");
    };
    while (e < n && (Capitalized(toks[e].form) || joins(e))) ++e;
    std::vector<std::string> after;
    for (int i = amp + 1; i < e; ++i) after.push_back(toks[i].form);
    bool person_before = out[k].type == EntityType::kPerson;
    bool person_after = next_is_name && out[k + 1].type == EntityType::kPerson;
    // (Two family names alone are a firm's name, "Procter & Gamble",
    // "Ernst & Young", but not in a citation: "(Carrano & Biewener 1999)".)
    bool citation = (e < n && text::IsDigits(toks[e].form)) ||
                    (e + 1 < n && toks[e].form == "(" && text::IsDigits(toks[e + 1].form)) ||
                    (out[k].begin > 0 && toks[out[k].begin - 1].form == "(");
    bool family_names = out[k].end - out[k].begin == 1 && e - amp == 2 && !citation;
    if ((person_before || person_after) && !family_names && !EndsWithOrganizationWord(after))
      continue;
    while (k + 1 < out.size() && out[k + 1].begin < e) {
      e = std::max(e, out[k + 1].end);
      out.erase(out.begin() + k + 1);
    }
    out[k].end = e;
    out[k].type = EntityType::kOrganization;
  }
  // (And back over it, from a name the recognizer found only after it:
  // "Procter & Gamble".)
  for (size_t k = 0; k < out.size(); ++k) {
    int amp = out[k].begin - 1;
    if (amp < 1 || toks[amp].form != "&" || !Capitalized(toks[amp - 1].form) ||
        !Capitalized(toks[amp + 1].form) || (k > 0 && out[k - 1].end > amp - 1) ||
        out[k].type == EntityType::kPerson)
      continue;
    int b = amp - 1;
    while (b > 0 && Capitalized(toks[b - 1].form) && lowers[b - 1] != "the") --b;
    out[k].begin = b;
    out[k].type = EntityType::kOrganization;
  }
  // A company's legal form after a comma is part of its name ("Google ,
  // Inc."), which names an organization.
  for (size_t k = 0; k < out.size(); ++k) {
    int e = out[k].end;
    if (e + 1 >= n || toks[e].form != "," || !IsCompanySuffix(toks[e + 1].form)) continue;
    out[k].end = e + 2;
    out[k].type = EntityType::kOrganization;
    if (k + 1 < out.size() && out[k + 1].begin < e + 2) out.erase(out.begin() + k + 1);
  }
  // A name followed by a possessive that ends its phrase names a business
  // ("dinner at Alan 's", "the Wendy s on Main"): the possessive is part of
  // the name, and a person's name so used names a shop or restaurant.
  for (NamedSpan& span : out) {
    int e = span.end;
    if (e >= n || !Capitalized(toks[e - 1].form)) continue;
    const std::string& f = toks[e].form;
    if (f != "'s" && f != "s" && f != "\xe2\x80\x99s") continue;  // 's, s, ’s
    if (e + 1 < n) {
      const std::string& u = toks[e + 1].upos;
      if (u == "NOUN" || u == "PROPN" || u == "ADJ" || u == "NUM" || u == "X" || u == "SYM") continue;
    }
    span.end = e + 1;
    if (span.type == EntityType::kPerson) span.type = EntityType::kOrganization;
  }
  // Words written in lower case ("i am from mexico traveling to san
  // francisco", "flights to chicago"): the places WordNet knows that are no
  // ordinary word. In text written all in lower case the words after the
  // first; elsewhere only words not capitalized (the tagger sees those).
  bool lower_case_text = n >= 4;
  for (int k = 1; k < n && lower_case_text; ++k)
    lower_case_text = toks[k].form.empty() || !std::isupper(static_cast<unsigned char>(toks[k].form[0]));
  if (!gazetteer_.empty()) {
    std::vector<bool> taken(n, false);
    for (const NamedSpan& span : out)
      for (int k = span.begin; k < span.end; ++k) taken[k] = true;
    for (int b = 0; b < n; ++b) {
      for (int len = std::min(kMaxGazetteerWords, n - b); len >= 1; --len) {
        bool free = true;
        for (int k = b; k < b + len; ++k) {
          free &= !taken[k] && (lower_case_text || !std::isupper(static_cast<unsigned char>(toks[k].form[0])));
        }
        // (c_str: an empty word's first character is '\0', no letter.)
        if (!free || !std::isalpha(static_cast<unsigned char>(lowers[b].c_str()[0]))) continue;
        int bits = doc.gazetteer_hits[s][b][len - 1];
        // Places, and no person's or group's name ("france" is also
        // Anatole France); other senses (Chicago, a card game) may be.
        if (bits < 0 || !(bits & 4) || (bits & 3)) continue;
        const std::string& word = lowers[b];  // the whole sequence when len == 1
        if (len == 1 && (word.size() < 4 || toks[b].upos == "PRON" ||
                         common_words_.count(static_cast<uint32_t>(StringHash(NormalizeWord(word))))))
          continue;
        out.push_back(NamedSpan{b, b + len, EntityType::kPlace});
        for (int k = b; k < b + len; ++k) taken[k] = true;
        b += len - 1;
        break;
      }
    }
    SortByBegin(&out);
  }
  return out;
}


NerScores EntityRecognizer::Evaluate(const std::vector<AnnotatedDocument>& docs,
                                     const std::vector<EntityType>& types) const {
  std::vector<std::vector<std::vector<NamedSpan>>> gold, predicted;
  for (const AnnotatedDocument& d : docs) {
    gold.push_back(d.names);
    predicted.push_back(Recognize(d.sentences));
  }
  return ScoreNames(gold, predicted, types);
}


namespace {
// Gazetteer type bits, from a synset's lexicographer file.
uint8_t GazetteerBits(int lex_file) {
  switch (lex_file) {
    case 18: return 1;        // noun.person
    case 14: return 2;        // noun.group: organisations, peoples
    case 15: return 4;        // noun.location
    case 11: return 8;        // noun.event
    case 6:                   // noun.artifact: products, buildings
    case 10: return 16;       // noun.communication: works, publications
    default: return 32;
  }
}

void Shuffle(std::vector<size_t>& v, std::mt19937_64& rng) {
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng() % i]);
}
}  // namespace

void EntityRecognizer::BuildLexicons(const std::string& wordnet_dir) {
  if (wordnet_dir.empty()) return;
  Result<std::unique_ptr<WordNet>> wn = WordNet::Load(wordnet_dir);
  if (!wn.ok()) return;
  // Proper nouns: the capitalized lemmas ("Vladimir Putin", "Boeing") of
  // up to kMaxGazetteerWords words. WordNet's index files are lower case,
  // so a noun is an ordinary word only when some synset writes it so
  // ("apple" yes, "iran" no).
  std::unordered_set<uint32_t> lower_nouns;
  std::set<std::string> lower_words;
  (*wn)->ForEachSynset([&](const WordNetSynset& synset) {
    for (const std::string& w : synset.words) {
      if (w.empty()) continue;
      if (!std::isupper(static_cast<unsigned char>(w[0]))) {
        if (w.find(' ') == std::string::npos) {
          lower_nouns.insert(static_cast<uint32_t>(StringHash(NormalizeWord(w))));
          lower_words.insert(w);
        }
        continue;
      }
      if (std::count(w.begin(), w.end(), ' ') >= kMaxGazetteerWords) continue;
      gazetteer_[StringHash(Lower(w))] |= GazetteerBits(synset.lex_file);
    }
  });
  // Ordinary nouns by the lexicographer file of their most frequent sense.
  for (const std::string& w : lower_words) {
    std::vector<WordNetSynset> senses = (*wn)->Synsets(w);
    if (!senses.empty())
      noun_classes_[static_cast<uint32_t>(StringHash(NormalizeWord(w)))] =
          static_cast<uint8_t>(senses[0].lex_file);
  }
  for (const auto& [word, bits] : ReadWordNetWordClasses(wordnet_dir)) {
    bool other_class = (bits & (kWnVerb | kWnAdj | kWnAdv)) != 0;
    if (other_class || ((bits & kWnNoun) && lower_nouns.count(word))) common_words_.insert(word);
  }
}

PerceptronModel EntityRecognizer::TrainPass(
    const std::vector<DocumentContext>& contexts,
    const std::vector<std::vector<std::vector<int>>>& gold,
    const std::vector<AnnotatedDocument>& dev, const NerTrainOptions& options, int epochs,
    bool second, int* best_epoch) {
  PerceptronTrainer trainer(kNumClasses);
  std::vector<size_t> order(contexts.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(options.seed + (second ? 1000 : 0));
  std::vector<uint64_t> feats;
  std::vector<float> scores(kNumClasses);
  PerceptronModel& target = second ? second_ : first_;
  PerceptronModel best_model;
  double best_dev = -1;
  for (int epoch = 0; epoch < epochs; ++epoch) {
    Shuffle(order, rng);
    size_t correct = 0, total = 0;
    for (size_t d : order) {
      const DocumentContext& doc = contexts[d];
      for (size_t s = 0; s < doc.sentences.size(); ++s) {
        size_t n = doc.sentences[s].size();
        int p1 = kBos, p2 = kBos;
        for (size_t i = 0; i < n; ++i) {
          Features(doc, s, i, p1, p2, second, &feats);
          std::fill(scores.begin(), scores.end(), 0.0f);
          trainer.Score(feats.data(), feats.size(), scores.data());
          int guess = -1;
          for (int c = 0; c < kNumClasses; ++c) {
            if (!Allowed(p1, c)) continue;
            if (guess < 0 || scores[c] > scores[guess]) guess = c;
          }
          int truth = gold[d][s][i];
          trainer.Update(feats.data(), feats.size(), truth, guess);
          trainer.Tick();
          correct += guess == truth;
          ++total;
          p2 = p1;
          p1 = guess;
        }
      }
    }
    target = trainer.Finish(options.prune);
    double dev_f1 = dev.empty() ? epoch : Evaluate(dev, options.dev_types).overall.f1();
    if (options.verbose) {
      std::cerr << "ner " << (second ? "pass 2" : "pass 1") << " epoch " << (epoch + 1)
                << ": train " << (100.0 * correct / std::max<size_t>(total, 1))
                << "% tokens, dev F1 " << dev_f1 << ", " << target.num_features()
                << " features\n";
    }
    if (dev_f1 > best_dev) {
      best_dev = dev_f1;
      best_model = target;
      if (best_epoch) *best_epoch = epoch + 1;
    }
  }
  return best_model;
}

std::unique_ptr<EntityRecognizer> EntityRecognizer::Train(
    const std::vector<AnnotatedDocument>& train, const std::vector<AnnotatedDocument>& dev,
    const NerTrainOptions& options, const std::string& wordnet_dir) {
  std::unique_ptr<EntityRecognizer> ner(new EntityRecognizer());
  ner->BuildLexicons(wordnet_dir);
  if (options.verbose)
    std::cerr << "ner lexicons: " << ner->gazetteer_.size() << " WordNet proper nouns, "
              << ner->common_words_.size() << " common words\n";
  // The name lexicon: each training document's names, counted.
  std::vector<NameCounts> own(train.size());
  for (size_t di = 0; di < train.size(); ++di) {
    const AnnotatedDocument& d = train[di];
    for (size_t s = 0; s < d.names.size() && s < d.sentences.size(); ++s) {
      for (const NamedSpan& span : d.names[s]) {
        if (span.end - span.begin > kMaxNameWords || span.begin < 0 ||
            span.end > static_cast<int>(d.sentences[s].tokens.size()))
          continue;
        std::string key;
        for (int k = span.begin; k < span.end; ++k)
          key += (k > span.begin ? " " : "") + Lower(d.sentences[s].tokens[k].form);
        ++own[di][StringHash(key)][TypeIndex(span.type)];
      }
    }
    for (const auto& [key, counts] : own[di])
      for (int k = 0; k < kNumTypes; ++k) ner->names_[key][k] += counts[k];
  }
  ner->FilterLexicons();
  std::vector<DocumentContext> contexts;
  std::vector<std::vector<std::vector<int>>> gold;
  for (size_t di = 0; di < train.size(); ++di) {
    const AnnotatedDocument& d = train[di];
    contexts.push_back(ner->BuildContext(d.sentences, &own[di]));
    std::vector<std::vector<int>>& g = gold.emplace_back();
    for (size_t s = 0; s < d.sentences.size(); ++s)
      g.push_back(SpansToLabels(d.sentences[s].tokens.size(),
                                s < d.names.size() ? d.names[s] : std::vector<NamedSpan>{}));
  }
  int best_epoch = options.epochs;
  // Each pass is the mean of `options.average` models trained in different
  // orders: one model's luck in the order it met the documents evens out.
  auto averaged = [&](bool second, int* best) {
    std::vector<PerceptronModel> models;
    for (int k = 0; k < std::max(1, options.average); ++k) {
      NerTrainOptions o = options;
      o.seed = options.seed + 7919 * static_cast<uint64_t>(k);
      models.push_back(ner->TrainPass(contexts, gold, dev, o, options.epochs, second, best));
    }
    return models.size() == 1 ? models[0] : PerceptronModel::Average(models);
  };
  ner->first_ = averaged(false, &best_epoch);
  if (options.folds < 2 || train.size() < static_cast<size_t>(2 * options.folds)) return ner;

  // Pass 2 learns from pass-1 labels of documents the pass-1 model did not
  // see (jackknifing), so they are as wrong as at run time.
  const size_t n = train.size();
  std::vector<std::vector<std::vector<int>>> first_labels(n);
  RunJobs(options.folds, [&](int f) {
    size_t begin = n * f / options.folds, end = n * (f + 1) / options.folds;
    std::vector<DocumentContext> rest;
    std::vector<std::vector<std::vector<int>>> rest_gold;
    for (size_t i = 0; i < n; ++i) {
      if (i >= begin && i < end) continue;
      rest.push_back(contexts[i]);
      rest_gold.push_back(gold[i]);
    }
    EntityRecognizer sub;
    NerTrainOptions o = options;
    o.verbose = false;
    o.seed = options.seed + 1 + f;
    sub.first_ = sub.TrainPass(rest, rest_gold, {}, o, best_epoch, false, nullptr);
    for (size_t i = begin; i < end; ++i) first_labels[i] = sub.Label(contexts[i], false);
  });
  for (size_t i = 0; i < n; ++i) AddFirstPass(first_labels[i], &contexts[i]);
  ner->second_ = averaged(true, nullptr);
  return ner;
}

Status EntityRecognizer::Save(const std::string& path) const {
  ModelWriter w;
  std::vector<std::pair<uint64_t, uint8_t>> gaz(gazetteer_.begin(), gazetteer_.end());
  std::sort(gaz.begin(), gaz.end());
  w.VarU(gaz.size());
  for (const auto& [key, bits] : gaz) {
    w.U64(key);
    w.U8(bits);
  }
  std::vector<uint32_t> common(common_words_.begin(), common_words_.end());
  std::sort(common.begin(), common.end());
  w.VarU(common.size());
  for (uint32_t word : common) w.U32(word);
  std::vector<std::pair<uint32_t, uint8_t>> classes(noun_classes_.begin(), noun_classes_.end());
  std::sort(classes.begin(), classes.end());
  w.VarU(classes.size());
  for (const auto& [word, lex_file] : classes) {
    w.U32(word);
    w.U8(lex_file);
  }
  std::vector<std::pair<uint64_t, std::array<uint32_t, kNumTypes>>> names(names_.begin(), names_.end());
  std::sort(names.begin(), names.end());
  w.VarU(names.size());
  for (const auto& [key, counts] : names) {
    w.U64(key);
    for (uint32_t c : counts) w.VarU(c);
  }
  first_.Write(w);
  w.U8(second_.num_classes() > 0);
  if (second_.num_classes() > 0) second_.Write(w);
  return ModelWriter::WriteFile(path, "ner", kFormatVersion, w.data());
}

Result<std::unique_ptr<EntityRecognizer>> EntityRecognizer::Load(const std::string& path) {
  Result<std::string> body = ModelReader::ReadFile(path, "ner", kFormatVersion);
  if (!body.ok()) return body.status();
  ModelReader r(*body, path);
  std::unique_ptr<EntityRecognizer> ner(new EntityRecognizer());
  uint64_t n;
  if (!r.VarU(&n) || n > r.Remaining()) return r.Error("bad gazetteer size");
  ner->gazetteer_.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t key;
    uint8_t bits;
    if (!r.U64(&key) || !r.U8(&bits)) return r.Error("truncated gazetteer");
    ner->gazetteer_[key] = bits;
  }
  if (!r.VarU(&n) || n > r.Remaining()) return r.Error("bad lexicon size");
  ner->common_words_.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint32_t word;
    if (!r.U32(&word)) return r.Error("truncated lexicon");
    ner->common_words_.insert(word);
  }
  if (!r.VarU(&n) || n > r.Remaining()) return r.Error("bad noun class lexicon size");
  ner->noun_classes_.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint32_t word;
    uint8_t lex_file;
    if (!r.U32(&word) || !r.U8(&lex_file)) return r.Error("truncated noun class lexicon");
    ner->noun_classes_[word] = lex_file;
  }
  if (!r.VarU(&n) || n > r.Remaining()) return r.Error("bad name lexicon size");
  ner->names_.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t key;
    if (!r.U64(&key)) return r.Error("truncated name lexicon");
    std::array<uint32_t, kNumTypes>& counts = ner->names_[key];
    for (uint32_t& c : counts) {
      uint64_t v;
      if (!r.VarU(&v) || v > 0xffffffffu) return r.Error("bad name count");
      c = static_cast<uint32_t>(v);
    }
  }
  ner->FilterLexicons();
  KG_RETURN_IF_ERROR(ner->first_.Read(r));
  if (ner->first_.num_classes() != kNumClasses) return r.Error("class count mismatch");
  uint8_t has_second;
  if (!r.U8(&has_second)) return r.Error("truncated second pass");
  if (has_second) {
    KG_RETURN_IF_ERROR(ner->second_.Read(r));
    if (ner->second_.num_classes() != kNumClasses) return r.Error("class count mismatch");
  }
  if (!r.AtEnd()) return r.Error("trailing bytes");
  return ner;
}

}  // namespace kg::extract
