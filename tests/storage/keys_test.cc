// Round trips of every key and value encoding in storage/keys.h and
// storage/coding.h, and the ordering properties the scans rely on.
#include <gtest/gtest.h>

#include "storage/coding.h"
#include "storage/keys.h"

namespace kg::storage {
namespace {

TEST(Coding, BigEndianOrdersNumerically) {
  std::string a, b;
  PutBigEndian64(&a, 255);
  PutBigEndian64(&b, 256);
  EXPECT_LT(a, b);
  size_t pos = 0;
  uint64_t v;
  ASSERT_TRUE(GetBigEndian64(b, &pos, &v));
  EXPECT_EQ(v, 256u);
  pos = 0;
  EXPECT_FALSE(GetBigEndian64("short", &pos, &v));
}

TEST(Coding, VarintAndStringsRoundTrip) {
  std::string buf;
  for (uint64_t v : {0ull, 1ull, 127ull, 128ull, 300ull, 1ull << 40, ~0ull}) PutVarint64(&buf, v);
  PutLengthPrefixed(&buf, std::string("h\0llo", 5));
  PutDouble(&buf, -2.5);
  Decoder d(buf);
  for (uint64_t want : {0ull, 1ull, 127ull, 128ull, 300ull, 1ull << 40, ~0ull}) {
    uint64_t got;
    ASSERT_TRUE(d.GetVarint64(&got));
    EXPECT_EQ(got, want);
  }
  std::string s;
  ASSERT_TRUE(d.GetLengthPrefixed(&s));
  EXPECT_EQ(s, std::string("h\0llo", 5));
  double x;
  ASSERT_TRUE(d.GetDouble(&x));
  EXPECT_EQ(x, -2.5);
  EXPECT_TRUE(d.done());
  // Truncated input fails instead of reading past the end.
  Decoder bad(std::string_view(buf.data(), buf.size() - 3));
  uint64_t v;
  for (int i = 0; i < 7; ++i) ASSERT_TRUE(bad.GetVarint64(&v));
  EXPECT_TRUE(bad.GetLengthPrefixed(&s));
  EXPECT_FALSE(bad.GetDouble(&x));
}

TEST(Coding, PrefixSuccessor) {
  EXPECT_EQ(PrefixSuccessor("ab"), "ac");
  EXPECT_EQ(PrefixSuccessor(std::string("a\xff", 2)), "b");
  EXPECT_EQ(PrefixSuccessor(std::string("\xff\xff", 2)), "");
}

TEST(Keys, StringsRoundTrip) {
  std::string name;
  ASSERT_TRUE(keys::ParseStringByName(keys::StringByName("speak_with"), &name));
  EXPECT_EQ(name, "speak_with");
  uint32_t id;
  ASSERT_TRUE(keys::ParseStringById(keys::StringById(70000), &id));
  EXPECT_EQ(id, 70000u);
  EXPECT_FALSE(keys::ParseStringById(keys::StringByName("x"), &id));
}

TEST(Keys, AdjacencyRoundTripAndPrefixes) {
  keys::Adjacency a{0x0102030405060708ull, 77, 42, 9};
  std::string k = keys::AdjacencyKey(a);
  keys::Adjacency b;
  ASSERT_TRUE(keys::ParseAdjacency(k, &b));
  EXPECT_EQ(b.node, a.node);
  EXPECT_EQ(b.type, a.type);
  EXPECT_EQ(b.other, a.other);
  EXPECT_EQ(b.edge, a.edge);
  EXPECT_EQ(k.rfind(keys::AdjacencyPrefix(a.node), 0), 0u);
  EXPECT_EQ(k.rfind(keys::AdjacencyPrefix(a.node, 77), 0), 0u);
  EXPECT_EQ(k.rfind(keys::AdjacencyPrefix(a.node, 77, 42), 0), 0u);
  EXPECT_NE(k.rfind(keys::AdjacencyPrefix(a.node, 78), 0), 0u);
  // Node 1's entries all sort before node 2's.
  EXPECT_LT(keys::AdjacencyKey({1, 0xFFFFFFFF, ~0ull, ~0ull}), keys::AdjacencyKey({2, 0, 0, 0}));
  EXPECT_FALSE(keys::ParseAdjacency(k.substr(1), &b));
}

TEST(Keys, LabelNameSupportDocIndexRoundTrip) {
  uint32_t label;
  uint64_t node;
  ASSERT_TRUE(keys::ParseLabelKey(keys::LabelKey(3, 99), &label, &node));
  EXPECT_EQ(label, 3u);
  EXPECT_EQ(node, 99u);

  std::string folded;
  ASSERT_TRUE(keys::ParseNameKey(keys::NameKey("vladimir putin", 5), &folded, &node));
  EXPECT_EQ(folded, "vladimir putin");
  EXPECT_EQ(node, 5u);
  // "putin" must not be a prefix match of "putina".
  EXPECT_NE(keys::NameKey("putina", 1).rfind(keys::NamePrefix("putin"), 0), 0u);

  keys::SupportKey s{12, "abcdef0123", 4}, t;
  ASSERT_TRUE(keys::ParseSupportKey(keys::SupportKeyOf(s), &t));
  EXPECT_EQ(t.owner, 12u);
  EXPECT_EQ(t.document, "abcdef0123");
  EXPECT_EQ(t.seq, 4u);
  EXPECT_EQ(keys::SupportKeyOf(s).rfind(keys::SupportPrefix(12, "abcdef0123"), 0), 0u);

  std::string doc;
  keys::DocItem kind;
  uint64_t id;
  ASSERT_TRUE(keys::ParseDocIndexKey(keys::DocIndexKey("d1", keys::DocItem::kEdge, 8), &doc, &kind,
                                     &id));
  EXPECT_EQ(doc, "d1");
  EXPECT_EQ(kind, keys::DocItem::kEdge);
  EXPECT_EQ(id, 8u);
  EXPECT_FALSE(keys::ParseDocIndexKey("d1", &doc, &kind, &id));

  uint64_t c;
  ASSERT_TRUE(keys::DecodeCounter(keys::EncodeCounter(123456789), &c));
  EXPECT_EQ(c, 123456789u);
}

TEST(Keys, DocKeysRoundTripAndPrefix) {
  keys::DocKey kind;
  std::string text, doc;
  ASSERT_TRUE(keys::ParseDocKeyKey(keys::DocKeyKey(keys::DocKey::kUrl, "example.com/a", "0123abcd"), &kind,
                                   &text, &doc));
  EXPECT_EQ(kind, keys::DocKey::kUrl);
  EXPECT_EQ(text, "example.com/a");
  EXPECT_EQ(doc, "0123abcd");
  ASSERT_TRUE(keys::ParseDocKeyKey(keys::DocKeyKey(keys::DocKey::kSource, "a.jsonl:3", "ff"), &kind, &text, &doc));
  EXPECT_EQ(kind, keys::DocKey::kSource);
  EXPECT_EQ(text, "a.jsonl:3");
  EXPECT_EQ(doc, "ff");
  // The url "example.com/a" is not a prefix match of "example.com/ab", nor
  // a url one of a source path.
  EXPECT_NE(keys::DocKeyKey(keys::DocKey::kUrl, "example.com/ab", "ff").rfind(
                keys::DocKeyPrefix(keys::DocKey::kUrl, "example.com/a"), 0),
            0u);
  EXPECT_NE(keys::DocKeyKey(keys::DocKey::kSource, "example.com/a", "ff").rfind(
                keys::DocKeyPrefix(keys::DocKey::kUrl, "example.com/a"), 0),
            0u);
  EXPECT_FALSE(keys::ParseDocKeyKey(keys::DocKeyPrefix(keys::DocKey::kUrl, "x"), &kind, &text, &doc));
  EXPECT_FALSE(keys::ParseDocKeyKey("x", &kind, &text, &doc));
}

TEST(Keys, DegreeChunksRoundTripAndOrder) {
  using keys::DegreeDirection;
  std::string k = keys::DegreeChunkKey(DegreeDirection::kIn, 0x0102030405060708ull);
  DegreeDirection d;
  uint64_t chunk;
  ASSERT_TRUE(keys::ParseDegreeChunkKey(k, &d, &chunk));
  EXPECT_EQ(d, DegreeDirection::kIn);
  EXPECT_EQ(chunk, 0x0102030405060708ull);
  EXPECT_EQ(k.rfind(keys::DegreePrefix(DegreeDirection::kIn), 0), 0u);
  EXPECT_NE(k.rfind(keys::DegreePrefix(DegreeDirection::kOut), 0), 0u);
  // All out-degrees form one prefix, chunks in node order.
  EXPECT_LT(keys::DegreeChunkKey(DegreeDirection::kOut, 1), keys::DegreeChunkKey(DegreeDirection::kOut, 2));
  EXPECT_LT(keys::DegreeChunkKey(DegreeDirection::kOut, 255), keys::DegreeChunkKey(DegreeDirection::kOut, 256));
  EXPECT_EQ(keys::DegreeChunkOf(63), 0u);
  EXPECT_EQ(keys::DegreeChunkOf(64), 1u);
  EXPECT_FALSE(keys::ParseDegreeChunkKey(k.substr(1), &d, &chunk));
  EXPECT_FALSE(keys::ParseDegreeChunkKey("x" + k.substr(1), &d, &chunk));

  std::vector<keys::DegreeItem> items = {{640, 3, 1}, {640, 70000, 300}, {703, 1, ~uint64_t{0} >> 1}};
  std::string v = keys::EncodeDegreeChunk(items);
  std::vector<keys::DegreeItem> back;
  ASSERT_TRUE(keys::DecodeDegreeChunk(v, 10, &back));
  EXPECT_EQ(back, items);
  EXPECT_FALSE(keys::DecodeDegreeChunk(v + "x", 10, &back));
  EXPECT_FALSE(keys::DecodeDegreeChunk(v.substr(0, v.size() - 1), 10, &back));
  EXPECT_FALSE(keys::DecodeDegreeChunk(keys::EncodeDegreeChunk({{640, 3, 0}}), 10, &back));  // zero count
  EXPECT_FALSE(keys::DecodeDegreeChunk(keys::EncodeDegreeChunk({{641, 1, 1}, {640, 1, 1}}), 10, &back));
  ASSERT_TRUE(keys::DecodeDegreeChunk(keys::EncodeDegreeChunk({}), 10, &back));
  EXPECT_TRUE(back.empty());
}

}  // namespace
}  // namespace kg::storage
