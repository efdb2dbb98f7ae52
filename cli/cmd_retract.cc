// kg retract DOC...: removes documents with their provenance and mentions;
// claims and entities left without support go too.
//
//   kg retract 3c939b3c                      # a unique prefix of the id
//   kg retract seeds/000_63cd26496f3a4c4e.txt   # the file it was read from
//   kg retract https://en.wikinews.org/wiki/...  # its url
//   kg retract manual                        # what CREATE/MERGE (or a CSV load) made
//
// A JSON Lines file names every document read from it (file.jsonl:12 names
// one). Exit code 1 when a DOC names no document, 2 when a prefix is
// ambiguous.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <iostream>
#include <memory>
#include <set>

#include "cli/commands.h"
#include "graph/graph.h"

namespace kg::cli {
namespace {

// "file.jsonl:12" -> "file.jsonl"; a path without ":line" stays.
std::string SourceFile(const std::string& source) {
  size_t colon = source.rfind(':');
  if (colon == std::string::npos || colon + 1 == source.size()) return source;
  for (size_t i = colon + 1; i < source.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(source[i]))) return source;
  return source.substr(0, colon);
}

// Whether `path` names the same file as `source` (as given, or relative to
// where kg ran when it was ingested: "seeds/x.txt" matches "./seeds/x.txt").
bool SamePath(const std::string& path, const std::string& source) {
  auto strip = [](std::string p) {
    while (p.rfind("./", 0) == 0) p = p.substr(2);
    return p;
  };
  return strip(path) == strip(source);
}

// The documents `what` names: by id prefix, else by source file (or
// file:line), else by url. Error messages go to stderr.
Result<std::vector<std::string>> Resolve(const graph::Graph& graph, const std::string& what) {
  Result<std::vector<std::string>> by_id = graph.FindDocuments(what);
  if (!by_id.ok() || !by_id->empty()) return by_id;
  // The document index: a url (normalised, as documents are identified) or
  // a source path as stored, with or without a leading "./".
  std::set<std::string> indexed;
  std::string stripped = what;
  while (stripped.rfind("./", 0) == 0) stripped = stripped.substr(2);
  for (const auto& found : {graph.FindDocumentsByUrl(what), graph.FindDocumentsBySource(what),
                            graph.FindDocumentsBySource(stripped), graph.FindDocumentsBySource("./" + stripped)}) {
    if (!found.ok()) return found.status();
    indexed.insert(found->begin(), found->end());
  }
  if (!indexed.empty()) return std::vector<std::string>(indexed.begin(), indexed.end());
  // A JSON Lines file's records ("file.jsonl" for "file.jsonl:3"), or a
  // path written another way: every document is read.
  Result<std::vector<std::string>> all = graph.ListDocuments();
  if (!all.ok()) return all.status();
  std::vector<std::string> out;
  for (const std::string& id : *all) {
    Result<graph::DocumentRecord> doc = graph.GetDocument(id);
    if (!doc.ok()) return doc.status();
    const Document& d = doc->document;
    if ((!d.url.empty() && d.url == what) || SamePath(what, d.source) ||
        SamePath(what, SourceFile(d.source)))
      out.push_back(id);
  }
  return out;
}

int RunRetract(Context& context, const std::vector<std::string>& docs) {
  graph::OpenOptions open;
  open.create_if_missing = false;
  open.include_rejected = true;  // a retract sees every edge, rejected ones too
  auto graph = graph::Graph::Open(context.db, open);
  if (!graph.ok()) {
    std::cerr << "kg retract: " << graph.status().message() << "\n";
    return kExitError;
  }
  // Resolve every argument before removing anything.
  std::vector<std::string> ids;
  bool manual = false;
  for (const std::string& what : docs) {
    if (what == "manual") {
      manual = true;
      continue;
    }
    if (what.empty()) {
      std::cerr << "kg retract: empty document id\n";
      return kExitUsage;
    }
    Result<std::vector<std::string>> found = Resolve(**graph, what);
    if (!found.ok()) {
      std::cerr << "kg retract: " << found.status().message() << "\n";
      return kExitError;
    }
    if (found->empty()) {
      std::cerr << "kg retract: no document has the id, file or url '" << what << "'\n";
      return kExitError;
    }
    bool is_prefix = found->size() > 1 && found->front().rfind(what, 0) == 0;
    if (is_prefix) {
      std::cerr << "kg retract: '" << what << "' matches " << found->size()
                << " document ids; give more of the id:\n";
      for (size_t i = 0; i < found->size() && i < 10; ++i) std::cerr << "  " << (*found)[i] << "\n";
      return kExitUsage;
    }
    for (const std::string& id : *found)
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  graph::RetractSummary total;
  for (const std::string& id : ids) {
    auto r = (*graph)->Retract(id);
    if (!r.ok()) {
      std::cerr << "kg retract: " << r.status().message() << "\n";
      return kExitError;
    }
    total.removed_edges += r->removed_edges;
    total.removed_provenance += r->removed_provenance;
    total.removed_nodes += r->removed_nodes;
    total.removed_entities += r->removed_entities;
    total.kept_edges += r->kept_edges;
  }
  if (manual) {
    auto r = graph::RetractManualEdits(**graph);
    if (!r.ok()) {
      std::cerr << "kg retract manual: " << r.status().message() << "\n";
      return kExitError;
    }
    if (!context.quiet) {
      std::cerr << "retract manual: -" << r->removed_edges << " hand-made claims, -"
                << r->removed_entities << " entities, -" << r->removed_nodes - r->removed_entities
                << " other nodes made by hand\n";
    }
  }
  if (int code = ReapplyCurationAfter(**graph, context, "retract"); code != kExitOk) return code;
  if (manual && ids.empty()) return kExitOk;
  if (!context.quiet) {
    std::cerr << "retract: " << ids.size() << " document" << (ids.size() == 1 ? "" : "s")
              << (ids.size() == 1 ? " " + ids.front() : "") << ": -" << total.removed_edges
              << " claims, -" << total.removed_provenance << " sources, -"
              << total.removed_entities << " entities, -"
              << total.removed_nodes - total.removed_entities << " value nodes; "
              << total.kept_edges << " claims kept (supported elsewhere)\n";
  }
  return kExitOk;
}

}  // namespace

void RegisterRetract(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand(
      "retract", "Remove documents (by id or id prefix, file path, or url) and their provenance");
  auto docs = std::make_shared<std::vector<std::string>>();
  cmd->add_option("DOC", *docs,
                  "Document id or unique prefix, the file it came from, or its url; 'manual': "
                  "everything made by hand (CREATE/MERGE, CSV loads), not read from a document")
      ->required();
  cmd->callback([docs, &context] { context.exit_code = RunRetract(context, *docs); });
}

}  // namespace kg::cli
