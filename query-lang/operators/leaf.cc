// Leaf operators (see leaf.h).
#include "query-lang/operators/leaf.h"

namespace kg::query_lang {
namespace {

class Start : public Operator {
 public:
  explicit Start(const int* width) : width_(width) {}

 protected:
  bool Run(ExecContext& ctx, const RowSink& sink) override {
    Row row(static_cast<size_t>(*width_));
    return Emit(ctx, sink, row);
  }

 private:
  const int* width_;
};

class Argument : public Operator {
 public:
  Argument(const Row* row, const int* width) : row_(row), width_(width) {}

 protected:
  bool Run(ExecContext& ctx, const RowSink& sink) override {
    Row row = *row_;
    if (row.size() < static_cast<size_t>(*width_)) row.resize(static_cast<size_t>(*width_));
    return Emit(ctx, sink, row);
  }

 private:
  const Row* row_;
  const int* width_;
};

}  // namespace

OpPtr MakeStart(const int* width) { return std::make_unique<Start>(width); }

OpPtr MakeArgument(const Row* row, const int* width) { return std::make_unique<Argument>(row, width); }

}  // namespace kg::query_lang
