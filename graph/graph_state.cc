#include "graph/graph_state.h"

#include <algorithm>
#include <chrono>
#include <mutex>

#include "common/text.h"
#include "graph/document_nodes.h"
#include "graph/entity_keys.h"
#include "storage/coding.h"
#include "storage/keys.h"

namespace kg::graph::internal {

using storage::Family;
namespace keys = storage::keys;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

Status ReadCounter(const storage::Store& store, const char* key, uint64_t* out, uint64_t dflt) {
  std::string v;
  Status s = store.Get(Family::kMeta, key, &v);
  if (s.IsNotFound()) {
    *out = dflt;
    return Status::OK();
  }
  KG_RETURN_IF_ERROR(s);
  if (!keys::DecodeCounter(v, out)) return Status::Corruption(std::string("bad counter ") + key);
  return Status::OK();
}

Status ReadCounterMap(const storage::Store& store, const std::string& prefix,
                      std::map<uint32_t, uint64_t>* out) {
  for (auto it = store.NewIterator(Family::kMeta, prefix); it->Valid(); it->Next()) {
    std::string_view k = it->key().substr(prefix.size());
    size_t pos = 0;
    uint32_t id;
    uint64_t n;
    if (!storage::GetBigEndian32(k, &pos, &id) || !keys::DecodeCounter(it->value(), &n)) {
      return Status::Corruption("bad counter under " + prefix);
    }
    (*out)[id] = n;
  }
  return Status::OK();
}

}  // namespace

Status LoadCounters(const storage::Store& store, Counters* c) {
  *c = Counters();
  KG_RETURN_IF_ERROR(ReadCounter(store, keys::kNextNode, &c->next_node, 1));
  KG_RETURN_IF_ERROR(ReadCounter(store, keys::kNextEdge, &c->next_edge, 1));
  KG_RETURN_IF_ERROR(ReadCounter(store, keys::kNextString, &c->next_string, 1));
  KG_RETURN_IF_ERROR(ReadCounter(store, keys::kCountDocuments, &c->documents, 0));
  KG_RETURN_IF_ERROR(ReadCounter(store, keys::kCountNodes, &c->nodes, 0));
  KG_RETURN_IF_ERROR(ReadCounter(store, keys::kCountEntities, &c->entities, 0));
  KG_RETURN_IF_ERROR(ReadCounter(store, keys::kCountEdges, &c->edges, 0));
  KG_RETURN_IF_ERROR(ReadCounter(store, keys::kCountProvenance, &c->provenance, 0));
  KG_RETURN_IF_ERROR(ReadCounter(store, keys::kCountMentions, &c->mentions, 0));
  KG_RETURN_IF_ERROR(ReadCounterMap(store, keys::kLabelCountPrefix, &c->labels));
  KG_RETURN_IF_ERROR(ReadCounterMap(store, keys::kTypeCountPrefix, &c->types));
  std::string prefix = keys::kExtractorCountPrefix;
  auto it = store.NewIterator(Family::kMeta, prefix);
  for (; it->Valid(); it->Next()) {
    uint64_t n;
    if (!keys::DecodeCounter(it->value(), &n)) return Status::Corruption("bad extractor counter");
    c->extractors[std::string(it->key().substr(prefix.size()))] = n;
  }
  return it->status();
}

void EmitCounters(Counters* c, Sink* sink) {
  auto put = [&](const char* k, uint64_t v) { sink->Put(Family::kMeta, k, keys::EncodeCounter(v)); };
  put(keys::kNextNode, c->next_node);
  put(keys::kNextEdge, c->next_edge);
  put(keys::kNextString, c->next_string);
  put(keys::kCountDocuments, c->documents);
  put(keys::kCountNodes, c->nodes);
  put(keys::kCountEntities, c->entities);
  put(keys::kCountEdges, c->edges);
  put(keys::kCountProvenance, c->provenance);
  put(keys::kCountMentions, c->mentions);
  for (uint32_t id : c->dirty_labels) {
    sink->Put(Family::kMeta, keys::LabelCountKey(id), keys::EncodeCounter(c->labels[id]));
  }
  for (uint32_t id : c->dirty_types) {
    sink->Put(Family::kMeta, keys::TypeCountKey(id), keys::EncodeCounter(c->types[id]));
  }
  for (const auto& name : c->dirty_extractors) {
    sink->Put(Family::kMeta, keys::ExtractorCountKey(name),
              keys::EncodeCounter(c->extractors[name]));
  }
  c->dirty_labels.clear();
  c->dirty_types.clear();
  c->dirty_extractors.clear();
}

Status Dictionary::Load(const storage::Store& store) {
  std::unique_lock lock(mu_);
  by_name_.clear();
  by_id_.clear();
  auto it = store.NewIterator(Family::kStrings, "i");
  for (; it->Valid(); it->Next()) {
    uint32_t id;
    if (!keys::ParseStringById(it->key(), &id)) return Status::Corruption("bad string key");
    std::string name(it->value());
    by_name_[name] = id;
    by_id_[id] = std::move(name);
  }
  return it->status();
}

std::optional<uint32_t> Dictionary::Find(const std::string& name) const {
  std::shared_lock lock(mu_);
  auto it = by_name_.find(name);
  if (it == by_name_.end()) return std::nullopt;
  return it->second;
}

std::string Dictionary::Name(uint32_t id) const {
  std::shared_lock lock(mu_);
  auto it = by_id_.find(id);
  return it == by_id_.end() ? std::string() : it->second;
}

void Dictionary::Add(uint32_t id, const std::string& name) {
  std::unique_lock lock(mu_);
  by_name_[name] = id;
  by_id_[id] = name;
}

IngestPlan::IngestPlan(const storage::Store* store, const Dictionary* dictionary, Counters base)
    : store_(store), dictionary_(dictionary), counters_(std::move(base)) {
  store_was_empty_ = counters_.nodes == 0;
}

storage::Iterator* IngestPlan::Lookup(Family family) {
  auto& it = family == Family::kNames ? names_it_ : out_it_;
  if (!it) it = store_->NewLookupIterator(family);
  return it.get();
}

namespace {
bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}
}  // namespace

void IngestPlan::Reset() {
  names_it_.reset();
  out_it_.reset();
  documents_.clear();
  edges_.clear();
  pending_strings_.clear();
  new_strings_.clear();
}

Result<uint32_t> IngestPlan::Intern(const std::string& name) {
  if (auto id = dictionary_->Find(name)) return *id;
  auto it = pending_strings_.find(name);
  if (it != pending_strings_.end()) return it->second;
  if (counters_.next_string > 0xFFFFFFFFull) return Status::NotSupported("too many strings");
  auto id = static_cast<uint32_t>(counters_.next_string++);
  pending_strings_[name] = id;
  new_strings_.emplace_back(id, name);
  return id;
}

// Looks for an existing node named `folded` of the same kind (Entity or
// Value), in the plan and then in the store. The lowest id wins.
Result<std::optional<uint64_t>> IngestPlan::FindNode(const std::string& folded, bool value_node) {
  std::string key = (value_node ? "v" : "e") + folded;
  auto hit = nodes_by_name_.find(key);
  if (hit != nodes_by_name_.end()) return std::optional<uint64_t>(hit->second);
  std::optional<uint32_t> wanted = dictionary_->Find(value_node ? "Value" : "Entity");
  if (!wanted || store_was_empty_) return std::optional<uint64_t>();
  std::string prefix = keys::NamePrefix(folded);
  storage::Iterator* it = Lookup(Family::kNames);
  for (it->Seek(prefix); it->Valid() && StartsWith(it->key(), prefix); it->Next()) {
    std::string name;
    uint64_t node;
    if (!keys::ParseNameKey(it->key(), &name, &node)) return Status::Corruption("bad name key");
    std::string v;
    KG_RETURN_IF_ERROR(store_->Get(Family::kNodes, keys::Id64(node), &v)
                           .WithContext("node " + std::to_string(node) + " of name index"));
    codec::NodeValue nv;
    if (!codec::DecodeNode(v, &nv)) return Status::Corruption("bad node " + std::to_string(node));
    for (uint32_t l : nv.labels) {
      if (l == *wanted) {
        nodes_by_name_[key] = node;
        return std::optional<uint64_t>(node);
      }
    }
  }
  KG_RETURN_IF_ERROR(it->status());
  return std::optional<uint64_t>();
}

const StoredEntity* IngestPlan::EntityInfoOf(uint64_t node) {
  auto hit = entity_info_.find(node);
  if (hit != entity_info_.end()) return &hit->second;
  std::string v;
  if (!store_->Get(Family::kNodes, keys::Id64(node), &v).ok()) return nullptr;
  codec::NodeValue nv;
  if (!codec::DecodeNode(v, &nv)) return nullptr;
  std::optional<uint32_t> entity = dictionary_->Find("Entity");
  if (!entity || std::find(nv.labels.begin(), nv.labels.end(), *entity) == nv.labels.end())
    return nullptr;
  return &(entity_info_[node] = StoredEntityOf(nv.properties));
}

Result<std::vector<uint64_t>> IngestPlan::EntitiesUnder(const std::string& folded_key) {
  std::vector<uint64_t> out;
  auto planned = entity_keys_.find(folded_key);
  if (planned != entity_keys_.end()) out = planned->second;
  if (store_was_empty_) return out;
  std::string prefix = keys::NamePrefix(folded_key);
  storage::Iterator* it = Lookup(Family::kNames);
  for (it->Seek(prefix); it->Valid() && StartsWith(it->key(), prefix); it->Next()) {
    std::string name;
    uint64_t node;
    if (!keys::ParseNameKey(it->key(), &name, &node)) return Status::Corruption("bad name key");
    if (std::find(out.begin(), out.end(), node) == out.end()) out.push_back(node);
  }
  KG_RETURN_IF_ERROR(it->status());
  return out;
}

Result<std::vector<uint64_t>> IngestPlan::QualifiedOrganisations(const std::string& folded_name) {
  std::vector<uint64_t> out;
  // (Cut as written: the keys are folded.)
  auto add = [&](uint64_t node) {
    const StoredEntity* info = EntityInfoOf(node);
    if (info && info->type == EntityType::kOrganization &&
        text::FoldCase(CutOrgQualifier(info->name)) == folded_name &&
        std::find(out.begin(), out.end(), node) == out.end())
      out.push_back(node);
  };
  for (const char* connector : {" for ", " on ", " at "}) {
    std::string prefix = folded_name + connector;
    for (auto it = planned_org_names_.lower_bound(prefix);
         it != planned_org_names_.end() && StartsWith(it->first, prefix); ++it)
      add(it->second);
    if (store_was_empty_) continue;
    storage::Iterator* it = Lookup(Family::kNames);
    int seen = 0;  // (a bound: the few names so qualified)
    for (it->Seek(prefix); it->Valid() && StartsWith(it->key(), prefix) && seen < 16;
         it->Next(), ++seen) {
      std::string name;
      uint64_t node;
      if (!keys::ParseNameKey(it->key(), &name, &node)) return Status::Corruption("bad name key");
      add(node);
    }
    KG_RETURN_IF_ERROR(it->status());
  }
  return out;
}

Result<std::optional<uint64_t>> IngestPlan::FindEntity(const Entity& e) {
  // The entity's keys: its name, its name without an organisation suffix,
  // and the acronyms its document defined for it.
  std::vector<std::string> own_keys{text::FoldCase(e.name)};
  if (e.type != EntityType::kPerson && e.type != EntityType::kPlace) {
    std::string stripped = text::FoldCase(StripOrgSuffix(e.name));
    if (stripped != own_keys[0]) own_keys.push_back(stripped);
  }
  // (And for an organisation its name cut before a qualifying "for", "on"
  // or "at" part: "Andy Warhol Foundation for the Visual Arts" finds the
  // stored "Andy Warhol Foundation".)
  if (e.type == EntityType::kOrganization) {
    std::string cut = text::FoldCase(CutOrgQualifier(e.name));
    if (cut != own_keys[0]) own_keys.push_back(cut);
  }
  for (const std::string& a : e.aliases)
    if (a.size() >= 2 && a.size() <= 6 && text::IsAllUpper(a)) own_keys.push_back(text::FoldCase(a));
  int best_rank = 0;
  std::vector<uint64_t> best;
  for (const std::string& key : own_keys) {
    Result<std::vector<uint64_t>> nodes = EntitiesUnder(key);
    if (!nodes.ok()) return nodes.status();
    // The other way round: "Andy Warhol Foundation" finds the stored "Andy
    // Warhol Foundation for the Visual Arts".
    if (e.type == EntityType::kOrganization && key == own_keys[0]) {
      Result<std::vector<uint64_t>> qualified = QualifiedOrganisations(key);
      if (!qualified.ok()) return qualified.status();
      for (uint64_t q : *qualified)
        if (std::find(nodes->begin(), nodes->end(), q) == nodes->end()) nodes->push_back(q);
    }
    for (uint64_t node : *nodes) {
      const StoredEntity* info = EntityInfoOf(node);
      if (!info || !TypesCompatible(e.type, info->type)) continue;
      int rank = KeyRank(info->name, key);
      // Only an alias ("Jobs" of Steve Jobs): the types must agree, or the
      // key is an acronym ("GM" typed Other where no text defines it).
      bool acronym = text::IsAllUpper(key == own_keys[0] ? e.name : key);
      if (rank == 1 && info->type != e.type && !(acronym && e.type == EntityType::kOther)) continue;
      if (rank > best_rank) {
        best_rank = rank;
        best = {node};
      } else if (rank == best_rank && std::find(best.begin(), best.end(), node) == best.end()) {
        best.push_back(node);
      }
    }
  }
  // None: the short name its document used for an organisation "X of Y",
  // the words after "of" ("Scientology" for the "Church of Scientology"),
  // finds a stored organisation of that very name, when only one.
  if (best.empty() && e.type == EntityType::kOrganization) {
    size_t of = e.name.find(" of ");
    std::string tail = of == std::string::npos ? "" : text::FoldCase(e.name.substr(of + 4));
    bool used = false;
    for (const std::string& a : e.aliases) used |= !tail.empty() && text::FoldCase(a) == tail;
    if (used) {
      Result<std::vector<uint64_t>> nodes = EntitiesUnder(tail);
      if (!nodes.ok()) return nodes.status();
      for (uint64_t node : *nodes) {
        const StoredEntity* info = EntityInfoOf(node);
        if (info && info->type == e.type && text::FoldCase(info->name) == tail) best.push_back(node);
      }
      if (best.size() == 1) return std::optional<uint64_t>(best[0]);
      return std::optional<uint64_t>();
    }
  }
  if (best.empty()) return std::optional<uint64_t>();
  // Two candidates equally good by alias only: ambiguous, a node of its own.
  if (best.size() > 1 && best_rank < 3) return std::optional<uint64_t>();
  return std::optional<uint64_t>(*std::min_element(best.begin(), best.end()));
}

Result<uint64_t> IngestPlan::FindOrCreateEdge(uint64_t source, uint32_t type, uint64_t target,
                                              bool* created) {
  *created = false;
  std::string triple = keys::AdjacencyPrefix(source, type, target);
  auto hit = edges_by_triple_.find(triple);
  if (hit != edges_by_triple_.end()) {
    if (!edges_.count(hit->second)) {
      // Made by this plan and already ingested (bulk path): read it back.
      std::string v;
      KG_RETURN_IF_ERROR(store_->Get(Family::kEdges, keys::Id64(hit->second), &v)
                             .WithContext("edge " + std::to_string(hit->second)));
      codec::EdgeValue ev;
      if (!codec::DecodeEdge(v, &ev)) return Status::Corruption("bad edge record");
      edges_[hit->second] = std::move(ev);
    }
    return hit->second;
  }
  // An edge touching a node this plan created cannot be in the store yet.
  bool maybe_stored = !created_nodes_.count(source) && !created_nodes_.count(target);
  storage::Iterator* it = maybe_stored ? Lookup(Family::kOut) : nullptr;
  if (it) it->Seek(triple);
  if (it && it->Valid() && StartsWith(it->key(), triple)) {
    keys::Adjacency a;
    if (!keys::ParseAdjacency(it->key(), &a)) return Status::Corruption("bad out key");
    std::string v;
    KG_RETURN_IF_ERROR(store_->Get(Family::kEdges, keys::Id64(a.edge), &v)
                           .WithContext("edge " + std::to_string(a.edge) + " of out index"));
    codec::EdgeValue ev;
    if (!codec::DecodeEdge(v, &ev)) return Status::Corruption("bad edge " + std::to_string(a.edge));
    edges_[a.edge] = std::move(ev);
    edges_by_triple_[triple] = a.edge;
    return a.edge;
  }
  if (it) KG_RETURN_IF_ERROR(it->status());
  uint64_t id = counters_.next_edge++;
  codec::EdgeValue ev;
  ev.source = source;
  ev.target = target;
  ev.type = type;
  edges_[id] = ev;
  edges_by_triple_[triple] = id;
  *created = true;
  return id;
}

Result<AddSummary> IngestPlan::Add(const Extraction& x, int64_t now_ms, Sink* sink) {
  AddSummary summary;
  const Document& doc = x.document;
  if (doc.id.empty()) return Status::InvalidArgument("document without id: " + doc.source);
  if (documents_.count(doc.id)) {
    summary.unchanged = true;
    return summary;
  }
  {
    std::string v;
    Status s = store_->Get(Family::kDocuments, doc.id, &v);
    if (s.ok()) {
      summary.unchanged = true;
      return summary;
    }
    if (!s.IsNotFound()) return s;
  }
  documents_.insert(doc.id);
  const uint32_t text_size = static_cast<uint32_t>(doc.text.size());
  auto span_ok = [&](const ByteSpan& s) { return s.begin <= s.end && s.end <= text_size; };

  Result<uint32_t> entity_label = Intern("Entity");
  if (!entity_label.ok()) return entity_label.status();

  // Entities -> nodes.
  std::vector<int64_t> node_of(x.entities.size(), -1);
  std::map<uint64_t, uint32_t> mention_seq;
  std::set<uint64_t> touched_nodes;
  // Only entities this document supports (a mention, or a stored claim)
  // become or touch nodes: a node is never left without any support.
  std::vector<bool> used(x.entities.size(), false);
  auto named = [&](int i) {
    return i >= 0 && static_cast<size_t>(i) < x.entities.size() && !x.entities[i].name.empty();
  };
  for (size_t i = 0; i < x.entities.size(); ++i) used[i] = !x.entities[i].mentions.empty();
  for (const Claim& c : x.claims) {
    if (named(c.subject) && named(c.object) && !c.relation.empty()) {
      used[c.subject] = used[c.object] = true;
    }
  }
  for (size_t i = 0; i < x.entities.size(); ++i) {
    const Entity& e = x.entities[i];
    if (e.name.empty() || !used[i]) continue;
    bool value_node = e.type == EntityType::kValue;
    std::string folded = text::FoldCase(e.name);
    auto found = value_node ? FindNode(folded, true) : FindEntity(e);
    if (!found.ok()) return found.status();
    uint64_t node;
    if (found->has_value()) {
      node = **found;
    } else {
      node = counters_.next_node++;
      created_nodes_.insert(node);
      codec::NodeValue nv;
      std::vector<std::string> labels;
      if (value_node) {
        labels = {"Value"};
      } else {
        labels = {"Entity", EntityTypeName(e.type)};
      }
      for (const auto& l : labels) {
        auto id = Intern(l);
        if (!id.ok()) return id.status();
        if (std::find(nv.labels.begin(), nv.labels.end(), *id) != nv.labels.end()) continue;
        nv.labels.push_back(*id);
        sink->Put(Family::kLabels, keys::LabelKey(*id, node), "");
        counters_.labels[*id]++;
        counters_.dirty_labels.insert(*id);
      }
      nv.properties["name"] = PropertyValue(e.name);
      nv.properties["type"] = PropertyValue(std::string(EntityTypeName(e.type)));
      sink->Put(Family::kNodes, keys::Id64(node), codec::EncodeNode(nv));
      sink->Put(Family::kNames, keys::NameKey(folded, node), e.name);
      nodes_by_name_[(value_node ? "v" : "e") + folded] = node;
      if (!value_node) {
        entity_info_[node] = StoredEntity{e.name, e.type};
        entity_keys_[folded].push_back(node);
        if (e.type == EntityType::kOrganization && CutOrgQualifier(e.name) != e.name)
          planned_org_names_[folded] = node;
        written_names_.insert(keys::NameKey(folded, node));
      }
      counters_.nodes++;
      if (!value_node) counters_.entities++;
      summary.new_nodes++;
    }
    node_of[i] = static_cast<int64_t>(node);
    touched_nodes.insert(node);
    if (!value_node) {
      // The alias index: every form this document names the entity by.
      const StoredEntity* info = EntityInfoOf(node);
      EntityType type = info ? info->type : e.type;
      // The names its mentions used (entity_keys.h: what kg check and
      // Retract derive the index from), not only the extractor's aliases.
      std::vector<std::string> surfaces = e.aliases;
      for (const Mention& m : e.mentions) surfaces.push_back(m.surface);
      if (info && info->name != e.name) surfaces.push_back(e.name);
      for (const std::string& alias : EntityAliases(info ? info->name : e.name, type, surfaces)) {
        std::string key = text::FoldCase(alias);
        std::string name_key = keys::NameKey(key, node);
        if (!written_names_.insert(name_key).second) continue;
        sink->Put(Family::kNames, name_key, alias);
        std::vector<uint64_t>& nodes = entity_keys_[key];
        if (std::find(nodes.begin(), nodes.end(), node) == nodes.end()) nodes.push_back(node);
      }
    }
    for (const Mention& m : e.mentions) {
      if (!span_ok(m.span)) {
        return Status::InvalidArgument("mention span outside the text in " + doc.source);
      }
      MentionRecord r;
      r.document_id = doc.id;
      r.sentence = m.sentence;
      r.span = m.span;
      r.surface = m.surface;
      uint32_t seq = mention_seq[node]++;
      sink->Put(Family::kMentions, keys::SupportKeyOf({node, doc.id, seq}), codec::EncodeMention(r));
      counters_.mentions++;
      summary.new_mentions++;
    }
  }

  // Claims -> edges with provenance.
  std::map<uint64_t, uint32_t> provenance_seq;
  uint32_t claims = 0;
  for (const Claim& c : x.claims) {
    if (c.subject < 0 || c.object < 0 || static_cast<size_t>(c.subject) >= node_of.size() ||
        static_cast<size_t>(c.object) >= node_of.size() || node_of[c.subject] < 0 ||
        node_of[c.object] < 0 || c.relation.empty()) {
      continue;
    }
    for (const ByteSpan* s :
         {&c.sentence_span, &c.subject_span, &c.relation_span, &c.object_span}) {
      if (!span_ok(*s)) {
        return Status::InvalidArgument("claim span outside the text in " + doc.source);
      }
    }
    auto type = Intern(c.relation);
    if (!type.ok()) return type.status();
    bool created = false;
    auto edge = FindOrCreateEdge(static_cast<uint64_t>(node_of[c.subject]), *type,
                                 static_cast<uint64_t>(node_of[c.object]), &created);
    if (!edge.ok()) return edge.status();
    codec::EdgeValue& ev = edges_[*edge];
    if (created) {
      sink->Put(Family::kOut, keys::AdjacencyKey({ev.source, ev.type, ev.target, *edge}), "");
      sink->Put(Family::kIn, keys::AdjacencyKey({ev.target, ev.type, ev.source, *edge}), "");
      degree_deltas_.AddEdge(ev.source, ev.type, ev.target, +1);
      counters_.edges++;
      counters_.types[ev.type]++;
      counters_.dirty_types.insert(ev.type);
      summary.new_edges++;
    }
    auto [seq_it, first_from_doc] = provenance_seq.emplace(*edge, 0);
    if (first_from_doc) {
      ev.document_count++;
      sink->Put(Family::kDocIndex, keys::DocIndexKey(doc.id, keys::DocItem::kEdge, *edge), "");
    }
    ev.provenance_count++;
    ProvenanceRecord r;
    r.document_id = doc.id;
    r.sentence = c.sentence;
    r.sentence_span = c.sentence_span;
    r.subject_span = c.subject_span;
    r.relation_span = c.relation_span;
    r.object_span = c.object_span;
    r.relation_surface = c.relation_surface;
    r.extractor = x.extractor;
    r.extractor_version = x.extractor_version;
    r.confidence = c.confidence;
    r.negated = c.negated;
    r.modality = c.modality;
    r.attribution = c.attribution;
    r.arguments = c.arguments;
    r.relation_lemma = c.relation_lemma;
    r.ingest_time_ms = now_ms;
    sink->Put(Family::kProvenance, keys::SupportKeyOf({*edge, doc.id, seq_it->second++}),
              codec::EncodeProvenance(r));
    counters_.provenance++;
    summary.new_provenance++;
    claims++;
  }
  for (uint64_t node : touched_nodes) {
    sink->Put(Family::kDocIndex, keys::DocIndexKey(doc.id, keys::DocItem::kNode, node), "");
  }

  DocumentRecord record;
  record.document = doc;
  record.extractor = x.extractor;
  record.extractor_version = x.extractor_version;
  record.ingest_time_ms = now_ms;
  record.claim_count = claims;
  sink->Put(Family::kDocuments, doc.id, codec::EncodeDocument(record));
  for (std::string& entry : DocumentKeyEntries(doc)) sink->Put(Family::kDocKeys, std::move(entry), "");
  counters_.documents++;
  std::string extractor = ExtractorLabel(x.extractor, x.extractor_version);
  counters_.extractors[extractor]++;
  counters_.dirty_extractors.insert(extractor);
  return summary;
}

Status IngestPlan::Finish(Sink* sink) {
  KG_RETURN_IF_ERROR(degree_deltas_.Emit(*store_, sink, nullptr, &known_degrees_));
  for (const auto& [id, ev] : edges_) {
    sink->Put(Family::kEdges, keys::Id64(id), codec::EncodeEdge(ev));
  }
  for (const auto& [id, name] : new_strings_) {
    sink->Put(Family::kStrings, keys::StringById(id), name);
    std::string id_value;
    storage::PutBigEndian32(&id_value, id);
    sink->Put(Family::kStrings, keys::StringByName(name), id_value);
  }
  EmitCounters(&counters_, sink);
  return Status::OK();
}

}  // namespace kg::graph::internal
