// The logical plan: what the planner decides about a bound query before any
// operator exists. A small tree (one input per step, several for UNION)
// that says how each clause is answered: where each MATCH pattern starts
// (ChooseAccess: a bound node, the name index, a relationship scan, a
// label, all nodes), which counts are read from the degree counts instead
// of matched, where a sort keeps only the top rows. EXPLAIN prints it;
// BuildOperators (planner.cc) turns each step into its physical operator
// (operators/). Internal to query-lang/.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "query-lang/bound.h"
#include "query-lang/matcher.h"
#include "query-lang/operators/aggregate.h"
#include "query-lang/operators/degree.h"

namespace kg::query_lang {

struct LogicalOp {
  enum class Kind {
    kStart,             // one empty row
    kArgument,          // the outer row of an EXISTS subquery
    kMatch,             // clause, access (one per pattern part), slots (bound here)
    kDegreeCount,       // degree: per candidate of a bound or looked-up node
    kDegreeScan,        // degree: every (labelled) node
    kDegreeGroupCount,  // degree, key_property, key_slot, count_slots, top_k, descending
    kUnwind,            // clause
    kFilter,            // predicate
    kProject,           // projection
    kAggregate,         // projection, aggs, post, weight_slot
    kDistinct,          // slots
    kSort,              // projection (its ORDER BY), top_k
    kSkipLimit,         // projection (its SKIP / LIMIT)
    kScope,             // slots (kept)
    kCreate,            // clause
    kSet,               // clause (SET or REMOVE)
    kDelete,            // clause
    kMerge,             // clause
    kUnion,             // inputs (the parts), all, slots (the columns)
  };
  Kind kind = Kind::kStart;
  std::vector<std::unique_ptr<LogicalOp>> inputs;

  const BoundClause* clause = nullptr;
  const BoundProjection* projection = nullptr;
  const BoundExpr* predicate = nullptr;
  std::vector<PartAccess> access;
  std::vector<int> slots;
  DegreeCount degree;
  std::string key_property;
  int key_slot = -1;
  std::vector<int> count_slots;
  int64_t top_k = -1;
  bool descending = false;
  std::vector<AggSpec> aggs;
  std::vector<BoundExprPtr> post;
  int weight_slot = -1;
  bool all = false;
  const Row* argument = nullptr;

  // The operator made for this step (set by BuildOperators): PROFILE shows
  // its row count and time beside the step.
  const Operator* physical = nullptr;

  // One line for EXPLAIN.
  std::string Describe() const;
};

// The plan as an indented tree, the last step first (what EXPLAIN prints);
// with `profile`, each step's rows and time (its operator's, after a run).
std::string PlanText(const LogicalOp& root, bool profile);

}  // namespace kg::query_lang
