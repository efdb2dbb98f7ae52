// parser.cc: ANTLR4 parse tree -> kg's AST. The only translation unit that
// includes ANTLR's generated headers.
#include "query-lang/parser.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "CypherLexer.h"
#include "CypherParser.h"
#include "antlr4-runtime.h"
#include "common/text.h"
#include "query-lang/errors.h"

namespace kg::query_lang {

Expr::~Expr() {
  std::vector<ExprPtr> stack;
  for (auto& c : children)
    if (c && c.use_count() == 1) stack.push_back(std::move(c));
  while (!stack.empty()) {
    ExprPtr e = std::move(stack.back());
    stack.pop_back();
    for (auto& c : e->children)
      if (c && c.use_count() == 1) stack.push_back(std::move(c));
  }
}

namespace {

using P = kg_antlr::CypherParser;

// Deeply nested brackets would exhaust the stack in ANTLR's recursive
// descent; refuse them with a position instead.
constexpr int kMaxNesting = 200;
// Long operator chains (1+1+...+1) are flat for ANTLR but deep in the AST.
constexpr int kMaxExpressionDepth = 2000;
constexpr int kMaxChain = 1000;  // operands of one operator chain

// Turns the first lexer or parser error into a SyntaxError with a position,
// and names the rule the TCK expects where the text shows which it is: a
// number running into letters (9223372h5, 0x), a Unicode look-alike of an
// operator (42 — 41), a malformed relationship pattern (-[:T..]->).
class ThrowingErrorListener : public antlr4::BaseErrorListener {
 public:
  explicit ThrowingErrorListener(const std::string& text) : text_(text) {}
  void syntaxError(antlr4::Recognizer*, antlr4::Token* offending, size_t line,
                   size_t column, const std::string& msg, std::exception_ptr) override {
    std::string m = msg;
    std::string detail = "UnexpectedSyntax";
    if (offending && offending->getType() == antlr4::Token::EOF) {
      m = "unexpected end of query";
    } else if (offending) {
      size_t at = ByteOffset(offending->getStartIndex());
      std::string tok = offending->getText();
      unsigned char first = tok.empty() ? 0 : static_cast<unsigned char>(tok[0]);
      if (at > 0 && at <= text_.size() && std::isalpha(first) &&
          std::isxdigit(static_cast<unsigned char>(text_[at - 1])) && NumberBefore(at))
        detail = "InvalidNumberLiteral";
      else if (first >= 0x80)
        detail = "InvalidUnicodeCharacter";
      else if (InRelationshipBrackets(at))
        detail = "InvalidRelationshipPattern";
    }
    ThrowSyntax(detail, m, static_cast<int>(line), static_cast<int>(column) + 1);
  }

 private:
  // ANTLR counts code points; the text is UTF-8.
  size_t ByteOffset(size_t code_points) const {
    size_t i = 0;
    for (size_t n = 0; i < text_.size() && n < code_points; ++n) {
      uint32_t cp;
      i += kg::text::DecodeAt(text_, i, &cp);
    }
    return i;
  }
  // Whether the characters before byte `at` are a number literal's (digits,
  // or 0x and hex digits) starting at a token boundary.
  bool NumberBefore(size_t at) const {
    size_t b = at;
    while (b > 0 && std::isalnum(static_cast<unsigned char>(text_[b - 1]))) --b;
    return b < at && std::isdigit(static_cast<unsigned char>(text_[b])) &&
           (b == 0 || !std::isalpha(static_cast<unsigned char>(text_[b - 1])) ) &&
           (b == 0 || text_[b - 1] != '_');
  }
  // Whether byte `at` is inside an unclosed `-[` or `<-[` (outside strings).
  bool InRelationshipBrackets(size_t at) const {
    std::vector<char> open;  // '[' of a relationship is recorded as 'r'
    char quote = 0;
    for (size_t i = 0; i < at && i < text_.size(); ++i) {
      char c = text_[i];
      if (quote) {
        if (c == '\\') ++i;
        else if (c == quote) quote = 0;
        continue;
      }
      if (c == '\'' || c == '"' || c == '`') quote = c;
      else if (c == '[') open.push_back(i > 0 && text_[i - 1] == '-' ? 'r' : '[');
      else if ((c == ']' || c == ')' || c == '}') && !open.empty()) open.pop_back();
      else if (c == '(' || c == '{') open.push_back(c);
    }
    return !open.empty() && open.back() == 'r';
  }

  const std::string& text_;
};

class Builder {
 public:
  explicit Builder(const std::string& text) : text_(text) {
    for (unsigned char c : text_)
      if (c >= 0x80) ascii_ = false;
  }

  Query BuildQuery(P::CypherContext* ctx) {
    Query q;
    auto* st = ctx->statement();
    q.explain = st->EXPLAIN() != nullptr;
    q.profile = st->PROFILE() != nullptr;
    auto* query = st->query();
    for (auto* sq : query->singleQuery()) q.parts.push_back(BuildSingle(sq));
    for (auto* u : query->unionClause()) q.union_all.push_back(u->ALL() != nullptr);
    return q;
  }

 private:
  template <typename T>
  void Pos(T& node, antlr4::ParserRuleContext* ctx) {
    node.line = static_cast<int>(ctx->getStart()->getLine());
    node.column = static_cast<int>(ctx->getStart()->getCharPositionInLine()) + 1;
  }

  std::string Text(antlr4::ParserRuleContext* ctx) {
    size_t a = ctx->getStart()->getStartIndex();
    size_t b = ctx->getStop() ? ctx->getStop()->getStopIndex() : a;
    if (b < a || b >= text_.size() + 1) return ctx->getText();
    // Indices are code points; for ASCII text they are bytes.
    if (!ascii_) return ctx->getText();
    return text_.substr(a, b - a + 1);
  }

  [[noreturn]] void Fail(const std::string& detail, const std::string& msg,
                         antlr4::ParserRuleContext* ctx) {
    ThrowSyntax(detail, msg, static_cast<int>(ctx->getStart()->getLine()),
                static_cast<int>(ctx->getStart()->getCharPositionInLine()) + 1);
  }

  ExprPtr Make(Expr::Kind kind, antlr4::ParserRuleContext* ctx) {
    auto e = std::make_shared<Expr>();
    e->kind = kind;
    Pos(*e, ctx);
    e->text = Text(ctx);
    return e;
  }

  static std::string Name(P::SymbolicNameContext* ctx) {
    std::string t = ctx->getText();
    if (ctx->EscapedSymbolicName()) {
      // `a``b` -> a`b
      std::string out;
      for (size_t i = 1; i + 1 < t.size(); ++i) {
        if (t[i] == '`' && i + 1 < t.size() - 1 && t[i + 1] == '`') { out += '`'; ++i; continue; }
        out += t[i];
      }
      return out;
    }
    return t;
  }
  static std::string Name(P::SchemaNameContext* ctx) {
    if (ctx->symbolicName()) return Name(ctx->symbolicName());
    return ctx->getText();
  }
  static std::string Name(P::VariableContext* ctx) { return Name(ctx->symbolicName()); }

  SingleQuery BuildSingle(P::SingleQueryContext* ctx) {
    SingleQuery sq;
    for (auto* c : ctx->clause()) sq.clauses.push_back(BuildClause(c));
    return sq;
  }

  Clause BuildClause(P::ClauseContext* ctx) {
    Clause c;
    Pos(c, ctx);
    if (auto* m = ctx->matchClause()) {
      c.kind = Clause::Kind::kMatch;
      c.optional = m->OPTIONAL() != nullptr;
      c.patterns = BuildPattern(m->pattern());
      if (m->where()) c.where = BuildExpr(m->where()->expression());
    } else if (auto* u = ctx->unwindClause()) {
      c.kind = Clause::Kind::kUnwind;
      c.expr = BuildExpr(u->expression());
      c.variable = Name(u->variable());
    } else if (auto* w = ctx->withClause()) {
      c.kind = Clause::Kind::kWith;
      c.projection = BuildProjection(w->projectionBody());
      if (w->where()) c.projection.where = BuildExpr(w->where()->expression());
    } else if (auto* r = ctx->returnClause()) {
      c.kind = Clause::Kind::kReturn;
      c.projection = BuildProjection(r->projectionBody());
    } else if (auto* cr = ctx->createClause()) {
      c.kind = Clause::Kind::kCreate;
      c.patterns = BuildPattern(cr->pattern());
    } else if (auto* mg = ctx->mergeClause()) {
      c.kind = Clause::Kind::kMerge;
      c.patterns.push_back(BuildPatternPart(mg->patternPart()));
      // ( ON ( MATCH | CREATE ) setClause )*: the keyword after each ON says which.
      size_t k = 0;
      for (auto* child : mg->children) {
        auto* term = dynamic_cast<antlr4::tree::TerminalNode*>(child);
        if (!term || term->getSymbol()->getType() != kg_antlr::CypherLexer::ON) continue;
        bool on_create = false;
        for (size_t j = 0; j < mg->children.size(); ++j) {
          if (mg->children[j] != child || j + 1 >= mg->children.size()) continue;
          auto* next = dynamic_cast<antlr4::tree::TerminalNode*>(mg->children[j + 1]);
          on_create = next && next->getSymbol()->getType() == kg_antlr::CypherLexer::CREATE;
        }
        if (k >= mg->setClause().size()) break;
        auto items = BuildSetItems(mg->setClause(k++));
        auto& dst = on_create ? c.on_create : c.on_match;
        dst.insert(dst.end(), items.begin(), items.end());
      }
    } else if (auto* st = ctx->setClause()) {
      c.kind = Clause::Kind::kSet;
      c.set_items = BuildSetItems(st);
    } else if (auto* rm = ctx->removeClause()) {
      c.kind = Clause::Kind::kRemove;
      for (auto* it : rm->removeItem()) {
        SetItem si;
        Pos(si, it);
        if (it->propertyExpression()) {
          si.kind = SetItem::Kind::kRemoveProperty;
          SplitPropertyExpression(it->propertyExpression(), &si);
        } else {
          si.kind = SetItem::Kind::kRemoveLabels;
          si.target = VariableExpr(it->variable());
          for (auto* l : it->nodeLabels()->nodeLabel()) si.labels.push_back(Name(l->labelName()->schemaName()));
        }
        c.set_items.push_back(std::move(si));
      }
    } else if (auto* del = ctx->deleteClause()) {
      c.kind = Clause::Kind::kDelete;
      c.detach = del->DETACH() != nullptr;
      for (auto* e : del->expression()) c.exprs.push_back(BuildExpr(e));
    } else {
      c.kind = Clause::Kind::kUnsupported;
      c.name = ctx->getStart()->getText();
      for (auto& ch : c.name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
    return c;
  }

  ExprPtr VariableExpr(P::VariableContext* v) {
    auto e = Make(Expr::Kind::kVariable, v);
    e->name = Name(v);
    return e;
  }

  // a.b.c as SET/REMOVE see it: target a.b, key c.
  void SplitPropertyExpression(P::PropertyExpressionContext* pe, SetItem* si) {
    ExprPtr e = BuildAtom(pe->atom());
    auto lookups = pe->propertyLookup();
    for (size_t i = 0; i + 1 < lookups.size(); ++i) {
      auto n = Make(Expr::Kind::kProperty, lookups[i]);
      n->name = Name(lookups[i]->propertyKeyName()->schemaName());
      n->children = {e};
      e = n;
    }
    si->target = e;
    si->key = Name(lookups.back()->propertyKeyName()->schemaName());
  }

  std::vector<SetItem> BuildSetItems(P::SetClauseContext* ctx) {
    std::vector<SetItem> out;
    for (auto* it : ctx->setItem()) {
      SetItem si;
      Pos(si, it);
      if (it->propertyExpression()) {
        si.kind = SetItem::Kind::kSetProperty;
        SplitPropertyExpression(it->propertyExpression(), &si);
        si.value = BuildExpr(it->expression());
      } else if (it->nodeLabels()) {
        si.kind = SetItem::Kind::kAddLabels;
        si.target = VariableExpr(it->variable());
        for (auto* l : it->nodeLabels()->nodeLabel()) si.labels.push_back(Name(l->labelName()->schemaName()));
      } else {
        bool merge = false;
        for (auto* child : it->children)
          if (child->getText() == "+=") merge = true;
        si.kind = merge ? SetItem::Kind::kMergeProperties : SetItem::Kind::kReplaceProperties;
        si.target = VariableExpr(it->variable());
        si.value = BuildExpr(it->expression());
      }
      out.push_back(std::move(si));
    }
    return out;
  }

  Projection BuildProjection(P::ProjectionBodyContext* ctx) {
    Projection p;
    p.distinct = ctx->DISTINCT() != nullptr;
    auto* items = ctx->projectionItems();
    p.star = items->getStart()->getText() == "*";
    for (auto* it : items->projectionItem()) {
      ReturnItem ri;
      ri.expr = BuildExpr(it->expression());
      if (it->variable()) {
        ri.alias = Name(it->variable());
        ri.has_alias = true;
      } else {
        ri.alias = Text(it->expression());
      }
      p.items.push_back(std::move(ri));
    }
    if (ctx->order()) {
      for (auto* s : ctx->order()->sortItem()) {
        SortItem si;
        si.expr = BuildExpr(s->expression());
        si.descending = s->DESC() || s->DESCENDING();
        p.order.push_back(std::move(si));
      }
    }
    if (ctx->skip()) p.skip = BuildExpr(ctx->skip()->expression());
    if (ctx->limit()) p.limit = BuildExpr(ctx->limit()->expression());
    return p;
  }

  std::vector<PatternPart> BuildPattern(P::PatternContext* ctx) {
    std::vector<PatternPart> parts;
    for (auto* pp : ctx->patternPart()) parts.push_back(BuildPatternPart(pp));
    return parts;
  }

  PatternPart BuildPatternPart(P::PatternPartContext* ctx) {
    auto* anon = ctx->anonymousPatternPart();
    PatternPart part;
    if (anon->shortestPathFunction()) {
      part = BuildElement(anon->patternElement());
      part.shortest = anon->shortestPathFunction()->SHORTESTPATH() ? 1 : 2;
    } else {
      part = BuildElement(anon->patternElement());
    }
    Pos(part, ctx);
    if (ctx->variable()) part.path_variable = Name(ctx->variable());
    return part;
  }

  PatternPart BuildElement(P::PatternElementContext* ctx) {
    while (!ctx->nodePattern()) ctx = ctx->patternElement();
    PatternPart part;
    Pos(part, ctx);
    part.nodes.push_back(BuildNode(ctx->nodePattern()));
    for (auto* ch : ctx->patternElementChain()) {
      part.rels.push_back(BuildRel(ch->relationshipPattern()));
      part.nodes.push_back(BuildNode(ch->nodePattern()));
    }
    return part;
  }

  PatternPart BuildRelationships(P::RelationshipsPatternContext* ctx) {
    PatternPart part;
    Pos(part, ctx);
    part.nodes.push_back(BuildNode(ctx->nodePattern()));
    for (auto* ch : ctx->patternElementChain()) {
      part.rels.push_back(BuildRel(ch->relationshipPattern()));
      part.nodes.push_back(BuildNode(ch->nodePattern()));
    }
    return part;
  }

  ExprPtr BuildProperties(P::PropertiesContext* ctx) {
    if (!ctx) return nullptr;
    if (ctx->mapLiteral()) return BuildMap(ctx->mapLiteral());
    return BuildParameter(ctx->parameter());
  }

  NodePattern BuildNode(P::NodePatternContext* ctx) {
    NodePattern n;
    Pos(n, ctx);
    if (ctx->variable()) n.variable = Name(ctx->variable());
    if (ctx->nodeLabels())
      for (auto* l : ctx->nodeLabels()->nodeLabel()) n.labels.push_back(Name(l->labelName()->schemaName()));
    n.properties = BuildProperties(ctx->properties());
    return n;
  }

  RelPattern BuildRel(P::RelationshipPatternContext* ctx) {
    RelPattern r;
    Pos(r, ctx);
    bool left = ctx->leftArrow() != nullptr, right = ctx->rightArrow() != nullptr;
    r.direction = left == right ? RelPattern::Direction::kBoth
                  : right       ? RelPattern::Direction::kOut
                                : RelPattern::Direction::kIn;
    if (auto* d = ctx->relationshipDetail()) {
      if (d->variable()) r.variable = Name(d->variable());
      if (d->relationshipTypes())
        for (auto* t : d->relationshipTypes()->relTypeName()) r.types.push_back(Name(t->schemaName()));
      if (auto* range = d->rangeLiteral()) {
        r.var_length = true;
        auto ints = range->integerLiteral();
        if (range->RANGE()) {
          // *a..b, *..b, *a.., *..
          size_t dots = range->RANGE()->getSymbol()->getTokenIndex();
          r.min_hops = 1;
          for (auto* i : ints) {
            int64_t v = ParseInteger(i, false);
            if (i->getStart()->getTokenIndex() < dots) r.min_hops = v; else r.max_hops = v;
          }
        } else if (!ints.empty()) {
          r.min_hops = r.max_hops = ParseInteger(ints[0], false);
        }
      }
      r.properties = BuildProperties(d->properties());
    }
    return r;
  }

  int64_t ParseInteger(P::IntegerLiteralContext* ctx, bool negative) {
    std::string t = ctx->getText();
    int base = 10;
    std::string digits = t;
    if (ctx->HexInteger()) { base = 16; digits = t.substr(2); }
    if (ctx->OctalInteger()) { base = 8; digits = t.substr(2); }
    if (negative) digits = "-" + digits;
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(digits.c_str(), &end, base);
    if (errno == ERANGE) Fail("IntegerOverflow", "integer literal out of range: " + t, ctx);
    if (end == nullptr || *end != '\0') Fail("InvalidNumberLiteral", "invalid number: " + t, ctx);
    return v;
  }

  ExprPtr BuildParameter(P::ParameterContext* ctx) {
    auto e = Make(Expr::Kind::kParameter, ctx);
    e->name = ctx->symbolicName() ? Name(ctx->symbolicName()) : ctx->DecimalInteger()->getText();
    return e;
  }

  ExprPtr BuildMap(P::MapLiteralContext* ctx) {
    auto e = Make(Expr::Kind::kMap, ctx);
    auto keys = ctx->propertyKeyName();
    auto vals = ctx->expression();
    for (size_t i = 0; i < keys.size(); ++i) {
      e->keys.push_back(Name(keys[i]->schemaName()));
      e->children.push_back(BuildExpr(vals[i]));
    }
    return e;
  }

  // A link of an operator chain; its text is set by the caller on the
  // outermost link only (texts of every link would cost O(n^2)).
  ExprPtr Binary(const std::string& op, ExprPtr a, ExprPtr b, antlr4::ParserRuleContext* ctx) {
    auto e = std::make_shared<Expr>();
    e->kind = Expr::Kind::kBinary;
    Pos(*e, ctx);
    e->name = op;
    e->children = {std::move(a), std::move(b)};
    return e;
  }

  ExprPtr BuildExpr(P::ExpressionContext* ctx) { return BuildOr(ctx->orExpression()); }

  void CheckChain(size_t n, antlr4::ParserRuleContext* ctx) {
    if (n > static_cast<size_t>(kMaxChain))
      Fail("UnexpectedSyntax", "more than " + std::to_string(kMaxChain) + " operands in one expression", ctx);
  }
  ExprPtr Outer(ExprPtr e, antlr4::ParserRuleContext* ctx) {
    if (e->kind == Expr::Kind::kBinary && e->text.empty()) e->text = Text(ctx);
    return e;
  }

  ExprPtr BuildOr(P::OrExpressionContext* ctx) {
    auto xs = ctx->xorExpression();
    CheckChain(xs.size(), ctx);
    ExprPtr e = BuildXor(xs[0]);
    for (size_t i = 1; i < xs.size(); ++i) e = Binary("OR", e, BuildXor(xs[i]), ctx);
    return Outer(e, ctx);
  }
  ExprPtr BuildXor(P::XorExpressionContext* ctx) {
    auto xs = ctx->andExpression();
    CheckChain(xs.size(), ctx);
    ExprPtr e = BuildAnd(xs[0]);
    for (size_t i = 1; i < xs.size(); ++i) e = Binary("XOR", e, BuildAnd(xs[i]), ctx);
    return Outer(e, ctx);
  }
  ExprPtr BuildAnd(P::AndExpressionContext* ctx) {
    auto xs = ctx->notExpression();
    CheckChain(xs.size(), ctx);
    ExprPtr e = BuildNot(xs[0]);
    for (size_t i = 1; i < xs.size(); ++i) e = Binary("AND", e, BuildNot(xs[i]), ctx);
    return Outer(e, ctx);
  }
  ExprPtr BuildNot(P::NotExpressionContext* ctx) {
    CheckChain(ctx->NOT().size(), ctx);
    ExprPtr e = BuildComparison(ctx->comparisonExpression());
    for (size_t i = 0; i < ctx->NOT().size(); ++i) {
      auto n = Make(Expr::Kind::kUnary, ctx);
      n->name = "NOT";
      n->children = {e};
      e = n;
    }
    return e;
  }
  ExprPtr BuildComparison(P::ComparisonExpressionContext* ctx) {
    auto xs = ctx->predicateExpression();
    auto ops = ctx->comparisonOperator();
    CheckChain(xs.size(), ctx);
    if (xs.size() == 1) return BuildPredicate(xs[0]);
    // a < b < c means a < b AND b < c.
    std::vector<ExprPtr> operands;
    for (auto* x : xs) operands.push_back(BuildPredicate(x));
    ExprPtr result;
    for (size_t i = 0; i < ops.size(); ++i) {
      ExprPtr cmp = Binary(ops[i]->getText(), operands[i], operands[i + 1], ctx);
      result = result ? Binary("AND", result, cmp, ctx) : cmp;
    }
    return Outer(result, ctx);
  }
  ExprPtr BuildPredicate(P::PredicateExpressionContext* ctx) {
    ExprPtr e = BuildAdd(ctx->addOrSubtractExpression());
    CheckChain(ctx->predicateSuffix().size(), ctx);
    for (auto* s : ctx->predicateSuffix()) {
      if (auto* x = dynamic_cast<P::StartsWithSuffixContext*>(s)) {
        e = Binary("STARTS WITH", e, BuildAdd(x->addOrSubtractExpression()), ctx);
      } else if (auto* x = dynamic_cast<P::EndsWithSuffixContext*>(s)) {
        e = Binary("ENDS WITH", e, BuildAdd(x->addOrSubtractExpression()), ctx);
      } else if (auto* x = dynamic_cast<P::ContainsSuffixContext*>(s)) {
        e = Binary("CONTAINS", e, BuildAdd(x->addOrSubtractExpression()), ctx);
      } else if (auto* x = dynamic_cast<P::RegexSuffixContext*>(s)) {
        e = Binary("=~", e, BuildAdd(x->addOrSubtractExpression()), ctx);
      } else if (auto* x = dynamic_cast<P::InSuffixContext*>(s)) {
        e = Binary("IN", e, BuildAdd(x->addOrSubtractExpression()), ctx);
      } else if (dynamic_cast<P::IsNullSuffixContext*>(s)) {
        auto n = Make(Expr::Kind::kIsNull, ctx);
        n->children = {e};
        e = n;
      } else {
        auto n = Make(Expr::Kind::kIsNotNull, ctx);
        n->children = {e};
        e = n;
      }
    }
    return Outer(e, ctx);
  }
  ExprPtr BuildAdd(P::AddOrSubtractExpressionContext* ctx) {
    auto xs = ctx->multiplyDivideModuloExpression();
    auto ops = ctx->addOp();
    CheckChain(xs.size(), ctx);
    ExprPtr e = BuildMul(xs[0]);
    for (size_t i = 1; i < xs.size(); ++i) e = Binary(ops[i - 1]->getText(), e, BuildMul(xs[i]), ctx);
    return Outer(e, ctx);
  }
  ExprPtr BuildMul(P::MultiplyDivideModuloExpressionContext* ctx) {
    auto xs = ctx->powerOfExpression();
    auto ops = ctx->mulOp();
    CheckChain(xs.size(), ctx);
    ExprPtr e = BuildPow(xs[0]);
    for (size_t i = 1; i < xs.size(); ++i) e = Binary(ops[i - 1]->getText(), e, BuildPow(xs[i]), ctx);
    return Outer(e, ctx);
  }
  ExprPtr BuildPow(P::PowerOfExpressionContext* ctx) {
    auto xs = ctx->unaryAddOrSubtractExpression();
    CheckChain(xs.size(), ctx);
    ExprPtr e = BuildUnary(xs[0]);
    for (size_t i = 1; i < xs.size(); ++i) e = Binary("^", e, BuildUnary(xs[i]), ctx);
    return Outer(e, ctx);
  }
  ExprPtr BuildUnary(P::UnaryAddOrSubtractExpressionContext* ctx) {
    if (ctx->postfixExpression()) return BuildPostfix(ctx->postfixExpression(), false);
    bool minus = ctx->getStart()->getText() == "-";
    auto* inner = ctx->unaryAddOrSubtractExpression();
    if (minus && inner->postfixExpression()) {
      // -9223372036854775808 is a valid literal: negate before range checking.
      auto* pf = inner->postfixExpression();
      if (pf->postfixOperator().empty() && !pf->nodeLabels()) {
        if (auto* lit = dynamic_cast<P::LiteralAtomContext*>(pf->atom())) {
          if (auto* num = lit->literal()->numberLiteral()) {
            if (num->integerLiteral()) {
              auto e = Make(Expr::Kind::kLiteral, ctx);
              e->value = Value::Int(ParseInteger(num->integerLiteral(), true));
              return e;
            }
          }
        }
      }
    }
    auto e = Make(Expr::Kind::kUnary, ctx);
    e->name = minus ? "-" : "+";
    e->children = {BuildUnary(inner)};
    return e;
  }

  ExprPtr BuildPostfix(P::PostfixExpressionContext* ctx, bool) {
    CheckChain(ctx->postfixOperator().size(), ctx);
    ExprPtr e = BuildAtom(ctx->atom());
    for (auto* op : ctx->postfixOperator()) {
      if (auto* p = dynamic_cast<P::PropertyPostfixContext*>(op)) {
        auto n = Make(Expr::Kind::kProperty, op);
        n->name = Name(p->propertyLookup()->propertyKeyName()->schemaName());
        n->children = {e};
        n->line = e->line;
        n->column = e->column;
        e = n;
      } else if (auto* ix = dynamic_cast<P::IndexPostfixContext*>(op)) {
        auto n = Make(Expr::Kind::kIndex, op);
        n->children = {e, BuildExpr(ix->expression())};
        e = n;
      } else if (auto* sl = dynamic_cast<P::SlicePostfixContext*>(op)) {
        auto n = Make(Expr::Kind::kSlice, op);
        n->children = {e, sl->from ? BuildExpr(sl->from) : nullptr,
                       sl->to ? BuildExpr(sl->to) : nullptr};
        e = n;
      }
    }
    if (ctx->nodeLabels()) {
      auto n = Make(Expr::Kind::kLabelCheck, ctx);
      for (auto* l : ctx->nodeLabels()->nodeLabel()) n->keys.push_back(Name(l->labelName()->schemaName()));
      n->children = {e};
      e = n;
    }
    e->text = Text(ctx);
    return e;
  }

  std::string Unescape(const std::string& quoted, antlr4::ParserRuleContext* ctx) {
    std::string out;
    for (size_t i = 1; i + 1 < quoted.size(); ++i) {
      char c = quoted[i];
      if (c != '\\') { out += c; continue; }
      char n = quoted[++i];
      switch (n) {
        case 't': out += '\t'; break;
        case 'b': out += '\b'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 'f': out += '\f'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case 'u': case 'U': {
          size_t len = n == 'u' ? 4 : 8;
          if (i + len >= quoted.size()) Fail("InvalidUnicodeLiteral", "invalid unicode escape", ctx);
          std::string hex = quoted.substr(i + 1, len);
          for (char h : hex)
            if (!std::isxdigit(static_cast<unsigned char>(h)))
              Fail("InvalidUnicodeLiteral", "invalid unicode escape \\" + std::string(1, n) + hex, ctx);
          uint32_t cp = static_cast<uint32_t>(std::strtoul(hex.c_str(), nullptr, 16));
          i += len;
          if (cp < 0x80) out += static_cast<char>(cp);
          else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
          else if (cp < 0x10000) { out += static_cast<char>(0xE0 | (cp >> 12)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
          else { out += static_cast<char>(0xF0 | (cp >> 18)); out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
          break;
        }
        default: out += '\\'; out += n; break;
      }
    }
    return out;
  }

  ExprPtr BuildLiteral(P::LiteralContext* ctx) {
    if (ctx->mapLiteral()) return BuildMap(ctx->mapLiteral());
    if (auto* l = ctx->listLiteral()) {
      auto e = Make(Expr::Kind::kList, ctx);
      for (auto* x : l->expression()) e->children.push_back(BuildExpr(x));
      return e;
    }
    auto e = Make(Expr::Kind::kLiteral, ctx);
    if (auto* num = ctx->numberLiteral()) {
      if (num->integerLiteral()) {
        e->value = Value::Int(ParseInteger(num->integerLiteral(), false));
      } else {
        errno = 0;
        double d = std::strtod(num->getText().c_str(), nullptr);
        if (errno == ERANGE && std::isinf(d))
          Fail("FloatingPointOverflow", "float literal out of range: " + num->getText(), ctx);
        e->value = Value::Float(d);
      }
    } else if (ctx->StringLiteral()) {
      e->value = Value::String(Unescape(ctx->StringLiteral()->getText(), ctx));
    } else if (ctx->booleanLiteral()) {
      e->value = Value::Bool(ctx->booleanLiteral()->TRUE_() != nullptr);
    }  // else NULL
    return e;
  }

  ExprPtr BuildAtom(P::AtomContext* ctx) {
    if (auto* a = dynamic_cast<P::LiteralAtomContext*>(ctx)) return BuildLiteral(a->literal());
    if (auto* a = dynamic_cast<P::ParameterAtomContext*>(ctx)) return BuildParameter(a->parameter());
    if (auto* a = dynamic_cast<P::CaseAtomContext*>(ctx)) {
      auto* c = a->caseExpression();
      auto e = Make(Expr::Kind::kCase, ctx);
      auto exprs = c->expression();
      size_t k = 0;
      auto alts = c->caseAlternative();
      e->has_subject = exprs.size() > 0 && exprs[0]->getStart()->getTokenIndex() <
                                               alts[0]->getStart()->getTokenIndex();
      if (e->has_subject) e->children.push_back(BuildExpr(exprs[k++]));
      for (auto* alt : alts) {
        e->children.push_back(BuildExpr(alt->expression(0)));
        e->children.push_back(BuildExpr(alt->expression(1)));
      }
      if (c->ELSE()) {
        e->has_else = true;
        e->children.push_back(BuildExpr(exprs.back()));
      }
      return e;
    }
    if (dynamic_cast<P::CountStarAtomContext*>(ctx)) {
      auto e = Make(Expr::Kind::kCountStar, ctx);
      e->name = "count";
      return e;
    }
    if (auto* a = dynamic_cast<P::ListComprehensionAtomContext*>(ctx)) {
      auto* lc = a->listComprehension();
      auto e = Make(Expr::Kind::kListComprehension, ctx);
      e->name = Name(lc->variable());
      auto exprs = lc->expression();
      e->children = {BuildExpr(exprs[0]), lc->where() ? BuildExpr(lc->where()->expression()) : nullptr,
                     exprs.size() > 1 ? BuildExpr(exprs[1]) : nullptr};
      return e;
    }
    if (auto* a = dynamic_cast<P::PatternComprehensionAtomContext*>(ctx)) {
      auto* pc = a->patternComprehension();
      auto e = Make(Expr::Kind::kPatternComprehension, ctx);
      e->pattern = std::make_shared<PatternPart>(BuildRelationships(pc->relationshipsPattern()));
      if (pc->variable()) e->pattern->path_variable = Name(pc->variable());
      e->children = {pc->where() ? BuildExpr(pc->where()->expression()) : nullptr,
                     BuildExpr(pc->expression())};
      return e;
    }
    if (auto* a = dynamic_cast<P::QuantifierAtomContext*>(ctx)) {
      auto e = Make(Expr::Kind::kQuantifier, ctx);
      e->name = a->quantifierName()->getText();
      for (auto& ch : e->name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      auto* f = a->filterExpression();
      e->keys = {Name(f->variable())};
      e->children = {BuildExpr(f->expression()), f->where() ? BuildExpr(f->where()->expression()) : nullptr};
      return e;
    }
    if (auto* a = dynamic_cast<P::ShortestPathAtomContext*>(ctx)) {
      auto e = Make(Expr::Kind::kShortestPath, ctx);
      e->pattern = std::make_shared<PatternPart>(BuildElement(a->patternElement()));
      e->pattern->shortest = a->shortestPathFunction()->SHORTESTPATH() ? 1 : 2;
      return e;
    }
    if (auto* a = dynamic_cast<P::PatternPredicateAtomContext*>(ctx)) {
      auto e = Make(Expr::Kind::kPatternPredicate, ctx);
      e->pattern = std::make_shared<PatternPart>(BuildRelationships(a->relationshipsPattern()));
      return e;
    }
    if (auto* a = dynamic_cast<P::ExistsSubqueryAtomContext*>(ctx)) {
      auto e = Make(Expr::Kind::kExists, ctx);
      if (a->singleQuery()) {
        e->subquery = std::make_shared<SingleQuery>(BuildSingle(a->singleQuery()));
      } else {
        e->patterns = std::make_shared<std::vector<PatternPart>>(BuildPattern(a->pattern()));
        e->children.push_back(a->where() ? BuildExpr(a->where()->expression()) : nullptr);
      }
      return e;
    }
    if (auto* a = dynamic_cast<P::ParenthesizedAtomContext*>(ctx)) {
      ExprPtr e = BuildExpr(a->expression());
      return e;
    }
    if (auto* a = dynamic_cast<P::FunctionAtomContext*>(ctx)) {
      auto* f = a->functionInvocation();
      auto e = Make(Expr::Kind::kFunction, ctx);
      e->name = f->functionName()->getText();
      e->distinct = f->DISTINCT() != nullptr;
      for (auto* x : f->expression()) e->children.push_back(BuildExpr(x));
      return e;
    }
    if (auto* a = dynamic_cast<P::MapProjectionAtomContext*>(ctx)) {
      auto e = Make(Expr::Kind::kMapProjection, ctx);
      auto var = Make(Expr::Kind::kVariable, a->variable());
      var->name = Name(a->variable());
      e->name = var->name;
      e->children.push_back(var);
      for (auto* item : a->mapProjection()->mapProjectionItem()) {
        if (item->expression()) {
          e->keys.push_back(Name(item->propertyKeyName()->schemaName()));
          e->children.push_back(BuildExpr(item->expression()));
        } else if (item->propertyKeyName()) {
          e->keys.push_back("." + Name(item->propertyKeyName()->schemaName()));
          e->children.push_back(nullptr);
        } else if (item->variable()) {
          auto v = Make(Expr::Kind::kVariable, item->variable());
          v->name = Name(item->variable());
          e->keys.push_back(v->name);
          e->children.push_back(v);
        } else {
          e->keys.push_back(".*");
          e->children.push_back(nullptr);
        }
      }
      return e;
    }
    auto* a = dynamic_cast<P::VariableAtomContext*>(ctx);
    auto e = Make(Expr::Kind::kVariable, ctx);
    e->name = Name(a->variable());
    return e;
  }

  const std::string& text_;
  bool ascii_ = true;
};

// Rejects bytes that are not UTF-8 (ANTLR's input stream would throw), with
// the line and column (in code points) of the first bad one.
void CheckUtf8(const std::string& text) {
  size_t bad = kg::text::FindInvalidUtf8(text);
  if (bad == std::string::npos) return;
  std::string before = text.substr(0, bad);
  size_t nl = before.rfind('\n');
  int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  int column = 1 + static_cast<int>(kg::text::CodePointCount(nl == std::string::npos ? before : before.substr(nl + 1)));
  ThrowSyntax("InvalidUnicodeCharacter", "the query is not valid UTF-8", line, column);
}

void CheckNesting(const std::string& text) {
  int depth = 0, line = 1, column = 0;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    ++column;
    if (c == '\n') {
      ++line;
      column = 0;
    }
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') quote = c;
    else if (c == '(' || c == '[' || c == '{') {
      if (++depth > kMaxNesting)
        ThrowSyntax("UnexpectedSyntax", "brackets nested more than " + std::to_string(kMaxNesting) + " deep",
                    line, column);
    } else if (c == ')' || c == ']' || c == '}') {
      --depth;
    }
  }
}

void CheckDepth(const ExprPtr& root) {
  std::vector<std::pair<const Expr*, int>> stack;
  if (root) stack.emplace_back(root.get(), 1);
  while (!stack.empty()) {
    auto [e, d] = stack.back();
    stack.pop_back();
    if (d > kMaxExpressionDepth)
      ThrowSyntax("UnexpectedSyntax", "expression nested more than " + std::to_string(kMaxExpressionDepth) +
                  " deep", e->line, e->column);
    for (auto& ch : e->children)
      if (ch) stack.emplace_back(ch.get(), d + 1);
  }
}

void CheckDepth(const Query& q) {
  for (auto& sq : q.parts) {
    for (auto& c : sq.clauses) {
      CheckDepth(c.where);
      for (auto& e : c.exprs) CheckDepth(e);
      for (auto* items : {&c.set_items, &c.on_create, &c.on_match})
        for (auto& si : *items) CheckDepth(si.value);
      CheckDepth(c.expr);
      for (auto& i : c.projection.items) CheckDepth(i.expr);
      for (auto& o : c.projection.order) CheckDepth(o.expr);
      CheckDepth(c.projection.where);
      CheckDepth(c.projection.skip);
      CheckDepth(c.projection.limit);
    }
  }
}

}  // namespace

Query Parse(const std::string& text) {
  CheckUtf8(text);
  CheckNesting(text);
  antlr4::ANTLRInputStream input(text);
  kg_antlr::CypherLexer lexer(&input);
  ThrowingErrorListener listener(text);
  lexer.removeErrorListeners();
  lexer.addErrorListener(&listener);
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  // Runs of prefix operators (- - - 1, NOT NOT ...) recurse in the parser.
  int run = 0;
  for (antlr4::Token* t : tokens.getTokens()) {
    std::string s = t->getText();
    bool prefix = s == "-" || s == "+" || t->getType() == kg_antlr::CypherLexer::NOT;
    run = prefix ? run + 1 : 0;
    if (run > kMaxNesting)
      ThrowSyntax("UnexpectedSyntax", "more than " + std::to_string(kMaxNesting) + " prefix operators in a row",
                  static_cast<int>(t->getLine()), static_cast<int>(t->getCharPositionInLine()) + 1);
  }
  kg_antlr::CypherParser parser(&tokens);
  parser.removeErrorListeners();
  // Two-stage parsing: fast SLL first, full LL only when SLL fails.
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  P::CypherContext* tree = nullptr;
  try {
    tree = parser.cypher();
  } catch (const antlr4::ParseCancellationException&) {
    tokens.reset();
    parser.reset();
    parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
    parser.addErrorListener(&listener);
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::LL);
    tree = parser.cypher();
  }
  Builder builder(text);
  Query q = builder.BuildQuery(tree);
  CheckDepth(q);
  return q;
}

}  // namespace kg::query_lang
