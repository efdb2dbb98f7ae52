// Symmetric relations; see relations.h.
#include "common/relations.h"

namespace kg {

bool IsSymmetricRelation(const std::string& type) {
  static const char* kSymmetric[] = {
      "speak_with", "meet", "negotiate_with", "ally_with", "marry", "clash_with", "compete_with",
      "agree_with", "border", "exchange_fire_with",
      // Bonds "between" two names (extract's BondBetween).
      "deal_with", "agreement_with", "treaty_with", "pact_with", "accord_with", "alliance_with",
      "partnership_with", "merger_with", "war_with", "conflict_with", "dispute_with",
      "rivalry_with", "match_with", "game_with", "fight_with", "battle_with", "relation_with",
      "relationship_with", "tension_with", "tie_with"};
  for (const char* s : kSymmetric)
    if (type == s) return true;
  return false;
}

}  // namespace kg
