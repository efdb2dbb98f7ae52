// Entity typing and canonical names; see entities.h.
#include "extract/entities.h"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <set>
#include <string_view>
#include <unordered_set>

#include "common/text.h"
#include "extract/wordnet.h"

namespace kg::extract {
namespace {

// WordNet's lexicographer files for nouns (lexnames(5WN)).
constexpr int kNounAct = 4, kNounArtifact = 6, kNounCognition = 9, kNounCommunication = 10,
              kNounGroup = 14, kNounLocation = 15, kNounPerson = 18;

// Names newer than WordNet 3.0 (or missing from it) that the seeds and the
// news sample use. Canonical name, type, then short forms.
struct KnownName {
  const char* name;
  EntityType type;
  const char* aliases[6];
};

const KnownName kKnownNames[] = {
    {"Barack Obama", EntityType::kPerson, {"Obama", "Barack Hussein Obama"}},
    {"Vladimir Putin", EntityType::kPerson, {"Putin"}},
    {"Dzhokhar Tsarnaev", EntityType::kPerson, {"Dzhokhar"}},
    {"Tamerlan Tsarnaev", EntityType::kPerson, {"Tamerlan"}},
    {"Dmitry Peskov", EntityType::kPerson, {"Peskov"}},
    {"Sergei Lavrov", EntityType::kPerson, {"Lavrov"}},
    {"John Kerry", EntityType::kPerson, {"Kerry"}},
    {"Jay Carney", EntityType::kPerson, {"Carney"}},
    {"Edward Snowden", EntityType::kPerson, {"Snowden"}},
    {"Rudy Giuliani", EntityType::kPerson, {"Giuliani"}},
    {"James Goldgeier", EntityType::kPerson, {"Goldgeier"}},
    {"Donald Trump", EntityType::kPerson, {"Trump"}},
    {"Hillary Clinton", EntityType::kPerson, {}},
    {"Angela Merkel", EntityType::kPerson, {"Merkel"}},
    {"Xi Jinping", EntityType::kPerson, {}},
    {"Sochi", EntityType::kPlace, {}},
    {"Volgograd", EntityType::kPlace, {}},
    {"North Caucasus", EntityType::kPlace, {}},
    {"Tel Aviv", EntityType::kPlace, {}},
    {"Kremlin", EntityType::kOrganization, {}},
    {"Federal Security Service", EntityType::kOrganization, {"FSB", "Federal Security Bureau"}},
    {"White House", EntityType::kOrganization, {}},
    {"Pentagon", EntityType::kOrganization, {}},
    {"State Department", EntityType::kOrganization, {"U.S. State Department"}},
    {"Russia Today", EntityType::kOrganization, {"RT"}},
    {"Xinhua", EntityType::kOrganization, {}},
    {"YouTube", EntityType::kOrganization, {}},
    {"Reuters", EntityType::kOrganization, {}},
    {"Associated Press", EntityType::kOrganization, {"AP"}},
    {"al-Qaida", EntityType::kOrganization, {"al-Qaeda", "al Qaeda", "Al Qaeda"}},
    {"RFE/RL", EntityType::kOrganization, {}},
    {"G20", EntityType::kEvent, {}},
    {"Boston Marathon", EntityType::kEvent, {}},
    {"Winter Olympics", EntityType::kEvent, {"Olympics", "Winter Games"}},
    // Companies, news agencies and bodies the news names most, many of them
    // unknown to WordNet or known as something else (Toyota, a city; Tesla,
    // a unit; Google, a search).
    {"Apple", EntityType::kOrganization, {}},
    {"Google", EntityType::kOrganization, {}},
    {"Alphabet", EntityType::kOrganization, {}},
    {"Microsoft", EntityType::kOrganization, {}},
    {"Facebook", EntityType::kOrganization, {}},
    {"Meta", EntityType::kOrganization, {}},
    {"Twitter", EntityType::kOrganization, {}},
    {"Instagram", EntityType::kOrganization, {}},
    {"WhatsApp", EntityType::kOrganization, {}},
    {"TikTok", EntityType::kOrganization, {}},
    {"ByteDance", EntityType::kOrganization, {}},
    {"Netflix", EntityType::kOrganization, {}},
    {"Spotify", EntityType::kOrganization, {}},
    {"Uber", EntityType::kOrganization, {}},
    {"Airbnb", EntityType::kOrganization, {}},
    {"Intel", EntityType::kOrganization, {}},
    {"AMD", EntityType::kOrganization, {}},
    {"Nvidia", EntityType::kOrganization, {}},
    {"Qualcomm", EntityType::kOrganization, {}},
    {"Samsung", EntityType::kOrganization, {}},
    {"Sony", EntityType::kOrganization, {}},
    {"Huawei", EntityType::kOrganization, {}},
    {"Xiaomi", EntityType::kOrganization, {}},
    {"Alibaba", EntityType::kOrganization, {}},
    {"Tencent", EntityType::kOrganization, {}},
    {"Baidu", EntityType::kOrganization, {}},
    {"Oracle", EntityType::kOrganization, {}},
    {"Cisco", EntityType::kOrganization, {}},
    {"Adobe", EntityType::kOrganization, {}},
    {"PayPal", EntityType::kOrganization, {}},
    {"eBay", EntityType::kOrganization, {}},
    {"LinkedIn", EntityType::kOrganization, {}},
    {"SpaceX", EntityType::kOrganization, {}},
    {"OpenAI", EntityType::kOrganization, {}},
    {"Yahoo", EntityType::kOrganization, {}},
    {"Nokia", EntityType::kOrganization, {}},
    {"Ericsson", EntityType::kOrganization, {}},
    {"Siemens", EntityType::kOrganization, {}},
    {"Philips", EntityType::kOrganization, {}},
    {"Tesla", EntityType::kOrganization, {}},
    {"Toyota", EntityType::kOrganization, {}},
    {"Volkswagen", EntityType::kOrganization, {}},
    {"BMW", EntityType::kOrganization, {}},
    {"Honda", EntityType::kOrganization, {}},
    {"Nissan", EntityType::kOrganization, {}},
    {"Hyundai", EntityType::kOrganization, {}},
    {"Renault", EntityType::kOrganization, {}},
    {"Peugeot", EntityType::kOrganization, {}},
    {"Fiat", EntityType::kOrganization, {}},
    {"Chrysler", EntityType::kOrganization, {}},
    {"Daimler", EntityType::kOrganization, {}},
    {"Volvo", EntityType::kOrganization, {}},
    {"Porsche", EntityType::kOrganization, {}},
    {"Ferrari", EntityType::kOrganization, {}},
    {"Boeing", EntityType::kOrganization, {}},
    {"Airbus", EntityType::kOrganization, {}},
    {"Embraer", EntityType::kOrganization, {}},
    {"Bombardier", EntityType::kOrganization, {}},
    {"Rolls-Royce", EntityType::kOrganization, {}},
    {"Qantas", EntityType::kOrganization, {}},
    {"Lufthansa", EntityType::kOrganization, {}},
    {"Ryanair", EntityType::kOrganization, {}},
    {"easyJet", EntityType::kOrganization, {}},
    {"KLM", EntityType::kOrganization, {}},
    {"Aeroflot", EntityType::kOrganization, {}},
    {"Germanwings", EntityType::kOrganization, {}},
    {"JPMorgan", EntityType::kOrganization, {}},
    {"Citigroup", EntityType::kOrganization, {}},
    {"HSBC", EntityType::kOrganization, {}},
    {"Barclays", EntityType::kOrganization, {}},
    {"UBS", EntityType::kOrganization, {}},
    {"BlackRock", EntityType::kOrganization, {}},
    {"Mastercard", EntityType::kOrganization, {}},
    {"Walmart", EntityType::kOrganization, {}},
    {"IKEA", EntityType::kOrganization, {}},
    {"Nestlé", EntityType::kOrganization, {}},
    {"Unilever", EntityType::kOrganization, {}},
    {"Coca-Cola", EntityType::kOrganization, {}},
    {"PepsiCo", EntityType::kOrganization, {}},
    {"McDonald's", EntityType::kOrganization, {}},
    {"Starbucks", EntityType::kOrganization, {}},
    {"Pfizer", EntityType::kOrganization, {}},
    {"Moderna", EntityType::kOrganization, {}},
    {"BioNTech", EntityType::kOrganization, {}},
    {"AstraZeneca", EntityType::kOrganization, {}},
    {"Bayer", EntityType::kOrganization, {}},
    {"Novartis", EntityType::kOrganization, {}},
    {"Roche", EntityType::kOrganization, {}},
    {"ExxonMobil", EntityType::kOrganization, {}},
    {"Chevron", EntityType::kOrganization, {}},
    {"Gazprom", EntityType::kOrganization, {}},
    {"Rosneft", EntityType::kOrganization, {}},
    {"Aramco", EntityType::kOrganization, {}},
    {"Glencore", EntityType::kOrganization, {}},
    {"Disney", EntityType::kOrganization, {}},
    {"Nintendo", EntityType::kOrganization, {}},
    {"CNN", EntityType::kOrganization, {}},
    {"Bloomberg", EntityType::kOrganization, {}},
    {"AFP", EntityType::kOrganization, {}},
    {"TASS", EntityType::kOrganization, {}},
    {"Interfax", EntityType::kOrganization, {}},
    {"Yonhap", EntityType::kOrganization, {}},
    {"NHK", EntityType::kOrganization, {}},
    {"Kyodo", EntityType::kOrganization, {}},
    {"FIFA", EntityType::kOrganization, {}},
    {"UEFA", EntityType::kOrganization, {}},
    {"Wikimedia", EntityType::kOrganization, {}},
    {"Wikinews", EntityType::kOrganization, {}},
    {"Europol", EntityType::kOrganization, {}},
    {"Frontex", EntityType::kOrganization, {}},
    {"Hamas", EntityType::kOrganization, {}},
    {"Hezbollah", EntityType::kOrganization, {}},
    {"Taliban", EntityType::kOrganization, {}},
    {"Goldman Sachs", EntityType::kOrganization, {}},
    {"Morgan Stanley", EntityType::kOrganization, {}},
    {"Lockheed Martin", EntityType::kOrganization, {}},
    {"General Motors", EntityType::kOrganization, {"GM"}},
    {"Al Jazeera", EntityType::kOrganization, {}},
    {"Human Rights Watch", EntityType::kOrganization, {}},
    {"Amnesty International", EntityType::kOrganization, {}},
    {"Red Cross", EntityType::kOrganization, {}},
    {"World Bank", EntityType::kOrganization, {}},
    {"Islamic State", EntityType::kOrganization, {"ISIS", "ISIL"}},
    {"International Olympic Committee", EntityType::kOrganization, {"IOC"}},
    {"Sky News", EntityType::kOrganization, {}},
    {"Fox News", EntityType::kOrganization, {}},
    {"Johnson & Johnson", EntityType::kOrganization, {}},
    {"Russia", EntityType::kPlace, {}},
    {"United States",
     EntityType::kPlace,
     {"U.S.", "US", "USA", "United States of America", "America"}},
};

const KnownName* FindKnown(const std::string& name) {
  for (const KnownName& k : kKnownNames) {
    if (name == k.name) return &k;
    for (const char* a : k.aliases)
      if (a && name == a) return &k;
  }
  return nullptr;
}

std::vector<std::string> Words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

}  // namespace

bool IsSmallWord(const std::string& w) {
  return w == "of" || w == "the" || w == "and" || w == "for" || w == "on" || w == "de" ||
         w == "&";
}

EntityCatalog::~EntityCatalog() = default;

Result<std::unique_ptr<EntityCatalog>> EntityCatalog::Load(const std::string& wordnet_dir) {
  Result<std::unique_ptr<WordNet>> wn = WordNet::Load(wordnet_dir);
  if (!wn.ok()) return wn.status();
  std::unique_ptr<EntityCatalog> c(new EntityCatalog());
  c->wordnet_ = std::move(*wn);
  return c;
}

bool EntityCatalog::IsKnown(const std::string& name) const {
  return FindKnown(name) != nullptr || !wordnet_->Synsets(name).empty();
}

bool EntityCatalog::IsPersonNoun(const std::string& lemma) const {
  std::vector<WordNetSynset> senses = wordnet_->Synsets(lemma);
  if (!senses.empty()) return senses[0].lex_file == kNounPerson;
  // "co-founder", "ex-husband", "vice-chairman": WordNet writes some
  // without the hyphen ("cofounder"), others not at all; the noun after
  // the prefix says what kind of person.
  for (std::string_view prefix : {"co-", "ex-", "vice-"}) {
    if (lemma.size() <= prefix.size() || lemma.compare(0, prefix.size(), prefix) != 0) continue;
    std::string rest = lemma.substr(prefix.size());
    std::string bare(prefix.substr(0, prefix.size() - 1));
    return IsPersonNoun(bare + rest) || IsPersonNoun(bare + " " + rest) || IsPersonNoun(rest);
  }
  return false;
}

bool EntityCatalog::CanBePersonNoun(const std::string& lemma) const {
  if (IsPersonNoun(lemma)) return true;
  for (const WordNetSynset& sense : wordnet_->Synsets(lemma))
    if (sense.lex_file == kNounPerson) return true;
  return false;
}

bool EntityCatalog::IsFieldNoun(const std::string& lemma) const {
  std::vector<WordNetSynset> senses = wordnet_->Synsets(lemma);
  return !senses.empty() && senses[0].lex_file == kNounCognition;
}

bool EntityCatalog::IsOnlyPersonNoun(const std::string& lemma) const {
  std::vector<WordNetSynset> senses = wordnet_->Synsets(lemma);
  if (senses.empty()) return false;
  for (const WordNetSynset& s : senses)
    if (s.lex_file != kNounPerson) return false;
  return true;
}

bool EntityCatalog::IsActivityNoun(const std::string& lemma) const {
  std::vector<WordNetSynset> senses = wordnet_->Synsets(lemma);
  return !senses.empty() && senses[0].lex_file == kNounAct;
}

std::optional<EntityType> EntityCatalog::KindOfNoun(const std::string& lemma) const {
  std::vector<WordNetSynset> senses = wordnet_->Synsets(lemma);
  if (senses.empty()) return std::nullopt;
  switch (senses[0].lex_file) {
    case kNounPerson: return EntityType::kPerson;
    case kNounGroup: return EntityType::kOrganization;
    case kNounLocation: return EntityType::kPlace;
    case kNounArtifact:
    case kNounCommunication: return EntityType::kProduct;
    default: return std::nullopt;
  }
}

bool EntityCatalog::IsCity(const std::string& name) const {
  std::vector<WordNetSynset> senses = wordnet_->Synsets(name);
  // Up the instance and kind links of the first two senses, a few steps:
  // Kabul -> national capital -> capital -> city. (Not a city-state,
  // whose other sense is a country: Singapore.)
  bool city = false;
  for (size_t sense = 0; sense < senses.size() && sense < 2; ++sense) {
    std::vector<uint32_t> frontier = senses[sense].instance_of;
    for (int depth = 0; depth < 4 && !frontier.empty(); ++depth) {
      std::vector<uint32_t> next;
      for (uint32_t offset : frontier) {
        WordNetSynset up = wordnet_->SynsetAt(offset);
        for (const std::string& w : up.words) {
          if (w == "country" || w == "nation" || w == "state") return false;
          city |= sense == 0 && (w == "city" || w == "town" || w == "metropolis");
        }
        next.insert(next.end(), up.hypernyms.begin(), up.hypernyms.end());
      }
      frontier = std::move(next);
    }
  }
  return city;
}

EntityType EntityCatalog::KnownType(const std::string& name) const {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = type_cache_.find(name);
    if (it != type_cache_.end()) return it->second;
  }
  EntityType t = KnownTypeUncached(name);
  std::lock_guard<std::mutex> lock(mu_);
  if (type_cache_.size() > 200000) type_cache_.clear();
  type_cache_.emplace(name, t);
  return t;
}

std::string EntityCatalog::CanonicalName(const std::string& name) const {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = canonical_cache_.find(name);
    if (it != canonical_cache_.end()) return it->second;
  }
  std::string c = CanonicalNameUncached(name);
  std::lock_guard<std::mutex> lock(mu_);
  if (canonical_cache_.size() > 200000) canonical_cache_.clear();
  canonical_cache_.emplace(name, c);
  return c;
}

EntityType EntityCatalog::KnownTypeUncached(const std::string& name) const {
  if (const KnownName* k = FindKnown(name)) return k->type;
  // Only capitalized names ask WordNet (so "service" is not typed).
  if (name.empty() || !std::isupper(static_cast<unsigned char>(name[0]))) return EntityType::kOther;
  // A name is only the senses WordNet writes that way: "FBI", but not the
  // "dab" (a small amount) of the party "DAB"; "Paris", but not the
  // "twitter" (a bird's chirps, an event) of "Twitter".
  std::vector<WordNetSynset> senses = wordnet_->Synsets(name);
  // (WordNet writes names without accents: "Brasília" is its "Brasilia".)
  const std::string written = text::StripAccents(name);
  auto written_so = [&](const WordNetSynset& sense) {
    return std::find(sense.words.begin(), sense.words.end(), written) != sense.words.end();
  };
  for (size_t i = 0; i < senses.size() && i < 2; ++i) {
    if (!written_so(senses[i])) continue;
    EntityType t = wordnet_->TypeOfSynset(senses[i]);
    if (t == EntityType::kOther) continue;
    // A people's member ("Ottawa": "a member of the Algonquian people")
    // yields to a place or thing of the name among the first three senses
    // (the Canadian capital).
    if (t == EntityType::kPerson && senses[i].instance_of.empty()) {
      for (size_t k = i + 1; k < senses.size() && k < 3; ++k) {
        if (senses[k].instance_of.empty() || !written_so(senses[k])) continue;
        EntityType named = wordnet_->TypeOfSynset(senses[k]);
        if (named != EntityType::kOther) return named;
      }
    }
    return t;
  }
  return EntityType::kOther;
}

std::string EntityCatalog::CanonicalNameUncached(const std::string& name) const {
  if (const KnownName* k = FindKnown(name)) return k->name;
  // "St Jerome", as British English writes it, is WordNet's "St. Jerome".
  if (name.size() > 4 && name.compare(0, 3, "St ") == 0 && std::isupper(static_cast<unsigned char>(name[3]))) {
    std::string dotted = "St. " + name.substr(3);
    std::string canonical = CanonicalNameUncached(dotted);
    if (canonical != dotted) return canonical;
  }
  // A name stays a name: never "VIP" -> "very important person".
  auto proper = [](const std::string& w) {
    return !w.empty() && std::isupper(static_cast<unsigned char>(w[0]));
  };
  std::vector<WordNetSynset> senses = wordnet_->Synsets(name);
  if (senses.empty()) return name;
  // Only the first sense whose words include the name with its capitals.
  const WordNetSynset* sense = nullptr;
  for (const WordNetSynset& s : senses) {
    for (const std::string& w : s.words)
      if (w == name) sense = &s;
    if (sense) break;
  }
  if (!sense) return name;
  std::vector<std::string> words = Words(name);
  if (IsAcronym(name)) {
    // The words it spells, as their own canonical name: "DPRK" and
    // "Democratic People's Republic of Korea" both meet at "North Korea".
    for (const std::string& w : sense->words)
      if (Words(w).size() >= 2 && proper(w) && AcronymMatches(name, w))
        return CanonicalNameUncached(w);
    return name;
  }
  if (words.size() == 1) {
    // A person's last name -> the shortest synonym of two or more words
    // ending with it ("Putin" -> "Vladimir Putin"). Places keep their short
    // name ("Israel", not "State of Israel").
    if (wordnet_->TypeOf(name, 1) != EntityType::kPerson) return name;
    // Only a name WordNet gives one bearer: "Lee" is Robert E. Lee, Spike
    // Lee and five more, so a "Lee" of the text stays Lee.
    int bearers = 0;
    for (const WordNetSynset& s : senses)
      bearers += std::count(s.words.begin(), s.words.end(), name) > 0;
    if (bearers > 1) return name;
    std::string best;
    for (const std::string& w : sense->words) {
      std::vector<std::string> ww = Words(w);
      if (ww.size() >= 2 && proper(w) && ww.back() == name && (best.empty() || w.size() < best.size()))
        best = w;
    }
    return best.empty() ? name : best;
  }
  // A multi-word name: the synset's first multi-word, non-acronym synonym,
  // so "Vladimir Vladimirovich Putin" and "Vladimir Putin" meet; but not
  // the name with a qualifier before it: "Labour Party" of a Hong Kong
  // story is no "British Labour Party".
  for (const std::string& w : sense->words) {
    if (Words(w).size() < 2 || IsAcronym(w) || !proper(w)) continue;
    if (w.size() > name.size() && w.compare(w.size() - name.size() - 1, std::string::npos, " " + name) == 0)
      return name;
    return w;
  }
  return name;
}

bool IsCalendarWord(const std::string& w) {
  static const char* kWords[] = {"January", "February", "March", "April", "May", "June", "July",
                                 "August", "September", "October", "November", "December",
                                 "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                 "Saturday", "Sunday"};
  for (const char* k : kWords)
    if (w == k) return true;
  return false;
}

bool IsPersonTitle(const std::string& w) {
  static const char* kTitles[] = {
      "President",  "president",  "PRESIDENTS",  "Presidents",  "PRESIDENT",    "Mr.",
      "Mrs.",       "Ms.",        "Dr.",         "Mr",          "Mrs",          "Ms",
      "Dr",         "Minister",   "minister",    "Prime",       "Secretary",    "secretary",
      "spokesman",  "Spokesman",  "spokeswoman", "Spokeswoman", "spokesperson", "Spokesperson",
      "Senator",    "Sen.",       "Rep.",        "Gov.",        "Governor",     "Mayor",
      "mayor",      "General",    "Gen.",        "Chancellor",  "King",         "Queen",
      "Prince",     "Pope",       "Chairman",    "chairman",    "Director",     "director",
      "Ambassador", "ambassador", "Judge",       "Justice",     "Premier",      "Foreign",
      "Defense",    "Defence",    "Interior",    "Vice",        "Deputy",       "Sir",
      "Dame",       "Lord",       "Colonel",     "Col.",        "Captain",      "Capt.",
      "Lt.",        "Sgt.",       "Prof.",       "Professor",   "Suspect",      "suspect",
      "Chief",      "CEO",        "Attorney",    "dean",        "leader",       "Leader",
      "former",     "Former",     "press",       "Press",       "State",        "of",
      "MP",         "MEP",        "MLA",         "MSP",         "Congressman",  "Congresswoman",
      "Councillor", "councillor"};
  static const std::unordered_set<std::string_view> kSet(std::begin(kTitles), std::end(kTitles));
  return kSet.count(w) > 0;
}

bool IsNameParticle(const std::string& word) {
  static const std::set<std::string> kParticles = {
      "da",  "de",  "del", "della", "des", "di", "do", "dos", "das", "du",  "van", "von",
      "der", "den", "ter", "la",    "le",  "al", "el", "bin", "ibn", "ben", "y",   "zu"};
  return kParticles.count(word) > 0;
}

bool IsOrganizationHeadWord(const std::string& word) {
  static const std::set<std::string> kLast = {
      "Company", "Corporation", "Corp.", "Corp", "Inc.", "Inc", "Co.", "Group", "AG", "LLC", "Ltd",
      "Ltd.", "plc", "Motors", "Airlines", "Airways", "Bank", "Agency", "Bureau", "Department",
      "Ministry", "University", "Party", "Council", "Committee", "Commission", "Foundation",
      "Institute", "Association", "Holdings", "Industries", "Corps", "Authority", "Navy", "Army",
      "Program", "Programme", "Project", "Society", "College", "Academy", "Trust", "Fund", "Museum",
      "School",
      // Football clubs: "Tottenham Hotspur", "Blackburn Rovers" (not
      // "United": "the United Nations and United States").
      "FC", "AFC", "Hotspur", "Rovers", "Wanderers", "Albion"};
  return kLast.count(word) > 0;
}

bool IsPlaceKindNoun(const std::string& lemma) {
  static const std::set<std::string> kPlaceKinds = {
      "city",   "town",   "village",      "province", "state",    "region",  "country",
      "island", "county", "district",     "municipality", "republic", "kingdom", "territory"};
  return kPlaceKinds.count(lemma) > 0;
}

bool EndsWithOrganizationWord(const std::vector<std::string>& words) {
  if (words.size() < 2) return false;
  if (IsOrganizationHeadWord(words.back())) return true;
  // The head of "X of Y" is X: "University of Sheffield", "Museum of Flight".
  auto of = std::find(words.begin() + 1, words.end(), "of");
  if (of == words.end() || of + 1 == words.end()) return false;
  const std::string& head = *(of - 1);
  return head == "Church" || IsOrganizationHeadWord(head);
}

bool EndsWithPlaceWord(const std::vector<std::string>& words) {
  static const char* kLast[] = {"Road", "Street", "Avenue", "Boulevard", "Highway", "Bridge",
                                "River", "Lake", "Island", "Mountain", "County", "Province",
                                "Airport", "Square", "Valley", "Bay", "Peninsula", "Strait", "Base"};
  if (words.size() < 2) return false;
  for (const char* w : kLast)
    if (words.back() == w) return true;
  return false;
}

EntityType TypeFromCues(const std::vector<std::string>& words, const std::string& title) {
  static const char* kOrg[] = {"Agency", "Service", "Services", "Department", "Bureau",
                               "Committee", "Organization", "Organisation", "Council",
                               "Ministry", "Party", "Company", "Corp.", "Corporation", "Inc.",
                               "University", "Court", "Commission", "Office", "Army", "Police",
                               "Association", "Union", "Bank", "Institute", "Group", "Agency",
                               "Foundation", "Federation", "Parliament", "Congress", "Senate",
                               "Times", "News", "Post", "Channel", "Network", "School",
                               "Airlines", "Club", "League", "Assembly", "Force", "Forces",
                               "Motors", "Industries", "Holdings", "Authority", "Navy"};
  static const char* kLoc[] = {"City", "River", "Road", "Avenue", "Bridge", "Sea", "Mountain", "Mountains", "Province",
                               "Region", "Island", "Islands", "Street", "Lake", "Ocean",
                               "County", "Valley", "Bay", "Airport", "Square", "Republic",
                               "Caucasus", "Desert", "Coast"};
  static const char* kEvent[] = {"Olympics", "Games", "Summit", "War", "Championship", "Cup",
                                 "Marathon", "Festival", "Election", "Conference", "Challenge",
                                 "Fair",     "Tournament", "Expo", "Exhibition"};
  if (!title.empty() && IsPersonTitle(title)) return EntityType::kPerson;
  for (const std::string& w : words) {
    for (const char* c : kOrg)
      if (w == c) return EntityType::kOrganization;
    for (const char* c : kLoc)
      if (w == c) return EntityType::kPlace;
    for (const char* c : kEvent)
      if (w == c) return EntityType::kEvent;
  }
  if (!words.empty() && (words[0] == "Mr." || words[0] == "Mrs." || words[0] == "Ms."))
    return EntityType::kPerson;
  return EntityType::kOther;
}

bool IsAcronym(const std::string& word) {
  int letters = 0;
  for (char c : word) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      ++letters;
    } else if (c == '.' || c == '/' || c == '&') {
      continue;
    } else if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return letters >= 2 && letters <= 6;
}

bool AcronymMatches(const std::string& acronym, const std::string& name) {
  // Letters and numbers: "IE6" spells "Internet Explorer 6", not "Internet
  // Explorer"; a number stands for itself.
  std::string letters;
  for (char c : acronym)
    if (std::isalnum(static_cast<unsigned char>(c))) letters += c;
  std::vector<std::string> words = Words(name);
  // The initials of all words, of all but the small ones, and of the
  // capitalized ones ("For Inspiration and Recognition of Science and
  // Technology": FIRST).
  std::string all, content, capitals;
  for (const std::string& w : words) {
    if (w.empty()) continue;
    bool number = text::IsDigits(w);
    std::string first = number ? w : std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(w[0]))));
    all += first;
    if (!IsSmallWord(w)) content += first;
    if (number || std::isupper(static_cast<unsigned char>(w[0]))) capitals += first;
  }
  return !letters.empty() && std::isalpha(static_cast<unsigned char>(letters[0])) &&
         (letters == all || letters == content || letters == capitals);
}

}  // namespace kg::extract
