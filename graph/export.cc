#include "graph/export.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>
#include <deque>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "common/text.h"
#include "graph/audit.h"

namespace kg::graph {
namespace {

using Json = nlohmann::ordered_json;

// Invalid UTF-8 bytes become U+FFFD: Graphviz, XML parsers and JSON readers
// all reject them.
std::string ValidUtf8(const std::string& s) { return text::ToValidUtf8(s); }

// At most `max_chars` code points, ending with "…" when cut.
std::string Truncate(const std::string& s, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) >> 6) != 0x2 && ++chars > max_chars - 1 &&
        max_chars > 0) {
      // Cut only if more than one code point remains.
      size_t rest = 0;
      for (size_t k = i; k < s.size(); ++k) rest += (static_cast<unsigned char>(s[k]) >> 6) != 0x2;
      if (rest <= 1) return s;
      return s.substr(0, i) + "…";
    }
  }
  return s;
}

// How a node is drawn, by entity type.
struct NodeStyle {
  const char* shape;
  const char* fill;
};

NodeStyle StyleFor(const std::string& type) {
  if (type == "Person") return {"ellipse", "#cfe2ff"};
  if (type == "Organization") return {"box", "#ffe5b4"};
  if (type == "Place") return {"hexagon", "#d1f2d1"};
  if (type == "Event") return {"diamond", "#f8d7da"};
  if (type == "Product") return {"component", "#fff3cd"};
  if (type == "Value") return {"note", "#ffffff"};
  return {"ellipse", "#e2e3e5"};
}

double PenWidth(uint32_t sources) {
  if (sources <= 1) return 1.0;
  return std::min(8.0, 1.0 + 1.5 * std::log2(static_cast<double>(sources)));
}

std::string CsvField(const std::string& raw) {
  // Kùzu's parallel CSV reader and neo4j-admin (without --multiline-fields)
  // both want one record per line: line breaks become spaces.
  std::string s = ValidUtf8(raw);
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  if (s.find_first_of(",\"") == std::string::npos && !s.empty() && s.front() != ' ' &&
      s.back() != ' ')
    return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Status Exists(const std::string& path, bool& is_dir) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return Status::NotFound(path);
  is_dir = S_ISDIR(st.st_mode);
  return Status::OK();
}

Status MakeDirs(const std::string& dir) {
  if (dir.empty()) return Status::OK();
  bool is_dir = false;
  if (Exists(dir, is_dir).ok()) {
    if (!is_dir) return Status::IOError("cannot write into " + dir + ": it is a file, not a folder");
    return Status::OK();
  }
  size_t slash = dir.find_last_of('/');
  if (slash != std::string::npos && slash > 0) KG_RETURN_IF_ERROR(MakeDirs(dir.substr(0, slash)));
  if (::mkdir(dir.c_str(), 0777) != 0 && errno != EEXIST) {
    return Status::IOError("cannot create folder " + dir + ": " + std::strerror(errno));
  }
  return Status::OK();
}

}  // namespace

// ---- Subgraph selection -----------------------------------------------------

Status Subgraph::Complete(const Graph& graph, bool add_endpoints) {
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  std::vector<EdgeId> kept;
  std::vector<NodeId> extra;
  for (EdgeId id : edges) {
    Result<EdgeRecord> e = graph.GetEdge(id);
    if (!e.ok()) return e.status().WithContext("edge " + std::to_string(id));
    bool has_s = std::binary_search(nodes.begin(), nodes.end(), e->source);
    bool has_t = std::binary_search(nodes.begin(), nodes.end(), e->target);
    if (add_endpoints) {
      if (!has_s) extra.push_back(e->source);
      if (!has_t) extra.push_back(e->target);
      kept.push_back(id);
    } else if (has_s && has_t) {
      kept.push_back(id);
    }
  }
  edges = std::move(kept);
  if (!extra.empty()) {
    nodes.insert(nodes.end(), extra.begin(), extra.end());
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  }
  return Status::OK();
}

Result<Subgraph> WholeGraph(const Graph& graph, size_t max_nodes) {
  Subgraph sub;
  auto nodes = graph.ScanNodes();
  for (; nodes->Valid(); nodes->Next()) {
    sub.nodes.push_back(nodes->node());
    if (max_nodes && sub.nodes.size() > max_nodes) return sub;  // caller refuses
  }
  KG_RETURN_IF_ERROR(nodes->status());
  auto edges = graph.ScanEdges();
  for (; edges->Valid(); edges->Next()) sub.edges.push_back(edges->edge().id);
  KG_RETURN_IF_ERROR(edges->status());
  std::sort(sub.nodes.begin(), sub.nodes.end());
  return sub;
}

Result<Subgraph> Neighbourhood(const Graph& graph, const std::string& name, int depth,
                               size_t max_nodes) {
  Result<std::vector<NodeId>> start = ResolveEntityName(graph, name);
  if (!start.ok()) return start.status();
  if (start->empty()) {
    return Status::NotFound("no entity named '" + name +
                            "' (names match exactly, ignoring case; try `kg query "
                            "\"MATCH (n) WHERE n.name CONTAINS '...' RETURN n.name\"`)");
  }
  std::unordered_set<NodeId> seen(start->begin(), start->end());
  std::deque<std::pair<NodeId, int>> queue;
  for (NodeId n : *start) queue.emplace_back(n, 0);
  std::set<EdgeId> edges;
  while (!queue.empty()) {
    auto [node, d] = queue.front();
    queue.pop_front();
    if (d >= depth) continue;
    for (int dir = 0; dir < 2; ++dir) {
      auto cur = dir == 0 ? graph.OutEdges(node) : graph.InEdges(node);
      for (; cur->Valid(); cur->Next()) {
        const EdgeRef& e = cur->edge();
        NodeId other = dir == 0 ? e.target : e.source;
        if (seen.insert(other).second) {
          queue.emplace_back(other, d + 1);
          if (max_nodes && seen.size() > max_nodes) break;
        }
      }
      KG_RETURN_IF_ERROR(cur->status());
    }
    if (max_nodes && seen.size() > max_nodes) break;
  }
  Subgraph sub;
  sub.nodes.assign(seen.begin(), seen.end());
  std::sort(sub.nodes.begin(), sub.nodes.end());
  // The edges among the chosen nodes (also those between two nodes at the
  // outer rim).
  for (NodeId n : sub.nodes) {
    auto cur = graph.OutEdges(n);
    for (; cur->Valid(); cur->Next()) {
      if (seen.count(cur->edge().target)) edges.insert(cur->edge().id);
    }
    KG_RETURN_IF_ERROR(cur->status());
  }
  sub.edges.assign(edges.begin(), edges.end());
  return sub;
}

// ---- Escaping ---------------------------------------------------------------

std::string DotEscape(const std::string& raw) {
  std::string s = ValidUtf8(raw);
  std::string out;
  out.reserve(s.size() + 8);
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      // Graphviz decodes HTML entities (&lt; &#60;) inside ordinary labels.
      case '&': out += "&amp;"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      case '\t': out += ' '; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string XmlEscape(const std::string& raw) {
  std::string s = ValidUtf8(raw);
  std::string out;
  out.reserve(s.size() + 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default:
        // Control characters are not allowed in XML 1.0 at all.
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

// ---- Writers ----------------------------------------------------------------

Status WriteDot(const Graph& graph, const Subgraph& subgraph, const DotOptions& options,
                std::ostream& out) {
  SourceReader reader(graph);
  out << "digraph \"" << DotEscape(options.graph_name) << "\" {\n";
  out << "  graph [charset=\"UTF-8\", overlap=false, splines=true"
      << (options.left_to_right ? ", rankdir=LR" : "") << "];\n";
  out << "  node [style=filled, fontname=\"Helvetica\", fontsize=11];\n";
  out << "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n";
  for (NodeId id : subgraph.nodes) {
    Result<NodeRecord> node = graph.GetNode(id);
    if (!node.ok()) return node.status().WithContext("node " + std::to_string(id));
    std::string name = NodeName(*node);
    std::string type = NodeType(*node);
    NodeStyle style = StyleFor(type);
    std::string tooltip = name + "\n" + type;
    Result<std::vector<MentionRecord>> mentions = graph.NodeMentions(id);
    if (mentions.ok() && !mentions->empty()) {
      std::set<std::string> docs;
      for (const auto& m : *mentions) docs.insert(m.document_id);
      tooltip += "\nmentioned " + std::to_string(mentions->size()) +
                 (mentions->size() == 1 ? " time in " : " times in ") +
                 std::to_string(docs.size()) + " document" + (docs.size() == 1 ? "" : "s");
    }
    out << "  n" << id << " [label=\""
        << DotEscape(Truncate(name, options.max_label_chars)) << "\", shape="
        << style.shape << ", fillcolor=\"" << style.fill << "\", tooltip=\"" << DotEscape(tooltip)
        << "\"];\n";
  }
  for (EdgeId id : subgraph.edges) {
    Result<EdgeRecord> edge = graph.GetEdge(id);
    if (!edge.ok()) return edge.status().WithContext("edge " + std::to_string(id));
    Result<ClaimSources> sources = reader.Sources(*edge);
    if (!sources.ok()) return sources.status();
    std::string tooltip = edge->type + ": " + std::to_string(sources->independent_sources) +
                          " source" + (sources->independent_sources == 1 ? "" : "s");
    size_t shown = 0;
    for (const auto& doc : sources->documents) {
      if (++shown > 12) {
        tooltip += "\n…";
        break;
      }
      tooltip += "\n" + doc.Describe();
    }
    auto count = static_cast<uint32_t>(sources->independent_sources);
    out << "  n" << edge->source << " -> n" << edge->target << " [label=\""
        << DotEscape(Truncate(edge->type, options.max_label_chars))
        << "\", penwidth=" << PenWidth(count) << ", tooltip=\"" << DotEscape(tooltip) << "\""
        << (sources->all_negated ? ", style=dashed" : "") << "];\n";
  }
  out << "}\n";
  if (!out) return Status::IOError("write failed");
  return Status::OK();
}

Status WriteGraphML(const Graph& graph, const Subgraph& subgraph, std::ostream& out) {
  SourceReader reader(graph);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
         "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  const char* keys[][4] = {
      {"label", "node", "label", "string"},
      {"type", "node", "type", "string"},
      {"labels", "node", "labels", "string"},
      {"mentions", "node", "mentions", "int"},
      {"elabel", "edge", "label", "string"},
      {"sources", "edge", "sources", "int"},
      {"provenance", "edge", "provenance", "int"},
      {"confidence", "edge", "confidence", "double"},
      {"wasDerivedFrom", "edge", "wasDerivedFrom", "string"},
      {"wasAttributedTo", "edge", "wasAttributedTo", "string"},
      {"generatedAtTime", "edge", "generatedAtTime", "string"},
      {"negated", "edge", "negated", "boolean"},
  };
  for (const auto& k : keys) {
    out << "  <key id=\"" << k[0] << "\" for=\"" << k[1] << "\" attr.name=\"" << k[2]
        << "\" attr.type=\"" << k[3] << "\"/>\n";
  }
  out << "  <graph id=\"kg\" edgedefault=\"directed\">\n";
  for (NodeId id : subgraph.nodes) {
    Result<NodeRecord> node = graph.GetNode(id);
    if (!node.ok()) return node.status().WithContext("node " + std::to_string(id));
    std::string labels;
    for (const auto& l : node->labels) labels += (labels.empty() ? "" : ";") + l;
    Result<std::vector<MentionRecord>> mentions = graph.NodeMentions(id);
    out << "    <node id=\"n" << id << "\">"
        << "<data key=\"label\">" << XmlEscape(NodeName(*node)) << "</data>"
        << "<data key=\"type\">" << XmlEscape(NodeType(*node)) << "</data>"
        << "<data key=\"labels\">" << XmlEscape(labels) << "</data>"
        << "<data key=\"mentions\">" << (mentions.ok() ? mentions->size() : 0) << "</data>"
        << "</node>\n";
  }
  for (EdgeId id : subgraph.edges) {
    Result<EdgeRecord> edge = graph.GetEdge(id);
    if (!edge.ok()) return edge.status().WithContext("edge " + std::to_string(id));
    Result<ClaimSources> s = reader.Sources(*edge);
    if (!s.ok()) return s.status();
    out << "    <edge id=\"e" << id << "\" source=\"n" << edge->source << "\" target=\"n"
        << edge->target << "\">"
        << "<data key=\"elabel\">" << XmlEscape(edge->type) << "</data>"
        << "<data key=\"sources\">" << s->independent_sources << "</data>"
        << "<data key=\"provenance\">" << s->records.size() << "</data>"
        << "<data key=\"confidence\">" << s->max_confidence << "</data>"
        << "<data key=\"wasDerivedFrom\">" << XmlEscape(s->DocumentIds()) << "</data>"
        << "<data key=\"wasAttributedTo\">" << XmlEscape(s->Extractors()) << "</data>"
        << "<data key=\"generatedAtTime\">" << IsoTime(s->first_ingest_ms)
        << "</data>"
        << "<data key=\"negated\">" << (s->all_negated ? "true" : "false") << "</data>"
        << "</edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
  if (!out) return Status::IOError("write failed");
  return Status::OK();
}

namespace {

Json PropertyJson(const PropertyValue& v) {
  return std::visit(
      [](const auto& x) -> Json {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return nullptr;
        } else if constexpr (std::is_same_v<T, std::string>) {
          return ValidUtf8(x);
        } else if constexpr (std::is_same_v<T, PropertyValue::List>) {
          Json arr = Json::array();
          for (const auto& item : x) arr.push_back(PropertyJson(item));
          return arr;
        } else if constexpr (std::is_same_v<T, double>) {
          if (!std::isfinite(x)) return std::to_string(x);
          return x;
        } else {
          return x;
        }
      },
      v.value);
}

Json SpanJson(const ByteSpan& s) { return Json::array({s.begin, s.end}); }

}  // namespace

Status WriteJson(const Graph& graph, const Subgraph& subgraph, std::ostream& out) {
  SourceReader reader(graph);
  out << "{\n\"nodes\": [";
  bool first = true;
  for (NodeId id : subgraph.nodes) {
    Result<NodeRecord> node = graph.GetNode(id);
    if (!node.ok()) return node.status().WithContext("node " + std::to_string(id));
    Json props = Json::object();
    for (const auto& [k, v] : node->properties) props[ValidUtf8(k)] = PropertyJson(v);
    Json j = {{"id", id}, {"labels", node->labels}, {"properties", props}};
    Result<std::vector<MentionRecord>> mentions = graph.NodeMentions(id);
    if (mentions.ok()) j["mentions"] = mentions->size();
    out << (first ? "\n  " : ",\n  ") << j.dump(-1, ' ', false, Json::error_handler_t::replace);
    first = false;
  }
  out << "\n],\n\"edges\": [";
  first = true;
  for (EdgeId id : subgraph.edges) {
    Result<EdgeRecord> edge = graph.GetEdge(id);
    if (!edge.ok()) return edge.status().WithContext("edge " + std::to_string(id));
    Result<ClaimSources> s = reader.Sources(*edge);
    if (!s.ok()) return s.status();
    Json props = Json::object();
    for (const auto& [k, v] : edge->properties) props[ValidUtf8(k)] = PropertyJson(v);
    Json prov = Json::array();
    for (const auto& r : s->records) {
      const SourceDocument* doc = s->Find(r.document_id);
      Json p = {{"wasDerivedFrom", r.document_id},
                {"generatedAtTime", IsoTime(r.ingest_time_ms)},
                {"wasAttributedTo", ExtractorLabel(r.extractor, r.extractor_version)},
                {"title", doc ? doc->title : ""},
                {"publisher", doc ? doc->publisher : ""},
                {"published", doc ? doc->published : ""},
                {"url", doc ? doc->url : ""},
                {"sentence", ValidUtf8(reader.Slice(r.document_id, r.sentence_span))},
                {"sentence_index", r.sentence},
                {"sentence_span", SpanJson(r.sentence_span)},
                {"subject_span", SpanJson(r.subject_span)},
                {"relation_span", SpanJson(r.relation_span)},
                {"object_span", SpanJson(r.object_span)},
                {"relation_surface", ValidUtf8(r.relation_surface)},
                {"confidence", r.confidence},
                {"negated", r.negated},
                {"modality", r.modality},
                {"attribution", ValidUtf8(r.attribution)}};
      prov.push_back(std::move(p));
    }
    Json j = {{"id", id},
              {"source", edge->source},
              {"target", edge->target},
              {"type", edge->type},
              {"properties", props},
              {"sources", s->independent_sources},
              {"provenance", prov}};
    out << (first ? "\n  " : ",\n  ") << j.dump(-1, ' ', false, Json::error_handler_t::replace);
    first = false;
  }
  out << "\n]\n}\n";
  if (!out) return Status::IOError("write failed");
  return Status::OK();
}

Status WriteCsv(const Graph& graph, const Subgraph& subgraph, const std::string& dir) {
  KG_RETURN_IF_ERROR(MakeDirs(dir));
  SourceReader reader(graph);
  auto open = [&](const std::string& name, std::ofstream& f) -> Status {
    std::string path = dir + "/" + name;
    f.open(path, std::ios::binary | std::ios::trunc);
    if (!f) return Status::IOError("cannot write " + path + ": " + std::strerror(errno));
    return Status::OK();
  };
  std::ofstream nodes, edges, schema;
  KG_RETURN_IF_ERROR(open("nodes.csv", nodes));
  KG_RETURN_IF_ERROR(open("edges.csv", edges));
  KG_RETURN_IF_ERROR(open("kuzu_schema.cypher", schema));

  nodes << "id:ID,name,type,:LABEL,mentions:int,properties\n";
  for (NodeId id : subgraph.nodes) {
    Result<NodeRecord> node = graph.GetNode(id);
    if (!node.ok()) return node.status().WithContext("node " + std::to_string(id));
    std::string labels;
    for (const auto& l : node->labels) labels += (labels.empty() ? "" : ";") + l;
    Json props = Json::object();
    for (const auto& [k, v] : node->properties) props[ValidUtf8(k)] = PropertyJson(v);
    Result<std::vector<MentionRecord>> mentions = graph.NodeMentions(id);
    nodes << id << ',' << CsvField(NodeName(*node)) << ','
          << CsvField(NodeType(*node)) << ',' << CsvField(labels) << ','
          << (mentions.ok() ? mentions->size() : 0) << ','
          << CsvField(props.dump(-1, ' ', false, Json::error_handler_t::replace)) << '\n';
  }
  edges << ":START_ID,:END_ID,:TYPE,edge_id:long,sources:int,provenance:int,confidence:double,"
           "negated:boolean,wasDerivedFrom:string[],wasAttributedTo:string[],generatedAtTime,"
           "relation_surface\n";
  for (EdgeId id : subgraph.edges) {
    Result<EdgeRecord> edge = graph.GetEdge(id);
    if (!edge.ok()) return edge.status().WithContext("edge " + std::to_string(id));
    Result<ClaimSources> s = reader.Sources(*edge);
    if (!s.ok()) return s.status();
    std::string surface = s->records.empty() ? "" : s->records.front().relation_surface;
    edges << edge->source << ',' << edge->target << ',' << CsvField(edge->type) << ',' << id
          << ',' << s->independent_sources << ',' << s->records.size() << ',' << s->max_confidence
          << ',' << (s->all_negated ? "true" : "false") << ',' << CsvField(s->DocumentIds())
          << ',' << CsvField(s->Extractors()) << ',' << IsoTime(s->first_ingest_ms)
          << ',' << CsvField(surface) << '\n';
  }
  schema << "// Load nodes.csv and edges.csv into Kùzu (run from this folder):\n"
            "//   kuzu mydb < kuzu_schema.cypher\n"
            "// Neo4j: neo4j-admin database import full --nodes=nodes.csv "
            "--relationships=edges.csv\n"
            "CREATE NODE TABLE Node(id INT64, name STRING, type STRING, labels STRING, "
            "mentions INT64, properties STRING, PRIMARY KEY(id));\n"
            "CREATE REL TABLE Claim(FROM Node TO Node, type STRING, edge_id INT64, sources INT64, "
            "provenance INT64, confidence DOUBLE, negated BOOLEAN, wasDerivedFrom STRING, "
            "wasAttributedTo STRING, generatedAtTime STRING, relation_surface STRING);\n"
            "COPY Node FROM 'nodes.csv' (HEADER=true);\n"
            "COPY Claim FROM 'edges.csv' (HEADER=true);\n";
  nodes.flush();
  edges.flush();
  schema.flush();
  if (!nodes || !edges || !schema) return Status::IOError("write failed in " + dir);
  return Status::OK();
}

}  // namespace kg::graph
