// Reader: turns input files into kg::Documents, with clear errors for bad
// input.
//
// Accepted inputs: plain text (.txt and any other extension that is valid
// UTF-8 text), HTML (.html/.htm: title, published date, byline and publisher
// from the meta tags; navigation, menus, scripts, share bars and lists of
// links dropped), and JSON Lines (.jsonl: one object per line with "text" or
// "html", and optional "id", "url", "title", "published", "publisher"; or
// with "file" instead of "text"/"html": a text or HTML file, relative to the
// .jsonl's folder, read as the reader reads that file, the record's metadata
// over what the file gives, its source the file: metadata for files kept
// apart, as examples/seeds.jsonl gives the seeds theirs).
// Folders are walked recursively in name order (hidden entries skipped).
//
// Every rejection is a Status whose message starts with the file name (and
// file:line:column when a position is known): missing path, binary file,
// invalid UTF-8, empty file, file or line over the size limits, bad JSON.
// A document's id (DocumentId) comes from its url, or from its normalised
// text when it has none, so the same article read twice, as JSON Lines and
// as HTML, or with other spacing, gets the same id and is stored once.
//
//   Reader reader;
//   std::vector<ReadResult> missing;
//   for (const auto& file : reader.Expand(paths, &missing))
//     reader.ReadFile(file, [&](ReadResult r) { ... r.status / r.document ... });
//
// Thread-safety: a const Reader may be used from several threads.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/claim.h"
#include "common/status.h"

namespace kg::extract {

struct ReaderOptions {
  // Files larger than this are rejected without being read (JSON Lines files
  // are read a line at a time and may be of any size).
  uint64_t max_file_bytes = 64ull << 20;
  // A text or JSON Lines file with a longer line is rejected (HTML may have
  // lines up to max_file_bytes).
  uint64_t max_line_bytes = 1ull << 20;
};

// One document read, or one input rejected.
struct ReadResult {
  std::string source;  // file, or file:line for JSON Lines
  Status status;       // OK, or why the input was rejected (message names it)
  Document document;   // valid when status.ok()
};

class Reader {
 public:
  explicit Reader(ReaderOptions options = {}) : options_(options) {}

  // The files named by `paths`: files as given, folders walked recursively
  // in name order. A path that does not exist becomes a rejection in
  // `missing`.
  std::vector<std::string> Expand(const std::vector<std::string>& paths,
                                  std::vector<ReadResult>* missing) const;

  // Reads one file, calling `emit` once per document or rejection (a JSON
  // Lines file yields one per line).
  void ReadFile(const std::string& path, const std::function<void(ReadResult)>& emit) const;

  // Reads text given in memory as if from a file named `name` with that
  // extension (used by tests and by `kg extract` on stdin).
  void ReadBuffer(const std::string& name, std::string data,
                  const std::function<void(ReadResult)>& emit) const;

  // Reads one JSON Lines record (one line, without its newline) exactly as
  // ReadFile reads each line of a .jsonl file; `where` ("file:line") becomes
  // the document's source and starts every error message. For streams read
  // a line at a time (`kg extract` on stdin).
  void ReadJsonLine(std::string_view line, const std::string& where,
                    const std::function<void(ReadResult)>& emit) const;

 private:
  // A JSON Lines file, streamed: memory is bounded by the longest line kept
  // (max_line_bytes), whatever the file's size. A line too long or not
  // UTF-8 is rejected alone, by file:line.
  void ReadJsonLinesFile(const std::string& path, uint64_t size,
                         const std::function<void(ReadResult)>& emit) const;

  ReaderOptions options_;
};

// Checks that `data` is UTF-8; the error names name:line:column of the first
// bad byte.
Status ValidateUtf8(std::string_view data, const std::string& name);

// The cleaning every document's text goes through before it gets its id:
// line endings, trailing spaces, runs of blank lines, then boilerplate
// removal. The hook where boilerplate removal plugs in.
std::string CleanText(std::string_view text);

// Plain text of an HTML page plus its metadata (title, published, byline,
// publisher, url). `doc->text` is not yet cleaned.
void HtmlToDocument(std::string_view html, Document* doc);

// Lowercase hex of the first 128 bits of SHA-256(`text`).
std::string ContentId(std::string_view text);

// The url as compared for identity: kg::NormalizeUrl (common/url.h), which
// the store's document index and queries' (:Document {url: ...}) use too: no
// scheme ("http" = "https"), host in lower case without "www.", no
// fragment, no tracking parameters (utm_*, fbclid, gclid), no trailing
// slash. "" when `url` is empty.
//   "HTTPS://www.Example.com/a/b/?utm_source=x#top" -> "example.com/a/b"
std::string NormalizeUrl(std::string_view url);

// What identifies a document: ContentId of "url " + NormalizeUrl(url) when it
// has a url, else ContentId of "text " + its folded words (text::FoldedWords)
// after its headings:
//  1. the title's words, when the text starts with them (an HTML page
//     repeats its title as a heading; the JSON Lines copy may not);
//  2. then each leading line that reads as a heading: at most 15 words, not
//     ending with '.', ',', ':' or ';' (closing quotes and brackets aside),
//     or no word at all; but never the last line that has words.
// So "Title\n\nBody." read as plain text and {"title": "Title", "text":
// "Body."} get one id, and so does a page whose <h1> differs from its
// <title>. The reader gives every document this id.
std::string DocumentId(const Document& doc);

}  // namespace kg::extract
