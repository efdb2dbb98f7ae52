#include "common/url.h"

#include <cctype>

namespace kg {

std::string NormalizeUrl(std::string_view url) {
  auto trim = [](std::string_view v) {
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
    return v;
  };
  url = trim(url);
  if (url.empty()) return "";
  if (size_t hash = url.find('#'); hash != std::string_view::npos) url = url.substr(0, hash);
  if (size_t scheme = url.find("://"); scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  size_t host_end = url.find_first_of("/?");
  std::string host(url.substr(0, host_end));
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  std::string_view rest = host_end == std::string_view::npos ? "" : url.substr(host_end);
  std::string_view path = rest.substr(0, rest.find('?'));
  std::string_view query = path.size() < rest.size() ? rest.substr(path.size() + 1) : "";
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  std::string kept;  // the query without tracking parameters
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view param = query.substr(0, amp);
    query = amp == std::string_view::npos ? "" : query.substr(amp + 1);
    std::string_view name = param.substr(0, param.find('='));
    if (param.empty() || name.rfind("utm_", 0) == 0 || name == "fbclid" || name == "gclid") continue;
    kept += kept.empty() ? "?" : "&";
    kept += param;
  }
  return host + std::string(path) + kept;
}

}  // namespace kg
