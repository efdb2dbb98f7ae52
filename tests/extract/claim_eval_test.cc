// The hand-read claim scorer (extract/claim_eval.h) on made-up extractions,
// and `kg eval claims` on the news sample's hand-read articles.
#include "extract/claim_eval.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/extract/test_util.h"

namespace kg::extract {
namespace {

// (One file per test: ctest runs the tests of this suite side by side.)
std::string WriteGold(const std::string& rows) {
  std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::string path = ::testing::TempDir() + "/claim_eval_gold_" + test + ".tsv";
  std::ofstream(path) << "# kind, title, subject, relation words, object\n" << rows;
  return path;
}

// One article: Kerry (0), Thailand (1), the value "Thailand's foreign
// minister" (2) that mentions Thailand, Malaysia (3), Indonesia (4).
Extraction Article() {
  Extraction x;
  x.document.title = "Asylum";
  auto entity = [&](const std::string& name, EntityType type, const std::string& surface) {
    Entity e;
    e.name = name;
    e.type = type;
    e.mentions.push_back(Mention{0, {}, surface});
    x.entities.push_back(e);
  };
  entity("John Kerry", EntityType::kPerson, "Kerry");
  entity("Thailand", EntityType::kPlace, "Thailand");
  entity("Thailand's foreign minister", EntityType::kValue, "Thailand's foreign minister");
  entity("Malaysia", EntityType::kPlace, "Malaysia");
  entity("Indonesia", EntityType::kPlace, "Indonesia");
  auto claim = [&](int s, const std::string& relation, int o) {
    Claim c;
    c.subject = s;
    c.object = o;
    c.relation = relation;
    c.relation_lemma = relation;
    x.claims.push_back(c);
  };
  claim(0, "contact", 2);      // Kerry contacted Thailand's foreign minister
  claim(2, "mentions", 1);     // ... which mentions Thailand
  claim(3, "exchange_fire_with", 4);
  claim(3, "face", 4);         // not in the gold
  return x;
}

TEST(ClaimEval, ValuesStandForTheEntitiesTheyMentionAndTildeAcceptsEitherWay) {
  std::string path = WriteGold(
      "gold\tAsylum\tkerry\tcontact|call\tThailand\n"
      "gold\tAsylum\tIndonesia\t~exchange\tMalaysia\n"
      "gold\tAsylum\tMalaysia\tcriticise\tIndonesia\n"
      "gold\tAnother article\tX\tsay\tY\n");
  Result<std::vector<GoldClaim>> gold = ReadGoldClaims(path);
  ASSERT_TRUE(gold.ok()) << gold.status().message();
  ClaimScores scores;
  ScoreClaims(Article(), *gold, &scores);
  EXPECT_EQ(scores.articles, 1);
  EXPECT_EQ(scores.gold, 3);       // the other article's claim is not counted
  EXPECT_EQ(scores.found, 2);      // contact (through the value), exchange (reversed)
  EXPECT_EQ(scores.extracted, 3);  // mentions claims are links, not claims
  EXPECT_EQ(scores.correct, 2);
  ASSERT_EQ(scores.wrong.size(), 1u);
  EXPECT_EQ(scores.wrong[0], "Asylum: Malaysia -face-> Indonesia");
  ASSERT_EQ(scores.missed.size(), 1u);
  EXPECT_NE(scores.missed[0].find("criticise"), std::string::npos);
}

TEST(ClaimEval, AlsoLinesMakeAClaimCorrectWithoutCountingForRecall) {
  std::string path = WriteGold("also\tAsylum\tMalaysia\tface\tIndonesia\n");
  Result<std::vector<GoldClaim>> gold = ReadGoldClaims(path);
  ASSERT_TRUE(gold.ok());
  ClaimScores scores;
  ScoreClaims(Article(), *gold, &scores);
  EXPECT_EQ(scores.gold, 0);
  EXPECT_EQ(scores.correct, 1);
}

TEST(ClaimEval, BadGoldLinesAreNamedByFileAndLine) {
  std::string path = WriteGold("gold\tAsylum\tKerry\tcontact\n");
  Result<std::vector<GoldClaim>> gold = ReadGoldClaims(path);
  ASSERT_FALSE(gold.ok());
  EXPECT_NE(gold.status().message().find(".tsv:2: expected 5"), std::string::npos)
      << gold.status().message();
  path = WriteGold("maybe\tAsylum\tKerry\tcontact\tThailand\n");
  gold = ReadGoldClaims(path);
  ASSERT_FALSE(gold.ok());
  EXPECT_NE(gold.status().message().find("kind must be gold or also"), std::string::npos);
}

nlohmann::json EvalClaims(const std::string& gold_file, const std::string& articles) {
  int status = 0;
  // Only stdout, the JSON: the command's stderr is left out.
  std::string out = testing::RunShell("(" + ::kg::testing::KgBinary() + " eval claims --format json --gold " +
                                          testing::DataDir() + "/" + gold_file + " " + articles +
                                          " 2>/dev/null)",
                                      &status);
  EXPECT_EQ(status, 0) << out;
  return nlohmann::json::parse(out, nullptr, false);
}

// What a gold set must keep: its size, and the floors reached so far.
struct Floors {
  int articles;
  int gold;
  int found;         // at least this many gold claims found
  double precision;  // and at least this precision, in percent
};

// `articles`: the JSON Lines file the gold set's articles are in. A
// failure prints the headline figures only, never the missed or wrong
// claims: the blind sets must stay unread (`kg eval claims` lists them for
// the sets one may read).
void ExpectNoFallBelow(const std::string& gold_file, const std::string& articles, const Floors& floors) {
  nlohmann::json j = EvalClaims(gold_file, articles);
  ASSERT_FALSE(j.is_discarded()) << gold_file;
  nlohmann::json headline;
  for (const char* key :
       {"articles", "gold", "found", "extracted", "correct", "recall", "precision", "f1"})
    if (j.contains(key)) headline[key] = j[key];
  EXPECT_EQ(j["articles"].get<int>(), floors.articles) << gold_file;
  EXPECT_EQ(j["gold"].get<int>(), floors.gold) << gold_file;
  EXPECT_GE(j["found"].get<int>(), floors.found) << gold_file << " " << headline.dump();
  EXPECT_GE(j["precision"].get<double>(), floors.precision) << gold_file << " " << headline.dump();
}

// Issue 10 asks, on held-out news read by hand, recall >= 50% and precision
// >= 60% for claims between named entities. On these three articles kg
// finds 18 of 26 claims (69%) at 77% precision, but this set's gold was
// seen while working, so it is no longer blind: the target is judged on
// the blind sets 3 and 4 below, where recall is NOT MET. These floors keep
// what was reached from falling; raise them as it rises.
TEST(NewsClaims, HeldOutArticlesDoNotFallBelowWhatWasReached) {
  std::string news = KG_SHARED_DATA_OR_SKIP("news-sample");
  ExpectNoFallBelow("news_claims_test.tsv", news + "/wikinews_gum_news.jsonl", {3, 26, 18, 60.0});
}

TEST(NewsClaims, DevelopmentArticlesDoNotFallBelowWhatWasReached) {
  std::string news = KG_SHARED_DATA_OR_SKIP("news-sample");
  ExpectNoFallBelow("news_claims_dev.tsv", news + "/wikinews_gum_news.jsonl", {6, 43, 24, 60.0});
}

// A second annotator read eight more articles without looking at kg's
// output, listing every claim between named entities the text states (so
// many more per article than the first sets: the Hong Kong election
// article alone has 101). Four were held out (test2), four tuned on (dev2);
// since 2026-12-07 test2 is tuned on too. Floors at what was reached; the
// issue's 50% recall / 60% precision are not met on these exhaustive sets.
TEST(NewsClaims, SecondAnnotatorHeldOutArticlesDoNotFall) {
  std::string news = KG_SHARED_DATA_OR_SKIP("news-sample");
  ExpectNoFallBelow("news_claims_test2.tsv", news + "/wikinews_gum_news.jsonl", {4, 181, 95, 60.0});
}

TEST(NewsClaims, SecondAnnotatorDevelopmentArticlesDoNotFall) {
  std::string news = KG_SHARED_DATA_OR_SKIP("news-sample");
  ExpectNoFallBelow("news_claims_dev2.tsv", news + "/wikinews_gum_news.jsonl", {4, 213, 92, 65.0});
}

// Test set 3: the seven articles no one had annotated, read by a helper who
// never ran kg on them, and never tuned on (only the headline figures were
// looked at). The target is far from met here: kg finds 15 of 98
// claims (15%) at 62% precision (10 at 47% before this set was written);
// most misses name an entity kg puts in no claim. A floor, not the target.
TEST(NewsClaims, BlindThirdSetDoesNotFall) {
  std::string news = KG_SHARED_DATA_OR_SKIP("news-sample");
  ExpectNoFallBelow("news_claims_test3.tsv", news + "/wikinews_gum_news.jsonl", {7, 98, 15, 60.0});
}

// Test set 4: six Wikinews interviews from GUM (the articles are in
// data/interviews_test4.jsonl, so this set needs nothing from ../shared),
// annotated by a helper who never ran kg and never saw its output; only
// the headline figures were looked at (and, once, one claim kg gives on
// them, through a diff over all GUM texts, which hold these interviews
// too: Chomsky -be-> "one of the first opponents of the Vietnam War").
// Far from the target too: 26 of 108 claims (24%) at 45% precision,
// against 15 (14%) at 33% when the set was written (ff81546). A floor,
// not the target.
TEST(NewsClaims, BlindFourthSetDoesNotFall) {
  ExpectNoFallBelow("news_claims_test4.tsv", testing::DataDir() + "/interviews_test4.jsonl",
                    {6, 108, 26, 44.0});
}

}  // namespace
}  // namespace kg::extract
