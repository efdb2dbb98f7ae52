// Relations that hold both ways: "Obama spoke with Putin" is "Putin spoke
// with Obama". kg stores such a claim once (subject and object in name
// order; extract/openie_extractor.cc) and a directed query pattern matches
// it in either direction (query-lang/matcher.cc). One list, here, for both.
#pragma once

#include <string>

namespace kg {

// Whether the canonical relation type `type` is symmetric (speak_with,
// meet, negotiate_with...).
bool IsSymmetricRelation(const std::string& type);

}  // namespace kg
