// Lemmatizer: WordNet exceptions and rules, closed-class words, unknown words.
#include "extract/lemmatizer.h"

#include <gtest/gtest.h>

#include "tests/shared_data.h"

namespace kg::extract {
namespace {

class LemmatizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto l = Lemmatizer::Load("");
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    lem_ = std::move(*l);
  }
  std::unique_ptr<Lemmatizer> lem_;
};

TEST_F(LemmatizerTest, WordNetExceptionsAndRules) {
  EXPECT_EQ(lem_->Lemma("was", "AUX", "VBD"), "be");
  EXPECT_EQ(lem_->Lemma("went", "VERB", "VBD"), "go");         // verb.exc
  EXPECT_EQ(lem_->Lemma("children", "NOUN", "NNS"), "child");  // noun.exc
  EXPECT_EQ(lem_->Lemma("bombings", "NOUN", "NNS"), "bombing");
  EXPECT_EQ(lem_->Lemma("agencies", "NOUN", "NNS"), "agency");
  EXPECT_EQ(lem_->Lemma("tipped", "VERB", "VBD"), "tip");
  EXPECT_EQ(lem_->Lemma("hosting", "VERB", "VBG"), "host");
  EXPECT_EQ(lem_->Lemma("making", "VERB", "VBG"), "make");
  EXPECT_EQ(lem_->Lemma("better", "ADJ", "JJR"), "good");  // adj.exc
  EXPECT_EQ(lem_->Lemma("closer", "ADJ", "JJR"), "close");
  // Verbs WordNet does not know: the "e" their ending took comes back.
  EXPECT_EQ(lem_->Lemma("curated", "VERB", "VBD"), "curate");
  EXPECT_EQ(lem_->Lemma("livestreamed", "VERB", "VBD"), "livestream");
  EXPECT_EQ(lem_->Lemma("geotagged", "VERB", "VBN"), "geotag");
  // Nouns in "-ies" that are their own lemma: "species", not "specie".
  EXPECT_EQ(lem_->Lemma("species", "NOUN", "NNS"), "species");
  EXPECT_EQ(lem_->Lemma("allies", "NOUN", "NNS"), "ally");
}

TEST_F(LemmatizerTest, ClosedClassAndCase) {
  EXPECT_EQ(lem_->Lemma("n't", "PART", "RB"), "not");
  EXPECT_EQ(lem_->Lemma("'s", "PART", "POS"), "'s");
  EXPECT_EQ(lem_->Lemma("\xE2\x80\x99s", "PART", "POS"), "'s");
  EXPECT_EQ(lem_->Lemma("'s", "AUX", "VBZ"), "be");
  EXPECT_EQ(lem_->Lemma("ca", "AUX", "MD"), "can");
  EXPECT_EQ(lem_->Lemma("him", "PRON", "PRP"), "he");
  EXPECT_EQ(lem_->Lemma("The", "DET", "DT"), "the");
  EXPECT_EQ(lem_->Lemma("Putin", "PROPN", "NNP"), "Putin");
  EXPECT_EQ(lem_->Lemma("Americans", "PROPN", "NNPS"), "American");
}

TEST_F(LemmatizerTest, UnknownWordsUseSuffixRules) {
  EXPECT_EQ(lem_->Lemma("blorfed", "VERB", "VBD"), "blorf");
  EXPECT_EQ(lem_->Lemma("blopping", "VERB", "VBG"), "blop");
  EXPECT_EQ(lem_->Lemma("glarbies", "NOUN", "NNS"), "glarby");
  EXPECT_EQ(lem_->Lemma("quorbs", "NOUN", "NNS"), "quorb");
}

TEST(Lemmatizer, MissingWordNetIsNotFound) {
  auto l = Lemmatizer::Load("/nonexistent/wordnet");
  ASSERT_FALSE(l.ok());
  EXPECT_TRUE(l.status().IsNotFound());
  EXPECT_NE(l.status().message().find("noun.exc"), std::string::npos);
}

}  // namespace
}  // namespace kg::extract
