// kg timeline: every claim involving one entity, in publication order
// (see graph/timeline.h).
//
//   kg timeline 'Vladimir Putin'
//   kg timeline Putin --format json
//   kg timeline FBI --format html -o fbi.html
//
// NAME goes through the alias index as a query's {name: ...} does ("FBI",
// "Putin" and "Vladimir Putin" all work). Exit code 1 when no entity has
// that name, 2 on a usage error.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/repl_support.h"
#include "graph/audit.h"
#include "graph/timeline.h"

namespace kg::cli {
namespace {

struct TimelineArgs {
  std::string name;
  std::string output;
};

int Fail(const std::string& message, int code = kExitError) {
  std::cerr << "kg timeline: " << message << "\n";
  return code;
}

std::string Day(const std::string& published) {
  return published.empty() ? "undated   " : published.substr(0, 10);
}

int RunTimeline(Context& context, const TimelineArgs& args) {
  // "table" is what kg query calls its text output: the same here.
  const std::string format = context.format == "table" ? "text" : context.format;
  if (format != "text" && format != "json" && format != "html")
    return Fail("unknown --format '" + format + "' (use text, json or html)", kExitUsage);
  Result<std::unique_ptr<graph::Graph>> opened = OpenGraph(context, /*read_only=*/true);
  if (!opened.ok()) return Fail(opened.status().message());
  const graph::Graph& graph = **opened;
  Result<std::vector<graph::NodeId>> nodes = graph::ResolveEntityName(graph, args.name);
  if (!nodes.ok()) return Fail(nodes.status().message());
  if (nodes->empty()) return Fail("no entity is named '" + args.name + "'");
  std::ofstream file;
  if (!args.output.empty()) {
    file.open(args.output, std::ios::binary | std::ios::trunc);
    if (!file) return Fail("cannot write " + args.output + ": " + std::strerror(errno));
  }
  std::ostream& out = args.output.empty() ? std::cout : file;
  for (size_t k = 0; k < nodes->size(); ++k) {
    graph::NodeId node = (*nodes)[k];
    Result<graph::NodeRecord> record = graph.GetNode(node);
    if (!record.ok()) return Fail(record.status().message());
    std::string name = graph::NodeName(*record);
    Result<std::vector<graph::TimelineEntry>> entries = graph::BuildTimeline(graph, node);
    if (!entries.ok()) return Fail(entries.status().message());
    if (format == "json") {
      out << graph::TimelineJson(name, *entries) << "\n";
    } else if (format == "html") {
      out << graph::TimelineHtml(name, *entries);
    } else {
      out << (k ? "\n" : "") << name << " (" << graph::NodeType(*record) << "): "
          << entries->size() << " claim mention" << (entries->size() == 1 ? "" : "s") << "\n";
      for (const graph::TimelineEntry& e : *entries) {
        std::string where = e.title.empty() ? e.document_id.substr(0, 12) : e.title;
        out << Day(e.published) << "  " << e.subject << " -" << (e.negated ? "not " : "")
            << e.relation << "-> " << e.object << "  [" << e.sources << " source"
            << (e.sources == 1 ? "" : "s") << (e.from_group ? ", group mention" : "")
            << "; claim " << e.claim << "]\n"
            << "            " << where << ", sentence " << e.sentence + 1 << ": \""
            << e.sentence_text << "\"\n";
      }
    }
    if (format == "html") break;  // one page: the first entity the name resolves to
  }
  out.flush();
  if (!out) return Fail("cannot write the timeline");
  return kExitOk;
}

}  // namespace

void RegisterTimeline(CLI::App& app, Context& context) {
  auto args = std::make_shared<TimelineArgs>();
  CLI::App* cmd = app.add_subcommand(
      "timeline", "Every claim involving an entity, by publication date, document and sentence");
  cmd->add_option("name", args->name, "The entity's name or any alias (FBI, Putin...)")->required();
  cmd->add_option("-o,--output", args->output, "Write to FILE instead of stdout");
  cmd->callback([&context, args] { context.exit_code = RunTimeline(context, *args); });
}

}  // namespace kg::cli
