// Boilerplate removal; see boilerplate.h.
#include "extract/boilerplate.h"

#include <cctype>
#include <vector>

namespace kg::extract {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

size_t Count(std::string_view s, std::string_view needle) {
  size_t n = 0;
  for (size_t pos = s.find(needle); pos != std::string_view::npos; pos = s.find(needle, pos + 1))
    ++n;
  return n;
}

}  // namespace

bool IsBoilerplateLine(std::string_view raw) {
  std::string_view line = Trim(raw);
  if (line.empty()) return false;
  static const std::string_view kExact[] = {
      "Accessibility links", "Breaking News", "Off the wire", "Skip to main content",
      "Share",               "Tweet",         "Email",        "Print",
      "Comments",            "Advertisement", "Related",      "Share this article",
      "Follow us",           "Menu",          "Search",       "Home"};
  for (std::string_view e : kExact)
    if (line == e) return true;
  static const std::string_view kPrefixes[] = {"More In:", "You are here:", "Off the wire",
                                               "Related:", "Read more:", "Share on ",
                                               "Follow us on", "Sign up for", "Subscribe to",
                                               "Click here", "With reporting by"};
  for (std::string_view p : kPrefixes)
    if (StartsWith(line, p)) return true;
  if (line.find("Adjust font size") != std::string_view::npos) return true;
  // A wiki's category line: "Categories: August 15, 2008 Canada Published".
  if (StartsWith(line, "Categories:")) return true;
  // A list of sources: "\"Document found on street\" \xE2\x80\x94 The Canadian
  // Press, August 15, 2008": a quoted title, a dash, a publisher and a year.
  bool quoted_title = line.find("\" \xE2\x80\x94 ") != std::string_view::npos ||
                      line.find("\xE2\x80\x9D \xE2\x80\x94 ") != std::string_view::npos;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  bool ends_with_year = line.size() >= 4 && digit(line[line.size() - 1]) && digit(line[line.size() - 2]) &&
                        digit(line[line.size() - 3]) && digit(line[line.size() - 4]);
  if (quoted_title && ends_with_year && line.size() < 300) return true;
  // Tickers of other headlines: "A  • B  • C".
  if (Count(line, "\xE2\x80\xA2") >= 2) return true;  // U+2022 BULLET
  if (StartsWith(line, "\xE2\x80\xA2")) return true;
  // Menus: "World | International | News"; weather widgets "| 8°C Dublin".
  if (StartsWith(line, "|")) return true;
  if (Count(line, " | ") >= 2 && line.size() < 120) return true;
  // Image labels: "16x9 Image".
  if (line.size() < 24 && line.find("Image") != std::string_view::npos) return true;
  return false;
}

std::string StripBoilerplate(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::string_view last_kept;
  bool just_removed = false;
  auto ends_paragraph = [&] {
    return out.empty() || (out.size() >= 2 && out[out.size() - 1] == '\n' &&
                           out[out.size() - 2] == '\n');
  };
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view with_nl = text.substr(pos, end - pos);
    std::string_view line = Trim(with_nl);
    pos = end;
    if (line.empty()) {
      // Blank lines left behind by a removed line do not pile up.
      if (just_removed && ends_paragraph()) continue;
      out.append(with_nl);
      continue;
    }
    if (IsBoilerplateLine(line) || line == last_kept) {  // noise, repeated caption
      just_removed = true;
      continue;
    }
    just_removed = false;
    last_kept = line;
    out.append(with_nl);
  }
  return out;
}

}  // namespace kg::extract
