#include "cli/repl_support.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "graph/graph.h"

namespace kg::cli {
namespace {

using query_lang::Value;

Value JsonToValue(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null:
      return Value::Null();
    case nlohmann::json::value_t::boolean:
      return Value::Bool(j.get<bool>());
    case nlohmann::json::value_t::number_integer:
      return Value::Int(j.get<int64_t>());
    case nlohmann::json::value_t::number_unsigned:
      return Value::Int(static_cast<int64_t>(j.get<uint64_t>()));
    case nlohmann::json::value_t::number_float:
      return Value::Float(j.get<double>());
    case nlohmann::json::value_t::string:
      return Value::String(j.get<std::string>());
    case nlohmann::json::value_t::array: {
      query_lang::ValueList list;
      for (const auto& item : j) list.push_back(JsonToValue(item));
      return Value::List(std::move(list));
    }
    case nlohmann::json::value_t::object: {
      query_lang::ValueMap map;
      for (const auto& [k, v] : j.items()) map[k] = JsonToValue(v);
      return Value::Map(std::move(map));
    }
    default:
      return Value::Null();
  }
}

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

// Walks `text`, calling on_semicolon(pos) for every top-level ';'. Returns
// whether the text after the last top-level ';' holds anything besides
// whitespace and comments (`has_tail`).
template <typename F>
void ScanTopLevel(const std::string& text, F on_semicolon, bool& has_tail) {
  has_tail = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\'' || c == '"' || c == '`') {
      has_tail = true;
      for (++i; i < text.size() && text[i] != c; ++i) {
        if (text[i] == '\\' && c != '`') ++i;
      }
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      size_t end = text.find("*/", i + 2);
      i = end == std::string::npos ? text.size() : end + 1;
    } else if (c == ';') {
      on_semicolon(i);
      has_tail = false;
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      has_tail = true;
    }
  }
}

bool OnlyComments(const std::string& text) {
  bool tail = false;
  ScanTopLevel(text, [](size_t) {}, tail);
  return !tail;
}

}  // namespace

Result<std::unique_ptr<graph::Graph>> OpenGraph(const Context& context, bool read_only) {
  struct stat st;
  if (::stat(context.db.c_str(), &st) != 0) {
    return Status::NotFound("no kg database at '" + context.db +
                            "' (create one with `kg ingest FILES...`, or pass --db DIR / set "
                            "KG_DB)");
  }
  graph::OpenOptions options;
  options.create_if_missing = false;
  options.read_only = read_only;
  options.include_rejected = context.include_rejected;
  Result<std::unique_ptr<graph::Graph>> g = graph::Graph::Open(context.db, options);
  if (!g.ok()) return g.status().WithContext("cannot open " + context.db);
  return g;
}

Value ParseParamValue(const std::string& raw) {
  std::string text = Trim(raw);
  if (!text.empty() && (text[0] == '{' || text[0] == '[' || text[0] == '"')) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!j.is_discarded()) return JsonToValue(j);
  }
  return query_lang::ParseParameterValue(text);
}

Status ParseParam(const std::string& assignment, query_lang::ValueMap& params) {
  size_t eq = assignment.find('=');
  if (eq == std::string::npos) {
    return Status::InvalidArgument("parameter '" + assignment + "' should be written name=value");
  }
  std::string name = Trim(assignment.substr(0, eq));
  if (!name.empty() && name[0] == '$') name.erase(0, 1);
  bool ident = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) ident = ident && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (!ident) {
    return Status::InvalidArgument("parameter name '" + name +
                                   "' must be letters, digits and _ (as in $name)");
  }
  params[name] = ParseParamValue(assignment.substr(eq + 1));
  return Status::OK();
}

std::vector<Statement> SplitStatements(const std::string& script) {
  std::vector<Statement> out;
  size_t start = 0;
  auto add = [&](size_t begin, size_t end) {
    std::string piece = script.substr(begin, end - begin);
    if (OnlyComments(piece)) return;
    // The line of the first non-blank character.
    size_t first = begin;
    while (first < end && std::isspace(static_cast<unsigned char>(script[first]))) ++first;
    int line = 1;
    for (size_t i = 0; i < first; ++i) line += script[i] == '\n';
    out.push_back({Trim(script.substr(first, end - first)), line});
  };
  bool tail = false;
  ScanTopLevel(
      script,
      [&](size_t pos) {
        add(start, pos);
        start = pos + 1;
      },
      tail);
  if (start < script.size()) add(start, script.size());
  return out;
}

bool StatementComplete(const std::string& buffer) {
  bool seen = false, tail = false;
  ScanTopLevel(buffer, [&](size_t) { seen = true; }, tail);
  return seen && !tail;
}

std::string FormatQueryError(const query_lang::QueryError& error, const std::string& query,
                             const std::string& file, int first_line) {
  std::string text = error.FormatWithCaret(query);
  if (!file.empty()) {
    int line = first_line + (error.line > 0 ? error.line - 1 : 0);
    std::string column = error.column > 0 ? ":" + std::to_string(error.column) : "";
    text = file + ":" + std::to_string(line) + column + ": " + text;
  }
  if (text.empty() || text.back() != '\n') text += '\n';
  return text;
}

std::string NameHints(const graph::Graph& graph, const std::string& query) {
  static const std::regex kNameLiteral(R"re(\bname\s*[:=]\s*(?:'([^']*)'|"([^"]*)"))re");
  std::string out;
  std::set<std::string> seen;
  for (auto it = std::sregex_iterator(query.begin(), query.end(), kNameLiteral);
       it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
    if (name.empty() || !seen.insert(name).second) continue;
    Result<std::vector<graph::NodeId>> ids = graph.FindByName(name);
    if (!ids.ok()) continue;
    std::vector<std::string> owners;
    bool exact = false;
    for (graph::NodeId id : *ids) {
      Result<graph::NodeRecord> n = graph.GetNode(id);
      if (!n.ok()) continue;
      auto p = n->properties.find("name");
      if (p == n->properties.end()) continue;
      const std::string* owner = std::get_if<std::string>(&p->second.value);
      if (!owner) continue;
      if (*owner == name) exact = true;
      else if (std::find(owners.begin(), owners.end(), *owner) == owners.end()) owners.push_back(*owner);
    }
    if (exact || owners.empty()) continue;
    out += "no node is named '" + name + "'; it is an alias of ";
    for (size_t k = 0; k < owners.size() && k < 5; ++k) out += (k ? ", '" : "'") + owners[k] + "'";
    out += " (write that name, or WHERE '" + name + "' IN n.aliases)\n";
  }
  return out;
}

}  // namespace kg::cli
