// Boilerplate removal on the seed articles' navigation noise.
#include "extract/boilerplate.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/shared_data.h"

namespace kg::extract {
namespace {

std::string ReadSeed(const std::string& prefix) {
  std::string dir = ::kg::testing::SeedsDir();
  for (const char* name : {"000_63cd26496f3a4c4e.txt", "001_0f5aecaebdf93cf4.txt",
                           "002_a52160434a679462.txt", "003_49e40aad576272d5.txt",
                           "004_280693412e3c9b05.txt"}) {
    if (std::string(name).rfind(prefix, 0) == 0) {
      std::ifstream in(dir + "/" + name);
      std::stringstream ss;
      ss << in.rdbuf();
      return ss.str();
    }
  }
  return "";
}

TEST(Boilerplate, KnownNoiseLines) {
  EXPECT_TRUE(IsBoilerplateLine("Accessibility links"));
  EXPECT_TRUE(IsBoilerplateLine("Breaking News"));
  EXPECT_TRUE(IsBoilerplateLine("More In: World | International | News"));
  EXPECT_TRUE(IsBoilerplateLine("| 8\xC2\xB0" "C Dublin"));
  EXPECT_TRUE(IsBoilerplateLine("A wins \xE2\x80\xA2 B loses \xE2\x80\xA2 C draws"));
  EXPECT_TRUE(IsBoilerplateLine("Xinhua, February 16, 2017 Adjust font size:"));
  EXPECT_FALSE(IsBoilerplateLine("Putin and Obama spoke by phone on April 29."));
  // Wikinews' source list and category line (news-sample).
  EXPECT_TRUE(IsBoilerplateLine("\"Document found on street not secret, say feds\" \xE2\x80\x94 The Canadian "
                                "Press, August 15, 2008"));
  EXPECT_TRUE(IsBoilerplateLine("Peter Zimonjic. \"MP calls for probe into misplaced documents\" "
                                "\xE2\x80\x94 Edmonton Sun, August 16, 2008"));
  EXPECT_TRUE(IsBoilerplateLine("Categories: August 15, 2008 Canada Published North America"));
  EXPECT_FALSE(IsBoilerplateLine("\"We take document security seriously,\" she said in 2008"));
  EXPECT_FALSE(IsBoilerplateLine(""));
}

TEST(Boilerplate, RepeatedCaptionKeptOnce) {
  std::string text = "Caption of a photo.\nCaption of a photo.\nBody text here.\n";
  EXPECT_EQ(StripBoilerplate(text), "Caption of a photo.\nBody text here.\n");
}

TEST(Boilerplate, SeedsLoseTheirNavigation) {
  std::string s001 = ReadSeed("001");
  std::string s003 = ReadSeed("003");
  ASSERT_FALSE(s001.empty());
  ASSERT_FALSE(s003.empty());
  std::string c001 = StripBoilerplate(s001);
  std::string c003 = StripBoilerplate(s003);
  EXPECT_EQ(c001.find("Accessibility links"), std::string::npos);
  EXPECT_EQ(c001.find("Breaking News"), std::string::npos);
  EXPECT_NE(c001.find("tipped off the FBI"), std::string::npos);
  // The repeated caption appears once.
  const std::string caption = "Russian President Vladimir Putin (left) and U.S. President";
  size_t first = c001.find(caption);
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(c001.find(caption, first + 1), std::string::npos);
  EXPECT_EQ(c003.find("Off the wire"), std::string::npos);
  EXPECT_EQ(c003.find("Nigeria signs health agreement"), std::string::npos);
  EXPECT_EQ(c003.find("You are here"), std::string::npos);
  EXPECT_NE(c003.find("Federal Security Service (FSB)"), std::string::npos);
  std::string c002 = StripBoilerplate(ReadSeed("002"));
  EXPECT_EQ(c002.find("More In:"), std::string::npos);
}

}  // namespace
}  // namespace kg::extract
