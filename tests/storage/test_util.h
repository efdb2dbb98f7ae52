// Helpers for the storage tests: temporary folders, hand-made extractions,
// and a canonical dump of a whole graph (through the Graph API only) used to
// compare two graphs with each other.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <rocksdb/db.h>

#include "common/claim.h"
#include "graph/graph.h"
#include "storage/store.h"

namespace kg::testing {

// A fresh temporary folder, removed with everything in it at destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = std::filesystem::temp_directory_path().string() + "/kg-store-test-XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    char* made = ::mkdtemp(buf.data());
    if (made) path_ = made;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// An extraction of `text` where each triple (subject, relation, object) names
// substrings of the text (the first occurrence of each is used as the span).
inline Extraction MakeExtraction(const std::string& id, const std::string& text,
                                 const std::vector<std::vector<std::string>>& triples) {
  Extraction x;
  x.document.id = id;
  x.document.source = id + ".txt";
  x.document.text = text;
  x.extractor = "test";
  x.extractor_version = "1";
  auto span_of = [&](const std::string& s) {
    size_t at = text.find(s);
    if (at == std::string::npos) at = 0;
    return ByteSpan{static_cast<uint32_t>(at), static_cast<uint32_t>(at + (at ? s.size() : 0))};
  };
  auto entity = [&](const std::string& name) {
    for (size_t i = 0; i < x.entities.size(); ++i) {
      if (x.entities[i].name == name) return static_cast<int>(i);
    }
    Entity e;
    e.name = name;
    e.type = EntityType::kPerson;
    e.mentions.push_back({0, span_of(name), name});
    x.entities.push_back(e);
    return static_cast<int>(x.entities.size() - 1);
  };
  for (const auto& t : triples) {
    Claim c;
    c.subject = entity(t[0]);
    c.object = entity(t[2]);
    c.relation = t[1];
    c.relation_surface = t[1];
    c.sentence_span = {0, static_cast<uint32_t>(text.size())};
    c.subject_span = span_of(t[0]);
    c.relation_span = span_of(t[1]);
    c.object_span = span_of(t[2]);
    c.confidence = 0.75;
    x.claims.push_back(c);
  }
  return x;
}

inline std::string ValueText(const graph::PropertyValue& v) {
  std::ostringstream o;
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          o << "null";
        } else if constexpr (std::is_same_v<T, graph::PropertyValue::List>) {
          o << "[";
          for (const auto& i : x) o << ValueText(i) << ",";
          o << "]";
        } else {
          o << x;
        }
      },
      v.value);
  return o.str();
}

// Everything in the graph except ingest times, in a stable text form.
inline std::string Dump(const graph::Graph& g) {
  std::ostringstream o;
  for (auto c = g.ScanNodes(); c->Valid(); c->Next()) {
    auto n = g.GetNode(c->node());
    o << "node " << c->node() << " [";
    for (const auto& l : n->labels) o << l << ",";
    o << "]";
    for (const auto& [k, v] : n->properties) o << " " << k << "=" << ValueText(v);
    auto mentions = g.NodeMentions(c->node());
    for (const auto& m : *mentions) {
      o << "\n  mention " << m.document_id << " " << m.sentence << " " << m.span.begin << "-"
        << m.span.end << " " << m.surface;
    }
    o << "\n";
  }
  for (auto c = g.ScanEdges(); c->Valid(); c->Next()) {
    auto e = g.GetEdge(c->edge().id);
    o << "edge " << e->id << " " << e->source << "-" << e->type << "->" << e->target << " docs "
      << e->document_count << " prov " << e->provenance_count << "\n";
    auto prov = g.EdgeProvenance(e->id);
    for (const auto& p : *prov) {
      o << "  prov " << p.document_id << " s" << p.sentence << " " << p.subject_span.begin << ":"
        << p.relation_span.begin << ":" << p.object_span.begin << " " << p.relation_surface << " "
        << p.extractor << " " << p.confidence << "\n";
    }
  }
  for (auto d : {graph::EdgeDirection::kOut, graph::EdgeDirection::kIn}) {
    for (auto c = g.ScanDegrees(d); c->Valid(); c->Next()) {
      o << "degree " << (d == graph::EdgeDirection::kOut ? "out " : "in ") << c->entry().node << " "
        << g.TypeName(c->entry().type) << " " << c->entry().count << "\n";
    }
  }
  auto docs = g.ListDocuments();
  for (const auto& d : *docs) {
    auto r = g.GetDocument(d);
    o << "doc " << d << " " << r->document.source << " claims " << r->claim_count << " bytes "
      << r->document.text.size() << "\n";
  }
  auto s = g.Stats();
  o << "stats " << s->documents << " " << s->nodes << " " << s->entities << " " << s->edges << " "
    << s->provenance << " " << s->mentions << "\n";
  auto labels = g.Labels();
  for (const auto& [l, n] : *labels) o << "label " << l << " " << n << "\n";
  auto types = g.RelationshipTypes();
  for (const auto& [t, n] : *types) o << "type " << t << " " << n << "\n";
  return o.str();
}

// Dump() of the database in `dir`, opened read-only ("" when it cannot be).
inline std::string DumpOf(const std::string& dir) {
  graph::OpenOptions o;
  o.read_only = true;
  o.create_if_missing = false;
  auto g = graph::Graph::Open(dir, o);
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return g.ok() ? Dump(**g) : "";
}

inline void ExpectClean(const graph::Graph& g) {
  auto problems = g.Check();
  ASSERT_TRUE(problems.ok()) << problems.status().ToString();
  for (const auto& p : *problems) ADD_FAILURE() << "check: " << p.what;
}

// Makes the store in `dir` look like what an older kg wrote: the column
// family `dropped` (which that version did not have) is gone and the format
// version is `version`. For the tests of opening and upgrading old stores.
inline void MakeOlderVersion(const std::string& dir, const std::string& dropped, int version) {
  std::vector<std::string> names;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (const auto& n : names) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> hs;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), dir, cfs, &hs, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  for (auto* h : hs) {
    if (h->GetName() == dropped) {
      ASSERT_TRUE(db->DropColumnFamily(h).ok());
    }
    if (h->GetName() == "meta") {
      ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), h, storage::kFormatVersionKey, std::to_string(version)).ok());
    }
  }
  for (auto* h : hs) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
  ASSERT_TRUE(db->Close().ok());
}

}  // namespace kg::testing
