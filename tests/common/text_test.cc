// common/text.h: folding, casing and UTF-8 checks through ICU.
#include "common/text.h"

#include <gtest/gtest.h>

namespace kg::text {
namespace {

TEST(Text, FoldCaseIsFullUnicodeFolding) {
  EXPECT_EQ(FoldCase("ERDOĞAN"), FoldCase("Erdoğan"));
  EXPECT_EQ(FoldCase("Straße"), FoldCase("STRASSE"));
  EXPECT_EQ(FoldCase("ΟΔΥΣΣΕΥΣ"), FoldCase("οδυσσευς"));  // final sigma
  EXPECT_EQ(FoldCase("Federal Bureau"), "federal bureau");
  // Composed and decomposed é, and a full-width letter, are the same key.
  EXPECT_EQ(FoldCase("Caf\xC3\xA9"), FoldCase("Cafe\xCC\x81"));
  EXPECT_EQ(FoldCase("\xEF\xBC\xA6" "BI"), "fbi");
  // Accents are kept: these are different names.
  EXPECT_NE(FoldCase("Köln"), FoldCase("Koln"));
}

TEST(Text, CaseMappingsAreFull) {
  EXPECT_EQ(ToUpper("straße"), "STRASSE");
  EXPECT_EQ(ToUpper("erdoğan"), "ERDOĞAN");
  EXPECT_EQ(ToLower("ΑΘΗΝΑ"), "αθηνα");
  EXPECT_EQ(ToLower("ABC"), "abc");
}

TEST(Text, FindsIllFormedUtf8) {
  EXPECT_EQ(FindInvalidUtf8("plain"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("Erdoğan 😀"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("ok\xff"), 2u);
  EXPECT_EQ(FindInvalidUtf8("a\xC0\x80"), 1u);          // overlong NUL
  EXPECT_EQ(FindInvalidUtf8("ab\xED\xA0\x80"), 2u);     // surrogate
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);   // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("abc\xE2\x82"), 3u);        // truncated
}

TEST(Text, ReplacesBadBytes) {
  EXPECT_EQ(ToValidUtf8("a\xffz"), "a\xEF\xBF\xBDz");
  EXPECT_EQ(ToValidUtf8("ğ"), "ğ");
  EXPECT_EQ(CodePointCount("ğa😀"), 3u);
  EXPECT_EQ(CodePointCount("\xff\xfe"), 2u);
}

TEST(Text, LetterClasses) {
  EXPECT_TRUE(StartsUpper("Élysée"));
  EXPECT_FALSE(StartsUpper("élan"));
  EXPECT_FALSE(StartsUpper("1st"));
  EXPECT_TRUE(IsAllUpper("FBI"));
  EXPECT_TRUE(IsAllUpper("U.S."));
  EXPECT_TRUE(IsAllUpper("ÇAĞ"));
  EXPECT_FALSE(IsAllUpper("Fbi"));
  EXPECT_FALSE(IsAllUpper("1990"));
  EXPECT_TRUE(IsDigits("777"));
  EXPECT_FALSE(IsDigits(""));
  EXPECT_FALSE(IsDigits("6a"));
  EXPECT_FALSE(IsDigits("Ù£"));  // Arabic-Indic three: ASCII digits only
}

// Lookups in ASCII lexicons (WordNet) see names without their accents.
TEST(Text, StripsAccents) {
  EXPECT_EQ(StripAccents("Brasília"), "Brasilia");
  EXPECT_EQ(StripAccents("São Paulo"), "Sao Paulo");
  EXPECT_EQ(StripAccents("Bogota\xCC\x81"), "Bogota");  // decomposed "á"
  EXPECT_EQ(StripAccents("protégé"), "protege");
  EXPECT_EQ(StripAccents("Łódź"), "Łodz");  // a stroke is no combining mark
  EXPECT_EQ(StripAccents("Paris"), "Paris");
}

}  // namespace
}  // namespace kg::text
