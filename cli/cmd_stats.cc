// kg stats: counts of documents, entities, claims and sources, and the
// extractor that made them. `--format json` (or `kg stats --json`) for JSON.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "graph/graph.h"

namespace kg::cli {

void RegisterStats(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand("stats", "Counts of documents, entities, claims, sources");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "JSON output (same as --format json)");
  cmd->callback([json, &context] {
    graph::OpenOptions open;
    open.create_if_missing = false;
    open.read_only = true;
    open.include_rejected = context.include_rejected;
    auto graph = graph::Graph::Open(context.db, open);
    if (!graph.ok()) {
      std::cerr << "kg stats: " << graph.status().message() << "\n";
      context.exit_code = kExitError;
      return;
    }
    auto stats = (*graph)->Stats();
    auto labels = (*graph)->Labels();
    auto types = (*graph)->RelationshipTypes();
    if (!stats.ok() || !labels.ok() || !types.ok()) {
      Status s = !stats.ok() ? stats.status() : !labels.ok() ? labels.status() : types.status();
      std::cerr << "kg stats: " << s.message() << "\n";
      context.exit_code = kExitError;
      return;
    }
    std::string extractor;
    for (const auto& e : stats->extractors) extractor += (extractor.empty() ? "" : ", ") + e;
    if (*json || context.format == "json") {
      nlohmann::json j;
      j["database"] = context.db;
      j["documents"] = stats->documents;
      j["entities"] = stats->entities;
      j["claims"] = stats->edges;
      j["sources"] = stats->provenance;
      j["nodes"] = stats->nodes;
      j["mentions"] = stats->mentions;
      j["rejected_claims"] = stats->rejected;
      j["relationship_types"] = types->size();
      j["extractors"] = stats->extractors;
      nlohmann::json l = nlohmann::json::object();
      for (const auto& [name, n] : *labels) l[name] = n;
      j["labels"] = l;
      std::cout << j.dump(2) << "\n";
    } else {
      std::cout << "database            " << context.db << "\n"
                << "documents           " << stats->documents << "\n"
                << "entities            " << stats->entities << "\n"
                << "claims              " << stats->edges << "\n"
                << "sources             " << stats->provenance << "\n"
                << "nodes               " << stats->nodes << "\n"
                << "mentions            " << stats->mentions << "\n"
                << (stats->rejected ? "rejected claims     " + std::to_string(stats->rejected) +
                                          (context.include_rejected ? " (shown)\n" : " (hidden)\n")
                                    : std::string())
                << "relationship types  " << types->size() << "\n"
                << "extractor           " << (extractor.empty() ? "-" : extractor) << "\n";
    }
    context.exit_code = kExitOk;
  });
}

}  // namespace kg::cli
