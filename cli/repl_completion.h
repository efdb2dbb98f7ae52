// Completion: what the REPL offers when Tab is pressed.
//
// Pure logic, no terminal: given the text of the line up to the cursor, it
// picks the word being typed and the candidates for it from the context:
//   :mo|              -> REPL commands (:mode, ...); ":mode t|" -> modes
//   MATCH (p:Pe|      -> labels                 (a ':' inside '(')
//   -[r:SPEAK|        -> relationship types     (a ':' inside '[')
//   p.na|             -> property keys
//   $na|              -> parameter names
//   {name: 'Vlad|     -> entity names (closing the quote)
//   mat|              -> keywords and function names (in the case typed)
// The editor (repl_editor.h) replaces [start, cursor) with the candidate.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace kg::cli {

struct CompletionData {
  std::vector<std::string> keywords;  // upper-case keywords and function names
  std::vector<std::string> labels;
  std::vector<std::string> types;
  std::vector<std::string> property_keys;
  std::vector<std::string> parameters;
  std::vector<std::string> commands;  // ":help", ":mode"...
  std::vector<std::string> modes;     // "table", "csv"...
  // Entity names starting with a prefix (Graph::NamesWithPrefix); may be empty.
  std::function<std::vector<std::string>(const std::string& prefix)> names;
};

struct Completion {
  size_t start = 0;                     // where the word being completed starts
  std::vector<std::string> candidates;  // replacements for [start, cursor), sorted
  bool append_space = false;            // after a unique keyword or command
};

Completion Complete(const CompletionData& data, const std::string& before_cursor);

// The longest common prefix of `words` ("" when empty).
std::string CommonPrefix(const std::vector<std::string>& words);

}  // namespace kg::cli
