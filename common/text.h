// Text: the one place kg compares, folds, cases and checks Unicode text.
//
// Everything here is UTF-8 in, UTF-8 out, and goes through ICU, so names
// compare the way people read them: "ERDOĞAN" and "Erdoğan" fold to the same
// key, "Straße" matches "STRASSE", and a composed "é" matches "e" + U+0301.
// Every module that needs one of these asks here instead of writing its own
// byte loop.
//
//   kg::text::FoldCase("ERDOĞAN") == kg::text::FoldCase("Erdoğan")   // true
//   kg::text::FindInvalidUtf8("ok\xff")                               // 2
//
// All functions are thread-safe and never throw. Invalid UTF-8 input is
// tolerated: each bad byte is treated as U+FFFD.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kg::text {

// The key names are compared by: NFKC normalization, full Unicode case
// folding and removal of default-ignorable code points (ICU's
// NFKC_Casefold). Case-insensitive, width-insensitive, composition-
// insensitive; accents are kept ("Köln" != "Koln").
std::string FoldCase(std::string_view utf8);

// The text without its accents and other combining marks (canonical
// decomposition, then the non-spacing marks dropped): "Brasília" ->
// "Brasilia", "Łódź" -> "Łodz" (a stroke is part of its letter). For
// looking words up in ASCII lexicons such as WordNet; names keep their
// accents everywhere else.
std::string StripAccents(std::string_view utf8);

// Full, locale-independent case mappings ("straße" -> "STRASSE").
std::string ToUpper(std::string_view utf8);
std::string ToLower(std::string_view utf8);

// Byte offset of the first ill-formed UTF-8 sequence (overlong forms,
// surrogates, code points above U+10FFFF and truncated sequences included),
// or std::string_view::npos when `utf8` is well-formed.
size_t FindInvalidUtf8(std::string_view utf8);

// `bytes` with every ill-formed sequence replaced by U+FFFD (for output
// formats that reject bad bytes: JSON, XML, DOT).
std::string ToValidUtf8(std::string_view bytes);

// Decodes the code point at byte `i` of `s` into `cp`; returns the number of
// bytes it takes (>= 1). An ill-formed sequence gives U+FFFD and 1.
size_t DecodeAt(std::string_view s, size_t i, uint32_t* cp);

// Number of code points (ill-formed bytes count one each).
size_t CodePointCount(std::string_view utf8);

// Whether the first code point is an upper-case or title-case letter
// ("Élysée" yes, "élan" no, "1st" no).
bool StartsUpper(std::string_view utf8);

// Whether the text is one or more ASCII digits ("777", "135"; not "", "6a").
bool IsDigits(std::string_view text);

// Whether the text has at least one letter and no lower-case letter ("FBI",
// "U.S." yes; "Fbi", "1990" no).
bool IsAllUpper(std::string_view utf8);

// The words of a text as compared for identity and near-copies: case-folded
// (FoldCase) runs of letters, digits and combining marks; everything else
// (spaces, punctuation, quotes of any style) only separates words.
// "Russia's  “tip-off”" -> {"russia", "s", "tip", "off"}.
std::vector<std::string> FoldedWords(std::string_view utf8);

// The words of a name as written, split at spaces ("General Motors Corp."
// -> {"General", "Motors", "Corp."}); runs of spaces give no empty word.
std::vector<std::string> SpaceSeparatedWords(std::string_view text);

}  // namespace kg::text
