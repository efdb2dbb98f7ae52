// Rule-based tokenizer and sentence splitter (see tokenizer.h).
#include "extract/tokenizer.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <unordered_set>

#include "common/text.h"

namespace kg::extract {
namespace {

// One decoded code point and where it sits in the text.
struct Char {
  uint32_t cp;
  uint32_t begin;
  uint32_t end;
};

constexpr uint32_t kInvalid = 0xFFFFFFFF;

// Decodes the UTF-8 sequence at text[i]; returns kInvalid (length 1) for a
// malformed sequence, overlong form, surrogate or out-of-range value.
uint32_t Decode(std::string_view text, size_t i, size_t* len) {
  unsigned char c = text[i];
  *len = 1;
  if (c < 0x80) return c;
  int n;
  uint32_t cp;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    cp = c & 0x07;
  } else
    return kInvalid;
  if (i + n > text.size()) return kInvalid;
  for (int k = 1; k < n; ++k) {
    unsigned char d = text[i + k];
    if ((d & 0xC0) != 0x80) return kInvalid;
    cp = (cp << 6) | (d & 0x3F);
  }
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
      cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return kInvalid;
  }
  *len = n;
  return cp;
}

bool IsSpaceOrControl(uint32_t cp) {
  return cp == kInvalid || cp <= 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0xA0) || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200F) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

bool IsAsciiAlpha(uint32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(uint32_t c) { return c >= '0' && c <= '9'; }
// Letters: ASCII plus everything non-ASCII that is not punctuation we know.
bool IsOpenQuote(uint32_t c) {
  return c == 0x201C || c == 0x2018 || c == 0xAB || c == 0x201E || c == '`';
}
bool IsCloseQuote(uint32_t c) { return c == 0x201D || c == 0x2019 || c == 0xBB; }
bool IsQuote(uint32_t c) { return c == '"' || c == '\'' || IsOpenQuote(c) || IsCloseQuote(c); }
bool IsApostrophe(uint32_t c) { return c == '\'' || c == 0x2019; }
bool IsDash(uint32_t c) {
  return c == 0x2014 || c == 0x2013 || c == 0x2012 || c == 0x2015 || c == 0x2212;
}
bool IsBullet(uint32_t c) {
  return c == 0x2022 || c == 0x00B7 || c == 0x25AA || c == 0x25BA || c == 0x25E6 || c == 0x2023 ||
         c == 0x25CF || c == 0x25A0 || c == 0x2043;
}
bool IsOpenBracket(uint32_t c) { return c == '(' || c == '[' || c == '{' || c == '<'; }
bool IsCloseBracket(uint32_t c) { return c == ')' || c == ']' || c == '}' || c == '>'; }
bool IsCurrency(uint32_t c) {
  return c == '$' || c == 0xA3 || c == 0x20AC || c == 0xA5 || c == '#';
}
bool IsWordChar(uint32_t c) {
  if (c < 0x80) return IsAsciiAlpha(c) || IsDigit(c);
  if (IsQuote(c) || IsDash(c) || IsBullet(c) || c == 0x2026 || c == 0xA3 || c == 0x20AC ||
      c == 0xA5 || c == 0xA9 || c == 0xAE || c == 0x2122 || c == 0xB0) {
    return false;
  }
  return true;
}

const std::unordered_set<std::string>& Abbreviations() {
  static const std::unordered_set<std::string> kSet = {
      "mr",   "mrs",  "ms",   "dr",     "prof", "gen",  "col",    "lt",    "sgt",  "capt", "cpl",
      "maj",  "adm",  "gov",  "sen",    "rep",  "reps", "sens",   "st",    "ste",  "jr",   "sr",
      "inc",  "corp", "co",   "ltd",    "llc",  "bros", "no",     "nos",   "vs",   "etc",  "al",
      "jan",  "feb",  "mar",  "apr",    "jun",  "jul",  "aug",    "sep",   "sept", "oct",  "nov",
      "dec",  "mon",  "tue",  "tues",   "wed",  "thu",  "thurs",  "fri",   "sat",  "sun",  "mt",
      "ft",   "ave",  "blvd", "rd",     "dept", "univ", "approx", "est",   "fig",  "vol",  "pp",
      "ph.d", "e.g",  "i.e",  "a.m",    "p.m",  "u.s",  "u.k",    "u.n",   "d.c",  "rev",  "hon",
      "pres", "supt", "atty", "messrs", "op",   "cf",   "mass",   "calif", "fla",  "ill",  "pa",
      "va",   "wash", "tex",  "ariz",   "colo", "conn", "ga",     "ind",   "kan",  "ky",   "la",
      "md",   "mich", "minn", "miss",   "mo",   "nev",  "okla",   "ore",   "tenn", "wis",  "wyo"};
  return kSet;
}

// Abbreviations that often end a sentence ("... in the U.S. The ...").
const std::unordered_set<std::string>& FinalAbbreviations() {
  static const std::unordered_set<std::string> kSet = {"u.s.", "u.k.", "u.n.", "inc.", "corp.",
                                                       "co.",  "ltd.", "llc.", "etc.", "a.m.",
                                                       "p.m.", "d.c.", "jr.",  "sr."};
  return kSet;
}

// Words that start sentences after an abbreviation that may end one.
const std::unordered_set<std::string>& SentenceStarters() {
  static const std::unordered_set<std::string> kSet = {
      "The",     "A",         "An",    "He",     "She", "It",    "They", "We",   "I",
      "You",     "But",       "And",   "In",     "On",  "At",    "This", "That", "These",
      "Those",   "There",     "His",   "Her",    "Its", "Their", "Our",  "My",   "If",
      "When",    "While",     "After", "Before", "As",  "For",   "Some", "Many", "Most",
      "However", "Meanwhile", "Also",  "So",     "Yet", "Still", "Now",  "Then", "What",
      "Who",     "Why",       "How",   "Where",  "Mr.", "Mrs.",  "Ms.",  "Dr."};
  return kSet;
}

// Hyphenated prefixes EWT keeps as one token.
const std::unordered_set<std::string>& HyphenPrefixes() {
  static const std::unordered_set<std::string> kSet = {"e",    "co", "pre", "post",  "non", "re",
                                                       "anti", "ex", "mid", "multi", "x"};
  return kSet;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
  }
  return out;
}

class ChunkSplitter {
 public:
  ChunkSplitter(std::string_view text, std::vector<Token>* out) : text_(text), out_(out) {}

  // Splits chars[b, e) (one whitespace-free chunk) into tokens.
  void Split(const std::vector<Char>& c, size_t b, size_t e) {
    c_ = &c;
    size_t first = out_->size();
    Piece(b, e);
    // Inside a chunk no token is followed by a space.
    for (size_t i = first; i + 1 < out_->size(); ++i) (*out_)[i].space_after = false;
  }

 private:
  uint32_t cp(size_t i) const { return (*c_)[i].cp; }
  // The bytes of chars[b, e); empty when the range is (a lone apostrophe's
  // "rest", say).
  std::string_view Bytes(size_t b, size_t e) const {
    if (b >= e) return {};
    return text_.substr((*c_)[b].begin, (*c_)[e - 1].end - (*c_)[b].begin);
  }
  void Emit(size_t b, size_t e) {
    if (b >= e) return;
    Token t;
    t.span = {(*c_)[b].begin, (*c_)[e - 1].end};
    t.form = std::string(text_.substr(t.span.begin, t.span.size()));
    out_->push_back(std::move(t));
  }

  bool LooksLikeUrl(size_t b, size_t e) const {
    std::string s = Lower(Bytes(b, e));
    if (s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0 || s.rfind("www.", 0) == 0 ||
        s.rfind("ftp://", 0) == 0 || s.rfind("mailto:", 0) == 0) {
      return s.size() > 4;
    }
    size_t at = s.find('@');
    if (at != std::string::npos && at > 0 && s.find('.', at) != std::string::npos &&
        s.find('.', at) + 1 < s.size()) {
      return IsAsciiAlpha(cp(b)) || IsDigit(cp(b));
    }
    // domain.com / example.org/path
    static const char* kTlds[] = {".com", ".org", ".net", ".gov", ".edu", ".co.uk", ".io", ".ru"};
    for (const char* tld : kTlds) {
      size_t p = s.find(tld);
      if (p != std::string::npos && p > 0 && IsAsciiAlpha(static_cast<unsigned char>(s[0]))) {
        size_t after = p + std::string_view(tld).size();
        if (after == s.size() || s[after] == '/') return true;
      }
    }
    return false;
  }

  // Whether chars[b, e), which ends in '.', keeps its period.
  bool KeepsPeriod(size_t b, size_t e) const {
    // Only the last part of "Russian-U.S." decides.
    for (size_t k = e - 1; k > b; --k) {
      if (cp(k - 1) == '-' || cp(k - 1) == '/' || IsDash(cp(k - 1))) {
        b = k;
        break;
      }
    }
    size_t n = e - b;
    if (n < 2) return false;
    std::string word = Lower(Bytes(b, e - 1));
    if (Abbreviations().count(word)) return true;
    // Initial: "J."
    if (n == 2 && IsAsciiAlpha(cp(b)) && cp(b) >= 'A' && cp(b) <= 'Z') return true;
    // Letter-dot sequences: "U.S.", "a.m.", "U.S.A."
    bool pattern = n >= 4;
    for (size_t i = b; i < e && pattern; ++i) {
      bool even = (i - b) % 2 == 0;
      pattern = even ? IsAsciiAlpha(cp(i)) : cp(i) == '.';
    }
    return pattern;
  }

  void Piece(size_t b, size_t e) {
    if (b >= e) return;
    // Leading punctuation.
    uint32_t f = cp(b);
    if (IsOpenQuote(f) || f == '"' || IsOpenBracket(f) || IsBullet(f) || IsCloseQuote(f) ||
        IsCloseBracket(f) || f == ',' || f == ';' || f == '!' || f == '?' || f == '*' ||
        f == 0xA9 || f == 0xAE || f == 0x2122 || f == 0xB0 || f == ':' || f == '/') {
      // "'s" and friends at the start are clitics, handled below.
      if (!(IsApostrophe(f) && IsClitic(b, e))) {
        Emit(b, b + 1);
        Piece(b + 1, e);
        return;
      }
    }
    if (f == '\'' && !IsClitic(b, e)) {
      Emit(b, b + 1);
      Piece(b + 1, e);
      return;
    }
    if (f == '#' && e - b > 2 && IsAsciiAlpha(cp(b + 1))) {
      // A hashtag ("#IStandWithAhmed") is one word.
      size_t k = b + 1;
      while (k < e && (IsAsciiAlpha(cp(k)) || IsDigit(cp(k)) || cp(k) == '_')) ++k;
      Emit(b, k);
      Piece(k, e);
      return;
    }
    if (IsCurrency(f) && e - b > 1) {
      Emit(b, b + 1);
      Piece(b + 1, e);
      return;
    }
    if (IsDash(f) || f == 0x2026) {
      size_t k = b + 1;
      Emit(b, k);
      Piece(k, e);
      return;
    }
    if (f == '-' || f == '.') {
      // Runs "--", "---", "..." are one token; a sign or leading-decimal
      // number ("-5", ".45") stays with its digits.
      size_t k = b;
      while (k < e && cp(k) == f) ++k;
      if (k - b == 1 && k < e && IsDigit(cp(k))) {
        // number: fall through to the general case
      } else {
        Emit(b, k);
        Piece(k, e);
        return;
      }
    }
    if (LooksLikeUrl(b, e)) {
      // Strip trailing sentence punctuation from the URL.
      size_t k = e;
      while (k > b + 1 &&
             (cp(k - 1) == '.' || cp(k - 1) == ',' || cp(k - 1) == ';' || cp(k - 1) == ':' ||
              cp(k - 1) == '!' || cp(k - 1) == '?' || cp(k - 1) == ')' || IsQuote(cp(k - 1)))) {
        --k;
      }
      Emit(b, k);
      for (size_t i = k; i < e; ++i) Emit(i, i + 1);
      return;
    }
    // Trailing punctuation.
    uint32_t l = cp(e - 1);
    if (e - b > 1) {
      if (l == '.') {
        size_t k = e - 1;
        while (k > b && cp(k - 1) == '.') --k;
        if (e - k >= 2) {  // "..." at the end
          Piece(b, k);
          Emit(k, e);
          return;
        }
        if (!KeepsPeriod(b, e)) {
          Piece(b, e - 1);
          Emit(e - 1, e);
          return;
        }
        // An abbreviation with its period: still split inner hyphens etc.
      } else if (l == ',' || l == ';' || l == ':' || l == '!' || l == '?' || IsCloseQuote(l) ||
                 l == '"' || IsCloseBracket(l) || IsOpenQuote(l) || IsDash(l) || l == 0x2026 ||
                 l == '%' || IsBullet(l) || l == '*' || l == 0xA9 || l == 0xAE || l == 0x2122 ||
                 l == 0xB0) {
        if (!(IsApostrophe(l) && false)) {
          Piece(b, e - 1);
          Emit(e - 1, e);
          return;
        }
      } else if (l == '\'') {
        // "presidents'" -> "presidents" "'"; "'" alone handled above.
        Piece(b, e - 1);
        Emit(e - 1, e);
        return;
      } else if (l == '-' && e - b > 1 && cp(e - 2) != '-') {
        Piece(b, e - 1);
        Emit(e - 1, e);
        return;
      }
    }
    // Clitics at the end: "'s", "n't", ...
    if (SplitClitic(b, e)) return;
    // Inner splits: dashes, "--", hyphens between words, slashes.
    for (size_t i = b + 1; i + 1 < e; ++i) {
      uint32_t c = cp(i);
      if (IsDash(c) || c == 0x2026 || (c == '-' && cp(i + 1) == '-') || c == '"' ||
          IsOpenQuote(c) || (IsCloseQuote(c) && !IsApostrophe(c)) || IsOpenBracket(c) ||
          IsCloseBracket(c) || IsBullet(c)) {
        size_t k = i + 1;
        if (c == '-' || c == '.') {
          while (k < e && cp(k) == c) ++k;
        }
        Piece(b, i);
        Emit(i, k);
        Piece(k, e);
        return;
      }
      if (c == '-' && SplitHyphen(b, i, e)) {
        Piece(b, i);
        Emit(i, i + 1);
        Piece(i + 1, e);
        return;
      }
      if (c == '/' && IsAsciiAlpha(cp(i - 1)) && IsAsciiAlpha(cp(i + 1))) {
        Piece(b, i);
        Emit(i, i + 1);
        Piece(i + 1, e);
        return;
      }
      if ((c == ',' || c == ';' || c == '!' || c == '?') &&
          !(IsDigit(cp(i - 1)) && IsDigit(cp(i + 1)))) {
        Piece(b, i);
        Emit(i, i + 1);
        Piece(i + 1, e);
        return;
      }
    }
    Emit(b, e);
  }

  // Whether the hyphen at i inside chars[b, e) separates two words.
  bool SplitHyphen(size_t b, size_t i, size_t e) const {
    // Phone numbers and codes: digits on both sides with more digits/hyphens.
    bool all_digits_hyphens = true;
    for (size_t k = b; k < e; ++k) {
      if (!IsDigit(cp(k)) && cp(k) != '-') all_digits_hyphens = false;
    }
    if (all_digits_hyphens) return false;
    size_t ws = i;
    while (ws > b && cp(ws - 1) != '-') --ws;
    std::string prefix = Lower(Bytes(ws, i));
    if (HyphenPrefixes().count(prefix)) return false;
    return true;
  }

  // "'s", "'re", "'ve", "'ll", "'d", "'m" alone (chars[b, e) is the whole piece).
  bool IsClitic(size_t b, size_t e) const {
    if (!IsApostrophe(cp(b))) return false;
    std::string rest = Lower(Bytes(b + 1, e));
    return rest == "s" || rest == "re" || rest == "ve" || rest == "ll" || rest == "d" ||
           rest == "m";
  }

  bool SplitClitic(size_t b, size_t e) {
    size_t n = e - b;
    if (n < 3) return false;
    // n't / n’t
    if (n >= 4 && (IsApostrophe(cp(e - 2)) || cp(e - 2) == '`') && (cp(e - 1) == 't' || cp(e - 1) == 'T') &&
        (cp(e - 3) == 'n' || cp(e - 3) == 'N')) {
      Piece(b, e - 3);
      Emit(e - 3, e);
      return true;
    }
    for (size_t len : {2u, 3u}) {
      if (n <= len) continue;
      size_t a = e - len;
      if (!IsApostrophe(cp(a))) continue;
      if (!IsClitic(a, e)) continue;
      if (!IsWordChar(cp(a - 1))) continue;
      Piece(b, a);
      Emit(a, e);
      return true;
    }
    std::string w = Lower(Bytes(b, e));
    if (w == "cannot") {
      Emit(b, b + 3);
      Emit(b + 3, e);
      return true;
    }
    if (w == "gonna" || w == "wanna" || w == "gotta") {
      Emit(b, b + 3);
      Emit(b + 3, e);
      return true;
    }
    return false;
  }

  std::string_view text_;
  std::vector<Token>* out_;
  const std::vector<Char>* c_ = nullptr;
};

bool EndsSentence(const std::string& f) {
  return f == "." || f == "!" || f == "?" || f == "..." || f == "\xE2\x80\xA6" || f == "?!" ||
         f == "!!" || f == "??" || f == "!?";
}

bool IsClosing(const std::string& f) {
  return f == "\"" || f == "'" || f == "\xE2\x80\x9D" || f == "\xE2\x80\x99" || f == ")" ||
         f == "]" || f == "}" || f == "\xC2\xBB";
}

bool IsBulletForm(const std::string& f) {
  size_t len;
  uint32_t c = Decode(f, 0, &len);
  return len == f.size() && IsBullet(c);
}

// Whether a token can begin a sentence after a full stop.
bool CanStart(const std::string& f) {
  size_t len;
  uint32_t c = Decode(f, 0, &len);
  if (c >= 'a' && c <= 'z') return false;
  if (c == ',' || c == ';' || c == ':' || c == ')' || c == ']' || c == '%') return false;
  return true;
}

// The number of tokens of a dateline the text opens with and runs into its
// first sentence with no full stop or line break ("Thursday, May 7, 2015
// On Tuesday, the government announced ...", "Preston, Victoria, Australia
// On Saturday, Wikinews interviewed ..."), or 0. Read as one sentence, the
// places would be the verb's subjects.
size_t LeadingDatelineLength(const std::vector<Token>& tokens) {
  auto capitalized = [&](size_t i) {
    return i < tokens.size() && !tokens[i].form.empty() &&
           std::isupper(static_cast<unsigned char>(tokens[i].form[0]));
  };
  auto is = [&](size_t i, const char* form) { return i < tokens.size() && tokens[i].form == form; };
  auto number = [&](size_t i, size_t min_digits, size_t max_digits) {
    if (i >= tokens.size()) return false;
    const std::string& f = tokens[i].form;
    return f.size() >= min_digits && f.size() <= max_digits && text::IsDigits(f);
  };
  static const std::set<std::string> kWeekdays = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                  "Friday", "Saturday", "Sunday"};
  static const std::set<std::string> kMonths = {"January",   "February", "March",    "April",
                                                "May",       "June",     "July",     "August",
                                                "September", "October",  "November", "December"};
  // "Thursday, May 7, 2015", "May 7, 2015", then a capitalized word.
  size_t i = 0;
  if (!tokens.empty() && kWeekdays.count(tokens[0].form) && is(1, ",")) i = 2;
  if (i < tokens.size() && kMonths.count(tokens[i].form) && number(i + 1, 1, 2) && is(i + 2, ",") &&
      number(i + 3, 4, 4) && capitalized(i + 4))
    return i + 4;
  // Places: capitalized words in groups of one to four, two groups or
  // more, commas between, then a word that opens sentences.
  static const std::set<std::string> kOpeners = {
      "On",     "In",        "At",        "The",     "A",         "An",      "This",
      "Last",   "Today",     "Yesterday", "Earlier", "According", "After",   "Before",
      "During", "Following", "Since",     "When",    "While",     "Wikinews"};
  size_t groups = 0;
  i = 0;
  while (true) {
    size_t words = 0;
    while (capitalized(i) && !kOpeners.count(tokens[i].form) && words < 4) {
      ++i;
      ++words;
    }
    if (words == 0) return 0;
    ++groups;
    if (!is(i, ",")) break;
    ++i;
  }
  if (groups >= 2 && i < tokens.size() && kOpeners.count(tokens[i].form)) return i;
  return 0;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> out;
  std::vector<Char> chars;
  ChunkSplitter splitter(text, &out);
  size_t i = 0;
  while (i < text.size()) {
    size_t len;
    uint32_t c = Decode(text, i, &len);
    if (IsSpaceOrControl(c)) {
      i += len;
      continue;
    }
    chars.clear();
    while (i < text.size()) {
      c = Decode(text, i, &len);
      if (IsSpaceOrControl(c)) break;
      chars.push_back({c, static_cast<uint32_t>(i), static_cast<uint32_t>(i + len)});
      i += len;
    }
    // Very long chunks (no spaces) are cut into pieces of 200 characters so
    // that the recursive splitter stays shallow.
    for (size_t b = 0; b < chars.size(); b += 200) {
      splitter.Split(chars, b, std::min(chars.size(), b + 200));
    }
  }
  for (size_t k = 0; k + 1 < out.size(); ++k) {
    if (out[k].span.end == out[k + 1].span.begin) out[k].space_after = false;
  }
  return out;
}


std::vector<Sentence> SplitSentences(std::string_view text, std::vector<Token> tokens) {
  std::vector<Sentence> out;
  Sentence cur;
  constexpr size_t kTypicalSentence = 32;  // tokens: room without regrowing for most
  cur.tokens.reserve(kTypicalSentence);
  auto flush = [&]() {
    if (cur.tokens.empty()) return;
    cur.span = {cur.tokens.front().span.begin, cur.tokens.back().span.end};
    out.push_back(std::move(cur));
    cur = Sentence();
    cur.tokens.reserve(kTypicalSentence);
  };
  size_t line_start = 0;  // byte where the current line began
  const size_t dateline = LeadingDatelineLength(tokens);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i == dateline) flush();
    if (!cur.tokens.empty()) {
      const Token& prev = cur.tokens.back();
      const Token& t = tokens[i];
      // Line breaks in the gap.
      int newlines = 0;
      size_t last_nl = 0;
      for (uint32_t k = prev.span.end; k < t.span.begin; ++k) {
        if (text[k] == '\n') {
          ++newlines;
          last_nl = k;
        }
      }
      bool brk = false;
      if (newlines >= 2) brk = true;
      // A single line break ends a sentence after a short line (headline,
      // dateline) or before a line that may start one.
      if (newlines == 1 && (prev.span.end - line_start < 50 || CanStart(t.form))) brk = true;
      if (newlines >= 1 && IsBulletForm(t.form)) brk = true;
      if (IsBulletForm(t.form) && cur.tokens.size() > 1) brk = true;
      if (newlines >= 1) line_start = last_nl + 1;
      if (brk) flush();
    }
    cur.tokens.push_back(std::move(tokens[i]));
    if (cur.tokens.size() >= kMaxSentenceTokens) {
      // Cut at the last comma, semicolon or colon of the second half.
      size_t at = cur.tokens.size();
      for (size_t k = cur.tokens.size() - 1; k >= kMaxSentenceTokens / 2; --k) {
        const std::string& p = cur.tokens[k].form;
        if (p == "," || p == ";" || p == ":") {
          at = k + 1;
          break;
        }
      }
      std::vector<Token> rest(std::make_move_iterator(cur.tokens.begin() + at),
                              std::make_move_iterator(cur.tokens.end()));
      cur.tokens.resize(at);
      cur.cut = true;
      flush();
      cur.tokens = std::move(rest);
      cur.cut = true;
      if (cur.tokens.empty()) continue;
    }
    const std::string& f = cur.tokens.back().form;
    bool terminal = EndsSentence(f);
    bool abbrev_end = false;
    if (!terminal && f.size() > 1 && f.back() == '.' && FinalAbbreviations().count(Lower(f)) &&
        i + 1 < tokens.size() && SentenceStarters().count(tokens[i + 1].form)) {
      abbrev_end = true;
    }
    if (terminal || abbrev_end) {
      // Absorb closing quotes and brackets attached to the stop.
      while (i + 1 < tokens.size() && IsClosing(tokens[i + 1].form) &&
             tokens[i + 1].span.begin == cur.tokens.back().span.end) {
        cur.tokens.push_back(std::move(tokens[++i]));
      }
      if (i + 1 >= tokens.size() || CanStart(tokens[i + 1].form)) flush();
    }
  }
  flush();
  return out;
}

std::vector<Sentence> TokenizeAndSplit(std::string_view text) {
  return SplitSentences(text, Tokenize(text));
}

}  // namespace kg::extract
