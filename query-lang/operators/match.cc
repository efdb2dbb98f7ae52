// MATCH (see match.h).
#include "query-lang/operators/match.h"

#include "query-lang/eval.h"
#include "query-lang/matcher.h"

namespace kg::query_lang {
namespace {

class Match : public Unary {
 public:
  Match(OpPtr child, const BoundClause& clause, std::vector<PartAccess> access, std::vector<int> new_slots)
      : Unary(std::move(child)), clause_(clause), access_(std::move(access)), new_slots_(std::move(new_slots)) {}

 protected:
  bool Run(ExecContext& ctx, const RowSink& sink) override {
    return child_->Produce(ctx, [&](Row& in) {
      bool any = false, go_on = true;
      MatchPatterns(clause_.patterns, access_, in, ctx, [&](Row& r) {
        if (clause_.where && !IsTrue(Eval(*clause_.where, r, ctx))) return true;
        any = true;
        go_on = Emit(ctx, sink, r);
        return go_on;
      });
      if (!any && clause_.optional && go_on) {
        Row out = in;
        for (int s : new_slots_) out[s] = Value();
        go_on = Emit(ctx, sink, out);
      }
      return go_on;
    });
  }

 private:
  const BoundClause& clause_;
  std::vector<PartAccess> access_;
  std::vector<int> new_slots_;
};

}  // namespace

OpPtr MakeMatch(OpPtr child, const BoundClause& match, std::vector<PartAccess> access, std::vector<int> new_slots) {
  return std::make_unique<Match>(std::move(child), match, std::move(access), std::move(new_slots));
}

}  // namespace kg::query_lang
