// Symmetric relations; see relations.h.
#include "common/relations.h"

namespace kg {

bool IsSymmetricRelation(const std::string& type) {
  static const char* kSymmetric[] = {
      "speak_with", "meet",         "negotiate_with", "ally_with", "marry",
      "clash_with", "compete_with", "agree_with",     "border",    "exchange_fire_with"};
  for (const char* s : kSymmetric)
    if (type == s) return true;
  return false;
}

}  // namespace kg
