// The execution protocol's shared part: profiling.
#include "query-lang/operators/operator.h"

#include <chrono>

#include "query-lang/errors.h"

namespace kg::query_lang {
namespace {

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
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

void ThrowGraph(const Status& status) { ThrowError("StorageError", "", status.ToString()); }

}  // namespace kg::query_lang
