// CSV import: loads a property graph from node and edge CSV files, the way
// Kùzu's `COPY ... FROM` and `neo4j-admin database import` do, through sorted
// SST files and one atomic RocksDB ingestion (the fast path: no per-record
// write, no lookups).
//
//   graph::CsvImportOptions options;
//   auto summary = graph::ImportCsv(graph.get(), {"out/nodes.csv"}, {"out/edges.csv"}, options);
//
// The graph it makes is the one CREATE would make from the same rows: each
// row a new node (labels, properties, an entry in the name index for a
// `name`, a "manual" mention) or a new edge (type, properties, a "manual"
// provenance record). Imported nodes and edges never merge with what is
// stored: the import adds, as COPY does.
//
// Accepted shapes (both are what `kg export --format csv` writes):
//  * neo4j-admin: `:ID` (or `name:ID`, then also a property), `:LABEL`
//    (';' between labels), `:START_ID`, `:END_ID`, `:TYPE`; typed columns
//    `name:int|long|short|byte|double|float|boolean|string`, and `[]` arrays
//    (';' between items).
//  * Kùzu: a header row; nodes keyed by their first column, edges' first two
//    columns are the FROM and TO keys; the label and relationship type come
//    from the options (Kùzu takes them from the table).
// Untyped columns are integers when every value of the column is one, else
// floats when every value is a number, else strings; an empty field is no
// property. A column named `properties` holding a JSON object (kg's export)
// gives the node's properties instead of the other columns.
//
// Errors: a bad row (wrong number of fields, an edge naming an unknown node,
// a value that is not of its column's type) is reported as file:line and
// skipped; the others are loaded. A file that cannot be read or has no
// header fails the import before anything is written. The ingestion is one
// atomic step: a crash before it leaves the database as it was.
//
// While an import runs nothing else may write to the graph.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "graph/graph.h"

namespace kg::graph {

struct CsvImportOptions {
  // Label of nodes from a file without a :LABEL column (Kùzu's table name).
  std::string label = "Entity";
  // Type of edges from a file without a :TYPE column (Kùzu's table name).
  std::string type = "RELATED";
  // Folder for the temporary SST files; empty = a hidden sibling of the
  // database folder (same file system, so ingestion moves instead of copying).
  std::string temp_dir;
  // Threads for parsing and for writing SST files (0 = one per core).
  int threads = 0;
};

struct CsvImportSummary {
  uint64_t nodes = 0;
  uint64_t edges = 0;
  uint64_t bad_rows = 0;
  std::vector<std::string> problems;  // "file:line: why", the first 100
  // Where the time went, in milliseconds.
  double parse_ms = 0, sort_ms = 0, write_ms = 0, ingest_ms = 0;
};

// Imports every node file, then every edge file. Edges refer to nodes by the
// id column of the node files of this same import.
Result<CsvImportSummary> ImportCsv(Graph* graph, const std::vector<std::string>& node_files,
                                   const std::vector<std::string>& edge_files,
                                   const CsvImportOptions& options);

// Whether `path` looks like an edge file (its header has :START_ID, or its
// name starts with "edges"/"rels"/"relationships"). For `kg load`.
bool IsEdgeCsv(const std::string& path);

}  // namespace kg::graph
