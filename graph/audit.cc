#include "graph/audit.h"

#include <tuple>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_map>

#include "graph/export.h"

namespace kg::graph {
namespace {

using Json = nlohmann::ordered_json;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Str(const PropertyValue& v) {
  if (const auto* s = std::get_if<std::string>(&v.value)) return *s;
  return "";
}

std::string Dump(const Json& j) { return j.dump(2, ' ', false, Json::error_handler_t::replace); }

bool Contains(const ByteSpan& outer, const ByteSpan& inner) {
  return inner.begin >= outer.begin && inner.end <= outer.end;
}

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(Lower(s));
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// Re-checks one provenance record against the stored document text and fills
// the texts, the marked sentence and the problems of `support`.
void CheckSupport(const Graph& graph, SourceReader& reader, const EdgeRecord& edge,
                  SupportAudit& support) {
  const ProvenanceRecord& r = support.record;
  const DocumentRecord* doc = reader.Document(r.document_id);
  if (!doc) {
    if (r.document_id != "manual") {
      support.problems.push_back("document " + r.document_id + " is not stored");
    }
    return;
  }
  const std::string& text = doc->document.text;
  auto in_text = [&](const ByteSpan& s) { return s.begin <= s.end && s.end <= text.size(); };
  if (!in_text(r.sentence_span)) {
    support.problems.push_back("sentence span [" + std::to_string(r.sentence_span.begin) + ", " +
                               std::to_string(r.sentence_span.end) +
                               ") lies outside the document (" + std::to_string(text.size()) +
                               " bytes)");
    return;
  }
  support.sentence = text.substr(r.sentence_span.begin, r.sentence_span.size());
  struct Part {
    const char* what;
    ByteSpan span;
    std::string* out;
    const char* open;
    const char* close;
    NodeId node;
  };
  Part parts[] = {{"subject", r.subject_span, &support.subject_text, "«", "»", edge.source},
                  {"relation", r.relation_span, &support.relation_text, "⟦", "⟧", 0},
                  {"object", r.object_span, &support.object_text, "«", "»", edge.target}};
  std::vector<const Part*> marks;
  for (const Part& p : parts) {
    if (p.span.empty()) continue;
    if (!in_text(p.span)) {
      support.problems.push_back(std::string(p.what) + " span [" + std::to_string(p.span.begin) +
                                 ", " + std::to_string(p.span.end) +
                                 ") lies outside the document");
      continue;
    }
    *p.out = text.substr(p.span.begin, p.span.size());
    if (!Contains(r.sentence_span, p.span)) {
      support.problems.push_back(std::string(p.what) + " span [" + std::to_string(p.span.begin) +
                                 ", " + std::to_string(p.span.end) +
                                 ") is not inside its sentence");
      continue;
    }
    marks.push_back(&p);
  }
  // The relation words as recorded must be the words at the relation span
  // (in order, possibly with other words between: "tipped the FBI off").
  if (!r.relation_surface.empty() && !support.relation_text.empty()) {
    std::vector<std::string> want = Words(r.relation_surface);
    std::vector<std::string> have = Words(support.relation_text);
    size_t k = 0;
    for (const auto& w : have) {
      if (k < want.size() && w == want[k]) ++k;
    }
    if (k < want.size() && Lower(support.relation_text).find(Lower(r.relation_surface)) ==
                               std::string::npos) {
      support.problems.push_back("relation span reads \"" + support.relation_text +
                                 "\" but the claim records \"" + r.relation_surface + "\"");
    }
  }
  // An entity span that coincides with a recorded mention must read the same.
  for (const Part& p : parts) {
    if (p.node == 0 && std::string(p.what) == "relation") continue;
    if (p.out->empty()) continue;
    Result<std::vector<MentionRecord>> mentions = graph.NodeMentions(p.node);
    if (!mentions.ok()) continue;
    for (const auto& m : *mentions) {
      if (m.document_id == r.document_id && m.span == p.span && m.surface != *p.out) {
        support.problems.push_back(std::string(p.what) + " span reads \"" + *p.out +
                                   "\" but the mention recorded there is \"" + m.surface + "\"");
      }
    }
  }
  // Mark the sentence (overlapping spans are left unmarked).
  std::sort(marks.begin(), marks.end(),
            [](const Part* a, const Part* b) { return a->span.begin < b->span.begin; });
  std::string marked;
  uint32_t pos = r.sentence_span.begin;
  for (const Part* p : marks) {
    if (p->span.begin < pos) continue;
    marked += text.substr(pos, p->span.begin - pos);
    marked += p->open + *p->out + p->close;
    pos = p->span.end;
  }
  marked += text.substr(pos, r.sentence_span.end - pos);
  support.marked_sentence = marked;
}

std::string OneLine(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = true;
    } else {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

}  // namespace

// ---- Small helpers ----------------------------------------------------------

std::string NodeName(const NodeRecord& node) {
  auto it = node.properties.find("name");
  if (it != node.properties.end()) {
    std::string s = Str(it->second);
    if (!s.empty()) return s;
  }
  std::string label = node.labels.empty() ? "node" : node.labels.back();
  return label + " #" + std::to_string(node.id);
}

std::string NodeType(const NodeRecord& node) {
  auto it = node.properties.find("type");
  if (it != node.properties.end()) {
    std::string s = Str(it->second);
    if (!s.empty()) return s;
  }
  for (const auto& l : node.labels) {
    if (l != "Entity") return l;
  }
  return "Other";
}

std::string IsoTime(int64_t unix_ms) {
  if (unix_ms <= 0) return "";
  std::time_t t = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string SourceDocument::Describe() const {
  if (!found) return id == "manual" ? "created by hand" : "document " + id + " (not stored)";
  std::string out = publisher.empty() ? "" : publisher + " — ";
  if (!title.empty()) {
    out += title;
  } else if (!source.empty()) {
    out += source.substr(source.find_last_of('/') + 1);  // npos + 1 == 0
  } else {
    out += "document " + id.substr(0, 12);
  }
  if (!published.empty()) out += " (" + published + ")";
  return out;
}

std::string ClaimSources::DocumentIds() const {
  std::string out;
  for (const auto& d : documents) out += (out.empty() ? "" : ";") + d.id;
  return out;
}

std::string ClaimSources::Extractors() const {
  std::vector<std::string> seen;
  for (const auto& r : records) {
    std::string e = ExtractorLabel(r.extractor, r.extractor_version);
    if (std::find(seen.begin(), seen.end(), e) == seen.end()) seen.push_back(e);
  }
  std::string out;
  for (const auto& e : seen) out += (out.empty() ? "" : ";") + e;
  return out;
}

const SourceDocument* ClaimSources::Find(const std::string& document_id) const {
  for (const auto& d : documents) {
    if (d.id == document_id) return &d;
  }
  return nullptr;
}

const DocumentRecord* SourceReader::Document(const std::string& document_id) {
  auto it = documents_.find(document_id);
  if (it != documents_.end()) return it->second.get();
  std::unique_ptr<DocumentRecord> doc;
  if (document_id != "manual") {
    Result<DocumentRecord> r = graph_.GetDocument(document_id);
    if (r.ok()) doc = std::make_unique<DocumentRecord>(std::move(*r));
  }
  const DocumentRecord* out = doc.get();
  documents_.emplace(document_id, std::move(doc));
  return out;
}

std::string SourceReader::Slice(const std::string& document_id, const ByteSpan& span) {
  const DocumentRecord* doc = Document(document_id);
  if (!doc || span.begin > span.end || span.end > doc->document.text.size()) return "";
  return doc->document.text.substr(span.begin, span.size());
}

Result<ClaimSources> SourceReader::Sources(const EdgeRecord& edge) {
  Result<std::vector<ProvenanceRecord>> records = graph_.EdgeProvenance(edge.id);
  if (!records.ok()) return records.status().WithContext("provenance of edge " + std::to_string(edge.id));
  ClaimSources out;
  out.records = std::move(*records);
  size_t negated = 0;
  for (const auto& r : out.records) {
    out.max_confidence = std::max(out.max_confidence, r.confidence);
    if (r.negated) ++negated;
    if (r.ingest_time_ms > 0 && (out.first_ingest_ms == 0 || r.ingest_time_ms < out.first_ingest_ms))
      out.first_ingest_ms = r.ingest_time_ms;
    if (out.Find(r.document_id)) continue;
    SourceDocument d;
    d.id = r.document_id;
    if (const DocumentRecord* doc = Document(r.document_id)) {
      d.found = true;
      d.title = doc->document.title;
      d.publisher = doc->document.publisher;
      d.published = doc->document.published;
      d.url = doc->document.url;
      d.source = doc->document.source;
    }
    out.documents.push_back(std::move(d));
  }
  out.any_negated = negated > 0;
  out.all_negated = negated > 0 && negated == out.records.size();
  Result<std::vector<uint32_t>> groups = origins_.Groups(out.records);
  if (!groups.ok()) return groups.status();
  out.origin_of = std::move(*groups);
  std::vector<bool> has_document;
  for (size_t i = 0; i < out.records.size(); ++i) {
    uint32_t g = out.origin_of[i];
    if (g >= has_document.size()) has_document.resize(g + 1, false);
    if (out.records[i].document_id != "manual") has_document[g] = true;
  }
  for (bool b : has_document) out.independent_sources += b;
  return out;
}

// ---- One claim --------------------------------------------------------------

Result<ClaimAudit> AuditClaim(const Graph& graph, EdgeId id) {
  Result<EdgeRecord> edge = graph.GetEdge(id);
  if (!edge.ok()) {
    if (edge.status().IsNotFound()) return Status::NotFound("no claim with id " + std::to_string(id));
    return edge.status();
  }
  ClaimAudit audit;
  audit.edge = *edge;
  Result<NodeRecord> s = graph.GetNode(edge->source);
  Result<NodeRecord> o = graph.GetNode(edge->target);
  audit.subject_name = s.ok() ? NodeName(*s) : "#" + std::to_string(edge->source);
  audit.object_name = o.ok() ? NodeName(*o) : "#" + std::to_string(edge->target);
  SourceReader reader(graph);
  Result<ClaimSources> sources = reader.Sources(*edge);
  if (!sources.ok()) return sources.status();
  audit.independent_sources = sources->independent_sources;
  for (size_t i = 0; i < sources->records.size(); ++i) {
    const ProvenanceRecord& r = sources->records[i];
    uint32_t g = sources->origin_of[i];
    audit.manual_supports += r.document_id == "manual";
    SupportAudit support;
    support.record = r;
    support.origin = g;
    if (const SourceDocument* d = sources->Find(r.document_id)) support.document = *d;
    CheckSupport(graph, reader, *edge, support);
    if (!support.problems.empty()) ++audit.mismatches;
    audit.supports.push_back(std::move(support));
  }
  // By origin; within one, in store order. A support from another document
  // than its origin's first is a copy.
  // Within an origin the earliest published document comes first (undated
  // ones last, by source file): the copies follow the one they copy.
  std::stable_sort(audit.supports.begin(), audit.supports.end(),
                   [](const SupportAudit& a, const SupportAudit& b) {
                     const SourceDocument &x = a.document, &y = b.document;
                     return std::make_tuple(a.origin, x.published.empty(), x.published, x.source) <
                            std::make_tuple(b.origin, y.published.empty(), y.published, y.source);
                   });
  for (size_t i = 0, first = 0; i < audit.supports.size(); ++i) {
    if (i == 0 || audit.supports[i].origin != audit.supports[i - 1].origin) first = i;
    if (audit.supports[i].record.document_id != audit.supports[first].record.document_id) {
      audit.supports[i].copy_of = static_cast<int>(first);
      ++audit.copies;
    }
  }
  return audit;
}

namespace {

Result<std::vector<NodeId>> ResolveEntity(const Graph& graph, const std::string& name) {
  Result<std::vector<NodeId>> ids = ResolveEntityName(graph, name);
  if (!ids.ok()) return ids.status();
  if (!ids->empty()) return ids;
  std::string msg = "unknown entity '" + name + "': no node has that name";
  // Suggest names sharing the first word (or the first three letters).
  std::string prefix = name.substr(0, std::min<size_t>(name.find(' '), 3));
  Result<std::vector<std::string>> similar = graph.NamesWithPrefix(prefix, 8);
  if (similar.ok() && !similar->empty() && !prefix.empty()) {
    msg += "; names starting with '" + prefix + "':";
    for (size_t i = 0; i < similar->size(); ++i) msg += (i ? ", " : " ") + (*similar)[i];
  }
  return Status::NotFound(msg);
}

}  // namespace

Result<std::vector<NodeId>> ResolveEntityName(const Graph& graph, const std::string& name,
                                              size_t scan_limit) {
  Result<std::vector<NodeId>> ids = graph.FindByName(name);
  if (!ids.ok() || !ids->empty()) return ids;
  const std::string want = Lower(name);
  if (want.empty()) return ids;
  const bool acronym_like = want.size() >= 2 && want.find(' ') == std::string::npos;
  std::vector<NodeId> by_initials, by_mention;
  size_t scanned = 0;
  auto cur = graph.ScanLabel("Entity");
  for (; cur->Valid() && scanned < scan_limit; cur->Next(), ++scanned) {
    Result<NodeRecord> node = graph.GetNode(cur->node());
    if (!node.ok()) return node.status();
    if (acronym_like) {
      std::string initials;
      for (const auto& w : Words(NodeName(*node))) {
        if (w != "of" && w != "the" && w != "and" && w != "for") initials += w[0];
      }
      if (initials == want) by_initials.push_back(node->id);
    }
    Result<std::vector<MentionRecord>> mentions = graph.NodeMentions(node->id);
    if (!mentions.ok()) continue;
    for (const auto& m : *mentions) {
      if (Lower(m.surface) == want) {
        by_mention.push_back(node->id);
        break;
      }
    }
  }
  KG_RETURN_IF_ERROR(cur->status());
  // Mentioned as written beats initials.
  return by_mention.empty() ? by_initials : by_mention;
}

Result<std::vector<EdgeId>> FindClaims(const Graph& graph, const std::string& subject,
                                       const std::string& relation, const std::string& object) {
  if (subject.empty() && relation.empty() && object.empty()) {
    return Status::InvalidArgument("give at least one of --subject, --relation, --object");
  }
  std::vector<NodeId> subjects, objects;
  if (!subject.empty()) {
    auto r = ResolveEntity(graph, subject);
    if (!r.ok()) return r.status();
    subjects = *r;
  }
  if (!object.empty()) {
    auto r = ResolveEntity(graph, object);
    if (!r.ok()) return r.status();
    objects = *r;
  }
  std::optional<TypeId> type;
  if (!relation.empty()) {
    type = graph.FindType(relation);
    if (!type) {
      std::string normal = Lower(relation);
      std::replace(normal.begin(), normal.end(), ' ', '_');
      type = graph.FindType(normal);
    }
    if (!type) return Status::NotFound("unknown relation type '" + relation + "' (see :schema or `kg stats`)");
  }
  std::set<NodeId> object_set(objects.begin(), objects.end());
  std::set<NodeId> subject_set(subjects.begin(), subjects.end());
  std::vector<EdgeId> out;
  std::set<std::string> other_relations;
  auto take = [&](const EdgeRef& e) {
    if (!subjects.empty() && !subject_set.count(e.source)) return;
    if (!objects.empty() && !object_set.count(e.target)) return;
    if (type && e.type != *type) {
      other_relations.insert(graph.TypeName(e.type));
      return;
    }
    out.push_back(e.id);
  };
  if (!subjects.empty()) {
    for (NodeId n : subjects) {
      auto cur = graph.OutEdges(n);
      for (; cur->Valid(); cur->Next()) take(cur->edge());
      KG_RETURN_IF_ERROR(cur->status());
    }
  } else if (!objects.empty()) {
    for (NodeId n : objects) {
      auto cur = graph.InEdges(n);
      for (; cur->Valid(); cur->Next()) take(cur->edge());
      KG_RETURN_IF_ERROR(cur->status());
    }
  } else {
    auto cur = graph.ScanEdges();
    for (; cur->Valid(); cur->Next()) take(cur->edge());
    KG_RETURN_IF_ERROR(cur->status());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.empty()) {
    std::string msg = "no claim " + (subject.empty() ? std::string("(any)") : subject) + " -" +
                      (relation.empty() ? std::string("(any)") : relation) + "-> " +
                      (object.empty() ? std::string("(any)") : object) + " in the graph";
    if (!other_relations.empty()) {
      msg += "; relations between them:";
      for (const auto& r : other_relations) msg += " " + r;
    }
    return Status::NotFound(msg);
  }
  return out;
}

std::string FormatClaimAudit(const ClaimAudit& a) {
  std::ostringstream o;
  o << "Claim #" << a.edge.id << ": " << a.subject_name << " –" << a.edge.type << "→ "
    << a.object_name << "\n";
  const bool by_hand_only = !a.supports.empty() && a.manual_supports == a.supports.size();
  const size_t sentences = a.supports.size() - a.manual_supports;
  if (by_hand_only) {
    // Nothing to trace: no document says it.
    o << "  made by hand (CREATE or MERGE in a query; extractor manual): no document, no "
         "sentence, no source\n";
  } else {
    o << "  " << a.independent_sources << " independent source"
      << (a.independent_sources == 1 ? "" : "s") << ", " << sentences << " supporting sentence"
      << (sentences == 1 ? "" : "s");
    if (a.copies) {
      o << " (" << a.copies << (a.copies == 1 ? " of them a copy" : " of them copies")
        << " of another document's sentence)";
    }
    o << (a.manual_supports ? " (and made by hand as well)" : "") << "; ";
    if (a.mismatches == 0) {
      o << "every span matches the stored text\n";
    } else {
      o << a.mismatches << " MISMATCH" << (a.mismatches == 1 ? "" : "ES")
        << " against the stored text\n";
    }
  }
  size_t k = 0;
  for (const auto& s : a.supports) {
    const ProvenanceRecord& r = s.record;
    o << "\n[" << ++k << "] " << s.document.Describe() << "\n";
    if (s.copy_of >= 0) {
      o << "    copy of [" << s.copy_of + 1 << "]: the same sentence (near-identical wording), "
        << "not an independent source\n";
    }
    if (!s.document.url.empty()) o << "    " << s.document.url << "\n";
    if (!s.document.source.empty()) o << "    source " << s.document.source << "\n";
    if (r.document_id != "manual")
      o << "    document " << r.document_id.substr(0, 16) << "  sentence " << r.sentence
        << "  bytes " << r.sentence_span.begin << "–" << r.sentence_span.end << "\n";
    if (!s.marked_sentence.empty()) o << "    \"" << OneLine(s.marked_sentence) << "\"\n";
    o << "    extractor " << (r.extractor.empty() ? "?" : ExtractorLabel(r.extractor, r.extractor_version))
      << " · confidence "
      << std::fixed << std::setprecision(2) << r.confidence;
    if (!r.relation_surface.empty()) o << " · words \"" << r.relation_surface << "\"";
    if (r.negated) o << " · NEGATED";
    if (!r.modality.empty()) o << " · modality " << r.modality;
    if (!r.attribution.empty()) o << " · according to " << r.attribution;
    if (r.ingest_time_ms) o << " · ingested " << IsoTime(r.ingest_time_ms);
    o << "\n";
    for (const ClaimArgument& arg : r.arguments) {
      if (arg.role == "group")
        o << "    read from the group mention \"" << arg.text
          << "\": the claim is attached to each of its members\n";
    }
    std::string extra;
    for (const ClaimArgument& arg : r.arguments)
      if (arg.role != "group") extra += (extra.empty() ? "" : " · ") + arg.role + " \"" + arg.text + "\"";
    if (!extra.empty()) o << "    " << extra << "\n";
    if (s.problems.empty()) {
      if (s.document.found) o << "    spans: ok\n";
    } else {
      for (const auto& p : s.problems) o << "    MISMATCH: " << p << "\n";
    }
  }
  return o.str();
}

std::string ClaimAuditJson(const ClaimAudit& a) {
  Json supports = Json::array();
  for (const auto& s : a.supports) {
    const ProvenanceRecord& r = s.record;
    supports.push_back({{"wasDerivedFrom", r.document_id},
                        {"title", s.document.title},
                        {"publisher", s.document.publisher},
                        {"published", s.document.published},
                        {"url", s.document.url},
                        {"source", s.document.source},
                        {"sentence_index", r.sentence},
                        {"sentence", s.sentence},
                        {"marked_sentence", s.marked_sentence},
                        {"subject_text", s.subject_text},
                        {"relation_text", s.relation_text},
                        {"object_text", s.object_text},
                        {"relation_surface", r.relation_surface},
                        {"relation_lemma", r.relation_lemma},
                        {"wasAttributedTo", r.extractor},
                        {"extractor_version", r.extractor_version},
                        {"generatedAtTime", IsoTime(r.ingest_time_ms)},
                        {"confidence", r.confidence},
                        {"negated", r.negated},
                        {"modality", r.modality},
                        {"attribution", r.attribution},
                        {"verified", s.problems.empty()},
                        {"origin", s.origin + 1},
                        {"copy_of", s.copy_of >= 0 ? Json(s.copy_of + 1) : Json(nullptr)},
                        {"problems", s.problems}});
  }
  Json j = {{"id", a.edge.id},
            {"subject", a.subject_name},
            {"relation", a.edge.type},
            {"object", a.object_name},
            {"independent_sources", a.independent_sources},
            {"copies", a.copies},
            {"made_by_hand", a.manual_supports},
            {"mismatches", a.mismatches},
            {"supports", supports}};
  return Dump(j) + "\n";
}

// ---- The whole graph --------------------------------------------------------

Result<AuditReport> BuildAuditReport(const Graph& graph, size_t top_n) {
  AuditReport rep;
  SourceReader reader(graph);
  std::unordered_map<NodeId, uint64_t> degree;
  std::map<std::string, uint64_t> per_doc, per_extractor;
  std::vector<AuditReport::ClaimLine> all;
  std::unordered_map<NodeId, std::string> names;
  auto name_of = [&](NodeId n) {
    auto it = names.find(n);
    if (it != names.end()) return it->second;
    Result<NodeRecord> node = graph.GetNode(n);
    std::string name = node.ok() ? NodeName(*node) : "#" + std::to_string(n);
    names.emplace(n, name);
    return name;
  };
  auto cur = graph.ScanEdges();
  for (; cur->Valid(); cur->Next()) {
    Result<EdgeRecord> edge = graph.GetEdge(cur->edge().id);
    if (!edge.ok()) return edge.status();
    Result<ClaimSources> s = reader.Sources(*edge);
    if (!s.ok()) return s.status();
    ++rep.claims;
    rep.provenance += s->records.size();
    ++degree[edge->source];
    ++degree[edge->target];
    AuditReport::ClaimLine line{edge->id, name_of(edge->source), edge->type,
                                name_of(edge->target), s->independent_sources};
    ++rep.claims_by_sources[line.sources];
    if (line.sources == 1) {
      ++rep.single_source_claims;
      if (rep.single_source.size() < top_n) rep.single_source.push_back(line);
    }
    if (s->any_negated && !s->all_negated) rep.contradictions.push_back(line);
    all.push_back(line);
    for (const auto& r : s->records) {
      ++per_doc[r.document_id];
      ++per_extractor[ExtractorLabel(r.extractor, r.extractor_version)];
      SupportAudit support;
      support.record = r;
      CheckSupport(graph, reader, *edge, support);
      ++rep.spans_checked;
      if (!support.problems.empty()) ++rep.span_mismatches;
    }
  }
  KG_RETURN_IF_ERROR(cur->status());
  std::stable_sort(all.begin(), all.end(),
                   [](const auto& a, const auto& b) { return a.sources > b.sources; });
  for (const auto& l : all) {
    if (rep.best_corroborated.size() >= top_n || l.sources < 2) break;
    rep.best_corroborated.push_back(l);
  }
  std::vector<std::pair<NodeId, uint64_t>> deg(degree.begin(), degree.end());
  std::sort(deg.begin(), deg.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  for (size_t i = 0; i < deg.size() && i < top_n; ++i)
    rep.top_entities.push_back({name_of(deg[i].first), deg[i].second});
  Result<std::vector<std::string>> docs = graph.ListDocuments();
  if (!docs.ok()) return docs.status();
  rep.documents = docs->size();
  for (const auto& id : *docs) {
    const DocumentRecord* d = reader.Document(id);
    std::string title = "(untitled)";
    if (d && !d->document.title.empty()) {
      title = d->document.title;
    } else if (d && !d->document.source.empty()) {
      title = d->document.source.substr(d->document.source.find_last_of('/') + 1);
    }
    rep.per_document.push_back({title + " (" + id.substr(0, 12) + ")", per_doc[id]});
  }
  if (per_doc.count("manual")) rep.per_document.push_back({"created by hand", per_doc["manual"]});
  for (const auto& [name, n] : per_extractor) rep.per_extractor.push_back({name, n});
  Result<GraphStats> stats = graph.Stats();
  if (stats.ok()) rep.entities = stats->entities;
  return rep;
}

namespace {

std::string ClaimText(const AuditReport::ClaimLine& l) {
  return l.subject + " –" + l.relation + "→ " + l.object;
}

std::string MdCell(const std::string& s) {
  std::string out;
  for (char c : OneLine(s)) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string ReportMarkdown(const AuditReport& r) {
  std::ostringstream o;
  o << "# kg audit report\n\n"
    << r.documents << " documents, " << r.entities << " entities, " << r.claims << " claims, "
    << r.provenance << " supporting sentences; " << r.spans_checked << " spans re-checked, "
    << r.span_mismatches << " mismatches.\n\n## Claims by number of independent sources\n\n"
    << "| sources | claims |\n| ---: | ---: |\n";
  for (const auto& [n, c] : r.claims_by_sources) o << "| " << n << " | " << c << " |\n";
  auto claims = [&](const char* title, const std::vector<AuditReport::ClaimLine>& lines,
                    const std::string& note) {
    o << "\n## " << title << "\n\n" << note;
    if (lines.empty()) {
      o << "None.\n";
      return;
    }
    o << "| id | claim | sources |\n| ---: | --- | ---: |\n";
    for (const auto& l : lines) o << "| " << l.id << " | " << MdCell(ClaimText(l)) << " | " << l.sources << " |\n";
  };
  claims("Best corroborated claims", r.best_corroborated, "");
  claims("Single-source claims", r.single_source,
         std::to_string(r.single_source_claims) + " claims rest on one document" +
             (r.single_source.size() < r.single_source_claims ? "; the first " +
                  std::to_string(r.single_source.size()) + ":\n\n" : ".\n\n"));
  claims("Contradictions (asserted and negated)", r.contradictions, "");
  auto counts = [&](const char* title, const char* what, const std::vector<AuditReport::Count>& c) {
    o << "\n## " << title << "\n\n| " << what << " | count |\n| --- | ---: |\n";
    for (const auto& x : c) o << "| " << MdCell(x.name) << " | " << x.count << " |\n";
  };
  counts("Entities with the most claims", "entity", r.top_entities);
  counts("Supporting sentences per document", "document", r.per_document);
  counts("Supporting sentences per extractor", "extractor", r.per_extractor);
  return o.str();
}

std::string ReportJson(const AuditReport& r) {
  auto lines = [](const std::vector<AuditReport::ClaimLine>& v) {
    Json a = Json::array();
    for (const auto& l : v)
      a.push_back({{"id", l.id}, {"subject", l.subject}, {"relation", l.relation},
                   {"object", l.object}, {"sources", l.sources}});
    return a;
  };
  auto counts = [](const std::vector<AuditReport::Count>& v) {
    Json a = Json::array();
    for (const auto& c : v) a.push_back({{"name", c.name}, {"count", c.count}});
    return a;
  };
  Json by = Json::object();
  for (const auto& [n, c] : r.claims_by_sources) by[std::to_string(n)] = c;
  Json j = {{"documents", r.documents},
            {"entities", r.entities},
            {"claims", r.claims},
            {"provenance", r.provenance},
            {"spans_checked", r.spans_checked},
            {"span_mismatches", r.span_mismatches},
            {"claims_by_sources", by},
            {"best_corroborated", lines(r.best_corroborated)},
            {"single_source_claims", r.single_source_claims},
            {"single_source", lines(r.single_source)},
            {"contradictions", lines(r.contradictions)},
            {"top_entities", counts(r.top_entities)},
            {"per_document", counts(r.per_document)},
            {"per_extractor", counts(r.per_extractor)}};
  return Dump(j) + "\n";
}

std::string ReportHtml(const AuditReport& r) {
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>kg audit report</title>\n"
       "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
       "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px}"
       "td.n{text-align:right}</style></head><body>\n<h1>kg audit report</h1>\n<p>"
    << r.documents << " documents, " << r.entities << " entities, " << r.claims << " claims, "
    << r.provenance << " supporting sentences; " << r.spans_checked << " spans re-checked, "
    << r.span_mismatches << " mismatches.</p>\n<h2>Claims by number of independent sources</h2>\n"
    << "<table><tr><th>sources</th><th>claims</th></tr>\n";
  for (const auto& [n, c] : r.claims_by_sources)
    o << "<tr><td class=n>" << n << "</td><td class=n>" << c << "</td></tr>\n";
  o << "</table>\n";
  auto claims = [&](const char* title, const std::vector<AuditReport::ClaimLine>& lines) {
    o << "<h2>" << title << "</h2>\n";
    if (lines.empty()) {
      o << "<p>None.</p>\n";
      return;
    }
    o << "<table><tr><th>id</th><th>claim</th><th>sources</th></tr>\n";
    for (const auto& l : lines)
      o << "<tr><td class=n>" << l.id << "</td><td>" << XmlEscape(ClaimText(l))
        << "</td><td class=n>" << l.sources << "</td></tr>\n";
    o << "</table>\n";
  };
  claims("Best corroborated claims", r.best_corroborated);
  o << "<p>" << r.single_source_claims << " claims rest on one document.</p>\n";
  claims("Single-source claims", r.single_source);
  claims("Contradictions (asserted and negated)", r.contradictions);
  auto counts = [&](const char* title, const char* what, const std::vector<AuditReport::Count>& c) {
    o << "<h2>" << title << "</h2>\n<table><tr><th>" << what << "</th><th>count</th></tr>\n";
    for (const auto& x : c)
      o << "<tr><td>" << XmlEscape(x.name) << "</td><td class=n>" << x.count << "</td></tr>\n";
    o << "</table>\n";
  };
  counts("Entities with the most claims", "entity", r.top_entities);
  counts("Supporting sentences per document", "document", r.per_document);
  counts("Supporting sentences per extractor", "extractor", r.per_extractor);
  o << "</body></html>\n";
  return o.str();
}

}  // namespace kg::graph
