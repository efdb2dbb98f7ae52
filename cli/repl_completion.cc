#include "cli/repl_completion.h"

#include <algorithm>
#include <cctype>

namespace kg::cli {
namespace {

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         (static_cast<unsigned char>(c) >= 0x80);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool StartsWithNoCase(const std::string& word, const std::string& prefix) {
  return word.size() >= prefix.size() && Lower(word.substr(0, prefix.size())) == Lower(prefix);
}

std::vector<std::string> Matching(const std::vector<std::string>& words, const std::string& prefix,
                                  bool match_case_of_prefix) {
  std::vector<std::string> out;
  bool lower = match_case_of_prefix && !prefix.empty() && Lower(prefix) == prefix;
  for (const auto& w : words) {
    if (StartsWithNoCase(w, prefix)) out.push_back(lower ? Lower(w) : w);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The open string quote (' or ") at the end of `text`, and where it is;
// npos when the cursor is not inside a string.
size_t OpenQuote(const std::string& text, char& quote) {
  size_t open = std::string::npos;
  quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == '\\') {
        ++i;
      } else if (c == quote) {
        quote = 0;
        open = std::string::npos;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      open = i;
    }
  }
  return open;
}

// The innermost unclosed bracket before `end`: '(', '[', '{' or 0.
char OpenBracket(const std::string& text, size_t end) {
  std::string stack;
  char quote = 0;
  for (size_t i = 0; i < end; ++i) {
    char c = text[i];
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      stack.push_back(c);
    } else if ((c == ')' || c == ']' || c == '}') && !stack.empty()) {
      stack.pop_back();
    }
  }
  return stack.empty() ? 0 : stack.back();
}

}  // namespace

std::string CommonPrefix(const std::vector<std::string>& words) {
  if (words.empty()) return "";
  std::string prefix = words.front();
  for (const auto& w : words) {
    size_t n = 0;
    while (n < prefix.size() && n < w.size() && prefix[n] == w[n]) ++n;
    prefix.resize(n);
  }
  // Never end in the middle of a UTF-8 sequence.
  while (!prefix.empty() && (static_cast<unsigned char>(prefix.back()) & 0xC0) == 0x80) {
    size_t k = prefix.size();
    while (k > 0 && (static_cast<unsigned char>(prefix[k - 1]) & 0xC0) == 0x80) --k;
    if (k == 0) break;
    unsigned char lead = static_cast<unsigned char>(prefix[k - 1]);
    size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (prefix.size() - (k - 1) >= len) break;
    prefix.resize(k - 1);
  }
  return prefix;
}

Completion Complete(const CompletionData& data, const std::string& text) {
  Completion out;
  // REPL commands.
  size_t first = text.find_first_not_of(" \t");
  if (first != std::string::npos && text[first] == ':') {
    size_t space = text.find(' ', first);
    if (space == std::string::npos) {
      out.start = first;
      out.candidates = Matching(data.commands, text.substr(first), false);
      out.append_space = true;
      return out;
    }
    std::string command = text.substr(first, space - first);
    if (command == ":mode") {
      size_t arg = text.find_first_not_of(' ', space);
      out.start = arg == std::string::npos ? text.size() : arg;
      out.candidates = Matching(data.modes, text.substr(out.start), false);
    }
    return out;
  }
  // Entity names inside a string.
  char quote = 0;
  size_t open = OpenQuote(text, quote);
  if (open != std::string::npos) {
    out.start = open + 1;
    std::string prefix = text.substr(out.start);
    if (data.names && !prefix.empty()) {
      for (auto& name : data.names(prefix)) out.candidates.push_back(name + quote);
      std::sort(out.candidates.begin(), out.candidates.end());
    }
    return out;
  }
  size_t start = text.size();
  while (start > 0 && IsWordChar(text[start - 1])) --start;
  out.start = start;
  std::string word = text.substr(start);
  char before = start > 0 ? text[start - 1] : 0;
  if (before == ':') {
    char bracket = OpenBracket(text, start - 1);
    if (bracket == '(') out.candidates = Matching(data.labels, word, false);
    if (bracket == '[') out.candidates = Matching(data.types, word, false);
    return out;
  }
  if (before == '.') {
    out.candidates = Matching(data.property_keys, word, false);
    return out;
  }
  if (before == '$') {
    out.candidates = Matching(data.parameters, word, false);
    return out;
  }
  if (word.empty()) return out;
  out.candidates = Matching(data.keywords, word, true);
  out.append_space = true;
  return out;
}

}  // namespace kg::cli
