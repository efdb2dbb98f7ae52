// tck_runner.cc: Gherkin reading, expected-value parsing, result comparison
// and side-effect accounting for the openCypher TCK (see tck_runner.h).
#include "query-lang/tck/tck_runner.h"

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "graph/graph.h"
#include "query-lang/exec_context.h"  // FromProperty: stored values as the engine reads them
#include "query-lang/query_engine.h"

namespace kg::query_lang::tck {
namespace {

namespace fs = std::filesystem;
using K = Value::Kind;

// ---- Gherkin -----------------------------------------------------------------

struct Step {
  std::string keyword;  // Given / When / Then / And / But
  std::string text;
  std::string doc;                              // """ docstring
  std::vector<std::vector<std::string>> table;  // | a | b |
};

struct Scenario {
  std::string name;
  int line = 0;
  std::vector<std::string> tags;  // "@ignore", ...
  std::vector<Step> steps;
};

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> SplitRow(const std::string& line) {
  // | a | b | with \| escapes
  std::vector<std::string> cells;
  std::string cur;
  bool started = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\\' && i + 1 < line.size() && (line[i + 1] == '|' || line[i + 1] == '\\')) {
      cur += line[i + 1];  // Gherkin cell escapes: \| and \\ (\n is kept)
      ++i;
      continue;
    }
    if (c == '|') {
      if (started) cells.push_back(Trim(cur));
      started = true;
      cur.clear();
      continue;
    }
    cur += c;
  }
  return cells;
}

std::string Substitute(std::string s, const std::map<std::string, std::string>& vars) {
  for (auto& [k, v] : vars) {
    std::string key = "<" + k + ">";
    size_t pos = 0;
    while ((pos = s.find(key, pos)) != std::string::npos) {
      s.replace(pos, key.size(), v);
      pos += v.size();
    }
  }
  return s;
}

std::vector<Scenario> ParseFeature(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::vector<Scenario> out;
  std::vector<Step> background;
  Scenario cur;
  bool in_scenario = false, in_background = false, outline = false;
  std::vector<std::vector<std::string>> examples;
  bool in_examples = false;
  auto flush = [&]() {
    if (!in_scenario) return;
    std::vector<Step> steps = background;
    steps.insert(steps.end(), cur.steps.begin(), cur.steps.end());
    if (!outline) {
      cur.steps = steps;
      out.push_back(cur);
    } else if (examples.size() > 1) {
      for (size_t r = 1; r < examples.size(); ++r) {
        std::map<std::string, std::string> vars;
        for (size_t c = 0; c < examples[0].size() && c < examples[r].size(); ++c)
          vars[examples[0][c]] = examples[r][c];
        Scenario s = cur;
        s.name = cur.name + " #" + std::to_string(r);
        s.steps = steps;
        for (auto& st : s.steps) {
          st.text = Substitute(st.text, vars);
          st.doc = Substitute(st.doc, vars);
          for (auto& row : st.table)
            for (auto& cell : row) cell = Substitute(cell, vars);
        }
        out.push_back(s);
      }
    }
    in_scenario = false;
  };
  std::vector<Step>* target = nullptr;
  std::vector<std::string> pending_tags;  // tags read since the last scenario
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string t = Trim(lines[i]);
    if (t.empty() || t[0] == '#') continue;
    if (t[0] == '@') {
      std::istringstream tags(t);
      for (std::string tag; tags >> tag;) pending_tags.push_back(tag);
      continue;
    }
    if (t.rfind("Feature:", 0) == 0) continue;
    if (t.rfind("Background:", 0) == 0) {
      in_background = true;
      target = &background;
      continue;
    }
    if (t.rfind("Scenario", 0) == 0) {
      flush();
      in_background = false;
      in_scenario = true;
      outline = t.rfind("Scenario Outline:", 0) == 0;
      cur = Scenario();
      cur.name = Trim(t.substr(t.find(':') + 1));
      cur.line = static_cast<int>(i + 1);
      cur.tags = std::move(pending_tags);
      pending_tags.clear();
      examples.clear();
      in_examples = false;
      target = &cur.steps;
      continue;
    }
    if (t.rfind("Examples:", 0) == 0) {
      in_examples = true;
      continue;
    }
    if (t[0] == '|') {
      if (in_examples) {
        examples.push_back(SplitRow(t));
      } else if (target && !target->empty()) {
        target->back().table.push_back(SplitRow(t));
      }
      continue;
    }
    if (t.rfind("\"\"\"", 0) == 0) {
      std::string indent = lines[i].substr(0, lines[i].find('"'));
      std::string doc;
      for (++i; i < lines.size() && Trim(lines[i]).rfind("\"\"\"", 0) != 0; ++i) {
        std::string l = lines[i];
        if (l.rfind(indent, 0) == 0) l = l.substr(indent.size());
        doc += l + "\n";
      }
      if (target && !target->empty()) target->back().doc = doc;
      continue;
    }
    for (const char* kw : {"Given ", "When ", "Then ", "And ", "But "}) {
      if (t.rfind(kw, 0) == 0) {
        Step s;
        s.keyword = Trim(kw);
        s.text = Trim(t.substr(std::strlen(kw)));
        if (target) target->push_back(s);
        break;
      }
    }
    (void)in_background;
  }
  flush();
  return out;
}

// ---- Expected values ---------------------------------------------------------

// A parsed TCK value: like Value, but nodes/relationships carry only what the
// TCK writes (labels, type, properties).
class ValueParser {
 public:
  explicit ValueParser(const std::string& s) : s_(s) {}
  bool Parse(Value* out) {
    try {
      *out = ParseValue();
      Ws();
      return i_ == s_.size();
    } catch (...) {
      return false;
    }
  }

 private:
  void Ws() { while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_; }
  bool Eat(char c) {
    Ws();
    if (i_ < s_.size() && s_[i_] == c) { ++i_; return true; }
    return false;
  }
  void Expect(char c) { if (!Eat(c)) throw 1; }
  std::string Ident() {
    Ws();
    if (i_ < s_.size() && s_[i_] == '`') {
      size_t e = s_.find('`', i_ + 1);
      std::string id = s_.substr(i_ + 1, e - i_ - 1);
      i_ = e + 1;
      return id;
    }
    size_t b = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_')) ++i_;
    if (b == i_) throw 1;
    return s_.substr(b, i_ - b);
  }
  ValueMap Props() {
    ValueMap m;
    Expect('{');
    if (Eat('}')) return m;
    do {
      std::string k = Ident();
      Expect(':');
      m[k] = ParseValue();
    } while (Eat(','));
    Expect('}');
    return m;
  }
  Value NodeLit() {
    Expect('(');
    NodeValue n;
    while (Eat(':')) n.labels.push_back(Ident());
    Ws();
    ValueMap props;
    if (i_ < s_.size() && s_[i_] == '{') props = Props();
    Expect(')');
    std::sort(n.labels.begin(), n.labels.end());
    n.properties = std::make_shared<const ValueMap>(std::move(props));
    return Value::Node(std::move(n));
  }
  RelationshipValue RelBody() {
    Expect('[');
    RelationshipValue r;
    Expect(':');
    r.type = Ident();
    Ws();
    ValueMap props;
    if (i_ < s_.size() && s_[i_] == '{') props = Props();
    Expect(']');
    r.properties = std::make_shared<const ValueMap>(std::move(props));
    return r;
  }
  Value ParseValue() {
    Ws();
    if (i_ >= s_.size()) throw 1;
    char c = s_[i_];
    if (c == '(') return NodeLit();
    if (c == '[') {
      // relationship [:T ...] or list
      size_t save = i_;
      ++i_;
      Ws();
      if (i_ < s_.size() && s_[i_] == ':') {
        i_ = save;
        return Value::Relationship(RelBody());
      }
      ValueList l;
      if (Eat(']')) return Value::List(l);
      do l.push_back(ParseValue()); while (Eat(','));
      Expect(']');
      return Value::List(std::move(l));
    }
    if (c == '{') return Value::Map(Props());
    if (c == '<') {
      ++i_;
      PathValue p;
      p.nodes.push_back(NodeLit().as_node());
      while (true) {
        Ws();
        if (Eat('>')) break;
        bool left = Eat('<');
        Expect('-');
        RelationshipValue r = RelBody();
        Expect('-');
        bool right = Eat('>');
        Value n = NodeLit();
        // Encode direction: source 1 = forward, 2 = backward.
        r.source = right ? 1 : 2;
        (void)left;
        p.relationships.push_back(r);
        p.nodes.push_back(n.as_node());
      }
      return Value::Path(std::move(p));
    }
    if (c == '\'' || c == '"') {
      char q = c;
      ++i_;
      std::string out;
      while (i_ < s_.size() && s_[i_] != q) {
        if (s_[i_] == '\\' && i_ + 1 < s_.size()) {
          char n = s_[++i_];
          out += n == 'n' ? '\n' : n == 't' ? '\t' : n;
          ++i_;
          continue;
        }
        out += s_[i_++];
      }
      Expect(q);
      return Value::String(out);
    }
    // keyword or number
    size_t b = i_;
    while (i_ < s_.size() && !std::strchr(",]}) \t", s_[i_]) && !(s_[i_] == '>' && i_ > b)) ++i_;
    std::string tok = s_.substr(b, i_ - b);
    if (tok == "null") return Value();
    if (tok == "true") return Value::Bool(true);
    if (tok == "false") return Value::Bool(false);
    if (tok == "NaN") return Value::Float(std::nan(""));
    if (tok == "Infinity" || tok == "+Infinity") return Value::Float(INFINITY);
    if (tok == "-Infinity") return Value::Float(-INFINITY);
    char* end = nullptr;
    if (tok.find_first_of(".eE") == std::string::npos) {
      long long v = std::strtoll(tok.c_str(), &end, 10);
      if (*end == '\0' && !tok.empty()) return Value::Int(v);
    }
    double d = std::strtod(tok.c_str(), &end);
    if (*end == '\0' && !tok.empty()) return Value::Float(d);
    throw 1;
  }

  const std::string& s_;
  size_t i_ = 0;
};

bool FloatEq(double a, double b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  if (a == b) return true;
  return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::max(std::fabs(a), std::fabs(b)));
}

bool Same(const Value& actual, const Value& expected, bool unordered_lists);

bool SameProps(const std::shared_ptr<const ValueMap>& a, const std::shared_ptr<const ValueMap>& e) {
  ValueMap empty;
  const ValueMap& x = a ? *a : empty;
  const ValueMap& y = e ? *e : empty;
  if (x.size() != y.size()) return false;
  for (auto& [k, v] : y) {
    auto it = x.find(k);
    if (it == x.end() || !Same(it->second, v, false)) return false;
  }
  return true;
}

bool SameNode(const NodeValue& a, const NodeValue& e) {
  std::vector<std::string> la = a.labels;
  std::sort(la.begin(), la.end());
  return la == e.labels && SameProps(a.properties, e.properties);
}

bool SameRel(const RelationshipValue& a, const RelationshipValue& e) {
  return a.type == e.type && SameProps(a.properties, e.properties);
}

bool Same(const Value& a, const Value& e, bool unordered_lists) {
  if (a.kind() == K::kFloat && e.kind() == K::kFloat) return FloatEq(a.as_float(), e.as_float());
  // The TCK writes temporal values as their ISO text: '1984-10-11'.
  if ((a.is_temporal() || a.kind() == K::kDuration) && e.kind() == K::kString)
    return a.TemporalText() == e.as_string();
  if (a.kind() != e.kind()) return false;
  switch (a.kind()) {
    case K::kNull: return true;
    case K::kBool: return a.as_bool() == e.as_bool();
    case K::kInt: return a.as_int() == e.as_int();
    case K::kString: return a.as_string() == e.as_string();
    case K::kList: {
      const auto& x = a.as_list();
      const auto& y = e.as_list();
      if (x.size() != y.size()) return false;
      if (!unordered_lists) {
        for (size_t i = 0; i < x.size(); ++i) if (!Same(x[i], y[i], false)) return false;
        return true;
      }
      std::vector<bool> used(x.size(), false);
      for (auto& want : y) {
        bool found = false;
        for (size_t i = 0; i < x.size() && !found; ++i)
          if (!used[i] && Same(x[i], want, true)) used[i] = found = true;
        if (!found) return false;
      }
      return true;
    }
    case K::kMap: {
      const auto& x = a.as_map();
      const auto& y = e.as_map();
      if (x.size() != y.size()) return false;
      for (auto& [k, v] : y) {
        auto it = x.find(k);
        if (it == x.end() || !Same(it->second, v, unordered_lists)) return false;
      }
      return true;
    }
    case K::kNode: return SameNode(a.as_node(), e.as_node());
    case K::kRelationship: return SameRel(a.as_relationship(), e.as_relationship());
    case K::kPath: {
      const auto& x = a.as_path();
      const auto& y = e.as_path();
      if (x.nodes.size() != y.nodes.size()) return false;
      for (size_t i = 0; i < x.nodes.size(); ++i) if (!SameNode(x.nodes[i], y.nodes[i])) return false;
      for (size_t i = 0; i < x.relationships.size(); ++i) {
        const auto& r = x.relationships[i];
        if (!SameRel(r, y.relationships[i])) return false;
        bool forward = r.source == x.nodes[i].id && r.target == x.nodes[i + 1].id;
        bool backward = r.target == x.nodes[i].id && r.source == x.nodes[i + 1].id;
        if (y.relationships[i].source == 1 ? !forward : !backward) return false;
      }
      return true;
    }
    default: return false;
  }
}

// ---- Side effects ----------------------------------------------------------------

// What the TCK compares before and after a query: the sets of nodes,
// relationships, label names and (entity, key, value) properties.
struct GraphState {
  std::set<uint64_t> nodes, rels;
  std::set<std::string> labels;
  std::set<std::string> props;
};

GraphState Snapshot(graph::Graph& g) {
  GraphState s;
  for (auto c = g.ScanNodes(); c->Valid(); c->Next()) {
    s.nodes.insert(c->node());
    auto n = g.GetNode(c->node());
    if (!n.ok()) continue;
    for (auto& l : n->labels) s.labels.insert(l);
    for (auto& [k, v] : n->properties)
      if (!v.is_null()) s.props.insert("n" + std::to_string(c->node()) + "\x1f" + k + "\x1f" + FromProperty(v).ToString());
  }
  for (auto c = g.ScanEdges(); c->Valid(); c->Next()) {
    uint64_t id = c->edge().id;
    s.rels.insert(id);
    auto e = g.GetEdge(id);
    if (!e.ok()) continue;
    for (auto& [k, v] : e->properties)
      if (!v.is_null()) s.props.insert("r" + std::to_string(id) + "\x1f" + k + "\x1f" + FromProperty(v).ToString());
  }
  return s;
}

template <typename T>
int64_t Minus(const std::set<T>& a, const std::set<T>& b) {  // |a \ b|
  int64_t n = 0;
  for (auto& x : a) n += b.count(x) ? 0 : 1;
  return n;
}

// ---- Running -------------------------------------------------------------------

std::string Area(const std::string& rel_path) {
  size_t a = rel_path.find('/');
  if (a == std::string::npos) return rel_path;
  size_t b = rel_path.find('/', a + 1);
  if (b == std::string::npos) return rel_path.substr(0, a);
  return rel_path.substr(0, b);
}

class ScenarioRun {
 public:
  ScenarioRun(const RunOptions& opts, const std::string& graphs_dir, int serial)
      : opts_(opts), graphs_dir_(graphs_dir), serial_(serial) {}

  // "" on success, else why it failed. Sets *skip when it cannot run.
  std::string Run(const Scenario& sc, std::string* skip) {
    graph::OpenOptions oo;
    oo.in_memory = true;
    oo.sync_writes = false;
    std::string dir = (fs::temp_directory_path() / ("kg-tck-" + std::to_string(::getpid()) + "-" +
                                                    std::to_string(serial_))).string();
    auto g = graph::Graph::Open(dir, oo);
    if (!g.ok()) return "cannot open a graph: " + g.status().ToString();
    graph_ = std::move(*g);
    qopts_.timeout_ms = opts_.timeout_ms;
    for (const auto& st : sc.steps) {
      std::string r = RunStep(st, skip);
      if (!skip->empty()) return "";
      if (!r.empty()) return r;
    }
    return "";
  }

 private:
  std::string RunStep(const Step& st, std::string* skip) {
    const std::string& t = st.text;
    if (t == "an empty graph" || t == "any graph") return "";
    if (t.rfind("the ", 0) == 0 && t.size() > 10 && t.substr(t.size() - 6) == " graph") {
      std::string name = t.substr(4, t.size() - 10);
      std::ifstream in(graphs_dir_ + "/" + name + "/" + name + ".cypher");
      if (!in) return "named graph " + name + " not found";
      std::stringstream ss;
      ss << in.rdbuf();
      auto r = Execute(*graph_, ss.str(), qopts_);
      if (!r.ok()) return "loading graph " + name + ": " + r.error().FormatWithCaret(ss.str());
      return "";
    }
    if (t.rfind("there exists a procedure", 0) == 0) {
      *skip = "procedures are not supported";
      return "";
    }
    if (t == "having executed:") {
      auto r = Execute(*graph_, st.doc, qopts_);
      if (!r.ok()) return "setup query failed: " + r.error().FormatWithCaret(st.doc);
      return "";
    }
    if (t == "parameters are:") {
      for (auto& row : st.table) {
        if (row.size() < 2) continue;
        qopts_.params[row[0]] = ParseParameterValue(row[1]);
      }
      return "";
    }
    if (t == "executing query:" || t == "executing control query:") {
      query_ = st.doc;
      before_ = Snapshot(*graph_);
      outcome_ = std::make_unique<QueryOutcome>(Execute(*graph_, query_, qopts_));
      after_ = Snapshot(*graph_);
      // Compile time: the query does not parse or bind (Check() fails).
      compile_error_ = !outcome_->ok() && !Check(query_).ok();
      return "";
    }
    if (!outcome_) return "no query before: " + t;
    if (t.rfind("the result should be", 0) == 0) {
      if (!outcome_->ok()) return "unexpected error: " + outcome_->error().FormatWithCaret(query_);
      const QueryResult& res = outcome_->value();
      if (t == "the result should be empty") {
        if (!res.rows.empty()) return "expected no rows, got " + std::to_string(res.rows.size());
        return "";
      }
      bool ordered = t.find("in order") != std::string::npos;
      bool unordered_lists = t.find("ignoring element order for lists") != std::string::npos;
      return CompareTable(st.table, res, ordered, unordered_lists);
    }
    if (t.find("should be raised at") != std::string::npos) {
      // "a SyntaxError should be raised at compile time: VariableAlreadyBound"
      size_t should = t.find(" should be raised at ");
      std::string kind = t.substr(t.find(' ') + 1, should - t.find(' ') - 1);
      std::string rest = t.substr(should + std::strlen(" should be raised at "));
      std::string phase = Trim(rest.substr(0, rest.find(':')));
      std::string detail = rest.find(':') == std::string::npos ? "" : Trim(rest.substr(rest.find(':') + 1));
      if (outcome_->ok()) return "expected " + kind + " (" + detail + ") at " + phase + ", the query succeeded";
      const QueryError& e = outcome_->error();
      std::string got_phase = compile_error_ ? "compile time" : "runtime";
      std::string got = e.kind + " (" + e.detail + ") at " + got_phase + ": " + e.message;
      if (e.kind != kind) return "expected " + kind + " (" + detail + "), got " + got;
      if (detail != "*" && e.detail != detail) return "expected detail " + detail + ", got " + got;
      if (phase != "any time" && phase != got_phase) return "expected it at " + phase + ", got " + got;
      return "";
    }
    if (t == "no side effects") return CompareEffects({});
    if (t == "the side effects should be:") {
      std::map<std::string, int64_t> want;
      for (auto& row : st.table) if (row.size() >= 2) want[row[0]] = std::stoll(row[1]);
      return CompareEffects(want);
    }
    return "unknown step: " + t;
  }

  std::string CompareEffects(const std::map<std::string, int64_t>& want) {
    std::map<std::string, int64_t> got;
    auto put = [&](const std::string& k, int64_t n) {
      if (n) got[k] = n;
    };
    put("+nodes", Minus(after_.nodes, before_.nodes));
    put("-nodes", Minus(before_.nodes, after_.nodes));
    put("+relationships", Minus(after_.rels, before_.rels));
    put("-relationships", Minus(before_.rels, after_.rels));
    put("+labels", Minus(after_.labels, before_.labels));
    put("-labels", Minus(before_.labels, after_.labels));
    put("+properties", Minus(after_.props, before_.props));
    put("-properties", Minus(before_.props, after_.props));
    std::map<std::string, int64_t> w;
    for (auto& [k, v] : want) if (v != 0) w[k] = v;
    if (w != got) {
      std::string s = "side effects differ: got";
      for (auto& [k, v] : got) s += " " + k + "=" + std::to_string(v);
      s += ", expected";
      for (auto& [k, v] : w) s += " " + k + "=" + std::to_string(v);
      return s;
    }
    return "";
  }

  std::string CompareTable(const std::vector<std::vector<std::string>>& table, const QueryResult& res,
                           bool ordered, bool unordered_lists) {
    if (table.empty()) return "no expected table";
    const auto& header = table[0];
    if (header != res.columns) {
      std::string got;
      for (auto& c : res.columns) got += "|" + c;
      std::string want;
      for (auto& c : header) want += "|" + c;
      return "columns differ: got " + got + " expected " + want;
    }
    std::vector<std::vector<Value>> expected;
    for (size_t r = 1; r < table.size(); ++r) {
      std::vector<Value> row;
      for (auto& cell : table[r]) {
        Value v;
        ValueParser p(cell);
        if (!p.Parse(&v)) return "cannot parse expected value " + cell;
        row.push_back(v);
      }
      expected.push_back(row);
    }
    if (expected.size() != res.rows.size())
      return "expected " + std::to_string(expected.size()) + " rows, got " + std::to_string(res.rows.size()) +
             RowsText(res);
    auto row_same = [&](const std::vector<Value>& a, const std::vector<Value>& e) {
      if (a.size() != e.size()) return false;
      for (size_t i = 0; i < a.size(); ++i) if (!Same(a[i], e[i], unordered_lists)) return false;
      return true;
    };
    if (ordered) {
      for (size_t i = 0; i < expected.size(); ++i)
        if (!row_same(res.rows[i], expected[i])) return "row " + std::to_string(i) + " differs" + RowsText(res);
      return "";
    }
    std::vector<bool> used(res.rows.size(), false);
    for (auto& e : expected) {
      bool found = false;
      for (size_t i = 0; i < res.rows.size() && !found; ++i)
        if (!used[i] && row_same(res.rows[i], e)) used[i] = found = true;
      if (!found) {
        std::string want;
        for (auto& v : e) want += v.ToString() + " | ";
        return "expected row not found: " + want + RowsText(res);
      }
    }
    return "";
  }

  static std::string RowsText(const QueryResult& res) {
    std::string s = "\n      got:";
    size_t n = 0;
    for (auto& r : res.rows) {
      if (++n > 8) { s += "\n      ..."; break; }
      s += "\n      ";
      for (auto& v : r) s += v.ToString() + " | ";
    }
    return s;
  }

  const RunOptions& opts_;
  std::string graphs_dir_;
  int serial_;
  std::unique_ptr<graph::Graph> graph_;
  QueryOptions qopts_;
  std::string query_;
  std::unique_ptr<QueryOutcome> outcome_;
  GraphState before_, after_;
  bool compile_error_ = false;
};

}  // namespace

Summary RunFeatures(const std::string& features_dir, const RunOptions& options, std::ostream& out) {
  Summary summary;
  std::string graphs = options.graphs_dir;
  if (graphs.empty()) {
    // The TCK keeps graphs/ beside features/: look up from the given folder.
    for (fs::path p = fs::absolute(features_dir); !p.empty(); p = p.parent_path()) {
      if (fs::is_directory(p / "graphs")) {
        graphs = (p / "graphs").string();
        break;
      }
      if (p == p.parent_path()) break;
    }
  }
  std::vector<std::string> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(features_dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->path().extension() == ".feature") files.push_back(it->path().string());
  std::sort(files.begin(), files.end());
  int serial = 0;
  for (const auto& file : files) {
    std::string rel = fs::relative(file, features_dir).string();
    auto scenarios = ParseFeature(file);
    Counts c;
    std::vector<std::string> failures, skips;
    std::set<std::string> names;
    for (const auto& sc : scenarios) {
      if (!options.filter.empty() && rel.find(options.filter) == std::string::npos &&
          sc.name.find(options.filter) == std::string::npos)
        continue;
      if (std::find(sc.tags.begin(), sc.tags.end(), "@ignore") != sc.tags.end()) {
        ++summary.ignored;
        continue;
      }
      std::string key = rel + ": " + sc.name;
      for (int k = 2; names.count(key); ++k) key = rel + ": " + sc.name + " (" + std::to_string(k) + ")";
      names.insert(key);
      std::string skip;
      ScenarioRun run(options, graphs, ++serial);
      std::string why = run.Run(sc, &skip);
      if (!skip.empty()) {
        ++c.skipped;
        skips.push_back(sc.name + " (line " + std::to_string(sc.line) + "): " + skip);
      } else if (why.empty()) {
        ++c.passed;
        summary.passing.push_back(key);
      } else {
        ++c.failed;
        failures.push_back(sc.name + " (line " + std::to_string(sc.line) + "): " + why);
      }
    }
    if (c.all() == 0) continue;
    out << rel << ": " << c.passed << " passed, " << c.failed << " failed, " << c.skipped << " skipped\n";
    if (options.verbose) {
      for (auto& f : failures) out << "  FAIL " << f << "\n";
      for (auto& f : skips) out << "  SKIP " << f << "\n";
    }
    Counts& a = summary.by_area[Area(rel)];
    a.passed += c.passed;
    a.failed += c.failed;
    a.skipped += c.skipped;
    summary.total.passed += c.passed;
    summary.total.failed += c.failed;
    summary.total.skipped += c.skipped;
  }
  std::sort(summary.passing.begin(), summary.passing.end());
  out << "\nper area (passed / all scenarios; skipped count as not passed):\n";
  for (auto& [area, c] : summary.by_area) {
    char buf[200];
    std::snprintf(buf, sizeof buf, "  %-34s %4d/%-4d %6.1f%%  (failed %d, skipped %d)\n", area.c_str(), c.passed,
                  c.all(), c.rate(), c.failed, c.skipped);
    out << buf;
  }
  char rate[64];
  std::snprintf(rate, sizeof rate, "%.1f%%", summary.total.rate());
  out << summary.total.passed << " passed, " << summary.total.failed << " failed, " << summary.total.skipped
      << " skipped (" << rate << " of all " << summary.total.all() << " scenarios pass";
  if (summary.ignored) out << "; " << summary.ignored << " @ignore not run";
  out << ")\n";
  return summary;
}

}  // namespace kg::query_lang::tck
