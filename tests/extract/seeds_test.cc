// The extractor on the seed articles: claims, one node per entity whatever
// the surface form, one edge for the same claim in two documents, spans that
// cut the stored text exactly, no claims from navigation noise.
//
// SeedClaims runs the real pipeline (needs the trained parser; skipped by
// name without it). GoldParseClaims runs the same claim building on
// hand-made parses of seed sentences, so it never waits for a model.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "extract/boilerplate.h"
#include "extract/openie_extractor.h"
#include "extract/relation_normalizer.h"
#include "tests/extract/test_util.h"

namespace kg::extract {
namespace {

using testing::DataDir;

const Claim* FindClaim(const Extraction& x, const std::string& subject,
                       const std::string& relation, const std::string& object) {
  for (const Claim& c : x.claims)
    if (x.entities[c.subject].name == subject && c.relation == relation &&
        x.entities[c.object].name == object)
      return &c;
  return nullptr;
}

std::string Dump(const Extraction& x) {
  std::string out;
  for (const Claim& c : x.claims)
    out += "  " + x.entities[c.subject].name + " -" + c.relation + "-> " +
           x.entities[c.object].name + "\n";
  return out;
}

// Every span recorded in `x` cut from the document equals its surface.
void ExpectSpansCutTheText(const Extraction& x) {
  const std::string& text = x.document.text;
  auto cut = [&](ByteSpan s) {
    EXPECT_LE(s.end, text.size());
    EXPECT_LE(s.begin, s.end);
    return s.end <= text.size() && s.begin <= s.end ? text.substr(s.begin, s.size()) : "";
  };
  for (const Entity& e : x.entities)
    for (const Mention& m : e.mentions) EXPECT_EQ(cut(m.span), m.surface) << e.name;
  for (const Claim& c : x.claims) {
    EXPECT_EQ(cut(c.relation_span), c.relation_surface);
    EXPECT_FALSE(c.relation_surface.empty());
    EXPECT_FALSE(cut(c.subject_span).empty());
    EXPECT_FALSE(cut(c.object_span).empty());
    // Subject and object spans are mentions of their entities.
    bool subject_found = false, object_found = false;
    for (const Mention& m : x.entities[c.subject].mentions)
      subject_found |= m.span == c.subject_span;
    for (const Mention& m : x.entities[c.object].mentions)
      object_found |= m.span == c.object_span;
    EXPECT_TRUE(subject_found) << x.entities[c.subject].name;
    EXPECT_TRUE(object_found) << x.entities[c.object].name;
    for (const ClaimArgument& a : c.arguments) EXPECT_EQ(cut(a.span), a.text);
    EXPECT_GE(c.confidence, 0.0);
    EXPECT_LE(c.confidence, 1.0);
    // The sentence span holds every part of the claim.
    EXPECT_LE(c.sentence_span.begin, c.relation_span.begin);
    EXPECT_GE(c.sentence_span.end, c.relation_span.end);
  }
}

class GoldParseClaims : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<std::unique_ptr<OpenIeExtractor>> e = OpenIeExtractor::LoadForParsedInput();
    if (e.ok()) extractor_ = std::move(*e).release();
  }
  static void TearDownTestSuite() { delete extractor_; }
  void SetUp() override {
    ASSERT_NE(extractor_, nullptr) << "WordNet (wordnet-base) missing";
    Result<std::vector<ConlluSentence>> r = ReadConlluFile(DataDir() + "/seed_sentences.conllu");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    sentences_ = std::move(*r);
  }
  Extraction Doc(const std::string& sent_id) {
    for (const ConlluSentence& s : sentences_) {
      if (s.sent_id != sent_id) continue;
      Document d;
      d.id = sent_id;
      d.text = s.text;
      Sentence parsed = s.sentence;
      parsed.span = ByteSpan{0, static_cast<uint32_t>(s.text.size())};
      return extractor_->ExtractFromSentences(d, {parsed});
    }
    ADD_FAILURE() << "no sentence " << sent_id;
    return {};
  }
  static OpenIeExtractor* extractor_;
  std::vector<ConlluSentence> sentences_;
};
OpenIeExtractor* GoldParseClaims::extractor_ = nullptr;

TEST_F(GoldParseClaims, PutinCallsObama) {
  Extraction x = Doc("seed002-call");
  EXPECT_NE(FindClaim(x, "Vladimir Putin", "call", "Barack Obama"), nullptr) << Dump(x);
  ExpectSpansCutTheText(x);
  for (const Entity& e : x.entities)
    if (e.name == "Vladimir Putin") {
      EXPECT_EQ(e.type, EntityType::kPerson);
    }
}

TEST_F(GoldParseClaims, RussiaTipsOffFbiAndCia) {
  Extraction x = Doc("seed000-tipoff");
  const Claim* fbi = FindClaim(x, "Russia", "tip_off", "Federal Bureau of Investigation");
  ASSERT_NE(fbi, nullptr) << Dump(x);
  EXPECT_NE(FindClaim(x, "Russia", "tip_off", "Central Intelligence Agency"), nullptr) << Dump(x);
  EXPECT_EQ(fbi->relation_surface, "separately tipped off");
  EXPECT_EQ(fbi->attribution, "U.S. officials");
  ASSERT_FALSE(fbi->arguments.empty());
  EXPECT_EQ(fbi->arguments[0].role, "time");
  EXPECT_EQ(fbi->arguments[0].text, "in 2011");
  ExpectSpansCutTheText(x);
}

TEST_F(GoldParseClaims, PassiveAgentBecomesSubject) {
  Extraction x = Doc("seed000-shot");
  EXPECT_NE(FindClaim(x, "police", "shoot_dead", "Tamerlan Tsarnaev"), nullptr) << Dump(x);
  ExpectSpansCutTheText(x);
}

TEST_F(GoldParseClaims, CoordinatedSubjectsSplitAndAttributed) {
  Extraction x = Doc("seed000-agreed");
  const Claim* putin = FindClaim(x, "Vladimir Putin", "agree_to_maintain", "close contacts");
  const Claim* obama = FindClaim(x, "Barack Obama", "agree_to_maintain", "close contacts");
  ASSERT_NE(putin, nullptr) << Dump(x);
  ASSERT_NE(obama, nullptr) << Dump(x);
  EXPECT_EQ(putin->attribution, "the Kremlin");
  ExpectSpansCutTheText(x);
}

TEST_F(GoldParseClaims, AcronymDefinedInTextAndPronoun) {
  Extraction x = Doc("seed002-fbi");
  const Claim* found = nullptr;
  for (const Claim& c : x.claims)
    if (c.relation == "find") found = &c;
  ASSERT_NE(found, nullptr) << Dump(x);
  EXPECT_TRUE(found->negated);
  // "it" resolved to the FBI, whose mentions keep every surface form.
  EXPECT_EQ(x.entities[found->subject].name, "Federal Bureau of Investigation");
  std::set<std::string> surfaces;
  for (const Mention& m : x.entities[found->subject].mentions) surfaces.insert(m.surface);
  EXPECT_TRUE(surfaces.count("it")) << Dump(x);
  ExpectSpansCutTheText(x);
}

TEST_F(GoldParseClaims, SameClaimTwoDocumentsSameKey) {
  // What makes the store merge them into one edge: the same subject name and
  // type, relation type and object name and type.
  Extraction a = Doc("seed000-tipoff");
  Extraction b = Doc("seed000-tipoff");
  b.document.id = "other";
  const Claim* ca = FindClaim(a, "Russia", "tip_off", "Federal Bureau of Investigation");
  const Claim* cb = FindClaim(b, "Russia", "tip_off", "Federal Bureau of Investigation");
  ASSERT_TRUE(ca && cb);
  EXPECT_EQ(a.entities[ca->subject].type, b.entities[cb->subject].type);
  EXPECT_EQ(a.entities[ca->object].type, EntityType::kOrganization);
}

TEST(OpenIeLinear, LongSentenceScalesLinearly) {
  // "A1 met B1 , A2 met B2 , ..." as one sentence of 2,000 and 8,000 tokens:
  // every clause conj of the first verb (flat), or of the previous one (a
  // deep chain). The work counted by the rules (nodes and links visited)
  // must grow linearly: 4x the tokens at most 4.5x the work (quadratic
  // would be 16x).
  auto make = [](int clauses, bool deep) {
    Sentence s;
    int first_verb = -1;
    for (int k = 0; k < clauses; ++k) {
      int base = static_cast<int>(s.tokens.size());
      auto add = [&](const char* form, const char* upos, const char* deprel, int head) {
        Token t;
        t.form = form;
        t.lemma = form;
        t.upos = upos;
        t.deprel = deprel;
        t.head = head;
        t.span = ByteSpan{0, 1};
        s.tokens.push_back(t);
      };
      int verb = base + 1;
      int parent = first_verb < 0 ? -1 : (deep ? base - 3 : first_verb);
      add("Anna", "PROPN", "nsubj", verb);
      add("met", "VERB", first_verb < 0 ? "root" : "conj", parent);
      add("Bob", "PROPN", "obj", verb);
      add(",", "PUNCT", "punct", verb);
      if (first_verb < 0) first_verb = verb;
    }
    return s;
  };
  for (bool deep : {false, true}) {
    auto work_of = [&](int clauses) {
      Sentence s = make(clauses, deep);
      size_t work = 0;
      OpenIeOptions options;
      options.work = &work;
      std::vector<OpenIeTuple> tuples = ExtractTuples(s, options);
      EXPECT_EQ(tuples.size(), static_cast<size_t>(clauses));
      return static_cast<double>(work);
    };
    double small = work_of(500);   // 2,000 tokens
    double large = work_of(2000);  // 8,000 tokens
    EXPECT_GT(small, 2000);
    EXPECT_LT(large / small, 4.5) << (deep ? "deep" : "flat");
  }
}

// --- the real pipeline on the seed files ---------------------------------

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class SeedClaims : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!testing::ParserModelPresent()) return;
    Result<std::unique_ptr<OpenIeExtractor>> e = OpenIeExtractor::Load("");
    if (!e.ok()) {
      load_error_ = new std::string(e.status().ToString());
      return;
    }
    extractor_ = std::move(*e).release();
    const char* names[] = {"000_63cd26496f3a4c4e.txt", "001_0f5aecaebdf93cf4.txt",
                           "002_a52160434a679462.txt", "003_49e40aad576272d5.txt",
                           "004_280693412e3c9b05.txt"};
    seeds_ = new std::vector<Extraction>();
    for (const char* n : names) {
      Document d;
      d.id = n;
      d.source = n;
      d.text = StripBoilerplate(ReadFile(::kg::testing::SeedsDir() + "/" + n));
      Result<Extraction> x = extractor_->Extract(d);
      if (x.ok()) seeds_->push_back(std::move(*x));
    }
  }
  static void TearDownTestSuite() {
    delete extractor_;
    delete seeds_;
    delete load_error_;
  }
  void SetUp() override {
    KG_PARSER_MODEL_OR_SKIP();
    ASSERT_EQ(load_error_, nullptr) << *load_error_;
    ASSERT_NE(seeds_, nullptr);
    ASSERT_EQ(seeds_->size(), 5u);
  }
  // The extraction of `text` as document `id` (the case files' texts).
  static Result<Extraction> ExtractText(const std::string& id, const std::string& text) {
    Document d;
    d.id = id;
    d.text = text;
    return extractor_->Extract(d);
  }
  static OpenIeExtractor* extractor_;
  static std::vector<Extraction>* seeds_;
  static std::string* load_error_;
};
OpenIeExtractor* SeedClaims::extractor_ = nullptr;
std::vector<Extraction>* SeedClaims::seeds_ = nullptr;
std::string* SeedClaims::load_error_ = nullptr;

TEST_F(SeedClaims, Seed002PutinCallsObama) {
  const Extraction& x = (*seeds_)[2];
  EXPECT_NE(FindClaim(x, "Vladimir Putin", "call", "Barack Obama"), nullptr) << Dump(x);
}

TEST_F(SeedClaims, RussiaTipsOffFbiInSeeds000And001) {
  for (int i : {0, 1}) {
    const Extraction& x = (*seeds_)[i];
    const Claim* c = FindClaim(x, "Russia", "tip_off", "Federal Bureau of Investigation");
    ASSERT_NE(c, nullptr) << "seed " << i << "\n" << Dump(x);
    EXPECT_EQ(x.entities[c->subject].type, EntityType::kPlace);
    EXPECT_EQ(x.entities[c->object].type, EntityType::kOrganization);
  }
}

TEST_F(SeedClaims, OneNodePerEntityWhateverTheSurface) {
  // name -> the canonical names given to mentions ending with it.
  std::map<std::string, std::set<std::string>> names;
  std::map<std::string, std::set<EntityType>> types;
  for (const Extraction& x : *seeds_) {
    for (const Entity& e : x.entities) {
      if (e.type == EntityType::kValue) continue;
      for (const Mention& m : e.mentions) {
        for (const char* key : {"Putin", "Obama", "FBI", "Russia"}) {
          std::string k = key;
          bool ends = m.surface.size() >= k.size() &&
                      m.surface.compare(m.surface.size() - k.size(), k.size(), k) == 0;
          bool fbi = k == "FBI" && m.surface == "Federal Bureau of Investigation";
          if ((ends && (k != "Russia" || m.surface == "Russia")) || fbi) {
            names[k].insert(e.name);
            types[k].insert(e.type);
          }
        }
      }
    }
  }
  EXPECT_EQ(names["Putin"], std::set<std::string>{"Vladimir Putin"});
  EXPECT_EQ(names["Obama"], std::set<std::string>{"Barack Obama"});
  EXPECT_EQ(names["FBI"], std::set<std::string>{"Federal Bureau of Investigation"});
  EXPECT_EQ(names["Russia"], std::set<std::string>{"Russia"});
  for (const auto& [k, t] : types) EXPECT_EQ(t.size(), 1u) << k;
}

// The claims a reader takes from the seeds (data/seed_reader_claims.tsv):
// issue 10 asks for >= 90% found, the four it names among them.
TEST_F(SeedClaims, TheReadersClaimsAreFound) {
  size_t cases = 0, found = 0;
  std::string missing;
  for (const std::vector<std::string>& f : testing::ReadCases("seed_reader_claims.tsv", 4)) {
    std::string line = f[0] + "\t" + f[1] + "\t" + f[2] + "\t" + f[3];
    ++cases;
    const Extraction* x = nullptr;
    for (const Extraction& e : *seeds_)
      if (e.document.id.compare(0, f[0].size(), f[0]) == 0) x = &e;
    ASSERT_NE(x, nullptr) << line;
    bool value = f[3][0] == '~';
    std::string object = value ? f[3].substr(1) : f[3];
    bool ok = false;
    for (const Claim& c : x->claims) {
      if (c.relation != f[2]) continue;
      const Entity& s = x->entities[c.subject];
      const Entity& o = x->entities[c.object];
      auto matches = [&](const Entity& a, const Entity& b) {
        if (a.name != f[1]) return false;
        if (value) return b.type == EntityType::kValue && b.name.compare(0, object.size(), object) == 0;
        return b.name == object;
      };
      ok |= matches(s, o) || (IsSymmetricRelation(c.relation) && matches(o, s));
    }
    found += ok;
    if (!ok) missing += "  " + line + "\n";
  }
  EXPECT_EQ(cases, 30u);
  EXPECT_GE(found * 10, cases * 9) << found << " of " << cases << " found; missing:\n" << missing;
  for (const char* must : {"Barack Obama\tthank\tVladimir Putin", "Edward Snowden\tleak",
                           "Federal Bureau of Investigation\tscrutinise\tTamerlan Tsarnaev",
                           "Vladimir Putin\task\tFederal Security Service"})
    EXPECT_EQ(missing.find(must), std::string::npos) << must;
}

// Each relation of `x` and the modality of (one of) its claims.
std::map<std::string, std::string> ModalityByRelation(const Extraction& x) {
  std::map<std::string, std::string> modality;
  for (const Claim& c : x.claims) modality[c.relation] = c.modality;
  return modality;
}

// A claim inside a condition is marked so ("if", "unless"): the audit shows
// it as what may happen, not as what happened.
TEST_F(SeedClaims, ConditionsAreAModality) {
  Result<Extraction> x = ExtractText(
      "conditions",
      "If Putin calls Obama, the talks will resume. Daniel would be jailed unless he returned and "
      "cooperated with Moxon. Putin called Merkel on Monday.");
  ASSERT_TRUE(x.ok());
  std::map<std::string, std::string> modality = ModalityByRelation(*x);
  ASSERT_TRUE(modality.count("call")) << Dump(*x);
  ASSERT_TRUE(modality.count("cooperate_with")) << Dump(*x);
  EXPECT_EQ(modality["cooperate_with"], "unless");
  int conditional_calls = 0, plain_calls = 0;
  for (const Claim& c : x->claims)
    if (c.relation == "call") ++(c.modality == "if" ? conditional_calls : plain_calls);
  EXPECT_EQ(conditional_calls, 1) << Dump(*x);
  EXPECT_EQ(plain_calls, 1) << Dump(*x);
}

// What one is accused of is marked alleged: the audit shows it as one
// side's charge, not as what happened.
TEST_F(SeedClaims, AccusationsAreAlleged) {
  Result<Extraction> x = ExtractText(
      "accusations",
      "Russia accused Ukraine of shelling Donetsk. John Smith was charged with smuggling cocaine "
      "into Spain. Ukraine shelled Luhansk on Monday.");
  ASSERT_TRUE(x.ok());
  std::map<std::string, std::string> modality = ModalityByRelation(*x);
  ASSERT_TRUE(modality.count("shell")) << Dump(*x);
  ASSERT_TRUE(modality.count("smuggle")) << Dump(*x);
  EXPECT_EQ(modality["smuggle"], "alleged") << Dump(*x);
  int alleged = 0, plain = 0;
  for (const Claim& c : x->claims)
    if (c.relation == "shell") ++(c.modality == "alleged" ? alleged : plain);
  EXPECT_EQ(alleged, 1) << Dump(*x);
  EXPECT_EQ(plain, 1) << Dump(*x);
}

// What one is warned against or kept from doing is marked so: it was not
// done ("against", "from", as a condition is marked "if").
TEST_F(SeedClaims, WarnedAgainstAndKeptFromAreMarked) {
  Result<Extraction> x = ExtractText("warnings",
                                     "China has warned the United States against interfering in "
                                     "Taiwan. The court barred Google from using the data.");
  ASSERT_TRUE(x.ok());
  std::map<std::string, std::string> modality = ModalityByRelation(*x);
  ASSERT_TRUE(modality.count("interfere_in")) << Dump(*x);
  ASSERT_TRUE(modality.count("use")) << Dump(*x);
  EXPECT_EQ(modality["interfere_in"], "against") << Dump(*x);
  EXPECT_EQ(modality["use"], "from") << Dump(*x);
}

// data/sentence_claims.tsv: role claims, nominal events, anchored values,
// reciprocal verbs, each read from one sentence by the full pipeline.
TEST_F(SeedClaims, SentenceCases) {
  size_t cases = 0;
  for (const std::vector<std::string>& f : testing::ReadCases("sentence_claims.tsv", 4)) {
    ++cases;
    Result<Extraction> x = ExtractText("case" + std::to_string(cases), f[0]);
    ASSERT_TRUE(x.ok());
    ExpectSpansCutTheText(*x);
    auto matches = [](const Entity& e, const std::string& want) {
      if (want[0] == '~') return e.type == EntityType::kValue && e.name.rfind(want.substr(1), 0) == 0;
      return e.name == want;
    };
    // A relation written "!relation" is a claim the sentence must not give.
    bool wanted = f[2][0] != '!';
    std::string relation = wanted ? f[2] : f[2].substr(1);
    bool found = false;
    for (const Claim& c : x->claims) {
      if (c.relation != relation) continue;
      const Entity& s = x->entities[c.subject];
      const Entity& o = x->entities[c.object];
      found |= (matches(s, f[1]) && matches(o, f[3])) ||
               (IsSymmetricRelation(c.relation) && matches(o, f[1]) && matches(s, f[3]));
    }
    EXPECT_EQ(found, wanted) << (wanted ? "not read: " : "read, wrongly: ") << f[1] << " -" << relation
                             << "-> " << f[3] << "\nfrom: " << f[0] << "\n" << Dump(*x);
  }
  EXPECT_EQ(cases, 405u);
}

// In an interview the "I" of the answers is the person interviewed, whom
// the title or the text names as such; in another article an "I" nobody is
// said to speak carries no claim.
TEST_F(SeedClaims, InterviewsFirstPersonIsTheInterviewee) {
  const std::string kStudies = "Jane Doe studies comets at the University of Chicago. ";
  const std::string kSpokeWith =
      "On Monday, Wikinews spoke with Jane Doe, an astronomer at the University of Chicago.\n\n";
  struct Case {
    std::string title, text;
    bool interview;
  };
  const Case kCases[] = {
      {"Interview with astronomer Jane Doe", kStudies, true},
      {"Astronomer Jane Doe tells Wikinews about comets", kStudies, true},
      {"Comets and their tails", kSpokeWith, true},
      {"Astronomer studies comets", kStudies, false},
      {"Comets and their tails", "On Monday, the Tribune spoke with Jane Doe, an astronomer.\n\n",
       false},
      // Named by the title alone.
      {"Wikinews interviews astronomer Jane Doe on comets", "Comets have tails.\n\n", true},
      {"Interview with astronomer Jane Doe Sunday, May 28, 2006", "Comets have tails.\n\n", true},
      {"Wikinews interviews Chicago astronomer on comets", kStudies, false},
      {"Wikinews interviews Jane Doe and John Roe on comets", "Comets have tails.\n\n", false},
  };
  for (const Case& c : kCases) {
    Document d;
    d.id = "interview";
    d.title = c.title;
    d.text = c.text + "I joined NASA in 2001.";
    Result<Extraction> x = extractor_->Extract(d);
    ASSERT_TRUE(x.ok());
    bool joined_nasa = false;
    for (const Claim& claim : x->claims)
      joined_nasa |=
          claim.relation == "join" && x->entities[claim.subject].name == "Jane Doe" &&
          x->entities[claim.object].name == "National Aeronautics and Space Administration";
    EXPECT_EQ(joined_nasa, c.interview) << c.title << "\n" << d.text << "\n" << Dump(*x);
  }
}

// In an interview, the interviewee's "we" is the organisation the article
// gives them a role in; with no such role it stands for no one.
TEST_F(SeedClaims, InterviewsWeIsTheIntervieweesOrganisation) {
  Document d;
  d.id = "interview-we";
  d.title = "Wikinews interviews Maria Lopez, founder of OpenMaps";
  d.text = "Maria Lopez founded OpenMaps in 2009.\n\nMaria Lopez: In 2012 we partnered with Mozilla.";
  auto partnered = [](const Extraction& x, const std::string& who) {
    for (const Claim& c : x.claims)
      if (c.relation == "partner_with" && x.entities[c.subject].name == who &&
          x.entities[c.object].name == "Mozilla")
        return true;
    return false;
  };
  Result<Extraction> with_role = extractor_->Extract(d);
  ASSERT_TRUE(with_role.ok());
  EXPECT_TRUE(partnered(*with_role, "OpenMaps")) << Dump(*with_role);
  EXPECT_FALSE(partnered(*with_role, "Maria Lopez")) << Dump(*with_role);
  d.text = "Maria Lopez likes maps.\n\nMaria Lopez: In 2012 we partnered with Mozilla.";
  Result<Extraction> no_role = extractor_->Extract(d);
  ASSERT_TRUE(no_role.ok());
  EXPECT_FALSE(partnered(*no_role, "Maria Lopez")) << Dump(*no_role);
  // One organisation she founded, one she worked for: "we" is the one she
  // founded; two she worked for: no one's.
  d.text =
      "Maria Lopez worked for NASA for ten years. She founded OpenMaps in 2009.\n\n"
      "Maria Lopez: In 2012 we partnered with Mozilla. Our company sells maps to Toyota.";
  Result<Extraction> founded = extractor_->Extract(d);
  ASSERT_TRUE(founded.ok());
  EXPECT_TRUE(partnered(*founded, "OpenMaps")) << Dump(*founded);
  // ("Our company" is the same organisation.)
  bool sells = false;
  for (const Claim& c : founded->claims)
    sells |= founded->entities[c.subject].name == "OpenMaps" &&
             founded->entities[c.object].name == "Toyota";
  EXPECT_TRUE(sells) << Dump(*founded);
  d.text =
      "Maria Lopez worked for NASA for ten years. She then worked for OpenMaps.\n\n"
      "Maria Lopez: In 2012 we partnered with Mozilla.";
  Result<Extraction> two = extractor_->Extract(d);
  ASSERT_TRUE(two.ok());
  EXPECT_FALSE(partnered(*two, "OpenMaps")) << Dump(*two);
  EXPECT_FALSE(partnered(*two, "National Aeronautics and Space Administration")) << Dump(*two);
}

// data/entity_types.tsv: the type a name gets from the words around it
// (a describing noun, "City, State", a title), and acronyms merged.
TEST_F(SeedClaims, EntityTypeCases) {
  size_t cases = 0;
  for (const std::vector<std::string>& f : testing::ReadCases("entity_types.tsv", 3)) {
    ++cases;
    Result<Extraction> x = ExtractText("types" + std::to_string(cases), f[0]);
    ASSERT_TRUE(x.ok());
    bool absent = f[1][0] == '!';
    std::string name = absent ? f[1].substr(1) : f[1];
    const Entity* found = nullptr;
    for (const Entity& e : x->entities)
      if (e.name == name) found = &e;
    if (absent) {
      EXPECT_TRUE(found == nullptr || EntityTypeName(found->type) != f[2])
          << name << " is an entity of type " << f[2] << " in: " << f[0] << "\n" << Dump(*x);
      continue;
    }
    ASSERT_NE(found, nullptr) << "no entity " << name << " in: " << f[0] << "\n" << Dump(*x);
    EXPECT_STREQ(EntityTypeName(found->type), f[2].c_str()) << name << " in: " << f[0];
  }
  EXPECT_EQ(cases, 52u);
}

TEST_F(SeedClaims, SymmetricRelationsInNameOrder) {
  size_t symmetric = 0;
  for (const Extraction& x : *seeds_)
    for (const Claim& c : x.claims)
      if (IsSymmetricRelation(c.relation)) {
        ++symmetric;
        EXPECT_LT(x.entities[c.subject].name, x.entities[c.object].name);
      }
  EXPECT_GE(symmetric, 4u);
}

TEST_F(SeedClaims, ProvenanceSpansCutTheStoredText) {
  size_t claims = 0;
  for (const Extraction& x : *seeds_) {
    ExpectSpansCutTheText(x);
    claims += x.claims.size();
    EXPECT_EQ(x.extractor, "kg-openie");
  }
  EXPECT_GT(claims, 40u);
}

TEST_F(SeedClaims, NoClaimsFromNavigationNoise) {
  // The raw files, noise included: the extractor must ignore the noise lines.
  for (const char* n : {"001_0f5aecaebdf93cf4.txt", "003_49e40aad576272d5.txt"}) {
    Document d;
    d.id = n;
    d.text = ReadFile(::kg::testing::SeedsDir() + "/" + n);
    Result<Extraction> x = extractor_->Extract(d);
    ASSERT_TRUE(x.ok());
    EXPECT_FALSE(x->claims.empty());
    for (const Claim& c : x->claims) {
      std::string sentence =
          d.text.substr(c.sentence_span.begin, c.sentence_span.end - c.sentence_span.begin);
      for (const char* noise : {"Accessibility", "Breaking News", "\xE2\x80\xA2", "Nigeria",
                                "Off the wire", "You are here", "Adjust font", "More In"})
        EXPECT_EQ(sentence.find(noise), std::string::npos) << n << ": " << sentence;
    }
  }
}

TEST_F(SeedClaims, BadInputIsNotACrash) {
  for (std::string text : {std::string(), std::string("   \n\n"), std::string("\xff\xfe\x80 abc\x01\x02."),
                           std::string(5000, '('), std::string("Putin") + std::string(1, '\0') + "called."}) {
    Document d;
    d.text = text;
    Result<Extraction> x = extractor_->Extract(d);
    ASSERT_TRUE(x.ok());
    ExpectSpansCutTheText(*x);
  }
}

}  // namespace
}  // namespace kg::extract
