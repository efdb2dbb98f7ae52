// The reader: text, HTML and JSON Lines inputs, content ids, and the errors
// for bad input (each naming the file, and line:column where known).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/text.h"
#include "extract/reader.h"
#include "tests/shared_data.h"
#include "tests/storage/test_util.h"

namespace kg::extract {
namespace {

std::vector<ReadResult> ReadAll(const Reader& r, const std::string& name, const std::string& data) {
  std::vector<ReadResult> out;
  r.ReadBuffer(name, data, [&](ReadResult x) { out.push_back(std::move(x)); });
  return out;
}

TEST(Reader, ContentIdIsSha256Prefix) {
  EXPECT_EQ(ContentId("abc"), "ba7816bf8f01cfea414140de5dae2223");
  EXPECT_EQ(ContentId(""), "e3b0c44298fc1c149afbf4c8996fb924");
  EXPECT_EQ(ContentId(std::string(1000, 'a')).size(), 32u);
}

TEST(Reader, UrlsCompareWithoutSchemeTrackingAndFragments) {
  EXPECT_EQ(NormalizeUrl("HTTPS://www.Example.com/a/b/?utm_source=x&id=7&fbclid=1#top"),
            "example.com/a/b?id=7");
  EXPECT_EQ(NormalizeUrl("http://example.com/a/b"), NormalizeUrl("https://EXAMPLE.com/a/b/"));
  EXPECT_NE(NormalizeUrl("https://example.com/a/B"), NormalizeUrl("https://example.com/a/b"));
  EXPECT_EQ(NormalizeUrl("  "), "");
}

// The same article is one document however it arrives: the id comes from
// the url, or from the words of the text when there is none.
TEST(Reader, TheSameArticleGetsOneIdAsJsonLinesAndAsHtml) {
  Reader r;
  const std::string body = "Russia tipped off the FBI in 2011.\n\nThe Kremlin said so.";
  auto jsonl = ReadAll(r, "a.jsonl",
                       "{\"url\": \"https://news.example.com/story\", \"title\": \"Tip-off\", "
                       "\"text\": \"Russia tipped off the FBI in 2011.\\n\\nThe Kremlin said so.\"}\n");
  auto html = ReadAll(r, "a.html",
                      "<html><head><title>Tip-off</title>"
                      "<link rel=\"canonical\" href=\"http://www.news.example.com/story/#comments\">"
                      "</head><body><h1>Tip-off</h1><p>Russia tipped off the FBI in 2011.</p>"
                      "<p>The Kremlin said so.</p></body></html>");
  ASSERT_EQ(jsonl.size(), 1u);
  ASSERT_EQ(html.size(), 1u);
  ASSERT_TRUE(jsonl[0].status.ok() && html[0].status.ok());
  EXPECT_EQ(jsonl[0].document.id, html[0].document.id);

  // Without urls: the text's words decide; spacing, case, quotes and a
  // leading title do not.
  auto plain = ReadAll(r, "b.txt", body + "\n");
  auto other = ReadAll(r, "c.jsonl",
                       "{\"title\": \"Tip-off\", \"text\": \"RUSSIA tipped off the  FBI in 2011. "
                       "The Kremlin said so\"}\n");
  auto page = ReadAll(r, "c.html",
                      "<html><head><title>Tip-off</title></head><body><h1>Tip-off</h1>"
                      "<p>Russia tipped off the FBI in 2011.</p><p>The Kremlin said so.</p></body></html>");
  ASSERT_TRUE(plain[0].status.ok() && other[0].status.ok() && page[0].status.ok());
  EXPECT_EQ(plain[0].document.id, other[0].document.id);
  EXPECT_EQ(page[0].document.id, other[0].document.id);
  EXPECT_NE(plain[0].document.id, jsonl[0].document.id);  // that one has a url
  auto changed = ReadAll(r, "d.txt", "Russia tipped off the CIA in 2011.\n");
  EXPECT_NE(changed[0].document.id, plain[0].document.id);
}

// Without a url the words after the headings identify a document
// (DocumentId): the metadata's title where the text starts with it, then
// leading lines that read as headings (at most 15 words, not ending with
// '.', ',', ':' or ';'), never the last line with words.
TEST(Reader, LeadingHeadingLinesDoNotChangeTheId) {
  struct Case {
    const char* title;  // metadata
    const char* text;
    const char* same_as;  // text read without title: same id (or, when `differ`, another)
    bool differ = false;
  };
  const Case kCases[] = {
      {"", "Obama calls Putin\n\nObama called Putin.", "Obama called Putin."},
      {"Obama calls Putin", "Obama called Putin.", "Obama calls Putin\n\nObama called Putin."},
      {"", "Obama calls Putin\nBy Jane Roe\nWASHINGTON \u2014\n\nObama called Putin.", "Obama called Putin."},
      {"", "\u201CWe agreed\u201D\nObama called Putin.", "Obama called Putin."},
      {"", "Is this the end?\nObama called Putin.", "Obama called Putin."},
      {"Calls", "Calls\nObama calls Putin\nObama called Putin.", "Obama called Putin."},
      // Body lines stay: a first sentence, a clause ending with a colon, a
      // long line, and the last line even when it reads as a heading.
      {"", "Obama spoke first.\nObama called Putin.", "Obama called Putin.", true},
      {"", "He said:\nObama called Putin.", "Obama called Putin.", true},
      {"", "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
           "sixteen\nObama called Putin.",
       "Obama called Putin.", true},
      {"", "Obama calls Putin", "Putin", true},
      {"Obama calls Putin", "Obama calls Putin\nno full stop here", "no full stop here"},
  };
  for (const Case& c : kCases) {
    Document a, b;
    a.title = c.title;
    a.text = c.text;
    b.text = c.same_as;
    if (c.differ)
      EXPECT_NE(DocumentId(a), DocumentId(b)) << c.text;
    else
      EXPECT_EQ(DocumentId(a), DocumentId(b)) << c.text;
  }
}

// Every news-sample article saved as plain text with its title (and a
// dateline) on the first lines gets the id of its JSON Lines copy with the
// title in the metadata and no url.
TEST(Reader, NewsArticlesWithTitleLineOrTitleMetadataGetOneId) {
  std::string path = KG_SHARED_DATA_OR_SKIP("news-sample/wikinews_gum_news.jsonl");
  std::ifstream in(path);
  Reader r;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    std::vector<ReadResult> with_url;
    r.ReadJsonLine(line, "news.jsonl:1", [&](ReadResult x) { with_url.push_back(std::move(x)); });
    ASSERT_EQ(with_url.size(), 1u);
    ASSERT_TRUE(with_url[0].status.ok()) << with_url[0].status.ToString();
    const Document& d = with_url[0].document;
    std::string record = nlohmann::json{{"title", d.title}, {"text", d.text}}.dump();
    auto jsonl = ReadAll(r, "a.jsonl", record + "\n");
    auto plain = ReadAll(r, "a.txt", d.title + "\n\n" + d.text + "\n");
    auto dated = ReadAll(r, "b.txt", d.title + "\n" + d.published + "\n\n" + d.text + "\n");
    ASSERT_TRUE(jsonl[0].status.ok() && plain[0].status.ok() && dated[0].status.ok());
    EXPECT_EQ(plain[0].document.id, jsonl[0].document.id) << d.title;
    EXPECT_EQ(dated[0].document.id, jsonl[0].document.id) << d.title;
    ++n;
  }
  EXPECT_EQ(n, 24);
}

TEST(Reader, Utf8ErrorsNameLineAndColumn) {
  EXPECT_TRUE(ValidateUtf8("plain é ü 日本", "f.txt").ok());
  Status s = ValidateUtf8("line one\nab\xC3(x", "f.txt");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("f.txt:2:3"), std::string::npos) << s.message();
  EXPECT_FALSE(ValidateUtf8("\xED\xA0\x80", "f").ok());  // surrogate
  EXPECT_FALSE(ValidateUtf8("\xC0\xAF", "f").ok());      // overlong
}

TEST(Reader, TextIsCleanedAndHashed) {
  Reader r;
  auto out = ReadAll(r, "a.txt", "\xEF\xBB\xBFTitle  \r\n\r\n\r\n\r\nBody line.\n");
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].status.ok());
  EXPECT_EQ(out[0].document.text, "Title\n\nBody line.");
  // The id hashes the words after the heading line "Title" (DocumentId).
  EXPECT_EQ(out[0].document.id, ContentId("text body line"));
  EXPECT_EQ(out[0].document.source, "a.txt");
}

TEST(Reader, RejectsBadInputWithTheFileName) {
  ReaderOptions o;
  o.max_line_bytes = 100;
  Reader r(o);
  auto empty = ReadAll(r, "empty.txt", "");
  ASSERT_EQ(empty.size(), 1u);
  EXPECT_NE(empty[0].status.message().find("empty.txt: empty file"), std::string::npos);
  auto binary = ReadAll(r, "x.bin", std::string("\x7f" "ELF\0\0\0", 7));
  EXPECT_NE(binary[0].status.message().find("x.bin: binary file"), std::string::npos);
  auto long_line = ReadAll(r, "l.txt", "ok\n" + std::string(101, 'x'));
  EXPECT_NE(long_line[0].status.message().find("l.txt:2: line too long"), std::string::npos);
  auto blank = ReadAll(r, "b.txt", "   \n\n  \n");
  EXPECT_NE(blank[0].status.message().find("b.txt: no text left"), std::string::npos);
}

TEST(Reader, FileOverTheSizeLimitIsNotRead) {
  kg::testing::TempDir tmp;
  std::ofstream(tmp.Sub("big.txt")) << std::string(200, 'x') << "\n";
  ReaderOptions o;
  o.max_file_bytes = 100;
  Reader r(o);
  std::vector<ReadResult> out;
  r.ReadFile(tmp.Sub("big.txt"), [&](ReadResult x) { out.push_back(std::move(x)); });
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].status.message().find(tmp.Sub("big.txt") + ": file too large"),
            std::string::npos)
      << out[0].status.message();
}

TEST(Reader, HtmlKeepsArticleTextAndMetadata) {
  const char* html = R"(<html><head><title>Big news</title>
<meta property="og:site_name" content="The Daily">
<meta property="article:published_time" content="2013-04-30T10:00:00Z">
<meta name="author" content="Jane Doe">
<script>var x = "Putin";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="share-bar">Share on Facebook</div>
<p>Putin called Obama on Tuesday.</p><p>They spoke &amp; agreed.</p>
<ul><li><a href="/1">Other story one</a></li><li><a href="/2">Other story two</a></li></ul>
<footer>Copyright</footer></body></html>)";
  Reader r;
  auto out = ReadAll(r, "page.html", html);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].status.ok()) << out[0].status.message();
  const Document& d = out[0].document;
  EXPECT_EQ(d.title, "Big news");
  EXPECT_EQ(d.publisher, "The Daily");
  EXPECT_EQ(d.published, "2013-04-30T10:00:00Z");
  EXPECT_EQ(d.byline, "Jane Doe");
  EXPECT_EQ(d.text, "Putin called Obama on Tuesday.\n\nThey spoke & agreed.");
}

// Found by fuzz/reader_html_fuzz.cc and by hand: a malformed character
// reference, and nesting deep enough to make gumbo quadratic and overflow
// its stack.
TEST(Reader, HtmlThatBreaksTheParserIsRefusedOrRepaired) {
  Reader r;
  auto bad_ref = ReadAll(r, "ref.html", "<p>caf &#x1F60CAFAB le</p>");
  ASSERT_EQ(bad_ref.size(), 1u);
  ASSERT_TRUE(bad_ref[0].status.ok()) << bad_ref[0].status.message();
  EXPECT_EQ(kg::text::FindInvalidUtf8(bad_ref[0].document.text), std::string::npos);

  std::string deep = "<html><body>";
  for (int i = 0; i < 200000; ++i) deep += "<div>";
  deep += "text";
  auto out = ReadAll(r, "deep.html", deep);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].status.message(), "deep.html: HTML nested more than 10000 elements deep");
  // Unclosed paragraphs and list items are no nesting: a long sloppy page reads.
  std::string sloppy = "<html><body>";
  for (int i = 0; i < 20000; ++i) sloppy += "<p>One more line of text.<li>item<br>";
  auto fine = ReadAll(r, "sloppy.html", sloppy);
  ASSERT_EQ(fine.size(), 1u);
  EXPECT_TRUE(fine[0].status.ok()) << fine[0].status.message();
  // The same in a JSON Lines record's "html".
  auto line = ReadAll(r, "in.jsonl", "{\"html\": \"" + deep + "\"}\n");
  ASSERT_EQ(line.size(), 1u);
  EXPECT_EQ(line[0].status.message(), "in.jsonl:1: HTML nested more than 10000 elements deep");
}

TEST(Reader, JsonLinesFilesAreStreamedWhateverTheirSize) {
  kg::testing::TempDir tmp;
  ReaderOptions o;
  o.max_file_bytes = 100;  // a JSON Lines file is not held whole: no size limit
  o.max_line_bytes = 200;
  Reader r(o);
  std::string path = tmp.Sub("big.jsonl");
  {
    std::ofstream f(path, std::ios::binary);
    f << R"({"text":"First document."})" << "\n"
      << R"({"text":")" << std::string(300, 'x') << "\"}\n"                  // too long
      << "\n"
      << R"({"text":"bad )" << std::string("\xC3(", 2) << "\"}\n"          // not UTF-8
      << R"({"text":"Last document, no newline."})";
  }
  std::vector<ReadResult> out;
  r.ReadFile(path, [&](ReadResult x) { out.push_back(std::move(x)); });
  ASSERT_EQ(out.size(), 4u);
  EXPECT_TRUE(out[0].status.ok());
  EXPECT_EQ(out[0].document.source, path + ":1");
  EXPECT_EQ(out[1].status.message(), path + ":2: line too long (311 bytes, limit 200)");
  EXPECT_EQ(out[2].status.message(), path + ":4:14: invalid UTF-8 (byte 0xC3)");
  EXPECT_TRUE(out[3].status.ok()) << out[3].status.message();
  EXPECT_EQ(out[3].document.source, path + ":5");
  EXPECT_EQ(out[3].document.text, "Last document, no newline.");
  // Binary and empty files are still refused whole.
  std::ofstream(tmp.Sub("bin.jsonl"), std::ios::binary) << std::string("\0\1\2{}", 5);
  std::ofstream(tmp.Sub("empty.jsonl"), std::ios::binary);
  for (const char* name : {"bin.jsonl", "empty.jsonl"}) {
    out.clear();
    r.ReadFile(tmp.Sub(name), [&](ReadResult x) { out.push_back(std::move(x)); });
    ASSERT_EQ(out.size(), 1u) << name;
    EXPECT_FALSE(out[0].status.ok()) << name;
  }
}

// {"file": ...} records: metadata for a text file kept apart (examples/seeds.jsonl).
TEST(Reader, FileRecordsGiveMetadataToTextFiles) {
  kg::testing::TempDir tmp;
  std::filesystem::create_directories(tmp.Sub("texts"));
  std::filesystem::create_directories(tmp.Sub("meta"));
  std::ofstream(tmp.Sub("texts/a.txt"), std::ios::binary) << "Putin called Obama on Saturday.\n";
  std::ofstream(tmp.Sub("texts/b.txt"), std::ios::binary) << "Obama spoke with Putin.\n";
  std::ofstream(tmp.Sub("meta/m.jsonl"), std::ios::binary)
      << R"({"file": "../texts/a.txt", "title": "A call", "publisher": "Wire", "published": "2013-04-20"})" << "\n"
      << R"({"file": "../texts/b.txt", "url": "https://example.org/b"})" << "\n"
      << R"({"file": "../texts/missing.txt"})" << "\n"
      << R"({"file": "m.jsonl"})" << "\n";
  Reader r;
  std::vector<ReadResult> out;
  r.ReadFile(tmp.Sub("meta/m.jsonl"), [&](ReadResult x) { out.push_back(std::move(x)); });
  ASSERT_EQ(out.size(), 4u);
  ASSERT_TRUE(out[0].status.ok()) << out[0].status.message();
  EXPECT_EQ(out[0].document.source, tmp.Sub("texts/a.txt"));
  EXPECT_EQ(out[0].document.text, "Putin called Obama on Saturday.");
  EXPECT_EQ(out[0].document.title, "A call");
  EXPECT_EQ(out[0].document.publisher, "Wire");
  EXPECT_EQ(out[0].document.published, "2013-04-20");
  EXPECT_EQ(out[0].document.id, DocumentId(out[0].document));
  // A url given identifies the document, as for any JSON Lines record.
  ASSERT_TRUE(out[1].status.ok()) << out[1].status.message();
  EXPECT_EQ(out[1].document.url, "https://example.org/b");
  EXPECT_EQ(out[1].document.id, ContentId("url example.org/b"));
  EXPECT_FALSE(out[2].status.ok());
  EXPECT_EQ(out[2].status.message().rfind(tmp.Sub("meta/m.jsonl") + ":3: ", 0), 0u) << out[2].status.message();
  EXPECT_NE(out[2].status.message().find("missing.txt"), std::string::npos);
  EXPECT_FALSE(out[3].status.ok()) << "a record may not name a JSON Lines file";
}

TEST(Reader, JsonLinesErrorsNameLineAndColumn) {
  Reader r;
  std::string data =
      R"({"id":"a","title":"One","published":"2020-01-01","text":"First text."})"
      "\n"
      R"({"id":"b", "text": oops})"
      "\n\n"
      R"({"id":"c","html":"<p>Third <b>text</b>.</p>"})"
      "\n"
      R"({"id":"d"})"
      "\n";
  auto out = ReadAll(r, "in.jsonl", data);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_TRUE(out[0].status.ok());
  EXPECT_EQ(out[0].document.title, "One");
  EXPECT_EQ(out[0].document.source, "in.jsonl:1");
  ASSERT_FALSE(out[1].status.ok());
  EXPECT_EQ(out[1].status.message().rfind("in.jsonl:2:", 0), 0u) << out[1].status.message();
  EXPECT_TRUE(out[2].status.ok());
  EXPECT_EQ(out[2].document.text, "Third text.");
  EXPECT_EQ(out[2].document.source, "in.jsonl:4");
  EXPECT_NE(out[3].status.message().find("in.jsonl:5"), std::string::npos);
}

TEST(Reader, ExpandWalksFoldersInOrderAndReportsMissing) {
  kg::testing::TempDir tmp;
  std::filesystem::create_directories(tmp.Sub("d/sub"));
  for (const char* f : {"d/b.txt", "d/a.txt", "d/sub/c.txt", "d/.hidden"}) {
    std::ofstream(tmp.Sub(f)) << "x";
  }
  Reader r;
  std::vector<ReadResult> missing;
  auto files = r.Expand({tmp.Sub("d"), tmp.Sub("nope")}, &missing);
  EXPECT_EQ(files, (std::vector<std::string>{tmp.Sub("d/a.txt"), tmp.Sub("d/b.txt"),
                                             tmp.Sub("d/sub/c.txt")}));
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_NE(missing[0].status.message().find(tmp.Sub("nope")), std::string::npos);
}

TEST(Reader, NewsSampleReadsEveryLine) {
  std::string dir = KG_SHARED_DATA_OR_SKIP("news-sample");
  Reader r;
  int ok = 0, bad = 0;
  r.ReadFile(dir + "/wikinews_gum_news.jsonl", [&](ReadResult x) { (x.status.ok() ? ok : bad)++; });
  EXPECT_EQ(ok, 24);
  EXPECT_EQ(bad, 0);
}

}  // namespace
}  // namespace kg::extract
