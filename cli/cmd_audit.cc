// kg audit: trace claims back to their sentences (see graph/audit.h).
//
//   kg audit 42                                       # one claim, by edge id
//   kg audit --subject Russia --relation tip_off --object FBI
//   kg audit --report --format html -o report.html    # the whole graph
//   kg audit --entity 'Barack Obama'                  # an entity: aliases, curation
//
// Rejected claims (kg curate reject) are audited like the others, marked
// REJECTED with the curation record that rejected them; every curation
// record that touched the claim or entity is listed (id, when, by, why).
// A claim audit prints every supporting sentence with its document's title,
// publisher, date and url, the spans marked, extractor, confidence, and the
// result of re-checking each span against the stored text; exit code 1 when
// the claim or an entity is unknown, 3 when some span does not match.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/repl_support.h"
#include "graph/audit.h"
#include "graph/curation.h"
#include "graph/entity_keys.h"
#include "graph/graph.h"

namespace kg::cli {
namespace {

struct AuditArgs {
  std::string claim;
  std::string subject, relation, object;
  std::string entity;
  bool report = false;
  std::string format;
  std::string output;
  size_t top = 20;
};

int Fail(const std::string& message, int code = kExitError) {
  std::cerr << "kg audit: " << message << "\n";
  return code;
}

using Json = nlohmann::ordered_json;

Json CurationJson(const std::vector<graph::CurationRecord>& records) {
  Json out = Json::array();
  for (const auto& r : records)
    out.push_back({{"id", r.id}, {"op", r.op}, {"when", graph::IsoTime(r.when_ms)}, {"by", r.by},
                   {"why", r.why}, {"what", r.what}});
  return out;
}

std::string CurationText(const std::vector<graph::CurationRecord>& records) {
  std::string out;
  for (const auto& r : records) {
    out += "  curation #" + std::to_string(r.id) + " " + graph::IsoTime(r.when_ms) +
           (r.by.empty() ? "" : " by " + r.by) + ": " + r.what + (r.why.empty() ? "" : " (why: " + r.why + ")") +
           "\n";
  }
  return out;
}

// kg audit --entity NAME: the entity, its aliases and what curation did to it.
int AuditEntity(const graph::Graph& graph, const std::string& name, const std::string& format, std::ostream& out) {
  Result<graph::NodeId> id = graph::ResolveNodeArgument(graph, name);
  if (!id.ok()) return Fail(id.status().message(), id.status().IsInvalidArgument() ? kExitUsage : kExitError);
  Result<graph::NodeRecord> node = graph.GetNode(*id);
  if (!node.ok()) return Fail(node.status().message());
  Result<std::vector<std::string>> aliases = graph::AliasesOf(graph, *id);
  Result<std::vector<graph::MentionRecord>> mentions = graph.NodeMentions(*id);
  Result<std::vector<graph::CurationRecord>> curation = graph::CurationOfNode(graph, *id);
  if (!aliases.ok() || !mentions.ok() || !curation.ok()) {
    Status s = !aliases.ok() ? aliases.status() : !mentions.ok() ? mentions.status() : curation.status();
    return Fail(s.message());
  }
  size_t claims = 0, rejected = 0;
  for (int dir = 0; dir < 2; ++dir) {
    for (auto c = dir ? graph.InEdges(*id) : graph.OutEdges(*id); c->Valid(); c->Next()) {
      if (dir && c->edge().source == c->edge().target) continue;  // a self-loop once
      ++claims;
      rejected += graph.IsRejected(c->edge().id);
    }
  }
  if (format == "json") {
    Json j = {{"id", *id},           {"name", graph::NodeName(*node)}, {"type", graph::NodeType(*node)},
              {"aliases", *aliases}, {"mentions", mentions->size()},   {"claims", claims},
              {"rejected_claims", rejected}, {"curation", CurationJson(*curation)}};
    out << j.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  out << "Entity #" << *id << ": " << graph::NodeName(*node) << " (" << graph::NodeType(*node) << ")\n";
  std::string list;
  for (const auto& a : *aliases) list += (list.empty() ? "" : ", ") + a;
  out << "  aliases: " << list << "\n  " << mentions->size() << " mentions, " << claims << " claims"
      << (rejected ? " (" + std::to_string(rejected) + " rejected)" : "") << "\n";
  if (curation->empty()) {
    out << "  no curation\n";
  } else {
    out << CurationText(*curation);
  }
  return kExitOk;
}

int RunAudit(Context& context, const AuditArgs& args) {
  std::string format = !args.format.empty() ? args.format : context.format;
  const bool by_names = !args.subject.empty() || !args.relation.empty() || !args.object.empty();
  if (args.report + by_names + !args.claim.empty() + !args.entity.empty() != 1) {
    return Fail("give one of: a CLAIM_ID, --subject/--relation/--object, --entity NAME, or --report",
                kExitUsage);
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
  if (format == "table") format = "text";  // kg query's name for text output
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

  // An audit shows every claim, rejected ones included (marked).
  Context all = context;
  all.include_rejected = true;
  Result<std::unique_ptr<graph::Graph>> opened = OpenGraph(all, /*read_only=*/true);
  if (!opened.ok()) return Fail(opened.status().message());
  const graph::Graph& graph = **opened;
  if (!args.entity.empty()) {
    int code = AuditEntity(graph, args.entity, format, out);
    out.flush();
    return code;
  }

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
    Result<std::vector<graph::CurationRecord>> curation = graph::CurationOfEdge(graph, ids[i]);
    if (!curation.ok()) return Fail(curation.status().message());
    const bool rejected = graph.IsRejected(ids[i]);
    if (format == "json") {
      std::string text = graph::ClaimAuditJson(*audit);
      if (rejected || !curation->empty()) {
        Json j = Json::parse(text, nullptr, false);
        if (!j.is_discarded()) {
          j["rejected"] = rejected;
          j["curation"] = CurationJson(*curation);
          text = j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
        }
      }
      out << (i ? ",\n" : "") << text;
    } else {
      std::string text = graph::FormatClaimAudit(*audit);
      if (rejected || !curation->empty()) {
        size_t eol = text.find('\n');
        std::string head = eol == std::string::npos ? text : text.substr(0, eol + 1);
        std::string tail = eol == std::string::npos ? "" : text.substr(eol + 1);
        text = head + (rejected ? "  REJECTED by an analyst: hidden from queries, exports and counts "
                                  "(--include-rejected shows it)\n"
                                : "") +
               CurationText(*curation) + tail;
      }
      out << (i ? "\n" : "") << text;
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
  cmd->add_option("--entity", args->entity, "Audit an entity: aliases, mentions, curation (name, alias or #id)");
  cmd->add_flag("--report", args->report, "Audit the whole graph");
  cmd->add_option("--format", args->format, "Claim: text (default) or json; report: md, json or html");
  cmd->add_option("-o,--output", args->output, "Write to FILE instead of stdout");
  cmd->add_option("--top", args->top, "Report: how many lines per list (default 20)");
  cmd->callback([&context, args] { context.exit_code = RunAudit(context, *args); });
}

}  // namespace kg::cli
