// Export: the graph (or a part of it) in the formats other tools read.
//
//   DOT      Graphviz. Node shape and colour by entity type, edge label the
//            relation, pen width growing with the number of sources, a
//            tooltip listing the sources. Every string is escaped (quotes,
//            backslashes, newlines, control characters, invalid UTF-8), so
//            article text can neither break nor inject into the DOT.
//   GraphML  Gephi, Cytoscape, yEd: typed <key>s, XML-escaped data.
//   JSON     {"nodes": [...], "edges": [...]} with full provenance.
//   CSV      a folder with nodes.csv and edges.csv whose headers are the ones
//            `neo4j-admin database import full --nodes=nodes.csv
//            --relationships=edges.csv` reads (id:ID, :LABEL, :START_ID,
//            :END_ID, :TYPE, typed columns, ';' between array items) and whose
//            column order is the one Kùzu's `COPY ... FROM (HEADER=true)`
//            takes for the tables in kuzu_schema.cypher (written beside them).
//
// Provenance is named after W3C PROV-O: an edge wasDerivedFrom its documents,
// wasAttributedTo the extractors that read it, generatedAtTime its first
// ingestion (ISO 8601, UTC).
//
// What is exported is a Subgraph: chosen with WholeGraph, Neighbourhood, or
// by the caller (for example from a query result); edges whose ends are not
// in the node set are dropped by Complete().
//
//   auto sub = kg::graph::Neighbourhood(*graph, "Vladimir Putin", 2, 5000);
//   if (!sub.ok()) ...;
//   std::ofstream out("putin.dot");
//   KG_RETURN_IF_ERROR(kg::graph::WriteDot(*graph, *sub, {}, out));
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "common/status.h"
#include "graph/graph.h"

namespace kg::graph {

// A set of node and edge ids to export. Ids are kept sorted and unique by
// Complete(); edges whose endpoints are missing are dropped there.
struct Subgraph {
  std::vector<NodeId> nodes;
  std::vector<EdgeId> edges;
  // Sorts, removes duplicates, adds the endpoints of every edge when
  // `add_endpoints` (else drops edges with an endpoint outside `nodes`).
  Status Complete(const Graph& graph, bool add_endpoints);
};

// Every node and edge. Stops reading (and returns a Subgraph with
// `nodes.size() == max_nodes + 1`) once more than `max_nodes` nodes are seen,
// so a caller can refuse a huge export without reading it all; 0 = no limit.
Result<Subgraph> WholeGraph(const Graph& graph, size_t max_nodes);

// The nodes within `depth` hops (either direction) of the entity named `name`
// (see ResolveEntityName in audit.h: exact name, else mention or initials),
// and the edges among them. NotFound, with a
// message naming `name`, when no node has that name. Stops growing beyond
// `max_nodes` + 1 nodes (0 = no limit).
Result<Subgraph> Neighbourhood(const Graph& graph, const std::string& name, int depth,
                               size_t max_nodes);

struct DotOptions {
  std::string graph_name = "kg";
  size_t max_label_chars = 40;  // longer node/edge labels are cut with "…"
  bool left_to_right = true;    // rankdir=LR
};

Status WriteDot(const Graph& graph, const Subgraph& subgraph, const DotOptions& options,
                std::ostream& out);
Status WriteGraphML(const Graph& graph, const Subgraph& subgraph, std::ostream& out);
Status WriteJson(const Graph& graph, const Subgraph& subgraph, std::ostream& out);
// Writes nodes.csv, edges.csv and kuzu_schema.cypher into `dir` (created if
// missing). IOError naming the path when a file cannot be written.
Status WriteCsv(const Graph& graph, const Subgraph& subgraph, const std::string& dir);

// A string as a DOT double-quoted string body (without the quotes): safe for
// any input bytes. Exposed for tests and for callers writing their own DOT.
std::string DotEscape(const std::string& text);
// A string safe inside XML character data or a quoted attribute.
std::string XmlEscape(const std::string& text);

}  // namespace kg::graph
