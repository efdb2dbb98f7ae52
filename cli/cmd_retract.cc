// kg retract DOC: removes a document (by id or unique id prefix) with its
// provenance and mentions; claims and entities left without support go too.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "graph/graph.h"

namespace kg::cli {

void RegisterRetract(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand("retract", "Remove a document and its provenance");
  auto doc = std::make_shared<std::string>();
  cmd->add_option("DOC", *doc, "Document id, or a unique prefix of it")->required();
  cmd->callback([doc, &context] {
    graph::OpenOptions open;
    open.create_if_missing = false;
    auto graph = graph::Graph::Open(context.db, open);
    if (!graph.ok()) {
      std::cerr << "kg retract: " << graph.status().message() << "\n";
      context.exit_code = kExitError;
      return;
    }
    if (doc->empty()) {
      std::cerr << "kg retract: empty document id\n";
      context.exit_code = kExitUsage;
      return;
    }
    auto found = (*graph)->FindDocuments(*doc);
    if (!found.ok()) {
      std::cerr << "kg retract: " << found.status().message() << "\n";
      context.exit_code = kExitError;
      return;
    }
    if (found->empty()) {
      std::cerr << "kg retract: no document with id " << *doc << "\n";
      context.exit_code = kExitError;
      return;
    }
    if (found->size() > 1) {
      std::cerr << "kg retract: '" << *doc << "' matches " << found->size()
                << " documents; give more of the id:\n";
      for (size_t i = 0; i < found->size() && i < 10; ++i) std::cerr << "  " << (*found)[i] << "\n";
      context.exit_code = kExitUsage;
      return;
    }
    auto r = (*graph)->Retract(found->front());
    if (!r.ok()) {
      std::cerr << "kg retract: " << r.status().message() << "\n";
      context.exit_code = kExitError;
      return;
    }
    if (!context.quiet) {
      std::cerr << "retract: " << found->front() << ": -" << r->removed_edges << " claims, -"
                << r->removed_provenance << " sources, -" << r->removed_nodes << " entities; "
                << r->kept_edges << " claims kept (supported elsewhere)\n";
    }
    context.exit_code = kExitOk;
  });
}

}  // namespace kg::cli
