// Parser and binder: typed errors with the right line/column, and never a
// crash on malformed input.
#include <gtest/gtest.h>

#include <random>

#include "query-lang/query_engine.h"

namespace kg::query_lang {
namespace {

QueryError ErrorOf(const std::string& q) {
  QueryOutcome r = Check(q);
  EXPECT_FALSE(r.ok()) << q;
  return r.ok() ? QueryError{} : r.error();
}

TEST(Errors, SyntaxErrorPointsAtTheOffendingToken) {
  QueryError e = ErrorOf("MATCH (n RETURN n");
  EXPECT_EQ(e.kind, "SyntaxError");
  EXPECT_EQ(e.line, 1);
  EXPECT_EQ(e.column, 10);  // RETURN
  std::string text = e.FormatWithCaret("MATCH (n RETURN n");
  EXPECT_NE(text.find("  MATCH (n RETURN n\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\n           ^\n"), std::string::npos) << text;  // 2 + 9 spaces
}

TEST(Errors, SyntaxErrorOnSecondLine) {
  std::string q = "MATCH (n)\nRETURN n.name AS";
  QueryError e = ErrorOf(q);
  EXPECT_EQ(e.kind, "SyntaxError");
  EXPECT_EQ(e.line, 2);
  std::string text = e.FormatWithCaret(q);
  EXPECT_NE(text.find("  RETURN n.name AS\n"), std::string::npos) << text;
}

TEST(Errors, UndefinedVariableHasItsPosition) {
  QueryError e = ErrorOf("MATCH (a) RETURN b");
  EXPECT_EQ(e.kind, "SyntaxError");
  EXPECT_EQ(e.detail, "UndefinedVariable");
  EXPECT_EQ(e.line, 1);
  EXPECT_EQ(e.column, 18);
}

TEST(Errors, WrongLiteralOperandTypesAreCompileTimeErrors) {
  for (const char* q : {"RETURN NOT 0", "RETURN NOT 'true'", "RETURN NOT []", "RETURN NOT {a: true}",
                        "RETURN -'a'", "RETURN 1 AND true", "RETURN 1 IN 2", "MATCH (n) RETURN length(n)",
                        "MATCH ()-[r]->() RETURN length(r)", "MATCH p = ()-[*]->() WHERE p.name = 'x' RETURN p"}) {
    QueryError e = ErrorOf(q);
    EXPECT_EQ(e.kind, "SyntaxError") << q;
    EXPECT_EQ(e.detail, "InvalidArgumentType") << q;
    EXPECT_GT(e.column, 0) << q;
  }
  // Booleans, null and values only known at run time still bind.
  for (const char* q : {"RETURN NOT true, NOT null", "UNWIND [1] AS x RETURN NOT x", "RETURN -1, -(1.5)",
                        "WITH {num: 1} AS m RETURN m.num"})
    EXPECT_TRUE(Check(q).ok()) << q;
  // A WITH alias of a literal keeps the literal's type.
  QueryError e = ErrorOf("WITH 1 AS x RETURN x.num");
  EXPECT_EQ(e.kind, "TypeError");
  EXPECT_EQ(e.detail, "InvalidArgumentType");
  EXPECT_EQ(ErrorOf("WITH 1 AS x RETURN NOT x").detail, "InvalidArgumentType");
}

TEST(Errors, SyntaxErrorDetailsTheTckNames) {
  EXPECT_EQ(ErrorOf("RETURN 9223372h54775808").detail, "InvalidNumberLiteral");
  EXPECT_EQ(ErrorOf("RETURN 0x").detail, "InvalidNumberLiteral");
  EXPECT_EQ(ErrorOf("RETURN 42 \u2014 41").detail, "InvalidUnicodeCharacter");
  EXPECT_EQ(ErrorOf("MATCH (a)-[:LIKES..]->(c) RETURN a").detail, "InvalidRelationshipPattern");
  EXPECT_EQ(ErrorOf("MATCH (a) RETURN a ORDER BY").detail, "UnexpectedSyntax");
  EXPECT_EQ(ErrorOf("RETURN 1 UNION RETURN 1 UNION ALL RETURN 1").detail, "InvalidClauseComposition");
  EXPECT_EQ(ErrorOf("MATCH p = (p)-->() RETURN p").detail, "VariableAlreadyBound");
  EXPECT_EQ(ErrorOf("MATCH (n) DELETE n:Person").detail, "InvalidDelete");
  EXPECT_EQ(ErrorOf("MERGE (n $props) RETURN n").detail, "InvalidParameterUse");
  QueryError call = ErrorOf("CALL db.labels()");
  EXPECT_EQ(call.kind, "ProcedureError");
  EXPECT_EQ(call.detail, "ProcedureNotFound");
}

TEST(Errors, InvalidUtf8IsASyntaxErrorWithItsColumn) {
  QueryError e = ErrorOf("RETURN 'é\xff'");
  EXPECT_EQ(e.detail, "InvalidUnicodeCharacter");
  EXPECT_EQ(e.column, 10);  // code points: R-E-T-U-R-N-space-'-é then the bad byte
}

TEST(Errors, SemanticDetails) {
  EXPECT_EQ(ErrorOf("MATCH (a) UNWIND [1] AS a RETURN a").detail, "VariableAlreadyBound");
  EXPECT_EQ(ErrorOf("WITH 1 AS x MATCH (x) RETURN x").detail, "VariableTypeConflict");
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE count(a) > 1 RETURN a").detail, "InvalidAggregation");
  EXPECT_EQ(ErrorOf("RETURN count(count(1))").detail, "NestedAggregation");
  EXPECT_EQ(ErrorOf("MATCH (a) WITH a.name RETURN 1").detail, "NoExpressionAlias");
  EXPECT_EQ(ErrorOf("RETURN 1 AS a, 2 AS a").detail, "ColumnNameConflict");
  EXPECT_EQ(ErrorOf("RETURN nosuchfn(1)").detail, "UnknownFunction");
  EXPECT_EQ(ErrorOf("RETURN size(1, 2)").detail, "InvalidNumberOfArguments");
  EXPECT_EQ(ErrorOf("CREATE (a)-[:T|U]->(b)").detail, "NoSingleRelationshipType");
  EXPECT_EQ(ErrorOf("CREATE (a)-[:T]-(b)").detail, "RequiresDirectedRelationship");
  EXPECT_EQ(ErrorOf("RETURN 9223372036854775808").detail, "IntegerOverflow");
  EXPECT_EQ(ErrorOf("MATCH (a) RETURN a.x, a.y + count(*)").detail,
            "AmbiguousAggregationExpression");
}

TEST(Errors, ValidQueriesBind) {
  for (const char* q : {
           "MATCH (a {name: 'Vladimir Putin'})-[r]->(b) RETURN type(r), b.name, sources(r) "
           "ORDER BY sources(r) DESC",
           "MATCH p = shortestPath((a {name: 'x'})-[*..5]-(b {name: 'y'})) RETURN p",
           "UNWIND range(1, 3) AS x WITH x WHERE x > 1 RETURN collect(x)",
           "RETURN -9223372036854775808 AS min",
           "EXPLAIN MATCH (n:Person) RETURN n",
       }) {
    QueryOutcome r = Check(q);
    EXPECT_TRUE(r.ok()) << q << ": " << (r.ok() ? "" : r.error().FormatWithCaret(q));
  }
}

TEST(Errors, GarbageNeverCrashes) {
  // Random mutations of valid queries: every outcome is ok() or a typed error.
  const std::vector<std::string> seeds = {
      "MATCH (a:A {name: 'x'})-[r:T*1..3]->(b) WHERE a.x > 1 RETURN a, count(*) ORDER BY a.x LIMIT 3",
      "UNWIND [1, 2, {a: [3]}] AS x RETURN [y IN range(0, 5) WHERE y % 2 = 0 | y ^ 2], x.a[0..1]",
      "RETURN CASE WHEN 1 < 2 THEN 'a' ELSE 'b' END, any(x IN [1] WHERE x = 1), $p",
  };
  std::mt19937 rng(42);
  const std::string alphabet = "()[]{}<>-:,.'\"`$*|=+%^ \nabcMATCHRETURN0123456789";
  int errors = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string q = seeds[static_cast<size_t>(i) % seeds.size()];
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < edits && !q.empty(); ++k) {
      size_t pos = rng() % q.size();
      switch (rng() % 3) {
        case 0: q.erase(pos, 1 + rng() % 3); break;
        case 1: q.insert(pos, 1, alphabet[rng() % alphabet.size()]); break;
        default: q[pos] = alphabet[rng() % alphabet.size()]; break;
      }
    }
    QueryOutcome r = Check(q);
    if (!r.ok()) {
      ++errors;
      EXPECT_FALSE(r.error().kind.empty()) << q;
      EXPECT_NE(r.error().kind, "InternalError") << q << ": " << r.error().message;
    }
  }
  EXPECT_GT(errors, 1000);  // most mutations are rejected, none crash
}

TEST(Errors, InvalidUtf8IsASyntaxErrorWithPosition) {
  // Found by the fuzz target: bytes that are not UTF-8 made ANTLR throw.
  QueryError e = ErrorOf("RETURN 'a\xff'");
  EXPECT_EQ(e.kind, "SyntaxError");
  EXPECT_EQ(e.detail, "InvalidUnicodeCharacter");
  EXPECT_EQ(e.line, 1);
  EXPECT_EQ(e.column, 10);
  EXPECT_TRUE(Check("RETURN 'Żółć ü'").ok());
}

TEST(Errors, DeepNestingIsRejectedNotAStackOverflow) {
  auto kind_of = [](const std::string& q) {
    QueryOutcome r = Check(q);
    return r.ok() ? std::string("ok") : r.error().kind;
  };
  EXPECT_EQ(kind_of("RETURN " + std::string(100000, '(') + "1" + std::string(100000, ')')), "SyntaxError");
  EXPECT_EQ(kind_of("RETURN " + std::string(100000, '[') + std::string(100000, ']')), "SyntaxError");
  std::string chain = "RETURN 1", nots = "RETURN ", negs = "RETURN ";
  for (int i = 0; i < 200000; ++i) {
    chain += "+1";
    nots += "NOT ";
    negs += "- ";
  }
  EXPECT_EQ(kind_of(chain), "SyntaxError");
  EXPECT_EQ(kind_of(nots + "true"), "SyntaxError");
  EXPECT_EQ(kind_of(negs + "1"), "SyntaxError");
  EXPECT_EQ(kind_of("RETURN " + std::string(50, '(') + "1" + std::string(50, ')')), "ok");
}

TEST(Errors, ParameterValuesParseAsLiterals) {
  EXPECT_EQ(ParseParameterValue("42"), Value::Int(42));
  EXPECT_EQ(ParseParameterValue("-1.5"), Value::Float(-1.5));
  EXPECT_EQ(ParseParameterValue("'x'"), Value::String("x"));
  EXPECT_EQ(ParseParameterValue("[1, 'a']"), Value::List({Value::Int(1), Value::String("a")}));
  EXPECT_EQ(ParseParameterValue("Vladimir Putin"), Value::String("Vladimir Putin"));
  EXPECT_EQ(ParseParameterValue("{a: true}").ToString(), "{a: true}");
}

}  // namespace
}  // namespace kg::query_lang
