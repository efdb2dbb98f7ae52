#include "cli/result_printer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "common/text.h"
#include "query-lang/query_engine.h"

namespace kg::cli {
namespace {

using query_lang::QueryResult;
using query_lang::Value;
using Json = nlohmann::ordered_json;

size_t DecodeUtf8(const std::string& s, size_t i, uint32_t& cp) { return text::DecodeAt(s, i, &cp); }

int CodePointWidth(uint32_t cp) {
  if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
      (cp >= 0xFE00 && cp <= 0xFE0F))
    return 0;
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
      (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD))
    return 2;
  return 1;
}

// Control characters would break a table's alignment: show them as symbols.
std::string Printable(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n') {
      out += "↵";
    } else if (c == '\t') {
      out += ' ';
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      out += "�";
    } else {
      out += c;
    }
  }
  return out;
}

Json ToJson(const Value& v);

Json PropertiesJson(const std::shared_ptr<const query_lang::ValueMap>& props) {
  Json obj = Json::object();
  if (props) {
    for (const auto& [k, val] : *props) obj[k] = ToJson(val);
  }
  return obj;
}

Json NodeJson(const query_lang::NodeValue& n) {
  return Json{{"id", n.id}, {"labels", n.labels}, {"properties", PropertiesJson(n.properties)}};
}

Json RelJson(const query_lang::RelationshipValue& r) {
  return Json{{"id", r.id},
              {"type", r.type},
              {"start", r.source},
              {"end", r.target},
              {"properties", PropertiesJson(r.properties)}};
}

// Invalid UTF-8 would make nlohmann throw on dump: replace bad bytes.
std::string ValidUtf8(const std::string& s) { return text::ToValidUtf8(s); }

Json ToJson(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNull:
      return nullptr;
    case Value::Kind::kBool:
      return v.as_bool();
    case Value::Kind::kInt:
      return v.as_int();
    case Value::Kind::kFloat: {
      double d = v.as_float();
      if (std::isnan(d)) return "NaN";
      if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
      return d;
    }
    case Value::Kind::kString:
      return ValidUtf8(v.as_string());
    case Value::Kind::kList: {
      Json arr = Json::array();
      for (const Value& item : v.as_list()) arr.push_back(ToJson(item));
      return arr;
    }
    case Value::Kind::kMap: {
      Json obj = Json::object();
      for (const auto& [k, item] : v.as_map()) obj[ValidUtf8(k)] = ToJson(item);
      return obj;
    }
    case Value::Kind::kNode:
      return NodeJson(v.as_node());
    case Value::Kind::kRelationship:
      return RelJson(v.as_relationship());
    case Value::Kind::kPath: {
      Json nodes = Json::array(), rels = Json::array();
      for (const auto& n : v.as_path().nodes) nodes.push_back(NodeJson(n));
      for (const auto& r : v.as_path().relationships) rels.push_back(RelJson(r));
      return Json{{"nodes", nodes}, {"relationships", rels}};
    }
    case Value::Kind::kDate:
    case Value::Kind::kLocalTime:
    case Value::Kind::kTime:
    case Value::Kind::kLocalDateTime:
    case Value::Kind::kDateTime:
    case Value::Kind::kDuration:
      return v.TemporalText();
  }
  return nullptr;
}

Json RowJson(const QueryResult& result, const std::vector<Value>& row) {
  Json obj = Json::object();
  for (size_t c = 0; c < result.columns.size() && c < row.size(); ++c) {
    obj[ValidUtf8(result.columns[c])] = ToJson(row[c]);
  }
  return obj;
}

std::string Dump(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string CsvCell(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNull:
      return "";
    case Value::Kind::kString:
      return v.as_string();
    case Value::Kind::kBool:
    case Value::Kind::kInt:
    case Value::Kind::kFloat:
      return v.ToString();
    case Value::Kind::kDate:
    case Value::Kind::kLocalTime:
    case Value::Kind::kTime:
    case Value::Kind::kLocalDateTime:
    case Value::Kind::kDateTime:
    case Value::Kind::kDuration:
      return v.TemporalText();
    default:
      return Dump(ToJson(v));
  }
}

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string ChangesLine(const query_lang::QueryCounters& c) {
  std::vector<std::string> parts;
  if (c.nodes_created) parts.push_back(Plural(c.nodes_created, "node", "nodes") + " created");
  if (c.relationships_created)
    parts.push_back(Plural(c.relationships_created, "relationship", "relationships") +
                    " created");
  if (c.properties_set) parts.push_back(Plural(c.properties_set, "property", "properties") + " set");
  if (c.labels_added) parts.push_back(Plural(c.labels_added, "label", "labels") + " added");
  if (c.labels_removed) parts.push_back(Plural(c.labels_removed, "label", "labels") + " removed");
  if (c.nodes_deleted) parts.push_back(Plural(c.nodes_deleted, "node", "nodes") + " deleted");
  if (c.relationships_deleted)
    parts.push_back(Plural(c.relationships_deleted, "relationship", "relationships") + " deleted");
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out.empty() ? "no changes" : out;
}

std::string Summary(const QueryResult& result, const PrintOptions& options) {
  std::ostringstream s;
  if (result.truncated)
    s << result.rows.size() << " of " << Plural(result.total_rows, "row", "rows") << " shown";
  else
    s << Plural(result.rows.size(), "row", "rows");
  if (result.counters.any()) s << "; " << ChangesLine(result.counters);
  if (options.show_timing) {
    s << " (" << std::fixed << std::setprecision(result.elapsed_ms < 10 ? 2 : 0)
      << result.elapsed_ms << " ms)";
  }
  return s.str();
}

std::string Repeat(const std::string& unit, size_t n) {
  std::string out;
  out.reserve(unit.size() * n);
  for (size_t i = 0; i < n; ++i) out += unit;
  return out;
}

void PrintTable(const QueryResult& result, const PrintOptions& options, std::ostream& out) {
  if (result.columns.empty()) {
    if (!result.plan_text.empty()) out << result.plan_text << (result.plan_text.back() == '\n' ? "" : "\n");
    if (options.show_summary) out << Summary(result, options) << "\n";
    return;
  }
  const size_t cap = std::max<size_t>(options.max_column_width, 4);
  const size_t ncol = result.columns.size();
  std::vector<std::string> header(ncol);
  std::vector<size_t> width(ncol, 1);
  for (size_t c = 0; c < ncol; ++c) {
    header[c] = TruncateToWidth(Printable(result.columns[c]), cap);
    width[c] = std::max(width[c], DisplayWidth(header[c]));
  }
  std::vector<std::vector<std::string>> cells(result.rows.size(), std::vector<std::string>(ncol));
  std::vector<bool> numeric(ncol, true);
  for (size_t r = 0; r < result.rows.size(); ++r) {
    for (size_t c = 0; c < ncol && c < result.rows[r].size(); ++c) {
      const Value& v = result.rows[r][c];
      if (!v.is_number() && !v.is_null()) numeric[c] = false;
      cells[r][c] = TruncateToWidth(Printable(CellText(v)), cap);
      width[c] = std::max(width[c], DisplayWidth(cells[r][c]));
    }
  }
  // Narrow the widest columns until the table fits the terminal.
  if (options.max_table_width > 0) {
    auto total = [&] {
      size_t t = 1;
      for (size_t w : width) t += w + 3;
      return t;
    };
    while (total() > options.max_table_width) {
      size_t widest = std::max_element(width.begin(), width.end()) - width.begin();
      if (width[widest] <= 6) break;
      --width[widest];
    }
    for (size_t c = 0; c < ncol; ++c) {
      header[c] = TruncateToWidth(header[c], width[c]);
      for (auto& row : cells) row[c] = TruncateToWidth(row[c], width[c]);
    }
  }
  auto rule = [&](const char* left, const char* mid, const char* right) {
    out << left;
    for (size_t c = 0; c < ncol; ++c) out << Repeat("─", width[c] + 2) << (c + 1 < ncol ? mid : right);
    out << "\n";
  };
  auto line = [&](const std::vector<std::string>& row, bool is_header) {
    out << "│";
    for (size_t c = 0; c < ncol; ++c) {
      size_t pad = width[c] - DisplayWidth(row[c]);
      bool right = numeric[c] && !is_header && !result.rows.empty();
      out << ' ' << (right ? std::string(pad, ' ') : "") << row[c]
          << (right ? "" : std::string(pad, ' ')) << " │";
    }
    out << "\n";
  };
  rule("┌", "┬", "┐");
  line(header, true);
  rule("├", "┼", "┤");
  for (const auto& row : cells) line(row, false);
  rule("└", "┴", "┘");
  if (!result.plan_text.empty()) out << result.plan_text << (result.plan_text.back() == '\n' ? "" : "\n");
  if (options.show_summary) out << Summary(result, options) << "\n";
}

std::string MarkdownCell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

void PrintMarkdown(const QueryResult& result, const PrintOptions& options, std::ostream& out) {
  if (result.columns.empty()) {
    out << ChangesLine(result.counters) << "\n";
    return;
  }
  out << "|";
  for (const auto& c : result.columns) out << ' ' << MarkdownCell(c) << " |";
  out << "\n|";
  for (size_t c = 0; c < result.columns.size(); ++c) out << " --- |";
  out << "\n";
  for (const auto& row : result.rows) {
    out << "|";
    for (const Value& v : row) out << ' ' << MarkdownCell(CellText(v)) << " |";
    out << "\n";
  }
  if (options.show_summary) out << "\n" << Summary(result, options) << "\n";
}

}  // namespace

std::optional<OutputMode> ParseOutputMode(const std::string& name) {
  if (name == "table" || name == "text") return OutputMode::kTable;
  if (name == "csv") return OutputMode::kCsv;
  if (name == "json") return OutputMode::kJson;
  if (name == "jsonl" || name == "ndjson") return OutputMode::kJsonl;
  if (name == "markdown" || name == "md") return OutputMode::kMarkdown;
  return std::nullopt;
}

const char* OutputModeName(OutputMode mode) {
  switch (mode) {
    case OutputMode::kTable: return "table";
    case OutputMode::kCsv: return "csv";
    case OutputMode::kJson: return "json";
    case OutputMode::kJsonl: return "jsonl";
    case OutputMode::kMarkdown: return "markdown";
  }
  return "table";
}

std::string CellText(const Value& value) {
  if (value.kind() == Value::Kind::kString) return value.as_string();
  if (value.is_temporal() || value.kind() == Value::Kind::kDuration) return value.TemporalText();
  return value.ToString();
}

std::string ValueToJson(const Value& value) { return Dump(ToJson(value)); }

size_t DisplayWidth(const std::string& text) {
  size_t w = 0;
  for (size_t i = 0; i < text.size();) {
    uint32_t cp;
    i += DecodeUtf8(text, i, cp);
    w += CodePointWidth(cp);
  }
  return w;
}

std::string TruncateToWidth(const std::string& text, size_t width) {
  if (DisplayWidth(text) <= width) return text;
  if (width == 0) return "";
  std::string out;
  size_t w = 0;
  for (size_t i = 0; i < text.size();) {
    uint32_t cp;
    size_t len = DecodeUtf8(text, i, cp);
    int cw = CodePointWidth(cp);
    if (w + cw > width - 1) break;
    out.append(text, i, len);
    w += cw;
    i += len;
  }
  return out + "…";
}

void PrintResult(const QueryResult& result, const PrintOptions& options, std::ostream& out) {
  switch (options.mode) {
    case OutputMode::kTable:
      PrintTable(result, options, out);
      return;
    case OutputMode::kMarkdown:
      PrintMarkdown(result, options, out);
      return;
    case OutputMode::kCsv: {
      for (size_t c = 0; c < result.columns.size(); ++c)
        out << (c ? "," : "") << CsvField(result.columns[c]);
      if (!result.columns.empty()) out << "\n";
      for (const auto& row : result.rows) {
        for (size_t c = 0; c < row.size(); ++c) out << (c ? "," : "") << CsvField(CsvCell(row[c]));
        out << "\n";
      }
      return;
    }
    case OutputMode::kJson: {
      out << "[";
      for (size_t r = 0; r < result.rows.size(); ++r)
        out << (r ? ",\n " : "\n ") << Dump(RowJson(result, result.rows[r]));
      out << (result.rows.empty() ? "]\n" : "\n]\n");
      return;
    }
    case OutputMode::kJsonl:
      for (const auto& row : result.rows) out << Dump(RowJson(result, row)) << "\n";
      return;
  }
}

}  // namespace kg::cli
