// common/extraction_record.h: an extraction survives the record format
// exactly; broken, foreign and inconsistent records are refused with a reason;
// sources sort the way the reader reads them.
#include "common/extraction_record.h"

#include <gtest/gtest.h>

namespace kg {
namespace {

Extraction Sample() {
  Extraction x;
  x.document.id = "abc123";
  x.document.source = "news.jsonl:7";
  x.document.url = "https://example.org/a";
  x.document.title = "Putin \"calls\" Obama";
  x.document.publisher = "Wire";
  x.document.published = "2016-12-30";
  x.document.byline = "A. Writer";
  x.document.text = "Putin called Obama on Saturday.\nErdoğan said so.";
  x.extractor = "kg-openie";
  x.extractor_version = "1.0";
  Entity putin{"Vladimir Putin", EntityType::kPerson, {"Putin"}, {{0, {0, 5}, "Putin"}}};
  Entity obama{"Barack Obama", EntityType::kPerson, {}, {{0, {13, 18}, "Obama"}}};
  Entity sat{"Saturday", EntityType::kValue, {}, {}};
  x.entities = {putin, obama, sat};
  Claim c;
  c.subject = 0;
  c.object = 1;
  c.relation = "call";
  c.relation_lemma = "phone";
  c.relation_surface = "called";
  c.sentence = 0;
  c.sentence_span = {0, 31};
  c.subject_span = {0, 5};
  c.relation_span = {6, 12};
  c.object_span = {13, 18};
  c.confidence = 0.1 + 0.2;  // not exactly representable in few digits
  c.negated = true;
  c.modality = "may";
  c.attribution = "Erdoğan";
  c.arguments = {{"time", "on Saturday", {19, 30}}};
  x.claims = {c};
  return x;
}

void ExpectSame(const Extraction& a, const Extraction& b) {
  EXPECT_EQ(a.document.id, b.document.id);
  EXPECT_EQ(a.document.source, b.document.source);
  EXPECT_EQ(a.document.url, b.document.url);
  EXPECT_EQ(a.document.title, b.document.title);
  EXPECT_EQ(a.document.publisher, b.document.publisher);
  EXPECT_EQ(a.document.published, b.document.published);
  EXPECT_EQ(a.document.byline, b.document.byline);
  EXPECT_EQ(a.document.text, b.document.text);
  EXPECT_EQ(a.extractor, b.extractor);
  EXPECT_EQ(a.extractor_version, b.extractor_version);
  ASSERT_EQ(a.entities.size(), b.entities.size());
  for (size_t i = 0; i < a.entities.size(); ++i) {
    EXPECT_EQ(a.entities[i].name, b.entities[i].name);
    EXPECT_EQ(a.entities[i].type, b.entities[i].type);
    EXPECT_EQ(a.entities[i].aliases, b.entities[i].aliases);
    ASSERT_EQ(a.entities[i].mentions.size(), b.entities[i].mentions.size());
    for (size_t k = 0; k < a.entities[i].mentions.size(); ++k) {
      EXPECT_EQ(a.entities[i].mentions[k].sentence, b.entities[i].mentions[k].sentence);
      EXPECT_EQ(a.entities[i].mentions[k].span, b.entities[i].mentions[k].span);
      EXPECT_EQ(a.entities[i].mentions[k].surface, b.entities[i].mentions[k].surface);
    }
  }
  ASSERT_EQ(a.claims.size(), b.claims.size());
  for (size_t i = 0; i < a.claims.size(); ++i) {
    const Claim &p = a.claims[i], &q = b.claims[i];
    EXPECT_EQ(p.subject, q.subject);
    EXPECT_EQ(p.object, q.object);
    EXPECT_EQ(p.relation, q.relation);
    EXPECT_EQ(p.relation_lemma, q.relation_lemma);
    EXPECT_EQ(p.relation_surface, q.relation_surface);
    EXPECT_EQ(p.sentence, q.sentence);
    EXPECT_EQ(p.sentence_span, q.sentence_span);
    EXPECT_EQ(p.subject_span, q.subject_span);
    EXPECT_EQ(p.relation_span, q.relation_span);
    EXPECT_EQ(p.object_span, q.object_span);
    EXPECT_EQ(p.confidence, q.confidence);  // bit for bit
    EXPECT_EQ(p.negated, q.negated);
    EXPECT_EQ(p.modality, q.modality);
    EXPECT_EQ(p.attribution, q.attribution);
    ASSERT_EQ(p.arguments.size(), q.arguments.size());
    for (size_t k = 0; k < p.arguments.size(); ++k) {
      EXPECT_EQ(p.arguments[k].role, q.arguments[k].role);
      EXPECT_EQ(p.arguments[k].text, q.arguments[k].text);
      EXPECT_EQ(p.arguments[k].span, q.arguments[k].span);
    }
  }
}

TEST(ExtractionRecord, RoundTripsExactly) {
  Extraction x = Sample();
  std::string line = EncodeRecord(x);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  auto back = DecodeRecord(line);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ExpectSame(x, *back);
  EXPECT_EQ(EncodeRecord(*back), line);
}

TEST(ExtractionRecord, RefusesBrokenRecordsWithAReason) {
  std::string line = EncodeRecord(Sample());
  auto refused = [](std::string_view l, const std::string& words) {
    auto r = DecodeRecord(l);
    ASSERT_FALSE(r.ok()) << l;
    EXPECT_TRUE(r.status().IsInvalidArgument());
    EXPECT_NE(r.status().message().find(words), std::string::npos) << r.status().message();
  };
  refused(line.substr(0, line.size() / 2), "byte");  // truncated JSON
  refused("[1,2]", "not a JSON object");
  refused("{\"doc\": 1}", "no \"kg_record\"");
  std::string v2 = line;
  v2.replace(v2.find("\"kg_record\":1"), 13, "\"kg_record\":2");
  refused(v2, "unknown record format version 2");
  // A claim span outside the document.
  Extraction x = Sample();
  x.claims[0].object_span = {13, 4000};
  refused(EncodeRecord(x), "claim 0 object span [13, 4000) lies outside the document");
  x = Sample();
  x.entities[1].mentions[0].span = {60, 61};
  refused(EncodeRecord(x), "entity 1 mention 0 span");
  x = Sample();
  x.claims[0].object = 7;
  refused(EncodeRecord(x), "\"object\" is not an entity index");
  x = Sample();
  x.document.id.clear();
  refused(EncodeRecord(x), "empty id");
}

TEST(ExtractionRecord, SourcesSortAsTheReaderReads) {
  auto before = [](const std::string& a, const std::string& b) {
    return SourceBefore(a, "x", b, "x");
  };
  EXPECT_TRUE(before("in/a.jsonl:2", "in/a.jsonl:10"));  // numeric lines
  EXPECT_FALSE(before("in/a.jsonl:10", "in/a.jsonl:2"));
  EXPECT_TRUE(before("in/a.jsonl:99", "in/b.txt"));
  EXPECT_TRUE(before("in/a/z.txt", "in/a.txt"));  // folder "a" before "a.txt", by name
  EXPECT_TRUE(before("in/000.txt", "in/001.txt"));
  // Same source: the document id decides.
  EXPECT_TRUE(SourceBefore("<stdin>:1", "a", "<stdin>:1", "b"));
}

}  // namespace
}  // namespace kg
