// Reading input files into Documents (see reader.h).
#include "extract/reader.h"

#include <dirent.h>
#include <gumbo.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "common/text.h"
#include "common/url.h"
#include "extract/boilerplate.h"

namespace kg::extract {
namespace {

// ---- SHA-256 (FIPS 180-4), for content ids ----------------------------------
class Sha256 {
 public:
  Sha256() { Reset(); }
  void Update(const uint8_t* data, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      block_[fill_++] = data[i];
      if (fill_ == 64) {
        Compress();
        fill_ = 0;
      }
    }
    bits_ += 8ull * n;
  }
  std::string HexDigest() {
    uint64_t bits = bits_;
    uint8_t pad = 0x80;
    Update(&pad, 1);
    uint8_t zero = 0;
    while (fill_ != 56) Update(&zero, 1);
    for (int i = 7; i >= 0; --i) {
      uint8_t b = static_cast<uint8_t>(bits >> (8 * i));
      Update(&b, 1);
    }
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (uint32_t w : h_) {
      for (int i = 3; i >= 0; --i) {
        uint8_t b = static_cast<uint8_t>(w >> (8 * i));
        out.push_back(hex[b >> 4]);
        out.push_back(hex[b & 15]);
      }
    }
    return out;
  }

 private:
  static uint32_t Rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
  void Reset() {
    static const uint32_t init[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    std::memcpy(h_, init, sizeof h_);
    fill_ = 0;
    bits_ = 0;
  }
  void Compress() {
    static const uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2};
    uint32_t w[64];
    for (int i = 0; i < 16; ++i) {
      w[i] = (uint32_t(block_[4 * i]) << 24) | (uint32_t(block_[4 * i + 1]) << 16) |
             (uint32_t(block_[4 * i + 2]) << 8) | uint32_t(block_[4 * i + 3]);
    }
    for (int i = 16; i < 64; ++i) {
      uint32_t s0 = Rotr(w[i - 15], 7) ^ Rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      uint32_t s1 = Rotr(w[i - 2], 17) ^ Rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4], f = h_[5], g = h_[6],
             h = h_[7];
    for (int i = 0; i < 64; ++i) {
      uint32_t s1 = Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25);
      uint32_t ch = (e & f) ^ (~e & g);
      uint32_t t1 = h + s1 + ch + k[i] + w[i];
      uint32_t s0 = Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22);
      uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
      uint32_t t2 = s0 + maj;
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h_[0] += a;
    h_[1] += b;
    h_[2] += c;
    h_[3] += d;
    h_[4] += e;
    h_[5] += f;
    h_[6] += g;
    h_[7] += h;
  }
  uint32_t h_[8];
  uint8_t block_[64];
  size_t fill_;
  uint64_t bits_;
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Extension(const std::string& path) {
  size_t slash = path.rfind('/');
  size_t dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  return Lower(path.substr(dot + 1));
}

bool LooksBinary(std::string_view data) {
  size_t n = std::min<size_t>(data.size(), 8192);
  size_t control = 0;
  for (size_t i = 0; i < n; ++i) {
    auto c = static_cast<unsigned char>(data[i]);
    if (c == 0) return true;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') ++control;
  }
  return n > 0 && control * 10 > n;  // more than 10% control bytes
}

// Position (1-based line, column in characters) of byte `offset`.
std::pair<size_t, size_t> LineColumn(std::string_view data, size_t offset) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i < offset && i < data.size(); ++i) {
    if (data[i] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(data[i]) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return {line, col};
}

// ---- HTML ---------------------------------------------------------------------

std::string Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : "";
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_TR:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_BR: case GUMBO_TAG_HR:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_BODY:
      return true;
    default:
      return false;
  }
}

// Elements that never hold article text.
bool IsFurniture(const GumboElement& e) {
  switch (e.tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_NAV:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_MENU: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_HEAD: case GUMBO_TAG_OBJECT: case GUMBO_TAG_CANVAS:
      return true;
    default:
      break;
  }
  std::string role = Lower(Attr(e, "role"));
  if (role == "navigation" || role == "menu" || role == "banner" || role == "contentinfo" ||
      role == "complementary") {
    return true;
  }
  std::string cls = Lower(Attr(e, "class") + " " + Attr(e, "id"));
  for (const char* word : {"nav", "menu", "share", "social", "footer", "breadcrumb", "related",
                           "comment", "cookie", "subscribe", "newsletter", "advert", "promo",
                           "sidebar", "masthead", "skip-link", "toolbar"}) {
    if (cls.find(word) != std::string::npos) return true;
  }
  return false;
}

// Characters a subtree gives the article text (whitespace not counted), and
// how many of them are inside links.
struct TextCount {
  size_t chars = 0;
  size_t links = 0;
};
// The count of each list (ul, ol) seen, its items read outside any link.
using ListCounts = std::unordered_map<const GumboNode*, TextCount>;

TextCount CountText(const GumboNode* node, bool in_link, ListCounts* lists);

// The count of list `node`, computed once: nested lists would otherwise be
// counted again at every level above them (2^depth work; found by
// fuzz/reader_html_fuzz.cc: 888 bytes took 5 s).
const TextCount& ListCount(const GumboNode* node, ListCounts* lists) {
  auto hit = lists->find(node);
  if (hit != lists->end()) return hit->second;
  TextCount c;
  const GumboVector& kids = node->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    TextCount k = CountText(static_cast<const GumboNode*>(kids.data[i]), false, lists);
    c.chars += k.chars;
    c.links += k.links;
  }
  return (*lists)[node] = c;
}

// A list that is mostly links is navigation.
bool IsNavigationList(const GumboNode* node, ListCounts* lists) {
  const TextCount& c = ListCount(node, lists);
  return c.chars > 0 && c.links * 2 > c.chars;
}

TextCount CountText(const GumboNode* node, bool in_link, ListCounts* lists) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
      node->type == GUMBO_NODE_CDATA) {
    size_t n = 0;
    for (char c : std::string_view(node->v.text.text))
      n += !(c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f');
    return {n, in_link ? n : 0};
  }
  if (node->type != GUMBO_NODE_ELEMENT) return {};
  const GumboElement& e = node->v.element;
  if (IsFurniture(e)) return {};
  if (e.tag == GUMBO_TAG_UL || e.tag == GUMBO_TAG_OL) {
    if (IsNavigationList(node, lists)) return {};
    const TextCount& c = ListCount(node, lists);
    return {c.chars, in_link ? c.chars : c.links};
  }
  TextCount sum;
  bool link = in_link || e.tag == GUMBO_TAG_A;
  for (unsigned i = 0; i < e.children.length; ++i) {
    TextCount k = CountText(static_cast<const GumboNode*>(e.children.data[i]), link, lists);
    sum.chars += k.chars;
    sum.links += k.links;
  }
  return sum;
}

void CollectText(const GumboNode* node, std::string* out, bool in_link, ListCounts* lists) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
      node->type == GUMBO_NODE_CDATA) {
    std::string_view t = node->v.text.text;
    for (char c : t) {
      bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
      if (space) {
        if (!out->empty() && out->back() != ' ' && out->back() != '\n') out->push_back(' ');
      } else {
        out->push_back(c);
      }
    }
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& e = node->v.element;
  if (IsFurniture(e)) return;
  bool block = IsBlock(e.tag);
  auto newline = [&](int n) {
    while (!out->empty() && out->back() == ' ') out->pop_back();
    int have = 0;
    for (auto it = out->rbegin(); it != out->rend() && *it == '\n' && have < n; ++it) ++have;
    if (out->empty()) return;
    for (; have < n; ++have) out->push_back('\n');
  };
  // A list that is mostly links is navigation: drop it.
  if ((e.tag == GUMBO_TAG_UL || e.tag == GUMBO_TAG_OL) && IsNavigationList(node, lists)) return;
  if (block) newline(e.tag == GUMBO_TAG_P || e.tag == GUMBO_TAG_BR ? 2 : 1);
  bool link = in_link || e.tag == GUMBO_TAG_A;
  for (unsigned i = 0; i < e.children.length; ++i) {
    CollectText(static_cast<const GumboNode*>(e.children.data[i]), out, link, lists);
  }
  if (block) newline(e.tag == GUMBO_TAG_P ? 2 : 1);
}

const GumboNode* FindFirst(const GumboNode* node, GumboTag tag) {
  if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
  if (node->v.element.tag == tag) return node;
  const GumboVector& kids = node->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    if (auto* f = FindFirst(static_cast<const GumboNode*>(kids.data[i]), tag)) return f;
  }
  return nullptr;
}

void CollectMeta(const GumboNode* node, Document* doc, std::string* og_title) {
  if (node->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& e = node->v.element;
  if (e.tag == GUMBO_TAG_META) {
    std::string key = Lower(Attr(e, "property") + Attr(e, "name") + Attr(e, "itemprop"));
    std::string content = Attr(e, "content");
    if (!content.empty()) {
      if (doc->published.empty() &&
          (key == "article:published_time" || key == "datepublished" || key == "pubdate" ||
           key == "publishdate" || key == "date" || key == "dc.date" || key == "dc.date.issued" ||
           key == "og:published_time" || key == "sailthru.date" || key == "parsely-pub-date")) {
        doc->published = content;
      } else if (doc->byline.empty() && (key == "author" || key == "article:author" ||
                                         key == "byl" || key == "dc.creator")) {
        doc->byline = content;
      } else if (doc->publisher.empty() &&
                 (key == "og:site_name" || key == "publisher" || key == "application-name")) {
        doc->publisher = content;
      } else if (doc->url.empty() && key == "og:url") {
        doc->url = content;
      } else if (og_title->empty() && key == "og:title") {
        *og_title = content;
      }
    }
  } else if (e.tag == GUMBO_TAG_LINK && Lower(Attr(e, "rel")) == "canonical" && doc->url.empty()) {
    doc->url = Attr(e, "href");
  } else if (e.tag == GUMBO_TAG_TIME && doc->published.empty()) {
    doc->published = Attr(e, "datetime");
  }
  for (unsigned i = 0; i < e.children.length; ++i) {
    CollectMeta(static_cast<const GumboNode*>(e.children.data[i]), doc, og_title);
  }
}

void RejectIf(bool bad, Status* status, Status why) {
  if (bad && status->ok()) *status = std::move(why);
}

}  // namespace

std::string ContentId(std::string_view text) {
  Sha256 sha;
  sha.Update(reinterpret_cast<const uint8_t*>(text.data()), text.size());
  return sha.HexDigest().substr(0, 32);
}

std::string NormalizeUrl(std::string_view url) { return kg::NormalizeUrl(url); }

namespace {

// A heading, for document identity: at most this many words.
constexpr size_t kMaxHeadingWords = 15;

// Whether `line`, with `words` words left in it, reads as a heading (a
// title, a dateline, a byline) rather than body text: short, and not ending
// as a sentence or a clause does ('.', ',', ':', ';', once closing quotes
// and brackets are set aside). A line with no word at all counts too.
bool HeadingLike(std::string_view line, size_t words) {
  if (words > kMaxHeadingWords) return false;
  while (!line.empty()) {
    unsigned char c = static_cast<unsigned char>(line.back());
    if (c == ' ' || c == '\t' || c == ')' || c == ']' || c == '"' || c == '\'') {
      line.remove_suffix(1);
    } else if (line.size() >= 3 && (line.substr(line.size() - 3) == "\u201D" ||   // ”
                                    line.substr(line.size() - 3) == "\u2019")) {  // ’
      line.remove_suffix(3);
    } else if (line.size() >= 2 && line.substr(line.size() - 2) == "\u00BB") {  // »
      line.remove_suffix(2);
    } else {
      break;
    }
  }
  if (line.empty()) return true;
  char last = line.back();
  return last != '.' && last != ',' && last != ':' && last != ';';
}

}  // namespace

std::string DocumentId(const Document& doc) {
  std::string url = NormalizeUrl(doc.url);
  if (!url.empty()) return ContentId("url " + url);
  // The text's lines with their folded words.
  struct Line {
    std::string_view text;
    std::vector<std::string> words;
  };
  std::vector<Line> lines;
  size_t total = 0;
  std::string_view text = doc.text;
  for (size_t pos = 0; pos <= text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    Line l{text.substr(pos, end - pos), text::FoldedWords(text.substr(pos, end - pos))};
    total += l.words.size();
    lines.push_back(std::move(l));
    pos = end + 1;
  }
  // Where the identifying text starts: line `line`, its word `word`.
  size_t line = 0, word = 0;
  // 1. A leading title (the metadata's) is dropped, as words: an HTML page
  //    repeats its title as a heading, the JSON Lines copy may not.
  std::vector<std::string> title = text::FoldedWords(doc.title);
  if (!title.empty() && title.size() < total) {
    size_t l = 0, w = 0, matched = 0;
    while (matched < title.size() && l < lines.size()) {
      if (w == lines[l].words.size()) {
        ++l;
        w = 0;
        continue;
      }
      if (lines[l].words[w] != title[matched]) break;
      ++w;
      ++matched;
    }
    if (matched == title.size()) {
      line = l;
      word = w;
    }
  }
  // 2. Then leading heading-like lines (HeadingLike), but never the last
  //    line with words: plain text that starts with its title (and a
  //    dateline) is identified by its body, as its JSON Lines copy with the
  //    title in the metadata is.
  size_t last_with_words = 0;
  for (size_t i = 0; i < lines.size(); ++i)
    if (!lines[i].words.empty()) last_with_words = i;
  while (line < last_with_words && HeadingLike(lines[line].text, lines[line].words.size() - word)) {
    ++line;
    word = 0;
  }
  std::string key = "text";
  for (; line < lines.size(); ++line, word = 0) {
    for (size_t i = word; i < lines[line].words.size(); ++i) {
      key += ' ';
      key += lines[line].words[i];
    }
  }
  return ContentId(key);
}

Status ValidateUtf8(std::string_view s, const std::string& name) {
  size_t bad = text::FindInvalidUtf8(s);
  if (bad == std::string_view::npos) return Status::OK();
  auto [line, col] = LineColumn(s, bad);
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(s[bad]));
  return Status::InvalidArgument(name + ":" + std::to_string(line) + ":" + std::to_string(col) +
                                 ": invalid UTF-8 (byte " + hex + ")");
}

// The cleaning hook. Boilerplate removal (extract/boilerplate.h, owned by the
// extraction side) plugs in at the marked line.
std::string CleanText(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  // Normalise line endings and trailing spaces, line by line.
  std::vector<std::string_view> lines;
  std::string unix;
  unix.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      unix.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      unix.push_back(text[i]);
    }
  }
  std::string out;
  out.reserve(unix.size());
  int blank_run = 0;
  size_t pos = 0;
  while (pos <= unix.size()) {
    size_t end = unix.find('\n', pos);
    if (end == std::string::npos) end = unix.size();
    std::string_view line(unix.data() + pos, end - pos);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (line.empty()) {
      ++blank_run;
    } else {
      if (!out.empty()) out.append(blank_run > 0 ? "\n\n" : "\n");
      out.append(line.data(), line.size());
      blank_run = 0;
    }
    pos = end + 1;
  }
  // Boilerplate removal (navigation, share bars, repeated captions).
  return StripBoilerplate(out);
}

namespace {

// HTML nested deeper than this is refused: gumbo's tree building takes time
// quadratic in the depth and its recursive walks overflow the stack (200,000
// nested <div>s: 3 minutes, then a crash). Real articles nest a few dozen.
constexpr size_t kMaxHtmlDepth = 10000;

// How deep `html` nests elements, roughly: start tags open, end tags close;
// void elements, self-closed tags, comments and the elements whose end tag
// may be left out (p, li, td...) are not counted, so sloppy pages are not
// overestimated.
size_t HtmlDepth(std::string_view html) {
  static const char* const kNotCounted[] = {
      "area", "base", "br", "col", "colgroup", "dd", "dt", "embed", "head", "hr", "html",
      "img", "input", "li", "link", "meta", "option", "optgroup", "p", "param", "rb", "rp",
      "rt", "rtc", "source", "tbody", "td", "tfoot", "th", "thead", "tr", "track", "wbr",
      "body"};
  size_t depth = 0, deepest = 0;
  for (size_t i = html.find('<'); i != std::string_view::npos; i = html.find('<', i + 1)) {
    if (html.compare(i, 4, "<!--") == 0) {
      size_t end = html.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end + 2;
      continue;
    }
    bool closing = i + 1 < html.size() && html[i + 1] == '/';
    size_t start = i + (closing ? 2 : 1);
    size_t end = start;
    while (end < html.size() && std::isalnum(static_cast<unsigned char>(html[end]))) ++end;
    if (end == start) continue;
    std::string name(html.substr(start, end - start));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool counted = true;
    for (const char* n : kNotCounted) counted = counted && name != n;
    if (!counted) continue;
    if (closing) {
      if (depth > 0) --depth;
      continue;
    }
    size_t close = html.find('>', end);
    if (close != std::string_view::npos && close > end && html[close - 1] == '/') continue;
    deepest = std::max(deepest, ++depth);
  }
  return deepest;
}

Status CheckHtmlDepth(std::string_view html, const std::string& where) {
  if (HtmlDepth(html) <= kMaxHtmlDepth) return Status::OK();
  return Status::InvalidArgument(where + ": HTML nested more than " +
                                 std::to_string(kMaxHtmlDepth) + " elements deep");
}

}  // namespace

void HtmlToDocument(std::string_view html, Document* doc) {
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  std::string og_title;
  CollectMeta(output->root, doc, &og_title);
  if (doc->title.empty()) {
    if (const GumboNode* t = FindFirst(output->root, GUMBO_TAG_TITLE)) {
      std::string title;
      ListCounts lists;
      const GumboVector& kids = t->v.element.children;
      for (unsigned i = 0; i < kids.length; ++i) {
        CollectText(static_cast<const GumboNode*>(kids.data[i]), &title, false, &lists);
      }
      while (!title.empty() && (title.back() == ' ' || title.back() == '\n')) title.pop_back();
      doc->title = title;
    }
    if (doc->title.empty()) doc->title = og_title;
  }
  const GumboNode* root = FindFirst(output->root, GUMBO_TAG_ARTICLE);
  if (!root) root = FindFirst(output->root, GUMBO_TAG_BODY);
  if (!root) root = output->root;
  std::string text;
  ListCounts lists;
  CollectText(root, &text, false, &lists);
  doc->text = std::move(text);
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  // gumbo lets some broken character references through as bytes that are
  // not UTF-8 ("&#x1F60CAFAB" without its ';' gave a lone 0xAB, found by
  // fuzz/reader_html_fuzz.cc): what is kept is made valid here.
  for (std::string* s : {&doc->text, &doc->title, &doc->byline, &doc->publisher,
                         &doc->published, &doc->url}) {
    if (kg::text::FindInvalidUtf8(*s) != std::string::npos) *s = kg::text::ToValidUtf8(*s);
  }
}

std::vector<std::string> Reader::Expand(const std::vector<std::string>& paths,
                                        std::vector<ReadResult>* missing) const {
  std::vector<std::string> files;
  std::function<void(const std::string&, bool)> walk = [&](const std::string& path, bool top) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      if (top) {
        missing->push_back({path, Status::NotFound(path + ": no such file or folder"), {}});
      }
      return;
    }
    if (S_ISDIR(st.st_mode)) {
      DIR* d = ::opendir(path.c_str());
      if (!d) {
        missing->push_back({path, Status::IOError(path + ": cannot open folder"), {}});
        return;
      }
      std::vector<std::string> names;
      while (dirent* e = ::readdir(d)) {
        if (e->d_name[0] != '.') names.emplace_back(e->d_name);
      }
      ::closedir(d);
      std::sort(names.begin(), names.end());
      std::string base = path;
      while (base.size() > 1 && base.back() == '/') base.pop_back();
      for (const auto& n : names) walk(base + "/" + n, false);
    } else if (S_ISREG(st.st_mode) || top) {
      files.push_back(path);
    }
  };
  for (const auto& p : paths) walk(p, true);
  return files;
}

void Reader::ReadJsonLinesFile(const std::string& path, uint64_t size,
                               const std::function<void(ReadResult)>& emit) const {
  if (size == 0) {
    emit({path, Status::InvalidArgument(path + ": empty file"), {}});
    return;
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    emit({path, Status::IOError(path + ": cannot open: " + std::strerror(errno)), {}});
    return;
  }
  std::vector<char> buf(size_t{1} << 20);
  std::string line;       // the line being read (up to max_line_bytes + 1)
  uint64_t line_no = 1;   // its number
  uint64_t line_size = 0; // its true length, even when too long to keep
  bool first_block = true;
  auto finish_line = [&] {
    std::string where = path + ":" + std::to_string(line_no);
    if (line_size > options_.max_line_bytes) {
      emit({where, Status::InvalidArgument(where + ": line too long (" + std::to_string(line_size) +
                                           " bytes, limit " +
                                           std::to_string(options_.max_line_bytes) + ")"),
            {}});
    } else if (line.find_first_not_of(" \t\r") != std::string::npos) {
      size_t bad = text::FindInvalidUtf8(line);
      if (bad != std::string::npos) {
        auto [unused, col] = LineColumn(line, bad);
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(line[bad]));
        emit({where, Status::InvalidArgument(where + ":" + std::to_string(col) +
                                             ": invalid UTF-8 (byte " + hex + ")"),
              {}});
      } else {
        ReadJsonLine(line, where, emit);
      }
    }
    line.clear();
    line_size = 0;
    ++line_no;
  };
  for (;;) {
    size_t got = std::fread(buf.data(), 1, buf.size(), f);
    if (got == 0) break;
    std::string_view block(buf.data(), got);
    if (first_block) {
      first_block = false;
      if (LooksBinary(block)) {
        emit({path, Status::InvalidArgument(path + ": binary file, not text"), {}});
        std::fclose(f);
        return;
      }
    }
    while (!block.empty()) {
      size_t nl = block.find('\n');
      std::string_view part = block.substr(0, nl);
      line_size += part.size();
      if (line.size() <= options_.max_line_bytes) {
        line.append(part.substr(0, std::min<size_t>(part.size(),
                                                    options_.max_line_bytes + 1 - line.size())));
      }
      if (nl == std::string_view::npos) break;
      finish_line();
      block.remove_prefix(nl + 1);
    }
  }
  bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (line_size > 0) finish_line();
  if (failed) emit({path, Status::IOError(path + ": read failed"), {}});
}

void Reader::ReadFile(const std::string& path, const std::function<void(ReadResult)>& emit) const {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    emit({path, Status::NotFound(path + ": no such file"), {}});
    return;
  }
  if (!S_ISREG(st.st_mode)) {
    emit({path, Status::InvalidArgument(path + ": not a regular file"), {}});
    return;
  }
  std::string ext = Extension(path);
  if (ext == "jsonl" || ext == "ndjson") {
    ReadJsonLinesFile(path, static_cast<uint64_t>(st.st_size), emit);
    return;
  }
  if (static_cast<uint64_t>(st.st_size) > options_.max_file_bytes) {
    emit({path,
          Status::InvalidArgument(path + ": file too large (" + std::to_string(st.st_size) +
                                  " bytes, limit " + std::to_string(options_.max_file_bytes) + ")"),
          {}});
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    emit({path, Status::IOError(path + ": cannot open: " + std::strerror(errno)), {}});
    return;
  }
  std::string data(static_cast<size_t>(st.st_size), '\0');
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  if (static_cast<size_t>(in.gcount()) != data.size()) {
    emit({path, Status::IOError(path + ": read failed"), {}});
    return;
  }
  ReadBuffer(path, std::move(data), emit);
}

namespace {

// Cleans the text and gives the document its source and id (DocumentId).
void FinishDocument(Document doc, const std::string& source,
                    const std::function<void(ReadResult)>& emit) {
  doc.source = source;
  doc.text = CleanText(doc.text);
  if (doc.text.empty()) {
    emit({source, Status::InvalidArgument(source + ": no text left after cleaning"), {}});
    return;
  }
  doc.id = DocumentId(doc);
  emit({source, Status::OK(), std::move(doc)});
}

}  // namespace

void Reader::ReadJsonLine(std::string_view text, const std::string& where,
                          const std::function<void(ReadResult)>& emit) const {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    std::string msg = e.what();
    size_t colon = msg.find("]: ");
    if (colon != std::string::npos) msg = msg.substr(colon + 3);
    emit({where, Status::InvalidArgument(where + ":" + std::to_string(e.byte) + ": " + msg), {}});
    return;
  } catch (const nlohmann::json::exception& e) {
    // Valid syntax the parser cannot hold: a number too large ("4E4444").
    std::string msg = e.what();
    size_t bracket = msg.find("] ");
    if (bracket != std::string::npos) msg = msg.substr(bracket + 2);
    emit({where, Status::InvalidArgument(where + ": " + msg), {}});
    return;
  }
  if (!j.is_object()) {
    emit({where, Status::InvalidArgument(where + ":1: expected a JSON object"), {}});
    return;
  }
  auto field = [&](const char* key) -> std::string {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  static const std::pair<const char*, std::string Document::*> kMetadata[] = {
      {"url", &Document::url},
      {"title", &Document::title},
      {"published", &Document::published},
      {"publisher", &Document::publisher},
      {"byline", &Document::byline}};
  if (!j.contains("html") && !j.contains("text") && j.contains("file") && j["file"].is_string()) {
    // Metadata for a text or HTML file kept apart: {"file": "a.txt", "url":
    // ...}. The file (relative to this JSON Lines file's folder) is read as
    // `kg ingest a.txt` reads it (its source the file), with the record's
    // metadata on top; then it gets its id (DocumentId: from the url when
    // the record gives one, else the text's, as for the file alone).
    std::string file = field("file");
    std::string base = where.substr(0, where.rfind(':'));
    size_t slash = base.rfind('/');
    std::string path = file.empty() || file[0] == '/' || slash == std::string::npos || base == "-"
                           ? file
                           : base.substr(0, slash + 1) + file;
    if (!file.empty()) path = std::filesystem::path(path).lexically_normal().string();
    std::string ext = Extension(path);
    if (file.empty() || ext == "jsonl" || ext == "ndjson") {
      emit({where, Status::InvalidArgument(where + ": \"file\" must name a text or HTML file"), {}});
      return;
    }
    ReadFile(path, [&](ReadResult r) {
      if (!r.status.ok()) {
        emit({where, r.status.WithContext(where), {}});
        return;
      }
      for (auto [key, member] : kMetadata) {
        std::string v = field(key);
        if (!v.empty()) r.document.*member = v;
      }
      r.document.id = DocumentId(r.document);  // a url given here identifies it
      emit(std::move(r));
    });
    return;
  }
  Document doc;
  if (j.contains("html") && j["html"].is_string()) {
    std::string page = field("html");
    if (Status deep = CheckHtmlDepth(page, where); !deep.ok()) {
      emit({where, deep, {}});
      return;
    }
    HtmlToDocument(page, &doc);
  } else if (j.contains("text") && j["text"].is_string()) {
    doc.text = field("text");
  } else {
    emit({where, Status::InvalidArgument(where + ": no \"text\", \"html\" or \"file\" string field"), {}});
    return;
  }
  for (auto [key, dst] : {std::pair<const char*, std::string*>{"url", &doc.url},
                          {"title", &doc.title},
                          {"published", &doc.published},
                          {"publisher", &doc.publisher},
                          {"byline", &doc.byline}}) {
    std::string v = field(key);
    if (!v.empty()) *dst = v;
  }
  FinishDocument(std::move(doc), where, emit);
}

void Reader::ReadBuffer(const std::string& name, std::string data,
                        const std::function<void(ReadResult)>& emit) const {
  std::string ext = Extension(name);
  bool html = ext == "html" || ext == "htm" || ext == "xhtml";
  bool jsonl = ext == "jsonl" || ext == "ndjson";
  Status status;
  RejectIf(data.size() > options_.max_file_bytes, &status,
           Status::InvalidArgument(name + ": file too large (" + std::to_string(data.size()) +
                                   " bytes)"));
  RejectIf(data.empty(), &status, Status::InvalidArgument(name + ": empty file"));
  RejectIf(status.ok() && LooksBinary(data), &status,
           Status::InvalidArgument(name + ": binary file, not text"));
  if (status.ok() && !html) {
    // Long lines are found with memchr so a 50 MB single line costs one pass.
    size_t line = 1, start = 0;
    while (start <= data.size()) {
      const void* nl = std::memchr(data.data() + start, '\n', data.size() - start);
      size_t end = nl ? static_cast<const char*>(nl) - data.data() : data.size();
      if (end - start > options_.max_line_bytes) {
        status = Status::InvalidArgument(name + ":" + std::to_string(line) + ": line too long (" +
                                         std::to_string(end - start) + " bytes, limit " +
                                         std::to_string(options_.max_line_bytes) + ")");
        break;
      }
      if (!nl) break;
      start = end + 1;
      ++line;
    }
  }
  if (status.ok()) status = ValidateUtf8(data, name);
  if (!status.ok()) {
    emit({name, status, {}});
    return;
  }

  if (jsonl) {
    size_t line = 0, start = 0;
    while (start < data.size()) {
      ++line;
      size_t end = data.find('\n', start);
      if (end == std::string::npos) end = data.size();
      std::string_view text(data.data() + start, end - start);
      start = end + 1;
      if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      ReadJsonLine(text, name + ":" + std::to_string(line), emit);
    }
    return;
  }
  Document doc;
  if (html) {
    if (Status deep = CheckHtmlDepth(data, name); !deep.ok()) {
      emit({name, deep, {}});
      return;
    }
    HtmlToDocument(data, &doc);
  } else {
    doc.text = std::move(data);
  }
  FinishDocument(std::move(doc), name, emit);
}

}  // namespace kg::extract
