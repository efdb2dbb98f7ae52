#include "extract/stand_in_extractor.h"

#include <cctype>
#include <map>
#include <set>
#include <vector>

namespace kg::extract {
namespace {

struct Word {
  ByteSpan span;     // the word without surrounding punctuation
  bool capitalised;  // starts with A-Z
  bool ends_phrase;  // followed directly by punctuation (,;:) that breaks a name
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool IsEdgePunct(char c) {
  return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' ||
         c == '\'' || c == '(' || c == ')' || c == '[' || c == ']' || c == '*';
}

const std::set<std::string>& FunctionWords() {
  static const std::set<std::string> words = {
      "The", "A",    "An",   "In",    "On",    "At",  "He",   "She",  "It",   "They",
      "We",  "I",    "But",  "And",   "Or",    "This", "That", "These", "Those", "His",
      "Her", "Its",  "Their", "Our",  "If",    "When", "While", "As",   "After", "Before",
      "For", "From", "With", "By",    "Of",    "To",  "Mr",   "Mrs",  "Ms",   "Dr",
      "There", "Here", "What", "Who", "Why",   "How", "Some", "Many", "Most", "All",
      "Yes", "No",   "So",   "Then",  "Also",  "Still", "Since", "Although", "However",
      "According", "Meanwhile", "Last", "Next", "One", "Two", "You", "Your", "My"};
  return words;
}

// Sentences: [begin, end) byte ranges.
std::vector<ByteSpan> SplitSentences(const std::string& t) {
  std::vector<ByteSpan> out;
  size_t start = 0, n = t.size();
  auto emit = [&](size_t end) {
    size_t b = start, e = end;
    while (b < e && IsSpace(t[b])) ++b;
    while (e > b && IsSpace(t[e - 1])) --e;
    if (e > b) out.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
    start = end;
  };
  for (size_t i = 0; i < n; ++i) {
    char c = t[i];
    if (c == '\n') {
      emit(i + 1);
    } else if ((c == '.' || c == '!' || c == '?') && (i + 1 == n || IsSpace(t[i + 1]) ||
                                                      ((t[i + 1] == '"' || t[i + 1] == '\'') &&
                                                       (i + 2 == n || IsSpace(t[i + 2]))))) {
      size_t end = i + 1;
      if (end < n && (t[end] == '"' || t[end] == '\'')) ++end;
      // "U.S." or "Mr." followed by a capital is still ambiguous; keep it simple:
      // a single capital letter before the dot is an initial, not an end.
      if (c == '.' && i >= 1 && std::isupper(static_cast<unsigned char>(t[i - 1])) &&
          (i < 2 || !std::isalpha(static_cast<unsigned char>(t[i - 2])))) {
        continue;
      }
      emit(end);
    }
  }
  emit(n);
  return out;
}

std::vector<Word> Words(const std::string& t, ByteSpan s) {
  std::vector<Word> out;
  size_t i = s.begin;
  while (i < s.end) {
    while (i < s.end && IsSpace(t[i])) ++i;
    size_t b = i;
    while (i < s.end && !IsSpace(t[i])) ++i;
    size_t e = i;
    size_t wb = b, we = e;
    while (wb < we && IsEdgePunct(t[wb])) ++wb;
    bool punct_after = false;
    while (we > wb && IsEdgePunct(t[we - 1])) {
      punct_after = true;
      --we;
    }
    // Possessive 's stays outside the name.
    if (we - wb > 2 && t[we - 2] == '\'' && t[we - 1] == 's') {
      we -= 2;
      punct_after = true;
    }
    if (we > wb) {
      Word w;
      w.span = {static_cast<uint32_t>(wb), static_cast<uint32_t>(we)};
      w.capitalised = t[wb] >= 'A' && t[wb] <= 'Z';
      w.ends_phrase = punct_after || (wb > b);
      out.push_back(w);
    } else if (e > b && !out.empty()) {
      out.back().ends_phrase = true;  // a lone punctuation mark
    }
  }
  return out;
}

}  // namespace

Result<Extraction> StandInExtractor::Extract(const Document& document) const {
  Extraction x;
  x.document = document;
  x.extractor = name();
  x.extractor_version = version();
  const std::string& t = document.text;
  std::map<std::string, int> entity_index;

  auto entity_of = [&](const std::string& n) {
    auto it = entity_index.find(n);
    if (it != entity_index.end()) return it->second;
    Entity e;
    e.name = n;
    e.type = EntityType::kOther;
    x.entities.push_back(e);
    int id = static_cast<int>(x.entities.size() - 1);
    entity_index[n] = id;
    return id;
  };

  std::vector<ByteSpan> sentences = SplitSentences(t);
  for (uint32_t si = 0; si < sentences.size(); ++si) {
    const ByteSpan sent = sentences[si];
    std::vector<Word> words = Words(t, sent);
    struct Found {
      int entity;
      ByteSpan span;
      size_t first_word, last_word;
    };
    std::vector<Found> found;
    for (size_t i = 0; i < words.size();) {
      if (!words[i].capitalised) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j + 1 < words.size() && words[j + 1].capitalised && !words[j].ends_phrase) ++j;
      size_t b = i;
      while (b <= j && FunctionWords().count(t.substr(words[b].span.begin, words[b].span.size()))) {
        ++b;
      }
      if (b <= j) {
        ByteSpan span{words[b].span.begin, words[j].span.end};
        std::string n = t.substr(span.begin, span.size());
        int e = entity_of(n);
        x.entities[e].mentions.push_back({si, span, n});
        found.push_back({e, span, b, j});
      }
      i = j + 1;
    }
    for (size_t k = 0; k + 1 < found.size(); ++k) {
      const Found& a = found[k];
      const Found& b = found[k + 1];
      size_t between = b.first_word - a.last_word - 1;
      if (between < 1 || between > 6 || a.entity == b.entity) continue;
      std::string relation;
      bool lower = false;
      for (size_t w = a.last_word + 1; w < b.first_word; ++w) {
        std::string word = t.substr(words[w].span.begin, words[w].span.size());
        if (!words[w].capitalised) lower = true;
        for (char& c : word) {
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        if (!relation.empty()) relation += "_";
        relation += word;
      }
      if (!lower) continue;
      Claim c;
      c.subject = a.entity;
      c.object = b.entity;
      c.relation = relation;
      c.relation_span = {words[a.last_word + 1].span.begin, words[b.first_word - 1].span.end};
      c.relation_surface = t.substr(c.relation_span.begin, c.relation_span.size());
      c.sentence = si;
      c.sentence_span = sent;
      c.subject_span = a.span;
      c.object_span = b.span;
      c.confidence = 0.5;
      x.claims.push_back(c);
    }
  }
  return x;
}

}  // namespace kg::extract
