// CoNLL-U reading and writing: round trip, spans into "# text", multiword
// tokens, and errors naming file and line.
#include "extract/conllu.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/shared_data.h"

namespace kg::extract {
namespace {

const char* kBlock =
    "# sent_id = s1\n"
    "# text = I don't know.\n"
    "1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t4:nsubj\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n"
    "\n";

TEST(Conllu, ReadsWordsSpansAndComments) {
  auto doc = ParseConllu(kBlock, "mem");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_EQ(doc->size(), 1u);
  const ConlluSentence& cs = (*doc)[0];
  EXPECT_EQ(cs.sent_id, "s1");
  EXPECT_EQ(cs.text, "I don't know.");
  EXPECT_TRUE(cs.spans_in_text);
  const auto& t = cs.sentence.tokens;
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[1].form, "do");
  EXPECT_EQ(t[2].form, "n't");
  EXPECT_EQ(cs.text.substr(t[2].span.begin, t[2].span.size()), "n't");
  EXPECT_EQ(t[3].head, -1);
  EXPECT_EQ(t[0].head, 3);
  EXPECT_EQ(t[3].deprel, "root");
  EXPECT_FALSE(t[3].space_after);
  EXPECT_TRUE(t[0].space_after);
}

TEST(Conllu, WriteThenReadIsTheSame) {
  auto doc = ParseConllu(kBlock, "mem");
  ASSERT_TRUE(doc.ok());
  std::ostringstream out;
  WriteConllu((*doc)[0].sentence, (*doc)[0].text, "s1", out);
  auto again = ParseConllu(out.str(), "mem2");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_EQ(again->size(), 1u);
  const auto& a = (*doc)[0].sentence.tokens;
  const auto& b = (*again)[0].sentence.tokens;
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].form, b[i].form);
    EXPECT_EQ(a[i].lemma, b[i].lemma);
    EXPECT_EQ(a[i].upos, b[i].upos);
    EXPECT_EQ(a[i].xpos, b[i].xpos);
    EXPECT_EQ(a[i].head, b[i].head);
    EXPECT_EQ(a[i].deprel, b[i].deprel);
    EXPECT_EQ(a[i].space_after, b[i].space_after);
  }
}

TEST(Conllu, ErrorsNameFileAndLine) {
  std::string bad = std::string(kBlock) + "1\tx\tx\tX\tX\t_\tzz\tdep\t_\t_\n";
  auto doc = ParseConllu(bad, "bad.conllu");
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("bad.conllu:10:"), std::string::npos)
      << doc.status().message();
  auto fields = ParseConllu("1\tx\tx\n", "f.conllu");
  ASSERT_FALSE(fields.ok());
  EXPECT_NE(fields.status().message().find("f.conllu:1:"), std::string::npos);
  auto order = ParseConllu("2\tx\tx\tX\tX\t_\t0\troot\t_\t_\n", "o.conllu");
  ASSERT_FALSE(order.ok());
  auto beyond = ParseConllu("1\tx\tx\tX\tX\t_\t7\tdep\t_\t_\n\n", "h.conllu");
  ASSERT_FALSE(beyond.ok());
  EXPECT_NE(beyond.status().message().find("h.conllu:"), std::string::npos);
  EXPECT_TRUE(ReadConlluFile("/nonexistent/x.conllu").status().IsNotFound());
}

TEST(Conllu, ReadsAllOfEwtDev) {
  std::string dir = KG_SHARED_DATA_OR_SKIP("ud-ewt");
  auto doc = ReadConlluFile(dir + "/en_ewt-ud-dev.conllu");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->size(), 2001u);
  size_t words = 0, aligned = 0;
  for (const auto& cs : *doc) {
    words += cs.sentence.tokens.size();
    aligned += cs.spans_in_text;
    if (cs.spans_in_text) {
      for (const auto& t : cs.sentence.tokens) {
        ASSERT_EQ(cs.text.substr(t.span.begin, t.span.size()), t.form);
      }
    }
  }
  EXPECT_EQ(words, 25147u);
  EXPECT_GT(aligned, 1950u);  // nearly every sentence's words are found in its text
}

}  // namespace
}  // namespace kg::extract
