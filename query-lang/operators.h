// Physical operators: each pulls rows from its child (Next) and yields rows
// of the same width (BoundQuery::num_slots). planner.cc wires them into a
// chain per query; Execute() pulls from the last one. Internal to query-lang/.
//
// Besides Next() (pull, one row at a time, timed per operator for PROFILE),
// streaming operators implement ForEach(): the same rows pushed into a
// callback without buffering, which is what blocking consumers (aggregation,
// sort, DISTINCT, CREATE) and a plain Execute() use, so a MATCH with millions
// of matches is never materialized.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "query-lang/ast.h"
#include "query-lang/exec_context.h"

namespace kg::query_lang {

class Operator {
 public:
  virtual ~Operator() = default;
  // Fills `row` with the next result; false when there are no more.
  bool Next(Row& row, ExecContext& ctx) {
    auto t0 = std::chrono::steady_clock::now();
    bool ok = DoNext(row, ctx);
    time_ns_ += std::chrono::duration_cast<std::chrono::nanoseconds>(
                    std::chrono::steady_clock::now() - t0).count();
    if (ok) ++rows_;
    return ok;
  }
  // Calls f(row) for every row until f returns false. Returns false when f
  // stopped it. The row passed to f is only valid during the call.
  virtual bool ForEach(ExecContext& ctx, const std::function<bool(Row&)>& f) {
    Row row;
    while (Next(row, ctx))
      if (!f(row)) return false;
    return true;
  }
  virtual std::string Describe() const = 0;
  virtual std::vector<const Operator*> Children() const { return {}; }
  int64_t rows() const { return rows_; }
  double time_ms() const { return static_cast<double>(time_ns_) / 1e6; }

 protected:
  virtual bool DoNext(Row& row, ExecContext& ctx) = 0;
  int64_t rows_ = 0;

 private:
  int64_t time_ns_ = 0;
};

using OpPtr = std::unique_ptr<Operator>;

// The plan as an indented tree; with `profile`, rows and inclusive time.
std::string PlanText(const Operator& root, bool profile);

}  // namespace kg::query_lang
