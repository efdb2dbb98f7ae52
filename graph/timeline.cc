// The timeline of one entity; see timeline.h.
#include "graph/timeline.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

#include "graph/audit.h"
#include "graph/export.h"

namespace kg::graph {
namespace {

using Json = nlohmann::ordered_json;

// Order: dated entries first, by date; then document, then sentence.
bool Before(const TimelineEntry& a, const TimelineEntry& b) {
  if (a.published.empty() != b.published.empty()) return !a.published.empty();
  if (a.published != b.published) return a.published < b.published;
  if (a.document_id != b.document_id) return a.document_id < b.document_id;
  if (a.sentence != b.sentence) return a.sentence < b.sentence;
  return a.claim < b.claim;
}

// "2013-04-29T10:00:00Z" -> "2013-04-29".
std::string Day(const std::string& published) { return published.substr(0, 10); }

}  // namespace

Result<std::vector<TimelineEntry>> BuildTimeline(const Graph& graph, NodeId entity) {
  Result<NodeRecord> self = graph.GetNode(entity);
  if (!self.ok()) return self.status();
  // The claims around the entity, each once (a self-loop is both out and in).
  std::set<EdgeId> claims;
  for (bool out : {true, false}) {
    std::unique_ptr<EdgeCursor> cursor = out ? graph.OutEdges(entity) : graph.InEdges(entity);
    for (; cursor->Valid(); cursor->Next()) claims.insert(cursor->edge().id);
    KG_RETURN_IF_ERROR(cursor->status());
  }
  SourceReader reader(graph);
  std::map<NodeId, std::string> names;
  auto name_of = [&](NodeId id) -> std::string {
    auto it = names.find(id);
    if (it != names.end()) return it->second;
    Result<NodeRecord> node = graph.GetNode(id);
    std::string name = node.ok() ? NodeName(*node) : "#" + std::to_string(id);
    names.emplace(id, name);
    return name;
  };
  std::vector<TimelineEntry> out;
  // A "mentions" claim says only that a value names the entity ("a summary
  // of a call made by President Trump" -mentions-> Trump): the timeline
  // shows instead the claims that value takes part in, from that sentence.
  // Keys: (value node, document, sentence).
  std::set<std::tuple<NodeId, std::string, uint32_t>> mentioned_in;
  std::set<NodeId> values;
  for (EdgeId id : claims) {
    Result<EdgeRecord> edge = graph.GetEdge(id);
    if (!edge.ok()) return edge.status();
    if (edge->type != "mentions" || edge->target != entity) continue;
    Result<std::vector<ProvenanceRecord>> records = graph.EdgeProvenance(id);
    if (!records.ok()) return records.status();
    for (const ProvenanceRecord& p : *records)
      mentioned_in.insert({edge->source, p.document_id, p.sentence});
    values.insert(edge->source);
  }
  std::set<EdgeId> through_values;
  for (NodeId value : values) {
    for (bool out_edges : {true, false}) {
      std::unique_ptr<EdgeCursor> cursor = out_edges ? graph.OutEdges(value) : graph.InEdges(value);
      for (; cursor->Valid(); cursor->Next())
        if (!claims.count(cursor->edge().id)) through_values.insert(cursor->edge().id);
      KG_RETURN_IF_ERROR(cursor->status());
    }
  }
  std::set<EdgeId> all = claims;
  all.insert(through_values.begin(), through_values.end());
  for (EdgeId id : all) {
    Result<EdgeRecord> edge = graph.GetEdge(id);
    if (!edge.ok()) return edge.status();
    if (edge->type == "mentions" && edge->target == entity) continue;  // shown through its value
    if (through_values.count(id) && edge->type == "mentions") continue;
    Result<ClaimSources> sources = reader.Sources(*edge);
    if (!sources.ok()) return sources.status();
    for (const ProvenanceRecord& p : sources->records) {
      if (through_values.count(id) &&
          !mentioned_in.count({edge->source, p.document_id, p.sentence}) &&
          !mentioned_in.count({edge->target, p.document_id, p.sentence}))
        continue;  // the value's claim from another sentence, not about the entity
      TimelineEntry e;
      e.document_id = p.document_id;
      if (const SourceDocument* d = sources->Find(p.document_id)) {
        e.published = d->published;
        e.title = d->title;
        e.publisher = d->publisher;
        e.url = d->url;
      }
      e.sentence = p.sentence;
      e.sentence_text = reader.Slice(p.document_id, p.sentence_span);
      e.claim = id;
      e.subject = name_of(edge->source);
      e.relation = edge->type;
      e.object = name_of(edge->target);
      e.relation_surface = p.relation_surface;
      e.negated = p.negated;
      e.confidence = p.confidence;
      e.sources = static_cast<uint32_t>(sources->independent_sources);
      for (const ClaimArgument& a : p.arguments) e.from_group |= a.role == "group";
      out.push_back(std::move(e));
    }
  }
  std::sort(out.begin(), out.end(), Before);
  return out;
}

std::string TimelineJson(const std::string& entity_name, const std::vector<TimelineEntry>& entries) {
  Json j = Json::array();
  for (const TimelineEntry& e : entries) {
    j.push_back(Json{{"published", e.published.empty() ? Json(nullptr) : Json(e.published)},
                     {"document", e.document_id},
                     {"title", e.title},
                     {"publisher", e.publisher},
                     {"url", e.url},
                     {"sentence_index", e.sentence},
                     {"sentence", e.sentence_text},
                     {"claim", e.claim},
                     {"subject", e.subject},
                     {"relation", e.relation},
                     {"object", e.object},
                     {"words", e.relation_surface},
                     {"negated", e.negated},
                     {"from_group", e.from_group},
                     {"confidence", e.confidence},
                     {"sources", e.sources}});
  }
  return Json{{"entity", entity_name}, {"entries", j}}.dump(2);
}

std::string TimelineHtml(const std::string& entity_name, const std::vector<TimelineEntry>& entries) {
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Timeline: "
    << XmlEscape(entity_name) << "</title>\n<style>"
    << "body{font-family:sans-serif;margin:2em;max-width:60em}"
    << "li{margin:.6em 0}.date{color:#555;font-variant-numeric:tabular-nums}"
    << ".claim{font-weight:bold}.sentence{color:#333}.src{color:#777;font-size:90%}"
    << "</style></head><body>\n<h1>Timeline: " << XmlEscape(entity_name) << "</h1>\n";
  // The time axis: one dot per day with claims, sized by how many.
  std::map<std::string, int> per_day;
  for (const TimelineEntry& e : entries)
    if (!e.published.empty()) ++per_day[Day(e.published)];
  if (!per_day.empty()) {
    const int width = 800, left = 20, right = 20;
    const size_t n = per_day.size();
    o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width
      << "\" height=\"90\" role=\"img\" aria-label=\"claims per day\">\n"
      << "<line x1=\"" << left << "\" y1=\"40\" x2=\"" << width - right
      << "\" y2=\"40\" stroke=\"#888\"/>\n";
    size_t k = 0;
    for (const auto& [day, count] : per_day) {
      double x = n == 1 ? width / 2.0 : left + (width - left - right) * double(k) / double(n - 1);
      o << "<circle cx=\"" << x << "\" cy=\"40\" r=\"" << std::min(4 + 2 * count, 16)
        << "\" fill=\"#36c\"><title>" << day << ": " << count << " claim"
        << (count == 1 ? "" : "s") << "</title></circle>\n"
        << "<text x=\"" << x << "\" y=\"" << (k % 2 ? 80 : 70)
        << "\" font-size=\"11\" text-anchor=\"middle\">" << day << "</text>\n";
      ++k;
    }
    o << "</svg>\n";
  }
  o << "<ol>\n";
  for (const TimelineEntry& e : entries) {
    o << "<li><span class=date>" << (e.published.empty() ? "undated" : XmlEscape(Day(e.published)))
      << "</span> <span class=claim>" << XmlEscape(e.subject) << " –"
      << (e.negated ? "not " : "") << XmlEscape(e.relation) << "→ " << XmlEscape(e.object)
      << "</span>" << (e.from_group ? " <i>(from a group mention)</i>" : "")
      << "<br><span class=sentence>“" << XmlEscape(e.sentence_text) << "”</span><br>"
      << "<span class=src>";
    std::string title = e.title.empty() ? e.document_id.substr(0, 12) : e.title;
    if (!e.url.empty())
      o << "<a href=\"" << XmlEscape(e.url) << "\">" << XmlEscape(title) << "</a>";
    else
      o << XmlEscape(title);
    if (!e.publisher.empty()) o << " · " << XmlEscape(e.publisher);
    o << " · sentence " << e.sentence + 1 << " · claim " << e.claim << " · " << e.sources
      << " source" << (e.sources == 1 ? "" : "s") << "</span></li>\n";
  }
  o << "</ol>\n</body></html>\n";
  return o.str();
}

}  // namespace kg::graph
