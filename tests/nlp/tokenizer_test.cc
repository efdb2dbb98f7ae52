// Tokenizer and sentence splitter on the seed articles: exact tokens for
// abbreviations, clitics, quotes, bullets and date lines, and spans that cut
// the original bytes.
#include "extract/tokenizer.h"

#include <dirent.h>
#include <gtest/gtest.h>

#include "tests/nlp/nlp_test_util.h"

namespace kg::extract {
namespace {

using ::kg::testing::FindSentence;
using ::kg::testing::Forms;
using ::kg::testing::ReadSeed;
using Strings = std::vector<std::string>;

std::vector<std::string> SeedNames() {
  std::vector<std::string> names;
  DIR* d = opendir(::kg::testing::SeedsDir().c_str());
  if (!d) return names;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n.size() > 4 && n.substr(n.size() - 4) == ".txt") names.push_back(n);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

// Every token's span cuts exactly its form out of the text; spans are in
// order and inside their sentence; no token holds whitespace.
TEST(Tokenizer, SpansCutTheOriginalBytesInEverySeed) {
  std::vector<std::string> names = SeedNames();
  ASSERT_GE(names.size(), 5u);
  for (const std::string& name : names) {
    std::string text = ReadSeed(name);
    std::vector<Sentence> sentences = TokenizeAndSplit(text);
    ASSERT_FALSE(sentences.empty()) << name;
    uint32_t last_end = 0;
    size_t count = 0;
    for (const Sentence& s : sentences) {
      ASSERT_FALSE(s.tokens.empty()) << name;
      EXPECT_EQ(s.span.begin, s.tokens.front().span.begin);
      EXPECT_EQ(s.span.end, s.tokens.back().span.end);
      for (const Token& t : s.tokens) {
        ASSERT_LE(t.span.end, text.size());
        EXPECT_GE(t.span.begin, last_end) << name << " " << t.form;
        EXPECT_EQ(text.substr(t.span.begin, t.span.size()), t.form) << name;
        EXPECT_EQ(t.form.find_first_of(" \t\n\r"), std::string::npos)
            << name << " '" << t.form << "'";
        last_end = t.span.end;
        ++count;
      }
    }
    // Nothing but whitespace (ASCII or no-break space) is left out.
    std::vector<bool> covered(text.size(), false);
    for (const Sentence& s : sentences) {
      for (const Token& t : s.tokens) {
        for (uint32_t k = t.span.begin; k < t.span.end; ++k) covered[k] = true;
      }
    }
    for (size_t k = 0; k < text.size(); ++k) {
      if (covered[k]) continue;
      char c = text[k];
      bool nbsp = (text.compare(k, 2, "\xC2\xA0") == 0) ||
                  (k > 0 && text.compare(k - 1, 2, "\xC2\xA0") == 0);
      EXPECT_TRUE(c == ' ' || c == '\n' || c == '\t' || c == '\r' || nbsp)
          << name << ": byte " << k << " left out";
    }
  }
}

TEST(Tokenizer, AbbreviationsAndPossessives) {
  std::string text = ReadSeed("000_63cd26496f3a4c4e.txt");
  std::vector<Sentence> ss = TokenizeAndSplit(text);
  Sentence s = FindSentence(ss, text, "PRESIDENTS Vladimir Putin");
  EXPECT_EQ(Forms(s),
            (Strings{"PRESIDENTS", "Vladimir",  "Putin",    "and",      "Barack",       "Obama",
                     "agreed",     "today",     "to",       "maintain", "close",        "contacts",
                     "between",    "U.S.",      "and",      "Russian",  "intelligence", "agencies",
                     "and",        "cooperate", "to",       "ensure",   "security",     "for",
                     "the",        "2014",      "Olympics", "that",     "Russia",       "is",
                     "hosting",    "in",        "Sochi",    ",",        "the",          "Kremlin",
                     "said",       "."}));
  s = FindSentence(ss, text, "Russian-U.S. relations");
  Strings rf = Forms(s);
  ASSERT_GE(rf.size(), 6u);
  EXPECT_EQ(Strings(rf.begin(), rf.begin() + 6),
            (Strings{"Russian", "-", "U.S.", "relations", "have", "been"}));
  s = FindSentence(ss, text, "roots in Russia's volatile");
  Strings f = Forms(s);
  auto it = std::find(f.begin(), f.end(), "Russia");
  ASSERT_NE(it, f.end());
  EXPECT_EQ(*(it + 1), "'s");
  EXPECT_EQ(*(it + 2), "volatile");
}

TEST(Tokenizer, StraightQuotesAroundSpecialServices) {
  std::string text = ReadSeed("000_63cd26496f3a4c4e.txt");
  std::vector<Sentence> ss = TokenizeAndSplit(text);
  Sentence s = FindSentence(ss, text, "In a call initiated");
  EXPECT_EQ(Forms(s),
            (Strings{"In",        "a",      "call",    "initiated", "by",        "the",
                     "United",    "States", ",",       "they",      "discussed", "\"",
                     "the",       "issue",  "of",      "stepping",  "up",        "interaction",
                     "between",   "the",    "special", "services",  "in",        "the",
                     "context",   "of",     "the",     "recent",    "terrorist", "act",
                     "in",        "Boston", ",",       "\"",        "a",         "Kremlin",
                     "statement", "said",   "."}));
}

TEST(Tokenizer, CurlyQuotesAndMrPutinsApostrophe) {
  std::string text = ReadSeed("002_a52160434a679462.txt");
  std::vector<Sentence> ss = TokenizeAndSplit(text);
  Sentence s = FindSentence(ss, text, "Unfortunately, we still");
  EXPECT_EQ(Forms(s), (Strings{"\xE2\x80\x9C",
                               "Unfortunately",
                               ",",
                               "we",
                               "still",
                               "have",
                               "no",
                               "official",
                               "case",
                               "-",
                               "specific",
                               "statements",
                               ";",
                               "we",
                               "are",
                               "waiting",
                               "for",
                               "clarifications",
                               ",",
                               "\xE2\x80\x9D",
                               "said",
                               "Mr.",
                               "Putin",
                               "\xE2\x80\x99s",
                               "press",
                               "secretary",
                               "Dmitry",
                               "Peskov",
                               "."}));
  s = FindSentence(ss, text, "Both sides underscored");
  Strings f = Forms(s);
  EXPECT_EQ(f.front(), "\xE2\x80\x9C");
  EXPECT_NE(std::find(f.begin(), f.end(), "special"), f.end());
  // The closing quote after the comma is its own token, then the attribution.
  auto q = std::find(f.begin(), f.end(), "\xE2\x80\x9D");
  ASSERT_NE(q, f.end());
  EXPECT_EQ(*(q - 1), ",");
  EXPECT_EQ(*(q + 1), "the");
  // A quoted headline with no final stop is a sentence of its own.
  s = FindSentence(ss, text, "U.S. discriminated");
  EXPECT_EQ(Forms(s), (Strings{"\xE2\x80\x98", "U.S.", "discriminated", "\xE2\x80\x99"}));
}

TEST(Tokenizer, BulletListItemsAreSentences) {
  std::string text = ReadSeed("003_49e40aad576272d5.txt");
  std::vector<Sentence> ss = TokenizeAndSplit(text);
  int bullets = 0;
  for (const Sentence& s : ss) {
    for (size_t i = 0; i < s.tokens.size(); ++i) {
      if (s.tokens[i].form == "\xE2\x80\xA2") {
        ++bullets;
        EXPECT_EQ(i, 0u) << "a bullet starts its sentence";
      }
    }
  }
  EXPECT_EQ(bullets, 9);
  Sentence s = FindSentence(ss, text, "Government ready to act");
  EXPECT_EQ(Forms(s), (Strings{"\xE2\x80\xA2", "Government", "ready", "to", "act", "against",
                               "market", "abuse", ":", "Zuma"}));
  s = FindSentence(ss, text, "Income of per");
  Strings f = Forms(s);
  auto it = std::find(f.begin(), f.end(), "5.0");
  ASSERT_NE(it, f.end());
  EXPECT_EQ(*(it + 1), "pct");
  s = FindSentence(ss, text, "1st LD");
  EXPECT_EQ(Forms(s), (Strings{"\xE2\x80\xA2", "1st", "LD", ":", "45", "killed", "in", "car",
                               "bomb", "attack", "in", "Iraq", "'s", "Baghdad"}));
}

TEST(Tokenizer, DateLinesAndHeadlines) {
  std::string text = ReadSeed("003_49e40aad576272d5.txt");
  std::vector<Sentence> ss = TokenizeAndSplit(text);
  Sentence s = FindSentence(ss, text, "Xinhua, February");
  Strings f = Forms(s);
  ASSERT_GE(f.size(), 6u);
  EXPECT_EQ(Strings(f.begin(), f.begin() + 6),
            (Strings{"Xinhua", ",", "February", "16", ",", "2017"}));
  // The headline before it has no final stop but is its own sentence.
  s = FindSentence(ss, text, "Putin urges cooperation");
  EXPECT_EQ(Forms(s), (Strings{"Putin", "urges", "cooperation", "between", "Russian", ",", "U.S.",
                               "intelligence", "agencies"}));

  std::string text4 = ReadSeed("004_280693412e3c9b05.txt");
  std::vector<Sentence> ss4 = TokenizeAndSplit(text4);
  ASSERT_FALSE(ss4.empty());
  EXPECT_EQ(Forms(ss4[0]), (Strings{"WASHINGTON", "\xE2\x80\x94"}));
  Sentence c = FindSentence(ss4, text4, "That doesn't mean");
  Strings cf = Forms(c);
  EXPECT_EQ(Strings(cf.begin(), cf.begin() + 9),
            (Strings{"\"", "That", "does", "n't", "mean", "they", "ca", "n't", "do"}));
}

// A dateline the text opens with, run into the first sentence with no stop
// (as GUM's Wikinews texts and the news sample have them), is a sentence of
// its own: else its places would be the first verb's subjects.
TEST(Tokenizer, DatelineRunIntoTheFirstSentence) {
  std::string places =
      "Preston, Victoria, Australia On Saturday, Wikinews interviewed Tina McKenzie.";
  std::vector<Sentence> ss = TokenizeAndSplit(places);
  ASSERT_EQ(ss.size(), 2u);
  EXPECT_EQ(Forms(ss[0]), (Strings{"Preston", ",", "Victoria", ",", "Australia"}));
  EXPECT_EQ(Forms(ss[1]).front(), "On");

  std::string date = "Thursday, May 7, 2015 On Tuesday, the government announced a referendum.";
  ss = TokenizeAndSplit(date);
  ASSERT_EQ(ss.size(), 2u);
  EXPECT_EQ(Forms(ss[0]), (Strings{"Thursday", ",", "May", "7", ",", "2015"}));

  // Not a dateline: names with a description between commas, a list.
  for (std::string one : {"Thomas Sam, 42, and his wife Manju Sam live in Sydney.",
                          "Valeska Paris, an Australian woman, claimed it.",
                          "Malaysia, Indonesia and Thailand turned the boats away."})
    EXPECT_EQ(TokenizeAndSplit(one).size(), 1u) << one;
}

TEST(Tokenizer, NumbersAmountsUrlsAndDashes) {
  std::string text =
      "Shares rose 5.0 pct to $4.25 on Feb. 3, 2014 (see https://example.com/a?b=1). "
      "Gen. J. Smith\xE2\x80\x94the U.K. envoy\xE2\x80\x93said 2,000 co-workers can't go.";
  std::vector<Sentence> ss = TokenizeAndSplit(text);
  ASSERT_EQ(ss.size(), 2u);
  EXPECT_EQ(Forms(ss[0]),
            (Strings{"Shares", "rose", "5.0", "pct", "to", "$", "4.25", "on", "Feb.", "3", ",",
                     "2014", "(", "see", "https://example.com/a?b=1", ")", "."}));
  EXPECT_EQ(Forms(ss[1]),
            (Strings{"Gen.", "J.", "Smith", "\xE2\x80\x94", "the", "U.K.", "envoy", "\xE2\x80\x93",
                     "said", "2,000", "co-workers", "ca", "n't", "go", "."}));
}

// A hashtag is one word; a "#" before a number is a sign of its own.
TEST(Tokenizer, HashtagsAreOneWord) {
  std::vector<Sentence> ss = TokenizeAndSplit("Tweets with #IStandWithAhmed, #Free_Speech and #1 rose.");
  ASSERT_EQ(ss.size(), 1u);
  EXPECT_EQ(Forms(ss[0]), (Strings{"Tweets", "with", "#IStandWithAhmed", ",", "#Free_Speech", "and",
                                   "#", "1", "rose", "."}));
}

TEST(Tokenizer, ParagraphBreaksEndSentences) {
  std::string text = "Breaking News\n\nPutin and Obama talk\n\nThey spoke by phone on April 29.";
  std::vector<Sentence> ss = TokenizeAndSplit(text);
  ASSERT_EQ(ss.size(), 3u);
  EXPECT_EQ(Forms(ss[0]), (Strings{"Breaking", "News"}));
  EXPECT_EQ(Forms(ss[1]), (Strings{"Putin", "and", "Obama", "talk"}));
  ASSERT_GE(ss[2].tokens.size(), 2u);
  EXPECT_FALSE(ss[2].tokens[ss[2].tokens.size() - 2].space_after);  // "29" then "."
  EXPECT_TRUE(ss[2].tokens[0].space_after);
}

}  // namespace
}  // namespace kg::extract
