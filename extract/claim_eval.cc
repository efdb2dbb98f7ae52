#include "extract/claim_eval.h"

#include <fstream>
#include <set>
#include <sstream>

#include "common/text.h"

namespace kg::extract {
namespace {

// The relation that links a value argument to an entity it mentions.
constexpr const char* kMentionsRelation = "mentions";

// The non-empty, case-folded parts of `field` between `separator`s.
std::vector<std::string> FoldedParts(const std::string& field, char separator) {
  std::vector<std::string> out;
  std::stringstream ss(field);
  std::string part;
  while (std::getline(ss, part, separator))
    if (!part.empty()) out.push_back(text::FoldCase(part));
  return out;
}

// Folded names an entity goes by in this article.
std::set<std::string> NamesOf(const Entity& e) {
  std::set<std::string> names{text::FoldCase(e.name)};
  for (const std::string& a : e.aliases) names.insert(text::FoldCase(a));
  for (const Mention& m : e.mentions) names.insert(text::FoldCase(m.surface));
  return names;
}

bool AnyIn(const std::vector<std::string>& wanted, const std::set<std::string>& have) {
  for (const std::string& w : wanted)
    if (have.count(w)) return true;
  return false;
}

bool Matches(const GoldClaim& g, const std::set<std::string>& subject,
             const std::set<std::string>& object, const std::set<std::string>& relation_words) {
  if (!AnyIn(g.relations, relation_words)) return false;
  if (AnyIn(g.subjects, subject) && AnyIn(g.objects, object)) return true;
  return g.either_direction && AnyIn(g.subjects, object) && AnyIn(g.objects, subject);
}

}  // namespace

Result<std::vector<GoldClaim>> ReadGoldClaims(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot read the gold claims");
  std::vector<GoldClaim> out;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, '\t')) f.push_back(field);
    std::string where = path + ":" + std::to_string(number) + ": ";
    if (f.size() != 5)
      return Status::InvalidArgument(where + "expected 5 tab-separated fields (kind, title, subject, "
                                     "relation words, object), found " + std::to_string(f.size()));
    if (f[0] != "gold" && f[0] != "also")
      return Status::InvalidArgument(where + "kind must be gold or also, not '" + f[0] + "'");
    GoldClaim g;
    g.counts_for_recall = f[0] == "gold";
    g.title = f[1];
    g.subjects = FoldedParts(f[2], '|');
    std::string relations = f[3];
    if (!relations.empty() && relations[0] == '~') {
      g.either_direction = true;
      relations.erase(0, 1);
    }
    g.relations = FoldedParts(relations, '|');
    g.objects = FoldedParts(f[4], '|');
    if (g.subjects.empty() || g.relations.empty() || g.objects.empty())
      return Status::InvalidArgument(where + "empty subject, relation or object");
    g.line = number;
    g.text = f[2] + " -" + f[3] + "-> " + f[4];
    out.push_back(std::move(g));
  }
  return out;
}

bool HasGoldClaims(const std::vector<GoldClaim>& gold, const std::string& title) {
  for (const GoldClaim& g : gold)
    if (g.title == title) return true;
  return false;
}

void ScoreClaims(const Extraction& x, const std::vector<GoldClaim>& gold, ClaimScores* scores) {
  const std::string& title = x.document.title;
  std::vector<const GoldClaim*> mine;
  for (const GoldClaim& g : gold)
    if (g.title == title) mine.push_back(&g);
  if (mine.empty()) return;
  ++scores->articles;
  std::vector<std::set<std::string>> names;
  for (const Entity& e : x.entities) names.push_back(NamesOf(e));
  // The entities each argument stands for: an entity itself, or the
  // entities a value argument mentions ("Thailand's foreign minister").
  std::vector<std::vector<int>> stands_for(x.entities.size());
  for (size_t i = 0; i < x.entities.size(); ++i)
    if (x.entities[i].type != EntityType::kValue) stands_for[i].push_back(static_cast<int>(i));
  for (const Claim& c : x.claims)
    if (c.relation == kMentionsRelation && c.subject >= 0 && c.object >= 0 &&
        x.entities[c.object].type != EntityType::kValue)
      stands_for[c.subject].push_back(c.object);
  std::vector<bool> found(mine.size(), false);
  std::set<std::string> seen;  // one count per distinct claim of the article
  for (const Claim& c : x.claims) {
    if (c.subject < 0 || c.object < 0 || c.relation == kMentionsRelation) continue;
    std::set<std::string> words;
    for (const std::string& r : {c.relation, c.relation_lemma})
      for (std::string& w : FoldedParts(r, '_')) words.insert(std::move(w));
    for (int subject : stands_for[c.subject]) {
      for (int object : stands_for[c.object]) {
        if (subject == object) continue;
        const Entity& s = x.entities[subject];
        const Entity& o = x.entities[object];
        if (!seen.insert(s.name + "\t" + c.relation + "\t" + o.name).second) continue;
        bool correct = false;
        for (size_t i = 0; i < mine.size(); ++i) {
          if (!Matches(*mine[i], names[subject], names[object], words)) continue;
          correct = true;
          if (mine[i]->counts_for_recall) found[i] = true;
        }
        ++scores->extracted;
        if (correct)
          ++scores->correct;
        else
          scores->wrong.push_back(title + ": " + s.name + " -" + c.relation + "-> " + o.name);
      }
    }
  }
  for (size_t i = 0; i < mine.size(); ++i) {
    if (!mine[i]->counts_for_recall) continue;
    ++scores->gold;
    if (found[i])
      ++scores->found;
    else
      scores->missed.push_back(title + ": " + mine[i]->text);
  }
}

}  // namespace kg::extract
