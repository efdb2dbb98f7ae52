// Boilerplate removal: the navigation, share bars, headline tickers and
// repeated photo captions that page scrapes carry around an article.
//
// Works line by line on plain text (the reader has already turned HTML into
// text with one block per line). The seeds show the noise: "Accessibility
// links", "Breaking News", "Off the wire" followed by a "•"-separated ticker
// of other headlines, "More In: World | International | News", "You are
// here: Home", "Adjust font size:", a caption line repeated twice, weather
// widgets ("| 8°C Dublin"), image labels ("16x9 Image").
#pragma once

#include <string>
#include <string_view>

namespace kg::extract {

// Whether `line` (without its newline) is navigation or page furniture.
bool IsBoilerplateLine(std::string_view line);

// `text` without boilerplate lines; a line equal to the line just before it
// (ignoring blank lines between) is dropped as a repeated caption. Other
// lines are kept byte for byte, with their newlines; blank lines are kept
// as they were, except those a removed line leaves at the start of the text
// or after a paragraph break, so paragraphs stay paragraphs.
std::string StripBoilerplate(std::string_view text);

}  // namespace kg::extract
