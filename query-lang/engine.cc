// Execute(): the API edge of the query engine (temporary stub).
#include "query-lang/query_engine.h"

namespace kg::query_lang {

std::string QueryError::FormatWithCaret(const std::string& query) const {
  std::string out = kind + ": " + message;
  if (line > 0 && column > 0) {
    out += " (line " + std::to_string(line) + ", column " + std::to_string(column) + ")\n";
    size_t start = 0;
    for (int l = 1; l < line && start != std::string::npos; ++l) {
      start = query.find('\n', start);
      if (start != std::string::npos) ++start;
    }
    if (start == std::string::npos) return out;
    size_t end = query.find('\n', start);
    out += "  " + query.substr(start, end == std::string::npos ? end : end - start) + "\n";
    out += "  " + std::string(column - 1, ' ') + "^\n";
  } else {
    out += "\n";
  }
  return out;
}

QueryOutcome Execute(graph::Graph&, const std::string&, const QueryOptions&) {
  return QueryError{"NotSupported", "", "the query engine is not built yet", 0, 0};
}

QueryOutcome Check(const std::string&) {
  return QueryError{"NotSupported", "", "the query engine is not built yet", 0, 0};
}

const std::vector<std::string>& Keywords() {
  static const std::vector<std::string> k = {"MATCH", "RETURN"};
  return k;
}
const std::vector<std::string>& FunctionNames() {
  static const std::vector<std::string> k = {"count"};
  return k;
}
Value ParseParameterValue(const std::string& text) { return Value::String(text); }

}  // namespace kg::query_lang
