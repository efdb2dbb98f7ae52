// Graph::Check for the RocksDB graph: cross-validates every family against
// the others (see storage/FORMAT.md for what must agree with what).
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "common/text.h"
#include "graph/curation.h"
#include "graph/degrees.h"
#include "graph/document_nodes.h"
#include "graph/entity_keys.h"
#include "graph/record_codec.h"
#include "graph/rocks_graph.h"
#include "storage/coding.h"
#include "storage/keys.h"

namespace kg::graph::internal {
namespace {

using storage::Family;
namespace keys = storage::keys;

constexpr size_t kMaxProblems = 1000;

class Problems {
 public:
  void Add(std::string what) {
    if (list_.size() < kMaxProblems) list_.push_back({std::move(what)});
  }
  std::vector<CheckProblem> Take() { return std::move(list_); }

 private:
  std::vector<CheckProblem> list_;
};

bool Contains(const std::vector<uint64_t>& sorted, uint64_t id) {
  return std::binary_search(sorted.begin(), sorted.end(), id);
}

bool KeyExists(const storage::Store& store, Family f, const std::string& key, Status* error) {
  std::string v;
  Status s = store.Get(f, key, &v);
  if (!s.ok() && !s.IsNotFound()) *error = s;
  return s.ok();
}

std::string Num(uint64_t n) { return std::to_string(n); }

}  // namespace

Result<std::vector<CheckProblem>> RocksGraph::Check() const {
  const storage::Store& store = *store_;
  Problems p;
  Status err;
  Counters stored;
  KG_RETURN_IF_ERROR(LoadCounters(store, &stored));
  Counters seen;

  // Strings: both directions agree.
  std::map<uint32_t, std::string> strings;
  {
    auto it = store.NewIterator(Family::kStrings);
    for (; it->Valid(); it->Next()) {
      uint32_t id;
      std::string name;
      if (keys::ParseStringById(it->key(), &id)) {
        strings[id] = std::string(it->value());
        std::string back;
        Status s = store.Get(Family::kStrings, keys::StringByName(it->value()), &back);
        size_t pos = 0;
        uint32_t back_id = 0;
        if (!s.ok() || !storage::GetBigEndian32(back, &pos, &back_id) || back_id != id) {
          p.Add("string " + Num(id) + ": name->id entry missing or different");
        }
        if (id >= stored.next_string) p.Add("string " + Num(id) + ": id not below next_string");
      } else if (!keys::ParseStringByName(it->key(), &name)) {
        p.Add("strings: unreadable key");
      }
    }
    KG_RETURN_IF_ERROR(it->status());
  }

  // Documents: text sizes for span checks, and the document index entries
  // they need.
  std::unordered_map<std::string, uint32_t> doc_size;
  std::set<std::string> doc_keys;
  {
    auto it = store.NewIterator(Family::kDocuments);
    for (; it->Valid(); it->Next()) {
      std::string id(it->key());
      DocumentRecord r;
      if (!codec::DecodeDocument(it->value(), &r)) {
        p.Add("document " + id + ": unreadable");
        continue;
      }
      if (r.document.id != id) p.Add("document " + id + ": record names id " + r.document.id);
      doc_size[id] = static_cast<uint32_t>(r.document.text.size());
      seen.documents++;
      seen.extractors[ExtractorLabel(r.extractor, r.extractor_version)]++;
      if (doc_keys_stored_)
        for (std::string& entry : DocumentKeyEntries(r.document)) doc_keys.insert(std::move(entry));
    }
    KG_RETURN_IF_ERROR(it->status());
  }
  // The document index: exactly the keys the documents give.
  if (doc_keys_stored_) {
    auto it = store.NewIterator(Family::kDocKeys);
    for (; it->Valid(); it->Next()) {
      keys::DocKey kind;
      std::string text, doc;
      if (!keys::ParseDocKeyKey(it->key(), &kind, &text, &doc)) {
        p.Add("doc_keys: unreadable key");
      } else if (doc_keys.erase(std::string(it->key())) == 0) {
        p.Add("doc_keys: " + std::string(kind == keys::DocKey::kUrl ? "url " : "source ") + text +
              " names document " + doc + (doc_size.count(doc) ? ", which has another" : ", which is not stored"));
      }
    }
    KG_RETURN_IF_ERROR(it->status());
    for (const std::string& missing : doc_keys) {
      keys::DocKey kind;
      std::string text, doc;
      if (keys::ParseDocKeyKey(missing, &kind, &text, &doc))
        p.Add("document " + doc + ": doc_keys entry for its " +
              (kind == keys::DocKey::kUrl ? "url " : "source ") + text + " missing");
    }
  }
  // Curation records (graph/curation.h); their ids name the pseudo-documents
  // "curation:<id>" of the aliases they gave.
  std::set<uint64_t> active_curation;
  auto curation_doc_ok = [&](const std::string& doc) {
    if (doc.rfind("curation:", 0) != 0) return false;
    const std::string digits = doc.substr(9);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return false;
    return active_curation.count(std::stoull(digits)) > 0;
  };
  auto span_ok = [&](const std::string& doc, const ByteSpan& s) {
    if (IsPseudoDocument(doc)) return true;
    auto d = doc_size.find(doc);
    return d != doc_size.end() && s.begin <= s.end && s.end <= d->second;
  };

  // Nodes, with their label and name index entries.
  std::vector<uint64_t> node_ids;
  // Entity nodes' names, types and mention surfaces, for the alias index.
  struct EntityNode {
    StoredEntity entity;
    std::vector<std::string> surfaces;
    std::vector<std::string> given;  // names given by curation
  };
  std::unordered_map<uint64_t, EntityNode> entity_nodes;
  std::optional<uint32_t> entity_label = dictionary_.Find("Entity");
  {
    auto it = store.NewIterator(Family::kNodes);
    for (; it->Valid(); it->Next()) {
      uint64_t id;
      codec::NodeValue nv;
      if (!keys::ParseId64(it->key(), &id) || !codec::DecodeNode(it->value(), &nv)) {
        p.Add("nodes: unreadable record");
        continue;
      }
      node_ids.push_back(id);
      if (id >= stored.next_node) p.Add("node " + Num(id) + ": id not below next_node");
      seen.nodes++;
      for (uint32_t l : nv.labels) {
        if (!strings.count(l)) p.Add("node " + Num(id) + ": label id " + Num(l) + " not interned");
        if (!KeyExists(store, Family::kLabels, keys::LabelKey(l, id), &err)) {
          p.Add("node " + Num(id) + ": label index entry missing");
        }
        seen.labels[l]++;
        if (entity_label && l == *entity_label) seen.entities++;
      }
      auto name = nv.properties.find("name");
      bool is_entity = false;
      for (uint32_t l : nv.labels) is_entity |= entity_label && l == *entity_label;
      if (is_entity && name != nv.properties.end())
        entity_nodes[id] = EntityNode{StoredEntityOf(nv.properties), {}, {}};
      if (name != nv.properties.end()) {
        if (auto* s = std::get_if<std::string>(&name->second.value)) {
          if (!KeyExists(store, Family::kNames, keys::NameKey(text::FoldCase(*s), id), &err)) {
            p.Add("node " + Num(id) + ": name index entry missing");
          }
        }
      }
    }
    KG_RETURN_IF_ERROR(it->status());
  }
  {
    auto it = store.NewIterator(Family::kLabels);
    for (; it->Valid(); it->Next()) {
      uint32_t l;
      uint64_t n;
      if (!keys::ParseLabelKey(it->key(), &l, &n)) {
        p.Add("labels: unreadable key");
      } else if (!Contains(node_ids, n)) {
        p.Add("labels: entry for missing node " + Num(n));
      }
    }
    KG_RETURN_IF_ERROR(it->status());
  }
  {
    auto it = store.NewIterator(Family::kNames);
    for (; it->Valid(); it->Next()) {
      std::string folded;
      uint64_t n;
      if (!keys::ParseNameKey(it->key(), &folded, &n)) {
        p.Add("names: unreadable key");
      } else if (!Contains(node_ids, n)) {
        p.Add("names: entry '" + folded + "' for missing node " + Num(n));
      } else if (text::FoldCase(it->value()) != folded) {
        p.Add("names: entry '" + folded + "' holds name '" + std::string(it->value()) + "'");
      }
    }
    KG_RETURN_IF_ERROR(it->status());
  }

  // Edges, with adjacency entries and their support counts.
  std::vector<uint64_t> edge_ids;
  std::unordered_map<uint64_t, std::pair<uint32_t, uint32_t>> edge_counts;  // prov, docs
  {
    auto it = store.NewIterator(Family::kEdges);
    for (; it->Valid(); it->Next()) {
      uint64_t id;
      codec::EdgeValue ev;
      if (!keys::ParseId64(it->key(), &id) || !codec::DecodeEdge(it->value(), &ev)) {
        p.Add("edges: unreadable record");
        continue;
      }
      edge_ids.push_back(id);
      edge_counts[id] = {ev.provenance_count, ev.document_count};
      seen.edges++;
      seen.types[ev.type]++;
      std::string e = "edge " + Num(id);
      if (id >= stored.next_edge) p.Add(e + ": id not below next_edge");
      if (!strings.count(ev.type)) p.Add(e + ": type id not interned");
      if (!Contains(node_ids, ev.source)) p.Add(e + ": source node " + Num(ev.source) + " missing");
      if (!Contains(node_ids, ev.target)) p.Add(e + ": target node " + Num(ev.target) + " missing");
      if (!KeyExists(store, Family::kOut, keys::AdjacencyKey({ev.source, ev.type, ev.target, id}),
                     &err)) {
        p.Add(e + ": out-index entry missing");
      }
      if (!KeyExists(store, Family::kIn, keys::AdjacencyKey({ev.target, ev.type, ev.source, id}),
                     &err)) {
        p.Add(e + ": in-index entry missing");
      }
      if (ev.provenance_count == 0) p.Add(e + ": no provenance");
    }
    KG_RETURN_IF_ERROR(it->status());
  }
  for (Family f : {Family::kOut, Family::kIn}) {
    const char* name = f == Family::kOut ? "out" : "in";
    auto it = store.NewIterator(f);
    for (; it->Valid(); it->Next()) {
      keys::Adjacency a;
      if (!keys::ParseAdjacency(it->key(), &a)) {
        p.Add(std::string(name) + ": unreadable key");
        continue;
      }
      if (!Contains(edge_ids, a.edge)) {
        p.Add(std::string(name) + ": entry for missing edge " + Num(a.edge));
      }
    }
    KG_RETURN_IF_ERROR(it->status());
  }

  // The curation family: records, rejected edges.
  if (curation_stored_) {
    std::vector<uint64_t> sorted_edges = edge_ids;
    std::sort(sorted_edges.begin(), sorted_edges.end());
    CheckCuration(store, sorted_edges, [&](std::string what) { p.Add(std::move(what)); }, &active_curation);
  }

  // Degree counts: one per node, type and direction that has adjacency
  // entries, equal to their number (both lists are in node, type order).
  if (degrees_stored_) {
    for (EdgeDirection d : {EdgeDirection::kOut, EdgeDirection::kIn}) {
      const char* name = d == EdgeDirection::kOut ? "out" : "in";
      auto want = CountedDegrees(store, d);
      auto have = StoredDegrees(store, d);
      auto what = [&](const DegreeEntry& e) {
        return std::string("degree ") + name + " of node " + Num(e.node) + " type " + Num(e.type);
      };
      while (want->Valid() || have->Valid()) {
        auto order = [](const DegreeEntry& a, const DegreeEntry& b) {
          return std::make_pair(a.node, a.type) < std::make_pair(b.node, b.type);
        };
        if (!have->Valid() || (want->Valid() && order(want->entry(), have->entry()))) {
          p.Add(what(want->entry()) + ": count missing (" + Num(want->entry().count) + " relationships)");
          want->Next();
        } else if (!want->Valid() || order(have->entry(), want->entry())) {
          p.Add(what(have->entry()) + ": count " + Num(have->entry().count) + " without relationships");
          have->Next();
        } else {
          if (have->entry().count != want->entry().count)
            p.Add(what(have->entry()) + ": count " + Num(have->entry().count) + ", relationships " +
                  Num(want->entry().count));
          have->Next();
          want->Next();
        }
      }
      KG_RETURN_IF_ERROR(want->status());
      KG_RETURN_IF_ERROR(have->status());
    }
  }

  // Provenance: owner edge exists, document exists, spans inside the text,
  // counts agree with the edge record, document index entries exist.
  {
    std::unordered_map<uint64_t, std::pair<uint32_t, std::set<std::string>>> found;
    auto it = store.NewIterator(Family::kProvenance);
    for (; it->Valid(); it->Next()) {
      keys::SupportKey k;
      ProvenanceRecord r;
      if (!keys::ParseSupportKey(it->key(), &k) || !codec::DecodeProvenance(it->value(), &r)) {
        p.Add("provenance: unreadable record");
        continue;
      }
      seen.provenance++;
      std::string e = "edge " + Num(k.owner) + " provenance from " + k.document;
      if (!Contains(edge_ids, k.owner)) p.Add(e + ": edge missing");
      if (k.document != "manual" && !doc_size.count(k.document)) p.Add(e + ": document missing");
      for (const ByteSpan* s : {&r.sentence_span, &r.subject_span, &r.relation_span, &r.object_span}) {
        if (!span_ok(k.document, *s)) {
          p.Add(e + ": span outside the document text");
          break;
        }
      }
      auto& f = found[k.owner];
      f.first++;
      if (f.second.insert(k.document).second && k.document != "manual" &&
          !KeyExists(store, Family::kDocIndex,
                     keys::DocIndexKey(k.document, keys::DocItem::kEdge, k.owner), &err)) {
        p.Add(e + ": document index entry missing");
      }
    }
    KG_RETURN_IF_ERROR(it->status());
    for (const auto& [id, counts] : edge_counts) {
      auto f = found.find(id);
      uint32_t n = f == found.end() ? 0 : f->second.first;
      uint32_t d = f == found.end() ? 0 : static_cast<uint32_t>(f->second.second.size());
      if (n != counts.first) {
        p.Add("edge " + Num(id) + ": provenance_count " + Num(counts.first) + ", records " + Num(n));
      }
      if (d != counts.second) {
        p.Add("edge " + Num(id) + ": document_count " + Num(counts.second) + ", documents " + Num(d));
      }
    }
  }

  // Mentions.
  {
    std::set<std::pair<uint64_t, std::string>> mention_docs;  // (node, document) seen
    auto it = store.NewIterator(Family::kMentions);
    for (; it->Valid(); it->Next()) {
      keys::SupportKey k;
      MentionRecord r;
      if (!keys::ParseSupportKey(it->key(), &k) || !codec::DecodeMention(it->value(), &r)) {
        p.Add("mentions: unreadable record");
        continue;
      }
      seen.mentions++;
      std::string m = "node " + Num(k.owner) + " mention from " + k.document;
      if (!Contains(node_ids, k.owner)) p.Add(m + ": node missing");
      if (IsPseudoDocument(k.document)) {
        if (k.document != "manual" && !curation_doc_ok(k.document))
          p.Add(m + ": no active curation record gave it");
      } else if (!doc_size.count(k.document)) {
        p.Add(m + ": document missing");
      } else if (mention_docs.insert({k.owner, k.document}).second &&
                 !KeyExists(store, Family::kDocIndex, keys::DocIndexKey(k.document, keys::DocItem::kNode, k.owner),
                            &err)) {
        // What MENTIONED_IN from the document's side reads.
        p.Add(m + ": document index entry missing");
      }
      if (!span_ok(k.document, r.span)) p.Add(m + ": span outside the document text");
      if (auto en = entity_nodes.find(k.owner); en != entity_nodes.end())
        (IsCurationDocument(k.document) ? en->second.given : en->second.surfaces).push_back(r.surface);
    }
    KG_RETURN_IF_ERROR(it->status());
  }

  // The alias index: an entity node is indexed under exactly the aliases
  // its name and mentions justify (graph/entity_keys.h).
  {
    std::unordered_map<uint64_t, std::set<std::string>> indexed;
    auto it = store.NewIterator(Family::kNames);
    for (; it->Valid(); it->Next()) {
      std::string folded;
      uint64_t n;
      if (keys::ParseNameKey(it->key(), &folded, &n) && entity_nodes.count(n))
        indexed[n].insert(folded);
    }
    KG_RETURN_IF_ERROR(it->status());
    for (const auto& [id, en] : entity_nodes) {
      std::set<std::string> justified;
      for (const std::string& a : EntityAliases(en.entity.name, en.entity.type, en.surfaces, en.given))
        justified.insert(text::FoldCase(a));
      const std::set<std::string>& have = indexed[id];
      for (const std::string& a : have)
        if (!justified.count(a))
          p.Add("names: alias '" + a + "' of node " + Num(id) + " is justified by no mention");
      for (const std::string& a : justified)
        if (!have.count(a)) p.Add("names: alias '" + a + "' of node " + Num(id) + " missing");
    }
  }

  // Document index.
  {
    auto it = store.NewIterator(Family::kDocIndex);
    for (; it->Valid(); it->Next()) {
      std::string doc;
      keys::DocItem kind;
      uint64_t id;
      if (!keys::ParseDocIndexKey(it->key(), &doc, &kind, &id)) {
        p.Add("doc_index: unreadable key");
        continue;
      }
      if (!doc_size.count(doc)) p.Add("doc_index: entry for missing document " + doc);
      if (kind == keys::DocItem::kEdge ? !Contains(edge_ids, id) : !Contains(node_ids, id)) {
        p.Add("doc_index: document " + doc + " lists missing " +
              (kind == keys::DocItem::kEdge ? "edge " : "node ") + Num(id));
      }
    }
    KG_RETURN_IF_ERROR(it->status());
  }
  KG_RETURN_IF_ERROR(err);

  // Counters.
  auto cmp = [&](const char* what, uint64_t have, uint64_t want) {
    if (have != want) {
      p.Add(std::string("counter ") + what + " is " + Num(have) + ", found " + Num(want));
    }
  };
  cmp("documents", stored.documents, seen.documents);
  cmp("nodes", stored.nodes, seen.nodes);
  cmp("entities", stored.entities, seen.entities);
  cmp("edges", stored.edges, seen.edges);
  cmp("provenance", stored.provenance, seen.provenance);
  cmp("mentions", stored.mentions, seen.mentions);
  auto cmp_map = [&](const char* what, const auto& have, const auto& want) {
    for (const auto& [k, n] : have) {
      auto w = want.find(k);
      uint64_t m = w == want.end() ? 0 : w->second;
      if (n != m) p.Add(std::string("counter ") + what + " mismatch");
    }
    for (const auto& [k, n] : want) {
      if (!have.count(k)) p.Add(std::string("counter ") + what + " missing");
    }
  };
  cmp_map("label", stored.labels, seen.labels);
  cmp_map("type", stored.types, seen.types);
  cmp_map("extractor", stored.extractors, seen.extractors);
  return p.Take();
}

}  // namespace kg::graph::internal
