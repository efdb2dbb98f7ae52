// Physical operators: the one execution protocol every operator follows.
//
// An operator produces rows into a sink: Produce(ctx, sink) calls sink(row)
// once per row, in order, and stops as soon as the sink returns false. A
// streaming operator (Filter, Project, pattern matching) calls its child's
// Produce with a sink of its own that transforms each row and passes it on;
// a blocking one (Aggregate, Sort, the updating clauses) drains its child
// first, then emits. Rows are never buffered by the protocol itself, so a
// MATCH with millions of matches is not materialized.
//
// Every row is `BoundQuery::num_slots` values wide. A row handed to a sink
// is valid only during that call.
//
// PROFILE runs the same Produce path with ExecContext::profiling() on: each
// operator counts the rows it emits (always) and times itself (then only):
// its time includes its inputs but not what downstream operators do with
// its rows. Operators are made from the steps of a logical plan
// (logical_plan.h), which describes them for EXPLAIN and PROFILE. Internal
// to query-lang/.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "query-lang/bound.h"
#include "query-lang/exec_context.h"

namespace kg::query_lang {

// Receives rows; returns false to stop the producer.
using RowSink = std::function<bool(Row&)>;

class Operator {
 public:
  virtual ~Operator() = default;

  // Emits every row into `sink`. Returns false when the sink stopped it.
  bool Produce(ExecContext& ctx, const RowSink& sink);

  int64_t rows() const { return rows_; }
  // Under PROFILE: what the last run chose that EXPLAIN could not know
  // (where a grouping read its keys, say); empty when nothing.
  virtual std::string ProfileNote() const { return {}; }
  // Under PROFILE: time in this operator and its inputs.
  double time_ms() const { return static_cast<double>(total_ns_ - downstream_ns_) / 1e6; }

 protected:
  virtual bool Run(ExecContext& ctx, const RowSink& sink) = 0;
  // What Run passes each output row through: counts it and, under PROFILE,
  // keeps the sink's time out of this operator's.
  bool Emit(ExecContext& ctx, const RowSink& sink, Row& row);

 private:
  int64_t rows_ = 0;
  int64_t total_ns_ = 0;
  int64_t downstream_ns_ = 0;
};

using OpPtr = std::unique_ptr<Operator>;

// An operator with one input.
class Unary : public Operator {
 public:
  explicit Unary(OpPtr child) : child_(std::move(child)) {}

 protected:
  OpPtr child_;
};

// Throws a StorageError for a failed graph read or write.
[[noreturn]] void ThrowGraph(const Status& status);

}  // namespace kg::query_lang
