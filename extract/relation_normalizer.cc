// Relation normalization; see relation_normalizer.h.
#include "extract/relation_normalizer.h"

#include <cctype>
#include <set>

namespace kg::extract {
namespace {

std::string LowerAscii(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Synonym -> canonical type. Prepositions stay part of the type, so each
// wording is listed with the preposition it takes.
const std::pair<const char*, const char*> kSynonyms[] = {
    {"phone", "call"},
    {"ring", "call"},
    {"telephone", "call"},
    {"call_by_phone", "call"},
    {"phone_call", "call"},
    // "spoke by phone with Xi Jinping", "talked by telephone with Putin"
    {"speak_phone_with", "call"},
    {"talk_phone_with", "call"},
    {"speak_telephone_with", "call"},
    {"talk_telephone_with", "call"},
    {"talk_with", "speak_with"},
    {"talk_to", "speak_with"},
    {"speak_to", "speak_with"},
    {"confer_with", "speak_with"},
    {"chat_with", "speak_with"},
    {"converse_with", "speak_with"},
    {"hold_talk_with", "speak_with"},
    {"warn", "tip_off"},
    {"alert", "tip_off"},
    {"tip", "tip_off"},
    {"meet_with", "meet"},
    {"hold_meeting_with", "meet"},
    {"criticise", "criticize"},
    {"slam", "criticize"},
    {"blast", "criticize"},
    {"condemn", "condemn"},
    {"denounce", "condemn"},
    {"accuse_of", "accuse"},
    {"charge", "accuse"},
    {"thank_for", "thank"},
    {"scrutinize", "scrutinise"},
    {"investigate", "investigate"},
    {"probe", "investigate"},
    {"help", "help"},
    {"assist", "help"},
    {"aid", "help"},
    {"acquire", "buy"},
    {"purchase", "buy"},
    {"sack", "fire"},
    {"dismiss", "fire"},
    // "was born in Poland": the lemmatizer's "bear".
    {"bear_in", "born_in"},
    {"bear_on", "born_on"},
    {"bear_at", "born_at"},
};

}  // namespace

std::string CanonicalRelation(const std::string& relation_type) {
  for (const auto& [from, to] : kSynonyms)
    if (relation_type == from) return to;
  return relation_type;
}

std::string BondBetween(const std::string& noun_lemma) {
  static const std::set<std::string> kBonds = {
      "deal",   "agreement", "treaty",   "pact",     "accord",       "alliance", "partnership",
      "merger", "war",       "conflict", "dispute",  "rivalry",      "match",    "game",
      "fight",  "battle",    "clash",    "relation", "relationship", "tension",  "tie"};
  if (!kBonds.count(noun_lemma)) return "";
  if (noun_lemma == "clash") return "clash_with";
  return noun_lemma + "_with";
}

std::string ConverseRelation(const std::string& relation_type) {
  if (relation_type == "lose_to" || relation_type == "lose_against") return "defeat";
  return "";
}

std::string ReciprocalRelation(const std::string& verb_lemma) {
  if (verb_lemma == "speak" || verb_lemma == "talk" || verb_lemma == "confer" ||
      verb_lemma == "chat" || verb_lemma == "converse")
    return "speak_with";
  if (verb_lemma == "meet") return "meet";
  if (verb_lemma == "negotiate") return "negotiate_with";
  if (verb_lemma == "clash") return "clash_with";
  return "";
}

namespace {

// Event nouns: the relation each makes, and whether the party after "of" is
// the one it acts on ("the arrest of Ahmed Mohamed").
struct EventNoun {
  const char* noun;
  const char* relation;
  bool acts_on_of;
};
const EventNoun kEventNouns[] = {
    {"call", "call", false},
    {"phone", "call", false},
    {"phonecall", "call", false},
    {"meeting", "meet", false},
    {"summit", "meet", false},
    {"talk", "speak_with", false},
    {"conversation", "speak_with", false},
    {"discussion", "speak_with", false},
    {"letter", "write_to", false},
    {"message", "write_to", false},
    {"visit", "visit", false},
    {"attack", "attack", false},
    {"strike", "attack", false},
    {"acquisition", "buy", true},
    {"purchase", "buy", true},
    {"takeover", "buy", true},
    {"arrest", "arrest", true},
    {"invasion", "invade", true},
    {"assassination", "kill", true},
    {"murder", "kill", true},
    {"killing", "kill", true},
    {"criticism", "criticize", true},
    {"raid", "attack", false},
    {"assault", "attack", false},
    {"offensive", "attack", false},
    {"support", "support", false},
    {"backing", "support", false},
    {"sanction", "sanction", false},
    {"investigation", "investigate", true},
    {"probe", "investigate", false},
    {"victory", "defeat", false},
    {"trip", "travel_to", false},
    {"journey", "travel_to", false},
};

const EventNoun* FindEventNoun(const std::string& noun_lemma) {
  for (const EventNoun& e : kEventNouns)
    if (noun_lemma == e.noun) return &e;
  return nullptr;
}

}  // namespace

std::string NominalEventRelation(const std::string& noun_lemma) {
  const EventNoun* e = FindEventNoun(noun_lemma);
  return e ? e->relation : "";
}

bool NominalEventTakesPartyAfter(const std::string& relation, const std::string& preposition) {
  if (preposition == "to" || preposition == "with") return true;
  // "Hamas's attack on Israel", "sanctions against Russia", "support for
  // Ukraine", "an investigation into Meta", "a victory over Tunisia".
  if (relation == "attack" || relation == "sanction")
    return preposition == "on" || preposition == "against";
  if (relation == "support") return preposition == "for";
  if (relation == "investigate") return preposition == "into";
  // "Sweden's victory over South Korea".
  if (relation == "defeat") return preposition == "over" || preposition == "against";
  return false;
}

bool NominalEventActsOnOf(const std::string& noun_lemma) {
  const EventNoun* e = FindEventNoun(noun_lemma);
  return e && e->acts_on_of;
}

std::string NormalizeRelation(const Sentence& sentence, const std::vector<int>& relation,
                              bool copular) {
  std::string out;
  bool saw_cop = false;
  for (size_t k = 0; k < relation.size(); ++k) {
    int i = relation[k];
    const Token& t = sentence.tokens[i];
    const std::string& d = t.deprel;
    if (d == "aux" || d == "aux:pass" || d == "advmod") continue;
    // "has long blamed" mis-parsed with "has" as the verb: a perfect
    // "have" before a participle is an auxiliary.
    std::string l = LowerAscii(t.lemma);
    if (l == "have" || l == "be") {
      size_t next = k + 1;
      while (next < relation.size() && sentence.tokens[relation[next]].deprel == "advmod") ++next;
      if (next < relation.size() && sentence.tokens[relation[next]].xpos == "VBN") continue;
    }
    if (d == "cop") {
      saw_cop = true;
      continue;
    }
    std::string lemma = LowerAscii(t.lemma.empty() || t.lemma == "_" ? t.form : t.lemma);
    if (lemma == "not" || lemma == "n't" || lemma == "never") continue;
    if (!out.empty()) out += '_';
    out += lemma;
  }
  if (copular || saw_cop) out = out.empty() ? "be" : "be_" + out;
  if (out.empty() && !relation.empty()) {
    out = LowerAscii(sentence.tokens[relation.back()].lemma);
  }
  return out;
}

std::string StripAgentMarker(const std::string& relation_type) {
  const std::string suffix = "_by";
  if (relation_type.size() > suffix.size() &&
      relation_type.compare(relation_type.size() - suffix.size(), suffix.size(), suffix) == 0)
    return relation_type.substr(0, relation_type.size() - suffix.size());
  return relation_type;
}

}  // namespace kg::extract
