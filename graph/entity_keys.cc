// Entity keys; see entity_keys.h.
#include "graph/entity_keys.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "common/org_names.h"
#include "common/text.h"

namespace kg::graph {
namespace {

bool IsPronoun(const std::string& folded) {
  static const char* kPronouns[] = {"he", "him", "his", "she", "her", "hers", "it", "its",
                                    "they", "them", "their", "himself", "herself", "itself"};
  for (const char* p : kPronouns)
    if (folded == p) return true;
  return false;
}


// "FBI", "U.S.", "GM": two or more capitals, nothing lower case.
bool IsAcronymForm(const std::string& s) {
  int caps = 0;
  for (unsigned char c : s) {
    if (std::islower(c)) return false;
    caps += std::isupper(c) != 0;
  }
  return caps >= 2;
}

}  // namespace

std::vector<std::string> EntityAliases(const std::string& name, EntityType type,
                                       const std::vector<std::string>& surfaces) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& alias) {
    if (alias.empty()) return;
    std::string folded = text::FoldCase(alias);
    if (!seen.insert(folded).second) return;
    out.push_back(alias);
  };
  add(name);
  std::vector<std::string> forms{name};
  for (const std::string& s : surfaces) {
    if (s.empty() || IsPronoun(text::FoldCase(s)) || !text::StartsUpper(s)) continue;
    // "The two leaders", "Both sides": a group mention, not a name.
    std::string first = text::FoldCase(s.substr(0, s.find(' ')));
    if (first == "the" || first == "both" || first == "a" || first == "an") continue;
    // One word is an alias when it is a word of the name ("Putin") or an
    // acronym ("FBI", "U.S."); another word ("State" for Tuscany, from "the
    // State") is a description that referred back to the entity, not a name.
    if (s.find(' ') == std::string::npos && !IsAcronymForm(s)) {
      bool in_name = false;
      for (const std::string& w : text::SpaceSeparatedWords(name))
        in_name |= text::FoldCase(w) == text::FoldCase(s);
      if (!in_name) continue;
    }
    forms.push_back(s);
  }
  for (const std::string& f : forms) {
    add(f);
    if (type != EntityType::kPerson && type != EntityType::kPlace) add(StripOrgSuffix(f));
  }
  if (type == EntityType::kPerson) {
    std::vector<std::string> w = text::SpaceSeparatedWords(name);
    if (w.size() >= 2 && text::StartsUpper(w.back())) add(w.back());
  }
  return out;
}

std::vector<std::string> EntityAliases(const std::string& name, EntityType type,
                                       const std::vector<std::string>& surfaces,
                                       const std::vector<std::string>& given) {
  std::vector<std::string> out = EntityAliases(name, type, surfaces);
  std::set<std::string> seen;
  for (const std::string& a : out) seen.insert(text::FoldCase(a));
  for (const std::string& g : given)
    if (!g.empty() && seen.insert(text::FoldCase(g)).second) out.push_back(g);
  return out;
}

bool IsCurationDocument(const std::string& document) { return document.rfind("curation:", 0) == 0; }

bool TypesCompatible(EntityType a, EntityType b) {
  if (a == b || a == EntityType::kOther || b == EntityType::kOther) return true;
  if (a == EntityType::kPerson || b == EntityType::kPerson) return false;
  if (a == EntityType::kEvent || b == EntityType::kEvent) return false;
  return true;  // organisations, places and products are often the same name's senses
}

StoredEntity StoredEntityOf(const Properties& properties) {
  StoredEntity out;
  if (auto p = properties.find("name"); p != properties.end())
    if (auto* s = std::get_if<std::string>(&p->second.value)) out.name = *s;
  if (auto p = properties.find("type"); p != properties.end())
    if (auto* s = std::get_if<std::string>(&p->second.value))
      for (EntityType t : {EntityType::kPerson, EntityType::kOrganization, EntityType::kPlace,
                           EntityType::kEvent, EntityType::kProduct, EntityType::kOther,
                           EntityType::kValue})
        if (*s == EntityTypeName(t)) out.type = t;
  return out;
}

int KeyRank(const std::string& candidate_name, const std::string& folded_key) {
  if (text::FoldCase(candidate_name) == folded_key) return 3;
  if (text::FoldCase(StripOrgSuffix(candidate_name)) == folded_key) return 2;
  if (text::FoldCase(CutOrgQualifier(candidate_name)) == folded_key) return 2;
  return 1;
}

Result<std::vector<std::string>> AliasesOf(const Graph& graph, uint64_t node) {
  Result<NodeRecord> rec = graph.GetNode(node);
  if (!rec.ok()) return rec.status();
  if (std::find(rec->labels.begin(), rec->labels.end(), "Entity") == rec->labels.end())
    return std::vector<std::string>{};
  StoredEntity entity = StoredEntityOf(rec->properties);
  Result<std::vector<MentionRecord>> mentions = graph.NodeMentions(node);
  if (!mentions.ok()) return mentions.status();
  std::vector<std::string> surfaces, given;
  for (const MentionRecord& m : *mentions) (IsCurationDocument(m.document_id) ? given : surfaces).push_back(m.surface);
  return EntityAliases(entity.name, entity.type, surfaces, given);
}

}  // namespace kg::graph
