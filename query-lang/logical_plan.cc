// The logical plan's text (see logical_plan.h).
#include "query-lang/logical_plan.h"

#include <cstdio>

namespace kg::query_lang {
namespace {

std::string Var(const std::string& v) { return v.empty() ? "_" : v; }

void PlanTextRec(const LogicalOp& op, bool profile, int depth, std::string* out) {
  out->append(static_cast<size_t>(depth) * 2, ' ');
  out->append(op.Describe());
  if (profile && op.physical) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "  (rows: %lld, time: %.3f ms)", static_cast<long long>(op.physical->rows()),
                  op.physical->time_ms());
    out->append(buf);
    std::string note = op.physical->ProfileNote();
    if (!note.empty()) out->append(" [" + note + "]");
  }
  out->append("\n");
  for (const auto& in : op.inputs) PlanTextRec(*in, profile, depth + 1, out);
}

// "(a:Label)" for the counted node of a degree step.
std::string CountedNode(const DegreeCount& d) {
  std::string s = Var(d.node->variable);
  if (!d.node->labels.empty()) s += ":" + d.node->labels[0];
  return s;
}

}  // namespace

std::string LogicalOp::Describe() const {
  switch (kind) {
    case Kind::kStart: return "Start";
    case Kind::kArgument: return "Argument";
    case Kind::kMatch: {
      std::string s = clause->optional ? "OptionalMatch" : "Match";
      s += " [";
      for (size_t i = 0; i < clause->patterns.size(); ++i) {
        if (i) s += ", ";
        s += DescribeAccess(clause->patterns[i], access[i]);
        s += "; expand " + std::to_string(clause->patterns[i].rels.size()) + " hop(s)";
      }
      s += "]";
      if (clause->where) s += " where " + clause->where->text;
      return s;
    }
    case Kind::kDegreeCount: {
      BoundPattern part;
      part.nodes.push_back(*degree.node);
      return "DegreeCount(" + Var(degree.node->variable) + ") from the degree counts, start " +
             DescribeAccess(part, ChooseAccess({part})[0]);
    }
    case Kind::kDegreeScan: {
      const BoundNode& n = *degree.node;
      std::string s = "DegreeScan(" + CountedNode(degree) + ") over the degree counts";
      if (!n.labels.empty() || n.properties || (!n.variable.empty() && n.used)) s += ", with the node records";
      return s;
    }
    case Kind::kDegreeGroupCount: {
      std::string s = "DegreeGroupCount(" + CountedNode(degree) + ") over the degree counts";
      if (!key_property.empty())
        s += ", grouped by " + Var(degree.node->variable) + "." + key_property +
             " from a column the graph keeps (made from the node records when most nodes count), else the node records";
      if (top_k >= 0) s += ", the " + std::to_string(top_k) + (descending ? " largest" : " smallest") + " counts";
      return s;
    }
    case Kind::kUnwind: return "Unwind " + clause->expr->text + " AS " + clause->variable;
    case Kind::kFilter: return "Filter " + predicate->text;
    case Kind::kProject: {
      std::string s = "Project";
      for (auto& i : projection->items) s += " " + i.alias;
      return s;
    }
    case Kind::kAggregate: {
      std::string s = "Aggregate keys:";
      for (size_t i = 0; i < projection->items.size(); ++i)
        if (!post[i]) s += " " + projection->items[i].alias;
      s += " aggregates:";
      for (auto& a : aggs) s += " " + a.expr->text;
      if (weight_slot >= 0) s += " (counts weighted by the degree counts)";
      return s;
    }
    case Kind::kDistinct: return "Distinct";
    case Kind::kSort: {
      std::string s = top_k >= 0 ? "Top " + std::to_string(top_k) : "Sort";
      for (auto& i : projection->order) s += " " + i.expr->text + (i.descending ? " DESC" : "");
      return s;
    }
    case Kind::kSkipLimit: {
      std::string s;
      if (projection->skip) s += "Skip " + projection->skip->text;
      if (projection->limit) s += std::string(s.empty() ? "" : " ") + "Limit " + projection->limit->text;
      return s;
    }
    case Kind::kScope: return "Scope";
    case Kind::kCreate: {
      size_t n = 0, r = 0;
      for (auto& p : clause->patterns) {
        n += p.nodes.size();
        r += p.rels.size();
      }
      return "Create " + std::to_string(n) + " node pattern(s), " + std::to_string(r) + " relationship(s)";
    }
    case Kind::kSet:
      return std::string(clause->kind == BoundClause::Kind::kSet ? "Set" : "Remove") + " " +
             std::to_string(clause->set_items.size()) + " item(s)";
    case Kind::kDelete:
      return std::string(clause->detach ? "DetachDelete " : "Delete ") + std::to_string(clause->exprs.size()) +
             " item(s)";
    case Kind::kMerge: return "Merge [" + DescribeAccess(clause->patterns[0], access[0]) + "]";
    case Kind::kUnion: return all ? "UnionAll" : "Union";
  }
  return "";
}

std::string PlanText(const LogicalOp& root, bool profile) {
  std::string out;
  PlanTextRec(root, profile, 0, &out);
  return out;
}

}  // namespace kg::query_lang
