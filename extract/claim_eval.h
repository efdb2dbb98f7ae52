// Scores the claims kg extracts between named entities against claims read
// by hand from the same articles (`kg eval claims`; the gold file format is
// described at the top of tests/extract/data/news_claims.tsv).
//
// An extracted claim is between named entities when its subject and its
// object each stand for an entity: are one, or are a value whose words
// mention one (kg links such a value to the entity with a "mentions" claim,
// so that the entity reaches the claim: "John Kerry -contact-> Thailand's
// foreign minister" is a claim between John Kerry and Thailand). Each pair
// of entities so linked counts once. It matches a gold claim of its article
// when
//   - its subject's names (canonical name and the surface forms of its
//     mentions, case-folded) include one of the gold subject's names, and
//     likewise for the object (either way round for a gold relation marked
//     '~');
//   - a word of its relation type or lemma (split at '_') is one of the gold
//     relation's words.
// Recall is the share of gold claims some extracted claim matches; precision
// the share of extracted claims that match a gold claim or an "also" claim
// (correct, but outside the gold scope). Articles are paired with gold claims
// by title.
#pragma once

#include <string>
#include <vector>

#include "common/claim.h"
#include "common/status.h"

namespace kg::extract {

struct GoldClaim {
  bool counts_for_recall = true;  // "gold"; false for "also"
  std::string title;              // the article's title
  std::vector<std::string> subjects, relations, objects;  // folded alternatives
  bool either_direction = false;  // '~' before the relation words
  int line = 0;                   // line in the gold file
  std::string text;               // "subject -relation-> object", as written
};

// Reads a gold file; an error names file:line.
Result<std::vector<GoldClaim>> ReadGoldClaims(const std::string& path);

struct ClaimScores {
  int gold = 0;        // gold claims of the articles scored
  int found = 0;       // of them, matched by an extracted claim
  int extracted = 0;   // extracted claims between named entities
  int correct = 0;     // of them, matching a gold or "also" claim
  int articles = 0;    // articles with gold claims that were scored
  std::vector<std::string> missed;  // "title: gold claim" not found
  std::vector<std::string> wrong;   // "title: extracted claim" matching nothing
  double recall() const { return gold ? 100.0 * found / gold : 0; }
  double precision() const { return extracted ? 100.0 * correct / extracted : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

// Whether `title` has gold claims.
bool HasGoldClaims(const std::vector<GoldClaim>& gold, const std::string& title);

// Adds one article's extraction to `scores` (nothing when no gold claim has
// its title).
void ScoreClaims(const Extraction& extraction, const std::vector<GoldClaim>& gold,
                 ClaimScores* scores);

}  // namespace kg::extract
