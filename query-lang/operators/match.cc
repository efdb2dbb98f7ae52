// MATCH (see match.h).
#include "query-lang/operators/match.h"

#include "query-lang/eval.h"
#include "query-lang/matcher.h"

namespace kg::query_lang {
namespace {

class Match : public Unary {
 public:
  Match(OpPtr child, const Clause& clause, std::vector<int> new_slots)
      : Unary(std::move(child)), clause_(clause), new_slots_(std::move(new_slots)) {}
  std::string Describe() const override {
    std::string s = clause_.optional ? "OptionalMatch" : "Match";
    s += " [";
    for (size_t i = 0; i < clause_.patterns.size(); ++i) {
      if (i) s += ", ";
      s += DescribeAccess(clause_.patterns[i]);
      s += "; expand " + std::to_string(clause_.patterns[i].rels.size()) + " hop(s)";
    }
    s += "]";
    if (clause_.where) s += " where " + clause_.where->text;
    return s;
  }

 protected:
  bool Run(ExecContext& ctx, const RowSink& sink) override {
    return child_->Produce(ctx, [&](Row& in) {
      bool any = false, go_on = true;
      MatchPatterns(clause_.patterns, in, ctx, [&](Row& r) {
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
  const Clause& clause_;
  std::vector<int> new_slots_;
};

}  // namespace

OpPtr MakeMatch(OpPtr child, const Clause& match, std::vector<int> new_slots) {
  return std::make_unique<Match>(std::move(child), match, std::move(new_slots));
}

}  // namespace kg::query_lang
