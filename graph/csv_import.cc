// CSV import through sorted SST files (see csv_import.h).
//
// The rows are parsed into flat arrays (no per-row allocation on the edge
// path), each family's entries are produced in key order (ids are handed out
// in row order, so nodes, edges, provenance, mentions and labels are born
// sorted; only out, in and names are sorted), every family is written as its
// own SST file on a pool of threads, and all files go into RocksDB in one
// IngestExternalFiles call.
#include "graph/csv_import.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_map>

#include "common/text.h"
#include "graph/entity_keys.h"
#include "graph/record_codec.h"
#include "graph/rocks_graph.h"
#include "storage/coding.h"
#include "storage/keys.h"

namespace kg::graph {
namespace {

using storage::Family;
namespace keys = storage::keys;
using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// ---- CSV tokenizing -----------------------------------------------------------

// Reads RFC 4180 rows from a buffer: fields separated by ',', optionally in
// double quotes ("" inside quotes is one quote; quoted fields may span lines).
class CsvRows {
 public:
  explicit CsvRows(std::string_view data, uint64_t first_line = 1)
      : data_(data), line_(first_line) {
    if (data_.size() >= 3 && data_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // BOM
  }
  // Bytes consumed so far, and the number of the line the next row starts on.
  size_t position() const { return pos_; }
  uint64_t line() const { return line_; }

  // The next row's fields (views into the buffer or into this reader's
  // scratch, valid until the next call); false at the end. `line` is the
  // row's first line number (1-based). A row with an unterminated quote is
  // returned with `*broken` set.
  bool Next(std::vector<std::string_view>* fields, uint64_t* line, bool* broken) {
    fields->clear();
    *broken = false;
    // Skip empty lines.
    while (pos_ < data_.size() && (data_[pos_] == '\n' || data_[pos_] == '\r')) {
      if (data_[pos_] == '\n') ++line_;
      ++pos_;
    }
    if (pos_ >= data_.size()) return false;
    *line = line_;
    scratch_used_ = 0;
    for (;;) {
      if (pos_ < data_.size() && data_[pos_] == '"') {
        // Quoted field.
        size_t start = ++pos_;
        bool escaped = false;
        for (;;) {
          size_t q = data_.find('"', pos_);
          if (q == std::string_view::npos) {
            *broken = true;
            pos_ = data_.size();
            fields->push_back(data_.substr(start));
            return true;
          }
          for (size_t i = pos_; i < q; ++i)
            if (data_[i] == '\n') ++line_;
          if (q + 1 < data_.size() && data_[q + 1] == '"') {
            escaped = true;
            pos_ = q + 2;
            continue;
          }
          std::string_view raw = data_.substr(start, q - start);
          pos_ = q + 1;
          if (escaped) {
            std::string& s = Scratch();
            s.clear();
            for (size_t i = 0; i < raw.size(); ++i) {
              s.push_back(raw[i]);
              if (raw[i] == '"') ++i;  // "" -> "
            }
            fields->push_back(s);
          } else {
            fields->push_back(raw);
          }
          break;
        }
        // After a quoted field: ',' or end of line (anything else is kept
        // as a broken row).
        if (pos_ < data_.size() && data_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (pos_ < data_.size() && data_[pos_] == '\r') ++pos_;
        if (pos_ < data_.size() && data_[pos_] != '\n') {
          *broken = true;
          size_t nl = data_.find('\n', pos_);
          pos_ = nl == std::string_view::npos ? data_.size() : nl;
        }
        if (pos_ < data_.size()) {
          ++pos_;
          ++line_;
        }
        return true;
      }
      // Plain field: up to ',' or end of line.
      size_t i = pos_;
      const char* base = data_.data();
      const size_t n = data_.size();
      while (i < n && base[i] != ',' && base[i] != '\n') ++i;
      size_t end = i;
      if (i < n && base[i] == '\n' && end > pos_ && base[end - 1] == '\r') --end;
      else if (i >= n && end > pos_ && base[end - 1] == '\r') --end;
      fields->push_back(data_.substr(pos_, end - pos_));
      if (i < n && base[i] == ',') {
        pos_ = i + 1;
        continue;
      }
      pos_ = i < n ? i + 1 : n;
      ++line_;
      return true;
    }
  }

 private:
  std::string& Scratch() {
    if (scratch_used_ == scratch_.size()) scratch_.emplace_back();
    return scratch_[scratch_used_++];
  }
  std::string_view data_;
  size_t pos_ = 0;
  uint64_t line_;
  std::vector<std::string> scratch_;
  size_t scratch_used_ = 0;
};

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open: " + std::strerror(errno));
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  in.seekg(0);
  std::string data(static_cast<size_t>(std::max<std::streamoff>(size, 0)), '\0');
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  if (!in && !data.empty()) return Status::IOError(path + ": read failed");
  return data;
}

// ---- Columns --------------------------------------------------------------------

enum class Kind { kUnknown, kInt, kDouble, kBool, kString };

struct Column {
  std::string property;  // "" = not a property
  Kind kind = Kind::kUnknown;
  bool array = false;      // neo4j `x:string[]`: ';' between items
  bool typed = false;      // the header gave the type
  std::string key_bytes;   // lp(property), ready to append
};

bool ParseInt(std::string_view s, int64_t* out) {
  if (s.empty()) return false;
  const char* b = s.data();
  const char* e = b + s.size();
  if (*b == '+') ++b;
  auto r = std::from_chars(b, e, *out);
  return r.ec == std::errc() && r.ptr == e;
}

bool ParseDouble(std::string_view s, double* out) {
  if (s.empty()) return false;
  std::string copy(s);
  char* end = nullptr;
  errno = 0;
  *out = std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size() && errno == 0 && std::isfinite(*out);
}

bool ParseBool(std::string_view s, bool* out) {
  if (s == "true" || s == "TRUE" || s == "True") return *out = true, true;
  if (s == "false" || s == "FALSE" || s == "False") return *out = false, true;
  return false;
}

Kind KindOfTypeName(std::string_view t, bool* ok) {
  *ok = true;
  if (t == "int" || t == "long" || t == "short" || t == "byte" || t == "INT64" || t == "INT32")
    return Kind::kInt;
  if (t == "double" || t == "float" || t == "DOUBLE" || t == "FLOAT") return Kind::kDouble;
  if (t == "boolean" || t == "BOOLEAN" || t == "bool") return Kind::kBool;
  if (t == "string" || t == "STRING" || t == "char" || t == "date" || t == "datetime" ||
      t == "localdatetime" || t == "time" || t == "point" || t == "duration") {
    return Kind::kString;
  }
  *ok = false;
  return Kind::kString;
}

// The roles a header's columns play.
struct Header {
  std::vector<Column> columns;
  int id = -1, label = -1, start = -1, end = -1, type = -1, json = -1;
  std::vector<int> property_order;  // property columns, by property name
};

Result<Header> ParseHeader(const std::vector<std::string_view>& names, bool edges,
                           const std::string& where) {
  Header h;
  h.columns.resize(names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    std::string_view name = names[i];
    Column& c = h.columns[i];
    size_t colon = name.rfind(':');
    std::string_view base = colon == std::string_view::npos ? name : name.substr(0, colon);
    std::string_view type = colon == std::string_view::npos ? "" : name.substr(colon + 1);
    int col = static_cast<int>(i);
    if (type == "ID") {
      h.id = col;
      c.property = std::string(base);
      if (base.empty()) continue;
      c.kind = Kind::kUnknown;
    } else if (type == "LABEL") {
      h.label = col;
      continue;
    } else if (type == "START_ID") {
      h.start = col;
      continue;
    } else if (type == "END_ID") {
      h.end = col;
      continue;
    } else if (type == "TYPE") {
      h.type = col;
      continue;
    } else if (type == "IGNORE") {
      continue;
    } else {
      if (!type.empty()) {
        c.array = type.size() > 2 && type.substr(type.size() - 2) == "[]";
        if (c.array) type = type.substr(0, type.size() - 2);
        bool known = false;
        c.kind = KindOfTypeName(type, &known);
        if (!known) {
          return Status::InvalidArgument(where + ": column '" + std::string(name) +
                                         "' has an unknown type '" + std::string(type) + "'");
        }
        c.typed = true;
      }
      c.property = std::string(base);
      if (c.property.empty()) {
        return Status::InvalidArgument(where + ": column " + std::to_string(i + 1) +
                                       " has no name");
      }
      if (!edges && c.property == "properties" && !c.typed) {
        h.json = col;
        c.property.clear();
        continue;
      }
    }
  }
  if (edges) {
    // Kùzu: the first two columns are FROM and TO.
    if (h.start < 0 && h.end < 0 && names.size() >= 2) {
      h.start = 0;
      h.end = 1;
      h.columns[0].property.clear();
      h.columns[1].property.clear();
    }
    if (h.start < 0 || h.end < 0) {
      return Status::InvalidArgument(where + ": an edge file needs :START_ID and :END_ID "
                                     "columns (or FROM and TO as its first two)");
    }
  } else if (h.id < 0) {
    if (names.empty()) return Status::InvalidArgument(where + ": empty header");
    h.id = 0;  // Kùzu: the first column is the primary key (and a property)
  }
  if (h.json >= 0) {
    // kg's own export: the JSON column holds every property.
    for (Column& c : h.columns) c.property.clear();
  }
  for (size_t i = 0; i < h.columns.size(); ++i) {
    if (!h.columns[i].property.empty()) h.property_order.push_back(static_cast<int>(i));
  }
  std::sort(h.property_order.begin(), h.property_order.end(), [&](int a, int b) {
    return h.columns[a].property < h.columns[b].property;
  });
  for (int i : h.property_order) {
    storage::PutLengthPrefixed(&h.columns[i].key_bytes, h.columns[i].property);
  }
  return h;
}

// Narrows an untyped column's kind by one value.
void Observe(Column* c, std::string_view v) {
  if (c->typed || v.empty() || c->kind == Kind::kString) return;
  int64_t i;
  double d;
  if (c->kind != Kind::kDouble && ParseInt(v, &i)) {
    c->kind = Kind::kInt;
  } else if (ParseDouble(v, &d)) {
    c->kind = Kind::kDouble;
  } else {
    c->kind = Kind::kString;
  }
}

// Appends one property value (tag and payload); false when `v` does not fit
// the column's kind.
bool AppendValue(std::string* dst, const Column& c, std::string_view v) {
  auto one = [&](std::string_view item) -> bool {
    switch (c.kind) {
      case Kind::kInt: {
        int64_t i;
        if (!ParseInt(item, &i)) return false;
        codec::EncodeIntValue(dst, i);
        return true;
      }
      case Kind::kDouble: {
        double d;
        if (!ParseDouble(item, &d)) return false;
        codec::EncodeValue(dst, PropertyValue(d));
        return true;
      }
      case Kind::kBool: {
        bool b;
        if (!ParseBool(item, &b)) return false;
        codec::EncodeValue(dst, PropertyValue(b));
        return true;
      }
      default:
        codec::EncodeStringValue(dst, item);
        return true;
    }
  };
  if (!c.array) return one(v);
  std::vector<std::string_view> items;
  size_t start = 0;
  for (;;) {
    size_t semi = v.find(';', start);
    items.push_back(v.substr(start, semi == std::string_view::npos ? std::string_view::npos
                                                                    : semi - start));
    if (semi == std::string_view::npos) break;
    start = semi + 1;
  }
  dst->push_back(6);  // list tag (FORMAT.md)
  storage::PutVarint64(dst, items.size());
  for (std::string_view item : items)
    if (!one(item)) return false;
  return true;
}

// Encodes the property columns of one row (sorted by name, as a Properties
// map is). False (with `bad` naming the column) when a value does not fit.
bool EncodeRowProperties(std::string* dst, const Header& h,
                         const std::vector<std::string_view>& row, std::string* bad) {
  size_t count = 0;
  for (int i : h.property_order)
    if (!row[i].empty()) ++count;
  storage::PutVarint64(dst, count);
  for (int i : h.property_order) {
    if (row[i].empty()) continue;
    dst->append(h.columns[i].key_bytes);
    if (!AppendValue(dst, h.columns[i], row[i])) {
      *bad = h.columns[i].property;
      return false;
    }
  }
  return true;
}

// A JSON value as a property value (kg's export writes properties as JSON).
PropertyValue FromJson(const nlohmann::json& j) {
  if (j.is_boolean()) return PropertyValue(j.get<bool>());
  if (j.is_number_integer()) return PropertyValue(j.get<int64_t>());
  if (j.is_number()) return PropertyValue(j.get<double>());
  if (j.is_string()) return PropertyValue(j.get<std::string>());
  if (j.is_array()) {
    PropertyValue::List list;
    for (const auto& item : j) list.push_back(FromJson(item));
    return PropertyValue(std::move(list));
  }
  return PropertyValue();
}

// ---- The import -------------------------------------------------------------------

// Maps the CSV's node keys to node ids: a dense table for small integer keys
// (the common case), a hash map of strings otherwise.
class KeyMap {
 public:
  void Add(std::string_view key, uint64_t node, bool* duplicate) {
    *duplicate = false;
    int64_t i;
    if (strings_.empty() && ParseInt(key, &i) && i >= 0 && i < (int64_t{1} << 32)) {
      auto at = static_cast<size_t>(i);
      if (at >= dense_.size()) dense_.resize(std::max(at + 1, dense_.size() * 2), 0);
      if (dense_[at]) *duplicate = true;
      dense_[at] = node;
      return;
    }
    if (strings_.empty()) {
      // Move what the dense table holds into the map.
      for (size_t k = 0; k < dense_.size(); ++k)
        if (dense_[k]) strings_[std::to_string(k)] = dense_[k];
      dense_.clear();
      strings_.reserve(1024);
    }
    auto [it, fresh] = strings_.emplace(std::string(key), node);
    if (!fresh) {
      *duplicate = true;
      it->second = node;
    }
  }
  uint64_t Find(std::string_view key) const {
    if (strings_.empty()) {
      int64_t i;
      if (!ParseInt(key, &i) || i < 0 || static_cast<size_t>(i) >= dense_.size()) return 0;
      return dense_[static_cast<size_t>(i)];
    }
    auto it = strings_.find(std::string(key));
    return it == strings_.end() ? 0 : it->second;
  }

 private:
  std::vector<uint64_t> dense_;
  std::unordered_map<std::string, uint64_t> strings_;
};

struct Adj {
  uint64_t node;
  uint32_t type;
  uint64_t other;
  uint64_t edge;
  bool operator<(const Adj& o) const {
    if (node != o.node) return node < o.node;
    if (type != o.type) return type < o.type;
    if (other != o.other) return other < o.other;
    return edge < o.edge;
  }
};

// Sorts adjacency entries by (node, type, other, edge). The nodes of one
// import have dense ids, so this is a counting sort by node (stable: entries
// arrive in edge order) and then a sort of each node's run by type and other
// end; a comparison sort when the ids are spread out.
void SortAdjacency(std::vector<Adj>* list) {
  if (list->size() < 2) return;
  uint64_t lo = UINT64_MAX, hi = 0;
  for (const Adj& a : *list) {
    lo = std::min(lo, a.node);
    hi = std::max(hi, a.node);
  }
  const uint64_t range = hi - lo + 1;
  if (range > 4 * list->size() + (uint64_t{1} << 20)) {
    std::sort(list->begin(), list->end());
    return;
  }
  std::vector<uint64_t> start(range + 1, 0);
  for (const Adj& a : *list) start[a.node - lo + 1]++;
  for (uint64_t i = 1; i <= range; ++i) start[i] += start[i - 1];
  std::vector<Adj> sorted(list->size());
  {
    std::vector<uint64_t> at(start.begin(), start.end() - 1);
    for (const Adj& a : *list) sorted[at[a.node - lo]++] = a;
  }
  for (uint64_t i = 0; i < range; ++i) {
    if (start[i + 1] - start[i] > 1) {
      std::sort(sorted.begin() + static_cast<std::ptrdiff_t>(start[i]),
                sorted.begin() + static_cast<std::ptrdiff_t>(start[i + 1]));
    }
  }
  list->swap(sorted);
}

// Records one family's entries in key order, from an arena.
struct Entries {
  std::string arena;
  std::vector<uint64_t> offsets;  // key start, value start, next key start...
  void Add(std::string_view key, std::string_view value) {
    offsets.push_back(arena.size());
    arena.append(key);
    offsets.push_back(arena.size());
    arena.append(value);
  }
  size_t size() const { return offsets.size() / 2; }
  std::string_view key(size_t i) const {
    return std::string_view(arena).substr(offsets[2 * i], offsets[2 * i + 1] - offsets[2 * i]);
  }
  std::string_view value(size_t i) const {
    size_t end = 2 * i + 2 < offsets.size() ? offsets[2 * i + 2] : arena.size();
    return std::string_view(arena).substr(offsets[2 * i + 1], end - offsets[2 * i + 1]);
  }
};

class Importer {
 public:
  Importer(internal::RocksGraph* graph, const CsvImportOptions& options, std::string temp_dir)
      : graph_(graph),
        options_(options),
        temp_dir_(std::move(temp_dir)),
        counters_(graph->counters()),
        now_ms_(internal::NowMs()) {}

  ~Importer() {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
  }

  Status Nodes(const std::string& path);
  Status Edges(const std::string& path);
  Status Write();
  CsvImportSummary& summary() { return summary_; }

 private:
  void Problem(const std::string& what) {
    summary_.bad_rows++;
    if (summary_.problems.size() < 100) summary_.problems.push_back(what);
  }
  uint32_t Intern(const std::string& name) {
    if (auto id = graph_->dictionary().Find(name)) return *id;
    auto it = fresh_.find(name);
    if (it != fresh_.end()) return it->second;
    auto id = static_cast<uint32_t>(counters_.next_string++);
    fresh_[name] = id;
    return id;
  }

  internal::RocksGraph* graph_;
  CsvImportOptions options_;
  std::string temp_dir_;
  internal::Counters counters_;
  int64_t now_ms_;
  CsvImportSummary summary_;
  KeyMap keys_;
  std::unordered_map<std::string, uint32_t> fresh_;  // strings interned by this import
  // What the families will hold.
  Entries nodes_, mentions_;
  // Edge values in id order from first_edge_: (values back to back, ends).
  std::vector<std::pair<std::string, std::vector<uint64_t>>> edge_values_;
  std::map<uint32_t, std::vector<uint64_t>> labels_;  // label -> nodes, in order
  struct Name {
    std::string folded;
    uint64_t node;
    std::string name;
  };
  std::vector<Name> names_;
  std::vector<Adj> out_, in_;
  uint64_t first_edge_ = 0, edge_count_ = 0;  // provenance: one record per edge
};

Status Importer::Nodes(const std::string& path) {
  auto t0 = Clock::now();
  auto data = ReadWholeFile(path);
  if (!data.ok()) return data.status();
  CsvRows rows(*data);
  std::vector<std::string_view> f;
  uint64_t line;
  bool broken;
  if (!rows.Next(&f, &line, &broken)) return Status::InvalidArgument(path + ": no header row");
  auto header = ParseHeader(f, false, path + ":" + std::to_string(line));
  if (!header.ok()) return header.status();
  Header h = std::move(*header);
  const size_t width = h.columns.size();
  // Pass 1: the kinds of untyped columns.
  {
    CsvRows pass(*data);
    pass.Next(&f, &line, &broken);
    while (pass.Next(&f, &line, &broken)) {
      if (broken || f.size() != width) continue;
      for (int i : h.property_order) Observe(&h.columns[i], f[i]);
    }
    for (Column& c : h.columns)
      if (c.kind == Kind::kUnknown) c.kind = Kind::kString;
  }
  const uint32_t default_label = Intern(options_.label);
  const uint32_t entity_label = Intern("Entity");
  int name_column = -1, type_column = -1;
  for (int i : h.property_order) {
    if (h.columns[i].property == "name" && h.columns[i].kind == Kind::kString) name_column = i;
    if (h.columns[i].property == "type" && h.columns[i].kind == Kind::kString) type_column = i;
  }

  std::string value, mention, bad;
  std::vector<uint32_t> labels;
  while (rows.Next(&f, &line, &broken)) {
    std::string where = path + ":" + std::to_string(line);
    if (broken) {
      Problem(where + ": unterminated quoted field");
      continue;
    }
    if (f.size() != width) {
      Problem(where + ": " + std::to_string(f.size()) + " fields, the header has " +
              std::to_string(width));
      continue;
    }
    if (f[h.id].empty()) {
      Problem(where + ": no node id");
      continue;
    }
    labels.clear();
    if (h.label >= 0 && !f[h.label].empty()) {
      std::string_view l = f[h.label];
      size_t start = 0;
      for (;;) {
        size_t semi = l.find(';', start);
        std::string_view one = l.substr(start, semi == std::string_view::npos
                                                   ? std::string_view::npos
                                                   : semi - start);
        if (!one.empty()) {
          uint32_t id = Intern(std::string(one));
          if (std::find(labels.begin(), labels.end(), id) == labels.end()) labels.push_back(id);
        }
        if (semi == std::string_view::npos) break;
        start = semi + 1;
      }
    } else {
      labels.push_back(default_label);
    }
    value.clear();
    storage::PutVarint64(&value, labels.size());
    for (uint32_t l : labels) storage::PutVarint64(&value, l);
    std::string name, type_name;
    bool has_name = false;
    if (h.json >= 0) {
      nlohmann::json j = nlohmann::json::parse(f[h.json], nullptr, false);
      if (j.is_discarded() || !(j.is_object() || j.is_null())) {
        Problem(where + ": the properties column is not a JSON object");
        continue;
      }
      Properties props;
      if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
          PropertyValue v = FromJson(it.value());
          if (!v.is_null()) props[it.key()] = std::move(v);
        }
      }
      codec::EncodeProperties(&value, props);
      auto n = props.find("name");
      if (n != props.end()) {
        if (auto* s = std::get_if<std::string>(&n->second.value)) {
          name = *s;
          has_name = true;
        }
      }
      auto t = props.find("type");
      if (t != props.end()) {
        if (auto* s = std::get_if<std::string>(&t->second.value)) type_name = *s;
      }
    } else {
      if (!EncodeRowProperties(&value, h, f, &bad)) {
        Problem(where + ": column '" + bad + "' is not of its type");
        continue;
      }
      if (name_column >= 0 && !f[name_column].empty()) {
        name = std::string(f[name_column]);
        has_name = true;
      }
      if (type_column >= 0) type_name = std::string(f[type_column]);
    }
    uint64_t node = counters_.next_node++;
    bool duplicate = false;
    keys_.Add(f[h.id], node, &duplicate);
    if (duplicate) {
      --counters_.next_node;
      Problem(where + ": node id '" + std::string(f[h.id]) + "' given twice");
      continue;
    }
    nodes_.Add(keys::Id64(node), value);
    for (uint32_t l : labels) {
      labels_[l].push_back(node);
      counters_.labels[l]++;
      counters_.dirty_labels.insert(l);
      if (l == entity_label) counters_.entities++;
    }
    if (has_name) {
      bool entity = std::find(labels.begin(), labels.end(), entity_label) != labels.end();
      if (entity && name.find(' ') != std::string::npos) {
        // An entity node is indexed under every alias its name justifies (its
        // last name, its name without "Inc."...), as kg check expects.
        Properties p{{"name", PropertyValue(name)}, {"type", PropertyValue(type_name)}};
        StoredEntity e = StoredEntityOf(p);
        for (const std::string& alias : EntityAliases(e.name, e.type, {name}))
          names_.push_back({text::FoldCase(alias), node, alias});
      } else {
        names_.push_back({text::FoldCase(name), node, name});
      }
    }
    MentionRecord m;
    m.document_id = "manual";
    m.surface = has_name ? name : "";
    mentions_.Add(keys::SupportKeyOf({node, "manual", 0}), codec::EncodeMention(m));
    counters_.nodes++;
    counters_.mentions++;
    summary_.nodes++;
  }
  summary_.parse_ms += MsSince(t0);
  return Status::OK();
}

namespace {

// Splits `data` (after `skip` bytes) into at most `parts` slices that end at
// line ends, with the number of each slice's first line. One slice when the
// data has quotes (a quoted field may hold a line end).
std::vector<std::pair<std::string_view, uint64_t>> Slices(std::string_view data, size_t skip,
                                                          uint64_t first_line, int parts) {
  std::vector<std::pair<std::string_view, uint64_t>> out;
  std::string_view rest = data.substr(skip);
  if (parts <= 1 || rest.size() < (size_t{1} << 20) ||
      std::memchr(rest.data(), '"', rest.size()) != nullptr) {
    out.push_back({rest, first_line});
    return out;
  }
  size_t step = rest.size() / static_cast<size_t>(parts);
  uint64_t line = first_line;
  while (!rest.empty()) {
    size_t cut = rest.size();
    if (out.size() + 1 < static_cast<size_t>(parts) && step < rest.size()) {
      const void* nl = std::memchr(rest.data() + step, '\n', rest.size() - step);
      cut = nl ? static_cast<size_t>(static_cast<const char*>(nl) - rest.data()) + 1 : rest.size();
    }
    std::string_view slice = rest.substr(0, cut);
    out.push_back({slice, line});
    line += static_cast<uint64_t>(std::count(slice.begin(), slice.end(), '\n'));
    rest.remove_prefix(cut);
  }
  return out;
}

// Runs fn(i) for i in [0, n) on up to `threads` threads.
void ForEachParallel(size_t n, int threads, const std::function<void(size_t)>& fn) {
  if (n <= 1 || threads <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < std::min<int>(threads, static_cast<int>(n)); ++t) {
    pool.emplace_back([&] {
      for (size_t i = next++; i < n; i = next++) fn(i);
    });
  }
  for (auto& t : pool) t.join();
}

// What the first pass learns from one slice of an edge file.
struct EdgeSurvey {
  std::vector<Kind> kinds;         // per column
  std::vector<std::string> types;  // :TYPE values, in order of first appearance
};

// One slice of an edge file, parsed.
struct EdgeChunk {
  std::string values;           // edge values, back to back
  std::vector<uint64_t> ends;   // where each value ends in `values`
  std::vector<Adj> out;         // source, type, target, index in this chunk
  std::vector<std::pair<uint64_t, std::string>> problems;  // line, what
};

Kind Wider(Kind a, Kind b) {
  auto rank = [](Kind k) {
    switch (k) {
      case Kind::kUnknown: return 0;
      case Kind::kInt: return 1;
      case Kind::kDouble: return 2;
      default: return 3;
    }
  };
  return rank(a) >= rank(b) ? a : b;
}

}  // namespace

Status Importer::Edges(const std::string& path) {
  auto t0 = Clock::now();
  auto data = ReadWholeFile(path);
  if (!data.ok()) return data.status();
  CsvRows rows(*data);
  std::vector<std::string_view> f;
  uint64_t line;
  bool broken;
  if (!rows.Next(&f, &line, &broken)) return Status::InvalidArgument(path + ": no header row");
  auto header = ParseHeader(f, true, path + ":" + std::to_string(line));
  if (!header.ok()) return header.status();
  Header h = std::move(*header);
  const size_t width = h.columns.size();
  const int threads = options_.threads > 0
                          ? options_.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto slices = Slices(*data, rows.position(), rows.line(), threads);

  // Pass 1, per slice: the kinds of untyped columns, the relationship types.
  std::vector<EdgeSurvey> surveys(slices.size());
  ForEachParallel(slices.size(), threads, [&](size_t k) {
    EdgeSurvey& sv = surveys[k];
    std::vector<Column> cols = h.columns;
    std::unordered_map<std::string_view, bool> seen;
    CsvRows pass(slices[k].first, slices[k].second);
    std::vector<std::string_view> row;
    uint64_t at;
    bool bad;
    while (pass.Next(&row, &at, &bad)) {
      if (bad || row.size() != width) continue;
      for (int i : h.property_order) Observe(&cols[i], row[i]);
      if (h.type >= 0 && !row[h.type].empty() && seen.emplace(row[h.type], true).second) {
        sv.types.emplace_back(row[h.type]);
      }
    }
    for (const Column& c : cols) sv.kinds.push_back(c.kind);
  });
  for (int i : h.property_order) {
    Column& c = h.columns[i];
    if (c.typed) continue;
    for (const EdgeSurvey& sv : surveys) c.kind = Wider(c.kind, sv.kinds[i]);
  }
  for (Column& c : h.columns)
    if (c.kind == Kind::kUnknown) c.kind = Kind::kString;
  // Types are interned in the order rows name them.
  const uint32_t default_type = Intern(options_.type);
  std::unordered_map<std::string, uint32_t> types;
  for (const EdgeSurvey& sv : surveys) {
    for (const std::string& t : sv.types)
      if (!types.count(t)) types[t] = Intern(t);
  }

  // Pass 2, per slice: the edges.
  std::vector<EdgeChunk> chunks(slices.size());
  const KeyMap& keys = keys_;
  ForEachParallel(slices.size(), threads, [&](size_t k) {
    EdgeChunk& c = chunks[k];
    c.out.reserve(slices[k].first.size() / 20);
    c.ends.reserve(slices[k].first.size() / 20);
    c.values.reserve(slices[k].first.size() / 2);
    CsvRows pass(slices[k].first, slices[k].second);
    std::vector<std::string_view> row;
    uint64_t at;
    bool bad;
    std::string bad_column;
    while (pass.Next(&row, &at, &bad)) {
      if (bad || row.size() != width) {
        c.problems.push_back({at, bad ? "unterminated quoted field"
                                      : std::to_string(row.size()) + " fields, the header has " +
                                            std::to_string(width)});
        continue;
      }
      uint64_t source = keys.Find(row[h.start]);
      uint64_t target = keys.Find(row[h.end]);
      if (!source || !target) {
        c.problems.push_back(
            {at, "no node with id '" + std::string(source ? row[h.end] : row[h.start]) + "'"});
        continue;
      }
      uint32_t type = default_type;
      if (h.type >= 0) {
        if (row[h.type].empty()) {
          c.problems.push_back({at, "empty relationship type"});
          continue;
        }
        type = types.find(std::string(row[h.type]))->second;
      }
      // The edge value, written in place (taken back if a value is bad).
      const size_t begin = c.values.size();
      storage::PutVarint64(&c.values, source);
      storage::PutVarint64(&c.values, target);
      storage::PutVarint64(&c.values, type);
      storage::PutVarint64(&c.values, 1);  // document_count: "manual"
      storage::PutVarint64(&c.values, 1);  // provenance_count
      if (!EncodeRowProperties(&c.values, h, row, &bad_column)) {
        c.values.resize(begin);
        c.problems.push_back({at, "column '" + bad_column + "' is not of its type"});
        continue;
      }
      c.ends.push_back(c.values.size());
      c.out.push_back({source, type, target, c.out.size()});
    }
  });

  // In row order: ids, counters, problems.
  size_t total = 0;
  for (const EdgeChunk& c : chunks) total += c.out.size();
  out_.reserve(out_.size() + total);
  in_.reserve(in_.size() + total);
  if (edge_count_ == 0) first_edge_ = counters_.next_edge;
  std::unordered_map<uint32_t, uint64_t> per_type;
  for (EdgeChunk& c : chunks) {
    for (const auto& [at, what] : c.problems) Problem(path + ":" + std::to_string(at) + ": " + what);
    const uint64_t base = counters_.next_edge;
    for (const Adj& a : c.out) {
      uint64_t edge = base + a.edge;
      out_.push_back({a.node, a.type, a.other, edge});
      in_.push_back({a.other, a.type, a.node, edge});
      per_type[a.type]++;
    }
    counters_.next_edge += c.out.size();
    edge_count_ += c.out.size();
    summary_.edges += c.out.size();
    edge_values_.push_back({std::move(c.values), std::move(c.ends)});
    c.out.clear();
    c.out.shrink_to_fit();
  }
  counters_.edges += total;
  counters_.provenance += total;
  for (const auto& [type, n] : per_type) {
    counters_.types[type] += n;
    counters_.dirty_types.insert(type);
  }
  summary_.parse_ms += MsSince(t0);
  return Status::OK();
}

// Writes one SST file for `family` from a generator of sorted entries.
class FamilyFile {
 public:
  Family family;
  std::string path;
  size_t weight = 0;  // entries, to schedule the big files first
  std::function<Status(storage::SstWriter*)> fill;
};

Status Importer::Write() {
  auto t0 = Clock::now();
  {
    // The three sorts at once.
    std::thread out_sort([this] { SortAdjacency(&out_); });
    std::thread in_sort([this] { SortAdjacency(&in_); });
    std::sort(names_.begin(), names_.end(), [](const Name& a, const Name& b) {
      return a.folded != b.folded ? a.folded < b.folded : a.node < b.node;
    });
    out_sort.join();
    in_sort.join();
  }
  summary_.sort_ms = MsSince(t0);
  t0 = Clock::now();

  std::error_code ec;
  std::filesystem::create_directories(temp_dir_, ec);
  if (ec) return Status::IOError("cannot create " + temp_dir_ + ": " + ec.message());
  storage::Store* store = graph_->store();
  std::vector<FamilyFile> files;
  auto add = [&](Family family, size_t weight, std::function<Status(storage::SstWriter*)> fill) {
    if (weight == 0) return;
    files.push_back({family, temp_dir_ + "/" + storage::FamilyName(family) + ".sst", weight,
                     std::move(fill)});
  };
  auto put_entries = [](const Entries& e) {
    return [&e](storage::SstWriter* w) -> Status {
      for (size_t i = 0; i < e.size(); ++i) KG_RETURN_IF_ERROR(w->Put(e.key(i), e.value(i)));
      return Status::OK();
    };
  };
  add(Family::kNodes, nodes_.size(), put_entries(nodes_));
  add(Family::kEdges, edge_count_, [this](storage::SstWriter* w) -> Status {
    std::string key;
    uint64_t edge = first_edge_;
    for (const auto& [values, ends] : edge_values_) {
      uint64_t begin = 0;
      for (uint64_t end : ends) {
        key.clear();
        storage::PutBigEndian64(&key, edge++);
        KG_RETURN_IF_ERROR(w->Put(key, std::string_view(values).substr(begin, end - begin)));
        begin = end;
      }
    }
    return Status::OK();
  });
  add(Family::kMentions, mentions_.size(), put_entries(mentions_));
  auto put_adjacency = [](const std::vector<Adj>& list) {
    return [&list](storage::SstWriter* w) -> Status {
      std::string key;
      for (const Adj& a : list) {
        key.clear();
        storage::PutBigEndian64(&key, a.node);
        storage::PutBigEndian32(&key, a.type);
        storage::PutBigEndian64(&key, a.other);
        storage::PutBigEndian64(&key, a.edge);
        KG_RETURN_IF_ERROR(w->Put(key, ""));
      }
      return Status::OK();
    };
  };
  add(Family::kOut, out_.size(), put_adjacency(out_));
  add(Family::kIn, in_.size(), put_adjacency(in_));
  // Degree counts: one per run of (node, type) in the sorted adjacency
  // lists, 64 nodes to a chunk ('i' keys sort before 'o' keys). Imported
  // edges join imported nodes only, so no stored count changes.
  add(Family::kDegrees, out_.empty() ? 0 : (out_.size() + in_.size()) / 16 + 1,
      [this](storage::SstWriter* w) -> Status {
    for (auto [list, direction] : {std::make_pair(&in_, EdgeDirection::kIn),
                                   std::make_pair(&out_, EdgeDirection::kOut)}) {
      // The runs as a DegreeCursor over the sorted list.
      class Runs : public DegreeCursor {
       public:
        explicit Runs(const std::vector<Adj>* list) : list_(list) { Load(); }
        bool Valid() const override { return i_ < list_->size(); }
        void Next() override {
          i_ = j_;
          Load();
        }
        const DegreeEntry& entry() const override { return entry_; }
        Status status() const override { return Status::OK(); }

       private:
        void Load() {
          if (i_ >= list_->size()) return;
          const Adj& a = (*list_)[i_];
          j_ = i_;
          while (j_ < list_->size() && (*list_)[j_].node == a.node && (*list_)[j_].type == a.type) ++j_;
          entry_ = {a.node, a.type, j_ - i_};
        }
        const std::vector<Adj>* list_;
        size_t i_ = 0, j_ = 0;
        DegreeEntry entry_;
      } runs(list);
      KG_RETURN_IF_ERROR(internal::WriteDegreeChunks(
          &runs, direction, [&](const std::string& k, const std::string& v) { return w->Put(k, v); }));
    }
    return Status::OK();
  });
  size_t label_entries = 0;
  for (const auto& [l, nodes] : labels_) label_entries += nodes.size();
  add(Family::kLabels, label_entries, [this](storage::SstWriter* w) -> Status {
    std::string key;
    for (const auto& [l, nodes] : labels_) {
      for (uint64_t n : nodes) {
        key.clear();
        storage::PutBigEndian32(&key, l);
        storage::PutBigEndian64(&key, n);
        KG_RETURN_IF_ERROR(w->Put(key, ""));
      }
    }
    return Status::OK();
  });
  add(Family::kNames, names_.size(), [this](storage::SstWriter* w) -> Status {
    for (const Name& n : names_) KG_RETURN_IF_ERROR(w->Put(keys::NameKey(n.folded, n.node), n.name));
    return Status::OK();
  });
  ProvenanceRecord manual;
  manual.document_id = "manual";
  manual.extractor = "manual";
  manual.confidence = 1.0;
  manual.ingest_time_ms = now_ms_;
  const std::string manual_value = codec::EncodeProvenance(manual);
  add(Family::kProvenance, edge_count_, [this, &manual_value](storage::SstWriter* w) -> Status {
    // Edge ids are consecutive; every key is edge, "manual", seq 0.
    std::string key = keys::SupportKeyOf({first_edge_, "manual", 0});
    for (uint64_t e = first_edge_; e < first_edge_ + edge_count_; ++e) {
      for (int i = 0; i < 8; ++i) key[i] = static_cast<char>(e >> (56 - 8 * i));
      KG_RETURN_IF_ERROR(w->Put(key, manual_value));
    }
    return Status::OK();
  });
  // Strings and counters: small, sorted here.
  std::vector<std::pair<std::string, std::string>> strings, meta;
  for (const auto& [name, id] : fresh_) {
    strings.emplace_back(keys::StringById(id), name);
    std::string v;
    storage::PutBigEndian32(&v, id);
    strings.emplace_back(keys::StringByName(name), v);
  }
  {
    struct MetaSink : internal::Sink {
      std::vector<std::pair<std::string, std::string>>* out;
      void Put(Family, std::string key, std::string value) override {
        out->emplace_back(std::move(key), std::move(value));
      }
    } sink;
    sink.out = &meta;
    internal::EmitCounters(&counters_, &sink);
  }
  for (auto* list : {&strings, &meta}) std::sort(list->begin(), list->end());
  auto put_pairs = [](const std::vector<std::pair<std::string, std::string>>& list) {
    return [&list](storage::SstWriter* w) -> Status {
      for (const auto& [k, v] : list) KG_RETURN_IF_ERROR(w->Put(k, v));
      return Status::OK();
    };
  };
  add(Family::kStrings, strings.size(), put_pairs(strings));
  add(Family::kMeta, meta.size(), put_pairs(meta));

  // Big files first, on a pool of threads.
  std::sort(files.begin(), files.end(),
            [](const FamilyFile& a, const FamilyFile& b) { return a.weight > b.weight; });
  int threads = options_.threads > 0
                    ? options_.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::atomic<size_t> next{0};
  std::vector<Status> results(files.size());
  std::vector<std::error_code> ec_ignored(files.size());
  std::vector<std::thread> pool;
  for (int t = 0; t < std::min<int>(threads, static_cast<int>(files.size())); ++t) {
    pool.emplace_back([&] {
      for (size_t i = next++; i < files.size(); i = next++) {
        auto writer = store->NewSstWriter(files[i].family, files[i].path);
        if (!writer.ok()) {
          results[i] = writer.status();
          continue;
        }
        Status s = files[i].fill(writer->get());
        // A family that turned out to have nothing to write gets no file
        // (RocksDB refuses an empty SST).
        if (s.ok() && (*writer)->entries() == 0) {
          writer->reset();
          std::filesystem::remove(files[i].path, ec_ignored[i]);
          files[i].path.clear();
        } else if (s.ok()) {
          s = (*writer)->Finish();
        }
        results[i] = s;
      }
    });
  }
  for (auto& t : pool) t.join();
  for (const Status& s : results) KG_RETURN_IF_ERROR(s);
  summary_.write_ms = MsSince(t0);

  t0 = Clock::now();
  std::vector<std::pair<Family, std::vector<std::string>>> ingest;
  for (const FamilyFile& f : files)
    if (!f.path.empty()) ingest.push_back({f.family, {f.path}});
  KG_RETURN_IF_ERROR(store->IngestFiles(ingest));
  KG_RETURN_IF_ERROR(graph_->Reload());
  summary_.ingest_ms = MsSince(t0);
  return Status::OK();
}

}  // namespace

bool IsEdgeCsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string header;
  std::getline(in, header);
  if (header.find(":START_ID") != std::string::npos) return true;
  if (header.find(":ID") != std::string::npos) return false;
  std::string name = std::filesystem::path(path).filename().string();
  for (const char* p : {"edges", "rels", "relationships", "relations"}) {
    if (name.rfind(p, 0) == 0) return true;
  }
  return false;
}

Result<CsvImportSummary> ImportCsv(Graph* graph, const std::vector<std::string>& node_files,
                                   const std::vector<std::string>& edge_files,
                                   const CsvImportOptions& options) {
  auto* rocks = dynamic_cast<internal::RocksGraph*>(graph);
  if (!rocks) return Status::NotSupported("CSV import needs a RocksDB graph");
  if (rocks->store()->read_only()) return Status::InvalidArgument("database opened read-only");
  std::string temp = options.temp_dir;
  if (temp.empty()) {
    std::filesystem::path db = std::filesystem::absolute(rocks->store()->dir());
    if (!db.has_filename()) db = db.parent_path();
    temp = (db.parent_path() /
            ("." + db.filename().string() + ".import-" + std::to_string(::getpid())))
               .string();
  }
  Importer importer(rocks, options, temp);
  for (const std::string& f : node_files) KG_RETURN_IF_ERROR(importer.Nodes(f));
  for (const std::string& f : edge_files) KG_RETURN_IF_ERROR(importer.Edges(f));
  KG_RETURN_IF_ERROR(importer.Write());
  return importer.summary();
}

}  // namespace kg::graph
