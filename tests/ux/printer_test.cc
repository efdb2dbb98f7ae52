// The result printer: every mode on a small hand-made result.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/result_printer.h"
#include "query-lang/query_engine.h"

namespace kg::cli {
namespace {

using query_lang::QueryResult;
using query_lang::Value;

QueryResult Sample() {
  QueryResult r;
  r.columns = {"name", "sources", "note"};
  r.rows.push_back({Value::String("Vladimir Putin"), Value::Int(3), Value::Null()});
  r.rows.push_back({Value::String("FBI"), Value::Int(12),
                    Value::String("a \"quoted\", comma | pipe\nand a very long text that goes on and on")});
  r.elapsed_ms = 1.5;
  return r;
}

std::string Print(const QueryResult& r, OutputMode mode, size_t width = 20) {
  PrintOptions o;
  o.mode = mode;
  o.max_column_width = width;
  o.show_timing = false;
  std::ostringstream out;
  PrintResult(r, o, out);
  return out.str();
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

TEST(ResultPrinter, TableIsAlignedCappedAndCounted) {
  std::string t = Print(Sample(), OutputMode::kTable);
  auto lines = Lines(t);
  ASSERT_EQ(lines.size(), 7u) << t;  // 3 rules + header + 2 rows + summary
  EXPECT_EQ(lines[0].rfind("┌", 0), 0u);
  // Every table line has the same display width.
  size_t w = DisplayWidth(lines[0]);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(DisplayWidth(lines[i]), w) << lines[i];
  EXPECT_NE(t.find("Vladimir Putin"), std::string::npos);
  EXPECT_NE(t.find("…"), std::string::npos) << "long text is cut with an ellipsis";
  EXPECT_EQ(t.find("goes on and on"), std::string::npos);
  EXPECT_NE(t.find("│       3 │"), std::string::npos) << "numbers right-aligned:\n" << t;
  EXPECT_EQ(lines[6], "2 rows");
}

TEST(ResultPrinter, TableFitsATerminalWidth) {
  PrintOptions o;
  o.max_column_width = 100;
  o.max_table_width = 40;
  std::ostringstream out;
  PrintResult(Sample(), o, out);
  for (const auto& line : Lines(out.str())) {
    if (line.rfind("│", 0) == 0 || line.rfind("┌", 0) == 0) {
      EXPECT_LE(DisplayWidth(line), 40u) << line;
    }
  }
  EXPECT_NE(out.str().find("│ sources │"), std::string::npos) << "narrow columns are kept:\n" << out.str();
}

TEST(ResultPrinter, TableShowsTimeAndEmptyResults) {
  QueryResult r;
  r.columns = {"x"};
  r.elapsed_ms = 2.25;
  PrintOptions o;
  std::ostringstream out;
  PrintResult(r, o, out);
  EXPECT_NE(out.str().find("0 rows (2.25 ms)"), std::string::npos) << out.str();
}

TEST(ResultPrinter, CsvQuotesPerRfc4180) {
  std::string c = Print(Sample(), OutputMode::kCsv);
  EXPECT_EQ(c,
            "name,sources,note\n"
            "Vladimir Putin,3,\n"
            "FBI,12,\"a \"\"quoted\"\", comma | pipe\nand a very long text that goes on and on\"\n");
}

TEST(ResultPrinter, JsonIsAnArrayOfObjectsKeyedByColumns) {
  auto j = nlohmann::json::parse(Print(Sample(), OutputMode::kJson));
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["name"], "Vladimir Putin");
  EXPECT_EQ(j[0]["sources"], 3);
  EXPECT_TRUE(j[0]["note"].is_null());
  EXPECT_EQ(j[1]["note"].get<std::string>().substr(0, 10), "a \"quoted\"");
  QueryResult empty;
  empty.columns = {"a"};
  EXPECT_TRUE(nlohmann::json::parse(Print(empty, OutputMode::kJson)).empty());
}

TEST(ResultPrinter, JsonlOneObjectPerLine) {
  auto lines = Lines(Print(Sample(), OutputMode::kJsonl));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(lines[1])["sources"], 12);
}

TEST(ResultPrinter, MarkdownEscapesPipesAndNewlines) {
  auto lines = Lines(Print(Sample(), OutputMode::kMarkdown));
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines[0], "| name | sources | note |");
  EXPECT_EQ(lines[1], "| --- | --- | --- |");
  EXPECT_NE(lines[3].find("comma \\| pipe and a very"), std::string::npos) << lines[3];
}

TEST(ResultPrinter, GraphValuesInJson) {
  query_lang::NodeValue n;
  n.id = 7;
  n.labels = {"Entity", "Person"};
  n.properties = std::make_shared<query_lang::ValueMap>(
      query_lang::ValueMap{{"name", Value::String("Barack Obama")}});
  query_lang::RelationshipValue rel;
  rel.id = 3;
  rel.source = 7;
  rel.target = 9;
  rel.type = "speak_with";
  rel.properties = std::make_shared<query_lang::ValueMap>();
  auto node = nlohmann::json::parse(ValueToJson(Value::Node(n)));
  EXPECT_EQ(node["id"], 7);
  EXPECT_EQ(node["labels"][1], "Person");
  EXPECT_EQ(node["properties"]["name"], "Barack Obama");
  auto r = nlohmann::json::parse(ValueToJson(Value::Relationship(rel)));
  EXPECT_EQ(r["type"], "speak_with");
  EXPECT_EQ(r["start"], 7);
  EXPECT_EQ(r["end"], 9);
  EXPECT_EQ(ValueToJson(Value::Float(std::nan(""))), "\"NaN\"");
  // Invalid UTF-8 never makes the JSON writer throw.
  EXPECT_NO_THROW(nlohmann::json::parse(ValueToJson(Value::String("bad \xff byte"))));
}

TEST(ResultPrinter, WidthsCountCellsNotBytes) {
  EXPECT_EQ(DisplayWidth("Kùzu"), 4u);
  EXPECT_EQ(DisplayWidth("東京"), 4u);
  EXPECT_EQ(TruncateToWidth("abcdefgh", 5), "abcd…");
  EXPECT_EQ(TruncateToWidth("ùùùùùù", 4), "ùùù…");
  EXPECT_EQ(TruncateToWidth("short", 10), "short");
}

TEST(ResultPrinter, ModesByName) {
  EXPECT_EQ(ParseOutputMode("csv"), OutputMode::kCsv);
  EXPECT_EQ(ParseOutputMode("md"), OutputMode::kMarkdown);
  EXPECT_FALSE(ParseOutputMode("xml").has_value());
}

}  // namespace
}  // namespace kg::cli
