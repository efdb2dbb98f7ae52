// Url: how kg compares urls when it identifies documents.
//
// A document with a url is identified by its normalised url
// (extract::DocumentId), the store indexes documents by it (storage/keys.h,
// doc_keys), and a query's (:Document {url: ...}) is compared through it:
// one function, so the three always agree.
//
//   kg::NormalizeUrl("HTTPS://www.Example.com/a/b/?utm_source=x#top") == "example.com/a/b"
//
// Thread-safe; never throws.
#pragma once

#include <string>
#include <string_view>

namespace kg {

// The url as compared for identity: no scheme ("http" = "https"), host in
// lower case without "www.", no fragment, no tracking parameters (utm_*,
// fbclid, gclid), no trailing slash; the path and the other parameters as
// written (case kept). "" when `url` is empty or only spaces.
std::string NormalizeUrl(std::string_view url);

}  // namespace kg
