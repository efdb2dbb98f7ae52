// Organisation name forms shared by within-document resolution (extract/)
// and cross-document matching (graph/): one owner for "which shorter name
// of an organisation is the same organisation".
#pragma once

#include <string>

namespace kg {

// "Apple Inc." -> "Apple", "General Motors Corp." -> "General Motors",
// "Volkswagen AG" -> "Volkswagen"; unchanged when the name has no such
// suffix or is nothing but one.
std::string StripOrgSuffix(const std::string& name);

// "Andy Warhol Foundation for the Visual Arts" -> "Andy Warhol Foundation",
// "University of North Carolina at Greensboro" -> "University of North
// Carolina": an organisation's name cut before the "for", "on" or "at"
// part that qualifies it, when two capitalized words or more come before
// it; unchanged otherwise. Two stored names that cut to the same one make
// the short name ambiguous (FindEntity then joins neither).
std::string CutOrgQualifier(const std::string& name);

}  // namespace kg
