// The execution protocol's shared part: profiling and plan text.
#include "query-lang/operators/operator.h"

#include <chrono>
#include <cstdio>

#include "query-lang/errors.h"

namespace kg::query_lang {
namespace {

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void PlanTextRec(const Operator& op, bool profile, int depth, std::string* out) {
  out->append(static_cast<size_t>(depth) * 2, ' ');
  out->append(op.Describe());
  if (profile) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "  (rows: %lld, time: %.3f ms)", static_cast<long long>(op.rows()),
                  op.time_ms());
    out->append(buf);
  }
  out->append("\n");
  for (auto* c : op.Children()) PlanTextRec(*c, profile, depth + 1, out);
}

}  // namespace

bool Operator::Produce(ExecContext& ctx, const RowSink& sink) {
  if (!ctx.profiling()) return Run(ctx, sink);
  int64_t t0 = NowNs();
  bool go_on = Run(ctx, sink);
  total_ns_ += NowNs() - t0;
  return go_on;
}

bool Operator::Emit(ExecContext& ctx, const RowSink& sink, Row& row) {
  ++rows_;
  if (!ctx.profiling()) return sink(row);
  int64_t t0 = NowNs();
  bool go_on = sink(row);
  downstream_ns_ += NowNs() - t0;
  return go_on;
}

std::string PlanText(const Operator& root, bool profile) {
  std::string out;
  PlanTextRec(root, profile, 0, &out);
  return out;
}

void ThrowGraph(const Status& status) { ThrowError("StorageError", "", status.ToString()); }

}  // namespace kg::query_lang
