// Entity typing (WordNet instance hypernyms, known names, cues), canonical
// names across documents, and within-document resolution.
#include <gtest/gtest.h>

#include "extract/entities.h"
#include "extract/resolution.h"
#include "extract/wordnet.h"
#include "tests/shared_data.h"

namespace kg::extract {
namespace {

class Catalog : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!::kg::testing::PathExists("/usr/share/wordnet/index.noun")) return;
    Result<std::unique_ptr<EntityCatalog>> c = EntityCatalog::Load("");
    if (c.ok()) catalog_ = std::move(*c).release();
  }
  static void TearDownTestSuite() { delete catalog_; }
  void SetUp() override {
    if (!catalog_) GTEST_SKIP() << "skipped: needs WordNet in /usr/share/wordnet (wordnet-base)";
  }
  static EntityCatalog* catalog_;
};
EntityCatalog* Catalog::catalog_ = nullptr;

TEST_F(Catalog, WordNetInstanceTypes) {
  EXPECT_EQ(catalog_->KnownType("Vladimir Putin"), EntityType::kPerson);
  EXPECT_EQ(catalog_->KnownType("FBI"), EntityType::kOrganization);
  EXPECT_EQ(catalog_->KnownType("Moscow"), EntityType::kPlace);
  EXPECT_EQ(catalog_->KnownType("Boston"), EntityType::kPlace);
  EXPECT_EQ(catalog_->wordnet().TypeOf("Central Intelligence Agency"),
            EntityType::kOrganization);
  EXPECT_EQ(catalog_->KnownType("Qwertyuiop Zxcv"), EntityType::kOther);
}

TEST_F(Catalog, CanonicalNamesMeetAcrossSurfaceForms) {
  EXPECT_EQ(catalog_->CanonicalName("Putin"), "Vladimir Putin");
  EXPECT_EQ(catalog_->CanonicalName("Vladimir Putin"), "Vladimir Putin");
  EXPECT_EQ(catalog_->CanonicalName("FBI"), "Federal Bureau of Investigation");
  EXPECT_EQ(catalog_->CanonicalName("Federal Bureau of Investigation"),
            "Federal Bureau of Investigation");
  EXPECT_EQ(catalog_->CanonicalName("CIA"), "Central Intelligence Agency");
  EXPECT_EQ(catalog_->CanonicalName("Obama"), "Barack Obama");  // newer than WordNet
  EXPECT_EQ(catalog_->CanonicalName("Russia"), "Russia");
  EXPECT_EQ(catalog_->CanonicalName("FSB"), catalog_->CanonicalName("Federal Security Service"));
  EXPECT_EQ(catalog_->CanonicalName("Nowhere Land"), "Nowhere Land");
}

TEST(EntityCues, TitlesAndOrganizationWords) {
  EXPECT_TRUE(IsPersonTitle("President"));
  EXPECT_TRUE(IsPersonTitle("Mr."));
  EXPECT_EQ(TypeFromCues({"Jay", "Carney"}, "spokesman"), EntityType::kPerson);
  EXPECT_EQ(TypeFromCues({"Federal", "Security", "Service"}, ""), EntityType::kOrganization);
  EXPECT_EQ(TypeFromCues({"Black", "Sea"}, ""), EntityType::kPlace);
  EXPECT_TRUE(IsAcronym("FBI"));
  EXPECT_TRUE(IsAcronym("U.S."));
  EXPECT_FALSE(IsAcronym("Putin"));
  EXPECT_TRUE(AcronymMatches("FBI", "Federal Bureau of Investigation"));
  EXPECT_TRUE(AcronymMatches("CIA", "Central Intelligence Agency"));
  EXPECT_FALSE(AcronymMatches("FSB", "Federal Security Service"));  // a Russian acronym
  EXPECT_FALSE(AcronymMatches("FSB", "Russia Today"));
  // A version's number is part of what the acronym spells.
  EXPECT_TRUE(AcronymMatches("IE6", "Internet Explorer 6"));
  EXPECT_FALSE(AcronymMatches("IE6", "Internet Explorer"));
  EXPECT_FALSE(AcronymMatches("IE", "Internet Explorer 6"));
  EXPECT_TRUE(AcronymMatches("IE", "Internet Explorer"));
  // The capitalized words' initials ("For" counts, "and" and "of" do not).
  EXPECT_TRUE(AcronymMatches("FIRST", "For Inspiration and Recognition of Science and Technology"));
}

NameMention Name(const std::string& surface, uint32_t sentence, const std::string& title = "") {
  NameMention m;
  m.name = surface;
  m.title = title;
  m.mention.surface = surface;
  m.mention.sentence = sentence;
  return m;
}

TEST_F(Catalog, ResolutionShortFormsPronounsAcronyms) {
  DocumentResolver r(*catalog_);
  int full = r.Add(Name("Tamerlan Tsarnaev", 0));
  int first = r.Add(Name("Tamerlan", 1));
  NameMention he = Name("he", 2);
  he.pronoun = true;
  int pron = r.Add(he);
  int fsb_long = r.Add(Name("Federal Security Service", 3));
  r.DefineAcronym("FSB", "Federal Security Service");
  NameMention fsb_subject = Name("FSB", 4);
  fsb_subject.salient = true;  // "The FSB said it ...": "it" needs a subject before it
  int fsb = r.Add(fsb_subject);
  NameMention it = Name("it", 5);
  it.pronoun = true;
  int it_id = r.Add(it);
  int peskov = r.Add(Name("Dmitry Peskov", 6, "secretary"));
  int mr = r.Add(Name("Peskov", 7));
  r.Resolve();
  EXPECT_EQ(r.EntityOf(full), r.EntityOf(first));
  EXPECT_EQ(r.EntityOf(pron), r.EntityOf(full));
  EXPECT_EQ(r.EntityOf(fsb), r.EntityOf(fsb_long));
  EXPECT_EQ(r.EntityOf(it_id), r.EntityOf(fsb));
  EXPECT_EQ(r.EntityOf(mr), r.EntityOf(peskov));
  const Entity& e = r.entities()[r.EntityOf(full)];
  EXPECT_EQ(e.name, "Tamerlan Tsarnaev");
  EXPECT_EQ(e.type, EntityType::kPerson);
  EXPECT_EQ(e.mentions.size(), 2u);  // both surface forms stay as mentions
}

}  // namespace
}  // namespace kg::extract
