// kg audit: trace claims back to their sentences (see graph/audit.h).
//
//   kg audit 42                                       # one claim, by edge id
//   kg audit --subject Russia --relation tip_off --object FBI
//   kg audit --report --format html -o report.html    # the whole graph
//
// A claim audit prints every supporting sentence with its document's title,
// publisher, date and url, the spans marked, extractor, confidence, and the
// result of re-checking each span against the stored text; exit code 1 when
// the claim or an entity is unknown, 3 when some span does not match.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/repl_support.h"
#include "graph/audit.h"
#include "graph/graph.h"

namespace kg::cli {
namespace {

struct AuditArgs {
  std::string claim;
  std::string subject, relation, object;
  bool report = false;
  std::string format;
  std::string output;
  size_t top = 20;
};

int Fail(const std::string& message, int code = kExitError) {
  std::cerr << "kg audit: " << message << "\n";
  return code;
}

int RunAudit(Context& context, const AuditArgs& args) {
  std::string format = !args.format.empty() ? args.format : context.format;
  const bool by_names = !args.subject.empty() || !args.relation.empty() || !args.object.empty();
  if (args.report + by_names + !args.claim.empty() != 1) {
    return Fail("give one of: a CLAIM_ID, --subject/--relation/--object, or --report", kExitUsage);
  }
  graph::EdgeId id = 0;
  if (!args.claim.empty()) {
    std::string digits = args.claim[0] == '#' ? args.claim.substr(1) : args.claim;
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) {
      return Fail("CLAIM_ID must be a relationship id (a number, as id(r) returns), not '" +
                      args.claim + "'; to name a claim use --subject S --relation R --object O",
                  kExitUsage);
    }
    id = std::stoull(digits);
  }
  if (args.report) {
    if (format == "text" || format == "markdown") format = "md";
    if (format != "md" && format != "json" && format != "html") {
      return Fail("unknown report --format '" + format + "' (use md, json or html)", kExitUsage);
    }
  } else {
    if (format != "text" && format != "json") {
      return Fail("unknown --format '" + format + "' for a claim audit (use text or json)",
                  kExitUsage);
    }
  }
  std::ofstream file;
  if (!args.output.empty()) {
    file.open(args.output, std::ios::binary | std::ios::trunc);
    if (!file) return Fail("cannot write " + args.output + ": " + std::strerror(errno));
  }
  std::ostream& out = args.output.empty() ? std::cout : file;

  Result<std::unique_ptr<graph::Graph>> opened = OpenGraph(context, /*read_only=*/true);
  if (!opened.ok()) return Fail(opened.status().message());
  const graph::Graph& graph = **opened;

  if (args.report) {
    Result<graph::AuditReport> report = graph::BuildAuditReport(graph, args.top);
    if (!report.ok()) return Fail(report.status().message());
    out << (format == "json"   ? graph::ReportJson(*report)
            : format == "html" ? graph::ReportHtml(*report)
                               : graph::ReportMarkdown(*report));
    out.flush();
    if (!out) return Fail("cannot write the report");
    return kExitOk;
  }

  std::vector<graph::EdgeId> ids;
  if (by_names) {
    Result<std::vector<graph::EdgeId>> found =
        graph::FindClaims(graph, args.subject, args.relation, args.object);
    if (!found.ok()) return Fail(found.status().message());
    ids = std::move(*found);
  } else {
    ids.push_back(id);
  }
  bool mismatch = false;
  if (format == "json" && ids.size() > 1) out << "[\n";
  for (size_t i = 0; i < ids.size(); ++i) {
    Result<graph::ClaimAudit> audit = graph::AuditClaim(graph, ids[i]);
    if (!audit.ok()) return Fail(audit.status().message());
    mismatch = mismatch || audit->mismatches > 0;
    if (format == "json") {
      out << (i ? ",\n" : "") << graph::ClaimAuditJson(*audit);
    } else {
      out << (i ? "\n" : "") << graph::FormatClaimAudit(*audit);
    }
  }
  if (format == "json" && ids.size() > 1) out << "]\n";
  out.flush();
  if (!out) return Fail("cannot write the audit");
  if (mismatch) {
    std::cerr << "kg audit: some spans do not match the stored text (see MISMATCH above)\n";
    return kExitPartial;
  }
  return kExitOk;
}

}  // namespace

void RegisterAudit(CLI::App& app, Context& context) {
  auto args = std::make_shared<AuditArgs>();
  CLI::App* cmd = app.add_subcommand(
      "audit", "Trace claims to their sentences, or report on the whole graph (--report)");
  cmd->add_option("claim", args->claim, "The claim's relationship id (id(r) in a query)");
  cmd->add_option("--subject", args->subject, "Subject entity name (exact, any case)");
  cmd->add_option("--relation", args->relation, "Relation type, e.g. tip_off");
  cmd->add_option("--object", args->object, "Object entity name (exact, any case)");
  cmd->add_flag("--report", args->report, "Audit the whole graph");
  cmd->add_option("--format", args->format, "Claim: text (default) or json; report: md, json or html");
  cmd->add_option("-o,--output", args->output, "Write to FILE instead of stdout");
  cmd->add_option("--top", args->top, "Report: how many lines per list (default 20)");
  cmd->callback([&context, args] { context.exit_code = RunAudit(context, *args); });
}

}  // namespace kg::cli
