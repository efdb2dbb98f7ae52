// The data-driven query tests: every case of tests/query/cases/*.test (format
// in tests/query/cases/README.md) becomes one GoogleTest,
// QueryCases/<file>.<case>, run on a fresh in-memory graph.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "query-lang/query_engine.h"
#include "tests/shared_data.h"

namespace kg::query_lang {
namespace {

namespace fs = std::filesystem;

struct Case {
  std::string file;
  std::string name;
  int line = 0;
  std::vector<std::string> setup;
  std::map<std::string, std::string> params;
  std::string query;
  bool expect_rows = false;
  bool ordered = false;
  std::vector<std::string> rows;
  bool expect_columns = false;
  std::string columns;
  std::string error_kind, error_detail;
  bool expect_counters = false;
  std::map<std::string, int64_t> counters;
};

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

// Reads one .test file; a malformed file becomes a case that fails.
std::vector<Case> ReadCases(const fs::path& path, std::vector<std::string>* problems) {
  std::ifstream in(path);
  std::vector<Case> cases;
  std::string file = path.stem().string();
  std::string* block = nullptr;  // where free lines go
  std::vector<std::string>* rows = nullptr;
  int n = 0;
  auto where = [&] { return path.filename().string() + ":" + std::to_string(n); };
  for (std::string raw; std::getline(in, raw);) {
    ++n;
    std::string line = Trim(raw);
    if (line.empty() && !rows) continue;
    if (!line.empty() && line[0] == '#') continue;
    if (line.empty()) continue;
    if (line[0] != '-') {
      if (rows) {
        rows->push_back(line);
      } else if (block) {
        if (!block->empty()) *block += "\n";
        *block += raw;
      } else {
        problems->push_back(where() + ": text outside a directive");
      }
      continue;
    }
    std::string directive = line.substr(0, line.find(' '));
    std::string arg = line.size() > directive.size() ? Trim(line.substr(directive.size())) : "";
    block = nullptr;
    rows = nullptr;
    if (directive == "-CASE") {
      Case c;
      c.file = file;
      c.name = arg;
      c.line = n;
      cases.push_back(c);
      continue;
    }
    if (cases.empty()) {
      problems->push_back(where() + ": " + directive + " before -CASE");
      continue;
    }
    Case& c = cases.back();
    if (directive == "-SETUP") {
      c.setup.emplace_back();
      block = &c.setup.back();
    } else if (directive == "-QUERY") {
      block = &c.query;
    } else if (directive == "-PARAM") {
      size_t eq = arg.find('=');
      if (eq == std::string::npos) problems->push_back(where() + ": -PARAM needs name=value");
      else c.params[Trim(arg.substr(0, eq))] = Trim(arg.substr(eq + 1));
    } else if (directive == "-ROWS") {
      c.expect_rows = true;
      c.ordered = arg == "ORDERED";
      rows = &c.rows;
    } else if (directive == "-COLUMNS") {
      c.expect_columns = true;
      c.columns = arg;
    } else if (directive == "-ERROR") {
      std::istringstream s(arg);
      s >> c.error_kind >> c.error_detail;
      if (c.error_kind.empty()) problems->push_back(where() + ": -ERROR needs a kind");
    } else if (directive == "-COUNTERS") {
      c.expect_counters = true;
      std::istringstream s(arg);
      for (std::string kv; s >> kv;) {
        size_t eq = kv.find('=');
        if (eq == std::string::npos) problems->push_back(where() + ": counter " + kv + " needs =");
        else c.counters[kv.substr(0, eq)] = std::stoll(kv.substr(eq + 1));
      }
    } else {
      problems->push_back(where() + ": unknown directive " + directive);
    }
  }
  for (auto& c : cases) {
    if (Trim(c.query).empty()) problems->push_back(file + " " + c.name + ": no -QUERY");
    if (!c.expect_rows && c.error_kind.empty() && !c.expect_counters)
      problems->push_back(file + " " + c.name + ": expects nothing (-ROWS, -ERROR or -COUNTERS)");
  }
  return cases;
}

std::map<std::string, int64_t> CountersOf(const QueryCounters& c) {
  return {{"nodes_created", c.nodes_created},
          {"nodes_deleted", c.nodes_deleted},
          {"relationships_created", c.relationships_created},
          {"relationships_deleted", c.relationships_deleted},
          {"properties_set", c.properties_set},
          {"labels_added", c.labels_added},
          {"labels_removed", c.labels_removed}};
}

class CaseTest : public ::testing::Test {
 public:
  explicit CaseTest(Case c) : c_(std::move(c)) {}

  void TestBody() override {
    SCOPED_TRACE(c_.file + ".test:" + std::to_string(c_.line) + " " + c_.name);
    graph::OpenOptions o;
    o.in_memory = true;
    auto g = graph::Graph::Open("case-" + c_.name, o);
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    QueryOptions opts;
    opts.timeout_ms = 60000;
    for (auto& [k, v] : c_.params) opts.params[k] = ParseParameterValue(v);
    for (const auto& q : c_.setup) {
      auto r = Execute(**g, q, opts);
      ASSERT_TRUE(r.ok()) << "setup failed:\n" << r.error().FormatWithCaret(q);
    }
    auto r = Execute(**g, c_.query, opts);
    if (!c_.error_kind.empty()) {
      ASSERT_FALSE(r.ok()) << "expected " << c_.error_kind << " " << c_.error_detail << ", the query succeeded";
      EXPECT_EQ(r.error().kind, c_.error_kind) << r.error().FormatWithCaret(c_.query);
      if (!c_.error_detail.empty() && c_.error_detail != "*") {
        EXPECT_EQ(r.error().detail, c_.error_detail) << r.error().FormatWithCaret(c_.query);
      }
      return;
    }
    ASSERT_TRUE(r.ok()) << r.error().FormatWithCaret(c_.query);
    const QueryResult& res = r.value();
    if (c_.expect_columns) {
      std::string got;
      for (size_t i = 0; i < res.columns.size(); ++i) got += (i ? " | " : "") + res.columns[i];
      EXPECT_EQ(got, c_.columns);
    }
    if (c_.expect_rows) {
      std::vector<std::string> got;
      for (const auto& row : res.rows) {
        std::string s;
        for (size_t i = 0; i < row.size(); ++i) s += (i ? " | " : "") + row[i].ToString();
        got.push_back(s);
      }
      std::vector<std::string> want = c_.rows;
      if (!c_.ordered) {
        std::sort(got.begin(), got.end());
        std::sort(want.begin(), want.end());
      }
      EXPECT_EQ(got, want);
    }
    if (c_.expect_counters) {
      std::map<std::string, int64_t> want = CountersOf(QueryCounters{});
      for (auto& [k, v] : c_.counters) {
        EXPECT_TRUE(want.count(k)) << "unknown counter " << k;
        want[k] = v;
      }
      EXPECT_EQ(CountersOf(res.counters), want);
    }
  }

 private:
  Case c_;
};

class BadFile : public ::testing::Test {
 public:
  explicit BadFile(std::string why) : why_(std::move(why)) {}
  void TestBody() override { FAIL() << why_; }

 private:
  std::string why_;
};

// Registers the cases before main() runs (gtest_main's RUN_ALL_TESTS).
struct Registrar {
  Registrar() {
    fs::path dir = fs::path(kg::testing::SourceDir()) / "tests" / "query" / "cases";
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto& e : fs::directory_iterator(dir, ec))
      if (e.path().extension() == ".test") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<std::string> problems;
    if (files.empty()) problems.push_back("no .test files in " + dir.string());
    for (const auto& f : files) {
      for (auto& c : ReadCases(f, &problems)) {
        std::string suite = "QueryCases/" + c.file;
        std::string name = c.name;
        std::string file = f.string();
        int line = c.line;
        ::testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, file.c_str(), line,
                                [c]() -> ::testing::Test* { return new CaseTest(c); });
      }
    }
    for (size_t i = 0; i < problems.size(); ++i) {
      std::string why = problems[i];
      ::testing::RegisterTest("QueryCases/Files", ("Problem" + std::to_string(i)).c_str(), nullptr, nullptr,
                              __FILE__, __LINE__, [why]() -> ::testing::Test* { return new BadFile(why); });
    }
  }
};
const Registrar kRegistrar;

}  // namespace
}  // namespace kg::query_lang
