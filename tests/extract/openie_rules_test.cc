// Open IE rules on gold UD parses: hand-made parses of seed sentences
// (tests/extract/data) and sentences of UD English EWT dev.
#include <gtest/gtest.h>

#include "extract/openie.h"
#include "extract/openie_extractor.h"
#include "extract/relation_normalizer.h"
#include "tests/extract/test_util.h"

namespace kg::extract {
namespace {

using testing::DataDir;
using testing::FindRelation;
using testing::FindText;

class SeedParses : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::vector<ConlluSentence>> r = ReadConlluFile(DataDir() + "/seed_sentences.conllu");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    sentences_ = std::move(*r);
  }
  std::vector<OpenIeTuple> Tuples(const std::string& text) {
    const ConlluSentence* s = FindText(sentences_, text);
    EXPECT_NE(s, nullptr) << text;
    return s ? ExtractTuples(s->sentence) : std::vector<OpenIeTuple>{};
  }
  const Sentence& Parse(const std::string& text) { return FindText(sentences_, text)->sentence; }
  std::vector<ConlluSentence> sentences_;
};

TEST_F(SeedParses, ParticleVerbWithAttributionAndTime) {
  const std::string text =
      "U.S. officials have said Russia separately tipped off the FBI and the CIA in 2011 with "
      "concerns.";
  std::vector<OpenIeTuple> tuples = Tuples(text);
  const OpenIeTuple* t = FindRelation(tuples, "separately tipped off");
  ASSERT_NE(t, nullptr);
  const Sentence& s = Parse(text);
  EXPECT_EQ(t->relation_lemma, "tip_off");
  EXPECT_EQ(JoinForms(s, t->subject.tokens), "Russia");
  ASSERT_GE(t->objects.size(), 2u);
  EXPECT_EQ(JoinForms(s, t->objects[0].tokens), "the FBI and the CIA");
  EXPECT_EQ(t->objects[1].role, "time");
  EXPECT_EQ(JoinForms(s, t->objects[1].tokens), "in 2011");
  EXPECT_EQ(JoinForms(s, t->attribution), "U.S. officials");
  EXPECT_FALSE(t->negated);
}

TEST_F(SeedParses, PassiveWithAgent) {
  std::vector<OpenIeTuple> tuples = Tuples("Tamerlan was shot dead by police.");
  const OpenIeTuple* t = FindRelation(tuples, "was shot dead by");
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->passive);
  ASSERT_EQ(t->agent, 0);
  EXPECT_EQ(StripAgentMarker(t->relation_lemma), "shoot_dead");
}

TEST_F(SeedParses, XcompChainAndTrailingSayer) {
  const std::string text =
      "PRESIDENTS Vladimir Putin and Barack Obama agreed today to maintain close contacts, the "
      "Kremlin said.";
  std::vector<OpenIeTuple> tuples = Tuples(text);
  const OpenIeTuple* t = FindRelation(tuples, "agreed to maintain");
  ASSERT_NE(t, nullptr);
  const Sentence& s = Parse(text);
  EXPECT_EQ(JoinForms(s, t->objects[0].tokens), "close contacts");
  EXPECT_EQ(JoinForms(s, t->attribution), "the Kremlin");
  // The attribution is a flag, never words of an argument.
  for (const OpenIeArgument& a : t->objects)
    EXPECT_EQ(JoinForms(s, a.tokens).find("Kremlin"), std::string::npos);
}

TEST_F(SeedParses, NegationIsAFlag) {
  const std::string text =
      "The Federal Bureau of Investigation (FBI) said that it did not find any terrorism "
      "activity.";
  std::vector<OpenIeTuple> tuples = Tuples(text);
  const OpenIeTuple* t = FindRelation(tuples, "did not find");
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->negated);
  EXPECT_EQ(t->relation_lemma, "find");
  EXPECT_FALSE(t->attribution.empty());
}

TEST_F(SeedParses, RelativeClauseObjectIsTheAntecedent) {
  const std::string text = "Security for the 2014 Olympics that Russia is hosting in Sochi matters.";
  std::vector<OpenIeTuple> tuples = Tuples(text);
  const OpenIeTuple* t = FindRelation(tuples, "is hosting");
  ASSERT_NE(t, nullptr);
  const Sentence& s = Parse(text);
  EXPECT_EQ(JoinForms(s, t->subject.tokens), "Russia");
  EXPECT_EQ(JoinForms(s, t->objects[0].tokens), "the 2014 Olympics");
  ASSERT_GE(t->objects.size(), 2u);
  EXPECT_EQ(t->objects[1].role, "place");
}

TEST(OpenIeRules, BadTreesGiveNoTuplesNotACrash) {
  Sentence s;
  for (int i = 0; i < 3; ++i) {
    Token t;
    t.form = "x";
    t.upos = "VERB";
    t.lemma = "x";
    t.deprel = "nsubj";
    t.head = (i + 1) % 3;  // a cycle
    s.tokens.push_back(t);
  }
  EXPECT_TRUE(ExtractTuples(s).empty());
  s.tokens[0].head = 17;  // out of range
  EXPECT_TRUE(ExtractTuples(s).empty());
  EXPECT_TRUE(ExtractTuples(Sentence{}).empty());
}

TEST(OpenIeRules, EwtDevGoldParses) {
  std::string dir = KG_SHARED_DATA_OR_SKIP("ud-ewt");
  Result<std::vector<ConlluSentence>> r = ReadConlluFile(dir + "/en_ewt-ud-dev.conllu");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  {
    const ConlluSentence* s = FindText(*r, "Yet we didn't charge them for the evacuation.");
    ASSERT_NE(s, nullptr);
    std::vector<OpenIeTuple> tuples = ExtractTuples(s->sentence);
    const OpenIeTuple* t = FindRelation(tuples, "did n't charge");
    ASSERT_NE(t, nullptr);
    EXPECT_TRUE(t->negated);
    EXPECT_EQ(t->relation_lemma, "charge");
    EXPECT_EQ(JoinForms(s->sentence, t->objects[0].tokens), "them");
  }
  {
    const ConlluSentence* s = FindText(*r, "I ran across this item on the Internet.");
    ASSERT_NE(s, nullptr);
    std::vector<OpenIeTuple> tuples = ExtractTuples(s->sentence);
    const OpenIeTuple* t = FindRelation(tuples, "ran across");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->relation_lemma, "run_across");
    EXPECT_EQ(JoinForms(s->sentence, t->objects[0].tokens), "this item");
  }
  // Over the whole dev set: tuples for most sentences, confidences in [0, 1],
  // every argument non-empty.
  size_t with_tuples = 0, total = 0;
  for (const ConlluSentence& s : *r) {
    std::vector<OpenIeTuple> tuples = ExtractTuples(s.sentence);
    if (!tuples.empty()) ++with_tuples;
    for (const OpenIeTuple& t : tuples) {
      ++total;
      EXPECT_GE(t.confidence, 0.0);
      EXPECT_LE(t.confidence, 1.0);
      EXPECT_FALSE(t.subject.tokens.empty());
      for (const OpenIeArgument& a : t.objects) EXPECT_FALSE(a.tokens.empty());
    }
  }
  EXPECT_GT(with_tuples, r->size() / 2);
  EXPECT_GT(total, r->size());
}

}  // namespace
}  // namespace kg::extract
