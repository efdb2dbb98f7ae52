// kg curate: an analyst's corrections, kept as records that survive
// re-ingest (see graph/curation.h).
//
//   kg curate merge 'Barack Obama' Obama --why 'same person' --by ana
//   kg curate split 'Steve Jobs' --alias Jobs --name 'Jobs (band)'
//   kg curate rename '#12' 'Federal Bureau of Investigation'
//   kg curate reject 42 --why 'misread: the quote is reported speech'
//   kg curate reject "Russia -tip_off-> FBI" --why 'wrong direction'
//   kg curate list [--all]              # the records (id, when, by, why, what)
//   kg curate undo [ID]                 # the last record, or record ID
//   kg curate export -o curation.jsonl  # one JSON object per line
//   kg curate import curation.jsonl     # stores and applies them
//
// Entities are named as users type them (the alias index) or by id (#12,
// id:12); claims by id or 'Subject -relation-> Object'. Exit codes: 0 ok,
// 1 unknown name, claim or record, 2 usage or ambiguous input, 3 when an
// import skipped bad lines.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/repl_support.h"
#include "graph/audit.h"
#include "graph/curation.h"
#include "graph/graph.h"

namespace kg::cli {
namespace {

struct CurateArgs {
  std::string a, b;          // entity names / claim / new name
  std::vector<std::string> aliases, documents;
  std::string name;
  std::string by, why;
  std::string record;        // undo ID
  bool all = false;
  std::string output;
  std::string file;
};

int Fail(const std::string& command, const Status& s) {
  std::cerr << "kg curate " << command << ": " << s.message() << "\n";
  return s.IsInvalidArgument() ? kExitUsage : kExitError;
}

Result<std::unique_ptr<graph::Graph>> OpenForCuration(const Context& context, bool read_only) {
  Context c = context;
  c.include_rejected = true;  // rejected claims must stay nameable
  return OpenGraph(c, read_only);
}

nlohmann::ordered_json Summary(const graph::CurationRecord& r) {
  return {{"id", r.id},         {"op", r.op},           {"when", graph::IsoTime(r.when_ms)},
          {"by", r.by},         {"why", r.why},         {"status", r.active ? "active" : "undone"},
          {"undone_when", graph::IsoTime(r.undone_ms)}, {"undone_by", r.undone_by},
          {"what", r.what},     {"nodes", r.nodes},     {"edges", r.edges},
          {"changes", r.changes}};
}

void Print(const Context& context, const graph::CurationRecord& r, const std::string& verb) {
  if (context.format == "json") {
    std::cout << Summary(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  std::cout << verb << " curation record " << r.id << ": " << r.what << "\n";
}

graph::CurationMeta Meta(const CurateArgs& args) {
  graph::CurationMeta m;
  m.by = args.by;
  m.why = args.why;
  return m;
}

int RunMerge(Context& context, const CurateArgs& args) {
  auto opened = OpenForCuration(context, false);
  if (!opened.ok()) return Fail("merge", opened.status());
  graph::Graph& g = **opened;
  auto a = graph::ResolveNodeArgument(g, args.a);
  if (!a.ok()) return Fail("merge", a.status());
  auto b = graph::ResolveNodeArgument(g, args.b);
  if (!b.ok()) return Fail("merge", b.status());
  auto r = graph::CurateMerge(g, *a, *b, Meta(args));
  if (!r.ok()) return Fail("merge", r.status());
  Print(context, *r, "stored");
  return kExitOk;
}

int RunRename(Context& context, const CurateArgs& args) {
  auto opened = OpenForCuration(context, false);
  if (!opened.ok()) return Fail("rename", opened.status());
  graph::Graph& g = **opened;
  auto a = graph::ResolveNodeArgument(g, args.a);
  if (!a.ok()) return Fail("rename", a.status());
  auto r = graph::CurateRename(g, *a, args.b, Meta(args));
  if (!r.ok()) return Fail("rename", r.status());
  Print(context, *r, "stored");
  return kExitOk;
}

int RunSplit(Context& context, const CurateArgs& args) {
  auto opened = OpenForCuration(context, false);
  if (!opened.ok()) return Fail("split", opened.status());
  graph::Graph& g = **opened;
  auto a = graph::ResolveNodeArgument(g, args.a);
  if (!a.ok()) return Fail("split", a.status());
  graph::SplitSpec spec;
  spec.aliases = args.aliases;
  spec.name = args.name;
  for (const std::string& d : args.documents) {
    auto found = g.FindDocuments(d);
    if (!found.ok()) return Fail("split", found.status());
    if (d.empty() || found->empty()) return Fail("split", Status::NotFound("no document has the id '" + d + "'"));
    if (found->size() > 1)
      return Fail("split", Status::InvalidArgument("'" + d + "' matches " + std::to_string(found->size()) +
                                                   " document ids; give more of the id"));
    spec.documents.push_back(found->front());
  }
  auto r = graph::CurateSplit(g, *a, spec, Meta(args));
  if (!r.ok()) return Fail("split", r.status());
  Print(context, *r, "stored");
  return kExitOk;
}

int RunReject(Context& context, const CurateArgs& args) {
  if (args.why.empty()) return Fail("reject", Status::InvalidArgument("say why with --why TEXT"));
  auto opened = OpenForCuration(context, false);
  if (!opened.ok()) return Fail("reject", opened.status());
  graph::Graph& g = **opened;
  auto e = graph::ResolveClaimArgument(g, args.a);
  if (!e.ok()) return Fail("reject", e.status());
  auto r = graph::CurateReject(g, *e, Meta(args));
  if (!r.ok()) return Fail("reject", r.status());
  Print(context, *r, "stored");
  return kExitOk;
}

int RunUndo(Context& context, const CurateArgs& args) {
  std::optional<uint64_t> id;
  if (!args.record.empty()) {
    std::string digits = args.record[0] == '#' ? args.record.substr(1) : args.record;
    if (digits.empty() || digits.size() > 19 || digits.find_first_not_of("0123456789") != std::string::npos)
      return Fail("undo", Status::InvalidArgument("'" + args.record + "' is not a record id (see kg curate list)"));
    id = std::stoull(digits);
  }
  auto opened = OpenForCuration(context, false);
  if (!opened.ok()) return Fail("undo", opened.status());
  auto r = graph::UndoCuration(**opened, id, args.by);
  if (!r.ok()) return Fail("undo", r.status());
  Print(context, *r, "undid");
  return kExitOk;
}

int RunList(Context& context, const CurateArgs& args) {
  auto opened = OpenForCuration(context, true);
  if (!opened.ok()) return Fail("list", opened.status());
  auto records = graph::ListCuration(**opened, args.all);
  if (!records.ok()) return Fail("list", records.status());
  if (context.format == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& r : *records) out.push_back(Summary(r));
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  if (context.format != "text" && context.format != "table")
    return Fail("list", Status::InvalidArgument("unknown --format '" + context.format + "' (use text or json)"));
  if (records->empty()) {
    std::cout << (args.all ? "no curation records\n" : "no active curation records\n");
    return kExitOk;
  }
  for (const auto& r : *records) {
    std::cout << "#" << r.id << "  " << graph::IsoTime(r.when_ms) << "  " << r.op;
    if (!r.by.empty()) std::cout << "  by " << r.by;
    if (!r.active) std::cout << "  [undone " << graph::IsoTime(r.undone_ms) << (r.undone_by.empty() ? "" : " by " + r.undone_by) << "]";
    std::cout << "\n    " << r.what << "\n";
    if (!r.why.empty()) std::cout << "    why: " << r.why << "\n";
  }
  return kExitOk;
}

int RunExport(Context& context, const CurateArgs& args) {
  auto opened = OpenForCuration(context, true);
  if (!opened.ok()) return Fail("export", opened.status());
  auto records = graph::ListCuration(**opened, false);
  if (!records.ok()) return Fail("export", records.status());
  std::ofstream file;
  if (!args.output.empty()) {
    file.open(args.output, std::ios::binary | std::ios::trunc);
    if (!file) return Fail("export", Status::IOError("cannot write " + args.output + ": " + std::strerror(errno)));
  }
  std::ostream& out = args.output.empty() ? std::cout : file;
  for (const auto& r : *records) out << graph::CurationExportLine(r) << "\n";
  out.flush();
  if (!out) return Fail("export", Status::IOError("cannot write " + (args.output.empty() ? "stdout" : args.output)));
  if (!context.quiet && !args.output.empty())
    std::cerr << "curate export: " << records->size() << " record" << (records->size() == 1 ? "" : "s") << " to "
              << args.output << "\n";
  return kExitOk;
}

int RunImport(Context& context, const CurateArgs& args) {
  std::ifstream in(args.file, std::ios::binary);
  if (!in) return Fail("import", Status::IOError("cannot read " + args.file + ": " + std::strerror(errno)));
  auto opened = OpenForCuration(context, false);
  if (!opened.ok()) return Fail("import", opened.status());
  uint64_t imported = 0, present = 0, bad = 0, changes = 0, line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    auto r = graph::ImportCurationLine(**opened, line);
    if (r.ok()) {
      ++imported;
      changes += r->changes;
      if (!context.quiet) std::cerr << "imported " << args.file << ":" << line_no << " as record " << r->id << ": " << r->what << "\n";
    } else if (r.status().code() == Status::Code::kAlreadyExists) {
      ++present;
      if (!context.quiet) std::cerr << "kg curate import: " << args.file << ":" << line_no << ": " << r.status().message() << "\n";
    } else if (r.status().IsInvalidArgument()) {
      ++bad;
      std::cerr << "kg curate import: " << args.file << ":" << line_no << ": " << r.status().message() << "\n";
    } else {
      std::cerr << "kg curate import: " << args.file << ":" << line_no << ": " << r.status().message() << "\n";
      return kExitError;
    }
  }
  if (!context.quiet)
    std::cerr << "curate import: " << imported << " imported (" << changes << " changes), " << present
              << " already present, " << bad << " bad line" << (bad == 1 ? "" : "s") << "\n";
  if (bad == 0) return kExitOk;
  return imported + present > 0 ? kExitPartial : kExitError;
}

}  // namespace

int ReapplyCurationAfter(graph::Graph& graph, const Context& context, const std::string& command) {
  auto started = std::chrono::steady_clock::now();
  auto r = graph::ReapplyCuration(graph);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  if (!r.ok()) {
    std::cerr << "kg " << command << ": curation: " << r.status().message() << "\n";
    return kExitError;
  }
  if (r->records > 0 && !context.quiet) {
    std::cerr << "curation: re-applied " << r->records << " record" << (r->records == 1 ? "" : "s") << " ("
              << r->changes << " change" << (r->changes == 1 ? "" : "s") << ") in " << static_cast<int64_t>(ms + 0.5)
              << " ms\n";
  }
  return kExitOk;
}

void RegisterCurate(CLI::App& app, Context& context) {
  CLI::App* curate = app.add_subcommand(
      "curate", "Correct the graph: merge, split, rename entities, reject claims; list, undo, export, import");
  curate->require_subcommand(1);
  auto add_meta = [](CLI::App* cmd, CurateArgs& args) {
    cmd->add_option("--by", args.by, "Who made the change (stored with it)");
    cmd->add_option("--why", args.why, "Why (stored with it)");
  };
  {
    auto args = std::make_shared<CurateArgs>();
    CLI::App* cmd = curate->add_subcommand("merge", "Fold entity B into entity A (B's name becomes an alias of A)");
    cmd->add_option("A", args->a, "The entity that stays (name, alias, #id)")->required();
    cmd->add_option("B", args->b, "The entity folded into A")->required();
    add_meta(cmd, *args);
    cmd->callback([&context, args] { context.exit_code = RunMerge(context, *args); });
  }
  {
    auto args = std::make_shared<CurateArgs>();
    CLI::App* cmd = curate->add_subcommand(
        "split", "Move the mentions of A written as --alias, or read from --doc, to a new entity, with their claims");
    cmd->add_option("A", args->a, "The entity to split (name, alias, #id)")->required();
    cmd->add_option("--alias", args->aliases, "Mentions written so (any case) go to the new entity");
    cmd->add_option("--doc", args->documents, "Mentions read from this document (id or unique prefix) go");
    cmd->add_option("--name", args->name, "The new entity's name (default: the first --alias, else A's name)");
    add_meta(cmd, *args);
    cmd->callback([&context, args] { context.exit_code = RunSplit(context, *args); });
  }
  {
    auto args = std::make_shared<CurateArgs>();
    CLI::App* cmd = curate->add_subcommand("rename", "Change an entity's display name (the old one stays an alias)");
    cmd->add_option("A", args->a, "The entity (name, alias, #id)")->required();
    cmd->add_option("NAME", args->b, "Its new name")->required();
    add_meta(cmd, *args);
    cmd->callback([&context, args] { context.exit_code = RunRename(context, *args); });
  }
  {
    auto args = std::make_shared<CurateArgs>();
    CLI::App* cmd = curate->add_subcommand(
        "reject", "Hide a claim from queries, exports and counts (kept, and shown by kg audit and --include-rejected)");
    cmd->add_option("CLAIM", args->a, "Claim id (as kg audit and id(r) show it) or 'Subject -relation-> Object'")
        ->required();
    add_meta(cmd, *args);
    cmd->callback([&context, args] { context.exit_code = RunReject(context, *args); });
  }
  {
    auto args = std::make_shared<CurateArgs>();
    CLI::App* cmd = curate->add_subcommand("list", "The curation records: id, when, by, what, why");
    cmd->add_flag("--all", args->all, "Include undone records");
    cmd->callback([&context, args] { context.exit_code = RunList(context, *args); });
  }
  {
    auto args = std::make_shared<CurateArgs>();
    CLI::App* cmd = curate->add_subcommand("undo", "Revert the last curation record (or record ID) exactly");
    cmd->add_option("ID", args->record, "Record id (kg curate list)");
    cmd->add_option("--by", args->by, "Who undid it");
    cmd->callback([&context, args] { context.exit_code = RunUndo(context, *args); });
  }
  {
    auto args = std::make_shared<CurateArgs>();
    CLI::App* cmd = curate->add_subcommand("export", "Write the active records as JSON Lines (one per line)");
    cmd->add_option("-o,--output", args->output, "Write to FILE instead of stdout");
    cmd->callback([&context, args] { context.exit_code = RunExport(context, *args); });
  }
  {
    auto args = std::make_shared<CurateArgs>();
    CLI::App* cmd = curate->add_subcommand("import", "Store and apply the records of a JSON Lines file");
    cmd->add_option("FILE", args->file, "A file written by kg curate export")->required();
    cmd->callback([&context, args] { context.exit_code = RunImport(context, *args); });
  }
}

}  // namespace kg::cli
