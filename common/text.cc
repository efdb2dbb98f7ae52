// Unicode text helpers over ICU; see text.h.
#include "common/text.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace kg::text {
namespace {

icu::UnicodeString FromUtf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string ToUtf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool IsAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

}  // namespace

std::string FoldCase(std::string_view utf8) {
  if (IsAscii(utf8)) {
    // The common case, without a round trip through UTF-16. NFKC_Casefold
    // of ASCII is plain lower case (control characters kept as they are,
    // except the default-ignorable ones ICU removes: none below 0x80).
    std::string out(utf8);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  icu::UnicodeString u = FromUtf8(utf8);
  if (U_FAILURE(status) || nfkc_cf == nullptr) return ToUtf8(u.foldCase());
  icu::UnicodeString folded = nfkc_cf->normalize(u, status);
  if (U_FAILURE(status)) return ToUtf8(u.foldCase());
  return ToUtf8(folded);
}

std::string StripAccents(std::string_view utf8) {
  bool ascii = true;
  for (char c : utf8) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) return std::string(utf8);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status) || nfd == nullptr) return std::string(utf8);
  icu::UnicodeString decomposed = nfd->normalize(FromUtf8(utf8), status);
  if (U_FAILURE(status)) return std::string(utf8);
  icu::UnicodeString out;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) out.append(c);
    i += U16_LENGTH(c);
  }
  return ToUtf8(out);
}

std::string ToUpper(std::string_view utf8) {
  icu::UnicodeString u = FromUtf8(utf8);
  return ToUtf8(u.toUpper(icu::Locale::getRoot()));
}

std::string ToLower(std::string_view utf8) {
  icu::UnicodeString u = FromUtf8(utf8);
  return ToUtf8(u.toLower(icu::Locale::getRoot()));
}

size_t DecodeAt(std::string_view s, size_t i, uint32_t* cp) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  int32_t length = static_cast<int32_t>(s.size());
  int32_t pos = static_cast<int32_t>(i);
  UChar32 c = 0;
  U8_NEXT(bytes, pos, length, c);
  if (c < 0) {
    *cp = 0xFFFD;
    return 1;
  }
  *cp = static_cast<uint32_t>(c);
  return static_cast<size_t>(pos) - i;
}

size_t FindInvalidUtf8(std::string_view utf8) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  int32_t length = static_cast<int32_t>(utf8.size());
  int32_t pos = 0;
  while (pos < length) {
    if (bytes[pos] < 0x80) {
      ++pos;
      continue;
    }
    int32_t start = pos;
    UChar32 c = 0;
    U8_NEXT(bytes, pos, length, c);
    if (c < 0) return static_cast<size_t>(start);
  }
  return std::string_view::npos;
}

std::string ToValidUtf8(std::string_view bytes) {
  if (FindInvalidUtf8(bytes) == std::string_view::npos) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + 8);
  for (size_t i = 0; i < bytes.size();) {
    uint32_t cp = 0;
    size_t n = DecodeAt(bytes, i, &cp);
    if (cp == 0xFFFD && n == 1 && static_cast<unsigned char>(bytes[i]) >= 0x80) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(bytes.substr(i, n));
    }
    i += n;
  }
  return out;
}

size_t CodePointCount(std::string_view utf8) {
  size_t count = 0;
  for (size_t i = 0; i < utf8.size(); ++count) {
    uint32_t cp = 0;
    i += DecodeAt(utf8, i, &cp);
  }
  return count;
}

std::vector<std::string> SpaceSeparatedWords(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    if (j > i) out.emplace_back(text.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool StartsUpper(std::string_view utf8) {
  if (utf8.empty()) return false;
  uint32_t cp = 0;
  DecodeAt(utf8, 0, &cp);
  return u_isupper(static_cast<UChar32>(cp)) || u_istitle(static_cast<UChar32>(cp));
}

bool IsDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

bool IsAllUpper(std::string_view utf8) {
  bool letter = false;
  for (size_t i = 0; i < utf8.size();) {
    uint32_t cp = 0;
    i += DecodeAt(utf8, i, &cp);
    if (u_islower(static_cast<UChar32>(cp))) return false;
    if (u_isalpha(static_cast<UChar32>(cp))) letter = true;
  }
  return letter;
}

std::vector<std::string> FoldedWords(std::string_view utf8) {
  std::string folded = FoldCase(utf8);
  std::vector<std::string> words;
  std::string word;
  for (size_t i = 0; i < folded.size();) {
    uint32_t cp = 0;
    size_t n = DecodeAt(folded, i, &cp);
    auto c = static_cast<UChar32>(cp);
    if (u_isalnum(c) || (!word.empty() && (u_charType(c) == U_NON_SPACING_MARK ||
                                           u_charType(c) == U_COMBINING_SPACING_MARK))) {
      word.append(folded, i, n);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
    i += n;
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace kg::text
