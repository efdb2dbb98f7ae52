// REPL completion, statement splitting and parameter parsing (no terminal).
#include <gtest/gtest.h>

#include "cli/repl_completion.h"
#include "cli/repl_support.h"

namespace kg::cli {
namespace {

CompletionData Data() {
  CompletionData d;
  d.keywords = {"MATCH", "MERGE", "RETURN", "count", "collect"};
  d.labels = {"Entity", "Organization", "Person"};
  d.types = {"speak_with", "spy_on", "tip_off"};
  d.property_keys = {"name", "type"};
  d.parameters = {"name"};
  d.commands = {":help", ":mode", ":schema", ":stats"};
  d.modes = {"table", "csv", "json", "jsonl", "markdown"};
  d.names = [](const std::string& prefix) {
    std::vector<std::string> all = {"Vladimir Putin", "Vladimir Lenin", "Barack Obama"};
    std::vector<std::string> out;
    for (const auto& n : all)
      if (n.compare(0, prefix.size(), prefix) == 0) out.push_back(n);
    return out;
  };
  return d;
}

std::vector<std::string> C(const std::string& text, size_t* start = nullptr) {
  Completion c = Complete(Data(), text);
  if (start) *start = c.start;
  return c.candidates;
}

TEST(Completion, KeywordsInTheCaseTyped) {
  EXPECT_EQ(C("MA"), (std::vector<std::string>{"MATCH"}));
  EXPECT_EQ(C("m"), (std::vector<std::string>{"match", "merge"}));
  EXPECT_EQ(C("RETURN co"), (std::vector<std::string>{"collect", "count"}));
  EXPECT_TRUE(C("MATCH (n) ").empty());
}

TEST(Completion, LabelsTypesKeysParams) {
  size_t start = 0;
  EXPECT_EQ(C("MATCH (p:Pe", &start), (std::vector<std::string>{"Person"}));
  EXPECT_EQ(start, 9u);
  EXPECT_EQ(C("MATCH (a)-[r:sp"), (std::vector<std::string>{"speak_with", "spy_on"}));
  EXPECT_EQ(C("MATCH (a)-[:t"), (std::vector<std::string>{"tip_off"}));
  EXPECT_EQ(C("RETURN p.na"), (std::vector<std::string>{"name"}));
  EXPECT_EQ(C("WHERE a.name = $n"), (std::vector<std::string>{"name"}));
  // A ':' inside a map is not a label.
  EXPECT_TRUE(C("MATCH (a {name:Pe").empty());
}

TEST(Completion, EntityNamesInsideQuotes) {
  size_t start = 0;
  EXPECT_EQ(C("MATCH (a {name: 'Vladimir P", &start),
            (std::vector<std::string>{"Vladimir Putin'"}));
  EXPECT_EQ(start, 17u);
  EXPECT_EQ(C("MATCH (a {name: \"Vlad").size(), 2u);
  EXPECT_TRUE(C("MATCH (a {name: 'Vladimir Putin'}) RETURN 'x").empty());
}

TEST(Completion, Commands) {
  EXPECT_EQ(C(":s"), (std::vector<std::string>{":schema", ":stats"}));
  EXPECT_EQ(C(":mode js"), (std::vector<std::string>{"json", "jsonl"}));
  EXPECT_EQ(CommonPrefix({"json", "jsonl"}), "json");
  EXPECT_EQ(CommonPrefix({"Vladimir Putin'", "Vladimir Lenin'"}), "Vladimir ");
}

TEST(Statements, SplitAtTopLevelSemicolons) {
  auto s = SplitStatements(
      "// who\nMATCH (a) RETURN 'x;y' AS s;\n\n/* c; */ RETURN \"a;b\", `c;d`;\nRETURN 3");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].text, "// who\nMATCH (a) RETURN 'x;y' AS s");
  EXPECT_EQ(s[0].line, 1);
  EXPECT_EQ(s[1].text, "/* c; */ RETURN \"a;b\", `c;d`");
  EXPECT_EQ(s[1].line, 4);
  EXPECT_EQ(s[2].text, "RETURN 3");
  EXPECT_TRUE(SplitStatements("  // only a comment\n;\n").empty());
}

TEST(Statements, CompleteOnlyAtATopLevelSemicolon) {
  EXPECT_FALSE(StatementComplete("MATCH (n)"));
  EXPECT_FALSE(StatementComplete("RETURN ';"));
  EXPECT_TRUE(StatementComplete("MATCH (n)\nRETURN n;"));
  EXPECT_TRUE(StatementComplete("RETURN 1;  // done"));
  EXPECT_FALSE(StatementComplete("RETURN 1; RETURN"));
}

TEST(Params, JsonCypherOrString) {
  query_lang::ValueMap p;
  ASSERT_TRUE(ParseParam("name=Vladimir Putin", p).ok());
  EXPECT_EQ(p["name"], query_lang::Value::String("Vladimir Putin"));
  ASSERT_TRUE(ParseParam("n=42", p).ok());
  EXPECT_EQ(p["n"], query_lang::Value::Int(42));
  ASSERT_TRUE(ParseParam("m={\"a\": [1, 2.5, null]}", p).ok());
  ASSERT_EQ(p["m"].kind(), query_lang::Value::Kind::kMap);
  EXPECT_EQ(p["m"].as_map().at("a").as_list().size(), 3u);
  ASSERT_TRUE(ParseParam("$s=\"quoted\"", p).ok());
  EXPECT_EQ(p["s"], query_lang::Value::String("quoted"));
  EXPECT_FALSE(ParseParam("novalue", p).ok());
  EXPECT_FALSE(ParseParam("1x=3", p).ok());
  EXPECT_FALSE(ParseParam("=3", p).ok());
}

}  // namespace
}  // namespace kg::cli
