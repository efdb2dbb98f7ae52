// The kg-openie extractor; see openie_extractor.h.
#include "extract/openie_extractor.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>
#include <unordered_map>

#include "common/text.h"
#include "extract/boilerplate.h"
#include "extract/entities.h"
#include "extract/entity_recognizer.h"
#include "extract/parse_repairs.h"
#include "extract/pipeline.h"
#include "extract/relation_normalizer.h"
#include "extract/resolution.h"
#include "extract/verb_links.h"

namespace kg::extract {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsPronounForm(const std::string& lower) {
  static const char* kPronouns[] = {"he", "him", "his", "she", "her", "it", "its", "himself",
                                    "herself", "itself", "they", "them", "their", "themselves", "i", "me", "my", "myself",
                                    "we", "us", "our", "ourselves"};
  for (const char* p : kPronouns)
    if (lower == p) return true;
  return false;
}

// Whether a role relation ("co-founder_of", "professor_at") is one a person
// holds in an organisation.
bool IsOrganisationRole(const std::string& relation) {
  static const std::set<std::string> kRoles = {
      "founder",   "co-founder", "cofounder",  "ceo",       "executive", "chairman",  "chairwoman",
      "chair",     "spokesman",  "spokeswoman", "spokesperson", "employee", "director", "member",
      "owner",     "editor",     "publisher",  "manager",   "researcher", "professor", "student",
      "curator",   "engineer",   "analyst",    "instructor", "lecturer", "scientist", "worker"};
  size_t cut = relation.rfind('_');
  if (cut == std::string::npos) return false;
  std::string prep = relation.substr(cut + 1);
  if (prep != "of" && prep != "at" && prep != "for") return false;
  std::string role = relation.substr(0, cut);
  size_t last = role.rfind('_');
  return kRoles.count(last == std::string::npos ? role : role.substr(last + 1)) > 0;
}

// First-person and plural pronouns resolve for coreference ("I" of an
// interview, "they" of a company), but too often stand for someone else ("a
// warship was deployed to retrieve them": the people, not the navy) to
// carry a claim.
bool WeakPronoun(const std::string& lower) {
  static const std::set<std::string> kWeak = {"i",  "me",  "my",        "myself", "we",   "us",
                                              "our", "ourselves", "they", "them", "their",
                                              "themselves"};
  return kWeak.count(lower) > 0;
}

// Whether a sentence is a picture's credit: "Shimon Peres image: David
// Shankbone.", "Photo: Reuters", "Image credit: NASA": a picture word and a
// colon, then only a name.
bool IsPictureCredit(const Sentence& s) {
  static const std::set<std::string> kPictureWords = {"image", "images", "photo", "photos", "photograph",
                                                      "picture", "credit", "caption"};
  const int n = static_cast<int>(s.tokens.size());
  int colon = -1;
  for (int i = 1; i < n && colon < 0; ++i)
    if (s.tokens[i].form == ":" && kPictureWords.count(Lower(s.tokens[i - 1].form))) colon = i;
  if (colon < 0 || colon + 1 >= n) return false;
  for (int i = colon + 1; i < n; ++i)
    if (s.tokens[i].upos != "PROPN" && s.tokens[i].upos != "PUNCT") return false;
  return true;
}

// Honours and degrees written after a name: "FRS", "DBE", "PhD".
bool IsPostNominal(const std::string& w) {
  static const std::set<std::string> kPostNominals = {
      "FRS", "FRSE", "FBA", "FREng", "RA", "DBE", "CBE", "OBE", "MBE", "KBE", "GBE", "KCB", "GCB",
      "KG", "OM", "CH", "QC", "KC", "PhD", "Ph.D.", "MD", "M.D.", "DPhil", "FAA", "FRSC", "MP", "MEP"};
  return kPostNominals.count(w) > 0;
}

// A language's name, as a gloss in another language opens: "(Arabic:",
// "(French pronunciation:".
bool IsLanguageName(const std::string& w) {
  static const std::set<std::string> kLanguages = {
      "Arabic", "French", "Chinese", "Japanese", "German", "Spanish", "Russian", "Hebrew", "Greek",
      "Latin",  "Italian", "Portuguese", "Korean", "Persian", "Hindi", "Urdu", "Turkish", "Dutch",
      "Polish", "Swedish", "Norwegian", "Danish", "Finnish", "Czech", "Hungarian", "Romanian",
      "Ukrainian", "Serbian", "Croatian", "Bulgarian", "Thai", "Vietnamese", "Indonesian", "Malay",
      "Bengali", "Punjabi", "Tamil", "Pashto", "Kurdish", "Armenian", "Georgian", "Irish", "Welsh",
      "Catalan", "Basque", "Yiddish", "Sanskrit", "Mandarin", "Cantonese", "Tagalog", "Swahili"};
  return kLanguages.count(w) > 0;
}

// A pronoun that can stand for a person: he, his, her, their...
bool PersonPronounForm(const std::string& lower) {
  return IsPronounForm(lower) && lower != "it" && lower != "its" && lower != "itself";
}

bool IsNameToken(const Token& t) {
  if (IsCalendarWord(t.form)) return false;
  return t.upos == "PROPN" ||
         (t.upos == "NOUN" && !t.form.empty() && IsAcronym(t.form));
}

// Words that may join the capitalized words of one name ("Bank of America",
// "Procter & Gamble", "Charles de Gaulle").
bool IsNameConnector(const std::string& w) {
  return w == "of" || w == "the" || w == "and" || w == "&" || w == "de" || w == "-" ||
         w == "for" || w == "on" || w == "du" || w == "von" || w == "van" || w == "da" ||
         w == "al" || w == "bin" || w == "la" || w == "der" || w == ".";
}

// A definite description: a noun phrase that refers back to an entity
// named before ("the company", "this cyclone", "the Secretary").
struct Description {
  // The kind of entity a lexicon noun refers to ("company" -> an
  // organisation), when the noun is one of those.
  std::optional<EntityType> type;
  // The head noun, lower case: "this cyclone" also goes to the last entity
  // whose name holds the word ("Cyclone Gita").
  std::string head_word;
  bool bare = false;  // a lower-case noun with no determiner ("iodine")
};

// Whether token `i` heads a definite description: "the"/"this"/"that" and a
// singular common noun from the lexicon or describing a name read before
// (`names`: the document's names so far; see DescribesName), or a bare
// title with "the" ("the Secretary"), or a lower-case noun that is a
// one-word name read before ("iodine" after "Iodine").
std::optional<Description> DescriptionOf(const Sentence& s, int i, const std::vector<int>& kids,
                                         const DescribableNames& names) {
  const Token& t = s.tokens[i];
  if (t.upos != "NOUN" && t.upos != "PROPN") return std::nullopt;
  bool definite = false, other_det = false;
  for (int k : kids) {
    if (s.tokens[k].deprel != "det") continue;
    std::string d = Lower(s.tokens[k].form);
    (d == "the" || d == "this" || d == "that" ? definite : other_det) = true;
  }
  // Its "of" complements: "the city of Edinburgh", "the Director of Media".
  bool of_complement = false, of_name = false;
  for (int k : kids) {
    if (s.tokens[k].deprel != "nmod") continue;
    for (size_t j = 0; j < s.tokens.size(); ++j)
      if (s.tokens[j].head == k && s.tokens[j].deprel == "case" && Lower(s.tokens[j].form) == "of") {
        of_complement = true;
        of_name |= s.tokens[k].upos == "PROPN";
      }
  }
  // "the city of Edinburgh", "the province of Quebec": the name after "of"
  // says which; the noun refers back to nothing.
  if (of_name) return std::nullopt;
  // "Licen was the director of a WTA Tour event", "served as the director
  // of ...": a predicate with a complement says what its subject is; it
  // refers back to no one (the claim would be lost as the subject's own).
  bool predicate = false, nmod = false;
  for (int k : kids) {
    const std::string& d = s.tokens[k].deprel;
    predicate |= d == "cop" || (d == "case" && Lower(s.tokens[k].form) == "as");
    nmod |= d == "nmod";
  }
  if (predicate && nmod) return std::nullopt;
  // "this girl named Isabel": the name that follows says who; the noun
  // refers back to no one.
  for (int k : kids) {
    std::string lemma = Lower(s.tokens[k].lemma);
    if (s.tokens[k].deprel == "acl" && (lemma == "name" || lemma == "call")) return std::nullopt;
  }
  // "the romantic comedy Chasing Liberty", "the company Apple": a noun
  // right before a name (a capitalized word, whatever the tagger made of
  // "Chasing") is that name's description, not a reference back.
  if (i + 1 < static_cast<int>(s.tokens.size()) && t.upos == "NOUN" &&
      !s.tokens[i + 1].form.empty() &&
      (s.tokens[i + 1].upos == "PROPN" ||
       std::isupper(static_cast<unsigned char>(s.tokens[i + 1].form[0]))))
    return std::nullopt;
  std::string l = Lower(t.lemma);
  // "the Director of Media and Communications": a post its complement
  // names, no title referring back.
  if (definite && !of_complement && t.upos == "PROPN" && IsPersonTitle(t.form) && t.xpos == "NNP" &&
      Lower(t.form) != "of" && Lower(t.form) != "state" && Lower(t.form) != "former")
    return Description{EntityType::kPerson, l};
  if (t.upos != "NOUN" || t.xpos != "NN") return std::nullopt;
  if (!definite) {
    if (other_det || t.form.empty() || !std::islower(static_cast<unsigned char>(t.form[0])))
      return std::nullopt;
    for (int k : kids)
      if (s.tokens[k].deprel == "amod" || s.tokens[k].deprel == "compound" ||
          s.tokens[k].deprel == "nmod:poss")
        return std::nullopt;
    if (names.Has(Lower(t.form), true)) return Description{std::nullopt, Lower(t.form), true};
    return std::nullopt;
  }
  static const std::unordered_map<std::string, EntityType> kLexicon = [] {
    std::unordered_map<std::string, EntityType> m;
    for (const char* w :
         {"company",      "firm",    "agency",    "organization", "organisation", "group",
          "carrier",      "airline", "bank",      "party",        "ministry",     "university",
          "college",      "school",  "court",     "team",         "club",         "newspaper",
          "network",      "council", "library",   "consortium",   "manufacturer", "automaker",
          "retailer",     "band",    "insurer",   "lender",       "broadcaster",  "publisher",
          "conglomerate", "startup", "regulator", "watchdog",     "broker"})
      m[w] = EntityType::kOrganization;
    for (const char* w : {"president", "leader", "minister", "chancellor", "premier", "senator",
                          "governor", "mayor", "spokesman", "spokeswoman", "emperor", "king",
                          "queen", "judge", "secretary", "prince", "princess", "singer", "actor",
                          "actress", "poet", "author", "player", "chairman", "chief", "ceo",
                          "founder", "director", "boy", "girl", "student", "teenager"})
      m[w] = EntityType::kPerson;
    for (const char* w : {"country", "nation", "city", "capital", "kingdom", "republic", "island",
                          "town", "village", "state", "province", "region", "territory", "county"})
      m[w] = EntityType::kPlace;
    for (const char* w : {"cyclone", "hurricane", "storm", "typhoon", "war", "election",
                          "earthquake", "tournament", "championship", "festival"})
      m[w] = EntityType::kEvent;
    return m;
  }();
  auto known = kLexicon.find(l);
  // ("the carmaker", "the chipmaker": a maker of things is a company.)
  if (known == kLexicon.end() && l.size() > 5 && l.compare(l.size() - 5, 5, "maker") == 0)
    known = kLexicon.find("manufacturer");
  // "The Syrian refugee team", "the European team", "the Kremlin-backed
  // group": a noun, a proper adjective or a name inside a modifier before
  // it that says which kind is a new entity, not one named before. (A name
  // right on the noun is the noun's: "the M5S party" is M5S.)
  if (known != kLexicon.end() && known->second == EntityType::kOrganization)
    for (int k = 0; k < i; ++k) {
      if (s.tokens[k].upos != "PROPN") continue;
      int name = k;  // up the name's own words ("the Sea Org group")
      for (int steps = 0; steps < i && s.tokens[name].head >= 0 && s.tokens[name].head < i &&
                          s.tokens[s.tokens[name].head].upos == "PROPN";
           ++steps)
        name = s.tokens[name].head;
      if (s.tokens[name].head == i) continue;
      int up = k;
      while (up >= 0 && up < i) up = s.tokens[up].head;
      if (up == i) return std::nullopt;
    }
  for (int k : kids) {
    const Token& kind = s.tokens[k];
    bool proper_adjective = kind.deprel == "amod" && kind.upos == "ADJ" && !kind.form.empty() &&
                            std::isupper(static_cast<unsigned char>(kind.form[0]));
    if (((kind.deprel == "compound" && kind.upos == "NOUN") || proper_adjective) && k < i &&
        known != kLexicon.end() && known->second == EntityType::kOrganization)
      return std::nullopt;
  }
  if (known != kLexicon.end()) return Description{known->second, l};
  if (names.Has(l, false)) return Description{std::nullopt, l, false};
  // "this constituency" after "the Kowloon West geographical constituency";
  // but "the Tulsa Metro area", "the Downtown area" after "the Tulsa
  // Bartlesville Combined area" say by their own modifiers which one.
  if (names.OnlyKind(l)) {
    for (int k : kids) {
      const std::string& d = s.tokens[k].deprel;
      if (d == "amod" || d == "compound" || d == "nmod:poss" || d == "nmod") return std::nullopt;
    }
    return Description{std::nullopt, l, false};
  }
  return std::nullopt;
}

// Word soup ("tribunal orbit hesitate velvet ..."): 25 words or more of
// which under one in ten is a function word (determiner, preposition,
// pronoun, auxiliary, conjunction, particle). English prose has about four
// in ten; a list of names or of random words has next to none. Such a
// "sentence" says nothing about who did what to whom: it gives no claims.
bool IsWordSoup(const Sentence& s) {
  int words = 0, function_words = 0;
  for (const Token& t : s.tokens) {
    if (t.upos == "PUNCT" || t.upos == "SYM" || t.upos == "NUM" || t.upos == "X") continue;
    ++words;
    function_words += t.upos == "DET" || t.upos == "ADP" || t.upos == "PRON" ||
                      t.upos == "AUX" || t.upos == "CCONJ" || t.upos == "SCONJ" ||
                      t.upos == "PART";
  }
  // (Shorter sentences can be that dense with names: "Russian President
  // Vladimir Putin called U.S. President Barack Obama on Saturday morning".)
  return words >= 25 && function_words * 10 < words;
}

// The country a nationality adjective names ("Russian" -> Russia), or "".
std::string CountryOfDemonym(const std::string& w) {
  static const std::pair<const char*, const char*> kDemonyms[] = {
      {"Russian", "Russia"},        {"American", "United States"}, {"U.S.", "United States"},
      {"US", "United States"},      {"Ukrainian", "Ukraine"},      {"British", "United Kingdom"},
      {"UK", "United Kingdom"},     {"French", "France"},          {"German", "Germany"},
      {"Chinese", "China"},         {"Japanese", "Japan"},         {"Indian", "India"},
      {"Iranian", "Iran"},          {"Iraqi", "Iraq"},             {"Syrian", "Syria"},
      {"Israeli", "Israel"},        {"Turkish", "Turkey"},         {"Canadian", "Canada"},
      {"Mexican", "Mexico"},        {"Brazilian", "Brazil"},       {"Italian", "Italy"},
      {"Spanish", "Spain"},         {"Polish", "Poland"},          {"Afghan", "Afghanistan"},
      {"Pakistani", "Pakistan"},    {"Saudi", "Saudi Arabia"},     {"Egyptian", "Egypt"},
      {"Korean", "Korea"},          {"South Korean", "South Korea"}, {"North Korean", "North Korea"},
      {"Australian", "Australia"},  {"Belgian", "Belgium"},        {"Dutch", "Netherlands"},
      {"Swedish", "Sweden"},        {"Greek", "Greece"},           {"Tunisian", "Tunisia"},
      {"Venezuelan", "Venezuela"},  {"Cuban", "Cuba"},             {"Georgian", "Georgia"},
      {"Chechen", "Chechnya"},      {"Belarusian", "Belarus"},     {"Hungarian", "Hungary"},
      {"English", "England"},       {"Scottish", "Scotland"},      {"Irish", "Ireland"},
      {"Indonesian", "Indonesia"},  {"Malaysian", "Malaysia"},     {"Thai", "Thailand"}};
  for (const auto& [d, c] : kDemonyms)
    if (w == d) return c;
  return "";
}

// A player's position in a side ("captain", "striker"): "Swedish captain
// Andreas Granqvist" plays for Sweden, where "Swedish author" only says
// where the author is from.
bool IsNationalSidePosition(const std::string& noun) {
  static const std::set<std::string> kPositions = {
      "captain", "defender", "striker", "goalkeeper", "keeper",  "midfielder", "forward",
      "winger",  "coach",    "manager", "player",     "skipper", "goalscorer", "substitute"};
  return kPositions.count(noun) > 0;
}

// "North", "South", "East", "West" (and "Northern" ...).
bool IsCompassWord(const std::string& w) {
  static const std::set<std::string> kWords = {"North",    "South",    "East",    "West",
                                               "Northern", "Southern", "Eastern", "Western"};
  return kWords.count(w) > 0;
}

// Title words that are a role ("President", "Foreign Minister"), not an
// honorific or a description ("Mr.", "former").
bool IsRoleWord(const std::string& w) {
  if (!IsPersonTitle(w)) return false;
  static const char* kNotRoles[] = {"Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Sir",
                                    "Lord", "former", "Former", "suspect", "Suspect", "of",
                                    "press", "Press", "Prof.", "Professor"};
  for (const char* n : kNotRoles)
    if (w == n) return false;
  return true;
}

// Whether token `i` is the "of" of a title such as "Secretary of State".
bool IsOfInTitleOfState(const Sentence& s, int i) {
  const int n = static_cast<int>(s.tokens.size());
  return i >= 1 && i + 1 < n && s.tokens[i].form == "of" && s.tokens[i + 1].form == "State" &&
         IsRoleWord(s.tokens[i - 1].form);
}

bool NameLike(const Token& t) {
  const std::string& f = t.form;
  if (f.empty()) return false;
  unsigned char c = static_cast<unsigned char>(f[0]);
  return std::isupper(c) || std::isdigit(c) || c >= 0x80 || t.upos == "PROPN";
}

// Whether token `i` is the name half of an adjective made of a name:
// "pro-Beijing", "anti-EU", "non-EU" (no name, either half).
bool AfterProOrAnti(const Sentence& s, int i) {
  if (i < 2 || s.tokens[i - 1].form != "-" || s.tokens[i - 1].span.end != s.tokens[i].span.begin)
    return false;
  std::string prefix = Lower(s.tokens[i - 2].form);
  return prefix == "pro" || prefix == "anti" || prefix == "non";
}

// Whether `words`, of two or more, end in an institution's word: "Stanford
// University" (WordNet's universities are also their grounds, places).
bool NamesSchoolOrMuseum(const std::string& words) {
  static const std::set<std::string> kInstitutions = {"University", "College", "Institute",
                                                      "School",     "Academy", "Museum"};
  size_t space = words.rfind(' ');
  return space != std::string::npos && kInstitutions.count(words.substr(space + 1)) > 0;
}

// Whether a name written `words` is a place's: WordNet's say first, else
// the recognizer's (`recognized`, its type when it found the name).
bool NamesPlace(const EntityCatalog& catalog, const std::string& words,
                std::optional<EntityType> recognized) {
  EntityType known = catalog.KnownType(words);
  // (An acronym WordNet does not know as a place is an organisation's far
  // more often: "Ann Chiang of DAB".)
  if (known != EntityType::kPlace && IsAcronym(words)) return false;
  // (Nor is a name ending in an institution's word: "John Smith of
  // Stanford University" is of the university, not from it.)
  if (NamesSchoolOrMuseum(words)) return false;
  return known == EntityType::kPlace || (known == EntityType::kOther && recognized == EntityType::kPlace);
}

// "Kowloon West", "New Territories East": a place's name and a capitalized
// compass word right after it (the recognizer's separate place, or no name)
// are one place, a district of it.
void JoinCompassSuffixes(const Sentence& s, std::vector<NamedSpan>* names) {
  const int n = static_cast<int>(s.tokens.size());
  std::vector<int> compass_words;  // each right after a place's name
  for (const NamedSpan& place : *names) {
    if (place.type != EntityType::kPlace || place.end >= n) continue;
    const Token& next = s.tokens[place.end];
    // (Not the first word of a name of its own: "... Hong Kong North
    // Korea ..." in a list.)
    if (IsCompassWord(next.form) && next.upos == "PROPN" &&
        !(place.end + 1 < n && s.tokens[place.end + 1].upos == "PROPN"))
      compass_words.push_back(place.end);
  }
  for (int compass : compass_words) {
    names->erase(std::remove_if(names->begin(), names->end(),
                                [&](const NamedSpan& r) {
                                  return r.begin == compass && r.end == compass + 1;
                                }),
                 names->end());
    for (NamedSpan& r : *names)
      if (r.type == EntityType::kPlace && r.end == compass) r.end = compass + 1;
  }
}

// "Lula da Silva", "Ursula von der Leyen", "Leonardo da Vinci", "Osama bin
// Laden": capitalized words around a lower-case name particle are one
// person's name, which the recognizer often cuts at the particle. The name
// takes the words on both sides (a place when WordNet knows the whole as
// one: "Rio de Janeiro"), and its words hang on its first in the parse.
void JoinNameParticles(Sentence& s, std::vector<NamedSpan>* names, const EntityCatalog* catalog) {
  const int n = static_cast<int>(s.tokens.size());
  auto capitalized = [&](int i) {
    const Token& t = s.tokens[i];
    return !t.form.empty() && std::isupper(static_cast<unsigned char>(t.form[0])) &&
           (t.upos == "PROPN" || t.upos == "NOUN" || t.upos == "ADJ" || t.upos == "X") &&
           !IsCalendarWord(t.form) && !IsPersonTitle(t.form);
  };
  auto span_at = [&](int i) -> NamedSpan* {
    for (NamedSpan& r : *names)
      if (i >= r.begin && i < r.end) return &r;
    return nullptr;
  };
  for (int p = 1; p + 1 < n; ++p) {
    if (!IsNameParticle(s.tokens[p].form) || !capitalized(p - 1)) continue;
    int after = p + 1;
    while (after < n && after < p + 3 && IsNameParticle(s.tokens[after].form)) ++after;
    if (after >= n || !capitalized(after)) continue;
    NamedSpan* left = span_at(p - 1);
    NamedSpan* right = span_at(after);
    if ((left && left->end != p) || (right && right->begin != after)) continue;
    int begin = left ? left->begin : p - 1;
    while (!left && begin > 0 && capitalized(begin - 1) && !span_at(begin - 1)) --begin;
    int end = right ? right->end : after + 1;
    while (!right && end < n && s.tokens[end].upos == "PROPN" && !span_at(end)) ++end;
    if (!left && !right && end - begin < 3) continue;  // "Banco do Brasil" needs a reader
    std::string words;
    for (int k = begin; k < end; ++k) words += (words.empty() ? "" : " ") + s.tokens[k].form;
    // (Romance institutions and places take the particles too:
    // "Universidade da Coruña", "Paseo de Montejo", "Rio de Janeiro".)
    static const std::set<std::string> kInstitutions = {
        "Universidade", "Universidad", "Università", "Universität", "Université",
        "Instituto",    "Institut",    "Istituto",   "Banco",       "Banca",
        "Museo",        "Museu",       "Musée",      "Escola",      "Escuela",
        "École",        "Colegio",     "Teatro",     "Club",        "Real",
        "Estadio",      "Hospital",    "Casa",       "Palacio",     "Palazzo"};
    static const std::set<std::string> kPlaces = {
        "Rio",   "Costa", "Porto", "Puerto", "Santa",  "San",   "Santo", "São",   "Ciudad",
        "Villa", "Isla",  "Lago",  "Monte",  "Sierra", "Plaza", "Praça", "Paseo", "Avenida",
        "Via",   "Rue",   "Place", "Bois",   "Île",    "Cabo",  "Mar",   "Playa", "Valle"};
    const std::string& first_word = s.tokens[begin].form;
    EntityType type = kInstitutions.count(first_word) ? EntityType::kOrganization
                      : kPlaces.count(first_word)     ? EntityType::kPlace
                                                      : EntityType::kPerson;
    if (catalog) {
      EntityType known = catalog->KnownType(words);
      if (known != EntityType::kOther) type = known;
    }
    // The parse: the words hang on the first, which hangs where the name
    // did as an argument (the word whose head lies outside it: "Leyen" the
    // subject of "met", not "der" the root). A verb the parser hung on the
    // name ("der" -> "met") takes the name's other place.
    std::vector<int> outside;
    for (int k = begin; k < end; ++k)
      if (s.tokens[k].head < begin || s.tokens[k].head >= end) outside.push_back(k);
    if (outside.empty()) continue;
    auto argument = [&](int k) {
      const std::string& d = s.tokens[k].deprel;
      return d == "nsubj" || d == "nsubj:pass" || d == "obj" || d == "iobj" || d == "obl" ||
             d == "nmod" || d == "appos" || d == "conj" || d == "nmod:poss";
    };
    int main = outside.back();
    for (int k : outside)
      if (argument(k)) main = k;
    const int verb = s.tokens[main].head;
    int other = -1;
    for (int k : outside)
      if (k != main) other = k;
    const bool verb_on_name =
        verb >= 0 && s.tokens[verb].head >= begin && s.tokens[verb].head < end;
    // (A sentence whose root the parser put in the name, with nothing to
    // take its place, is parsed too wrongly to mend here: "the Escola do
    // Cérebro", "do" read as a verb.)
    if (other >= 0 && s.tokens[other].head < 0 && !verb_on_name) continue;
    const Token was_main = s.tokens[main];
    if (verb_on_name) {
      s.tokens[verb].head = other >= 0 ? s.tokens[other].head : -1;
      s.tokens[verb].deprel = other >= 0 ? s.tokens[other].deprel : "root";
    }
    s.tokens[begin].head = was_main.head;
    s.tokens[begin].deprel = was_main.deprel;
    for (int k = begin + 1; k < end; ++k) {
      s.tokens[k].head = begin;
      s.tokens[k].deprel = "flat";
    }
    for (int k = 0; k < n; ++k)
      if ((k < begin || k >= end) && s.tokens[k].head > begin && s.tokens[k].head < end)
        s.tokens[k].head = begin;
    std::vector<NamedSpan> kept;
    for (const NamedSpan& r : *names)
      if (r.end <= begin || r.begin >= end) kept.push_back(r);
    kept.push_back(NamedSpan{begin, end, type});
    std::sort(kept.begin(), kept.end(),
              [](const NamedSpan& a, const NamedSpan& b) { return a.begin < b.begin; });
    *names = std::move(kept);
    p = end;
  }
}

// "Vostok 1", "Apollo 11", "STS-1", "Windows 10": a number right after a
// name, which the parser joins to it (often as the phrase's head), ends the
// name. The recognizer's name grows by it; proper nouns it missed become a
// name with it. Not a score ("South Korea 1 - 0"), a date ("September
// 11") or a person's name. (CleanNames, later, still takes a number after
// a name this left alone, and types such names as products: "Boeing 777";
// the two should become one.)
void JoinNumberedNames(Sentence& s, std::vector<NamedSpan>* names) {
  const int n = static_cast<int>(s.tokens.size());
  auto number = [&](int i) {
    const std::string& f = s.tokens[i].form;
    return s.tokens[i].xpos == "CD" && f.size() <= 3 && text::IsDigits(f);
  };
  for (int i = 1; i < n; ++i) {
    int num = i;
    bool glued = false;
    if (s.tokens[i].form == "-" && i + 1 < n && s.tokens[i - 1].span.end == s.tokens[i].span.begin &&
        s.tokens[i].span.end == s.tokens[i + 1].span.begin) {
      num = i + 1;
      glued = true;
    }
    if (!number(num)) continue;
    int last = i - 1;  // the name's last word
    const Token& name = s.tokens[last];
    if (name.upos != "PROPN" || IsCalendarWord(name.form)) continue;
    if (num + 1 < n) {
      const Token& after = s.tokens[num + 1];
      // (Nor a name that runs on: "The Internet Explorer 6 Countdown".)
      if (after.upos == "NUM" || after.form == "-" || after.form == "\xE2\x80\x93" ||
          after.form == "\xE2\x80\x94" || after.upos == "NOUN" || after.upos == "PROPN")
        continue;
    }
    // The parser joins them: one hangs on the other.
    bool joined = glued || s.tokens[num].head == last || name.head == num ||
                  (s.tokens[num].head == name.head && name.head >= 0);  // both on the verb
    if (!joined) continue;
    NamedSpan* own = nullptr;
    int first = last;
    for (NamedSpan& r : *names)
      if (last >= r.begin && last < r.end) own = &r;
    if (own) {
      if (own->type == EntityType::kPerson || own->end != last + 1) continue;
      own->end = num + 1;
      first = own->begin;
    } else {
      bool taken = false;
      for (const NamedSpan& r : *names) taken |= num >= r.begin && num < r.end;
      if (taken) continue;
      // (Capitalized words before it are the name's: "Internet Explorer 9",
      // whose "Internet" the tagger reads as a common noun.)
      auto name_word = [&](int k) {
        const Token& t = s.tokens[k];
        return (t.upos == "PROPN" || ((t.upos == "NOUN" || t.upos == "ADJ") && NameLike(t))) &&
               !IsCalendarWord(t.form);
      };
      while (first > 0 && name_word(first - 1)) --first;
      for (const NamedSpan& r : *names) taken |= r.end > first && r.begin <= last;
      if (taken) continue;
      names->push_back(NamedSpan{first, num + 1, EntityType::kOther});
      SortByBegin(names);
    }
    // One phrase in the tree too, headed by the name ("aboard Vostok 1"
    // was "1" with "Vostok" on it; "on STS-1" had "-" as the number's
    // preposition).
    std::vector<Token>& t = s.tokens;
    auto inside = [&](int h) { return h >= first && h <= num; };
    int root = -1;
    for (int k = first; k <= last; ++k)
      if (!inside(t[k].head)) root = k;
    if (root < 0) {
      for (int k = first; k <= last; ++k)
        if (t[k].head == num) root = k;
      if (root < 0) continue;
      t[root].head = t[num].head;
      t[root].deprel = t[num].deprel;
    }
    for (int k = 0; k < n; ++k)
      if (t[k].head == num && !inside(k)) t[k].head = root;
    t[num].head = root;
    t[num].deprel = "flat";
    if (glued) {
      t[i].head = num;
      t[i].deprel = "punct";
    }
    i = num;
  }
}

// An acronym and the words in brackets that spell it: "NATO (North
// Atlantic Treaty Organization)".
struct AcronymExpansion {
  int acronym = -1;  // the acronym's token
  NamedSpan words;   // the bracketed words
};

// "FIRST (For Inspiration and Recognition of Science and Technology)",
// "NATO (North Atlantic Treaty Organization)": the words in brackets after
// an acronym that spell it are one name, the acronym's (the recognizer
// often reads three). Returns the expansions so joined.
std::vector<AcronymExpansion> JoinAcronymExpansions(const Sentence& s, std::vector<NamedSpan>* names) {
  std::vector<AcronymExpansion> joined;
  const int n = static_cast<int>(s.tokens.size());
  for (int open = 1; open + 3 < n; ++open) {
    if (s.tokens[open].form != "(") continue;
    int close = open + 1;
    while (close < n && close < open + 14 && s.tokens[close].form != ")") ++close;
    if (close >= n || s.tokens[close].form != ")" || close - open < 3) continue;
    std::string words;
    bool name_like = true;
    for (int k = open + 1; k < close; ++k) {
      const std::string& f = s.tokens[k].form;
      name_like &= !f.empty() && (std::isupper(static_cast<unsigned char>(f[0])) || IsSmallWord(f));
      words += (words.empty() ? "" : " ") + f;
    }
    if (!name_like || !std::isupper(static_cast<unsigned char>(s.tokens[open + 1].form[0]))) continue;
    // The acronym: just before the brackets, or a few words before ("The
    // FIRST Global competition (For ...)").
    int acronym = -1;
    for (int k = open - 1; k >= 0 && k >= open - 4 && acronym < 0; --k)
      if (IsAcronym(s.tokens[k].form) && AcronymMatches(s.tokens[k].form, words)) acronym = k;
    if (acronym < 0) continue;
    EntityType type = EntityType::kOrganization;
    std::vector<NamedSpan> kept;
    for (const NamedSpan& r : *names) {
      if (acronym >= r.begin && acronym < r.end && r.type != EntityType::kOther) type = r.type;
      if (r.end <= open + 1 || r.begin >= close) kept.push_back(r);
    }
    kept.push_back(NamedSpan{open + 1, close, type});
    SortByBegin(&kept);
    *names = std::move(kept);
    joined.push_back(AcronymExpansion{acronym, NamedSpan{open + 1, close, type}});
    open = close;
  }
  return joined;
}

// The relation between an organisation and a place that lower-case noun
// `lemma` for its seat gives ("headquarters" -> headquarter_in, "offices"
// -> office_in, "campus" -> campus_in), or "" for any other noun.
std::string SeatRelation(const std::string& lemma) {
  static const std::map<std::string, std::string> kSeats = {
      {"headquarters", "headquarter_in"}, {"headquarter", "headquarter_in"}, {"hq", "headquarter_in"},
      {"seat", "headquarter_in"},         {"office", "office_in"},           {"offices", "office_in"},
      {"campus", "campus_in"}};
  auto it = kSeats.find(lemma);
  return it == kSeats.end() ? "" : it->second;
}

// Whether `word` heads the names of buildings and the institutions they
// house ("Kennedy Space Center", "Art Gallery"), names that often join two
// words by "and".
bool IsInstitutionWord(const std::string& word) {
  static const std::set<std::string> kHeads = {
      "Center",  "Centre",     "Gallery",      "Galleries",   "Hall",    "Library",
      "Hospital", "Laboratory", "Laboratories", "Observatory", "Theatre", "Theater",
      "Studios", "Office",     "Service",      "Services",    "Administration"};
  return kHeads.count(word) > 0;
}

// Whether `words` are the initials of the United States or the United
// Kingdom, as names of institutions end in them ("of the US").
bool IsCountryInitials(const std::string& words) {
  static const std::set<std::string> kInitials = {"US", "U.S.", "USA", "U.S.A.", "UK", "U.K."};
  return kInitials.count(words) > 0;
}

// Whether name `a` ends in "of the" and a country's initials: "the National
// Museum of the U.S." (cut short of "Air Force").
bool EndsInCountryInitials(const Sentence& s, const NamedSpan& a) {
  if (a.end - a.begin < 4) return false;
  return Lower(s.tokens[a.end - 2].form) == "the" && Lower(s.tokens[a.end - 3].form) == "of" &&
         IsCountryInitials(s.tokens[a.end - 1].form);
}

// Names the recognizer cut in two, joined again:
//   - across a hyphen inside a word: "Steven F. Udvar" + "Hazy Center",
//     whether or not the recognizer found the second part;
//   - across "and" or "&" when only the second part ends as an institution's
//     name does: "Evergreen Aviation" & "Space Museum" (not "Harvard
//     University" and "Yale University"); or when the second part is words
//     the recognizer left out ("Tang Teaching Museum" and "Art Gallery");
//   - across "on", "for" or "of" (and "the") after an organisation's head
//     word: "Council" on "American-Islamic Relations".
// A person's name is never joined.
std::vector<NamedSpan> JoinCutNames(const Sentence& s, std::vector<NamedSpan> names) {
  const int n = static_cast<int>(s.tokens.size());
  auto words = [&](int b, int e) {
    std::vector<std::string> w;
    for (int i = std::max(0, b); i < std::min(n, e); ++i) w.push_back(s.tokens[i].form);
    return w;
  };
  // Whether tokens [b, e) end as an institution's name does.
  auto institution = [&](int b, int e) {
    if (e <= b) return false;
    const std::string& last = s.tokens[e - 1].form;
    return IsOrganizationHeadWord(last) || IsInstitutionWord(last) || EndsWithOrganizationWord(words(b, e));
  };
  auto glued = [&](int a, int b) { return s.tokens[a].span.end == s.tokens[b].span.begin; };
  auto capitalized = [&](int i) {
    const std::string& f = s.tokens[i].form;
    return !f.empty() && std::isupper(static_cast<unsigned char>(f[0])) && s.tokens[i].upos != "PUNCT";
  };
  SortByBegin(&names);
  std::vector<NamedSpan> out;
  for (size_t k = 0; k < names.size(); ++k) {
    NamedSpan a = names[k];
    if (a.type == EntityType::kPerson || a.end >= n) {
      out.push_back(a);
      continue;
    }
    std::string connector = Lower(s.tokens[a.end].form);
    bool and_word = connector == "and" || connector == "&";
    bool and_joins = and_word && !institution(a.begin, a.end);
    if (k + 1 < names.size() && names[k + 1].type != EntityType::kPerson) {
      const NamedSpan& b = names[k + 1];
      // (Not "U.S.-Russian relations": a nationality joined to a name.)
      bool hyphen = b.begin == a.end + 1 && connector == "-" && glued(a.end - 1, a.end) &&
                    glued(a.end, b.begin) && CountryOfDemonym(s.tokens[b.begin].form).empty();
      bool and_institution = b.begin == a.end + 1 && and_joins && institution(b.begin, b.end);
      int after = a.end + 1;
      if (after < n && Lower(s.tokens[after].form) == "the") ++after;
      // (A place after "of" is where the organisation is: "Colorado State
      // University of the US".)
      bool head_of = (connector == "on" || connector == "for" ||
                      (connector == "of" && b.type != EntityType::kPlace)) &&
                     b.begin == after && IsOrganizationHeadWord(s.tokens[a.end - 1].form);
      // "the National Museum of the U.S." + "Air Force": a name that ends
      // in "of" and a country's initials runs on into the name right after.
      bool initials_then_name = b.begin == a.end && EndsInCountryInitials(s, a);
      // "the University of North Carolina at Greensboro": a state
      // university's campus is named after its town.
      bool campus = connector == "at" && b.begin == a.end + 1 && b.type == EntityType::kPlace &&
                    a.end - a.begin >= 3 && s.tokens[a.begin].form == "University" &&
                    s.tokens[a.begin + 1].form == "of";
      if (hyphen || and_institution || head_of || initials_then_name || campus) {
        a.end = b.end;
        a.type = head_of || initials_then_name || campus ? EntityType::kOrganization : b.type;
        out.push_back(a);
        ++k;
        continue;
      }
    }
    // (Or into the proper nouns the recognizer left out: "Air Force".)
    if (EndsInCountryInitials(s, a)) {
      int limit = k + 1 < names.size() ? names[k + 1].begin : n;
      int e = a.end;
      while (e < limit && capitalized(e) && s.tokens[e].upos == "PROPN") ++e;
      if (e > a.end) {
        a.end = e;
        a.type = EntityType::kOrganization;
        out.push_back(a);
        continue;
      }
    }
    // "the National Council for Research": an organisation's head word,
    // "for" or "on" and capitalized words the recognizer left out are one
    // name (else "National Council" alone would pass for another council
    // "for" something of the text).
    // So is a publication's "of": "the New England Journal of Medicine".
    const std::string& head_word = s.tokens[a.end - 1].form;
    bool publication_of = connector == "of" && (head_word == "Journal" || head_word == "Review");
    if (((connector == "for" || connector == "on") && IsOrganizationHeadWord(head_word)) ||
        publication_of) {
      int limit = k + 1 < names.size() ? names[k + 1].begin : n;
      int e = a.end + 1;
      if (e < limit && Lower(s.tokens[e].form) == "the") ++e;
      int words = e;
      while (e < limit && capitalized(e) &&
             (s.tokens[e].upos == "PROPN" || s.tokens[e].upos == "NOUN"))
        ++e;
      if (e > words) {
        a.end = e;
        a.type = EntityType::kOrganization;
        out.push_back(a);
        continue;
      }
    }
    // "the Budweiser Man of the Match award": a name that the parser hangs
    // on the capitalized word right after it is cut short; it runs on over
    // capitalized words (and "of the" between them). Not over a title
    // ("Apple CEO Tim Cook") or another name.
    size_t next = k + 1;
    int next_name = next < names.size() ? names[next].begin : n;
    auto name_word = [&](int i) {
      return i < next_name && capitalized(i) && !IsPersonTitle(s.tokens[i].form) &&
             !IsAcronym(s.tokens[i].form) && (s.tokens[i].upos == "NOUN" || s.tokens[i].upos == "PROPN");
    };
    // (Titles IsPersonTitle does not list.)
    auto post_word = [&](const Token& t) {
      static const std::set<std::string> kPosts = {"Administrator", "Manager", "Officer", "Commander"};
      return kPosts.count(t.form) > 0;
    };
    bool hangs_on_next = false;
    for (int i = a.begin; i < a.end; ++i) hangs_on_next |= s.tokens[i].head == a.end;
    // (The word after is a common noun written with a capital, as in a
    // title: a proper noun there is a name of its own, "NASA Administrator
    // Charles Bolden".)
    if (hangs_on_next && a.begin > 0 && name_word(a.end) && s.tokens[a.end].upos == "NOUN" &&
        !post_word(s.tokens[a.end])) {
      int e = a.end + 1;
      while (true) {
        int of = e < n && Lower(s.tokens[e].form) == "of" ? e + 1 : -1;
        if (of > 0 && of < n && s.tokens[of].form == "the") ++of;
        if (e < n && name_word(e)) {
          ++e;
        } else if (of > 0 && of < n && name_word(of)) {
          e = of + 1;
        } else if (of > 0 && of == next_name && names[next].type != EntityType::kPerson) {
          // ("Man of the" + the recognizer's "Match".)
          e = names[next].end;
          k = next++;
          next_name = next < names.size() ? names[next].begin : n;
        } else {
          break;
        }
      }
      a.end = e;
      a.type = EntityType::kOther;
      out.push_back(a);
      continue;
    }
    if (connector == "-" && a.end + 1 < n && glued(a.end - 1, a.end) && glued(a.end, a.end + 1) &&
        capitalized(a.end + 1) && CountryOfDemonym(s.tokens[a.end + 1].form).empty() &&
        (k + 1 >= names.size() || names[k + 1].begin > a.end + 1)) {
      // "Steven F. Udvar" + "-Hazy Center", the rest left out: the
      // capitalized words after the hyphen.
      int limit = k + 1 < names.size() ? names[k + 1].begin : n;
      int e = a.end + 2;
      while (e < limit && capitalized(e) && s.tokens[e].xpos == "NNP") ++e;
      a.end = e;
    } else if (and_word) {
      // "and Art Gallery": capitalized words the recognizer left out, up to
      // an institution's head word.
      int limit = k + 1 < names.size() ? names[k + 1].begin : n;
      int e = a.end + 1;
      while (e < limit && capitalized(e) && !institution(a.end + 1, e)) ++e;
      if (e > a.end + 1 && institution(a.end + 1, e)) a.end = e;
    }
    out.push_back(a);
  }
  return out;
}

// Quotation marks as the tokenizer leaves them: straight, curly, or PTB's.
bool IsOpeningQuote(const std::string& f) { return f == "\"" || f == "\xE2\x80\x9C" || f == "``"; }
bool IsClosingQuote(const std::string& f) { return f == "\"" || f == "\xE2\x80\x9D" || f == "''"; }

// "the screen print called "Cowboys and Indians"", "a film titled "The
// Day After"": capitalized words in quotes right after a naming word are
// one name, a work's, whatever pieces the recognizer found inside.
std::vector<NamedSpan> JoinQuotedTitles(const Sentence& s, std::vector<NamedSpan> names) {
  const int n = static_cast<int>(s.tokens.size());
  static const std::set<std::string> kNaming = {"called", "titled", "entitled", "named", "dubbed"};
  for (int q = 1; q + 3 < n; ++q) {
    if (!IsOpeningQuote(s.tokens[q].form) || !kNaming.count(Lower(s.tokens[q - 1].form))) continue;
    int c = q + 1;
    while (c < n && c <= q + 10 && !IsClosingQuote(s.tokens[c].form)) ++c;
    if (c >= n || c > q + 10 || c - q - 1 < 2) continue;
    bool title = true;
    for (int k = q + 1; k < c && title; ++k) {
      const std::string& f = s.tokens[k].form;
      bool capital = !f.empty() && std::isupper(static_cast<unsigned char>(f[0]));
      bool edge = k == q + 1 || k == c - 1;
      title = capital || (!edge && IsSmallWord(Lower(f))) || (!edge && f == "&");
    }
    if (!title) continue;
    std::vector<NamedSpan> kept;
    for (const NamedSpan& r : names)
      if (r.end <= q + 1 || r.begin >= c) kept.push_back(r);
    kept.push_back(NamedSpan{q + 1, c, EntityType::kProduct});
    SortByBegin(&kept);
    names = std::move(kept);
  }
  return names;
}

// The recognizer's names, made safe to build nodes from: cut at words that
// cannot be inside a name ("Castlefrank Road in Kanata" -> two names; "Barack
// Obama to Facebook"), in a person's name at a possessive ("Demosisto 's
// Nathan Law" -> Nathan Law; the possessor is a name of its own) and at "of" and "and"
// ("Kwong Chun-yu of the Democratic Party"); trimmed to name-like words at
// both ends; a lone adjective ("Korean") is no name. Cut names are joined
// first (JoinCutNames).
std::vector<NamedSpan> CleanNames(const Sentence& s, const std::vector<NamedSpan>& recognized) {
  std::vector<NamedSpan> names = JoinQuotedTitles(s, JoinCutNames(s, recognized));
  std::vector<NamedSpan> out;
  const int n = static_cast<int>(s.tokens.size());
  // "fung" in "Chi-fung": the rest of a hyphenated word.
  auto hyphen_rest = [&](int i) {
    return i > 0 && s.tokens[i - 1].form == "-" && s.tokens[i - 1].span.end == s.tokens[i].span.begin;
  };
  auto emit = [&](int b, int e, EntityType type) {
    while (b < e && !NameLike(s.tokens[b])) ++b;
    while (e > b && !NameLike(s.tokens[e - 1]) && !hyphen_rest(e - 1)) --e;
    // "Daniel Bernoulli FRS", "Dame Zaha Hadid DBE RA": honours after a
    // name are no part of it.
    while (e - b >= 2 && IsPostNominal(s.tokens[e - 1].form)) --e;
    if (b >= e) return;
    // "(Arabic: Zahā Ḥadīd)", "(French: Pierre Charles L'Enfant)": the name
    // written in another language is a gloss of the name before it, no
    // entity of its own.
    for (int k = b - 1; k >= 1 && k >= b - 4; --k) {
      if (s.tokens[k].form != ":") continue;
      int language = k - 1;
      if (Lower(s.tokens[language].form) == "pronunciation" && language >= 1) --language;
      if (language >= 1 && s.tokens[language - 1].form == "(" && IsLanguageName(s.tokens[language].form))
        return;
    }
    // "Pro-Beijing DAB": the stance is no part of the name after it.
    while (b + 3 < e && s.tokens[b + 1].form == "-" && AfterProOrAnti(s, b + 2)) b += 3;
    if (AfterProOrAnti(s, b)) return;  // "pro-Beijing"
    // "However", "Meanwhile": a one-word name the tagger reads as a
    // function word or an adverb is none.
    const std::string& u = s.tokens[b].upos;
    if (e - b == 1 && (u == "ADV" || u == "SCONJ" || u == "CCONJ" || u == "ADP" || u == "DET" ||
                       u == "PRON" || u == "AUX" || u == "INTJ" || u == "PART"))
      return;
    if (e - b == 1 && e < n && s.tokens[e].form == "-" &&
        (Lower(s.tokens[b].form) == "pro" || Lower(s.tokens[b].form) == "anti"))
      return;
    if (e - b == 1 && s.tokens[b].upos == "ADJ") return;
    // "render into Chinese Bernhard Karlgren's Etudes": a nationality or a
    // language before a person's name of two words or more is no part of it.
    if (type == EntityType::kPerson && e - b >= 3 && !CountryOfDemonym(s.tokens[b].form).empty()) ++b;
    // "the South Korean puppet military": a nationality is no name.
    std::string words;
    for (int i = b; i < e; ++i) words += (i > b ? " " : "") + s.tokens[i].form;
    if (!CountryOfDemonym(words).empty() && s.tokens[e - 1].upos != "NOUN" && words != "US" &&
        words != "UK" && words != "U.S.")
      return;
    out.push_back(NamedSpan{b, e, type});
  };
  std::vector<bool> taken(n, false);
  for (const NamedSpan& name : names)
    for (int i = std::max(0, name.begin); i < std::min(n, name.end); ++i) taken[i] = true;
  // A proper noun hanging on the name from outside belongs to it: the
  // recognizer's "States" in "the United States" (United: NNP, amod).
  auto proper_attached = [&](int i, int b, int e) {
    const Token& t = s.tokens[i];
    return !taken[i] && (t.xpos == "NNP" || t.xpos == "NNPS") && NameLike(t) && t.head >= b &&
           t.head < e && !IsCalendarWord(t.form);
  };
  // "a sensitive Environment Canada document": a capitalized common noun
  // inside a sentence, just before a place's name and modifying what the
  // name modifies, makes one name with it, an organisation's ("Environment
  // Canada", "Health Canada", "Air Canada").
  auto noun_before_place = [&](int i, int b, int e) {
    const Token& t = s.tokens[i];
    const Token& last = s.tokens[e - 1];
    return i > 0 && !taken[i] && t.upos == "NOUN" && (t.xpos == "NN" || t.xpos == "NNS") &&
           std::isupper(static_cast<unsigned char>(t.form[0])) && !text::IsAllUpper(t.form) &&
           t.deprel == "compound" && (t.head == last.head || (t.head >= b && t.head < e)) &&
           !IsPersonTitle(t.form) && !IsCalendarWord(t.form) && s.tokens[i - 1].form != "\"" &&
           s.tokens[i - 1].upos != "PUNCT";
  };
  std::set<int> swallowed;  // one-word names taken into the name before them
  for (const NamedSpan& name : names) {
    int b = std::max(0, name.begin), e = std::min(n, name.end);
    if (e - b == 1 && swallowed.count(b)) continue;
    EntityType type = name.type;
    // "Commanders of the Korean People's Army", "Members of the Sea Org":
    // people of an organisation are not its name. (A building's name may
    // start so: "Daughters of the American Revolution Constitution Hall".)
    if (e - b >= 3 && s.tokens[b].xpos == "NNS" && Lower(s.tokens[b + 1].form) == "of" &&
        !IsInstitutionWord(s.tokens[e - 1].form)) {
      b += 2;
      if (b < e && Lower(s.tokens[b].form) == "the") ++b;
    }
    while (b > 0 && proper_attached(b - 1, b, e)) taken[--b] = true;
    // "beat Real Madrid": a capitalized adjective inside a sentence that
    // modifies the name's first word is its first word (not a nationality
    // or a title: "Swedish", "Former").
    if (b > 1 && type != EntityType::kPerson && !taken[b - 1] && s.tokens[b - 1].upos == "ADJ" &&
        s.tokens[b - 1].deprel == "amod" &&
        !std::isdigit(static_cast<unsigned char>(s.tokens[b - 1].form[0])) &&
        s.tokens[b - 1].head >= b && s.tokens[b - 1].head < e && NameLike(s.tokens[b - 1]) &&
        CountryOfDemonym(s.tokens[b - 1].form).empty() && !IsPersonTitle(s.tokens[b - 1].form) &&
        s.tokens[b - 2].form != "\"" && s.tokens[b - 2].upos != "PUNCT")
      taken[--b] = true;
    // "Ford Motor Company", of which the recognizer found "Company": the
    // proper nouns right before the name that its first word hangs on are
    // its first words.
    if (int h = s.tokens[b].head;
        h >= 0 && h < b && b - h <= 3 &&
        (s.tokens[b].deprel == "flat" || s.tokens[b].deprel == "compound") &&
        TypeFromCues({s.tokens[e - 1].form}, "") == EntityType::kOrganization) {
      bool proper = true;
      for (int k = h; k < b && proper; ++k)
        proper = !taken[k] && (s.tokens[k].xpos == "NNP" || s.tokens[k].xpos == "NNPS") &&
                 NameLike(s.tokens[k]) && !IsCalendarWord(s.tokens[k].form) &&
                 CountryOfDemonym(s.tokens[k].form).empty();
      if (proper) {
        for (int k = h; k < b; ++k) taken[k] = true;
        b = h;
        type = EntityType::kOrganization;
      }
    }
    // "Wright-Patterson Air Force Base": a capitalized word joined by a
    // hyphen to the name's first word is part of it.
    while (b >= 2 && s.tokens[b - 1].form == "-" && !taken[b - 2] &&
           s.tokens[b - 2].span.end == s.tokens[b - 1].span.begin &&
           s.tokens[b - 1].span.end == s.tokens[b].span.begin &&
           std::isupper(static_cast<unsigned char>(s.tokens[b - 2].form[0])) &&
           std::isupper(static_cast<unsigned char>(s.tokens[b].form[0]))) {
      taken[b - 1] = taken[b - 2] = true;
      b -= 2;
    }
    if (type == EntityType::kPlace && b > 0 && noun_before_place(b - 1, b, e)) {
      taken[--b] = true;
      type = EntityType::kOrganization;
    }
    while (e < n && proper_attached(e, b, e)) taken[e++] = true;
    // "the Los Angeles Police Department", "the Texas Highway Patrol": a
    // place's name that modifies the proper nouns the recognizer left out
    // right after it, which end as an organisation's name does, is the
    // first part of that organisation's name.
    if (type == EntityType::kPlace) {
      int j = e;
      while (j < n && !taken[j] && (s.tokens[j].xpos == "NNP" || s.tokens[j].xpos == "NNPS") &&
             NameLike(s.tokens[j]) && !IsCalendarWord(s.tokens[j].form) &&
             !IsPersonTitle(s.tokens[j].form) && CountryOfDemonym(s.tokens[j].form).empty())
        ++j;
      int place_head = b;
      while (place_head + 1 < e && s.tokens[place_head].head >= b && s.tokens[place_head].head < e)
        ++place_head;
      int h = s.tokens[place_head].head;
      std::vector<std::string> words;
      for (int i = e; i < j; ++i) words.push_back(s.tokens[i].form);
      if (j > e && h >= e && h < j && s.tokens[place_head].deprel == "compound" &&
          (IsOrganizationHeadWord(words.back()) ||
           TypeFromCues({words.back()}, "") == EntityType::kOrganization)) {
        for (int i = e; i < j; ++i) taken[i] = true;
        e = j;
        type = EntityType::kOrganization;
      }
    }
    // "Manchester United signed Pogba", parsed with "United" on the verb: a
    // proper noun right after the name, hanging on what the name hangs on
    // as a modifier, ends it.
    if (e < n && e - b == 1 && !taken[e] && s.tokens[e].xpos == "NNP" && NameLike(s.tokens[e]) &&
        (s.tokens[e].deprel == "amod" || s.tokens[e].deprel == "compound") &&
        s.tokens[e].head == s.tokens[b].head && s.tokens[e].head > e &&
        s.tokens[s.tokens[e].head].upos == "VERB" && !IsCalendarWord(s.tokens[e].form) &&
        CountryOfDemonym(s.tokens[e].form).empty())
      taken[e++] = true;
    // "the Korean People's Army", "New People's Party": a possessive and an
    // organisation's word after the name end one organisation's name.
    if (e + 1 < n && (s.tokens[e].form == "'s" || s.tokens[e].xpos == "POS") &&
        TypeFromCues({s.tokens[e + 1].form}, "") == EntityType::kOrganization &&
        (e + 2 >= n || !NameLike(s.tokens[e + 2]))) {
      taken[e] = taken[e + 1] = true;
      swallowed.insert(e + 1);  // the recognizer's own "Army", if any
      e += 2;
      type = EntityType::kOrganization;
    }
    // "Boeing 777", "iPhone 6": a model number makes the name a product's
    // (numbers JoinNumberedNames did not already join).
    // (Not a score: "South Korea 1 - 0".)
    bool score = e + 2 < n && (s.tokens[e + 1].form == "-" || s.tokens[e + 1].form == "\xE2\x80\x93") &&
                 s.tokens[e + 2].xpos == "CD";
    // (Nor a score written as one word: "Real Madrid 3-2".)
    if (e < n && !score) score = IsWrittenScore(s.tokens[e].form);
    // ("Vostok 1 flew": the parser may hang the name on its number; then
    // the name is no person's or place's and no noun follows the number.)
    auto number_of_name = [&](int i) {
      const Token& t = s.tokens[i];
      if (t.head >= b && t.head < e) return true;
      return s.tokens[e - 1].head == i && type != EntityType::kPerson && type != EntityType::kPlace &&
             (i + 1 >= n || s.tokens[i + 1].upos != "NOUN");
    };
    // "STS-135", "F-16", "COVID-19": a number glued to the name by a hyphen
    // is the end of the name (the tokenizer splits them, as UD EWT does).
    bool glued_number = e + 1 < n && !taken[e] && !taken[e + 1] && s.tokens[e].form == "-" &&
                        s.tokens[e + 1].xpos == "CD" &&
                        s.tokens[e - 1].span.end == s.tokens[e].span.begin &&
                        s.tokens[e].span.end == s.tokens[e + 1].span.begin &&
                        (e + 2 >= n || s.tokens[e + 2].span.begin > s.tokens[e + 1].span.end);
    if (glued_number) {
      taken[e] = taken[e + 1] = true;
      e += 2;
    } else if (e < n && !taken[e] && !score && s.tokens[e].xpos == "CD" && number_of_name(e) &&
               s.tokens[e].span.begin > s.tokens[e - 1].span.end) {
      taken[e++] = true;
      type = EntityType::kProduct;
    }
    // "the State Department Spokesperson": a role word ends no
    // organisation's name; it is the role of someone in it.
    while (e - b >= 2 && IsRoleWord(s.tokens[e - 1].form) && s.tokens[e - 1].form != "State")
      --e;
    // "Obama and Putin" is two names; "Procter and Gamble Company" one.
    std::vector<std::string> words;
    for (int i = b; i < e; ++i) words.push_back(s.tokens[i].form);
    bool ends_as_org = EndsWithOrganizationWord(words);
    if (ends_as_org && type == EntityType::kPerson) type = EntityType::kOrganization;
    // "the Hong Kong Police Force", "the Hong Kong Stock Exchange": a name the
    // recognizer took for a place's, of three words or more, that ends in an
    // organisation's word is an organisation's (not "West Bank", "Soviet
    // Union").
    if (type == EntityType::kPlace && words.size() >= 3 &&
        (ends_as_org || words.back() == "Exchange" ||
         TypeFromCues({words.back()}, "") == EntityType::kOrganization))
      type = EntityType::kOrganization;
    // "U.S. Space and Rocket Center", "Tang Teaching Museum and Art
    // Gallery": an institution's name keeps its "and".
    // So does a name that fills a pair of brackets, an acronym's words
    // ("NATO (North Atlantic Treaty Organization)"; JoinAcronymExpansions).
    bool bracketed = b > 0 && e < n && s.tokens[b - 1].form == "(" && s.tokens[e].form == ")";
    // And a work's title in quotes (JoinQuotedTitles): "Cowboys and Indians".
    bool quoted_title = type == EntityType::kProduct && b > 0 && e < n &&
                        IsOpeningQuote(s.tokens[b - 1].form) && IsClosingQuote(s.tokens[e].form);
    bool keeps_and =
        ends_as_org || bracketed || quoted_title ||
        (type != EntityType::kPerson && words.size() >= 3 && IsInstitutionWord(words.back()));
    bool campus_name = type == EntityType::kOrganization && e - b >= 5 &&
                       s.tokens[b].form == "University" && s.tokens[b + 1].form == "of";
    int start = b;
    for (int i = b; i < e; ++i) {
      const Token& t = s.tokens[i];
      std::string lower = Lower(t.form);
      bool cut = false;
      // (A month after a person's first name and before no number is a
      // family name: "Theresa May", "Brian May", "Robert March".)
      bool after_first_name = i > b && !IsPersonTitle(s.tokens[i - 1].form) &&
                              (i - 1 == b || IsPersonTitle(s.tokens[i - 2].form));
      bool month_as_family_name = type == EntityType::kPerson && after_first_name &&
                                  (t.form == "May" || t.form == "March" || t.form == "June" ||
                                   t.form == "April" || t.form == "August") &&
                                  (i + 1 >= n || s.tokens[i + 1].xpos != "CD");
      if (IsCalendarWord(t.form) && !month_as_family_name) {
        cut = true;  // "Vladimir Putin Tuesday"
      } else if (t.xpos == "POS" || t.form == "'s") {
        // "Demosisto 's Nathan Law", but "Korean People 's Army".
        cut = type == EntityType::kPerson;
      } else if (i > b && hyphen_rest(i)) {
        cut = false;  // "Hui Chi-fung": the lower-case half of a hyphenated name
      } else if (type == EntityType::kPerson && i > b && t.upos == "ADP" && lower != "de" &&
                 lower != "van" && lower != "von" && lower != "da" && lower != "du" &&
                 lower != "al" && lower != "bin") {
        cut = true;  // "Elizabeth Quat In the New Territories": a preposition ends a name
      } else if (lower == "at" && campus_name) {
        cut = false;  // "University of North Carolina at Greensboro"
      } else if (!NameLike(t)) {
        cut =
            !IsNameConnector(lower) ||
            (type == EntityType::kPerson && (lower == "of" || lower == "and" || lower == "the")) ||
            (lower == "and" && !keeps_and) ||
            // ("Procter & Gamble": an organisation's "&" joins its name.)
            (lower == "&" && !keeps_and && type != EntityType::kOrganization);
      }
      if (cut) {
        emit(start, i, type);
        start = i + 1;
        // "Wong Kwok-hing of FTU": what follows a person's "of" is no
        // person (most often the organisation).
        if (type == EntityType::kPerson && lower == "of") type = EntityType::kOther;
      }
    }
    emit(start, e, type);
  }
  // A person's name takes in the parse's name it belongs to: "Jay Carney"
  // when only "Carney" was recognized, and two names in a row ("Jay" +
  // "Carney") are one.
  std::vector<NamedSpan> merged;
  for (size_t k = 0; k < out.size(); ++k) {
    NamedSpan n = out[k];
    int floor = merged.empty() ? 0 : merged.back().end;
    // "Lee Cheuk-yan" when only "Lee" was recognized: the name's last word
    // hangs on the proper noun after it.
    int ceiling = k + 1 < out.size() ? out[k + 1].begin : static_cast<int>(s.tokens.size());
    while (n.type == EntityType::kPerson && n.end < ceiling && s.tokens[n.end].upos == "PROPN" &&
           NameLike(s.tokens[n.end]) && !IsRoleWord(s.tokens[n.end].form) &&
           s.tokens[n.end - 1].head == n.end &&
           (s.tokens[n.end - 1].deprel == "compound" || s.tokens[n.end - 1].deprel == "flat"))
      ++n.end;
    auto part_of_name = [&](int before, int first) {
      const Token& b = s.tokens[before];
      const Token& f = s.tokens[first];
      bool joined = (f.deprel == "flat" && f.head == before) ||
                    ((b.deprel == "compound" || b.deprel == "flat") && b.head == first);
      // "White House", "Democratic Party": a capitalized adjective tagged
      // as a proper noun's part (NNP).
      bool proper_adjective = b.upos == "ADJ" && b.xpos == "NNP" && b.deprel == "amod" &&
                              b.head == first && std::isupper(static_cast<unsigned char>(b.form[0]));
      return ((joined && b.upos == "PROPN") || proper_adjective) && NameLike(b) &&
             !IsPersonTitle(b.form) && CountryOfDemonym(b.form).empty();
    };
    while (n.begin - 1 >= floor && part_of_name(n.begin - 1, n.begin)) --n.begin;
    if (!merged.empty()) {
      NamedSpan& last = merged.back();
      const Token& first = s.tokens[n.begin];
      if (last.end == n.begin && last.type == EntityType::kPerson && n.type == EntityType::kPerson &&
          first.deprel == "flat" && first.head >= last.begin && first.head < last.end) {
        last.end = n.end;
        continue;
      }
    }
    merged.push_back(n);
  }
  return merged;
}

// The person a title says is interviewed, by a name of two or three
// capitalized words, or "": "Wikinews interviews Marymegan Daly on unusual
// new sea anemone", "Frank Messina: An Interview with the 'Mets Poet'",
// "Interview with US political activist and philosopher Noam Chomsky",
// "Biologist Nick Bos tells Wikinews about ...". Not "Wikinews interviews
// New York bar owner on Santorum cocktail" (a name before a noun describes
// it) nor "... Mario J. Lucero and Isabel Ruiz" (two people).
std::string IntervieweeOfTitle(const std::string& title) {
  std::vector<std::string> words;
  std::string word;
  for (char c : title + " ") {
    if (c == ' ' || c == ',' || c == ':' || c == ';') {
      if (!word.empty()) words.push_back(word);
      word.clear();
      if (c != ' ') words.push_back(std::string(1, c));
    } else {
      word += c;
    }
  }
  auto capitalized = [&](size_t i) {
    if (i >= words.size()) return false;
    const std::string& w = words[i];
    static const std::set<std::string> kNoNames = {"Wikinews", "An", "A", "The", "Interview"};
    return !w.empty() && std::isupper(static_cast<unsigned char>(w[0])) && !kNoNames.count(w) &&
           !IsCalendarWord(w);
  };
  auto lower_case = [&](size_t i) {
    return i < words.size() && !words[i].empty() &&
           std::islower(static_cast<unsigned char>(words[i][0]));
  };
  // (Wikinews titles may end in the date: "... Hugh McGuire Sunday, May 28, 2006".)
  static const std::set<std::string> kAfterName = {
      "on",     "about",   ",",         ":",        "tells",  "talks",    "speaks",
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  static const std::set<std::string> kPrepositions = {"on", "about", "of",   "for",   "at",
                                                      "in", "from",  "over", "after", "to"};
  // From word `i`: descriptions ("academic", "US political activist and
  // philosopher", "Biologist") skipped, a name followed by the end or by
  // what follows a name.
  auto name_from = [&](size_t i) -> std::string {
    for (size_t guard = 0; i < words.size() && guard < 8; ++guard) {
      size_t j = i;
      while (capitalized(j)) ++j;
      if (j > i) {
        if (lower_case(j) && !kAfterName.count(words[j])) {  // "US political activist"
          i = j;
          continue;
        }
        if (j - i < 2 || j - i > 3 || (j < words.size() && !kAfterName.count(words[j]))) return "";
        std::string name;
        for (size_t k = i; k < j; ++k) name += (name.empty() ? "" : " ") + words[k];
        return name;
      }
      if (!lower_case(i) || kPrepositions.count(words[i])) return "";
      ++i;
    }
    return "";
  };
  if (std::string name = name_from(0); !name.empty()) return name;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    std::string w = Lower(words[i]);
    if (w == "interviews" || w == "with" || w == ":")
      if (std::string name = name_from(i + 1); !name.empty()) return name;
  }
  return "";
}

// An interview: the one person of the text who answers as "I", or "" for
// other articles. An article is an interview when its title says so
// ("Interview with LibriVox founder Hugh McGuire", "Biologist Nick Bos
// tells Wikinews about ...") or its text does ("Wikinews spoke with
// William Evans, president of ..."). The person interviewed is the one the
// text names as such, or the one the title names (IntervieweeOfTitle) as
// the text writes the name, or as the title does when the text never
// names them.
std::string InterviewedPerson(const Document& document, const std::vector<Sentence>& sentences,
                              const std::vector<std::vector<NamedSpan>>& recognized) {
  std::string title = Lower(document.title);
  bool interview =
      title.find("interview") != std::string::npos || title.find("wikinews") != std::string::npos;
  const std::string of_title = IntervieweeOfTitle(document.title);
  const std::string title_last_name = of_title.substr(of_title.rfind(' ') + 1);
  static const std::set<std::string> kInterviewVerbs = {"interview", "speak", "talk", "catch",
                                                        "chat"};
  // The candidates by last name ("Noam Chomsky" and "Professor Chomsky"
  // are one person), each with how often each of its names is written.
  std::map<std::string, std::map<std::string, int>> interviewed;
  for (size_t si = 0; si < sentences.size(); ++si) {
    const std::vector<Token>& t = sentences[si].tokens;
    auto add = [&](const NamedSpan& name) {
      size_t begin = t[name.begin].span.begin, end = t[name.end - 1].span.end;
      if (end > document.text.size() || begin >= end) return;
      ++interviewed[t[name.end - 1].form][document.text.substr(begin, end - begin)];
    };
    // "Wikinews interviewed Tina McKenzie", "Wikinews spoke with ...": the
    // first person named after the verb.
    int verb = -1;
    for (const Token& w : t)
      if (w.form == "Wikinews" && w.deprel == "nsubj" && w.head >= 0 &&
          kInterviewVerbs.count(Lower(t[w.head].lemma)))
        verb = w.head;
    if (verb >= 0) {
      interview = true;
      for (const NamedSpan& name : recognized[si]) {
        if (name.begin <= verb || name.type != EntityType::kPerson || name.end - name.begin < 2)
          continue;
        add(name);
        break;
      }
    }
    if (!of_title.empty())
      for (const NamedSpan& name : recognized[si])
        if (name.type == EntityType::kPerson && t[name.end - 1].form == title_last_name) add(name);
  }
  if (!interview) return "";
  if (interviewed.empty()) return of_title;
  if (interviewed.size() != 1) return "";
  // The whole name written most often ("Noam Chomsky", not "Citation Index
  // Professor Chomsky" read once).
  std::string best;
  int best_count = 0;
  for (const auto& [text, count] : interviewed.begin()->second) {
    bool whole = text.find(' ') != std::string::npos;
    bool best_whole = best.find(' ') != std::string::npos;
    if (best.empty() || (whole && !best_whole) || (whole == best_whole && count > best_count)) {
      best = text;
      best_count = count;
    }
  }
  // (A last name alone: the title's whole name, "Simon Ličen".)
  if (best.find(' ') == std::string::npos && !of_title.empty() && best == title_last_name)
    return of_title;
  return best;
}

// The kind of entity noun `a` names together with the compound before it
// ("web browser": a product), when WordNet knows the compound.
std::optional<EntityType> CompoundKind(const EntityCatalog& catalog, const Sentence& s, int a) {
  if (a > 0 && s.tokens[a - 1].head == a && s.tokens[a - 1].deprel == "compound")
    return catalog.KindOfNoun(Lower(s.tokens[a - 1].form) + " " + Lower(s.tokens[a].lemma));
  return std::nullopt;
}

// The noun for a kind of person (WordNet's noun.person) the sentence gives
// the name headed by `head`, lower case, or "": "Environment Canada
// spokeswoman Sujata Raisinghani", "Paul Dewar, an Ottawa MP", "her
// husband, Tom Jones".
std::string PersonNounFor(const EntityCatalog& catalog, const Sentence& s, int head,
                          const std::vector<int>& kids) {
  auto person_noun = [&](int a) {
    const Token& t = s.tokens[a];
    if (t.upos != "NOUN" || !catalog.IsPersonNoun(Lower(t.lemma))) return false;
    // "a web browser" is no person, though a "browser" alone is one.
    std::optional<EntityType> whole = CompoundKind(catalog, s, a);
    return !whole || whole == EntityType::kPerson;
  };
  for (int a : kids) {
    const std::string& rel = s.tokens[a].deprel;
    if (((rel == "nmod:desc" && a < head) || (rel == "appos" && a > head)) && person_noun(a))
      return Lower(s.tokens[a].lemma);
  }
  const Token& h = s.tokens[head];
  if (h.deprel == "appos" && h.head >= 0 && h.head < head && person_noun(h.head))
    return Lower(s.tokens[h.head].lemma);
  return "";
}

// The noun the name headed by `head` qualifies when the noun says what
// kind of thing the name is ("the Kowloon West geographical constituency",
// "the Labour party"): a singular lower-case noun for a kind of place,
// organisation or event, of the name's type. Its token index, else -1.
// (Not "most U.S. cities", "the New York City skyline", "the Santorum
// drink".) `recognized`: the recognizer's type for the name.
int KindNounFor(const Sentence& s, int head, const std::optional<EntityType>& recognized) {
  const Token& t = s.tokens[head];
  if ((t.deprel != "compound" && t.deprel != "amod") || t.head <= head || !recognized) return -1;
  // (Through the adjectives between: "West" hangs on "geographical".)
  int h = t.head;
  for (int steps = 0; steps < 3 && s.tokens[h].upos == "ADJ" && s.tokens[h].deprel == "amod" &&
                      s.tokens[h].head > h;
       ++steps)
    h = s.tokens[h].head;
  const Token& noun = s.tokens[h];
  if (noun.upos != "NOUN" || noun.xpos != "NN" || noun.form.empty() ||
      !std::islower(static_cast<unsigned char>(noun.form[0])))
    return -1;
  std::string lemma = Lower(noun.lemma);
  static const std::set<std::string> kPlaceKinds = {
      "constituency",  "electorate",   "ward",   "riding",  "area",
      "neighbourhood", "neighborhood", "suburb", "borough", "prefecture"};
  static const std::set<std::string> kOrganizationKinds = {
      "party",   "company",      "firm",         "corporation", "group",     "agency",
      "club",    "organization", "organisation", "union",       "coalition", "alliance",
      "council", "committee",    "movement",     "network"};
  static const std::set<std::string> kEventKinds = {
      "election", "tournament", "championship", "festival", "conference", "summit", "war"};
  bool kind = false;
  switch (*recognized) {
    case EntityType::kPlace:
      kind = IsPlaceKindNoun(lemma) || kPlaceKinds.count(lemma);
      break;
    case EntityType::kOrganization:
      kind = kOrganizationKinds.count(lemma) > 0;
      break;
    case EntityType::kEvent:
      kind = kEventKinds.count(lemma) > 0;
      break;
    default:
      break;
  }
  return kind ? h : -1;
}

// NameMention::kind_word of the name headed by `head` (see KindNounFor).
std::string KindWordFor(const Sentence& s, int head, const std::optional<EntityType>& recognized) {
  int noun = KindNounFor(s, head, recognized);
  return noun < 0 ? "" : Lower(s.tokens[noun].lemma);
}

// The kind of thing (organisation, place, product) a noun describing the
// name headed by `head` names, as PersonNounFor finds a person's noun:
// "Microsoft's browser Internet Explorer", "Firefox, a web browser",
// "Mecca, Islam's holiest site", "Opera is a web browser".
std::optional<EntityType> DescribedKindFor(const EntityCatalog& catalog, const Sentence& s, int head,
                                           const std::vector<int>& kids) {
  auto kind = [&](int a) -> std::optional<EntityType> {
    // "a family of airliners", "a series of rockets": what they are of.
    static const std::set<std::string> kOfWhat = {"family", "series", "line", "range", "class",
                                                  "type",   "kind",   "model", "version", "brand"};
    for (int of = a; of >= 0 && s.tokens[a].upos == "NOUN" && kOfWhat.count(Lower(s.tokens[a].lemma));) {
      of = -1;
      for (int c = a + 1; c < static_cast<int>(s.tokens.size()) && of < 0; ++c)
        if (s.tokens[c].head == a && s.tokens[c].deprel == "nmod" && s.tokens[c].upos == "NOUN") of = c;
      if (of >= 0) a = of;
    }
    const Token& t = s.tokens[a];
    if (t.upos != "NOUN") return std::nullopt;
    // The compound first: "web browser" is software, a "browser" alone a
    // person who browses.
    std::optional<EntityType> k = CompoundKind(catalog, s, a);
    if (!k) k = catalog.KindOfNoun(Lower(t.lemma));
    // Nouns whose first sense is a person but which, said of a name, are
    // almost always the other: "Internet Explorer is the #2 browser", "the
    // carrier" of an airline.
    static const std::map<std::string, EntityType> kForNames = {
        {"browser", EntityType::kProduct},
        {"carrier", EntityType::kOrganization},
        {"group", EntityType::kOrganization}};  // WordNet's "group" is a top noun
    if (auto f = kForNames.find(Lower(t.lemma)); f != kForNames.end() && !CompoundKind(catalog, s, a))
      k = f->second;
    if (k == EntityType::kPerson) return std::nullopt;
    // "going by the name The Katherinator": a word for a name says nothing
    // of what it names.
    static const std::set<std::string> kNameWords = {"name", "nickname", "title", "word", "term",
                                                     "moniker", "pseudonym", "alias", "label"};
    if (kNameWords.count(Lower(t.lemma))) return std::nullopt;
    return k;
  };
  for (int a : kids) {
    const std::string& rel = s.tokens[a].deprel;
    // ("the hacker group Anonymous", "the cruise ship Freewinds": a common
    // noun the parser made the name's compound.)
    bool common_compound = rel == "compound" && a < head && !s.tokens[a].form.empty() &&
                           std::islower(static_cast<unsigned char>(s.tokens[a].form[0]));
    for (int k = a + 1; k < head && common_compound; ++k)
      common_compound = s.tokens[k].upos == "PROPN";
    if ((rel == "nmod:desc" && a < head) || (rel == "appos" && a > head) || common_compound)
      if (auto k = kind(a)) return k;
  }
  const Token& h = s.tokens[head];
  if (h.deprel == "appos" && h.head >= 0 && h.head < head) return kind(h.head);
  // "Firefox is a web browser": the noun the name is said to be.
  if (h.deprel == "nsubj" && h.head > head) {
    for (int c = 0; c < static_cast<int>(s.tokens.size()); ++c)
      if (s.tokens[c].head == h.head && s.tokens[c].deprel == "cop") return kind(h.head);
  }
  return std::nullopt;
}

// A name of two or more words found in one sentence of a document is that
// name wherever its words recur in the document, whole, with the type it
// was found with: "Environment Canada spokesperson Julie Hahn" (the first
// word capitalized anyway) after "an Environment Canada document";
// "Microsoft's Internet Explorer 6" after "Internet Explorer 6". A shorter
// name inside the recurrence gives way; one that crosses its edge keeps it
// from being taken.
void RecurringNames(const std::vector<Sentence>& sentences,
                    std::vector<std::vector<NamedSpan>>* recognized) {
  // "Lee Cheuk-yan of the Labour Party", "Tanya Chan of the Civic Party"
  // read as one organisation's name: a person of the document (or one with
  // the surname of a person of the document) "of" an organisation is two.
  //
  // "Ambassador to the United States Hamdullah Mohib" read as one name: a
  // person of the document at the end of another name is a name of its own.
  std::set<std::string> person_words;  // first and last words of people's names
  std::set<std::vector<std::string>> people;  // their words, without titles
  for (size_t si = 0; si < sentences.size(); ++si)
    for (const NamedSpan& name : (*recognized)[si]) {
      if (name.type != EntityType::kPerson) continue;
      const std::vector<Token>& toks = sentences[si].tokens;
      if (name.end - name.begin >= 2) {
        person_words.insert(toks[name.begin].form);
        person_words.insert(toks[name.end - 1].form);
      }
      int b = name.begin;  // (without titles: "Ambassador Hamdullah Mohib")
      while (b < name.end && IsPersonTitle(toks[b].form)) ++b;
      std::vector<std::string> forms;
      for (int i = b; i < name.end; ++i) forms.push_back(toks[i].form);
      if (forms.size() >= 2) people.insert(std::move(forms));
    }
  for (size_t si = 0; si < sentences.size(); ++si) {
    const std::vector<Token>& toks = sentences[si].tokens;
    std::vector<NamedSpan> split;
    for (const NamedSpan& name : (*recognized)[si]) {
      int person_from = -1;
      for (int b = name.begin + 1; b + 2 <= name.end; ++b) {
        std::vector<std::string> tail;
        for (int i = b; i < name.end; ++i) tail.push_back(toks[i].form);
        if (people.count(tail)) {
          person_from = b;
          break;
        }
      }
      if (person_from >= 0) {
        // (What comes before is no person's: "United States".)
        EntityType before = name.type == EntityType::kPerson ? EntityType::kOther : name.type;
        split.push_back(NamedSpan{name.begin, person_from, before});
        split.push_back(NamedSpan{person_from, name.end, EntityType::kPerson});
        continue;
      }
      split.push_back(name);
    }
    (*recognized)[si] = std::move(split);
  }
  for (size_t si = 0; si < sentences.size(); ++si) {
    const std::vector<Token>& toks = sentences[si].tokens;
    std::vector<NamedSpan> split;
    for (const NamedSpan& name : (*recognized)[si]) {
      int of = -1;
      for (int i = name.begin + 2; i + 1 < name.end && of < 0; ++i)
        if (toks[i].form == "of") of = i;
      bool person_first = of >= 0 && name.type != EntityType::kPerson &&
                          person_words.count(toks[of - 1].form) &&
                          person_words.count(toks[name.begin].form);
      // Or two capitalized words "of" an acronym or a name ending in an
      // organisation's word: "Wong Kwok-hing of FTU", "Claudia Mo of the
      // Civic Party" (but "Bank of America", "Royal Bank of Scotland").
      if (of >= 0 && !person_first && name.type != EntityType::kPerson && of - name.begin == 2) {
        std::vector<std::string> org;
        for (int i = of + 1; i < name.end; ++i)
          if (Lower(toks[i].form) != "the") org.push_back(toks[i].form);
        bool two_names = std::isupper(static_cast<unsigned char>(toks[name.begin].form[0])) &&
                         std::isupper(static_cast<unsigned char>(toks[name.begin + 1].form[0])) &&
                         !EndsWithOrganizationWord({toks[name.begin].form, toks[name.begin + 1].form}) &&
                         TypeFromCues({toks[name.begin].form, toks[name.begin + 1].form}, "") ==
                             EntityType::kOther;
        bool organisation = (org.size() == 1 && IsAcronym(org[0])) || EndsWithOrganizationWord(org) ||
                            (!org.empty() && org.back() == "Party");
        person_first = two_names && organisation;
      }
      if (!person_first) {
        split.push_back(name);
        continue;
      }
      split.push_back(NamedSpan{name.begin, of, EntityType::kPerson});
      int rest = of + 1;
      if (rest < name.end && Lower(toks[rest].form) == "the") ++rest;
      if (rest < name.end) split.push_back(NamedSpan{rest, name.end, EntityType::kOrganization});
    }
    (*recognized)[si] = std::move(split);
  }
  std::map<std::vector<std::string>, EntityType> known;  // forms -> type
  for (size_t si = 0; si < sentences.size(); ++si)
    for (const NamedSpan& name : (*recognized)[si]) {
      if (name.end - name.begin < 2) continue;
      std::vector<std::string> forms;
      for (int i = name.begin; i < name.end; ++i) forms.push_back(sentences[si].tokens[i].form);
      known.emplace(std::move(forms), name.type);
    }
  if (known.empty()) return;
  for (size_t si = 0; si < sentences.size(); ++si) {
    const std::vector<Token>& toks = sentences[si].tokens;
    std::vector<NamedSpan>& names = (*recognized)[si];
    const int n = static_cast<int>(toks.size());
    for (const auto& [forms, type] : known) {
      const int len = static_cast<int>(forms.size());
      for (int b = 0; b + len <= n; ++b) {
        bool same = true;
        for (int k = 0; k < len && same; ++k) same = toks[b + k].form == forms[k];
        if (!same) continue;
        const int e = b + len;
        bool blocked = false, present = false;
        for (const NamedSpan& other : names) {
          if (other.begin == b && other.end == e) present = true;
          bool inside = other.begin >= b && other.end <= e;
          bool overlaps = other.begin < e && other.end > b;
          if (overlaps && !inside) blocked = true;  // equal to or longer than, or crossing
        }
        if (present || blocked) continue;
        names.erase(std::remove_if(names.begin(), names.end(),
                                   [&](const NamedSpan& o) { return o.begin >= b && o.end <= e; }),
                    names.end());
        names.push_back(NamedSpan{b, e, type});
      }
    }
    SortByBegin(&names);
  }
}

// Per-sentence helper: children lists, the recognizer's names, and the
// name runs of heads.
class SentenceView {
 public:
  SentenceView(const Sentence& s, const std::vector<NamedSpan>& recognized,
               const std::set<std::string>& document_surnames)
      : s_(s), kids_(s.tokens.size()), recognized_(recognized), name_at_(s.tokens.size(), -1) {
    for (size_t i = 0; i < s.tokens.size(); ++i) {
      int h = s.tokens[i].head;
      if (h >= 0 && h < static_cast<int>(s.tokens.size())) kids_[h].push_back(static_cast<int>(i));
    }
    for (size_t k = 0; k < recognized.size(); ++k)
      for (int i = recognized[k].begin; i < recognized[k].end && i < static_cast<int>(s.tokens.size()); ++i)
        name_at_[i] = static_cast<int>(k);
    // "pro-Beijing", "anti-EU": no name, either half.
    adjective_.assign(s.tokens.size(), false);
    for (int i = 2; i < static_cast<int>(s.tokens.size()); ++i)
      if (AfterProOrAnti(s, i) && name_at_[i] == -1) adjective_[i - 2] = adjective_[i] = true;
    // "Jobs told the audience" after "Steve Jobs": the last word of a
    // person's name read earlier is that name, whatever the tagger says.
    for (size_t i = 0; i < s.tokens.size(); ++i) {
      if (name_at_[i] >= 0 || !document_surnames.count(s.tokens[i].form)) continue;
      if (i + 1 < s.tokens.size() && NameLike(s.tokens[i + 1])) continue;  // inside another name
      if (i > 0 && s.tokens[i - 1].upos == "PROPN" && NameLike(s.tokens[i - 1])) continue;  // "Peter Smith"
      extra_.push_back(NamedSpan{static_cast<int>(i), static_cast<int>(i) + 1, EntityType::kPerson});
    }
    // A hashtag ("#IStandWithAhmed") names a campaign, whatever the
    // recognizer (trained on text without them) says.
    for (size_t i = 0; i < s.tokens.size(); ++i) {
      const std::string& f = s.tokens[i].form;
      if (name_at_[i] == -1 && f.size() > 2 && f[0] == '#' && std::isalpha(static_cast<unsigned char>(f[1])))
        extra_.push_back(NamedSpan{static_cast<int>(i), static_cast<int>(i) + 1, EntityType::kOther});
    }
    for (size_t k = 0; k < extra_.size(); ++k) name_at_[extra_[k].begin] = -2 - static_cast<int>(k);
  }

  // Whether token i is part of a name: the recognizer's, or a proper noun
  // (or acronym) it missed.
  bool IsName(int i) const {
    return name_at_[i] != -1 || (IsNameToken(s_.tokens[i]) && !adjective_[i]);
  }

  // The recognizer's name holding token i (or a surname read before), or null.
  const NamedSpan* RecognizedAt(int i) const {
    if (i < 0 || name_at_[i] == -1) return nullptr;
    return name_at_[i] >= 0 ? &recognized_[name_at_[i]] : &extra_[-2 - name_at_[i]];
  }

  // The word of recognized name `name` whose head lies outside it.
  int HeadOf(const NamedSpan& name) const {
    for (int k = name.begin; k < name.end; ++k) {
      int h = s_.tokens[k].head;
      if (h < name.begin || h >= name.end) return k;
    }
    return name.end - 1;
  }

  // The contiguous name tokens around `head` ("Russian President Vladimir
  // Putin" -> President Vladimir Putin), or empty when head names nothing.
  // A name the recognizer found is taken as it found it.
  std::vector<int> NameRun(int head) const {
    if (head < 0) return {};
    if (const NamedSpan* r = RecognizedAt(head)) {
      std::vector<int> run;
      for (int i = r->begin; i < r->end; ++i) run.push_back(i);
      return run;
    }
    if (!IsNameToken(s_.tokens[head]) || adjective_[head]) return {};
    int lo = head, hi = head;
    // Proper nouns outside the recognizer's names.
    auto joins = [&](int i) {
      return name_at_[i] == -1 && IsNameToken(s_.tokens[i]) && !adjective_[i];
    };
    auto attached = [&](int i) {
      // i's head lies inside the run or is the run's head.
      int h = s_.tokens[i].head;
      return h >= lo && h <= hi;
    };
    bool grew = true;
    while (grew) {
      grew = false;
      // A capitalized adjective inside a name: "Federal Bureau of ...".
      auto capitalized_adj = [&](int i) {
        const Token& t = s_.tokens[i];
        // (A sentence's first word is capitalized anyway: there only one
        // the tagger calls a proper noun's part, NNP, as "White" in "White
        // House spokesman Jay Carney said".)
        // (Or a nationality: "British Airways cancelled flights".)
        return t.upos == "ADJ" && !t.form.empty() &&
               std::isupper(static_cast<unsigned char>(t.form[0])) &&
               (i > 0 || t.xpos == "NNP" || !CountryOfDemonym(t.form).empty());
      };
      if (lo > 0 && (joins(lo - 1) || (capitalized_adj(lo - 1) && name_at_[lo - 1] == -1)) &&
          attached(lo - 1)) {
        --lo;
        grew = true;
      }
      if (hi + 1 < static_cast<int>(s_.tokens.size()) && joins(hi + 1) && attached(hi + 1)) {
        ++hi;
        grew = true;
      }
      // "Bashar al-Assad", "Cheng Chung-tai": a hyphen inside a word
      // between two name tokens.
      auto glued_hyphen = [&](int h) {
        return s_.tokens[h].form == "-" && s_.tokens[h - 1].span.end == s_.tokens[h].span.begin &&
               s_.tokens[h].span.end == s_.tokens[h + 1].span.begin;
      };
      if (hi + 2 < static_cast<int>(s_.tokens.size()) && glued_hyphen(hi + 1) && joins(hi + 2) &&
          s_.tokens[hi + 2].head >= lo && s_.tokens[hi + 2].head <= hi) {
        hi += 2;
        grew = true;
      }
      // "Bureau of Investigation": an "of" between two name tokens.
      if (hi + 2 < static_cast<int>(s_.tokens.size()) && Lower(s_.tokens[hi + 1].form) == "of" &&
          joins(hi + 2) && s_.tokens[hi + 2].head >= lo &&
          s_.tokens[hi + 2].head <= hi) {
        hi += 2;
        grew = true;
      }
    }
    // A longer stretch of name words that forms one subtree wins: "U.S.
    // President Barack Obama" parsed as "U.S." with an appositive.
    int a = head, b = head;
    const int n = static_cast<int>(s_.tokens.size());
    while (a > 0 && joins(a - 1)) --a;
    while (b + 1 < n && joins(b + 1)) ++b;
    if (b - a > hi - lo) {
      int external = 0;
      for (int i = a; i <= b; ++i) {
        int h = s_.tokens[i].head;
        if (h < a || h > b) ++external;
      }
      if (external == 1) {
        lo = std::min(lo, a);
        hi = std::max(hi, b);
      }
    }
    // "COVID-19", "F-16": a number glued on by a hyphen ends the name.
    if (hi + 2 < n && s_.tokens[hi + 1].form == "-" && s_.tokens[hi + 2].xpos == "CD" &&
        s_.tokens[hi].span.end == s_.tokens[hi + 1].span.begin &&
        s_.tokens[hi + 1].span.end == s_.tokens[hi + 2].span.begin &&
        (hi + 3 >= n || s_.tokens[hi + 3].span.begin > s_.tokens[hi + 2].span.end))
      hi += 2;
    std::vector<int> run;
    std::string words;
    for (int i = lo; i <= hi; ++i) {
      run.push_back(i);
      words += (words.empty() ? "" : " ") + s_.tokens[i].form;
    }
    // "the South Korean puppet military": a nationality is no name.
    if (!CountryOfDemonym(words).empty() && words != "US" && words != "UK" && words != "U.S.") return {};
    return run;
  }

  // head and its coordinated nominal conjuncts: "the FBI and the CIA".
  // (A conjunct with a subject of its own is a clause of its own: "is in
  // Saratoga Springs, and the gallery is in Evanston".)
  std::vector<int> Conjuncts(int head) const {
    std::vector<int> out{head};
    auto own_clause = [&](int c) {
      for (int k : kids_[c])
        if (s_.tokens[k].deprel.rfind("nsubj", 0) == 0 || s_.tokens[k].deprel == "cop") return true;
      return false;
    };
    for (size_t k = 0; k < out.size() && k < 16; ++k)
      for (int c : kids_[out[k]])
        if (s_.tokens[c].deprel == "conj" && s_.tokens[c].upos != "VERB" && !own_clause(c))
          out.push_back(c);
    return out;
  }

  const std::vector<int>& kids(int i) const { return kids_[i]; }
  const std::vector<std::vector<int>>& all_kids() const { return kids_; }

  // The preposition of token i's phrase ("in" of "in Kanata"), lower case:
  // its last "case" dependent, or empty.
  std::string CaseOf(int i) const {
    std::string prep;
    for (int k : kids_[i])
      if (s_.tokens[k].deprel == "case") prep = Lower(s_.tokens[k].form);
    return prep;
  }

 private:
  const Sentence& s_;
  std::vector<std::vector<int>> kids_;
  const std::vector<NamedSpan>& recognized_;
  std::vector<NamedSpan> extra_;  // surnames read before and hashtags, as one-word names
  std::vector<int> name_at_;      // index into recognized_; -2-k: extra_[k]; -1: none
  std::vector<bool> adjective_;   // the halves of "pro-Beijing" 
};

// The noun after "one of" when token `one` is "one" ("one of the oldest
// universities", "one of the first opponents of the war"), else `one`.
int NounAfterOneOf(const Sentence& s, const SentenceView& view, int one) {
  if (one < 0 || Lower(s.tokens[one].form) != "one") return one;
  int noun = one;
  for (int k : view.kids(one))
    if (s.tokens[k].deprel == "nmod" && s.tokens[k].upos == "NOUN" && view.CaseOf(k) == "of")
      noun = k;
  return noun;
}

// The words of role noun `noun` with the modifiers before it, lower case,
// joined by '_' ("chief_executive", "prime_minister"); `lo` gets the first
// of them. An age is no part of a role: "a 14-year-old boy", "their
// nine-month-old child".
std::string RoleWords(const Sentence& s, const SentenceView& view, int noun, int* lo) {
  auto age_word = [](const Token& t) {
    std::string l = Lower(t.lemma);
    return l == "old" || l == "year" || l == "month" ||
           std::any_of(t.form.begin(), t.form.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  };
  std::string role;
  *lo = noun;
  for (int c : view.kids(noun))
    if (c < noun && !view.IsName(c) && s.tokens[c].upos != "ADV" && !age_word(s.tokens[c]) &&
        (s.tokens[c].deprel == "amod" || s.tokens[c].deprel == "compound")) {
      role += Lower(s.tokens[c].lemma) + "_";
      *lo = std::min(*lo, c);
    }
  return role + Lower(s.tokens[noun].lemma);
}

// A claim side: an entity mention, a group mention or a value.
struct Side {
  int mention = -1;  // DocumentResolver mention id, or -1 for a value or group
  ByteSpan span;     // value or group: its words
  std::string text;
  // A group mention ("the two leaders", "both countries"): it names the
  // last two distinct entities (of group_type, when set) mentioned before
  // mention id group_before.
  bool group = false;
  int group_before = 0;
  std::optional<EntityType> group_type;
  // A value's words that name entities ("a phone call made by President
  // Trump to ... Volodymyr Zelensky"): mention ids; the value node gets a
  // "mentions" claim to each.
  std::vector<int> inner;
  // "his wife", "her parents", "the baby" (a value): the kinship noun
  // (singular), whether plural, and the mention id of the possessor (-1
  // after "the"). The side stands for the relatives the claims of the
  // document name (KinOf), when they name as many as the noun says (one,
  // or two for a plural), else for its words.
  std::string kin_role;
  bool kin_plural = false;
  int kin_owner = -1;
};

struct PendingClaim {
  std::vector<Side> subjects, objects;
  Claim claim;
  // "Putin and Obama spoke": a symmetric claim between every two subjects.
  bool reciprocal = false;
};

// Whether token `head` heads a group mention of two ("the two leaders",
// "both sides", "the pair"), and if so the type of its members (none: any
// type).
bool IsGroupMention(const Sentence& s, int head, const std::vector<int>& kids,
                    std::optional<EntityType>* type) {
  const Token& t = s.tokens[head];
  // "The pair scored twice", "the duo": two people, with "the". (A couple
  // is a married one: see mark_kin.)
  if (t.upos == "NOUN" && t.xpos == "NN") {
    std::string lemma = Lower(t.lemma);
    if (lemma != "pair" && lemma != "duo") return false;
    bool the = false, of = false;
    for (int k : kids) {
      the |= s.tokens[k].deprel == "det" && Lower(s.tokens[k].form) == "the";
      of |= s.tokens[k].deprel == "nmod";
    }
    if (!the || of) return false;
    *type = EntityType::kPerson;
    return true;
  }
  // "Hui Chi-fung and Tanya Chan, both considered to be ...", "Both
  // agreed": "both" alone as a subject is the two just named.
  // (Not "both of which".)
  bool of_which = false;
  for (int k : kids) {
    std::string w = Lower(s.tokens[k].form);
    of_which |= s.tokens[k].deprel == "nmod" && (w == "which" || w == "whom" || w == "whose");
  }
  if ((t.upos == "PRON" || t.upos == "DET" || t.upos == "CCONJ") && Lower(t.form) == "both" &&
      t.deprel.rfind("nsubj", 0) == 0 && !of_which) {
    type->reset();
    return true;
  }
  if (t.upos != "NOUN" || t.xpos != "NNS") return false;
  bool two = false;
  for (int k : kids) {
    std::string w = Lower(s.tokens[k].form);
    if ((s.tokens[k].deprel == "nummod" && w == "two") || w == "both") two = true;
  }
  if (!two) return false;
  std::string lemma = Lower(t.lemma);
  static const char* kPeople[] = {"leader", "president", "man", "woman", "minister",
                                  "premier", "chancellor", "brother", "sister", "senator"};
  static const char* kCountries[] = {"country", "nation", "state", "government", "capital"};
  static const char* kCompanies[] = {"company", "firm", "carrier", "airline", "bank"};
  for (const char* w : kPeople)
    if (lemma == w) return *type = EntityType::kPerson, true;
  for (const char* w : kCountries)
    if (lemma == w) return *type = EntityType::kPlace, true;
  for (const char* w : kCompanies)
    if (lemma == w) return *type = EntityType::kOrganization, true;
  if (lemma == "side" || lemma == "party") return type->reset(), true;
  return false;
}

}  // namespace

OpenIeExtractor::~OpenIeExtractor() = default;

void OpenIeExtractor::DropRoleWordNames(Sentence& s, std::vector<NamedSpan>* names) const {
  // Post-nominal letters: "Mark Tedeschi, QC", "Jane Smith MP".
  static const std::set<std::string> kPostNominals = {"QC", "KC", "MP", "MEP", "MSP", "MD", "PhD",
                                                      "OBE", "MBE", "CBE", "Jr", "Jr.", "Sr", "Sr."};
  // A party member's noun in apposition to a name is that person's role:
  // "John Cornyn, Republican from Texas".
  static const std::set<std::string> kPartyMembers = {
      "Republican", "Democrat", "Conservative", "Liberal", "Tory", "Socialist", "Communist"};
  const int n = static_cast<int>(s.tokens.size());
  std::vector<bool> dropped(n, false);
  for (int i = 1; i < n; ++i) {
    Token& t = s.tokens[i];
    bool after_name = NameLike(s.tokens[i - 1]) ||
                      (s.tokens[i - 1].form == "," && i >= 2 && NameLike(s.tokens[i - 2]));
    bool alone = i + 1 >= n || !NameLike(s.tokens[i + 1]) || s.tokens[i + 1].form == ",";
    // "an Ottawa MP", "a Labour MP": after a determiner and a name, the
    // letters are the noun the name modifies, a role.
    int run = i - 1;
    while (run >= 0 && NameLike(s.tokens[run])) --run;
    bool role_noun = run >= 0 && run < i - 1 && s.tokens[run].upos == "DET";
    if (kPostNominals.count(t.form) && role_noun && alone) {
      t.upos = "NOUN";
      t.xpos = "NN";
      dropped[i] = true;
      // "an Ottawa New Democrat MP": the party the member is of describes
      // the role too; the place before it is the name.
      int party = i - 1;
      if (party > run + 1 && kPartyMembers.count(s.tokens[party].form)) {
        int first = party > run + 2 && s.tokens[party - 1].form == "New" ? party - 1 : party;
        for (int k = first; k <= party; ++k) {
          s.tokens[k].upos = k == party ? "NOUN" : "ADJ";
          s.tokens[k].xpos = k == party ? "NN" : "JJ";
          s.tokens[k].lemma = Lower(s.tokens[k].form);
          dropped[k] = true;
        }
      }
      continue;
    }
    // (The word is retagged, so that no later step reads it as a name.)
    if (kPostNominals.count(t.form) && after_name && alone) {
      t.upos = "X";
      t.xpos = "FW";
      dropped[i] = true;
    } else if (kPartyMembers.count(t.form) && t.deprel == "appos" && alone) {
      t.upos = "NOUN";
      t.xpos = "NN";
      t.lemma = Lower(t.form);
      dropped[i] = true;
    }
  }
  // "Psychology major at the University of Texas Arlington Amneh Jafari",
  // "Biology professor John Smith": a sentence's first word, a field of
  // study, before a noun for a person is the person's field, no name.
  if (n >= 3 && s.tokens[0].upos == "PROPN" && s.tokens[1].upos != "PROPN" &&
      std::islower(static_cast<unsigned char>(s.tokens[1].form[0])) &&
      catalog_->IsFieldNoun(Lower(s.tokens[0].form)) && catalog_->CanBePersonNoun(Lower(s.tokens[1].lemma))) {
    Token& t = s.tokens[0];
    t.upos = "NOUN";
    t.xpos = "NN";
    t.lemma = Lower(t.form);
    dropped[0] = true;
  }
  std::vector<NamedSpan> out;
  for (NamedSpan name : *names) {
    while (name.end > name.begin && dropped[name.end - 1]) --name.end;  // "Ottawa New Democrat"
    if (name.end > name.begin) out.push_back(name);
  }
  *names = std::move(out);
}

void OpenIeExtractor::AddKnownNames(const Sentence& s, std::vector<NamedSpan>* names) const {
  const int n = static_cast<int>(s.tokens.size());
  auto capitalized = [&](int i) {
    const std::string& f = s.tokens[i].form;
    return !f.empty() && std::isupper(static_cast<unsigned char>(f[0])) && !IsCalendarWord(f);
  };
  auto connector = [&](int i) {
    const std::string& f = s.tokens[i].form;
    return f == "of" || f == "and" || f == "the" || f == "for" || f == "&";
  };
  // (A name's edge within the recognizer's span: "and", a comma.)
  auto joins_two = [&](int i) {
    const std::string& f = s.tokens[i].form;
    return f == "and" || f == "," || f == "&";
  };
  for (int b = 0; b + 1 < n; ++b) {
    if (!capitalized(b)) continue;
    for (int e = std::min(n, b + 6); e >= b + 2; --e) {
      if (!capitalized(e - 1)) continue;
      bool words = true;
      for (int i = b + 1; i + 1 < e && words; ++i) words = capitalized(i) || connector(i);
      // The whole capitalized run, not a part of a longer name ("New York"
      // of "New York Times").
      if (!words || (e < n && capitalized(e)) ||
          (b > 0 && capitalized(b - 1) && s.tokens[b - 1].upos == "PROPN"))
        continue;
      std::string text;
      for (int i = b; i < e; ++i) text += (i > b ? " " : "") + s.tokens[i].form;
      EntityType known = catalog_->KnownType(text);
      // (Organisations only: WordNet's places of two words are often a
      // work's or a phrase's words, "the Promised Land".)
      if (known != EntityType::kOrganization) continue;
      // The recognizer's names it overlaps: each inside it, or running
      // past it only over an "and" or a comma.
      bool fits = true;
      std::vector<size_t> overlapping;
      for (size_t k = 0; k < names->size(); ++k) {
        const NamedSpan& x = (*names)[k];
        if (x.end <= b || x.begin >= e) continue;
        if (x.begin == b && x.end == e) {
          fits = false;  // found as it is
          break;
        }
        bool inside = x.begin >= b && x.end <= e;
        bool past_end = x.end > e && joins_two(e);
        bool before_begin = x.begin < b && joins_two(b - 1);
        bool crosses = (x.end > e && !past_end) || (x.begin < b && !before_begin);
        if (!inside && crosses) fits = false;
        overlapping.push_back(k);
      }
      if (!fits) break;
      std::vector<NamedSpan> kept;
      for (size_t k = 0; k < names->size(); ++k) {
        const NamedSpan& x = (*names)[k];
        if (std::find(overlapping.begin(), overlapping.end(), k) == overlapping.end()) {
          kept.push_back(x);
          continue;
        }
        // What the recognizer's name held on either side: "NATO" of
        // "European Union and NATO".
        for (auto [from, to] : {std::pair<int, int>{x.begin, b}, std::pair<int, int>{e, x.end}}) {
          while (from < to && (joins_two(from) || connector(from))) ++from;
          while (to > from && (joins_two(to - 1) || connector(to - 1))) --to;
          if (from >= to) continue;
          std::string rest;
          for (int i = from; i < to; ++i) rest += (i > from ? " " : "") + s.tokens[i].form;
          EntityType rest_known = catalog_->KnownType(rest);
          kept.push_back(
              NamedSpan{from, to, rest_known != EntityType::kOther ? rest_known : x.type});
        }
      }
      kept.push_back(NamedSpan{b, e, known});
      *names = std::move(kept);
      SortByBegin(names);
      b = e - 1;
      break;
    }
  }
}

void OpenIeExtractor::AddMissedPersonNames(const Sentence& s, std::vector<NamedSpan>* names) const {
  const int n = static_cast<int>(s.tokens.size());
  std::vector<bool> taken(n, false);
  for (const NamedSpan& x : *names)
    for (int i = std::max(0, x.begin); i < std::min(n, x.end); ++i) taken[i] = true;
  auto name_word = [&](int i) {
    const Token& t = s.tokens[i];
    return !taken[i] && t.upos == "PROPN" && !t.form.empty() &&
           std::isupper(static_cast<unsigned char>(t.form[0])) && !IsCalendarWord(t.form) &&
           !IsPersonTitle(t.form) && !IsAcronym(t.form) && CountryOfDemonym(t.form).empty();
  };
  bool added = false;
  for (int b = 0; b < n; ++b) {
    if (!name_word(b) || (b > 0 && name_word(b - 1))) continue;
    int e = b;
    while (e < n && name_word(e)) ++e;
    // (Nor part of a longer name: "Jules Bastien-Lepage".)
    bool glued = e < n && s.tokens[e].span.begin == s.tokens[e - 1].span.end;
    if (e - b < 2 || e - b > 3 || glued || (e < n && s.tokens[e].upos == "PROPN")) continue;
    std::string words;
    for (int i = b; i < e; ++i) words += (i > b ? " " : "") + s.tokens[i].form;
    // A person WordNet or the known-names list knows ("Sergei Lavrov"), or
    // a name right after a lower-case noun for a person ("his Russian
    // counterpart Sergei Lavrov", "actor Jason Beghe").
    EntityType known = catalog_->KnownType(words);
    const Token& before = s.tokens[b > 0 ? b - 1 : 0];
    bool after_person_noun = b > 0 && before.upos == "NOUN" && !before.form.empty() &&
                             std::islower(static_cast<unsigned char>(before.form[0])) &&
                             catalog_->IsOnlyPersonNoun(Lower(before.lemma));
    if (known != EntityType::kPerson && !(known == EntityType::kOther && after_person_noun))
      continue;
    names->push_back(NamedSpan{b, e, EntityType::kPerson});
    added = true;
  }
  if (added) SortByBegin(names);
}

void OpenIeExtractor::SplitInstitutionOfPlace(const Sentence& s,
                                              std::vector<NamedSpan>* names) const {
  const int n = static_cast<int>(s.tokens.size());
  std::vector<NamedSpan> out;
  for (const NamedSpan& name : *names) {
    int b = name.begin, e = name.end;
    int of = e - 2;
    while (of > b && Lower(s.tokens[of].form) != "of") --of;
    int place = of + 1;
    if (place < e && Lower(s.tokens[place].form) == "the") ++place;
    // (Not "the National Museum of the U.S. Air Force", cut short.)
    bool name_goes_on = e < n && NameLike(s.tokens[e]) && s.tokens[e].upos == "PROPN";
    if (name.type != EntityType::kOrganization || of <= b || place >= e || name_goes_on) {
      out.push_back(name);
      continue;
    }
    std::vector<std::string> before;
    bool institution = false;
    for (int k = b; k < of; ++k) {
      before.push_back(s.tokens[k].form);
      institution |=
          IsInstitutionWord(s.tokens[k].form) || NamesSchoolOrMuseum("the " + s.tokens[k].form);
    }
    std::string place_words;
    for (int k = place; k < e; ++k) place_words += (k > place ? " " : "") + s.tokens[k].form;
    bool initials = IsCountryInitials(place_words) && EndsWithOrganizationWord(before);
    // (A place WordNet knows, or one a known region follows: "McMinnville,
    // Oregon".)
    bool placed = catalog_->KnownType(place_words) == EntityType::kPlace;
    for (const NamedSpan& region : *names)
      if (e + 1 < n && s.tokens[e].form == "," && region.begin == e + 1) {
        std::string region_words;
        for (int k = region.begin; k < region.end; ++k)
          region_words += (k > region.begin ? " " : "") + s.tokens[k].form;
        placed |= catalog_->KnownType(region_words) == EntityType::kPlace;
      }
    bool known_place =
        placed && before.size() >= 3 && institution && EndsWithOrganizationWord(before);
    if (!initials && !known_place) {
      out.push_back(name);
      continue;
    }
    out.push_back(NamedSpan{b, of, EntityType::kOrganization});
    out.push_back(NamedSpan{place, e, EntityType::kPlace});
  }
  *names = std::move(out);
}

void OpenIeExtractor::SplitTitleOfNames(const Sentence& s, std::vector<NamedSpan>* names) const {
  // A title, "of", then a run ending in a person's first and last name: the
  // run before the person is what the title is of. Taken only where that
  // part is a place or an organisation WordNet knows ("Mayor of New York
  // City" and "Minister of Education Stefania Giannini" stay).
  std::vector<NamedSpan> out;
  for (const NamedSpan& name : *names) {
    int of = -1;  // the "of" after the title: inside the name, or just before it
    for (int i = name.begin; i + 1 < name.end && of < 0; ++i)
      if (s.tokens[i].form == "of" && i > name.begin && IsPersonTitle(s.tokens[i - 1].form)) of = i;
    if (of < 0 && name.begin >= 2 && s.tokens[name.begin - 1].form == "of" &&
        IsPersonTitle(s.tokens[name.begin - 2].form))
      of = name.begin - 1;
    int person = name.end - 2;
    bool person_like = of >= 0 && person > of + 1 && NameLike(s.tokens[person]) &&
                       NameLike(s.tokens[person + 1]) && s.tokens[person].upos == "PROPN" &&
                       s.tokens[person + 1].upos == "PROPN" && !IsAcronym(s.tokens[person].form);
    if (!person_like) {
      out.push_back(name);
      continue;
    }
    std::string part;
    for (int k = of + 1; k < person; ++k) part += (part.empty() ? "" : " ") + s.tokens[k].form;
    std::string person_words = s.tokens[person].form + " " + s.tokens[person + 1].form;
    EntityType part_type = catalog_->KnownType(part);
    EntityType person_type = catalog_->KnownType(person_words);
    bool split = (part_type == EntityType::kPlace || part_type == EntityType::kOrganization) &&
                 person_type != EntityType::kPlace && person_type != EntityType::kOrganization;
    if (!split) {
      out.push_back(name);
      continue;
    }
    out.push_back(NamedSpan{of + 1, person, part_type});
    out.push_back(NamedSpan{person, name.end, EntityType::kPerson});
  }
  *names = std::move(out);
}

void OpenIeExtractor::TypeByClaims(const std::vector<Claim>& claims, std::vector<Entity>* entities) const {
  // A name of no known type that a person is the founder, chief executive,
  // spokesperson... of, or a student or professor at, is an organisation
  // ("Facebook co-founder Mark Zuckerberg"); so is one the recognizer
  // called a place but WordNet does not know as one ("the chief executive
  // of Nokia").
  static const std::set<std::string> kCompanyOf = {"subsidiary_of", "unit_of", "division_of",
                                                   "affiliate_of", "parent_company_of"};
  for (const Claim& c : claims) {
    if (c.subject < 0 || c.object < 0 || c.subject == c.object) continue;
    Entity& subject = (*entities)[c.subject];
    Entity& object = (*entities)[c.object];
    bool untyped = object.type == EntityType::kOther ||
                   (object.type == EntityType::kPlace && catalog_->KnownType(object.name) != EntityType::kPlace);
    if (untyped && subject.type == EntityType::kPerson && IsOrganisationRole(c.relation))
      object.type = EntityType::kOrganization;
    // "Tesla CEO Elon Musk": what has a chief executive or a founder is an
    // organisation, though WordNet knows a person of its one-word name
    // (Nikola Tesla). (A spokesman may be a person's: "Trump spokesman".)
    static const std::set<std::string> kOnlyOrganisationsHave = {
        "ceo_of",     "chief_executive_of", "chairman_of",  "chairwoman_of",
        "founder_of", "co-founder_of",      "cofounder_of", "employee_of"};
    if (object.type == EntityType::kPerson && subject.type == EntityType::kPerson &&
        object.name.find(' ') == std::string::npos && kOnlyOrganisationsHave.count(c.relation))
      object.type = EntityType::kOrganization;
    // "Steve Jobs founded Apple": what a person founds is an organisation;
    // "Google hired Ahmed", "Boeing laid off 500 workers": who hires or
    // employs a person is one.
    static const std::set<std::string> kFounds = {"found", "co-found", "cofound", "establish"};
    static const std::set<std::string> kEmploys = {"hire", "employ", "lay_off", "fire", "recruit"};
    if (untyped && subject.type == EntityType::kPerson && kFounds.count(c.relation_lemma))
      object.type = EntityType::kOrganization;
    bool subject_untyped = subject.type == EntityType::kOther ||
                           (subject.type == EntityType::kPlace &&
                            catalog_->KnownType(subject.name) != EntityType::kPlace);
    if (subject_untyped && object.type == EntityType::kPerson && kEmploys.count(c.relation_lemma))
      subject.type = EntityType::kOrganization;
    // "Microsoft acquired GitHub", "Boeing laid off 500 workers", "Ford
    // recalled 1.3 million vehicles": a name of no known type that buys
    // companies, lays off or hires workers or recalls products is a
    // business's.
    static const std::set<std::string> kBusinessActs = {"acquire", "buy",  "merge", "lay_off",
                                                        "recall",  "hire", "employ"};
    if (subject.type == EntityType::kOther && kBusinessActs.count(c.relation_lemma))
      subject.type = EntityType::kOrganization;
    // "Instagram, a subsidiary of Meta": both are organisations, whatever
    // the recognizer said of a one-word name.
    if (kCompanyOf.count(c.relation))
      for (Entity* e : {&subject, &object})
        if (e->name.find(' ') == std::string::npos && e->type != EntityType::kOrganization &&
            catalog_->KnownType(e->name) == EntityType::kOther)
          e->type = EntityType::kOrganization;
    // "their nine-month-old child, Gloria", "Jane Doe married John Smith":
    // relatives and spouses are people, whatever the recognizer said of a
    // name WordNet does not know as a place's or an organisation's.
    const std::string& r = c.relation;
    bool kinship = r == "marry" || r == "marry_to" ||
                   (r.size() > 3 && r.compare(r.size() - 3, 3, "_of") == 0 &&
                    (IsKinshipNoun(r.substr(0, r.size() - 3)) || r == "parent_of"));
    if (kinship)
      for (Entity* e : {&subject, &object}) {
        EntityType known = catalog_->KnownType(e->name);
        if ((e->type == EntityType::kOther || e->type == EntityType::kPlace) &&
            known != EntityType::kPlace && known != EntityType::kOrganization)
          e->type = EntityType::kPerson;
      }
    // "Seattle-based Amazon": a one-word name based somewhere is an
    // organisation's, whatever the recognizer said.
    if (c.relation == "base_in" && subject.name.find(' ') == std::string::npos &&
        (subject.type == EntityType::kPerson || subject.type == EntityType::kOther))
      subject.type = EntityType::kOrganization;
  }
}

void OpenIeExtractor::JoinKnownPossessiveNames(const Sentence& s, std::vector<NamedSpan>* names) const {
  // The same for proper nouns the recognizer left out: "The Democratic
  // People's Republic of Korea fired".
  const int n = static_cast<int>(s.tokens.size());
  auto in_name = [&](int i) {
    for (const NamedSpan& x : *names)
      if (i >= x.begin && i < x.end) return true;
    return false;
  };
  auto proper = [&](int i) {
    const Token& t = s.tokens[i];
    bool capitalized_adjective = t.upos == "ADJ" && i > 0 && !t.form.empty() &&
                                 std::isupper(static_cast<unsigned char>(t.form[0]));
    return (t.upos == "PROPN" || capitalized_adjective || Lower(t.form) == "of") && !in_name(i);
  };
  for (int p = 1; p + 1 < n; ++p) {
    if (s.tokens[p].form != "'s" || !proper(p - 1)) continue;
    // After the possessive: more proper nouns, or a name the recognizer
    // found ("Republic of Korea").
    auto after = std::find_if(names->begin(), names->end(),
                              [&](const NamedSpan& x) { return x.begin == p + 1; });
    if (!proper(p + 1) && after == names->end()) continue;
    int b = p - 1, e = p + 2;
    while (b > 0 && proper(b - 1)) --b;
    if (after != names->end()) {
      e = after->end;
    } else {
      while (e < n && proper(e)) ++e;
    }
    std::string text;
    for (int i = b; i < e; ++i) text += (i > b && s.tokens[i].form != "'s" ? " " : "") + s.tokens[i].form;
    EntityType known = catalog_->KnownType(text);
    if (known == EntityType::kOther) continue;
    if (after != names->end()) names->erase(after);
    names->push_back(NamedSpan{b, e, known});
    SortByBegin(names);
  }
  // "Democratic People" + 's + "Republic of Korea": two names the
  // recognizer cut at a possessive are one when WordNet knows the whole
  // (else "Republic of Korea" would be South Korea).
  for (size_t k = 0; k + 1 < names->size(); ++k) {
    NamedSpan& a = (*names)[k];
    const NamedSpan& b = (*names)[k + 1];
    if (b.begin != a.end + 1 || s.tokens[a.end].form != "'s") continue;
    std::string text;
    for (int i = a.begin; i < b.end; ++i)
      text += (i > a.begin && s.tokens[i].form != "'s" ? " " : "") + s.tokens[i].form;
    EntityType known = catalog_->KnownType(text);
    if (known == EntityType::kOther) continue;
    a.end = b.end;
    a.type = known;
    names->erase(names->begin() + static_cast<long>(k) + 1);
  }
}

Result<std::unique_ptr<OpenIeExtractor>> OpenIeExtractor::Load(const std::string& models_dir) {
  Result<std::unique_ptr<Pipeline>> nlp = Pipeline::Load(models_dir);
  if (!nlp.ok()) return nlp.status();
  Result<std::unique_ptr<EntityCatalog>> catalog = EntityCatalog::Load("");
  if (!catalog.ok()) return catalog.status();
  std::string dir = models_dir.empty() ? DefaultModelsDir() : models_dir;
  Result<std::unique_ptr<EntityRecognizer>> ner = EntityRecognizer::Load(dir + "/ner.kgm");
  if (!ner.ok()) return ner.status();
  std::unique_ptr<OpenIeExtractor> e(new OpenIeExtractor());
  e->pipeline_ = std::move(*nlp);
  e->catalog_ = std::move(*catalog);
  e->ner_ = std::move(*ner);
  return e;
}

Result<std::unique_ptr<OpenIeExtractor>> OpenIeExtractor::LoadForParsedInput() {
  Result<std::unique_ptr<EntityCatalog>> catalog = EntityCatalog::Load("");
  if (!catalog.ok()) return catalog.status();
  std::unique_ptr<OpenIeExtractor> e(new OpenIeExtractor());
  e->catalog_ = std::move(*catalog);
  return e;
}

Result<Extraction> OpenIeExtractor::Extract(const Document& document) const {
  if (!pipeline_) return Status::NotSupported("this extractor was loaded without NLP models");
  // Lines the reader should already have dropped never give claims; they are
  // blanked (same length, so spans stay valid) before analysis.
  std::string text = document.text;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string::npos ? text.size() : nl;
    if (IsBoilerplateLine(std::string_view(text).substr(pos, end - pos)))
      for (size_t i = pos; i < end; ++i) text[i] = ' ';
    pos = end + 1;
  }
  return ExtractFromSentences(document, pipeline_->Analyze(text));
}

Extraction OpenIeExtractor::ExtractFromSentences(const Document& document,
                                                 std::vector<Sentence> sentences,
                                                 bool all_mentions) const {
  Extraction out;
  out.document = document;
  out.extractor = kName;
  out.extractor_version = kVersion;
  const std::string& text = document.text;
  auto cut = [&](ByteSpan s) {
    if (s.end > text.size() || s.begin > s.end) return std::string();
    return text.substr(s.begin, s.size());
  };

  DocumentResolver resolver(*catalog_);
  // The names read so far, for descriptions that refer back to one.
  DescribableNames names_so_far;
  // The person of the last speaker's label ("Jane Doe: We had been ..."),
  // whose "I" and "we" the sentences after it, up to the next label, are.
  int label_speaker = -1;
  std::vector<PendingClaim> pending;
  uint32_t order = 0;
  // The recognizer reads the sentences as the parser left them (as it was
  // trained); the claims read them repaired.
  std::vector<std::vector<NamedSpan>> recognized =
      ner_ ? ner_->Recognize(sentences) : std::vector<std::vector<NamedSpan>>(sentences.size());
  std::vector<std::vector<AcronymExpansion>> expansions(sentences.size());
  for (size_t si = 0; si < sentences.size(); ++si) {
    SplitTitleComplements(sentences[si], &recognized[si], catalog_.get());
    if (catalog_) DropPostFields(sentences[si], &recognized[si], *catalog_);
    JoinNumberedNames(sentences[si], &recognized[si]);
    JoinNameParticles(sentences[si], &recognized[si], catalog_.get());
    JoinCompassSuffixes(sentences[si], &recognized[si]);
    expansions[si] = JoinAcronymExpansions(sentences[si], &recognized[si]);
    RepairParseForClaims(sentences[si], recognized[si]);
  }
  for (size_t si = 0; si < sentences.size(); ++si) {
    recognized[si] = CleanNames(sentences[si], recognized[si]);
    JoinKnownPossessiveNames(sentences[si], &recognized[si]);
    SplitTitleOfNames(sentences[si], &recognized[si]);
    SplitInstitutionOfPlace(sentences[si], &recognized[si]);
    DropRoleWordNames(sentences[si], &recognized[si]);
    AddKnownNames(sentences[si], &recognized[si]);
    AddMissedPersonNames(sentences[si], &recognized[si]);
  }
  RecurringNames(sentences, &recognized);
  // "Warhol Polaroid exhibits": a person's name of two words whose first is
  // the last name of another person of the document ("Andy Warhol") and
  // whose second the document writes apart, outside people's names ("a
  // Polaroid camera"), is two names run together.
  {
    // (Last names of names whose first word is no one's last name: "Andy
    // Warhol" gives "Warhol", "Warhol Polaroid" nothing.)
    std::set<std::string> any_last, last_names, single_names;  // single: written apart
    for (size_t si = 0; si < sentences.size(); ++si)
      for (const NamedSpan& n : recognized[si])
        if (n.type == EntityType::kPerson && n.end - n.begin >= 2)
          any_last.insert(sentences[si].tokens[n.end - 1].form);
    for (size_t si = 0; si < sentences.size(); ++si)
      for (const NamedSpan& n : recognized[si]) {
        const Sentence& s = sentences[si];
        if (n.type == EntityType::kPerson && n.end - n.begin >= 2 &&
            (n.end - n.begin >= 3 || !any_last.count(s.tokens[n.begin].form)))
          last_names.insert(s.tokens[n.end - 1].form);
      }
    // (Words written with a capital outside people's names, past a
    // sentence's first word: "a Polaroid camera".)
    for (size_t si = 0; si < sentences.size(); ++si) {
      const Sentence& s = sentences[si];
      std::vector<bool> in_person(s.tokens.size(), false);
      for (const NamedSpan& n : recognized[si])
        if (n.type == EntityType::kPerson)
          for (int k = n.begin; k < n.end; ++k) in_person[k] = true;
      for (size_t k = 1; k < s.tokens.size(); ++k)
        if (!in_person[k] && !s.tokens[k].form.empty() &&
            std::isupper(static_cast<unsigned char>(s.tokens[k].form[0])))
          single_names.insert(s.tokens[k].form);
    }
    for (size_t si = 0; si < sentences.size(); ++si) {
      std::vector<NamedSpan> split;
      for (const NamedSpan& n : recognized[si]) {
        const Sentence& s = sentences[si];
        bool run_together = n.type == EntityType::kPerson && n.end - n.begin == 2 &&
                            last_names.count(s.tokens[n.begin].form) &&
                            single_names.count(s.tokens[n.begin + 1].form) &&
                            !last_names.count(s.tokens[n.begin + 1].form);
        if (!run_together) {
          split.push_back(n);
          continue;
        }
        split.push_back(NamedSpan{n.begin, n.begin + 1, EntityType::kPerson});
        split.push_back(NamedSpan{n.begin + 1, n.end, EntityType::kOther});
      }
      recognized[si] = std::move(split);
    }
  }
  // Last words of the people's names of the document, as they are written.
  std::set<std::string> surnames;
  for (size_t si = 0; si < sentences.size(); ++si)
    for (const NamedSpan& n : recognized[si])
      if (n.type == EntityType::kPerson && n.end - n.begin >= 2)
        surnames.insert(sentences[si].tokens[n.end - 1].form);

  std::string interviewed = InterviewedPerson(document, sentences, recognized);
  if (!interviewed.empty()) resolver.SetInterviewee(interviewed);

  for (uint32_t si = 0; si < sentences.size(); ++si) {
    const Sentence& s = sentences[si];
    const int n = static_cast<int>(s.tokens.size());
    if (n == 0) continue;
    if (IsWordSoup(s)) {
      order += static_cast<uint32_t>(n) + 1;
      continue;
    }
    SentenceView view(s, recognized[si], surnames);
    const size_t sentence_start = pending.size();  // this sentence's claims start here
    // A claim of this sentence between `subjects` and `objects`, its
    // relation read from the words at `relation_span`.
    auto add_pending = [&](std::vector<Side> subjects, std::vector<Side> objects,
                           const std::string& relation, const std::string& lemma,
                           ByteSpan relation_span, double confidence) {
      PendingClaim pc;
      pc.subjects = std::move(subjects);
      pc.objects = std::move(objects);
      Claim& c = pc.claim;
      c.relation = relation;
      c.relation_lemma = lemma;
      c.sentence = si;
      c.sentence_span = s.span;
      c.relation_span = relation_span;
      c.relation_surface = cut(relation_span);
      c.confidence = confidence;
      pending.push_back(std::move(pc));
    };
    // 1. Every name run and pronoun of the sentence, in order, as mentions.
    std::map<int, int> mention_at;  // head token -> mention id
    std::vector<bool> in_run(n, false);
    std::function<int(int)> add_name = [&](int head) -> int {
      // Any word of a recognized name stands for the name's head word.
      if (const NamedSpan* r = view.RecognizedAt(head)) {
        for (int k = r->begin; k < r->end; ++k) {
          int h = s.tokens[k].head;
          if (h < r->begin || h >= r->end) {
            head = k;
            break;
          }
        }
      }
      // "met German Chancellor Angela Merkel", parsed with the nationality
      // as the phrase's head: the person is meant.
      if (!view.RecognizedAt(head) && !CountryOfDemonym(s.tokens[head].form).empty()) {
        int title = head + 1;
        while (title < n && IsRoleWord(s.tokens[title].form) && !view.RecognizedAt(title)) ++title;
        const NamedSpan* person = view.RecognizedAt(title);
        if (title > head + 1 && person && person->begin == title &&
            person->type == EntityType::kPerson)
          return add_name(view.HeadOf(*person));
      }
      auto found = mention_at.find(head);
      if (found != mention_at.end()) return found->second;
      const Token& ht = s.tokens[head];
      std::string lower = Lower(ht.form);
      NameMention m;
      int name_start = -1;  // the name's first token (after any title)
      // The name before the titles, if any: "Google" of "Google CEO Sundar
      // Pichai" (first and last token).
      int lead_begin = -1, lead_end = -1;
      int name_end = head;  // and its last
      m.order = order + head;
      m.mention.sentence = si;
      {
        // Its phrase's role: climb appositions and compounds ("(FBI)").
        int p = head;
        for (int guard = 0; guard < 4; ++guard) {
          const std::string& d = s.tokens[p].deprel;
          if ((d != "appos" && d != "flat" && d != "compound") || s.tokens[p].head < 0) break;
          p = s.tokens[p].head;
        }
        const std::string& d = s.tokens[p].deprel;
        m.salient = d == "nsubj" || d == "nsubj:pass" || d == "root";
        // (A compound on an indefinite person's noun only qualifies the
        // person: "a Harvard law student", not "Facebook co-founder Mark
        // Zuckerberg".)
        const int modified = s.tokens[head].head;
        m.modifier = s.tokens[head].deprel == "compound" && modified >= 0 &&
                     s.tokens[modified].upos == "NOUN" &&
                     catalog_->IsPersonNoun(Lower(s.tokens[modified].lemma));
        if (m.modifier) {
          bool indefinite = false;
          for (int k : view.kids(modified)) {
            std::string det = Lower(s.tokens[k].form);
            indefinite |= s.tokens[k].deprel == "det" && (det == "a" || det == "an");
          }
          m.modifier = indefinite;
        }

        // A possessor is as salient as what it possesses: "Warhol's
        // obsession" as a subject or object is; "into Karlgren's Etudes"
        // in a prepositional phrase makes Karlgren no subject of the story.
        if (d == "nmod:poss" && s.tokens[p].head >= 0) {
          const std::string& owned = s.tokens[s.tokens[p].head].deprel;
          m.salient = owned == "nsubj" || owned == "nsubj:pass" || owned == "root" || owned == "obj" ||
                      owned == "iobj";
        }
      }
      for (int k : view.kids(head))
        if (k < head && s.tokens[k].deprel == "det") {
          std::string det = Lower(s.tokens[k].form);
          m.indefinite |= det == "a" || det == "an";
        }
      // A word of a name is the name's, never a description ("the Black
      // Sea resort city").
      std::optional<Description> description =
          view.IsName(head) ? std::nullopt
                            : DescriptionOf(s, head, view.kids(head), names_so_far);
      if (description) {
        m.pronoun = true;
        m.description = description->type;
        m.head_word = description->head_word;
        m.bare = description->bare;
        m.name = lower;
        m.mention.span = ht.span;
        m.mention.surface = cut(ht.span);
      } else if (ht.upos == "PRON" && IsPronounForm(lower)) {
        m.pronoun = true;
        m.name = lower;
        // An object's clause subject (or the name in apposition to it),
        // which it is not: "The Tsar employed him", "Her former
        // professor, Koolhaas, described her".
        if ((lower == "him" || lower == "her" || lower == "them") &&
            (ht.deprel == "obj" || ht.deprel == "iobj") && ht.head >= 0)
          for (int k : view.kids(ht.head)) {
            if (s.tokens[k].deprel != "nsubj" || k > head) continue;
            std::vector<int> subject_words{k};
            for (int a : view.kids(k))
              if (s.tokens[a].deprel == "appos") subject_words.push_back(a);
            for (int w : subject_words)
              if (auto subject = mention_at.find(w); subject != mention_at.end() &&
                                                     !resolver.mention(subject->second).pronoun &&
                                                     m.disjoint_from < 0)
                m.disjoint_from = subject->second;
          }
        m.mention.span = ht.span;
        m.mention.surface = cut(ht.span);
      } else {
        std::vector<int> run = view.NameRun(head);
        if (run.empty()) return -1;
        // Titles before the name are not part of it, and nor is an article:
        // "the US" is the US, "The United States" the United States. A
        // capitalised "The" before one ordinary word stays ("The Hague").
        size_t article = 0;
        if (run.size() >= 2) {
          const std::string& word = s.tokens[run[0]].form;
          bool acronym = run.size() == 2 && text::IsAllUpper(s.tokens[run[1]].form);
          if (word == "the" || (word == "The" && (acronym || run.size() >= 3))) article = 1;
        }
        // The titles are a prefix, after at most one word ("Ukrainian
        // President", "Secretary of State"), that starts with a title proper:
        // "of" and "State" only continue one, so "Colorado State University
        // of the US" keeps its words.
        auto title_at = [&](size_t k) { return IsPersonTitle(s.tokens[run[k]].form); };
        auto opens_title = [&](size_t k) {
          const std::string& w = s.tokens[run[k]].form;
          return title_at(k) && w != "of" && w != "State";
        };
        size_t first = article;
        size_t start = article;
        if (start + 1 < run.size() && !title_at(start) && opens_title(start + 1)) {
          ++start;
        } else if (start + 3 < run.size() && !title_at(start)) {
          // "Goldman Sachs CEO Lloyd Blankfein", "Museum of Flight CEO
          // Bonnie Dunbar": a name of more words before the titles is whose
          // they are, when a person's first and last name follow them.
          size_t t = start + 1;
          while (t + 1 < run.size() && !opens_title(t)) ++t;
          size_t after_titles = t;
          while (after_titles < run.size() && title_at(after_titles)) ++after_titles;
          // (Not "the BAFTA Award for Best Foreign Actress", "the Society
          // for General Systems Research": the words on either side of the
          // titles are capitalized, but for "of", "and" or "&" in the name
          // before them, and the first title is no part of a name's words.)
          static const std::set<std::string> kInNamesToo = {"General", "Press"};
          bool names_around = opens_title(t) && !kInNamesToo.count(s.tokens[run[t]].form) &&
                              run.size() - after_titles >= 2;
          for (size_t k = start; k < t && names_around; ++k) {
            const std::string& w = s.tokens[run[k]].form;
            names_around =
                NameLike(s.tokens[run[k]]) || ((w == "of" || w == "and" || w == "&") && k > start);
          }
          for (size_t k = after_titles; k < run.size() && names_around; ++k)
            names_around = NameLike(s.tokens[run[k]]);
          if (names_around && NameLike(s.tokens[run[t - 1]])) start = t;
        }
        const size_t lead_words = start - article;  // the words before the titles
        if (start + 1 < run.size() && opens_title(start)) {
          while (start + 1 < run.size() && title_at(start)) ++start;
          first = start;
        }
        std::vector<std::string> rest;
        for (size_t k = first; k < run.size(); ++k) rest.push_back(s.tokens[run[k]].form);
        if (first > article && TypeFromCues(rest, "") != EntityType::kOther) first = article;
        // The recognizer's organisation or place keeps its words: "Civil
        // Defense Authority" is no "Authority" with the title "Defense".
        // But "U.S. Senator John Cornyn", read as one organisation, is a
        // title and a person: two or more words after a title proper, none
        // of them an organisation's or a place's word.
        const NamedSpan* recognized_here = view.RecognizedAt(head);
        bool person_after_title = false;
        if (first > article && first + 2 <= run.size()) {
          const std::string& title_word = s.tokens[run[first - 1]].form;
          std::vector<std::string> after(rest.begin(), rest.end());
          // ("State" ends "Secretary of State", and is no title alone.)
          bool of_state = title_word == "State" && first >= article + 3 &&
                          IsOfInTitleOfState(s, run[first - 2]);
          person_after_title = IsRoleWord(title_word) && (title_word != "State" || of_state) &&
                               title_word != "Defense" && title_word != "Defence" &&
                               !EndsWithOrganizationWord(after) && !EndsWithPlaceWord(after) &&
                               std::find(after.begin(), after.end(), "of") == after.end();
        }
        if (first > article && recognized_here && recognized_here->type != EntityType::kPerson &&
            !IsRoleWord(s.tokens[run[article]].form) && !person_after_title)
          first = article;
        if (first > article) m.title = s.tokens[run[first - 1]].form;
        // "Pope Francis", "Prince Harry": a sovereign's or a pope's title
        // before one given name is part of the name it is known by (not
        // before a regnal number: "Queen Elizabeth II" is Elizabeth II).
        static const std::set<std::string> kStyles = {"Pope",     "King",    "Queen",  "Prince",
                                                      "Princess", "Emperor", "Empress"};
        if (first > article && first + 1 == run.size() &&
            kStyles.count(s.tokens[run[first - 1]].form))
          --first;
        if (first > article && lead_words > 0) {
          lead_begin = run[article];
          lead_end = run[article + lead_words - 1];
        }
        if (run.size() == first + 1 && IsPersonTitle(s.tokens[run[first]].form)) return -1;
        // "I'll do a Santorum", "he bought a Picasso": a name right after
        // "a" names a thing after the one who bears it, not the bearer.
        // ("a blue Marilyn" may still mention her.)
        for (int k : view.kids(head)) {
          std::string det = Lower(s.tokens[k].form);
          if (k + 1 == run[0] && s.tokens[k].deprel == "det" && (det == "a" || det == "an")) return -1;
        }
        // "Google CEO" of "Google CEO Sundar Pichai", when the recognizer
        // found only the person: the title ends no name; it is the title of
        // the person's name after it.
        size_t last = run.size();
        auto trailing_title = [&](int k) {
          static const std::set<std::string> kInsideNames = {
              "State",   "Defense", "Defence", "Interior", "Foreign",
              "General", "Prime",   "Vice",    "Deputy",   "Chief"};
          return IsRoleWord(s.tokens[k].form) && !kInsideNames.count(s.tokens[k].form) &&
                 !view.RecognizedAt(k) && k + 1 < n && view.RecognizedAt(k + 1) &&
                 view.RecognizedAt(k + 1)->type == EntityType::kPerson;
        };
        while (last > first + 1 && trailing_title(run[last - 1])) --last;
        name_start = run[first];
        name_end = run[last - 1];
        ByteSpan span{s.tokens[run[first]].span.begin, s.tokens[name_end].span.end};
        m.mention.span = span;
        m.mention.surface = cut(span);
        m.name = m.mention.surface;
        // "North and South Korea", "East and West Germany": a compass word
        // and the name that shares its last words.
        if (name_start == name_end && IsCompassWord(s.tokens[name_start].form) &&
            name_end + 3 < n && Lower(s.tokens[name_end + 1].form) == "and" &&
            IsCompassWord(s.tokens[name_end + 2].form) && s.tokens[name_end + 3].upos == "PROPN") {
          int k = name_end + 3;
          while (k < n && s.tokens[k].upos == "PROPN") m.name += " " + s.tokens[k++].form;
        }
        for (int k : run) in_run[k] = true;
        if (m.name.empty()) return -1;
        if (const NamedSpan* r = view.RecognizedAt(head))
          m.recognized = person_after_title && first > article ? EntityType::kPerson : r->type;
      }
      if (!m.pronoun) {
        m.role = PersonNounFor(*catalog_, s, head, view.kids(head));
        m.described = DescribedKindFor(*catalog_, s, head, view.kids(head));
        m.kind_word = KindWordFor(s, head, m.recognized);
      }
      int id = resolver.Add(m);
      mention_at[head] = id;
      if (!m.pronoun) {
        // The names a later description may refer to ("the cyclone").
        names_so_far.Add(m.name, m.kind_word);
        // "Russian President Vladimir Putin" -> Putin -president_of-> Russia;
        // "Google CEO Sundar Pichai" -> Pichai -ceo_of-> Google.
        int start = name_start;
        int k = start - 1;
        std::vector<std::string> role;
        // (With the "of" of "Secretary of State".)
        while (k >= 0 && (IsRoleWord(s.tokens[k].form) || IsOfInTitleOfState(s, k)))
          role.insert(role.begin(), Lower(s.tokens[k--].form));
        std::string country = k >= 0 && !role.empty() ? CountryOfDemonym(s.tokens[k].form) : "";
        std::string role_preposition = "of";
        // "Swedish captain Andreas Granqvist", "American academic Marc
        // Lamont Hill": a nationality and a kind of person before the name.
        // A national side's player plays for the country (captain_of
        // Sweden); anyone else comes from it (academic_from United States).
        if (role.empty() && k >= 1 && s.tokens[k].upos == "NOUN" && s.tokens[k].head == start &&
            s.tokens[k].deprel == "nmod:desc" && s.tokens[k].form == Lower(s.tokens[k].form) &&
            catalog_->IsPersonNoun(Lower(s.tokens[k].lemma))) {
          std::string demonym_country = CountryOfDemonym(s.tokens[k - 1].form);
          if (!demonym_country.empty()) {
            std::string noun = Lower(s.tokens[k].lemma);
            role.push_back(noun);
            if (!IsNationalSidePosition(noun)) role_preposition = "from";
            country = demonym_country;
            --k;
          }
        }
        std::optional<NameMention> holder;
        if (!country.empty()) {
          holder.emplace();
          holder->mention.span = s.tokens[k].span;
          holder->name = country;
          holder->recognized = EntityType::kPlace;
        } else if (!role.empty() && k >= 0 && lead_end == k && name_end > name_start) {
          ByteSpan span{s.tokens[lead_begin].span.begin, s.tokens[lead_end].span.end};
          std::string words = cut(span);
          // Its type: WordNet's place or organisation, the recognizer's, a
          // person's only where both say so ("Trump Attorney Rudy
          // Giuliani"); else an organisation (a chief executive's "Tesla").
          EntityType known = catalog_->KnownType(words);
          const NamedSpan* r = view.RecognizedAt(lead_end);
          bool recognized_alone = r && r->begin == lead_begin && r->end == lead_end + 1;
          EntityType type = EntityType::kOrganization;
          if (known == EntityType::kPlace || known == EntityType::kOrganization)
            type = known;
          else if (recognized_alone && r->type != EntityType::kOther)
            type = r->type;
          if (type == EntityType::kPerson && known != EntityType::kPerson)
            type = EntityType::kOrganization;
          if (CountryOfDemonym(words).empty() && !IsCalendarWord(s.tokens[lead_begin].form)) {
            holder.emplace();
            holder->mention.span = span;
            holder->name = words;
            holder->recognized = type;
          }
        }
        // "Texas Governor Rick Perry", "New Zealand Prime Minister John
        // Key": the recognizer's place or organisation right before the
        // titles.
        int holder_id = -1;
        if (!holder && !role.empty() && k >= 0 && country.empty()) {
          const NamedSpan* r = view.RecognizedAt(k);
          // (Not the end of a longer name: "Bank of America CEO".)
          bool inside_of = r && r->begin > 0 && Lower(s.tokens[r->begin - 1].form) == "of";
          if (r && r->end == k + 1 && r != view.RecognizedAt(start) && !inside_of &&
              (r->type == EntityType::kPlace || r->type == EntityType::kOrganization) &&
              CountryOfDemonym(cut(ByteSpan{s.tokens[r->begin].span.begin, s.tokens[k].span.end}))
                  .empty())
            holder_id = add_name(view.HeadOf(*r));
          if (holder_id == id) holder_id = -1;
        }
        if (holder) {
          holder->order = order + k;
          holder->mention.sentence = si;
          holder->mention.surface = cut(holder->mention.span);
          holder_id = resolver.Add(*holder);
        }
        if (holder_id >= 0) {
          PendingClaim pc;
          pc.subjects.push_back(Side{id, {}, {}});
          pc.objects.push_back(Side{holder_id, {}, {}});
          Claim& c = pc.claim;
          for (const std::string& r : role) c.relation += r + "_";
          c.relation += role_preposition;
          c.relation_lemma = c.relation;
          c.sentence = si;
          c.sentence_span = s.span;
          c.relation_span = ByteSpan{s.tokens[k + 1].span.begin, s.tokens[start - 1].span.end};
          c.relation_surface = cut(c.relation_span);
          c.confidence = 0.8;
          pending.push_back(std::move(pc));
        }
        // Roles the sentence gives the name, as claims between the name and
        // the organisation or place of the role:
        //   "Tim Cook, chief executive of Apple"  -> chief_executive_of Apple
        //   "Khaled Al-Maeena, editor at the Saudi Gazette" -> editor_at
        //   "Jeff Rathke, the State Department spokesperson" -> spokesperson_of
        //   "Environment Canada spokesperson Julie Hahn" -> spokesperson_of
        // The role is an apposition (or, before the name, a descriptive
        // nmod) whose noun names a kind of person; its organisation is a
        // name in a prepositional nmod, a compound or a possessor of it.
        // A claim from this name to the name headed by `other_head`, its
        // relation's words being tokens lo..hi.
        auto add_claim_with = [&](int other_head, const std::string& relation, int lo, int hi,
                            double confidence) {
          int other = add_name(other_head);
          if (other < 0 || other == id) return;
          add_pending({Side{id, {}, {}}}, {Side{other, {}, {}}}, relation, relation,
                      ByteSpan{s.tokens[lo].span.begin, s.tokens[hi].span.end}, confidence);
        };
        auto is_role = [&](int a) {
          const Token& t = s.tokens[a];
          if (view.IsName(a) && !IsRoleWord(t.form)) return false;
          if (t.upos != "NOUN" && t.upos != "PROPN" && t.upos != "ADJ") return false;
          // (Nouns whose first sense is a person's but which, said of a
          // name, name a thing: "Microsoft's Internet Explorer 9 browser".)
          std::string lemma = Lower(t.lemma);
          if (lemma == "browser" || lemma == "carrier") return false;
          return IsRoleWord(t.form) || catalog_->CanBePersonNoun(lemma);
        };
        // Where a place is, and whose a name is:
        //   "Clearwater, Florida"        -> Clearwater -locate_in-> Florida
        //   "Castlefrank Road in Kanata" -> locate_in; "X near Y" -> be_near
        //   "Mecca's Grand Mosque"       -> Grand Mosque -of-> Mecca
        // The located name is not a person's or an event's ("World Cup,
        // Sweden") unless its last word makes it a place; the place is one
        // WordNet or the recognizer calls a place.
        // (An event is where it is held after "in": "the Spitfire
        // Tournament in Canada"; not before a comma: "World Cup, Sweden".)
        auto could_be_located = [&](bool event_ok) {
          std::vector<std::string> words = text::SpaceSeparatedWords(m.name);
          if (EndsWithPlaceWord(words)) return true;
          const NamedSpan* mine = view.RecognizedAt(head);
          if (mine && (mine->type == EntityType::kPerson ||
                       (mine->type == EntityType::kEvent && !event_ok)))
            return false;
          return catalog_->KnownType(m.name) != EntityType::kPerson &&
                 (event_ok || TypeFromCues(words, "") != EntityType::kEvent);
        };
        // Whether the name headed by `other` is a place's, to WordNet or
        // the recognizer.
        auto recognized_type = [&](int token) -> std::optional<EntityType> {
          const NamedSpan* r = view.RecognizedAt(token);
          return r ? std::optional<EntityType>(r->type) : std::nullopt;
        };
        auto is_place = [&](int other) {
          std::string words;
          for (int k : view.NameRun(other)) words += (words.empty() ? "" : " ") + s.tokens[k].form;
          return NamesPlace(*catalog_, words, recognized_type(other));
        };
        // Whether the name headed by `other` is an organisation's, to
        // WordNet, its last word or the recognizer.
        auto is_organization = [&](int other) {
          const NamedSpan* theirs = view.RecognizedAt(other);
          std::vector<std::string> words;
          for (int k : view.NameRun(other)) words.push_back(s.tokens[k].form);
          std::string joined;
          for (const std::string& w : words) joined += (joined.empty() ? "" : " ") + w;
          EntityType known = catalog_->KnownType(joined);
          if (NamesSchoolOrMuseum(joined)) return true;
          if (known != EntityType::kOther) return known == EntityType::kOrganization;
          // (An acronym no one knows as a place: "Wong Kwok-hing of FTU".)
          bool acronym = words.size() == 1 && IsAcronym(words[0]) &&
                         !(theirs && theirs->type != EntityType::kOrganization && theirs->type != EntityType::kOther);
          return EndsWithOrganizationWord(words) || acronym ||
                 (theirs && theirs->type == EntityType::kOrganization);
        };
        // This name's type as far as the sentence tells: WordNet's, its
        // last word's, the recognizer's.
        auto own_type = [&]() {
          EntityType known = catalog_->KnownType(m.name);
          if (known != EntityType::kOther) return known;
          std::vector<std::string> words = text::SpaceSeparatedWords(m.name);
          if (EndsWithOrganizationWord(words)) return EntityType::kOrganization;
          const NamedSpan* mine = view.RecognizedAt(head);
          return mine ? mine->type : EntityType::kOther;
        };
        auto add_location = [&](int place_head, const std::string& relation, int word,
                                bool event_ok = false) {
          if (!could_be_located(event_ok)) return;
          int place = add_name(place_head);
          if (place < 0 || place == id) return;
          if (catalog_->KnownType(resolver.mention(place).name) != EntityType::kPlace &&
              recognized_type(place_head) != EntityType::kPlace)
            return;
          add_claim_with(place_head, relation, word, word, 0.7);
        };
        // What hangs on any word of the name ("Lee Cheuk-yan of the Labour
        // Party": the parser hangs "Party" on "Cheuk-yan").
        std::vector<int> name_kids;
        for (int k = std::min(name_start, head); k <= std::max(name_end, head); ++k)
          for (int a : view.kids(k))
            if (a < name_start || a > name_end) name_kids.push_back(a);
        // Whether the possessor headed by `a` ends right before this name's
        // "'s": not "Germany's Angela Merkel and France's Emmanuel Macron"
        // read as Germany's Macron.
        auto possessed_right_after = [&](int a) {
          int mark = name_start - 1;
          if (mark < 1 || (s.tokens[mark].form != "'s" && s.tokens[mark].xpos != "POS"))
            return true;
          const NamedSpan* owner = view.RecognizedAt(a);
          return mark - 1 == a || (owner && owner->end == mark);
        };
        for (int a : name_kids) {
          const std::string& rel = s.tokens[a].deprel;
          if (!view.IsName(a)) continue;
          if (rel == "appos" && a > head + 1 && s.tokens[a - 1].form == "," && a - 1 > head) {
            // (Only right after this name: in "Castlefrank Road in Kanata,
            // Ontario" it is Kanata that is in Ontario; see step 1b.)
            bool right_after = a - 2 == head || (view.RecognizedAt(head) &&
                                                 view.RecognizedAt(a - 2) == view.RecognizedAt(head));
            if (right_after) add_location(a, "locate_in", a - 1);
          } else if (rel == "nmod" && a > head) {
            std::string prep = view.CaseOf(a);
            if (prep == "in" || prep == "near")
              add_location(a, prep == "in" ? "locate_in" : "be_near", a - 1, prep == "in");
            // "Anna Weber from Berlin": where a person comes from.
            // "Colorado State University of the US": an organisation's country.
            bool place_named = is_place(a);
            EntityType mine = own_type();
            if (prep == "from" && place_named && mine == EntityType::kPerson) {
              size_t before = pending.size();
              add_claim_with(a, "come_from", a - 1, a - 1, 0.65);
              // "John Brown, 42, and Mary Brown, 36, from Leeds": both.
              const Token& me = s.tokens[head];
              int first = me.head;
              if (pending.size() > before && me.deprel == "conj" && first >= 0 && first < head &&
                  view.IsName(first)) {
                int first_id = add_name(first);
                if (first_id >= 0 && resolver.mention(first_id).recognized == EntityType::kPerson) {
                  PendingClaim both = pending.back();
                  both.subjects = {Side{first_id, {}, {}}};
                  pending.push_back(std::move(both));
                }
              }
            }
            if (prep == "of" && place_named && mine == EntityType::kOrganization)
              add_claim_with(a, "of", a - 1, a - 1, 0.65);
            // "John Smith, 42, of Boston": where a person is from; "President
            // Barack Obama of the United States": what the title is of.
            if (prep == "of" && place_named && mine == EntityType::kPerson) {
              std::string title = m.title;
              if (title.empty() && name_start >= 1 &&
                  std::isupper(static_cast<unsigned char>(s.tokens[name_start - 1].form[0])))
                title = s.tokens[name_start - 1].form;
              if (!title.empty() && IsRoleWord(title) && title != "State")
                add_claim_with(a, Lower(title) + "_of", a - 1, a - 1, 0.65);
              else
                add_claim_with(a, "come_from", a - 1, a - 1, 0.6);
            }
            // "the Weatherspoon Art Museum at the University of North
            // Carolina", "the Aerospace Engineering Department of Texas
            // A&M": an organisation's part or site in another.
            if ((prep == "at" || prep == "of") && mine == EntityType::kOrganization && is_organization(a))
              add_claim_with(a, prep == "at" ? "locate_at" : "of", a - 1, a - 1, 0.6);
            // "Lee Cheuk-yan of the Labour Party", "Alvin Yeung from the
            // Civic Party": a person's organisation. So is a name of two
            // or more words that is no place's or person's, after "of"
            // ("Cheng Chung-tai of Civic Passion").
            auto unknown_group = [&](int other) {
              std::vector<int> words = view.NameRun(other);
              std::string joined;
              for (int k : words) joined += (joined.empty() ? "" : " ") + s.tokens[k].form;
              auto theirs = recognized_type(other);
              return words.size() >= 2 && !place_named && catalog_->KnownType(joined) == EntityType::kOther &&
                     (!theirs || *theirs == EntityType::kOther || *theirs == EntityType::kOrganization);
            };
            if ((prep == "of" || prep == "from") && mine == EntityType::kPerson &&
                (is_organization(a) || (prep == "of" && unknown_group(a))))
              add_claim_with(a, "of", a - 1, a - 1, 0.65);
          } else if (rel == "nmod:poss" && a < head && view.RecognizedAt(head) &&
                     view.RecognizedAt(a) != view.RecognizedAt(head) && possessed_right_after(a)) {
            // Only a place's or an organisation's: "Campbell's Soup" and
            // "the Korean People's Army" are names of their own.
            const NamedSpan* owner = view.RecognizedAt(a);
            // "the Korean People's Army": a lone "Army" or "Party" after the
            // possessive is the end of one name, not a name of its own.
            if (m.name.find(' ') == std::string::npos && TypeFromCues({m.name}, "") != EntityType::kOther)
              continue;
            int other = add_name(a);
            if (other < 0 || other == id) continue;
            EntityType known = catalog_->KnownType(resolver.mention(other).name);
            bool place_or_org = known == EntityType::kPlace || known == EntityType::kOrganization ||
                                (known == EntityType::kOther && owner &&
                                 (owner->type == EntityType::kPlace ||
                                  owner->type == EntityType::kOrganization));
            if (place_or_org) add_claim_with(a, "of", a, a, 0.65);
          }
        }
        // "Google headquarters in California", "Google's headquarters
        // located in Mountain View": where an organisation has its seat.
        const int seat = s.tokens[head].head;
        const std::string& seat_of = s.tokens[head].deprel;
        if (std::string relation = (seat_of == "compound" || seat_of == "nmod:poss") && seat >= 0
                                       ? SeatRelation(Lower(s.tokens[seat].lemma))
                                       : "";
            !relation.empty()) {
          for (int a : view.kids(seat)) {
            const Token& k = s.tokens[a];
            std::string located = Lower(k.lemma);
            if (k.deprel == "nmod" && view.IsName(a) && view.CaseOf(a) == "in") {
              add_location(a, relation, seat);
            } else if (k.deprel == "acl" && (located == "locate" || located == "base" || located == "situate")) {
              for (int b : view.kids(a))
                if (s.tokens[b].deprel == "obl" && view.IsName(b) && view.CaseOf(b) == "in")
                  add_location(b, relation, seat);
            }
          }
          // ("received attention at Google headquarters in California":
          // the place hung on the verb, right after the seat.)
          const Token& at = s.tokens[seat];
          if (at.deprel == "obl" && seat + 2 < n && s.tokens[seat + 1].form == "in")
            for (int b = seat + 2; b < n && b < seat + 6; ++b)
              if (s.tokens[b].head == at.head && s.tokens[b].deprel == "obl" && view.IsName(b)) {
                add_location(b, relation, seat);
                break;
              }
        }
        // The claims of role noun `a` describing this name: `after` it
        // ("Tim Cook, chief executive of Apple") or before it ("Environment
        // Canada spokeswoman Sujata Raisinghani", "his wife Manju Sam").
        const NamedSpan* own_name = view.RecognizedAt(head);
        const int name_last = own_name ? own_name->end - 1 : head;
        // A noun describing this name when it is no person's ("the
        // Scientology propaganda publication Freedom Magazine").
        bool thing_described = false;
        auto role_claims = [&](int a, bool after) {
          // A person's noun describes no place WordNet knows: "his wife Manju
          // Sam, 36, from Sydney, Australia" is no wife "Australia".
          if (is_role(a) && own_type() == EntityType::kPlace &&
              catalog_->KnownType(m.name) == EntityType::kPlace)
            return;
          // The role's own words: "chief executive", "Prime Minister".
          int lo = a;
          std::string role = RoleWords(s, view, a, &lo);
          std::set<const NamedSpan*> done;  // "Environment" and "Canada": one name
          for (int o : view.kids(a)) {
            if (o == head) continue;
            if (const NamedSpan* r = view.RecognizedAt(o); r && !done.insert(r).second) continue;
            const std::string& orel = s.tokens[o].deprel;
            // "his wife Manju Sam", "her husband, Tom Jones", "Mozilla
            // Firefox, its main rival": the role is towards the one the
            // possessive pronoun stands for.
            std::string possessive = Lower(s.tokens[o].form);
            if (orel == "nmod:poss" && s.tokens[o].upos == "PRON" && is_role(a) &&
                (possessive == "his" || possessive == "her" || possessive == "its")) {
              // "... met with Mohamed. His father Mohamed El-Hassan Mohamed":
              // a relative shares a family name; the person named before
              // with the relative's last name is whose relative, whoever
              // the pronoun would go to.
              if (IsKinshipNoun(Lower(s.tokens[a].lemma)) && possessive != "its") {
                std::string family = s.tokens[name_end].form;
                int kin = -1;
                for (int k = id - 1; k >= 0 && kin < 0; --k) {
                  const NameMention& before = resolver.mention(k);
                  if (before.pronoun || before.recognized != EntityType::kPerson) continue;
                  size_t space = before.name.rfind(' ');
                  if (space != std::string::npos && before.name.substr(space + 1) == family &&
                      before.name != m.name)
                    kin = k;
                }
                if (kin >= 0) {
                  add_pending({Side{id, {}, {}}}, {Side{kin, {}, {}}}, role + "_of", role + "_of",
                              ByteSpan{s.tokens[std::min(lo, a)].span.begin, s.tokens[a].span.end}, 0.7);
                  continue;
                }
              }
              add_claim_with(o, role + "_of", std::min(lo, a), a, 0.7);
              continue;
            }
            // "Thomas Sam and Manju Sam ... Their daughter Gloria": "their"
            // of a kinship noun is the last two people named together.
            if (orel == "nmod:poss" && s.tokens[o].upos == "PRON" && possessive == "their" &&
                IsKinshipNoun(Lower(s.tokens[a].lemma))) {
              Side parents;
              parents.group = true;
              parents.group_before = id;  // the people named before this name
              parents.group_type = EntityType::kPerson;
              parents.span = s.tokens[o].span;
              parents.text = cut(parents.span);
              add_pending({Side{id, {}, {}}}, {parents}, role + "_of", role + "_of",
                          ByteSpan{s.tokens[std::min(lo, a)].span.begin, s.tokens[a].span.end}, 0.6);
              continue;
            }
            // "president of the region of Lombardy", "director of exhibits
            // at the University of Arkansas": the name of the noun the role
            // is of.
            int named = o;
            if (orel == "nmod" && !view.IsName(o) && s.tokens[o].upos == "NOUN") {
              for (int p : view.kids(o)) {
                bool of = false;
                for (int c : view.kids(p)) {
                  std::string prep = Lower(s.tokens[c].form);
                  of |= s.tokens[c].deprel == "case" && (prep == "of" || prep == "at");
                }
                if (s.tokens[p].deprel == "nmod" && of && view.IsName(p)) named = p;
                // "a member of the national team known as the Gliders".
                std::string participle = Lower(s.tokens[p].lemma);
                if (s.tokens[p].deprel == "acl" &&
                    (participle == "know" || participle == "call" || participle == "name"))
                  for (int c : view.kids(p)) {
                    const std::string& d = s.tokens[c].deprel;
                    bool as = d == "obl" && view.CaseOf(c) == "as";
                    if (view.IsName(c) && (as || d == "xcomp" || d == "obj")) named = c;
                  }
              }
            }
            // "Nikki Haley, the US ambassador", "Jane Smith, the British
            // ambassador": a country's demonym before a role in apposition
            // is the country the role is of. (Before the name itself,
            // "English captain Harry Kane", the title path reads it.)
            // (A title or an office that serves a country, right after the
            // demonym: not "an Australian woman", "the first great American
            // poet", whose demonym says only whence.)
            static const std::set<std::string> kOffices = {
                "ambassador",     "envoy",       "consul",       "diplomat",  "official",
                "spokesman",      "spokeswoman", "spokesperson", "captain",   "coach",
                "representative", "delegate",    "negotiator",   "minister",  "president",
                "premier",        "chancellor",  "general",      "commander", "leader"};
            bool office = IsRoleWord(s.tokens[a].form) || kOffices.count(Lower(s.tokens[a].lemma));
            bool next_to = o + 1 == a || (o + 2 == a && IsRoleWord(s.tokens[o + 1].form));
            if (after && o < a && office && next_to &&
                (orel == "compound" || orel == "amod" || orel == "nmod:poss")) {
              std::string country = CountryOfDemonym(s.tokens[o].form);
              if (!country.empty()) {
                NameMention holder;
                holder.mention.span = s.tokens[o].span;
                holder.mention.sentence = si;
                holder.mention.surface = cut(holder.mention.span);
                holder.name = country;
                holder.recognized = EntityType::kPlace;
                holder.order = order + o;
                int holder_id = resolver.Add(holder);
                // (The demonym is the country, not the role: "british_ambassador".)
                std::string own_role = role;
                std::string demonym = Lower(s.tokens[o].form) + "_";
                if (own_role.compare(0, demonym.size(), demonym) == 0)
                  own_role = own_role.substr(demonym.size());
                add_pending({Side{id, {}, {}}}, {Side{holder_id, {}, {}}}, own_role + "_of",
                            own_role + "_of",
                            ByteSpan{s.tokens[std::min(lo, a)].span.begin, s.tokens[a].span.end},
                            0.7);
                continue;
              }
            }
            // A name proper, not a demonym ("English captain Harry Kane").
            unsigned char first = static_cast<unsigned char>(s.tokens[named].form[0]);
            bool written_as_name = std::isupper(first) || std::isdigit(first) || first >= 0x80;
            if (!view.IsName(named) || !written_as_name || s.tokens[named].upos == "ADJ" ||
                !CountryOfDemonym(s.tokens[named].form).empty())
              continue;
            // ("the chief executive of Nokia", tagged as adjectives: "of
            // Nokia" hangs on "executive" as an oblique.)
            bool adjective_role = orel == "obl" && s.tokens[a].upos == "ADJ" && is_role(a);
            if ((orel == "nmod" || adjective_role) && after) {
              // "chief executive of Apple", "editor at the Saudi Gazette".
              std::string prep = view.CaseOf(o);
              o = named;
              // A role's: "chief executive of Apple", "editor at the Saudi
              // Gazette". Any noun's: "the Hajj, the annual pilgrimage to
              // Mecca", "Kanata, a suburb of Ottawa".
              bool role_prep = prep == "at" || prep == "for" || prep == "with" || prep == "from";
              bool any_prep = prep == "of" || prep == "to" || prep == "in" || prep == "near";
              if (!(role_prep && is_role(a)) && !any_prep) continue;
              // A person noun describes no place: "Irving, Texas" read as
              // "boy from Irving, Texas", "University of Arkansas,
              // Fayetteville" as "Fayetteville, curator of ...". (A place
              // to the recognizer alone may be none: "Instagram, a
              // subsidiary of Meta".)
              if (is_role(a) && own_type() == EntityType::kPlace &&
                  (prep == "from" || catalog_->KnownType(m.name) == EntityType::kPlace))
                continue;
              // "a 14-year-old boy from Irving": where the person comes from.
              if (prep == "from" && (is_place(o) || recognized_type(o) == EntityType::kPlace) &&
                  own_type() == EntityType::kPerson) {
                add_claim_with(o, "come_from", lo, a, 0.7);
                continue;
              }
              add_claim_with(o, role + "_" + prep, lo, a, 0.75);
            } else if ((orel == "compound" || orel == "nmod:poss") && o < a &&
                       (is_role(a) || thing_described)) {
              // "the State Department spokesperson", "Malaysia's Prime
              // Minister"; of a thing: "the Scientology propaganda
              // publication Freedom Magazine". (Not a family's name before
              // a kinship noun: "the senior Tsarnaev brother, Tamerlan" is
              // no brother of "Tsarnaev".)
              if (orel == "compound" && IsKinshipNoun(Lower(s.tokens[a].lemma)) &&
                  s.tokens[o].upos == "PROPN")
                continue;
              // (Nor the end of a longer name: "Bank of America CEO".)
              const NamedSpan* r = view.RecognizedAt(o);
              int o_begin = r ? r->begin : o;
              if (orel == "compound" && o_begin > 0 && Lower(s.tokens[o_begin - 1].form) == "of")
                continue;
              // (Nor half of a hyphenated word before the role's: "the
              // Anglo-Australian mining giant", but "a Stirling Prize-winner".)
              if (orel == "compound" && o + 2 < a && s.tokens[o + 1].form == "-") continue;
              add_claim_with(o, role + "_of", std::min(lo, a), a, 0.7);
            } else if (orel == "nmod:poss" && o < a && after && o == name_last + 2 &&
                       s.tokens[name_last + 1].form == ",") {
              // "Mecca, Islam's holiest site" -> holy_site_of Islam (only
              // right after the name: the parser often hangs the second of
              // two appositions on the first name).
              add_claim_with(o, role + "_of", std::min(lo, a), a, 0.65);
            }
          }
        };
        // (In "Dr Jane Smith, a researcher at ...", the parser may head the
        // name with its title: what hangs on the title describes the name.)
        std::vector<int> described_by = view.kids(head);
        if (name_start > 0 && s.tokens[head].head == name_start - 1 &&
            IsPersonTitle(s.tokens[name_start - 1].form))
          for (int a : view.kids(name_start - 1))
            if (a > name_end) described_by.push_back(a);
        for (int described : described_by) {
          const std::string& rel = s.tokens[described].deprel;
          // "Oxford, one of the oldest universities in England": the noun
          // after "one of" describes the name.
          int a = rel == "appos" ? NounAfterOneOf(s, view, described) : described;
          bool after = (rel == "appos" || rel == "list") && a > head;
          // (A title the recognizer left out of the name is no name:
          // "Google CEO Sundar Pichai".)
          bool title_word = IsRoleWord(s.tokens[a].form) && !view.RecognizedAt(a);
          bool before = (rel == "nmod:desc" || rel == "compound") && a < head &&
                        (!view.IsName(a) || title_word);
          if (!after && !before) continue;
          // (A noun for a kind of thing, "publication", "vessel"; not a
          // field the name is of: "the 2018 FIFA football World Cup".)
          thing_described = before && !is_role(a) && s.tokens[a].upos == "NOUN" &&
                            own_type() != EntityType::kPerson && own_type() != EntityType::kPlace &&
                            !catalog_->IsFieldNoun(Lower(s.tokens[a].lemma)) &&
                            !catalog_->IsActivityNoun(Lower(s.tokens[a].lemma));
          if (!after && !is_role(a) && !thing_described) continue;
          if (after && s.tokens[a].upos != "NOUN" && s.tokens[a].upos != "ADJ" && !is_role(a)) continue;
          // A name after a name is another item of a list the parser read
          // as an apposition, not a description: "the Midwest Magic Jubilee
          // in St. Louis, the TAOM in Dallas, the British Ring Convention in
          // Buxton" (no St. Louis "taom_in" Dallas). Titles are roles.
          if (after && !is_role(a) &&
              (view.IsName(a) || std::isupper(static_cast<unsigned char>(s.tokens[a].form[0]))))
            continue;
          role_claims(a, after);
          // "curator and director of exhibits at ...": each role of a
          // coordination.
          if (after)
            for (int c : view.kids(a))
              if (s.tokens[c].deprel == "conj" && s.tokens[c].upos == "NOUN" && is_role(c)) role_claims(c, after);
          thing_described = false;
        }
        // "Governor of Washington Chris Gregoire", "Mayor of London Sadiq
        // Khan", "Ambassador to the United States Hamdullah Mohib": the
        // title is of the name before the person's.
        if (own_type() == EntityType::kPerson && name_start >= 3) {
          const NamedSpan* of_what = view.RecognizedAt(name_start - 1);
          int prep = of_what ? of_what->begin - 1 : -1;
          if (prep > 0 && s.tokens[prep].form == "the") --prep;
          if (of_what && of_what->end == name_start && prep >= 1 &&
              (s.tokens[prep].form == "of" || s.tokens[prep].form == "to" || s.tokens[prep].form == "for") &&
              IsPersonTitle(s.tokens[prep - 1].form)) {
            int title = prep - 1;
            add_claim_with(view.HeadOf(*of_what), Lower(s.tokens[title].form) + "_" + s.tokens[prep].form,
                           title, title, 0.7);
          }
        }
        // "Amazon's chief executive Jeff Bezos", "Russia's foreign minister
        // Sergei Lavrov": a possessor's name, 's, lower-case words ending
        // in a noun for a person (the tagger often reads them as
        // adjectives) and the person's name.
        if (own_type() == EntityType::kPerson && name_start >= 3) {
          // (Or with a comma: "Volkswagen's chief executive, Martin
          // Winterkorn, resigned".)
          int last = s.tokens[name_start - 1].form == "," ? name_start - 2 : name_start - 1;
          int k = last;
          // (Or titles: "Nigeria's President Muhammadu Buhari".)
          while (k >= 0 && !s.tokens[k].form.empty() && last - k < 3 &&
                 ((std::islower(static_cast<unsigned char>(s.tokens[k].form[0])) &&
                   (s.tokens[k].upos == "ADJ" || s.tokens[k].upos == "NOUN")) ||
                  IsRoleWord(s.tokens[k].form)))
            --k;
          bool person_noun = k < last && (catalog_->IsPersonNoun(Lower(s.tokens[last].form)) ||
                                          IsRoleWord(s.tokens[last].form));
          bool possessive = k >= 1 && (s.tokens[k].form == "'s" || s.tokens[k].xpos == "POS") &&
                            view.IsName(k - 1);
          if (person_noun && possessive) {
            std::string role;
            for (int w = k + 1; w <= last; ++w) role += Lower(s.tokens[w].form) + "_";
            add_claim_with(k - 1, role + "of", k + 1, last, 0.7);
          }
        }
        // "North Korea's main news agency Korean Central News Agency",
        // "Russia's state gas company Gazprom": likewise a thing's name
        // after a possessor's and the nouns for what it is, which the parser
        // may not join to the name (the adjectives before the nouns stay
        // out of the relation: news_agency_of).
        if (own_type() != EntityType::kPerson && name_start >= 3) {
          const int last = name_start - 1;
          int k = last;
          while (k >= 0 && last - k < 4 && s.tokens[k].upos == "NOUN" &&
                 std::islower(static_cast<unsigned char>(s.tokens[k].form[0])))
            --k;
          const int first_noun = k + 1;
          while (k >= 0 && last - k < 4 && s.tokens[k].upos == "ADJ" &&
                 std::islower(static_cast<unsigned char>(s.tokens[k].form[0])))
            --k;
          bool possessive = first_noun <= last && k >= 1 &&
                            (s.tokens[k].form == "'s" || s.tokens[k].xpos == "POS") &&
                            view.IsName(k - 1) && !view.IsName(last);
          // (Read from the parse above when it joins them, but for a
          // person's: "Elon Musk's company SpaceX".)
          bool joined = (s.tokens[last].head >= name_start && s.tokens[last].head < name_end + 1) ||
                        s.tokens[head].head == last;
          const NamedSpan* possessor = possessive ? view.RecognizedAt(k - 1) : nullptr;
          bool persons = possessor && possessor->end == k && possessor->type == EntityType::kPerson;
          // The nouns make the relation: news_agency_of.
          std::string kind_of;
          for (int w = first_noun; w <= last; ++w) kind_of += Lower(s.tokens[w].lemma) + "_";
          kind_of += "of";
          if (possessive && (!joined || persons))
            add_claim_with(k - 1, kind_of, first_noun, last, 0.65);
          // "the Scientology propaganda publication Freedom Magazine", "the
          // Microsoft browser Internet Explorer": an organisation's or a
          // person's name before the nouns, no 's.
          const NamedSpan* owner = first_noun <= last ? view.RecognizedAt(first_noun - 1) : nullptr;
          bool owned =
              owner && owner->end == first_noun && owner->begin >= 1 &&
              Lower(s.tokens[owner->begin - 1].form) == "the" &&
              (owner->type == EntityType::kOrganization || owner->type == EntityType::kPerson);
          if (owned && !possessive)
            add_claim_with(view.HeadOf(*owner), kind_of, first_noun, last, 0.65);
        }
        // "Malaysia's Prime Minister, Najib Razak said": a role, a comma and
        // the name, however the parser joined them.
        if (name_start >= 2 && s.tokens[name_start - 1].form == "," &&
            IsRoleWord(s.tokens[name_start - 2].form) && s.tokens[head].deprel != "appos") {
          role_claims(name_start - 2, false);
        } else if (name_start >= 2 && s.tokens[name_start - 1].form == "," &&
                   !(s.tokens[head].deprel == "appos" && is_role(s.tokens[head].head))) {
          // "The president of the region of Lombardy, Roberto Marino": the
          // role noun whose phrase ends at the comma.
          // (The name closes the apposition: a comma or the verb follows,
          // not "and" of a list.)
          int up = name_start - 2;
          for (int hop = 0; hop < 3 && up >= 0 && !is_role(up); ++hop) up = s.tokens[up].head;
          bool closes = name_end + 1 < n && (s.tokens[name_end + 1].form == "," ||
                                             s.tokens[name_end + 1].upos == "VERB" ||
                                             s.tokens[name_end + 1].upos == "AUX");
          if (closes && up >= 0 && up < name_start - 2 && s.tokens[up].upos == "NOUN" && is_role(up))
            role_claims(up, true);
        }
        // "Polaroids of fashion designer Halston, a former resident of
        // Evansville": a role right after the name and a comma, which the
        // parser hung on the noun the name modifies.
        if (own_type() == EntityType::kPerson && name_end + 2 < n && s.tokens[name_end + 1].form == "," &&
            s.tokens[head].deprel == "nmod" && s.tokens[head].head >= 0) {
          for (int p : view.kids(s.tokens[head].head)) {
            if (p <= name_end + 1 || s.tokens[p].deprel != "appos" || s.tokens[p].upos != "NOUN" || !is_role(p))
              continue;
            int first = p;
            for (int c : view.kids(p))
              if (s.tokens[c].deprel != "punct") first = std::min(first, c);
            if (first == name_end + 2) role_claims(p, true);
          }
        }
        // The name in apposition to a role before it: "their son, John",
        // "the daughter of ..., Gloria".
        const Token& name_token = s.tokens[head];
        // (A person's name in apposition makes a common noun a role, even
        // one whose first sense is no person's: "The founder of Google,
        // Sergey Brin".)
        if (name_token.deprel == "appos" && name_token.head >= 0 && name_token.head < head &&
            (is_role(name_token.head) ||
             (s.tokens[name_token.head].upos == "NOUN" && !view.IsName(name_token.head) &&
              own_type() == EntityType::kPerson)))
          role_claims(name_token.head, true);
      }
      return id;
    };
    for (int i = 0; i < n; ++i) {
      const Token& t = s.tokens[i];
      if (in_run[i]) continue;
      if (view.IsName(i)) {
        // The head of the run: the token whose head lies outside it.
        std::vector<int> run = view.NameRun(i);
        int head = i;
        for (int k : run) {
          int h = s.tokens[k].head;
          if (h < run.front() || h > run.back()) head = k;
        }
        add_name(head);
        for (int k : run) in_run[k] = true;
      } else if ((t.upos == "PRON" && IsPronounForm(Lower(t.form))) ||
                 DescriptionOf(s, i, view.kids(i), names_so_far)) {
        add_name(i);
      }
    }
    // "I" in what one named person is reported to say stands for that
    // person: "'I am disappointed with NASA's decision,' Cornyn said",
    // "McGuire said: 'I founded LibriVox'".
    {
      static const std::set<std::string> kReporting = {"say",   "tell",  "add",    "state", "write",
                                                       "note",  "explain", "insist", "argue", "recall",
                                                       "admit", "comment", "continue", "reply"};
      std::set<int> speakers;
      int speaker_token = -1;
      for (int v = 0; v < n; ++v) {
        if (s.tokens[v].upos != "VERB" || !kReporting.count(Lower(s.tokens[v].lemma))) continue;
        for (int k : view.kids(v)) {
          if (s.tokens[k].deprel != "nsubj" || !view.IsName(k)) continue;
          int id = add_name(k);
          if (id >= 0 && !resolver.mention(id).pronoun) {
            speakers.insert(id);
            speaker_token = k;
          }
        }
      }
      // A speaker's label opening the sentence: "Jane Doe: We ...".
      int colon = -1;
      for (int i = 1; i < n && i <= 4 && colon < 0; ++i)
        if (s.tokens[i].form == ":") colon = i;
      bool labelled = colon > 0;
      for (int i = 0; i < colon; ++i) labelled &= s.tokens[i].upos == "PROPN";
      if (labelled) {
        const NamedSpan* label = view.RecognizedAt(0);
        label_speaker = -1;
        if (label && label->end == colon && label->type == EntityType::kPerson) {
          int id = add_name(view.HeadOf(*label));
          if (id >= 0 && !resolver.mention(id).pronoun) label_speaker = id;
        }
      }
      if (speakers.empty() && label_speaker >= 0 && !resolver.HasInterviewee()) {
        speakers.insert(label_speaker);
        if (labelled) speaker_token = view.HeadOf(*view.RecognizedAt(0));
      }
      if (speakers.size() == 1 || (speakers.empty() && resolver.HasInterviewee())) {
        int speaker = speakers.empty() ? NameMention::kInterviewee : *speakers.begin();
        for (const auto& [token, id] : mention_at) {
          std::string w = Lower(s.tokens[token].form);
          bool first_person = w == "i" || w == "me" || w == "my" || w == "myself" || w == "mine";
          // ("'We are disappointed,' NASA said": "we" of an organisation
          // that speaks, or that the person speaking is of; the resolver
          // keeps it only then.)
          bool plural = w == "we" || w == "us" || w == "our" || w == "ourselves";
          if ((first_person || plural) && token != speaker_token && resolver.mention(id).pronoun)
            resolver.MarkSpeaker(id, speaker);
        }
      }
    }
    // Whether token `i` is "I" said by a named speaker (above).
    auto spoken_by_speaker = [&](int i) {
      auto found = mention_at.find(i);
      return found != mention_at.end() && resolver.mention(found->second).speaker != -1;
    };

    // Claims read from the words around names (1b-1d), however the parser
    // joined them. `words_of` is a recognized name's text; a claim is added
    // unless the parse already gave the same one.
    auto words_of = [&](const NamedSpan* r) {
      std::string words;
      for (int k = r->begin; k < r->end; ++k) words += (words.empty() ? "" : " ") + s.tokens[k].form;
      return words;
    };
    auto add_unless_read = [&](int subject, int object, const std::string& relation, ByteSpan span,
                               double confidence) {
      for (size_t k = sentence_start; k < pending.size(); ++k) {
        const PendingClaim& other = pending[k];
        if (other.claim.relation == relation &&
            other.subjects.size() == 1 && other.subjects[0].mention == subject &&
            other.objects.size() == 1 && other.objects[0].mention == object)
          return;
      }
      add_pending({Side{subject, {}, {}}}, {Side{object, {}, {}}}, relation, relation, span, confidence);
    };

    // 1b. "Mecca, Saudi Arabia", "Kanata, Ontario": a place's name, a
    // comma and a place's name after it, however the parser joined them, is
    // a place and where it is, unless the two are items of a list
    // ("Malaysia, Indonesia and Thailand").
    for (int c = 1; c + 1 < n; ++c) {
      if (s.tokens[c].form != ",") continue;
      const NamedSpan* place = view.RecognizedAt(c - 1);
      const NamedSpan* region = view.RecognizedAt(c + 1);
      if (!place || !region || place == region || place->end != c || region->begin != c + 1) continue;
      auto is_place = [&](const NamedSpan* r) { return NamesPlace(*catalog_, words_of(r), r->type); };
      // "Irving, Texas": a one-word name the recognizer reads as a place,
      // before a known place, is one, though WordNet knows a person so
      // named (Washington Irving).
      auto known_place = [&](const NamedSpan* r) {
        return catalog_->KnownType(words_of(r)) == EntityType::kPlace;
      };
      bool located_by_text = !is_place(place) && place->type == EntityType::kPlace &&
                             place->end - place->begin == 1 && known_place(region);
      if ((!is_place(place) && !located_by_text) || !is_place(region)) continue;
      auto lists = [&](int k) {
        if (k < 0 || k >= n) return false;
        std::string w = Lower(s.tokens[k].form);
        return w == "," || w == "and" || w == "or" || w == ";" || w == "&";
      };
      // (A comma after the region closes it unless another item follows:
      // "a boy from Irving, Texas, was arrested".)
      // (Nor does an "and" that joins no name, or an organisation's: "in
      // Saratoga Springs, New York and an exhibit at ...", "grew up in
      // Durham, North Carolina, and moved to Boston", "Duke University,
      // located in Durham, North Carolina, and the University of North
      // Carolina".)
      auto name_after = [&](int k) {
        if (k < n && Lower(s.tokens[k].form) == "the") ++k;
        if (k >= n || !NameLike(s.tokens[k])) return false;
        const NamedSpan* next = view.RecognizedAt(k);
        return !next || next->begin != k || next->type != EntityType::kOrganization ||
               is_place(next);
      };
      auto list_follows = [&](int k) {
        if (k < n && s.tokens[k].form == "," && k + 1 < n) {
          std::string next = Lower(s.tokens[k + 1].form);
          if (next == "and" || next == "or") return name_after(k + 2);
          return NameLike(s.tokens[k + 1]);
        }
        if (k < n && (Lower(s.tokens[k].form) == "and" || Lower(s.tokens[k].form) == "or"))
          return name_after(k + 1);
        return lists(k);
      };
      if (lists(place->begin - 1) || list_follows(region->end)) continue;
      // "Since the fall of communism in Poland, Łódź has not enjoyed ...":
      // a phrase put before the clause, and the clause's subject.
      if (s.tokens[view.HeadOf(*region)].deprel.rfind("nsubj", 0) == 0 &&
          s.tokens[view.HeadOf(*place)].deprel != "appos")
        continue;
      // "The capital of France, Paris": the name after the comma is the
      // noun's, not where the first is (but "the city of Paris, France").
      int before = place->begin - 1;
      if (before >= 0 && Lower(s.tokens[before].form) == "the") --before;
      if (before >= 1 && Lower(s.tokens[before].form) == "of" && s.tokens[before - 1].upos == "NOUN" &&
          !IsPlaceKindNoun(Lower(s.tokens[before - 1].lemma)))
        continue;
      int place_id = add_name(view.HeadOf(*place));
      int region_id = add_name(view.HeadOf(*region));
      if (place_id < 0 || region_id < 0 || place_id == region_id) continue;
      if (located_by_text) resolver.MarkLocated(place_id);
      resolver.MarkPlaced(place_id);
      add_unless_read(place_id, region_id, "locate_in", s.tokens[c].span, 0.7);
    }

    // 1c. "DAB's Ben Chan", "Demosisto's Nathan Law": an organisation's
    // name, a possessive and a person's name right after it: the person is
    // of the organisation, however the parser read the words.
    for (int c = 1; c + 1 < n; ++c) {
      if (s.tokens[c].form != "'s" && s.tokens[c].xpos != "POS") continue;
      const NamedSpan* group = view.RecognizedAt(c - 1);
      const NamedSpan* person = view.RecognizedAt(c + 1);
      if (!group || !person || group->end != c || person->begin != c + 1 ||
          person->type != EntityType::kPerson)
        continue;
      EntityType known = catalog_->KnownType(words_of(group));
      bool organisation = known == EntityType::kOrganization ||
                          (known == EntityType::kOther && group->type == EntityType::kOrganization);
      // So of a country or a team named after it: "Germany's Angela
      // Merkel", "Korea's Kim Shin-Wook".
      bool place = known == EntityType::kPlace;
      if (!organisation && !place) continue;
      int group_id = add_name(view.HeadOf(*group));
      int person_id = add_name(view.HeadOf(*person));
      if (group_id < 0 || person_id < 0 || group_id == person_id) continue;
      add_unless_read(person_id, group_id, "of", s.tokens[c].span, 0.65);
    }

    // 1d. "given to the Adler Planetarium in Chicago", "Duke University,
    // located in Durham": an organisation's or a site's name, "in" (or ",
    // located in", "based in") and a place's name right after it: where it
    // is, however the parser hung the place (often on the verb). Not a
    // country's or a person's name: "England in Russia" is a team's visit.
    // So is an institution's name, "of" (or "at") and a place's: "Colorado
    // State University of the US", "the Evergreen Aviation & Space Museum
    // of McMinnville", "the museum at Wright-Patterson Air Force Base".
    for (int c = 1; c + 1 < n; ++c) {
      bool of = Lower(s.tokens[c].form) == "of" || Lower(s.tokens[c].form) == "at";
      if (Lower(s.tokens[c].form) != "in" && !of) continue;
      int place_begin = c + 1;
      if (of && place_begin + 1 < n && Lower(s.tokens[place_begin].form) == "the") ++place_begin;
      int before = c - 1;
      if (before >= 2 && s.tokens[before - 1].form == "," &&
          (Lower(s.tokens[before].form) == "located" || Lower(s.tokens[before].form) == "based"))
        before -= 2;
      const NamedSpan* site = view.RecognizedAt(before);
      const NamedSpan* place = view.RecognizedAt(place_begin);
      if (!site || !place || site == place || site->end != before + 1 ||
          place->begin != place_begin)
        continue;
      std::vector<std::string> site_words;
      for (int k = site->begin; k < site->end; ++k) site_words.push_back(s.tokens[k].form);
      EntityType site_known = catalog_->KnownType(words_of(site));
      bool organisation = EndsWithOrganizationWord(site_words) ||
                          (site_known == EntityType::kOrganization) ||
                          (site_known == EntityType::kOther && site->type == EntityType::kOrganization);
      // (A place WordNet does not know, of two words or more, is a site:
      // "Adler Planetarium"; a country or city it knows is not.)
      bool site_of_place = EndsWithPlaceWord(site_words) ||
                           (site_words.size() >= 2 && site_known == EntityType::kOther &&
                            site->type == EntityType::kPlace);
      // (After "of", a school's, a museum's or a building's name: "the First
      // Congress of the United States" is no more in it than of it.)
      bool institution = false;
      for (const std::string& w : site_words)
        institution |= IsInstitutionWord(w) || NamesSchoolOrMuseum("the " + w);
      if (of && !institution) continue;
      if ((!organisation && (of || !site_of_place)) ||
          !NamesPlace(*catalog_, words_of(place), place->type))
        continue;
      int site_id = add_name(view.HeadOf(*site));
      int place_id = add_name(view.HeadOf(*place));
      if (site_id < 0 || place_id < 0 || site_id == place_id) continue;
      add_unless_read(site_id, place_id, "locate_in", s.tokens[c].span, 0.65);
    }

    // 1e. "The chief executive of Apple, Tim Cook, told ...", "the
    // president of the Lombardy region, Roberto Maroni, ...": a role, "of",
    // a name and, after a comma, a person's name: the person's role, however
    // the parser read the words (it may read "executive" as an adjective,
    // or the person as the organisation's apposition).
    for (int c = 3; c + 1 < n; ++c) {
      if (s.tokens[c].form != ",") continue;
      const NamedSpan* person = view.RecognizedAt(c + 1);
      if (!person || person->begin != c + 1 || person->type != EntityType::kPerson) continue;
      int end = c;  // the group's name ends here, or a kind of place after it
      if (IsPlaceKindNoun(Lower(s.tokens[c - 1].lemma)) && s.tokens[c - 1].upos == "NOUN") --end;
      // (The group's name may be a proper noun the recognizer missed.)
      const NamedSpan* group = view.RecognizedAt(end - 1);
      std::vector<int> group_run = view.NameRun(end - 1);
      if (group ? group->end != end || group->type == EntityType::kPerson
                : group_run.empty() || group_run.back() != end - 1)
        continue;
      int group_begin = group ? group->begin : group_run.front();
      int group_head = group ? view.HeadOf(*group) : end - 1;
      int of = group_begin - 1;
      if (of >= 0 && Lower(s.tokens[of].form) == "the") --of;
      if (of < 1 || Lower(s.tokens[of].form) != "of") continue;
      auto role_word = [&](int i) {
        const Token& t = s.tokens[i];
        std::string lower = Lower(t.form);
        return !t.form.empty() && std::isalpha(static_cast<unsigned char>(t.form[0])) &&
               (IsRoleWord(t.form) || catalog_->CanBePersonNoun(Lower(t.lemma)) ||
                catalog_->CanBePersonNoun(lower));
      };
      static const std::set<std::string> kModifiers = {"chief", "deputy", "vice", "senior", "general",
                                                       "managing", "acting", "interim", "executive"};
      int head_word = of - 1;
      if (!role_word(head_word)) continue;
      int first = head_word;
      while (first - 1 >= 0 && head_word - first < 2 &&
             (kModifiers.count(Lower(s.tokens[first - 1].form)) || role_word(first - 1)) &&
             s.tokens[first - 1].upos != "PROPN")
        --first;
      std::string role;
      for (int i = first; i <= head_word; ++i) role += Lower(s.tokens[i].form) + "_";
      int person_id = add_name(view.HeadOf(*person));
      int group_id = add_name(group_head);
      if (person_id < 0 || group_id < 0 || person_id == group_id) continue;
      add_unless_read(person_id, group_id, role + "of",
                      ByteSpan{s.tokens[first].span.begin, s.tokens[head_word].span.end}, 0.7);
    }

    // 1f. "Seattle-based Amazon", "the Chicago-based newspaper The Onion":
    // a place, "-based" and the name it describes, a few words on: where
    // that name is based ("London-born singer Adele": born). Likewise an owner, "-owned" (or
    // "-run",
    // "-operated", "-backed", ...) and the name: "the Scientology-owned
    // cruise ship Freewinds" -> Scientology -own-> Freewinds.
    static const std::map<std::string, std::string> kOwnedBy = {
        {"owned", "own"},         {"run", "run"},
        {"operated", "operate"},  {"controlled", "control"},
        {"backed", "back"},       {"funded", "fund"},
        {"sponsored", "sponsor"}, {"managed", "manage"},
        {"founded", "found"},     {"led", "lead"}};
    for (int c = 1; c + 2 < n; ++c) {
      if (s.tokens[c].form != "-") continue;
      std::string participle = Lower(s.tokens[c + 1].form);
      auto owned = kOwnedBy.find(participle);
      // ("London-born singer Adele": where the name was born.)
      const bool placed = participle == "based" || participle == "born";
      if (!placed && owned == kOwnedBy.end()) continue;
      // (Glued to the words around it; GUM's texts space it: "Scientology
      // - owned".)
      bool glued = s.tokens[c - 1].span.end == s.tokens[c].span.begin &&
                   s.tokens[c].span.end == s.tokens[c + 1].span.begin;
      bool spaced = s.tokens[c - 1].span.end < s.tokens[c].span.begin &&
                    s.tokens[c].span.end < s.tokens[c + 1].span.begin;
      if (!glued && !spaced) continue;
      // (The recognizer often misses the name glued to "-based": a proper
      // noun will do, for "-based" one WordNet knows as a place.)
      const NamedSpan* first = view.RecognizedAt(c - 1);
      if (first && first->end != c) continue;
      bool is_name =
          placed ? (first ? NamesPlace(*catalog_, words_of(first), first->type)
                          : view.IsName(c - 1) &&
                                catalog_->KnownType(s.tokens[c - 1].form) == EntityType::kPlace)
                 : (first || (view.IsName(c - 1) && !view.NameRun(c - 1).empty()));
      if (!is_name || !CountryOfDemonym(s.tokens[c - 1].form).empty()) continue;
      int described = -1;
      for (int k = c + 2; k < n && k <= c + 5 && described < 0; ++k) {
        if (s.tokens[k].upos == "VERB" || s.tokens[k].upos == "ADP") break;
        // (A comma only before the name in apposition: "the
        // Scientology-owned cruise ship, Freewinds".)
        if (s.tokens[k].upos == "PUNCT") {
          if (s.tokens[k].form != "," || k == c + 2 || k + 1 >= n || !view.IsName(k + 1)) break;
          continue;
        }
        if (const NamedSpan* r = view.RecognizedAt(k); r && r->begin == k)
          described = view.HeadOf(*r);
        else if (view.IsName(k) && !view.RecognizedAt(k))
          described = view.NameRun(k).empty() ? -1 : k;
      }
      // "Boeing, the Chicago-based aircraft maker,": the name the phrase
      // is in apposition to.
      int place_begin = first ? first->begin : c - 1;
      if (described < 0 && place_begin >= 3) {
        std::string det = Lower(s.tokens[place_begin - 1].form);
        int end = place_begin - 3;
        if ((det == "the" || det == "a" || det == "an") && s.tokens[place_begin - 2].form == ",") {
          if (const NamedSpan* r = view.RecognizedAt(end); r && r->end == end + 1)
            described = view.HeadOf(*r);
          else if (view.IsName(end) && !view.RecognizedAt(end) && !view.NameRun(end).empty())
            described = end;
        }
      }
      if (described < 0) continue;
      int first_id = add_name(first ? view.HeadOf(*first) : c - 1);
      int described_id = add_name(described);
      if (first_id < 0 || described_id < 0 || first_id == described_id) continue;
      if (placed)
        add_unless_read(described_id, first_id, participle == "based" ? "base_in" : "born_in",
                        s.tokens[c + 1].span, 0.7);
      else
        add_unless_read(first_id, described_id, owned->second, s.tokens[c + 1].span, 0.7);
    }

    // 1g. "former members of Scientology, including musician Tiziano Lugli
    // and actor Jason Beghe": a kind of person "of" (or "from", "at") a
    // name, then "including" and people's names: each is one, however the
    // parser hung the list.
    for (int c = 3; c + 1 < n; ++c) {
      if (Lower(s.tokens[c].form) != "including") continue;
      int end = s.tokens[c - 1].form == "," ? c - 1 : c;
      // (The group's name may be a proper noun the recognizer missed.)
      const NamedSpan* group = view.RecognizedAt(end - 1);
      std::vector<int> group_run = view.NameRun(end - 1);
      if (group ? group->end != end || group->type == EntityType::kPerson
                : group_run.empty() || group_run.back() != end - 1)
        continue;
      int prep = (group ? group->begin : group_run.front()) - 1;
      if (prep >= 0 && Lower(s.tokens[prep].form) == "the") --prep;
      if (prep < 1) continue;
      std::string prep_word = Lower(s.tokens[prep].form);
      if (prep_word != "of" && prep_word != "from" && prep_word != "at") continue;
      int role = prep - 1;
      if (s.tokens[role].upos != "NOUN" || !catalog_->CanBePersonNoun(Lower(s.tokens[role].lemma)))
        continue;
      std::string relation = Lower(s.tokens[role].lemma) + "_" + prep_word;
      if (role >= 1 && Lower(s.tokens[role - 1].form) == "former") relation = "former_" + relation;
      int group_id = add_name(group ? view.HeadOf(*group) : end - 1);
      if (group_id < 0) continue;
      // The people listed: each perhaps after a lower-case title
      // ("musician"), joined by commas and "and".
      for (int k = c + 1; k < n;) {
        while (k < n && s.tokens[k].upos == "NOUN" && !s.tokens[k].form.empty() &&
               std::islower(static_cast<unsigned char>(s.tokens[k].form[0])))
          ++k;
        // (A name of two words or more the recognizer left untyped, or
        // missed, will do: "musician Tiziano Lugli".)
        const NamedSpan* person = view.RecognizedAt(k);
        int person_id = -1, person_end = k;
        if (person && person->begin == k &&
            (person->type == EntityType::kPerson ||
             (person->type == EntityType::kOther && person->end - person->begin >= 2))) {
          person_id = add_name(view.HeadOf(*person));
          person_end = person->end;
        } else if (!person) {
          while (person_end < n && !view.RecognizedAt(person_end) &&
                 s.tokens[person_end].upos == "PROPN" && NameLike(s.tokens[person_end]))
            ++person_end;
          for (int w = k; w < person_end && person_id < 0 && person_end - k >= 2; ++w)
            if (auto m = mention_at.find(w); m != mention_at.end()) person_id = m->second;
        }
        if (person_id < 0) break;
        if (person_id != group_id)
          add_unless_read(person_id, group_id, relation,
                          ByteSpan{s.tokens[role].span.begin, s.tokens[prep].span.end}, 0.65);
        k = person_end;
        if (k < n && s.tokens[k].form == ",") ++k;
        if (k < n && (Lower(s.tokens[k].form) == "and" || Lower(s.tokens[k].form) == "or")) ++k;
        if (k < n && s.tokens[k - 1].form != "," && Lower(s.tokens[k - 1].form) != "and" &&
            Lower(s.tokens[k - 1].form) != "or")
          break;
      }
    }

    // 1h. "Jane Doe, the chief executive of Acme Corporation, about ...": a
    // person's name, a comma, lower-case words ending in a noun for a
    // person, "of" (or "at", "for") and an organisation's name: the
    // person's role, however the parser read the words (it may read
    // "executive" as an adjective joined to the verb).
    for (int c = 1; c + 3 < n; ++c) {
      if (s.tokens[c].form != ",") continue;
      const NamedSpan* person = view.RecognizedAt(c - 1);
      if (!person || person->end != c || person->type != EntityType::kPerson) continue;
      int k = c + 1;
      std::string det = Lower(s.tokens[k].form);
      if (det == "the" || det == "a" || det == "an") ++k;
      int role_begin = k;
      while (k < n && k - role_begin < 4 && !s.tokens[k].form.empty() &&
             std::islower(static_cast<unsigned char>(s.tokens[k].form[0])) &&
             (s.tokens[k].upos == "ADJ" || s.tokens[k].upos == "NOUN"))
        ++k;
      if (k == role_begin || k + 1 >= n) continue;
      int last = k - 1;
      if (!catalog_->CanBePersonNoun(Lower(s.tokens[last].lemma)) &&
          !IsRoleWord(s.tokens[last].form))
        continue;
      std::string prep = Lower(s.tokens[k].form);
      if (prep != "of" && prep != "at" && prep != "for") continue;
      int at = k + 1;
      if (at < n && Lower(s.tokens[at].form) == "the") ++at;
      const NamedSpan* group = view.RecognizedAt(at);
      if (!group || group->begin != at || group->type == EntityType::kPerson) continue;
      // (An organisation's, not a place's: "a resident of Evansville" is
      // where the person lives.)
      std::vector<std::string> group_words;
      for (int w = group->begin; w < group->end; ++w) group_words.push_back(s.tokens[w].form);
      if (NamesPlace(*catalog_, words_of(group), group->type) &&
          !EndsWithOrganizationWord(group_words))
        continue;
      std::string relation;
      for (int w = role_begin; w <= last; ++w) relation += Lower(s.tokens[w].lemma) + "_";
      relation += prep;
      int person_id = add_name(view.HeadOf(*person));
      int group_id = add_name(view.HeadOf(*group));
      if (person_id < 0 || group_id < 0 || person_id == group_id) continue;
      add_unless_read(person_id, group_id, relation,
                      ByteSpan{s.tokens[role_begin].span.begin, s.tokens[k].span.end}, 0.7);
    }

    // 2. Acronyms the text defines: "Federal Security Service ( FSB )".
    for (int i = 1; i + 2 < n; ++i) {
      bool round = s.tokens[i].form == "(" && s.tokens[i + 2].form == ")";
      bool square = s.tokens[i].form == "[" && s.tokens[i + 2].form == "]";  // "Army [KPA]"
      if (!round && !square) continue;
      const std::string& acr = s.tokens[i + 1].form;
      if (!IsAcronym(acr)) continue;
      // The name before the brackets: proper nouns, "of", capitalized
      // adjectives and a possessive inside ("Korean People's Army [KPA]").
      int j = i - 1;
      while (j >= 0 && (IsNameToken(s.tokens[j]) || Lower(s.tokens[j].form) == "of" ||
                        (s.tokens[j].form == "'s" && j > 0 && j + 1 < i) ||
                        (s.tokens[j].upos == "ADJ" && !s.tokens[j].form.empty() &&
                         std::isupper(static_cast<unsigned char>(s.tokens[j].form[0])))))
        --j;
      // Its words (for the initials) and where each starts.
      std::vector<std::string> words;
      std::vector<int> word_token;
      for (int k = j + 1; k < i; ++k) {
        if (s.tokens[k].form == "'s") continue;
        words.push_back(s.tokens[k].form);
        word_token.push_back(k);
      }
      auto text_from = [&](size_t w) {
        return cut(ByteSpan{s.tokens[word_token[w]].span.begin, s.tokens[i - 1].span.end});
      };
      // Drop leading words until the initials match ("senior Federal...").
      bool defined = false;
      for (size_t start = 0; start < words.size() && !defined; ++start) {
        // (A name starts with a capital: not "of Johnson Space Center".)
        if (!std::isupper(static_cast<unsigned char>(words[start][0]))) continue;
        std::string initials;
        for (size_t k = start; k < words.size(); ++k) initials += (initials.empty() ? "" : " ") + words[k];
        if (AcronymMatches(acr, initials)) {
          resolver.DefineAcronym(acr, text_from(start));
          defined = true;
        }
      }
      // A translated acronym ("Federal Security Service (FSB)"): the whole
      // capitalized name just before the brackets.
      if (!defined && words.size() >= 2 && words.front() != "of") resolver.DefineAcronym(acr, text_from(0));
    }
    // And the other way round: "FIRST (For Inspiration and Recognition of
    // Science and Technology)" (found before the recognizer's names were
    // cleaned: JoinAcronymExpansions).
    for (const AcronymExpansion& x : expansions[si])
      resolver.DefineAcronym(s.tokens[x.acronym].form,
                             cut(ByteSpan{s.tokens[x.words.begin].span.begin, s.tokens[x.words.end - 1].span.end}));

    // 3a. Events named by a noun: "a phone call made by President Trump ...
    // to Ukrainian President Volodymyr Zelensky", "Obama's call to Putin",
    // "talks between Putin and Obama" -> a claim between the two names.
    for (int n_i = 0; n_i < n; ++n_i) {
      const Token& noun = s.tokens[n_i];
      if (noun.upos != "NOUN") continue;
      std::string relation = NominalEventRelation(Lower(noun.lemma));
      // "the deal between Microsoft and Activision", "the war between Russia
      // and Ukraine": a bond between two names, only with "between".
      bool between_only = false;
      if (relation.empty()) {
        relation = BondBetween(Lower(noun.lemma));
        between_only = !relation.empty();
      }
      if (relation.empty()) continue;
      // Where the agent and the other party hang: the noun, and a participle
      // describing it ("made", "held", "placed").
      // Parsers often hang the participle on the noun before ("a summary of
      // a call made by ..."), and the other party on a date ("July to
      // Zelensky"): look one level up and one level down.
      std::vector<int> holders{n_i};
      auto add_participles = [&](int h) {
        for (int k : view.kids(h))
          if (s.tokens[k].deprel == "acl" && s.tokens[k].xpos == "VBN") holders.push_back(k);
      };
      add_participles(n_i);
      if (noun.deprel == "nmod" && noun.head >= 0) add_participles(noun.head);
      std::vector<int> dependents;
      for (int h : holders)
        for (int k : view.kids(h)) {
          dependents.push_back(k);
          if (h != n_i && (s.tokens[k].deprel == "obl" || s.tokens[k].deprel == "nmod"))
            for (int g : view.kids(k))
              if (s.tokens[g].deprel == "nmod") dependents.push_back(g);
        }
      std::vector<int> agents, others;
      {
        for (int k : dependents) {
          const std::string& d = s.tokens[k].deprel;
          std::string prep = view.CaseOf(k);
          bool name = view.IsName(k) && !IsPersonTitle(s.tokens[k].form);
          if (!name && (IsPersonTitle(s.tokens[k].form) || s.tokens[k].upos == "PROPN")) {
            // "President Trump": the title heads; its name is a flat/compound
            // child. (Not "the Irving police": Irving is not the police.)
            for (int c : view.kids(k))
              if (view.IsName(c) && (s.tokens[c].deprel == "flat" || s.tokens[c].deprel == "appos" ||
                                     s.tokens[c].deprel == "compound")) {
                k = c;
                name = !IsPersonTitle(s.tokens[c].form);
              }
          }
          if (!name) continue;
          if (between_only && prep != "between") continue;
          if (d == "nmod:poss" || ((d == "obl" || d == "obl:agent" || d == "nmod") && prep == "by"))
            agents.push_back(k);
          else if ((d == "obl" || d == "nmod") && NominalEventTakesPartyAfter(relation, prep))
            others.push_back(k);
          else if (d == "nmod" && prep == "of" && NominalEventActsOnOf(Lower(noun.lemma)))
            others.push_back(k);
          else if (d == "nmod" && prep == "between")
            for (int c : view.Conjuncts(k)) (c == k ? agents : others).push_back(c);
        }
      }
      if (agents.empty() || others.empty()) continue;
      PendingClaim pc;
      for (int a : agents) {
        int id = add_name(a);
        if (id >= 0) pc.subjects.push_back(Side{id, {}, {}});
      }
      for (int o : others) {
        int id = add_name(o);
        if (id >= 0) pc.objects.push_back(Side{id, {}, {}});
      }
      if (pc.subjects.empty() || pc.objects.empty()) continue;
      add_pending(std::move(pc.subjects), std::move(pc.objects), relation, Lower(noun.lemma), noun.span,
                  0.6);
    }

    // 3b. Who spoke to whom: "Sujata Raisinghani told CBC News the
    // department will look into it", "Heald said to the Huffington Post".
    // The tuples keep what was said (the clause); this is the claim between
    // the speaker and the one spoken to.
    for (int v = 0; v < n; ++v) {
      const Token& verb = s.tokens[v];
      if (verb.upos != "VERB") continue;
      std::string lemma = Lower(verb.lemma);
      bool tells = lemma == "tell" || lemma == "inform" || lemma == "brief" || lemma == "assure" ||
                   lemma == "notify" || lemma == "warn";
      bool says_to = lemma == "say" || lemma == "speak" || lemma == "talk" || lemma == "write" ||
                     lemma == "explain" || lemma == "complain" || lemma == "confirm";
      if (!tells && !says_to) continue;
      int speaker = -1, hearer = -1;
      for (int k : view.kids(v)) {
        const std::string& d = s.tokens[k].deprel;
        if (d == "nsubj") speaker = k;
        if (tells && (d == "iobj" || d == "obj")) hearer = k;
        if (says_to && d == "obl") {
          for (int c : view.kids(k))
            if (s.tokens[c].deprel == "case" && Lower(s.tokens[c].form) == "to") hearer = k;
        }
        // "said, in remarks to al-Ikhbariya television", "said in an
        // interview with CNN": the outlet of the remarks.
        std::string noun = Lower(s.tokens[k].lemma);
        if (says_to && hearer < 0 && (noun == "remark" || noun == "interview" || noun == "statement" ||
                                      noun == "comment")) {
          for (int outlet : view.kids(k)) {
            std::string prep = view.CaseOf(outlet);
            if (prep != "to" && prep != "with") continue;
            if (view.IsName(outlet)) hearer = outlet;
            for (int c : view.kids(outlet))  // "al-Ikhbariya television"
              if (hearer < 0 && s.tokens[c].deprel == "compound" && view.IsName(c)) hearer = c;
          }
        }
      }
      auto names_one = [&](int k) {
        return k >= 0 && (view.IsName(k) ||
                          (s.tokens[k].upos == "PRON" && PersonPronounForm(Lower(s.tokens[k].form))));
      };
      if (!names_one(speaker) || !names_one(hearer) || s.tokens[hearer].upos == "PRON") continue;
      int speaker_id = add_name(speaker), hearer_id = add_name(hearer);
      if (speaker_id < 0 || hearer_id < 0 || speaker_id == hearer_id) continue;
      std::string relation = tells ? lemma : lemma + "_to";
      add_pending({Side{speaker_id, {}, {}}}, {Side{hearer_id, {}, {}}}, CanonicalRelation(relation),
                  relation, verb.span, 0.7);
    }

    // The side of a claim that mention `id`, headed by token `head`, is. A
    // description ("The airline") stands as its words when it refers back
    // to no entity.
    auto side_of_mention = [&](int head, int id) {
      Side side{id, {}, {}};
      if (resolver.mention(id).description || !resolver.mention(id).head_word.empty()) {
        int first = head;
        for (int k : view.kids(head))
          if (k < head && (s.tokens[k].deprel == "det" || s.tokens[k].deprel == "amod" ||
                           s.tokens[k].deprel == "compound"))
            first = std::min(first, k);
        side.span = ByteSpan{s.tokens[first].span.begin, s.tokens[head].span.end};
        side.text = cut(side.span);
      }
      return side;
    };

    // 3. Tuples -> pending claims.
    std::vector<OpenIeTuple> tuples = ExtractTuples(s, options_);
    for (const OpenIeTuple& t : tuples) {
      if (t.clausal_object || t.appositive) continue;
      // "I mean, the theory was ...", "... of Biology study I think.": a
      // speaker's hedge, no claim.
      if (t.predicate > 0 && t.subject.head == t.predicate - 1 &&
          (Lower(s.tokens[t.subject.head].form) == "i" ||
           Lower(s.tokens[t.subject.head].form) == "you")) {
        std::string verb = Lower(s.tokens[t.predicate].lemma);
        size_t last = s.tokens.size();
        while (last > 0 && s.tokens[last - 1].upos == "PUNCT") --last;
        bool closing = static_cast<size_t>(t.predicate) + 1 == last;
        if (verb == "mean" || (closing && (verb == "think" || verb == "guess" ||
                                           verb == "believe" || verb == "suppose")))
          continue;
      }
      // "his wife", "her parents", "the baby", "the couple": a kinship
      // noun after a possessor who is someone or after "the", and nothing
      // after it (Side::kin_role).
      auto mark_kin = [&](const OpenIeArgument& a, Side* side) {
        const Token& h = s.tokens[a.head];
        std::string lemma = Lower(h.lemma);
        if (h.upos != "NOUN" || (!IsKinshipNoun(lemma) && lemma != "parent" && lemma != "couple") ||
            a.tokens.size() > 3 || a.tokens.back() != a.head)
          return;
        bool definite = false;
        int owner = -1;
        for (int k : view.kids(a.head)) {
          const Token& t = s.tokens[k];
          std::string form = Lower(t.form);
          definite |= t.deprel == "det" && form == "the";
          bool someone =
              (t.upos == "PRON" && (form == "his" || form == "her" || form == "their")) ||
              (view.IsName(k) && t.upos == "PROPN");
          if (t.deprel == "nmod:poss" && someone) owner = add_name(k);
        }
        if (owner < 0 && !definite) return;
        side->kin_role = lemma == "baby" ? "child" : lemma;
        side->kin_plural = h.xpos == "NNS" || lemma == "couple";
        side->kin_owner = owner;
      };
      auto sides_of = [&](const OpenIeArgument& a) {
        std::vector<Side> sides;
        for (int c : view.Conjuncts(a.head)) {
          int id = -1;
          std::optional<EntityType> group_type;
          if (IsGroupMention(s, c, view.kids(c), &group_type)) {
            Side g;
            g.group = true;
            g.group_before = resolver.size();
            g.group_type = group_type;
            int first = c;
            for (int k : view.kids(c))
              if (k < first && (s.tokens[k].deprel == "det" || s.tokens[k].deprel == "nummod" ||
                                s.tokens[k].deprel == "amod"))
                first = k;
            g.span = ByteSpan{s.tokens[first].span.begin, s.tokens[c].span.end};
            g.text = cut(g.span);
            sides.push_back(g);
            continue;
          }
          // "the city of Edinburgh", "the province of Quebec": a kind of
          // place with its name after "of" stands for the name.
          if (!view.IsName(c) && s.tokens[c].upos == "NOUN" && IsPlaceKindNoun(Lower(s.tokens[c].lemma))) {
            for (int k : view.kids(c)) {
              bool of = false;
              for (int j : view.kids(k)) of |= s.tokens[j].deprel == "case" && Lower(s.tokens[j].form) == "of";
              if (s.tokens[k].deprel == "nmod" && of && view.IsName(k)) {
                c = k;
                break;
              }
            }
          }
          // "the Kowloon West geographical constituency", "the Labour
          // party": a noun that says what kind of thing the name on it is
          // stands for the name (KindNounFor).
          if (!view.IsName(c) && s.tokens[c].upos == "NOUN") {
            for (int k = c - 1; k >= 0 && k >= c - 6; --k) {
              const NamedSpan* r = view.RecognizedAt(k);
              if (r && view.IsName(k) && KindNounFor(s, k, r->type) == c) {
                c = k;
                break;
              }
            }
          }
          // "the senior Tsarnaev brother, Tamerlan": a noun with a name in
          // apposition stands for the name.
          if (!view.IsName(c) && s.tokens[c].upos == "NOUN") {
            for (int k : view.kids(c))
              if (s.tokens[k].deprel == "appos" && k > c && view.IsName(k)) {
                c = k;
                break;
              }
          }
          // "a hacker group called Anonymous", "a man named John Smith", "a
          // hangar known as Orbiter Processing Facility": a noun the
          // participle names stands for the name.
          if (!view.IsName(c) && s.tokens[c].upos == "NOUN") {
            int named = -1;
            // (Or the noun its "of" complement is: "a series of screen
            // prints called "Cowboys and Indians"".)
            // (Not a person's: "a member of the group called the Sea Org"
            // is no Sea Org.)
            std::vector<int> candidates = view.kids(c);
            for (int k : view.kids(c))
              if (s.tokens[k].deprel == "nmod" && s.tokens[k].upos == "NOUN" &&
                  view.CaseOf(k) == "of" && !catalog_->CanBePersonNoun(Lower(s.tokens[c].lemma)))
                for (int x : view.kids(k)) candidates.push_back(x);
            for (int k : candidates) {
              int noun = s.tokens[k].head;
              std::string participle = Lower(s.tokens[k].lemma);
              // (Right after the noun, or after a comma: not "a website
              // I used to run called eHow", nor across brackets.)
              bool next_to = k == noun + 1 || (k == noun + 2 && s.tokens[noun + 1].form == ",");
              if (s.tokens[k].deprel != "acl" || !next_to) continue;
              for (int x : view.kids(k)) {
                const std::string& d = s.tokens[x].deprel;
                bool naming = (participle == "call" || participle == "name" ||
                               participle == "dub" || participle == "nickname") &&
                              (d == "xcomp" || d == "obj");
                // ("the suspect, identified as John Smith".)
                bool known_as = (participle == "know" || participle == "identify") && d == "obl" &&
                                view.CaseOf(x) == "as";
                if ((naming || known_as) && view.IsName(x) && named < 0) named = x;
              }
            }
            if (named >= 0) c = named;
          }
          // "The Onion, a satirical newspaper based in Chicago": a noun in
          // apposition to a name, as the subject of what describes it,
          // stands for the name.
          if (!view.IsName(c) && s.tokens[c].upos == "NOUN" && s.tokens[c].deprel == "appos" &&
              s.tokens[c].head >= 0 && s.tokens[c].head < c && view.IsName(s.tokens[c].head) &&
              a.role == "subject")
            c = s.tokens[c].head;
          // "defeated debutants Panama 3 - 0": a plural noun right before a
          // name inside its phrase describes the name.
          // (However the parser hung the name: it often hangs it on the
          // score after it.)
          if (!view.IsName(c) && s.tokens[c].xpos == "NNS" && c + 1 < n && view.IsName(c + 1) &&
              s.tokens[c + 1].upos == "PROPN") {
            bool prepositional = false;
            for (int k : view.kids(c + 1)) prepositional |= s.tokens[k].deprel == "case";
            if (!prepositional) c = c + 1;
          }
          // "PRESIDENTS Vladimir Putin", "Secretary ... John Kerry": a title
          // heading a name stands for the name.
          if (IsPersonTitle(s.tokens[c].form) ||
              (!view.IsName(c) && !s.tokens[c].form.empty() &&
               std::isupper(static_cast<unsigned char>(s.tokens[c].form[0])))) {
            for (int k : view.kids(c)) {
              const std::string& d = s.tokens[k].deprel;
              // ("Mayor of London Sadiq Khan": a person's name as the
              // title's nmod.)
              const NamedSpan* r = view.RecognizedAt(k);
              bool person_nmod = d == "nmod" && r && r->type == EntityType::kPerson &&
                                 IsPersonTitle(s.tokens[c].form);
              if (view.IsName(k) && !IsPersonTitle(s.tokens[k].form) &&
                  (d == "flat" || d == "appos" || d == "compound" || d == "nmod:desc" || person_nmod)) {
                c = k;
                break;
              }
            }
          }
          // "Our company sells robots to Toyota", said by someone who
          // speaks for an organisation: the organisation, as their "we" is.
          if (!view.IsName(c) && s.tokens[c].upos == "NOUN") {
            static const std::set<std::string> kOwnBodies = {
                "company", "firm", "organisation", "organization", "business",  "startup",
                "team",    "lab",  "laboratory",   "group",        "institute", "agency"};
            if (kOwnBodies.count(Lower(s.tokens[c].lemma)))
              for (int k : view.kids(c))
                if (s.tokens[k].deprel == "nmod:poss" && Lower(s.tokens[k].form) == "our" &&
                    spoken_by_speaker(k)) {
                  c = k;
                  break;
                }
          }
          const Token& ct = s.tokens[c];
          std::string cl = Lower(ct.form);
          if (view.IsName(c) ||
              (ct.upos == "PRON" && IsPronounForm(cl) && (!WeakPronoun(cl) || spoken_by_speaker(c))) ||
              DescriptionOf(s, c, view.kids(c), names_so_far))
            id = add_name(c);
          if (id < 0) continue;
          // ("Tang Teaching Museum and Art Gallery": one name, not two
          // conjuncts.)
          if (std::any_of(sides.begin(), sides.end(), [&](const Side& x) { return x.mention == id; }))
            continue;
          sides.push_back(side_of_mention(c, id));
          if (c == a.head) mark_kin(a, &sides.back());
        }
        if (!sides.empty()) return sides;
        // A value: the argument's first contiguous stretch of tokens, without
        // its leading preposition ("by the government").
        size_t first = 0;
        while (first + 1 < a.tokens.size() && s.tokens[a.tokens[first]].head == a.head &&
               s.tokens[a.tokens[first]].deprel == "case")
          ++first;
        size_t k = first + 1;
        while (k < a.tokens.size() && a.tokens[k] == a.tokens[k - 1] + 1) ++k;
        Side v;
        v.span = ByteSpan{s.tokens[a.tokens[first]].span.begin,
                          s.tokens[a.tokens[k - 1]].span.end};
        v.text = cut(v.span);
        if (v.text.empty()) return sides;
        // A bare relative or demonstrative pronoun names nothing.
        static const char* kBare[] = {"which", "that", "who", "whom", "what", "this", "these",
                                      "those", "they", "them", "we", "us", "i", "you", "one"};
        std::string lower = Lower(v.text);
        for (const char* b : kBare)
          if (lower == b) return sides;
        mark_kin(a, &v);
        // Whether token w sits in an infinitive or a clausal complement
        // inside the value ("a campaign to persuade users to stop using
        // IE6": the campaign is no claim about IE6), not in a participle
        // ("a phone call made by Trump to Zelensky" mentions both).
        auto in_inner_clause = [&](int w) {
          for (int x = s.tokens[w].head, guard = 0; x >= 0 && x != a.head && guard < 20;
               x = s.tokens[x].head, ++guard) {
            const Token& v = s.tokens[x];
            // ("..., according to curator Elaine Gustafon": who says so is
            // no part of what the value is.)
            if (v.deprel != "fixed")
              for (int c : view.kids(x))
                if (s.tokens[c].deprel == "case" && Lower(s.tokens[c].form) == "according")
                  return true;
            if (v.upos != "VERB" && v.upos != "AUX") continue;
            if (v.deprel == "xcomp" || v.deprel == "ccomp") return true;
            for (int c : view.kids(x)) {
              // (Nor a clause of "when" or "where": "when it exhibited its
              // Warhol collection".)
              std::string adverb = Lower(s.tokens[c].form);
              if (s.tokens[c].deprel == "mark" ||
                  (s.tokens[c].deprel == "advmod" && (adverb == "when" || adverb == "where")))
                return true;
            }
          }
          return false;
        };
        // Whether name w only qualifies another name of the value
        // ("musician Nick Rhodes of Duran Duran", "Italy's la Repubblica"):
        // the value is about the other.
        auto qualifies_name = [&](int w) {
          const NamedSpan* own = view.RecognizedAt(w);
          int x = w;
          for (int guard = 0; guard < 6; ++guard) {
            int h = s.tokens[x].head;
            if (h < 0) return false;
            bool same_name = own ? (h >= own->begin && h < own->end)
                                 : (s.tokens[x].deprel == "flat" || s.tokens[x].deprel == "compound");
            if (!same_name) {
              const std::string& d = s.tokens[x].deprel;
              const NamedSpan* theirs = view.RecognizedAt(h);
              bool of = d == "nmod:poss" || (d == "nmod" && view.CaseOf(x) == "of");
              return of && theirs && theirs != own && s.tokens[h].upos == "PROPN";
            }
            x = h;
          }
          return false;
        };
        for (size_t j = first; j < k; ++j) {
          int w = a.tokens[j];
          if (!view.IsName(w) || IsPersonTitle(s.tokens[w].form) || IsCalendarWord(s.tokens[w].form) ||
              in_inner_clause(w) || qualifies_name(w))
            continue;
          int id = add_name(w);
          if (id >= 0 && std::find(v.inner.begin(), v.inner.end(), id) == v.inner.end())
            v.inner.push_back(id);
        }
        sides.push_back(v);
        return sides;
      };
      // "Putin and Obama spoke", "The two leaders met": a symmetric claim
      // between the subjects, when no object says with whom.
      std::string reciprocal =
          t.predicate >= 0 && !t.passive ? ReciprocalRelation(Lower(s.tokens[t.predicate].lemma)) : "";
      // "Obama and Merkel held talks", "... had a meeting": a symmetric
      // event noun as the object of "hold" or "have" is the verb.
      bool event_object = false;
      if (reciprocal.empty() && t.predicate >= 0 && !t.passive && !t.objects.empty() &&
          t.objects[0].role == "object" && t.objects[0].head >= 0) {
        std::string verb = Lower(s.tokens[t.predicate].lemma);
        std::string event = NominalEventRelation(Lower(s.tokens[t.objects[0].head].lemma));
        if ((verb == "hold" || verb == "have") && IsSymmetricRelation(event)) {
          reciprocal = event;
          event_object = true;
        }
        // "Israel and Hamas exchanged fire": each fired at the other.
        static const std::set<std::string> kFire = {"fire",  "gunfire", "shot",
                                                    "shell", "rocket",  "blow"};
        if (verb == "exchange" && kFire.count(Lower(s.tokens[t.objects[0].head].lemma))) {
          reciprocal = "exchange_fire_with";
          event_object = true;
        }
      }
      if (!reciprocal.empty() && t.subject.head >= 0) {
        // The main object's preposition is part of the relation: "met"
        // (a direct object), "spoke with", "talked to" say with whom;
        // "spoke for the second time", "spoke by phone" do not.
        const std::string& rl = t.relation_lemma;
        auto ends = [&](const std::string& suffix) {
          return rl.size() > suffix.size() && rl.compare(rl.size() - suffix.size(), suffix.size(), suffix) == 0;
        };
        bool with_whom = false;
        if (t.has_object && !event_object)
          with_whom = rl.find('_') == std::string::npos || ends("_with") || ends("_to");
        for (const OpenIeArgument& o : t.objects) with_whom |= o.role == "with" || o.role == "to";
        std::vector<Side> subjects = with_whom ? std::vector<Side>{} : sides_of(t.subject);
        bool several = subjects.size() >= 2 || (subjects.size() == 1 && subjects[0].group);
        if (several) {
          PendingClaim pc;
          pc.reciprocal = true;
          pc.subjects = subjects;
          Claim& c = pc.claim;
          c.relation = reciprocal;
          c.relation_lemma = Lower(s.tokens[t.predicate].lemma);
          c.sentence = si;
          c.sentence_span = s.span;
          c.relation_span = s.tokens[t.predicate].span;
          c.relation_surface = cut(c.relation_span);
          c.confidence = t.confidence;
          c.negated = t.negated;
          c.modality = t.modality;
          for (const OpenIeArgument& o : t.objects) {
            if (o.tokens.empty()) continue;
            ByteSpan span{s.tokens[o.tokens.front()].span.begin, s.tokens[o.tokens.back()].span.end};
            std::string role = o.role;
            if (role == "object" && rl.find('_') != std::string::npos) role = rl.substr(rl.rfind('_') + 1);
            c.arguments.push_back(ClaimArgument{role, cut(span), span});
          }
          pending.push_back(std::move(pc));
        }
      }
      if (t.objects.empty()) continue;
      if (!t.has_object && !(t.passive && t.agent >= 0)) continue;
      int object_index = 0;
      const OpenIeArgument* subj = &t.subject;
      const OpenIeArgument* obj = &t.objects[0];
      std::string relation = t.relation_lemma;
      bool swapped = false;
      if (t.passive && t.agent >= 0) {
        subj = &t.objects[t.agent];
        obj = &t.subject;
        object_index = t.agent;
        relation = StripAgentMarker(relation);
        swapped = true;
        // "Mohamed was invited to the White House by Obama": Obama invited
        // Mohamed (the "to" is the White House's, an argument of its own).
        if (t.agent != 0 && t.objects[0].head >= 0) {
          std::string prep = view.CaseOf(t.objects[0].head);
          std::string suffix = "_" + prep;
          if (!prep.empty() && relation.size() > suffix.size() &&
              relation.compare(relation.size() - suffix.size(), suffix.size(), suffix) == 0)
            relation.resize(relation.size() - suffix.size());
        }
      }
      PendingClaim pc;
      pc.subjects = sides_of(*subj);
      pc.objects = sides_of(*obj);
      if (pc.subjects.empty() || pc.objects.empty()) continue;
      Claim& c = pc.claim;
      c.relation = CanonicalRelation(relation);
      c.relation_lemma = relation;
      c.sentence = si;
      c.sentence_span = s.span;
      c.relation_span = ByteSpan{s.tokens[t.relation.front()].span.begin,
                                 s.tokens[t.relation.back()].span.end};
      c.relation_surface = cut(c.relation_span);
      c.confidence = t.confidence;
      c.negated = t.negated;
      c.modality = t.modality;
      if (!t.attribution.empty()) {
        ByteSpan a{s.tokens[t.attribution.front()].span.begin,
                   s.tokens[t.attribution.back()].span.end};
        c.attribution = cut(a);
      }
      for (size_t k = 0; k < t.objects.size(); ++k) {
        if (static_cast<int>(k) == object_index && !swapped) continue;
        if (swapped && static_cast<int>(k) == t.agent) continue;
        if (!swapped && k == 0) continue;
        const OpenIeArgument& a = t.objects[k];
        ClaimArgument arg;
        arg.role = a.role;
        arg.span = ByteSpan{s.tokens[a.tokens.front()].span.begin,
                            s.tokens[a.tokens.back()].span.end};
        arg.text = cut(arg.span);
        c.arguments.push_back(arg);
      }
      // An extra argument that names an entity is a claim of its own
      // between the subject and that entity: "Julie Couillard had ties to
      // the Hells Angels" -> have_tie_to Hells Angels; "The document was
      // found on Castlefrank Road in Kanata" -> find_in Kanata. The relation
      // is the verb, the main object's noun when it is a value, and the
      // argument's preposition.
      std::vector<PendingClaim> extras;
      auto names_something = [](const std::vector<Side>& sides) {
        for (const Side& side : sides)
          if (side.mention >= 0 || side.group || !side.inner.empty()) return true;
        return false;
      };
      if (t.predicate >= 0 && s.tokens[t.predicate].upos == "VERB" && names_something(pc.subjects)) {
        std::string verb = Lower(s.tokens[t.predicate].lemma);
        std::string object_noun;
        if (t.has_object && !swapped && pc.objects.size() == 1 && pc.objects[0].mention < 0 &&
            !pc.objects[0].group && t.objects[0].head >= 0 &&
            s.tokens[t.objects[0].head].upos == "NOUN")
          object_noun = Lower(s.tokens[t.objects[0].head].lemma);
        for (size_t k = 0; k < t.objects.size(); ++k) {
          if (static_cast<int>(k) == object_index || (swapped && static_cast<int>(k) == t.agent)) continue;
          if (!swapped && k == 0) continue;
          const OpenIeArgument& a = t.objects[k];
          if (a.head < 0 || a.tokens.empty() || a.role == "time" || a.role == "clause") continue;
          std::string prep = view.CaseOf(a.head);
          // "Twitter offered Mohamed an internship": the indirect object
          // is whom it is offered to.
          if (prep.empty() && s.tokens[a.head].deprel == "iobj") prep = "to";
          if (prep.empty() || prep == "by" || prep == "of" || prep == "since" || prep == "until" ||
              prep == "during" || prep == "before" || prep == "after")
            continue;
          // The argument is a name, or a short phrase a name modifies ("the
          // Hells Angels biker gang", "Thailand's foreign minister"), not a
          // phrase with a name deep inside ("the wake of the Boston
          // Marathon bombings").
          bool name_on_head = view.IsName(a.head);
          for (int ch : view.kids(a.head)) {
            const std::string& d = s.tokens[ch].deprel;
            if (view.IsName(ch) && (d == "compound" || d == "nmod:poss")) name_on_head = true;
          }
          if (!name_on_head || a.tokens.size() > 8) continue;
          std::vector<Side> targets = sides_of(a);
          if (!names_something(targets)) continue;
          // "Sweden faced South Korea at the Nizhny Novgorod Stadium": both
          // sides of a meeting were where it took place.
          bool both_sides_there = (prep == "at" || prep == "in") && t.has_object && !swapped &&
                                  names_something(pc.objects) &&
                                  (IsSymmetricRelation(c.relation) || verb == "face" || verb == "play" ||
                                   verb == "meet");
          PendingClaim extra;
          extra.subjects = pc.subjects;
          if (both_sides_there)
            extra.subjects.insert(extra.subjects.end(), pc.objects.begin(), pc.objects.end());
          extra.objects = std::move(targets);
          Claim& e = extra.claim;
          // (The verb the argument hangs on, when the tuple's relation is a
          // chain: "was motivated to seek out information ... on the
          // Internet" -> seek_information_on, not motivate_information_on.)
          std::string own_verb = verb;
          const int governor = s.tokens[a.head].head;
          if (governor >= 0 && governor != t.predicate && s.tokens[governor].upos == "VERB" &&
              std::find(t.relation.begin(), t.relation.end(), governor) != t.relation.end())
            own_verb = Lower(s.tokens[governor].lemma);
          std::string relation =
              own_verb + (object_noun.empty() ? "" : "_" + object_noun) + "_" + prep;
          e.relation = CanonicalRelation(relation);
          e.relation_lemma = relation;
          e.sentence = si;
          e.sentence_span = s.span;
          e.relation_span = c.relation_span;
          e.relation_surface = c.relation_surface;
          e.confidence = t.confidence * 0.9;
          e.negated = t.negated;
          e.modality = t.modality;
          e.attribution = c.attribution;
          extras.push_back(std::move(extra));
        }
      }
      // "Nancy Pelosi is a member of the Democratic Party", "Emmanuel
      // Macron was elected president of France": a role the subject is
      // said to have, of an organisation or place named after it.
      static const std::set<std::string> kRoleVerbs = {"be", "become", "remain", "elect", "re-elect",
                                                       "reelect", "appoint", "name", "nominate"};
      std::string role_verb = t.relation_lemma == "be" || t.predicate < 0
                                  ? t.relation_lemma
                                  : Lower(s.tokens[t.predicate].lemma);
      // "Nadella served as CEO of Microsoft", "succeeded Ballmer as chief
      // executive of Microsoft": the role after "as".
      static const std::set<std::string> kAsVerbs = {
          "serve", "work",    "act",    "succeed", "continue", "appoint", "name",
          "elect", "install", "return", "join",    "replace",  "resign",  "retire"};
      int as_role = -1;
      if (t.predicate >= 0 && !swapped && kAsVerbs.count(role_verb))
        for (const OpenIeArgument& o : t.objects)
          if (o.head >= 0 && view.CaseOf(o.head) == "as") as_role = o.head;
      if (t.predicate >= 0 && !swapped && names_something(pc.subjects) &&
          ((t.has_object && kRoleVerbs.count(role_verb) &&
            (role_verb == "be" || t.passive || role_verb == "become" || role_verb == "remain")) ||
           as_role >= 0)) {
        int role_head = as_role >= 0 ? as_role : t.objects[0].head;
        // "Chomsky was one of the first opponents of the war": the noun
        // after "one of" is the role.
        role_head = NounAfterOneOf(s, view, role_head);
        const Token& r = s.tokens[role_head >= 0 ? role_head : 0];
        // (A person's noun in any sense, for a person: "was a founder of
        // Greenpeace", though a founder is first of all a horse's disease.)
        bool person_subject = false;
        for (const Side& side : pc.subjects)
          person_subject |=
              side.mention >= 0 && resolver.mention(side.mention).recognized == EntityType::kPerson;
        bool person_noun = person_subject ? catalog_->CanBePersonNoun(Lower(r.lemma))
                                          : catalog_->IsPersonNoun(Lower(r.lemma));
        // (A title written capitalized is one too: "served as Chancellor
        // of Germany".)
        if (role_head >= 0 && ((r.upos == "NOUN" && (person_noun || IsRoleWord(r.form))) ||
                               (r.upos == "PROPN" && IsRoleWord(r.form)))) {
          for (int o : view.kids(role_head)) {
            if (s.tokens[o].deprel != "nmod" || !view.IsName(o)) continue;
            std::string prep = view.CaseOf(o);
            if (prep != "of" && prep != "at" && prep != "for") continue;
            int lo = role_head;
            std::string role = RoleWords(s, view, role_head, &lo) + "_" + prep;
            OpenIeArgument target;
            target.head = o;
            target.tokens = {o};
            std::vector<Side> targets = sides_of(target);
            if (!names_something(targets)) continue;
            add_pending(pc.subjects, std::move(targets), role, role,
                        ByteSpan{s.tokens[lo].span.begin, r.span.end}, t.confidence * 0.9);
          }
        }
      }
      pending.push_back(std::move(pc));
      for (PendingClaim& extra : extras) pending.push_back(std::move(extra));
    }
    // 3c. Claims between two names the parse joins through a verb, which
    // the tuples did not give: a name deep in an argument, behind a second
    // oblique or under a verb chain (extract/verb_links.h).
    {
      // Mentions some claim of the sentence joins: as its sides, or as names
      // a value side mentions.
      std::set<std::pair<int, int>> linked, linked_as_sides;
      auto ids_of = [](const std::vector<Side>& sides, bool inner) {
        std::vector<int> ids;
        for (const Side& side : sides) {
          if (side.mention >= 0) ids.push_back(side.mention);
          if (inner) ids.insert(ids.end(), side.inner.begin(), side.inner.end());
        }
        return ids;
      };
      for (size_t k = sentence_start; k < pending.size(); ++k) {
        const PendingClaim& p = pending[k];
        for (bool inner : {false, true}) {
          std::set<std::pair<int, int>>& into = inner ? linked : linked_as_sides;
          std::vector<int> subjects = ids_of(p.subjects, inner);
          std::vector<int> objects = p.reciprocal ? subjects : ids_of(p.objects, inner);
          for (int a : subjects)
            for (int b : objects) {
              into.emplace(a, b);
              into.emplace(b, a);
            }
        }
      }
      // The names the recognizer found (not a proper noun only the tagger
      // saw: "UNLESS"), pronouns but the weak ones, and descriptions.
      std::vector<int> heads;
      for (const auto& [head, id] : mention_at) {
        const NameMention& m = resolver.mention(id);
        // (Or a name WordNet or the known-names list knows: "Kerry"; not a
        // kind of person that only qualifies a noun, "the Jesuit college".)
        EntityType known_type = catalog_->KnownType(m.name);
        bool qualifies = s.tokens[head].deprel == "compound" || s.tokens[head].deprel == "amod";
        bool known =
            known_type != EntityType::kOther && !(known_type == EntityType::kPerson && qualifies);
        bool named = !m.pronoun && (view.RecognizedAt(head) || (known && view.IsName(head)));
        bool referring = m.pronoun && (!WeakPronoun(Lower(s.tokens[head].form)) || m.speaker != -1);
        if (named || referring) heads.push_back(head);
      }
      auto person_noun = [&](const std::string& lemma) { return catalog_->IsPersonNoun(lemma); };
      for (const VerbLink& link : FindVerbLinks(s, heads, view.all_kids(), person_noun)) {
        int a = mention_at.at(link.subject), b = mention_at.at(link.object);
        bool own_claim = link.event || link.through_object_noun;
        if (a == b || (own_claim ? linked_as_sides : linked).count({a, b})) continue;
        linked.emplace(a, b);
        linked.emplace(b, a);
        add_pending({side_of_mention(link.subject, a)}, {side_of_mention(link.object, b)},
                    CanonicalRelation(link.relation), link.relation, s.tokens[link.verb].span, 0.55);
        pending.back().claim.negated = link.negated;
      }
    }

    // "Nigeria's President Muhammadu Buhari": a bare "of" between two names
    // says less than the role the sentence also gives (president_of).
    auto one_to_one = [](const PendingClaim& p, int* from, int* to) {
      if (p.subjects.size() != 1 || p.objects.size() != 1) return false;
      *from = p.subjects[0].mention;
      *to = p.objects[0].mention;
      return *from >= 0 && *to >= 0;
    };
    std::set<std::pair<int, int>> roles;
    for (size_t k = sentence_start; k < pending.size(); ++k) {
      int from, to;
      const std::string& r = pending[k].claim.relation;
      bool role = r.size() > 3 && r.compare(r.size() - 3, 3, "_of") == 0;
      // (Nor than where an organisation is: "Colorado State University of
      // the US" -> locate_in.)
      if ((role || r == "locate_in") && one_to_one(pending[k], &from, &to)) roles.emplace(from, to);
    }
    pending.erase(std::remove_if(pending.begin() + sentence_start, pending.end(),
                                 [&](const PendingClaim& p) {
                                   int from, to;
                                   return p.claim.relation == "of" && one_to_one(p, &from, &to) &&
                                          roles.count({from, to});
                                 }),
                  pending.end());
    // "Wikinews: How did the project start?", "What do you think the
    // impact will be with the Games being televised live in the United
    // States?": a question asks, it claims nothing.
    int last = n - 1;
    while (last > 0 && (s.tokens[last].form == "\"" || s.tokens[last].form == "'" ||
                        s.tokens[last].form == ")" || s.tokens[last].form == "\u201d"))
      --last;
    if (s.tokens[last].form == "?") pending.resize(sentence_start);
    // "Shimon Peres image: David Shankbone.": a picture's credit names who
    // took it; it claims nothing between the two.
    if (IsPictureCredit(s)) pending.resize(sentence_start);
    order += static_cast<uint32_t>(n) + 1;
  }

  // 4. Resolve names, then materialize claims.
  resolver.Resolve();
  {
    // The one organisation each person has a role in ("Jane Roe, the
    // company's lawyer", "LibriVox founder Hugh McGuire"): whom the
    // person's "we" stands for.
    static const std::set<std::string> kMemberships = {"of", "found", "co-found", "found_by", "lead",
                                                      "head", "run", "work_for", "work_at", "join"};
    std::map<int, std::set<int>> organisations, led;
    for (const PendingClaim& p : pending) {
      if (p.subjects.size() != 1 || p.objects.size() != 1) continue;
      int person = resolver.EntityOf(p.subjects[0].mention);
      int organisation = resolver.EntityOf(p.objects[0].mention);
      if (person < 0 || organisation < 0) continue;
      const std::vector<Entity>& es = resolver.entities();
      if (es[person].type != EntityType::kPerson || es[organisation].type != EntityType::kOrganization)
        continue;
      const std::string& r = p.claim.relation;
      std::string first = r.substr(0, r.find('_'));
      auto ends_with = [&](const char* suffix) {
        size_t k = std::strlen(suffix);
        return r.size() > k && r.compare(r.size() - k, k, suffix) == 0;
      };
      // (Not an academic's university: a professor's "we" is more often
      // people at large, or colleagues, than the institution.)
      static const std::set<std::string> kAcademics = {"professor", "lecturer", "researcher",
                                                       "scientist", "student",  "scholar",
                                                       "fellow",    "emeritus", "academic"};
      bool role = (ends_with("_of") || ends_with("_at") || ends_with("_for")) &&
                  catalog_->CanBePersonNoun(first) && !kAcademics.count(first);
      // Nor a university, college or institute the person is only "of" or
      // works at ("Nick Bos, of the University of Helsinki": his "we
      // collected wild colonies" is his team's), unless they lead it or
      // hold a post there ("president of").
      static const std::set<std::string> kLeads = {"found", "co-found", "lead", "head", "run"};
      bool academic_institution = false;
      for (const std::string& w : text::SpaceSeparatedWords(Lower(es[organisation].name)))
        academic_institution |= w == "university" || w == "college" || w == "institute" ||
                                w == "laboratory" || w == "academy";
      if (academic_institution && !kLeads.count(r) && !role) continue;
      if (role || kMemberships.count(r)) organisations[person].insert(organisation);
      // (One the person founded or leads is theirs before one they worked
      // for: "I worked for NASA ... I founded Acme Inc. ... We partnered".)
      static const std::set<std::string> kLeaderRoles = {"founder",  "co-founder", "cofounder",
                                                         "ceo",      "chief",      "president",
                                                         "chairman", "director",   "head"};
      if (kLeads.count(r) || (role && kLeaderRoles.count(first))) led[person].insert(organisation);
    }
    std::map<int, int> organisation_of;
    for (const auto& [person, orgs] : organisations) {
      auto leads = led.find(person);
      if (orgs.size() == 1)
        organisation_of[person] = *orgs.begin();
      else if (leads != led.end() && leads->second.size() == 1)
        organisation_of[person] = *leads->second.begin();
    }
    resolver.ResolveWeOfSpeakers(organisation_of);
  }
  std::vector<Entity> entities = resolver.entities();
  std::map<std::string, int> value_index;
  auto entity_for = [&](const Side& side, uint32_t sentence) -> std::pair<int, Mention> {
    Mention m;
    m.sentence = sentence;
    if (side.mention >= 0) {
      int e = resolver.EntityOf(side.mention);
      if (e >= 0 || side.text.empty()) return {e, m};
    }
    m.span = side.span;
    m.surface = side.text;
    std::string key = side.text;
    auto it = value_index.find(key);
    int idx;
    if (it == value_index.end()) {
      idx = static_cast<int>(entities.size());
      Entity v;
      v.name = side.text;
      v.type = EntityType::kValue;
      entities.push_back(v);
      value_index[key] = idx;
    } else {
      idx = it->second;
    }
    entities[idx].mentions.push_back(m);
    return {idx, m};
  };
  // A side as the entities it stands for: one, or a group's members.
  struct Member {
    int entity;
    ByteSpan span;
    const Side* group;  // the group mention it was named by, or null
  };
  // The entities a kinship side stands for (see Side::kin_role), or none;
  // set below, after members_of, which it uses.
  std::function<std::vector<int>(const Side&)> kin_of;
  auto members_of = [&](const Side& side, uint32_t sentence) {
    std::vector<Member> out;
    if (!side.kin_role.empty() && (side.mention < 0 || resolver.EntityOf(side.mention) < 0)) {
      std::vector<int> kin = kin_of(side);
      for (int e : kin) {
        out.push_back(Member{e, side.span, kin.size() > 1 ? &side : nullptr});
        // (The words are a mention of the relatives they name; of a plural,
        // as of a group, not for `kg eval coref`.)
        if (kin.size() > 1 && all_mentions) continue;
        bool known = false;
        for (const Mention& old : entities[e].mentions) known |= old.span == side.span;
        if (!known) entities[e].mentions.push_back(Mention{sentence, side.span, side.text});
      }
      if (!out.empty()) return out;
    }
    if (!side.group) {
      auto [e, m] = entity_for(side, sentence);
      if (e < 0) return out;
      // (A description that refers back to nothing stands as a value.)
      bool resolved = side.mention >= 0 && resolver.EntityOf(side.mention) >= 0;
      ByteSpan span = resolved ? resolver.mention(side.mention).mention.span : side.span;
      // A resolved pronoun is a mention of its entity too.
      if (resolved && resolver.mention(side.mention).pronoun)
        entities[e].mentions.push_back(resolver.mention(side.mention).mention);
      out.push_back(Member{e, span, nullptr});
      return out;
    }
    // The two are the last pair named together: walking back from the
    // group, the first sentence that names two distinct entities of the
    // group's type, and its last two ("Carney says Obama spoke with Putin.
    // ... said Carney. The two leaders ..." -> Obama and Putin).
    std::vector<int> sentence_members;
    uint32_t current = UINT32_MAX;
    auto close_sentence = [&] {
      // The last two of the sentence: "Carney says Obama spoke with Putin".
      // A group that does not say its type ("both") is the last two of one
      // type, people first: "Obama met Putin in Paris. Both agreed" is no
      // Putin and Paris; "Hui Chi-fung from the Democratic Party and Tanya
      // Chan of the Civic Party, both considered ..." is no two parties.
      size_t n = sentence_members.size();
      for (bool people : {true, false})
        for (size_t j = n; out.empty() && j-- > 1;)
          for (size_t k = j; out.empty() && k-- > 0;) {
            EntityType a = entities[sentence_members[k]].type,
                       b = entities[sentence_members[j]].type;
            bool pair = side.group_type ? k + 2 == n && j + 1 == n
                                        : a == b && (!people || a == EntityType::kPerson);
            if (pair)
              for (size_t m : {k, j}) out.push_back(Member{sentence_members[m], side.span, &side});
          }
      sentence_members.clear();
    };
    for (int id = side.group_before - 1; id >= 0 && out.empty(); --id) {
      const NameMention& nm = resolver.mention(id);
      if (nm.mention.sentence != current) {
        close_sentence();
        current = nm.mention.sentence;
      }
      int e = resolver.EntityOf(id);
      if (e < 0 || nm.pronoun) continue;
      // ("Pfizer and BioNTech ... The two companies": a name of no known
      // type may be one of a group of organisations.)
      bool untyped_organisation =
          side.group_type == EntityType::kOrganization && entities[e].type == EntityType::kOther;
      if (side.group_type && entities[e].type != *side.group_type && !untyped_organisation)
        continue;
      if (std::find(sentence_members.begin(), sentence_members.end(), e) == sentence_members.end())
        sentence_members.insert(sentence_members.begin(), e);  // keep document order
    }
    close_sentence();
    if (out.size() < 2) out.clear();  // a group of two needs two
    // "Police arrested two men": with no pair named before, a group that
    // does not refer back ("two men", not "the two men", "both sides") is
    // its words.
    if (out.empty()) {
      std::string words = Lower(side.text);
      auto starts = [&](const char* w) { return words.rfind(w, 0) == 0; };
      if (!words.empty() && !starts("the ") && !starts("both") && !starts("these ") &&
          !starts("those ") && !starts("our ") && !starts("their ")) {
        Side value = side;
        value.mention = -1;
        value.group = false;
        auto [e, m] = entity_for(value, sentence);
        if (e >= 0) out.push_back(Member{e, side.span, nullptr});
        return out;
      }
    }
    // (Members of a group of organisations are organisations.)
    if (side.group_type == EntityType::kOrganization)
      for (const Member& m : out)
        if (entities[m.entity].type == EntityType::kOther)
          entities[m.entity].type = EntityType::kOrganization;
    // The group's words are a mention of each member, as a pronoun is
    // (the claims' spans are their entities' mentions). Not for `kg eval
    // coref`: they name a set, and corefer with no one member.
    for (const Member& m : out) {
      if (all_mentions) break;
      bool known = false;
      for (const Mention& old : entities[m.entity].mentions) known |= old.span == side.span;
      if (!known) entities[m.entity].mentions.push_back(Mention{sentence, side.span, side.text});
    }
    return out;
  };
  // The relatives the claims of the document name: (person, kinship noun)
  // -> the relatives ("Manju Sam -wife_of-> Thomas Sam": Thomas Sam's wife
  // is Manju Sam; "Gloria -child_of-> Thomas Sam": his child is Gloria, and
  // her parent Thomas Sam). A marriage names a spouse.
  std::map<std::pair<int, std::string>, std::set<int>> relatives;
  {
    static const std::set<std::string> kChildren = {"son", "daughter", "child", "baby"};
    static const std::set<std::string> kParents = {"mother", "father", "parent"};
    // (A side's entities: one, or a group's members, "their child".)
    auto entities_of = [&](const Side& side, uint32_t sentence) {
      std::vector<int> out;
      if (side.group) {
        for (const Member& m : members_of(side, sentence)) out.push_back(m.entity);
      } else if (side.mention >= 0 && resolver.EntityOf(side.mention) >= 0) {
        out.push_back(resolver.EntityOf(side.mention));
      }
      return out;
    };
    for (const PendingClaim& p : pending)
      for (const Side& subject : p.subjects)
        for (const Side& object : p.objects)
          for (int a : entities_of(subject, p.claim.sentence))
            for (int b : entities_of(object, p.claim.sentence)) {
              if (a == b) continue;
              const std::string& r = p.claim.relation;
              if (r == "marry" || r == "marry_to") {
                for (const char* spouse : {"wife", "husband", "spouse", "partner"}) {
                  relatives[{a, spouse}].insert(b);
                  relatives[{b, spouse}].insert(a);
                }
                continue;
              }
              if (r.size() <= 3 || r.compare(r.size() - 3, 3, "_of") != 0) continue;
              std::string role = r.substr(0, r.size() - 3);
              if (!IsKinshipNoun(role)) continue;
              relatives[{b, role}].insert(a);  // a is b's <role>
              if (kChildren.count(role)) {
                relatives[{b, "child"}].insert(a);
                relatives[{a, "parent"}].insert(b);
              } else if (kParents.count(role)) {
                relatives[{b, "parent"}].insert(a);
                relatives[{a, "child"}].insert(b);
              }
            }
  }
  kin_of = [&](const Side& side) -> std::vector<int> {
    size_t wanted = side.kin_plural ? 2 : 1;
    std::string role = side.kin_role;
    if (side.kin_plural && role == "child") role = "child";  // "children"
    std::set<int> found;
    if (side.kin_owner >= 0) {
      int owner = resolver.EntityOf(side.kin_owner);
      auto it = relatives.find({owner, role});
      // ("his daughter": his one child, when no claim says daughter.)
      if ((it == relatives.end() || it->second.size() != wanted) &&
          (role == "son" || role == "daughter"))
        it = relatives.find({owner, "child"});
      if (it != relatives.end()) found = it->second;
    } else if (role == "couple") {
      // "The couple": the document's only married pair.
      std::set<std::set<int>> couples;
      for (const auto& [key, who] : relatives)
        if (key.second == "wife" || key.second == "husband" || key.second == "spouse")
          for (int w : who) couples.insert({key.first, w});
      if (couples.size() == 1) found = *couples.begin();
    } else {
      // "the parents", "the baby": the document's only ones.
      std::set<std::set<int>> sets;
      for (const auto& [key, who] : relatives)
        if (key.second == role) {
          if (side.kin_plural)
            sets.insert(who);
          else
            for (int w : who) sets.insert({w});
        }
      if (sets.size() == 1) found = *sets.begin();
    }
    if (found.size() != wanted) return {};
    return std::vector<int>(found.begin(), found.end());
  };
  // (One claim per subject, relation and object in a sentence, however
  // many of the rules read it: "Merkel's spokesman Steffen Seibert".)
  std::set<std::tuple<int, std::string, int, uint32_t>> emitted;
  auto emit = [&](const PendingClaim& pc, const Member& sub, const Member& ob) {
    if (sub.entity == ob.entity) return;
    // A bare copula between two names ("Afghanistan is ... Donald Trump's
    // ban", "USI was ... Andy Warhol") is the parser's or the object's
    // head word's mistake far more often than a statement that the two
    // are one; a copula with a value ("USI is a recipient") stays.
    if (pc.claim.relation == "be" && entities[sub.entity].type != EntityType::kValue &&
        entities[ob.entity].type != EntityType::kValue)
      return;
    Claim c = pc.claim;
    c.subject = sub.entity;
    c.object = ob.entity;
    c.subject_span = sub.span;
    c.object_span = ob.span;
    // "Microsoft's Internet Explorer 9", "the 777 of Boeing": an
    // organisation's product is one it makes.
    if (c.relation == "of" && entities[sub.entity].type == EntityType::kProduct &&
        entities[ob.entity].type == EntityType::kOrganization) {
      std::swap(c.subject, c.object);
      std::swap(c.subject_span, c.object_span);
      c.relation = "make";
      c.relation_lemma = "make";
    }
    for (const Member* m : {&sub, &ob}) {
      if (!m->group || (m == &ob && ob.group == sub.group)) continue;
      // The audit says the claim was read from a group mention.
      c.arguments.push_back(ClaimArgument{"group", m->group->text, m->group->span});
    }
    // A symmetric relation is stored once, its sides in name order.
    if (IsSymmetricRelation(c.relation) && entities[c.object].name < entities[c.subject].name) {
      std::swap(c.subject, c.object);
      std::swap(c.subject_span, c.object_span);
    }
    if (!emitted.insert({c.subject, c.relation, c.object, c.sentence}).second) return;
    out.claims.push_back(std::move(c));
  };
  // "the value mentions the entity": one claim per name inside a value,
  // so a query from the entity reaches every claim about it.
  std::set<std::pair<int, int>> mentioned;
  auto emit_mentions = [&](const PendingClaim& pc, const Side& side) {
    if (side.mention >= 0 || side.group || side.inner.empty()) return;
    auto [value, vm] = entity_for(side, pc.claim.sentence);
    if (value < 0) return;
    for (int id : side.inner) {
      int e = resolver.EntityOf(id);
      if (e < 0 || !mentioned.insert({value, e}).second) continue;
      const NameMention& nm = resolver.mention(id);
      Claim c;
      c.subject = value;
      c.object = e;
      c.relation = "mentions";
      c.relation_lemma = "mentions";
      c.sentence = pc.claim.sentence;
      c.sentence_span = pc.claim.sentence_span;
      c.subject_span = side.span;
      c.object_span = nm.mention.span;
      c.relation_span = nm.mention.span;
      c.relation_surface = nm.mention.surface;
      c.confidence = pc.claim.confidence;
      out.claims.push_back(std::move(c));
    }
  };
  for (PendingClaim& pc : pending) {
    // "Tunisia lost 1 - 2 to England": England -defeat-> Tunisia, between
    // names only ("lost to cancer" stays as told). The lemma turns too, as
    // a passive's does (it reads in the claim's direction); the words stay
    // as written.
    auto named = [](const std::vector<Side>& sides) {
      for (const Side& side : sides)
        if (side.mention < 0) return false;
      return !sides.empty();
    };
    if (std::string converse = ConverseRelation(pc.claim.relation);
        !converse.empty() && !pc.reciprocal && named(pc.subjects) && named(pc.objects)) {
      std::swap(pc.subjects, pc.objects);
      pc.claim.relation = converse;
      pc.claim.relation_lemma = converse;
    }
    for (const Side& side : pc.subjects) emit_mentions(pc, side);
    for (const Side& side : pc.objects) emit_mentions(pc, side);
    if (pc.reciprocal) {
      std::vector<Member> all;
      for (const Side& side : pc.subjects)
        for (const Member& m : members_of(side, pc.claim.sentence)) all.push_back(m);
      for (size_t i = 0; i < all.size(); ++i)
        for (size_t j = i + 1; j < all.size(); ++j) emit(pc, all[i], all[j]);
      continue;
    }
    for (const Side& sub : pc.subjects) {
      for (const Side& ob : pc.objects) {
        for (const Member& sm : members_of(sub, pc.claim.sentence))
          for (const Member& om : members_of(ob, pc.claim.sentence)) emit(pc, sm, om);
      }
    }
  }
  // A piece the splitter cut from a longer run of words is no sentence:
  // what it says is less sure.
  for (Claim& c : out.claims)
    if (c.sentence < sentences.size() && sentences[c.sentence].cut) c.confidence *= 0.5;
  TypeByClaims(out.claims, &entities);
  if (all_mentions) {
    for (int id = 0; id < resolver.size(); ++id) {
      int e = resolver.EntityOf(id);
      const NameMention& nm = resolver.mention(id);
      if (e < 0 || !nm.pronoun) continue;
      bool known = false;
      for (const Mention& m : entities[e].mentions) known |= m.span == nm.mention.span;
      if (!known) entities[e].mentions.push_back(nm.mention);
    }
    out.entities = std::move(entities);
    return out;
  }
  // Keep only entities that take part in a claim; renumber.
  std::vector<int> remap(entities.size(), -1);
  for (const Claim& c : out.claims) {
    if (c.subject >= 0) remap[c.subject] = 0;
    if (c.object >= 0) remap[c.object] = 0;
  }
  for (size_t i = 0; i < entities.size(); ++i) {
    if (remap[i] < 0) continue;
    remap[i] = static_cast<int>(out.entities.size());
    out.entities.push_back(std::move(entities[i]));
  }
  for (Claim& c : out.claims) {
    c.subject = remap[c.subject];
    c.object = remap[c.object];
  }
  return out;
}

std::vector<CarbTuple> CarbTuplesOf(const Sentence& sentence, const OpenIeOptions& options) {
  std::vector<CarbTuple> out;
  for (const OpenIeTuple& t : ExtractTuples(sentence, options)) {
    CarbTuple c;
    c.relation = t.relation_text;
    c.args.push_back(JoinForms(sentence, t.subject.tokens));
    for (const OpenIeArgument& a : t.objects) c.args.push_back(JoinForms(sentence, a.tokens));
    c.confidence = t.confidence;
    bool dup = false;
    for (const CarbTuple& o : out)
      if (o.relation == c.relation && o.args == c.args) dup = true;
    if (!dup) out.push_back(std::move(c));
  }
  return out;
}

std::vector<CarbTuple> OpenIeExtractor::ExtractCarb(const std::string& line) const {
  std::vector<std::string> tokens;
  std::istringstream in(line);
  std::string w;
  while (in >> w) tokens.push_back(w);
  if (tokens.empty() || !pipeline_) return {};
  Sentence s = pipeline_->AnalyzeTokens(tokens);
  RepairParseForClaims(s);
  return CarbTuplesOf(s, options_);
}

std::string FormatCarbLine(const std::string& sentence, const CarbTuple& t) {
  char conf[32];
  std::snprintf(conf, sizeof conf, "%.4f", t.confidence);
  std::string line = sentence + "\t" + conf + "\t" + t.relation;
  for (const std::string& a : t.args) line += "\t" + a;
  return line;
}

}  // namespace kg::extract
