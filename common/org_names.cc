// Organisation name forms; see org_names.h.
#include "common/org_names.h"

#include <vector>

#include "common/text.h"

namespace kg {

std::string StripOrgSuffix(const std::string& name) {
  static const char* kSuffixes[] = {
      "Inc.",    "Inc",   "Incorporated", "Corp.", "Corp",   "Corporation", "Co.",     "Co",
      "Company", "Group", "AG",           "LLC",   "L.L.C.", "Ltd.",        "Ltd",     "Limited",
      "plc",     "PLC",   "S.A.",         "SA",    "N.V.",   "GmbH",        "Holdings"};
  std::vector<std::string> w = text::SpaceSeparatedWords(name);
  while (w.size() >= 2) {
    std::string last = w.back();
    if (!last.empty() && last.back() == ',') last.pop_back();
    bool suffix = false;
    for (const char* s : kSuffixes) suffix |= last == s;
    if (!suffix) break;
    w.pop_back();
    if (!w.empty() && !w.back().empty() && w.back().back() == ',') w.back().pop_back();
  }
  std::string out;
  for (const std::string& x : w) out += (out.empty() ? "" : " ") + x;
  return out.empty() ? name : out;
}

std::string CutOrgQualifier(const std::string& name) {
  std::vector<std::string> w = text::SpaceSeparatedWords(name);
  for (size_t i = 2; i + 1 < w.size(); ++i) {
    if (w[i] != "for" && w[i] != "on" && w[i] != "at") continue;
    bool capitalized = true;
    for (size_t k = 0; k < i; ++k)
      capitalized &= text::StartsUpper(w[k]) || w[k] == "of" || w[k] == "and";
    if (!capitalized || !text::StartsUpper(w[i - 1])) return name;
    std::string out;
    for (size_t k = 0; k < i; ++k) out += (out.empty() ? "" : " ") + w[k];
    return out;
  }
  return name;
}

}  // namespace kg
