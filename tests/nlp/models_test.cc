// The committed models: they load, their dev accuracy is what models/
// scores.json recorded (within 0.2), and their trees are well formed.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "extract/conllu.h"
#include "extract/parser.h"
#include "extract/pipeline.h"
#include "extract/tagger.h"
#include "tests/nlp/nlp_test_util.h"

namespace kg::extract {
namespace {

std::string ModelsDir() { return KG_TEST_MODELS_DIR; }

using testing::Nlp;

// Exactly one root, heads in range, no cycles.
void ExpectTree(const Sentence& s) {
  int n = static_cast<int>(s.tokens.size());
  int roots = 0;
  for (int i = 0; i < n; ++i) {
    const Token& t = s.tokens[i];
    ASSERT_GE(t.head, -1);
    ASSERT_LT(t.head, n);
    ASSERT_NE(t.head, i);
    roots += t.head == -1;
    EXPECT_EQ(t.head == -1, t.deprel == "root") << t.form << " " << t.deprel;
    EXPECT_FALSE(t.upos.empty());
    EXPECT_FALSE(t.xpos.empty());
    EXPECT_FALSE(t.lemma.empty());
    int h = i, steps = 0;
    while (h != -1 && steps <= n) {
      h = s.tokens[h].head;
      ++steps;
    }
    ASSERT_EQ(h, -1) << "cycle through token " << i;
  }
  EXPECT_EQ(roots, 1);
}

TEST(Models, LoadAndCarryAFormatVersion) {
  auto tagger = Tagger::Load(ModelsDir() + "/tagger.kgm");
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  auto parser = DependencyParser::Load(ModelsDir() + "/parser.kgm");
  ASSERT_TRUE(parser.ok()) << parser.status().ToString();
  // A model of the wrong kind is refused with a clear message.
  auto wrong = Tagger::Load(ModelsDir() + "/parser.kgm");
  ASSERT_FALSE(wrong.ok());
  EXPECT_TRUE(wrong.status().IsCorruption());
  EXPECT_NE(wrong.status().message().find("parser"), std::string::npos);
  EXPECT_TRUE(Pipeline::Load("/nonexistent/models").status().IsNotFound());
}

TEST(Models, SeedArticlesGetWellFormedTrees) {
  for (const char* name : {"000_63cd26496f3a4c4e.txt", "002_a52160434a679462.txt",
                           "003_49e40aad576272d5.txt", "004_280693412e3c9b05.txt"}) {
    std::string text = ::kg::testing::ReadSeed(name);
    std::vector<Sentence> ss = Nlp().Analyze(text);
    ASSERT_GT(ss.size(), 5u) << name;
    for (const Sentence& s : ss) ExpectTree(s);
  }
  std::string text = ::kg::testing::ReadSeed("000_63cd26496f3a4c4e.txt");
  std::vector<Sentence> ss = Nlp().Analyze(text);
  Sentence s = ::kg::testing::FindSentence(ss, text, "U.S. officials have said Russia");
  ASSERT_FALSE(s.tokens.empty());
  // Parts of the tree the parser gets right (see models/README.md for its
  // accuracy): subject, conjunction, flat name, lemmas and tags.
  auto index = [&](const std::string& form) {
    for (size_t i = 0; i < s.tokens.size(); ++i) {
      if (s.tokens[i].form == form) return static_cast<int>(i);
    }
    return -1;
  };
  int said = index("said"), tipped = index("tipped"), fbi = index("FBI");
  ASSERT_GE(said, 0);
  ASSERT_GE(tipped, 0);
  ASSERT_GE(fbi, 0);
  EXPECT_EQ(s.tokens[said].head, -1);
  EXPECT_EQ(s.tokens[index("officials")].head, said);
  EXPECT_EQ(s.tokens[index("officials")].deprel, "nsubj");
  EXPECT_EQ(s.tokens[index("CIA")].head, fbi);
  EXPECT_EQ(s.tokens[index("CIA")].deprel, "conj");
  EXPECT_EQ(s.tokens[index("Russia")].head, tipped);
  EXPECT_EQ(s.tokens[tipped].head, said);
  EXPECT_EQ(s.tokens[index("concerns")].head, tipped);
  EXPECT_EQ(s.tokens[index("Tamerlan")].head, index("Islamist"));
  // Not asserted: "Tsarnaev" (flat on "Tamerlan" in UD). The right-to-left
  // parser is surer it heads the name, and the combined tree gets it wrong.
  EXPECT_EQ(s.tokens[index("2011")].head, tipped);
  EXPECT_EQ(s.tokens[tipped].lemma, "tip");
  EXPECT_EQ(s.tokens[said].lemma, "say");
  EXPECT_EQ(s.tokens[index("officials")].upos, "NOUN");
}

TEST(Models, BulletsHangOnTheItemsRoot) {
  std::vector<Sentence> ss = Nlp().Analyze("\xE2\x80\xA2 Government ready to act against market abuse");
  ASSERT_EQ(ss.size(), 1u);
  const Sentence& s = ss[0];
  ExpectTree(s);
  EXPECT_EQ(s.tokens[0].deprel, "punct");
  EXPECT_EQ(s.tokens[0].upos, "PUNCT");
  ASSERT_GE(s.tokens[0].head, 1);
  EXPECT_EQ(s.tokens[s.tokens[0].head].head, -1);
}

TEST(Models, PreTokenizedSentences) {
  Sentence s = Nlp().AnalyzeTokens({"Putin", "called", "Obama", "on", "Saturday", "."});
  ASSERT_EQ(s.tokens.size(), 6u);
  ExpectTree(s);
  EXPECT_EQ(s.tokens[1].head, -1);
  EXPECT_EQ(s.tokens[0].deprel, "nsubj");
  EXPECT_EQ(s.tokens[2].deprel, "obj");
  EXPECT_EQ(s.tokens[2].span.begin, 13u);
}

TEST(Models, DevAccuracyMatchesRecordedScores) {
  std::string dir = KG_SHARED_DATA_OR_SKIP("ud-ewt");
  std::ifstream in(ModelsDir() + "/scores.json");
  ASSERT_TRUE(in) << "models/scores.json missing";
  nlohmann::json recorded = nlohmann::json::parse(in, nullptr, false);
  ASSERT_FALSE(recorded.is_discarded());
  const auto& gold_rec = recorded["gold_tokenization"];
  auto doc = ReadConlluFile(dir + "/en_ewt-ud-dev.conllu");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  size_t n = 0, upos = 0, xpos = 0, uas = 0, las = 0;
  for (const ConlluSentence& cs : *doc) {
    Sentence s;
    for (const Token& g : cs.sentence.tokens) {
      Token t;
      t.form = g.form;
      s.tokens.push_back(t);
    }
    Nlp().AnalyzeInPlace(s);
    for (size_t i = 0; i < s.tokens.size(); ++i) {
      const Token& g = cs.sentence.tokens[i];
      ++n;
      upos += s.tokens[i].upos == g.upos;
      xpos += s.tokens[i].xpos == g.xpos;
      uas += s.tokens[i].head == g.head;
      las += s.tokens[i].head == g.head && s.tokens[i].deprel == g.deprel;
    }
  }
  ASSERT_EQ(n, 25147u);
  EXPECT_NEAR(100.0 * upos / n, gold_rec["upos"].get<double>(), 0.2);
  EXPECT_NEAR(100.0 * xpos / n, gold_rec["xpos"].get<double>(), 0.2);
  EXPECT_NEAR(100.0 * uas / n, gold_rec["uas"].get<double>(), 0.2);
  EXPECT_NEAR(100.0 * las / n, gold_rec["las"].get<double>(), 0.2);
  // The UPOS target (UAS 85.0 / LAS 81.5 are not reached yet: see
  // models/README.md).
  EXPECT_GE(100.0 * upos / n, 94.5);
}

}  // namespace
}  // namespace kg::extract
