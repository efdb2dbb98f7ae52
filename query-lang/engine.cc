// engine.cc: Execute(), the API edge of the query engine. Every
// QueryException (and any other exception) is caught here and becomes a
// QueryError; nothing escapes to the caller.
#include <chrono>
#include <exception>
#include <functional>
#include <new>

#include "graph/graph.h"
#include "query-lang/binder.h"
#include "query-lang/errors.h"
#include "query-lang/exec_context.h"
#include "query-lang/functions.h"
#include "query-lang/parser.h"
#include "query-lang/planner.h"
#include "query-lang/query_engine.h"

namespace kg::query_lang {

std::string QueryError::FormatWithCaret(const std::string& query) const {
  std::string out = kind;
  if (!detail.empty() && detail != kind) out += " (" + detail + ")";
  out += ": " + message;
  if (line > 0 && column > 0) {
    out += " (line " + std::to_string(line) + ", column " + std::to_string(column) + ")\n";
    size_t start = 0;
    for (int l = 1; l < line && start != std::string::npos; ++l) {
      start = query.find('\n', start);
      if (start != std::string::npos) ++start;
    }
    if (start == std::string::npos) return out;
    size_t end = query.find('\n', start);
    out += "  " + query.substr(start, end == std::string::npos ? end : end - start) + "\n";
    out += "  " + std::string(static_cast<size_t>(column - 1), ' ') + "^\n";
  } else {
    out += "\n";
  }
  return out;
}

namespace {

template <typename F>
QueryOutcome Guard(F&& f) {
  try {
    return f();
  } catch (const QueryException& e) {
    return e.error();
  } catch (const std::bad_alloc&) {
    return QueryError{"ResourceError", "", "out of memory", 0, 0};
  } catch (const std::exception& e) {
    return QueryError{"InternalError", "", e.what(), 0, 0};
  }
}

}  // namespace

QueryOutcome Execute(graph::Graph& graph, const std::string& query, const QueryOptions& options) {
  auto t0 = std::chrono::steady_clock::now();
  return Guard([&]() -> QueryOutcome {
    Query q = Parse(query);
    BoundQuery bound = Bind(q);
    PlannedQuery plan = Plan(bound);
    QueryResult result;
    result.columns = bound.columns;
    if (q.explain) {
      result.plan_text = PlanText(*plan.logical, false);
      return result;
    }
    ExecContext ctx(graph, options);
    // CREATE writes are made durable once, when the query ends (also when it
    // fails part way: what it wrote stays, as it would have row by row).
    struct DeferredSync {
      graph::Graph& graph;
      bool ended = false;
      explicit DeferredSync(graph::Graph& g) : graph(g) { graph.BeginDeferredSync(); }
      Status End() {
        ended = true;
        return graph.EndDeferredSync();
      }
      ~DeferredSync() {
        if (!ended) (void)graph.EndDeferredSync();
      }
    } durable(graph);
    ctx.CheckInterruptNow();
    auto take = [&](Row& row) {
      ctx.CheckInterrupt();
      if (bound.columns.empty()) return true;
      ++result.total_rows;
      if (options.row_limit > 0 && static_cast<int64_t>(result.rows.size()) >= options.row_limit) {
        result.truncated = true;  // counted, not kept
        return true;
      }
      std::vector<Value> out;
      out.reserve(bound.column_slots.size());
      for (int s : bound.column_slots) out.push_back(ctx.Hydrate(row[static_cast<size_t>(s)]));
      result.rows.push_back(std::move(out));
      return true;
    };
    // PROFILE runs the same path, counting and timing each operator.
    ctx.set_profiling(q.profile);
    plan.root->Produce(ctx, take);
    Status synced = durable.End();
    if (!synced.ok()) ThrowError("StorageError", "", synced.ToString());
    result.counters = ctx.counters();
    if (q.profile) result.plan_text = PlanText(*plan.logical, true);
    result.elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return result;
  });
}

QueryOutcome Check(const std::string& query) {
  return Guard([&]() -> QueryOutcome {
    Query q = Parse(query);
    BoundQuery bound = Bind(q);
    QueryResult result;
    result.columns = bound.columns;
    return result;
  });
}

const std::vector<std::string>& Keywords() {
  static const std::vector<std::string> k = {
      "MATCH", "OPTIONAL", "WHERE", "RETURN", "WITH", "UNWIND", "AS", "CREATE", "ORDER", "BY",
      "ASC", "ASCENDING", "DESC", "DESCENDING", "SKIP", "LIMIT", "DISTINCT", "AND", "OR", "XOR",
      "NOT", "IN", "IS", "NULL", "TRUE", "FALSE", "STARTS", "ENDS", "CONTAINS", "CASE", "WHEN",
      "THEN", "ELSE", "END", "UNION", "ALL", "EXPLAIN", "PROFILE", "shortestPath",
      "allShortestPaths", "any", "none", "single"};
  return k;
}

const std::vector<std::string>& FunctionNames() {
  static const std::vector<std::string> names = [] {
    // Display spelling (camelCase) for the registry's lower-case names.
    static const char* kSpelling[] = {"startNode", "endNode", "toString", "toInteger", "toFloat",
                                      "toBoolean", "toLower", "toUpper", "ltrim", "rtrim",
                                      "percentileDisc", "percentileCont", "stDev", "stDevP", "isEmpty"};
    std::vector<std::string> out;
    for (const auto& f : AllFunctions()) {
      std::string n = f.name;
      for (const char* s : kSpelling) {
        std::string lower = s;
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == n) n = s;
      }
      out.push_back(n);
    }
    return out;
  }();
  return names;
}

Value ParseParameterValue(const std::string& text) {
  // A literal is evaluated as `RETURN <text>` with no graph access.
  try {
    Query q = Parse("RETURN " + text);
    if (q.parts.size() == 1 && q.parts[0].clauses.size() == 1) {
      auto& items = q.parts[0].clauses[0].projection.items;
      if (items.size() == 1) {
        const ExprPtr& e = items[0].expr;
        std::function<bool(const ExprPtr&)> constant = [&](const ExprPtr& x) -> bool {
          if (!x) return true;
          if (x->kind != Expr::Kind::kLiteral && x->kind != Expr::Kind::kList &&
              x->kind != Expr::Kind::kMap && !(x->kind == Expr::Kind::kUnary && x->name == "-"))
            return false;
          for (auto& c : x->children) if (!constant(c)) return false;
          return true;
        };
        if (constant(e)) {
          std::function<Value(const ExprPtr&)> eval = [&](const ExprPtr& x) -> Value {
            switch (x->kind) {
              case Expr::Kind::kLiteral: return x->value;
              case Expr::Kind::kList: {
                ValueList l;
                for (auto& c : x->children) l.push_back(eval(c));
                return Value::List(std::move(l));
              }
              case Expr::Kind::kMap: {
                ValueMap m;
                for (size_t i = 0; i < x->keys.size(); ++i) m[x->keys[i]] = eval(x->children[i]);
                return Value::Map(std::move(m));
              }
              default: {
                Value v = eval(x->children[0]);
                if (v.kind() == Value::Kind::kInt) return Value::Int(-v.as_int());
                if (v.kind() == Value::Kind::kFloat) return Value::Float(-v.as_float());
                return v;
              }
            }
          };
          return eval(e);
        }
      }
    }
  } catch (const std::exception&) {
  }
  return Value::String(text);
}

}  // namespace kg::query_lang
