// Within-document resolution; see resolution.h.
#include "extract/resolution.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "common/org_names.h"
#include "common/text.h"
#include "extract/entities.h"

namespace kg::extract {
namespace {

std::vector<std::string> Words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

// Whether `name` ends in a model's designation: letters with digits
// ("Airbus A380"), or, for a name read as a person's, capitals that are no
// person's letters ("Windows XP"; not "Louis XV", "John Smith MP").
bool EndsInModelDesignation(const std::string& name, bool read_as_person) {
  size_t space = name.rfind(' ');
  if (space == std::string::npos) return false;
  const std::string last = name.substr(space + 1);
  bool letters = false, digits = false, capitals = last.size() >= 2, alnum = true;
  for (char c : last) {
    letters |= std::isalpha(static_cast<unsigned char>(c)) != 0;
    digits |= std::isdigit(static_cast<unsigned char>(c)) != 0;
    capitals &= std::isupper(static_cast<unsigned char>(c)) != 0;
    alnum &= std::isalnum(static_cast<unsigned char>(c)) != 0;
  }
  if (!alnum) return false;
  if (letters && digits && std::isalpha(static_cast<unsigned char>(last[0]))) return true;
  static const std::set<std::string> kPersonLetters = {"MP",  "QC", "KC", "OBE", "MBE",
                                                       "CBE", "MD", "JR", "SR",  "DJ"};
  bool roman = last.find_first_not_of("IVXLCDM") == std::string::npos;
  return capitals && read_as_person && !kPersonLetters.count(last) && !roman;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool PersonPronoun(const std::string& p) {
  return p == "i" || p == "me" || p == "my" || p == "myself" || p == "he" || p == "him" || p == "his" || p == "she" || p == "her" || p == "hers" ||
         p == "himself" || p == "herself";
}

// 'm' for he/him/his/himself, 'f' for she/her/hers/herself, else 0.
char PronounGender(const std::string& p) {
  if (p == "he" || p == "him" || p == "his" || p == "himself") return 'm';
  if (p == "she" || p == "her" || p == "hers" || p == "herself") return 'f';
  return 0;
}

// The gender a title gives ("Mrs." -> 'f'), else 0.
char TitleGender(const std::string& title) {
  static const char* kMale[] = {"Mr.", "Mr", "Sir", "King", "Prince", "Lord"};
  static const char* kFemale[] = {"Mrs.", "Mrs", "Ms.", "Ms", "Miss", "Queen", "Princess", "Lady"};
  for (const char* t : kMale)
    if (title == t) return 'm';
  for (const char* t : kFemale)
    if (title == t) return 'f';
  return 0;
}

bool ThingPronoun(const std::string& p) { return p == "it" || p == "its" || p == "itself"; }

bool PluralPronoun(const std::string& p) {
  return p == "they" || p == "them" || p == "their" || p == "theirs" || p == "themselves" ||
         p == "we" || p == "us" || p == "our" || p == "ourselves";
}

// Whether `noun`, a noun for a person in WordNet, is as often said of a
// business or a team: "maker", "chipmaker", "retailer", "rival", "winner".
bool IsBusinessAgentNoun(const std::string& noun) {
  static const std::set<std::string> kBusiness = {
      "manufacturer", "retailer", "publisher", "producer", "developer", "provider", "supplier",
      "carrier", "distributor", "operator", "broadcaster", "insurer", "lender", "builder", "seller",
      "exporter", "importer", "owner", "vendor", "contractor", "buyer", "investor",
      // and what is said of teams and companies as of people
      "rival", "competitor", "winner", "champion", "partner", "sponsor", "member", "client",
      "customer", "leader", "runner-up", "finalist", "host", "holder"};
  return kBusiness.count(noun) > 0 ||
         (noun.size() >= 5 && noun.compare(noun.size() - 5, 5, "maker") == 0);
}

}  // namespace

// The gender a noun for a person gives ("wife", "spokeswoman" -> 'f';
// "husband", "chairman" -> 'm'), else 0.
char RoleGender(const std::string& role) {
  static const char* kMale[] = {"husband", "boyfriend", "father", "son", "brother", "uncle",
                                "nephew", "grandfather", "grandson", "widower", "king", "prince",
                                "man", "boy", "dad", "stepfather", "stepson", "fiance"};
  static const char* kFemale[] = {"wife", "girlfriend", "mother", "daughter", "sister", "aunt",
                                  "niece", "grandmother", "granddaughter", "widow", "queen",
                                  "princess", "woman", "girl", "mom", "mum", "stepmother",
                                  "stepdaughter", "fiancee", "actress", "waitress"};
  for (const char* r : kMale)
    if (role == r) return 'm';
  for (const char* r : kFemale)
    if (role == r) return 'f';
  auto ends_with = [&](const char* tail) {
    size_t n = std::char_traits<char>::length(tail);
    return role.size() > n && role.compare(role.size() - n, n, tail) == 0;
  };
  if (ends_with("woman")) return 'f';  // spokeswoman, chairwoman
  if (ends_with("man") && !ends_with("human")) return 'm';  // spokesman, chairman
  return 0;
}

bool IsKinshipNoun(const std::string& noun) {
  static const char* kKin[] = {"wife", "husband", "son", "daughter", "child", "children", "mother",
                               "father", "parent", "brother", "sister", "sibling", "uncle", "aunt",
                               "nephew", "niece", "cousin", "grandfather", "grandmother",
                               "grandson", "granddaughter", "grandchild", "stepfather",
                               "stepmother", "stepson", "stepdaughter", "baby", "boyfriend",
                               "girlfriend", "fiance", "fiancee", "partner", "spouse", "widow",
                               "widower"};
  for (const char* k : kKin)
    if (noun == k) return true;
  return false;
}

DescriptionWords DescriptionWordsOf(const std::string& name) {
  DescriptionWords out;
  std::vector<std::string> words = Words(name);
  if (words.size() == 1) out.bare_word = Lower(words[0]);
  if (words.size() < 2) return out;
  // The name's head: its last word, or the word before "of" ("the museum"
  // is the Museum of Flight; "the match" no "Budweiser Man of the Match").
  auto of = std::find(words.begin() + 1, words.end(), "of");
  out.heads.push_back(Lower(of != words.end() ? *(of - 1) : words.back()));
  static const char* kKinds[] = {"cyclone", "hurricane", "typhoon", "storm", "lake",
                                 "mount", "cape", "fort", "river", "operation"};
  std::string first = Lower(words.front());
  for (const char* k : kKinds)
    if (first == k) out.heads.push_back(first);
  return out;
}

bool DescribesName(const std::string& head_word, bool bare, const std::string& name) {
  DescriptionWords words = DescriptionWordsOf(name);
  if (bare) return !words.bare_word.empty() && words.bare_word == head_word;
  return std::find(words.heads.begin(), words.heads.end(), head_word) != words.heads.end();
}

void DescribableNames::Add(const std::string& name, const std::string& kind_word) {
  DescriptionWords words = DescriptionWordsOf(name);
  for (std::string& h : words.heads) heads_.insert(std::move(h));
  if (!kind_word.empty()) kinds_.insert(kind_word);
  if (!words.bare_word.empty()) bare_.insert(std::move(words.bare_word));
}

int DocumentResolver::Add(NameMention mention) {
  mentions_.push_back(std::move(mention));
  return static_cast<int>(mentions_.size()) - 1;
}

void DocumentResolver::DefineAcronym(const std::string& acronym, const std::string& long_name) {
  acronyms_[acronym] = long_name;
}

std::string DocumentResolver::DocumentName(const std::string& name) const {
  auto a = acronyms_.find(name);
  if (a != acronyms_.end()) return a->second;
  return name;
}


void DocumentResolver::Resolve() {
  entity_of_.assign(mentions_.size(), -1);
  entities_.clear();
  // Document-level names (acronyms expanded) and their types: WordNet's,
  // else the recognizer's vote over the name's mentions, else cues.
  std::vector<std::string> doc_name(mentions_.size());
  std::map<std::string, std::map<EntityType, int>> votes;
  std::map<std::string, std::string> title_of;
  std::map<std::string, std::string> described_as_person;  // names given a noun for a person -> it
  std::map<std::string, EntityType> described_kind;  // names given a noun for a thing
  std::set<std::string> located;                // names of places the text locates
  // One-word names the text gives as someone's relative ("his wife
  // Hillary"): a first name, not the one famous person WordNet knows by it
  // (Edmund Hillary), unless the document names that person.
  std::set<std::string> named_as_relative;
  std::set<std::string> document_words;  // the words of its names
  std::set<std::string> named_definitely;  // names written once without "a"
  for (size_t i = 0; i < mentions_.size(); ++i) {
    const NameMention& m = mentions_[i];
    if (m.pronoun) continue;
    doc_name[i] = DocumentName(m.name);
    if (!m.indefinite) named_definitely.insert(doc_name[i]);
    if (m.located) located.insert(doc_name[i]);
    if (IsKinshipNoun(m.role) && doc_name[i].find(' ') == std::string::npos)
      named_as_relative.insert(doc_name[i]);
    for (const std::string& w : Words(doc_name[i])) document_words.insert(w);
    if (m.recognized) ++votes[doc_name[i]][*m.recognized];
    if (!m.title.empty()) title_of.emplace(doc_name[i], m.title);
    if (!m.role.empty()) described_as_person.emplace(doc_name[i], m.role);
    if (m.described) described_kind.emplace(doc_name[i], *m.described);
  }
  std::map<std::string, EntityType> type_of;
  for (size_t i = 0; i < mentions_.size(); ++i) {
    if (mentions_[i].pronoun || type_of.count(doc_name[i])) continue;
    const std::string& name = doc_name[i];
    EntityType t = EndsWithOrganizationWord(Words(name)) ? EntityType::kOrganization
                   : EndsWithPlaceWord(Words(name))      ? EntityType::kPlace
                                                         : catalog_.KnownType(catalog_.CanonicalName(name));
    if (t == EntityType::kOther) t = catalog_.KnownType(name);
    if (t == EntityType::kOther) {
      int best = 0;
      for (const auto& [type, n] : votes[name])
        if (n > best) best = n, t = type;
      // "their son, John", "spokeswoman Sujata Raisinghani": a noun for a
      // person outweighs the recognizer's place or other (not an
      // organisation's: "Boeing, the plane maker").
      if ((t == EntityType::kPlace || t == EntityType::kOther) && described_as_person.count(name))
        t = EntityType::kPerson;
      // ... and the recognizer's organisation, when the noun is no
      // business's: "lead researcher Creswell Eastman" (not "chipmaker
      // Intel", "publisher Penguin").
      auto role = described_as_person.find(name);
      if (t == EntityType::kOrganization && role != described_as_person.end() &&
          catalog_.IsOnlyPersonNoun(role->second) && !IsBusinessAgentNoun(role->second))
        t = EntityType::kPerson;
      // "Microsoft's browser Internet Explorer": a noun for a kind of thing
      // outweighs the recognizer (but a place's noun not its organisation).
      auto kind = described_kind.find(name);
      if (kind != described_kind.end() && !described_as_person.count(name) &&
          !(t == EntityType::kOrganization && kind->second == EntityType::kPlace))
        t = kind->second;
    }
    auto title = title_of.find(name);
    if (t == EntityType::kOther)
      t = TypeFromCues(Words(name), title == title_of.end() ? "" : title->second);
    if (located.count(name)) t = EntityType::kPlace;
    // A craft's name says what it is, whatever the recognizer read: "Space
    // Shuttle Discovery", "USS Enterprise"; so does a shuttle mission's,
    // "STS-135".
    std::vector<std::string> w = Words(name);
    if ((w.size() >= 2 && w[0] == "Space" && w[1] == "Shuttle" && w.back() != "Program") ||
        (w.size() >= 2 && (w[0] == "USS" || w[0] == "HMS")))
      t = EntityType::kProduct;
    if (w.size() == 1 && name.compare(0, 4, "STS-") == 0 && text::IsDigits(std::string_view(name).substr(4)))
      t = EntityType::kEvent;
    // "he would make a blue Marilyn and a pink Marilyn": a person's name
    // never written without "a" is a thing's, a work's here.
    if (t == EntityType::kPerson && !named_definitely.count(name)) t = EntityType::kOther;
    type_of[name] = t;
  }
  // One-word names to the unique longer Person name holding them.
  // First and last words of the multi-word Person names -> those names.
  std::map<std::string, std::vector<std::string>> person_by_word;
  for (const auto& [name, type] : type_of) {
    if (type != EntityType::kPerson) continue;
    std::vector<std::string> w = Words(name);
    if (w.size() < 2) continue;
    person_by_word[w.front()].push_back(name);
    if (w.back() != w.front()) person_by_word[w.back()].push_back(name);
  }
  // "Brock Holt" and "Brock Wyatt Holt" are one person (a middle name left
  // out): "Holt" is short for the longer, not ambiguous between the two.
  for (auto& [word, names] : person_by_word) {
    std::vector<std::string> kept;
    for (const std::string& name : names) {
      std::vector<std::string> w = Words(name);
      bool shorter_form = std::any_of(names.begin(), names.end(), [&](const std::string& other) {
        std::vector<std::string> o = Words(other);
        return o.size() > w.size() && o.front() == w.front() && o.back() == w.back();
      });
      if (!shorter_form) kept.push_back(name);
    }
    names = std::move(kept);
  }
  // The first word of the multi-word organisation names: "Ford" -> "Ford
  // Motor Company", "Apple" -> "Apple Inc." (when only one starts so).
  std::map<std::string, std::vector<std::string>> org_by_first;
  // And the last word of "X of Y" organisation names: "Scientology" ->
  // "Church of Scientology" (not a place's name: "Church of England").
  std::map<std::string, std::vector<std::string>> org_by_of_last;
  // And the first word of multi-word place names: "the North" -> "North
  // Korea", "the South" -> "South Korea" (when only one starts so).
  std::map<std::string, std::vector<std::string>> place_by_first;
  for (const auto& [name, type] : type_of) {
    std::vector<std::string> w = Words(name);
    if (type == EntityType::kPlace && w.size() == 2) place_by_first[w.front()].push_back(name);
  }
  // And the last word of names that start with a kind of vehicle, storm
  // or feature: "Columbia" -> "Space Shuttle Columbia", "Gita" -> "Cyclone
  // Gita".
  std::map<std::string, std::vector<std::string>> thing_by_kind_last;
  for (const auto& [name, type] : type_of) {
    static const std::set<std::string> kKinds = {"Space", "Shuttle", "Cyclone", "Hurricane", "Typhoon",
                                                 "Storm", "Operation", "Mount", "Lake", "Fort",
                                                 "USS", "HMS", "Apollo"};
    std::vector<std::string> w = Words(name);
    if (type != EntityType::kPerson && w.size() >= 2 && kKinds.count(w.front()))
      thing_by_kind_last[w.back()].push_back(name);
  }
  for (const auto& [name, type] : type_of) {
    if (type != EntityType::kOrganization) continue;
    std::vector<std::string> w = Words(name);
    if (w.size() >= 2) org_by_first[w.front()].push_back(name);
    if (w.size() == 3 && w[1] == "of") org_by_of_last[w[2]].push_back(name);
  }
  // Where each name is first read: "Mohamed" after "Ahmed Mohamed" and
  // before "his father Mohamed El-Hassan Mohamed" is the son.
  std::map<std::string, uint32_t> first_read;
  for (size_t i = 0; i < mentions_.size(); ++i) {
    if (mentions_[i].pronoun) continue;
    auto [at, fresh] = first_read.emplace(doc_name[i], mentions_[i].order);
    if (!fresh) at->second = std::min(at->second, mentions_[i].order);
  }
  std::map<std::string, std::string> short_to_long;
  for (const auto& [name, type] : type_of) {
    if (name.find(' ') != std::string::npos) continue;
    auto it = person_by_word.find(name);
    auto org = org_by_first.find(name);
    if (it != person_by_word.end() && it->second.size() >= 2) {
      // Several people hold the word: the one named before the word was
      // first read, if only one was.
      std::vector<std::string> before;
      for (const std::string& full : it->second)
        if (first_read[full] < first_read[name]) before.push_back(full);
      if (before.size() == 1) it->second = before;
    }
    bool person = it != person_by_word.end() && it->second.size() == 1;
    bool company = org != org_by_first.end() && org->second.size() == 1;
    // "Apple hired Tim Cook ... Apple Inc.": the company, unless the short
    // name is known on its own ("Russia", not "Russia Today") or reads as
    // a place.
    bool known = catalog_.KnownType(name) != EntityType::kOther || type == EntityType::kPlace;
    // "the University", "the Church": a word that says what kind of
    // organisation, short for the document's only one so named.
    if (TypeFromCues({name}, "") == EntityType::kOrganization || name == "Church") known = false;
    // ("Savage" after "Dan Savage" and his column "Savage Love": a name
    // read as a person's is the person's.)
    if (person && (!company || type == EntityType::kPerson)) short_to_long[name] = it->second[0];
    if (company && !known && (!person || type != EntityType::kPerson)) short_to_long[name] = org->second[0];
    auto place = place_by_first.find(name);
    if (!person && !company && type == EntityType::kPlace && place != place_by_first.end() &&
        place->second.size() == 1 && (name == "North" || name == "South" || name == "East" ||
                                      name == "West" || catalog_.KnownType(name) == EntityType::kOther))
      short_to_long[name] = place->second[0];
    auto kind_last = thing_by_kind_last.find(name);
    if (!person && !company && kind_last != thing_by_kind_last.end() && kind_last->second.size() == 1 &&
        first_read[kind_last->second[0]] < first_read[name])
      short_to_long[name] = kind_last->second[0];
    // "USI" in a document about the University of Southern Indiana: an
    // acronym the text never defines is the one name of the document whose
    // initials it spells (an organisation's or a place's).
    if (!person && !company && IsAcronym(name) && catalog_.KnownType(name) == EntityType::kOther &&
        !short_to_long.count(name)) {
      std::vector<std::string> spelled;
      for (const auto& [other, other_type] : type_of)
        if (other != name && Words(other).size() >= 2 && other_type != EntityType::kPerson &&
            AcronymMatches(name, other))
          spelled.push_back(other);
      if (spelled.size() == 1) short_to_long[name] = spelled[0];
    }
    auto of_last = org_by_of_last.find(name);
    if (!person && !company && of_last != org_by_of_last.end() && of_last->second.size() == 1 &&
        type != EntityType::kPlace && type != EntityType::kPerson &&
        catalog_.KnownType(name) != EntityType::kPlace)
      short_to_long[name] = of_last->second[0];
    // "The case on which the Court has ruled", after "the Italian Supreme
    // Court of Cassation" and "the Supreme Court": a word that says what
    // kind of organisation is the last organisation named before it whose
    // name it heads.
    if (!person && !company && !short_to_long.count(name) &&
        TypeFromCues({name}, "") == EntityType::kOrganization) {
      std::string last;
      for (const auto& [other, other_type] : type_of)
        if (other != name && other_type == EntityType::kOrganization &&
            DescribesName(Lower(name), false, other) && first_read[other] < first_read[name] &&
            (last.empty() || first_read[other] > first_read[last]))
          last = other;
      if (!last.empty()) short_to_long[name] = last;
    }
  }
  // A name of two words or more that is the document's one longer
  // organisation's name without its corporate suffix or its qualifying
  // "for", "on" or "at" part (common/org_names.h, the same forms the
  // alias index matches across documents): "General Motors" -> "General
  // Motors Corporation", "the Andy Warhol Foundation" -> "Andy Warhol
  // Foundation for the Visual Arts" (not "University of North Carolina" in
  // a text that names both of its campuses; not a name known on its own:
  // "United States"; not before "of", where the longer name is often two
  // run together: "Boston Red Sox of Major League Baseball").
  for (const auto& [name, type] : type_of) {
    if (Words(name).size() < 2 || type == EntityType::kPerson || type == EntityType::kPlace ||
        short_to_long.count(name) || catalog_.KnownType(name) != EntityType::kOther)
      continue;
    std::vector<std::string> longer;
    for (const auto& [other, other_type] : type_of)
      if (other_type == EntityType::kOrganization && other != name &&
          (StripOrgSuffix(other) == name || CutOrgQualifier(other) == name))
        longer.push_back(other);
    if (longer.size() == 1) short_to_long[name] = longer[0];
  }
  // A one-word name that ends the document's one two-word name whose first
  // word is an organisation of the document: "Chrome" -> "Google Chrome".
  for (const auto& [name, type] : type_of) {
    if (name.find(' ') != std::string::npos || short_to_long.count(name) ||
        type == EntityType::kPerson || catalog_.KnownType(name) != EntityType::kOther)
      continue;
    std::vector<std::string> longer;
    for (const auto& [other, other_type] : type_of) {
      std::vector<std::string> o = Words(other);
      if (o.size() != 2 || o[1] != name || other_type == EntityType::kPerson) continue;
      auto maker = type_of.find(o[0]);
      if (maker != type_of.end() && maker->second == EntityType::kOrganization)
        longer.push_back(other);
    }
    if (longer.size() == 1) {
      short_to_long[name] = longer[0];
      // (What the short name was read as says what the product is.)
      if (type_of[longer[0]] == EntityType::kOther) type_of[longer[0]] = type;
    }
  }
  // Entities by canonical name.
  std::map<std::string, int> index_of;
  std::map<int, uint32_t> last_sentence;  // entity -> sentence of its last name
  std::map<int, bool> last_salient;       // entity -> whether that name was a subject
  int last_person = -1, last_thing = -1, last_org = -1, last_place = -1, last_event = -1;
  // The last name of no known type ("Facebook", which the recognizer
  // missed): "the company" in the same sentence may be it.
  int last_untyped = -1;
  int last_untyped_subject = -1;  // the same, as a clause's subject
  // The last person who was a clause's subject (or a possessor), and where:
  // "Montalvo contacted members ... in touch with Devocht. He traveled" -
  // "He" continues the subject, not the last name read.
  int subject_person = -1;
  uint32_t subject_person_sentence = 0;
  // People in the order they were last named, and the gender a title or an
  // earlier he/she gave them: "she" skips a man ("Mohamed El-Hassan
  // Mohamed ... She chose the hashtag").
  std::vector<int> people;
  std::map<int, char> gender;
  auto named_person = [&](int e) {
    people.erase(std::remove(people.begin(), people.end(), e), people.end());
    people.push_back(e);
  };
  for (size_t i = 0; i < mentions_.size(); ++i) {
    const NameMention& m = mentions_[i];
    if (m.pronoun && m.speaker != -1) continue;  // the speaker's, below
    if (m.pronoun) {
      // Pronouns and definite descriptions go to the last entity that fits.
      std::string p = Lower(m.name);
      int target = -1;
      if (!m.head_word.empty()) {
        // "this cyclone" -> the last entity named with the word (Cyclone Gita).
        for (size_t j = i; j-- > 0 && target < 0;) {
          if (mentions_[j].pronoun || entity_of_[j] < 0) continue;
          // A person is not written lower case: "define santorum" after
          // "Rick Santorum" is the word, not the man ("iodine" is iodine).
          if (m.bare && entities_[entity_of_[j]].type == EntityType::kPerson) continue;
          for (const std::string& name : {mentions_[j].name, entities_[entity_of_[j]].name})
            if (DescribesName(m.head_word, m.bare, name)) target = entity_of_[j];
          // "this constituency" -> the last name written as one ("the
          // Kowloon West geographical constituency") a few sentences back;
          // further back, the text has likely moved on to another one its
          // parse missed.
          constexpr uint32_t kKindWindow = 4;  // sentences
          if (!m.bare && mentions_[j].kind_word == m.head_word &&
              m.mention.sentence <= mentions_[j].mention.sentence + kKindWindow)
            target = entity_of_[j];
        }
      }
      if (target < 0 && m.description) {
        target = *m.description == EntityType::kPerson ? last_person
                 : *m.description == EntityType::kPlace ? last_place
                 : *m.description == EntityType::kEvent ? last_event
                                                          : last_org;
        // "the company" names a company of the last few sentences, not
        // one from the top of a long article.
        constexpr uint32_t kDescriptionWindow = 8;  // sentences; tuned on GUM dev and train
        if (target >= 0 && m.mention.sentence > last_sentence[target] + kDescriptionWindow)
          target = -1;
        // "the court", "the university": an institution's kind names one
        // whose name says so ("the Supreme Court of NSW"), not the last
        // organisation of any kind (a journal named before).
        static const std::set<std::string> kInstitutionNouns = {
            "court", "university", "college", "school", "library", "council", "ministry", "bank"};
        if (target >= 0 && kInstitutionNouns.count(m.head_word) &&
            !DescribesName(m.head_word, false, entities_[target].name))
          target = -1;
        // "help the girls enter the country" after "Kabul": a country is no
        // city.
        if (target >= 0 && (m.head_word == "country" || m.head_word == "nation") &&
            catalog_.IsCity(entities_[target].name))
          target = -1;
        // "Facebook co-founder Mark Zuckerberg said the boy could tour the
        // company": an untyped name of the same sentence, named after the
        // last organisation, rather than that one.
        // (Not a word of the description itself: "the Brazillian team".)
        // (A business's noun: "the school" after "Minister of Education
        // Stefania Giannini" is no "Education".)
        static const std::set<std::string> kBusinessNouns = {
            "company", "firm",    "corporation", "business", "startup", "conglomerate",
            "retailer", "maker",  "manufacturer", "network", "website", "platform",
            "service", "brand",   "publisher",   "site"};
        bool organisation = *m.description == EntityType::kOrganization &&
                            (m.head_word.empty() || kBusinessNouns.count(m.head_word) > 0);
        if (organisation && last_untyped >= 0 && last_sentence[last_untyped] == m.mention.sentence &&
            (target < 0 || last_sentence[target] < m.mention.sentence) &&
            entities_[last_untyped].mentions.back().span.end + 1 < m.mention.span.begin)
          target = last_untyped;
        // "Apple unveiled the iPhone. The company sold millions": with no
        // organisation named before, the last name of no known type of this
        // sentence or the one before, if it was a subject there.
        if (organisation && target < 0 && last_untyped_subject >= 0 &&
            m.mention.sentence <= last_sentence[last_untyped_subject] + 1 &&
            entities_[last_untyped_subject].mentions.back().span.end + 1 < m.mention.span.begin)
          target = last_untyped_subject;
      } else if (target < 0 && m.head_word.empty()) {
        bool subject_recent = subject_person >= 0 && m.mention.sentence <= subject_person_sentence + 1;
        char wanted = PronounGender(p);
        // (Not the subject of the pronoun's own clause.)
        int disjoint = m.disjoint_from >= 0 ? entity_of_[m.disjoint_from] : -1;
        auto fits = [&](int e) {
          auto g = gender.find(e);
          return e != disjoint && (wanted == 0 || g == gender.end() || g->second == wanted);
        };
        int person = subject_recent && fits(subject_person) ? subject_person : -1;
        // (A person whose gender nothing has shown yet is "he" or "she"
        // only within three sentences of their name: further on, the
        // pronoun is more often someone never named, "Thank you, Mets
        // Poet" ... "She handed me a shirt", or a man named since.)
        constexpr uint32_t kUngenderedReach = 3;
        auto near = [&](int e) {
          return gender.count(e) > 0 || m.mention.sentence <= last_sentence[e] + kUngenderedReach;
        };
        // (An object pronoun -- its clause's subject ruled out -- goes
        // first to the last person known to be a man or a woman, as it
        // says: "Koolhaas and Zenghelis taught Hadid ... Zenghelis
        // described her".)
        for (size_t k = people.size(); person < 0 && disjoint >= 0 && wanted != 0 && k-- > 0;)
          if (fits(people[k]) && gender.count(people[k])) person = people[k];
        for (size_t k = people.size(); person < 0 && k-- > 0;)
          if (fits(people[k]) && near(people[k])) person = people[k];
        // "Zelensky said Ukraine would fight on. He met Biden": with no
        // person named before, "he" or "she" is the subject of this
        // sentence or the one before whose name is of no known type, a
        // person then.
        if (PronounGender(p) != 0 && person < 0 && last_untyped_subject >= 0 &&
            m.mention.sentence <= last_sentence[last_untyped_subject] + 1 &&
            entities_[last_untyped_subject].mentions.back().span.end < m.mention.span.begin) {
          person = last_untyped_subject;
          entities_[person].type = EntityType::kPerson;
          named_person(person);
        }
        target = PersonPronoun(p) ? person
                 : ThingPronoun(p) ? last_thing
                 : PluralPronoun(p) ? last_org
                                    : -1;
        // "it" and "they" stand for a name only while it is the topic: the
        // subject (or a possessor) of this sentence or the one before.
        // Otherwise they too often mean a thing never named ("the study").
        bool we = p == "we" || p == "us" || p == "our" || p == "ourselves";
        if (target >= 0 && (ThingPronoun(p) || (PluralPronoun(p) && !we)) &&
            !(last_salient[target] && m.mention.sentence <= last_sentence[target] + 1))
          target = -1;
      }
      entity_of_[i] = target;
      if (target >= 0 && PronounGender(p) && entities_[target].type == EntityType::kPerson)
        gender.emplace(target, PronounGender(p));
      if (target >= 0 && m.salient && PersonPronoun(p) && entities_[target].type == EntityType::kPerson) {
        subject_person = target;
        subject_person_sentence = m.mention.sentence;
      }
      continue;
    }
    std::string name = doc_name[i];
    EntityType type = type_of[name];
    auto s = short_to_long.find(name);
    // "Washington, D.C." is the city where "Washington" alone may be George
    // Washington: a name the text locates here is no part of a person's.
    if (s != short_to_long.end() && m.placed && type_of[s->second] == EntityType::kPerson)
      s = short_to_long.end();
    if (s != short_to_long.end()) {
      name = s->second;
      type = type_of[name];
    }
    // (A located place keeps its name: "Irving" of "Irving, Texas" is no
    // "Washington Irving".)
    bool place_by_text = located.count(name) > 0;
    std::string canonical = place_by_text ? name : catalog_.CanonicalName(name);
    if (named_as_relative.count(name) && canonical != name) {
      bool in_document = true;  // "Tamerlan" -> "Tamerlan Tsarnaev", read elsewhere here
      for (const std::string& w : Words(canonical)) in_document &= document_words.count(w) > 0;
      if (!in_document) canonical = name;
    }
    // (Typed by the name as written: "St. Louis" is first of all the city,
    // though its canonical "Saint Louis" is first of all the king.)
    EntityType known = catalog_.KnownType(name);
    if (known == EntityType::kOther) known = catalog_.KnownType(canonical);
    if (known != EntityType::kOther && !EndsWithOrganizationWord(Words(name)) &&
        !EndsWithPlaceWord(Words(name)) && !place_by_text)
      type = known;
    auto it = index_of.find(canonical);
    int index;
    if (it == index_of.end()) {
      index = static_cast<int>(entities_.size());
      index_of[canonical] = index;
      Entity e;
      e.name = canonical;
      e.type = type;
      entities_.push_back(std::move(e));
    } else {
      index = it->second;
      if (entities_[index].type == EntityType::kOther) entities_[index].type = type;
    }
    Entity& e = entities_[index];
    // Salient in a sentence when any of its names there is ("The Federal
    // Bureau of Investigation (FBI) said": the subject, then an apposition).
    auto seen = last_sentence.find(index);
    bool same_sentence = seen != last_sentence.end() && seen->second == m.mention.sentence;
    last_salient[index] = m.salient || (same_sentence && last_salient[index]);
    last_sentence[index] = m.mention.sentence;
    if (m.mention.surface != e.name &&
        std::find(e.aliases.begin(), e.aliases.end(), m.mention.surface) == e.aliases.end())
      e.aliases.push_back(m.mention.surface);
    e.mentions.push_back(m.mention);
    entity_of_[i] = index;
    if (e.type == EntityType::kPerson && !m.indefinite) {
      last_person = index;
      named_person(index);
      if (char g = TitleGender(m.title)) gender.emplace(index, g);
      if (char g = RoleGender(m.role)) gender.emplace(index, g);
    }
    if (e.type == EntityType::kPerson && m.salient) {
      subject_person = index;
      subject_person_sentence = m.mention.sentence;
    }
    // (A name that only qualifies a noun is no antecedent of a thing's
    // pronoun or description: NameMention::modifier.)
    if (m.modifier && e.type != EntityType::kPerson) continue;
    if (e.type == EntityType::kOrganization) last_org = index;
    if (e.type == EntityType::kOther) last_untyped = index;
    if (e.type == EntityType::kOther && m.salient) last_untyped_subject = index;
    if (e.type == EntityType::kPlace) last_place = index;
    if (e.type == EntityType::kEvent) last_event = index;
    // (A name of no known type is most often an organisation's or a
    // product's the recognizer missed: "Microsoft said it would ...".)
    if (e.type == EntityType::kOrganization || e.type == EntityType::kPlace ||
        e.type == EntityType::kProduct || e.type == EntityType::kOther)
      last_thing = index;
  }
  // A numbered version or model of a product or of a maker's is a
  // product: "Internet Explorer 6" after "Internet Explorer" (a browser),
  // "Boeing 777" after "Boeing".
  std::map<std::string, EntityType> type_by_name;
  for (const Entity& e : entities_) type_by_name.emplace(e.name, e.type);
  // So is a name ending in a model's designation (EndsInModelDesignation).
  for (Entity& e : entities_)
    if (e.type != EntityType::kPlace && e.type != EntityType::kEvent &&
        EndsInModelDesignation(e.name, e.type == EntityType::kPerson))
      e.type = EntityType::kProduct;
  for (Entity& e : entities_) {
    size_t space = e.name.rfind(' ');
    if (e.type != EntityType::kOther || space == std::string::npos ||
        !text::IsDigits(std::string_view(e.name).substr(space + 1)))
      continue;
    auto maker = type_by_name.find(e.name.substr(0, space));
    if (maker != type_by_name.end() &&
        (maker->second == EntityType::kProduct || maker->second == EntityType::kOrganization))
      e.type = EntityType::kProduct;
  }
  // "I" in reported speech is the speaker, named before or after it ("we"
  // an organisation speaking); in an interview, "I" is the person
  // interviewed.
  interviewee_entity_ = IntervieweeEntity();
  for (size_t i = 0; i < mentions_.size(); ++i) {
    int speaker = mentions_[i].speaker;
    if (speaker == NameMention::kInterviewee) {
      // (The interviewee's "we" is an organisation's: ResolveWeOfSpeakers.)
      if (!PluralPronoun(Lower(mentions_[i].name))) entity_of_[i] = interviewee_entity_;
      continue;
    }
    if (speaker < 0 || speaker >= static_cast<int>(mentions_.size())) continue;
    int e = entity_of_[speaker];
    // "I" is a person's; "we" an organisation's.
    EntityType speaks_as =
        PluralPronoun(Lower(mentions_[i].name)) ? EntityType::kOrganization : EntityType::kPerson;
    if (e >= 0 && entities_[e].type == speaks_as) entity_of_[i] = e;
  }
}

int DocumentResolver::IntervieweeEntity() {
  int interviewee = -1;
  for (size_t e = 0; e < entities_.size() && !interviewee_.empty(); ++e) {
    const Entity& x = entities_[e];
    bool named = x.name == interviewee_ ||
                 std::find(x.aliases.begin(), x.aliases.end(), interviewee_) != x.aliases.end();
    if (named && x.type == EntityType::kPerson) interviewee = static_cast<int>(e);
  }
  if (interviewee < 0 && !interviewee_.empty()) {
    std::vector<std::string> words = Words(interviewee_);
    int partial = -1, partials = 0;
    for (size_t e = 0; e < entities_.size(); ++e) {
      const Entity& x = entities_[e];
      if (x.type == EntityType::kPerson && x.name.find(' ') == std::string::npos &&
          words.size() >= 2 && (x.name == words.front() || x.name == words.back())) {
        partial = static_cast<int>(e);
        ++partials;
      }
    }
    bool spoken = false;
    for (const NameMention& m : mentions_) spoken |= m.speaker == NameMention::kInterviewee;
    if (partials == 1) {
      Entity& x = entities_[partial];
      x.aliases.push_back(x.name);
      x.name = interviewee_;
      interviewee = partial;
    } else if (partials == 0 && spoken) {
      interviewee = static_cast<int>(entities_.size());
      Entity x;
      x.name = interviewee_;
      x.type = EntityType::kPerson;
      entities_.push_back(std::move(x));
    }
  }
  return interviewee;
}

void DocumentResolver::ResolveWeOfSpeakers(const std::map<int, int>& organisation_of) {
  for (size_t i = 0; i < mentions_.size(); ++i) {
    int speaker = mentions_[i].speaker;
    if (speaker == -1 || entity_of_[i] >= 0 || !PluralPronoun(Lower(mentions_[i].name))) continue;
    int person = speaker == NameMention::kInterviewee ? interviewee_entity_
                 : speaker >= 0 && speaker < static_cast<int>(mentions_.size()) ? entity_of_[speaker]
                                                                               : -1;
    auto org = organisation_of.find(person);
    if (person >= 0 && org != organisation_of.end()) entity_of_[i] = org->second;
  }
}

}  // namespace kg::extract
