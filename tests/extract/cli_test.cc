// kg extract and kg eval carb, run as the built binary.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/extract/test_util.h"

namespace kg::extract {
namespace {

using testing::RunShell;

std::string Kg() { return ::kg::testing::KgBinary(); }

TEST(KgEvalCarb, ReproducesTheReferenceFigures) {
  std::string dir = KG_SHARED_DATA_OR_SKIP("carb-dev");
  int status = 0;
  std::string out = RunShell(Kg() + " eval carb --gold " + dir + "/gold/dev.tsv --predictions " + dir +
                            "/reference/openie5-dev.tab",
                        &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("AUC 0.240"), std::string::npos) << out;
  EXPECT_NE(out.find("F1 0.458"), std::string::npos) << out;
  EXPECT_NE(out.find("P 0.526"), std::string::npos) << out;
  EXPECT_NE(out.find("R 0.406"), std::string::npos) << out;
}

// kg eval coref on GUM dev. Issue 10 sets CoNLL F1 >= 60 over clusters of
// named entities (kg: 60.2 on dev, 62.2 on GUM train). The predictions file
// has the columns the issue names.
TEST(KgEvalCoref, GumDevScoresAndPredictionsFile) {
  std::string dir = KG_SHARED_DATA_OR_SKIP("gum/dev");
  std::string out_path = ::testing::TempDir() + "/kg_coref_predictions.tsv";
  int status = 0;
  std::string out = RunShell(Kg() + " eval coref --format json --conllu " + dir +
                                 " --predictions " + out_path, &status);
  ASSERT_EQ(status, 0) << out;
  nlohmann::json j = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << out;
  EXPECT_EQ(j["documents"].get<int>(), 12);
  EXPECT_EQ(j["gold_clusters"].get<int>(), 270);
  EXPECT_GE(j["conll_f1"].get<double>(), 60.0) << out;
  for (const char* metric : {"muc", "b3", "ceafe"}) {
    EXPECT_GT(j[metric]["precision"].get<double>(), 50) << metric;
    EXPECT_GT(j[metric]["recall"].get<double>(), 40) << metric;
  }
  std::ifstream in(out_path);
  std::string header, row;
  std::getline(in, header);
  EXPECT_EQ(header, "doc\tsent_id\tstart\tend\tcluster");
  ASSERT_TRUE(std::getline(in, row));
  int tabs = 0;
  for (char c : row) tabs += c == '\t';
  EXPECT_EQ(tabs, 4) << row;
  std::remove(out_path.c_str());
}

TEST(KgEvalCarb, BadInputGetsAClearError) {
  int status = 0;
  std::string out = RunShell(Kg() + " eval carb --gold /nonexistent/dev.tsv --predictions x", &status);
  EXPECT_EQ(status, 1);
  EXPECT_NE(out.find("/nonexistent/dev.tsv"), std::string::npos) << out;
  std::string bad = ::kg::testing::BinaryDir() + "/kg_extract_bad_pred.tab";
  std::string gold = ::kg::testing::BinaryDir() + "/kg_extract_gold.tsv";
  std::ofstream(bad) << "A b .\t0.5\tb\tA\nA b .\thigh\tb\tA\n";
  std::ofstream(gold) << "A b .\tb\tA\n";
  out = RunShell(Kg() + " eval carb --gold " + gold + " --predictions " + bad, &status);
  EXPECT_EQ(status, 1);
  EXPECT_NE(out.find("kg_extract_bad_pred.tab:2"), std::string::npos) << out;
  std::remove(bad.c_str());
  std::remove(gold.c_str());
}

TEST(KgExtract, CarbFormatUsesTheSentencesOwnTokens) {
  KG_PARSER_MODEL_OR_SKIP();
  std::string in = ::kg::testing::BinaryDir() + "/kg_extract_carb_in.txt";
  std::ofstream(in) << "Russian President Vladimir Putin called U.S. President Barack Obama on "
                       "Saturday .\n\nHe did n't tell the FBI .\n";
  int status = 0;
  std::string out = RunShell(Kg() + " extract --format carb " + in, &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("\tcalled\t"), std::string::npos) << out;
  EXPECT_NE(out.find("\tdid n't tell\t"), std::string::npos) << out;
  // Field 0 is the sentence exactly as given.
  EXPECT_EQ(out.rfind("Russian President Vladimir Putin called", 0), 0u) << out;
  std::remove(in.c_str());
}

TEST(KgExtract, JsonLinesInOneClaimPerLineOut) {
  KG_PARSER_MODEL_OR_SKIP();
  std::string in = ::kg::testing::BinaryDir() + "/kg_extract_in.jsonl";
  std::ofstream(in) << "{\"id\":\"d1\",\"text\":\"Russian President Vladimir Putin called U.S. "
                       "President Barack Obama on Saturday.\"}\n"
                       "not json\n"
                       "{\"id\":\"d2\",\"text\":\"Russia tipped off the FBI in 2011.\"}\n";
  int status = 0;
  std::string out = RunShell(Kg() + " extract --format jsonl " + in, &status);
  EXPECT_EQ(status, 3) << out;  // one bad record, the others done
  EXPECT_NE(out.find("kg_extract_in.jsonl:2"), std::string::npos) << out;
  EXPECT_NE(out.find("\"relation\":\"call\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"object\":\"Barack Obama\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"relation\":\"tip_off\""), std::string::npos) << out;
  std::remove(in.c_str());
}

TEST(KgExtract, BadFilesAreNamedAndSkipped) {
  KG_PARSER_MODEL_OR_SKIP();
  std::string bin = ::kg::testing::BinaryDir() + "/kg_extract_bad.txt";
  std::ofstream(bin, std::ios::binary) << std::string("\x00\x01\x02\xff\xfe", 5) << "x";
  int status = 0;
  std::string out = RunShell(Kg() + " extract " + bin + " /nonexistent/file.txt " +
                                 ::kg::testing::SeedsDir() + "/002_a52160434a679462.txt",
                             &status);
  EXPECT_EQ(status, 3) << out;  // some inputs rejected, the others done
  EXPECT_NE(out.find("kg_extract_bad.txt"), std::string::npos) << out;
  EXPECT_NE(out.find("/nonexistent/file.txt"), std::string::npos) << out;
  EXPECT_NE(out.find("\"relation\":\"call\""), std::string::npos) << out;
  std::remove(bin.c_str());
}

TEST(KgExtract, SeedsAsText) {
  KG_PARSER_MODEL_OR_SKIP();
  int status = 0;
  std::string out = RunShell(Kg() + " extract --format tsv " + ::kg::testing::SeedsDir() +
                            "/002_a52160434a679462.txt",
                        &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("Vladimir Putin\tcall\tBarack Obama"), std::string::npos) << out;
}

}  // namespace
}  // namespace kg::extract
