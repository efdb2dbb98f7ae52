// UNION (see union.h).
#include "query-lang/operators/union.h"

#include <unordered_set>

#include "query-lang/eval.h"

namespace kg::query_lang {
namespace {

class Union : public Operator {
 public:
  Union(std::vector<OpPtr> parts, bool all, std::vector<int> slots)
      : parts_(std::move(parts)), all_(all), slots_(std::move(slots)) {}

 protected:
  bool Run(ExecContext& ctx, const RowSink& sink) override {
    std::unordered_set<std::vector<Value>, RowHash, Eq> seen;
    for (auto& part : parts_) {
      bool go_on = part->Produce(ctx, [&](Row& row) {
        if (!all_) {
          std::vector<Value> key;
          for (int s : slots_) key.push_back(row[s]);
          if (!seen.insert(std::move(key)).second) return true;
        }
        return Emit(ctx, sink, row);
      });
      if (!go_on) return false;
    }
    return true;
  }

 private:
  struct Eq {
    bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const { return a == b; }
  };
  std::vector<OpPtr> parts_;
  bool all_;
  std::vector<int> slots_;
};

}  // namespace

OpPtr MakeUnion(std::vector<OpPtr> parts, bool all, std::vector<int> slots) {
  return std::make_unique<Union>(std::move(parts), all, std::move(slots));
}

}  // namespace kg::query_lang
