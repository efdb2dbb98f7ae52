// functions.cc: the scalar functions of kg's Cypher, and the registry.
#include "query-lang/functions.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <random>
#include <chrono>

#include "graph/graph.h"
#include "query-lang/errors.h"
#include "query-lang/exec_context.h"
#include "query-lang/temporal.h"
#include "common/text.h"

namespace kg::query_lang {
namespace {

using K = Value::Kind;
using Args = std::vector<Value>;

[[noreturn]] void BadArg(const char* fn, const Value& v) {
  ThrowType("InvalidArgumentValue",
            std::string(fn) + "() cannot take a " + Value::KindName(v.kind()));
}

Value FnId(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() == K::kNode) return Value::Int(static_cast<int64_t>(a[0].as_node().id));
  if (a[0].kind() == K::kRelationship) return Value::Int(static_cast<int64_t>(a[0].as_relationship().id));
  BadArg("id", a[0]);
}
Value FnType(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() != K::kRelationship) BadArg("type", a[0]);
  return Value::String(a[0].as_relationship().type);
}
Value FnLabels(const Args& a, ExecContext& ctx) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() != K::kNode) BadArg("labels", a[0]);
  ValueList out;
  for (auto& l : ctx.LoadNode(a[0]).labels) out.push_back(Value::String(l));
  return Value::List(std::move(out));
}
const ValueMap* PropsOf(const Value& v, ExecContext& ctx, const char* fn) {
  if (v.kind() == K::kNode) return ctx.LoadNode(v).properties.get();
  if (v.kind() == K::kRelationship) return ctx.LoadRel(v).properties.get();
  if (v.kind() == K::kMap) return &v.as_map();
  BadArg(fn, v);
}
Value FnKeys(const Args& a, ExecContext& ctx) {
  if (a[0].is_null()) return Value();
  ValueList out;
  for (auto& [k, v] : *PropsOf(a[0], ctx, "keys"))
    if (a[0].kind() == K::kMap || !v.is_null()) out.push_back(Value::String(k));
  return Value::List(std::move(out));
}
Value FnProperties(const Args& a, ExecContext& ctx) {
  if (a[0].is_null()) return Value();
  return Value::Map(*PropsOf(a[0], ctx, "properties"));
}
size_t Utf8Length(const std::string& s) { return kg::text::CodePointCount(s); }
Value FnSize(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() == K::kList) return Value::Int(static_cast<int64_t>(a[0].as_list().size()));
  if (a[0].kind() == K::kString) return Value::Int(static_cast<int64_t>(Utf8Length(a[0].as_string())));
  if (a[0].kind() == K::kMap) return Value::Int(static_cast<int64_t>(a[0].as_map().size()));
  BadArg("size", a[0]);
}
Value FnLength(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() == K::kPath) return Value::Int(static_cast<int64_t>(a[0].as_path().relationships.size()));
  BadArg("length", a[0]);
}
Value FnNodes(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() != K::kPath) BadArg("nodes", a[0]);
  ValueList out;
  for (auto& n : a[0].as_path().nodes) out.push_back(Value::Node(n));
  return Value::List(std::move(out));
}
Value FnRelationships(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() != K::kPath) BadArg("relationships", a[0]);
  ValueList out;
  for (auto& r : a[0].as_path().relationships) out.push_back(Value::Relationship(r));
  return Value::List(std::move(out));
}
Value FnStartNode(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() != K::kRelationship) BadArg("startNode", a[0]);
  return ExecContext::NodeRef(a[0].as_relationship().source);
}
Value FnEndNode(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() != K::kRelationship) BadArg("endNode", a[0]);
  return ExecContext::NodeRef(a[0].as_relationship().target);
}
Value FnCoalesce(const Args& a, ExecContext&) {
  for (auto& v : a) if (!v.is_null()) return v;
  return Value();
}
Value FnHead(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() != K::kList) BadArg("head", a[0]);
  return a[0].as_list().empty() ? Value() : a[0].as_list().front();
}
Value FnLast(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() != K::kList) BadArg("last", a[0]);
  return a[0].as_list().empty() ? Value() : a[0].as_list().back();
}
Value FnTail(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() != K::kList) BadArg("tail", a[0]);
  const auto& l = a[0].as_list();
  if (l.empty()) return Value::List({});
  return Value::List(ValueList(l.begin() + 1, l.end()));
}
int64_t IntArg(const Value& v, const char* fn) {
  if (v.kind() != K::kInt) ThrowArgument("InvalidArgumentType", std::string(fn) + "() needs an integer");
  return v.as_int();
}
Value FnRange(const Args& a, ExecContext& ctx) {
  for (auto& v : a) if (v.is_null()) return Value();
  int64_t from = IntArg(a[0], "range"), to = IntArg(a[1], "range");
  int64_t step = a.size() > 2 ? IntArg(a[2], "range") : 1;
  if (step == 0) ThrowArgument("NumberOutOfRange", "range() step must not be 0");
  ValueList out;
  for (int64_t i = from; step > 0 ? i <= to : i >= to; i += step) {
    out.push_back(Value::Int(i));
    ctx.CheckInterrupt();
  }
  return Value::List(std::move(out));
}
Value FnReverse(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() == K::kList) {
    ValueList l = a[0].as_list();
    std::reverse(l.begin(), l.end());
    return Value::List(std::move(l));
  }
  if (a[0].kind() == K::kString) {
    std::string s = a[0].as_string();
    // Reverse code points, not bytes.
    std::vector<std::string> cps;
    for (size_t i = 0; i < s.size();) {
      size_t j = i + 1;
      while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
      cps.push_back(s.substr(i, j - i));
      i = j;
    }
    std::string out;
    for (auto it = cps.rbegin(); it != cps.rend(); ++it) out += *it;
    return Value::String(out);
  }
  BadArg("reverse", a[0]);
}
Value FnToString(const Args& a, ExecContext&) {
  const Value& v = a[0];
  switch (v.kind()) {
    case K::kNull: return Value();
    case K::kString: return v;
    case K::kInt:
    case K::kFloat: return Value::String(v.ToString());
    case K::kBool: return Value::String(v.as_bool() ? "true" : "false");
    default:
      if (v.is_temporal() || v.kind() == K::kDuration) return Value::String(v.TemporalText());
      BadArg("toString", v);
  }
}
Value FnToInteger(const Args& a, ExecContext&) {
  const Value& v = a[0];
  switch (v.kind()) {
    case K::kNull: return Value();
    case K::kInt: return v;
    case K::kFloat: {
      double d = v.as_float();
      if (std::isnan(d) || std::isinf(d)) return Value();
      return Value::Int(static_cast<int64_t>(std::trunc(d)));
    }
    case K::kBool: return Value::Int(v.as_bool() ? 1 : 0);
    case K::kString: {
      const std::string& s = v.as_string();
      char* end = nullptr;
      errno = 0;
      long long i = std::strtoll(s.c_str(), &end, 10);
      if (!s.empty() && *end == '\0' && errno == 0) return Value::Int(i);
      double d = std::strtod(s.c_str(), &end);
      if (!s.empty() && *end == '\0' && !std::isnan(d) && !std::isinf(d))
        return Value::Int(static_cast<int64_t>(std::trunc(d)));
      return Value();
    }
    default: BadArg("toInteger", v);
  }
}
Value FnToFloat(const Args& a, ExecContext&) {
  const Value& v = a[0];
  switch (v.kind()) {
    case K::kNull: return Value();
    case K::kInt: return Value::Float(static_cast<double>(v.as_int()));
    case K::kFloat: return v;
    case K::kString: {
      const std::string& s = v.as_string();
      char* end = nullptr;
      double d = std::strtod(s.c_str(), &end);
      if (!s.empty() && *end == '\0') return Value::Float(d);
      return Value();
    }
    default: BadArg("toFloat", v);
  }
}
Value FnToBoolean(const Args& a, ExecContext&) {
  const Value& v = a[0];
  switch (v.kind()) {
    case K::kNull: return Value();
    case K::kBool: return v;
    case K::kInt: return Value::Bool(v.as_int() != 0);
    case K::kString: {
      std::string s = v.as_string();
      size_t b = s.find_first_not_of(" \t\n"), e = s.find_last_not_of(" \t\n");
      s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
      for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (s == "true") return Value::Bool(true);
      if (s == "false") return Value::Bool(false);
      return Value();
    }
    default: BadArg("toBoolean", v);
  }
}
const std::string* StrArg(const Value& v, const char* fn) {
  if (v.is_null()) return nullptr;
  if (v.kind() != K::kString) BadArg(fn, v);
  return &v.as_string();
}
Value FnToLower(const Args& a, ExecContext&) {
  auto* s = StrArg(a[0], "toLower");
  if (!s) return Value();
  return Value::String(kg::text::ToLower(*s));
}
Value FnToUpper(const Args& a, ExecContext&) {
  auto* s = StrArg(a[0], "toUpper");
  if (!s) return Value();
  return Value::String(kg::text::ToUpper(*s));
}
Value Trim(const Args& a, bool left, bool right, const char* fn) {
  auto* s = StrArg(a[0], fn);
  if (!s) return Value();
  size_t b = 0, e = s->size();
  if (left) while (b < e && std::isspace(static_cast<unsigned char>((*s)[b]))) ++b;
  if (right) while (e > b && std::isspace(static_cast<unsigned char>((*s)[e - 1]))) --e;
  return Value::String(s->substr(b, e - b));
}
Value FnTrim(const Args& a, ExecContext&) { return Trim(a, true, true, "trim"); }
Value FnLTrim(const Args& a, ExecContext&) { return Trim(a, true, false, "ltrim"); }
Value FnRTrim(const Args& a, ExecContext&) { return Trim(a, false, true, "rtrim"); }

// Code point offsets -> byte offsets.
size_t ByteOffset(const std::string& s, int64_t cp) {
  size_t i = 0;
  for (int64_t n = 0; i < s.size() && n < cp; ++n) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}
Value FnSubstring(const Args& a, ExecContext&) {
  auto* s = StrArg(a[0], "substring");
  if (!s) return Value();
  if (a[1].is_null() || (a.size() > 2 && a[2].is_null())) return Value();
  int64_t start = IntArg(a[1], "substring");
  if (start < 0) ThrowArgument("NumberOutOfRange", "substring() start must not be negative");
  size_t b = ByteOffset(*s, start);
  if (a.size() > 2) {
    int64_t len = IntArg(a[2], "substring");
    if (len < 0) ThrowArgument("NumberOutOfRange", "substring() length must not be negative");
    size_t e = b + ByteOffset(s->substr(b), len);
    return Value::String(s->substr(b, e - b));
  }
  return Value::String(s->substr(b));
}
Value FnLeft(const Args& a, ExecContext&) {
  auto* s = StrArg(a[0], "left");
  if (!s) return Value();
  if (a[1].is_null()) ThrowArgument("NumberOutOfRange", "left() length must not be null");
  int64_t n = IntArg(a[1], "left");
  if (n < 0) ThrowArgument("NumberOutOfRange", "left() length must not be negative");
  return Value::String(s->substr(0, ByteOffset(*s, n)));
}
Value FnRight(const Args& a, ExecContext&) {
  auto* s = StrArg(a[0], "right");
  if (!s) return Value();
  if (a[1].is_null()) ThrowArgument("NumberOutOfRange", "right() length must not be null");
  int64_t n = IntArg(a[1], "right");
  if (n < 0) ThrowArgument("NumberOutOfRange", "right() length must not be negative");
  int64_t len = static_cast<int64_t>(Utf8Length(*s));
  if (n >= len) return Value::String(*s);
  return Value::String(s->substr(ByteOffset(*s, len - n)));
}
Value FnReplace(const Args& a, ExecContext&) {
  auto* s = StrArg(a[0], "replace");
  auto* f = StrArg(a[1], "replace");
  auto* t = StrArg(a[2], "replace");
  if (!s || !f || !t) return Value();
  if (f->empty()) return Value::String(*s);
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t hit = s->find(*f, pos);
    if (hit == std::string::npos) break;
    out += s->substr(pos, hit - pos) + *t;
    pos = hit + f->size();
  }
  out += s->substr(pos);
  return Value::String(out);
}
Value FnSplit(const Args& a, ExecContext&) {
  auto* s = StrArg(a[0], "split");
  auto* d = StrArg(a[1], "split");
  if (!s || !d) return Value();
  ValueList out;
  if (d->empty()) {
    for (size_t i = 0; i < s->size();) {
      size_t j = i + 1;
      while (j < s->size() && (static_cast<unsigned char>((*s)[j]) & 0xC0) == 0x80) ++j;
      out.push_back(Value::String(s->substr(i, j - i)));
      i = j;
    }
    return Value::List(std::move(out));
  }
  size_t pos = 0;
  while (true) {
    size_t hit = s->find(*d, pos);
    if (hit == std::string::npos) break;
    out.push_back(Value::String(s->substr(pos, hit - pos)));
    pos = hit + d->size();
  }
  out.push_back(Value::String(s->substr(pos)));
  return Value::List(std::move(out));
}
double NumArg(const Value& v, const char* fn) {
  if (!v.is_number()) BadArg(fn, v);
  return v.as_number();
}
Value FnAbs(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() == K::kInt) return Value::Int(std::llabs(a[0].as_int()));
  return Value::Float(std::fabs(NumArg(a[0], "abs")));
}
Value FnCeil(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  return Value::Float(std::ceil(NumArg(a[0], "ceil")));
}
Value FnFloor(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  return Value::Float(std::floor(NumArg(a[0], "floor")));
}
Value FnRound(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  double d = NumArg(a[0], "round");
  if (a.size() > 1) {
    if (a[1].is_null()) return Value();
    double p = std::pow(10.0, static_cast<double>(IntArg(a[1], "round")));
    return Value::Float(std::round(d * p) / p);
  }
  // Cypher rounds half up (towards positive infinity).
  return Value::Float(std::floor(d + 0.5));
}
Value FnSign(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  double d = NumArg(a[0], "sign");
  return Value::Int(d > 0 ? 1 : d < 0 ? -1 : 0);
}
template <double (*F)(double)>
Value Math1(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  return Value::Float(F(NumArg(a[0], "math")));
}
double Sqrt(double x) { return std::sqrt(x); }
double Exp(double x) { return std::exp(x); }
double Log(double x) { return std::log(x); }
double Log10(double x) { return std::log10(x); }
double Sin(double x) { return std::sin(x); }
double Cos(double x) { return std::cos(x); }
double Tan(double x) { return std::tan(x); }
double Asin(double x) { return std::asin(x); }
double Acos(double x) { return std::acos(x); }
double Atan(double x) { return std::atan(x); }
double Cot(double x) { return 1.0 / std::tan(x); }
double Degrees(double x) { return x * 180.0 / M_PI; }
double Radians(double x) { return x * M_PI / 180.0; }
double Haversin(double x) { return (1 - std::cos(x)) / 2; }
Value FnAtan2(const Args& a, ExecContext&) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  return Value::Float(std::atan2(NumArg(a[0], "atan2"), NumArg(a[1], "atan2")));
}
Value FnPi(const Args&, ExecContext&) { return Value::Float(M_PI); }
Value FnE(const Args&, ExecContext&) { return Value::Float(M_E); }
Value FnRand(const Args&, ExecContext&) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  return Value::Float(std::uniform_real_distribution<double>(0, 1)(rng));
}
Value FnTimestamp(const Args&, ExecContext&) {
  return Value::Int(std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count());
}
Value FnExists(const Args& a, ExecContext&) { return Value::Bool(!a[0].is_null()); }
Value FnIsEmpty(const Args& a, ExecContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() == K::kList) return Value::Bool(a[0].as_list().empty());
  if (a[0].kind() == K::kString) return Value::Bool(a[0].as_string().empty());
  if (a[0].kind() == K::kMap) return Value::Bool(a[0].as_map().empty());
  BadArg("isEmpty", a[0]);
}

// ---- Knowledge-graph functions --------------------------------------------

Value SpanValue(const ByteSpan& s) {
  return Value::List({Value::Int(s.begin), Value::Int(s.end)});
}

Value FnSources(const Args& a, ExecContext& ctx) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() != K::kRelationship) BadArg("sources", a[0]);
  auto e = ctx.graph().GetEdge(a[0].as_relationship().id);
  if (!e.ok()) ThrowError("StorageError", "", e.status().ToString());
  auto origins = ctx.origins().Count(*e);
  if (!origins.ok()) ThrowError("StorageError", "", origins.status().ToString());
  return Value::Int(*origins);
}

// rejected(r): whether an analyst rejected the claim (kg curate reject);
// such claims only match under --include-rejected.
Value FnRejected(const Args& a, ExecContext& ctx) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() != K::kRelationship) BadArg("rejected", a[0]);
  return Value::Bool(ctx.graph().IsRejected(a[0].as_relationship().id));
}

// mentions(r): every sentence supporting r, copies included.
Value FnRelationshipMentions(const Args& a, ExecContext& ctx) {
  auto e = ctx.graph().GetEdge(a[0].as_relationship().id);
  if (!e.ok()) ThrowError("StorageError", "", e.status().ToString());
  return Value::Int(e->provenance_count);
}

Value FnProvenance(const Args& a, ExecContext& ctx) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() != K::kRelationship) BadArg("provenance", a[0]);
  auto recs = ctx.graph().EdgeProvenance(a[0].as_relationship().id);
  if (!recs.ok()) ThrowError("StorageError", "", recs.status().ToString());
  auto groups = ctx.origins().Groups(*recs);
  if (!groups.ok()) ThrowError("StorageError", "", groups.status().ToString());
  // Each record's origin: the first document of its group of near-copies.
  std::vector<std::string> origin_document;
  for (size_t i = 0; i < recs->size(); ++i)
    if ((*groups)[i] == origin_document.size()) origin_document.push_back((*recs)[i].document_id);
  ValueList out;
  for (size_t i = 0; i < recs->size(); ++i) {
    const graph::ProvenanceRecord& p = (*recs)[i];
    ValueMap m;
    m["document"] = Value::String(p.document_id);
    m["origin"] = Value::String(origin_document[(*groups)[i]]);
    m["extractor"] = Value::String(ExtractorLabel(p.extractor, p.extractor_version));
    m["confidence"] = Value::Float(p.confidence);
    m["sentence_index"] = Value::Int(p.sentence);
    m["span"] = SpanValue(p.sentence_span);
    m["relation"] = Value::String(p.relation_surface);
    if (!p.relation_lemma.empty()) m["lemma"] = Value::String(p.relation_lemma);
    for (const ClaimArgument& a : p.arguments) {
      // "group": read from a group mention; else time, place, prepositions.
      if (a.role == "group") m["group_mention"] = Value::String(a.text);
      else m[a.role] = Value::String(a.text);
    }
    m["negated"] = Value::Bool(p.negated);
    m["ingested_ms"] = Value::Int(p.ingest_time_ms);
    if (!p.modality.empty()) m["modality"] = Value::String(p.modality);
    if (!p.attribution.empty()) m["attribution"] = Value::String(p.attribution);
    Value title, url, published, publisher, sentence;
    if (p.document_id != "manual") {
      auto doc = ctx.graph().GetDocument(p.document_id);
      if (doc.ok()) {
        const Document& d = doc->document;
        title = Value::String(d.title);
        url = Value::String(d.url);
        published = PublishedValue(d.published);
        if (!d.publisher.empty()) publisher = Value::String(d.publisher);
        if (p.sentence_span.end <= d.text.size() && !p.sentence_span.empty())
          sentence = Value::String(d.text.substr(p.sentence_span.begin, p.sentence_span.size()));
      }
    }
    m["title"] = title;
    m["url"] = url;
    m["published"] = published;
    m["publisher"] = publisher;
    m["sentence"] = sentence;
    out.push_back(Value::Map(std::move(m)));
  }
  return Value::List(std::move(out));
}

Value FnMentions(const Args& a, ExecContext& ctx) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() == K::kRelationship) return FnRelationshipMentions(a, ctx);
  if (a[0].kind() != K::kNode) BadArg("mentions", a[0]);
  auto recs = ctx.graph().NodeMentions(a[0].as_node().id);
  if (!recs.ok()) ThrowError("StorageError", "", recs.status().ToString());
  ValueList out;
  for (const auto& m : *recs) {
    ValueMap v;
    v["document"] = Value::String(m.document_id);
    v["sentence_index"] = Value::Int(m.sentence);
    v["span"] = SpanValue(m.span);
    v["surface"] = Value::String(m.surface);
    auto doc = ctx.graph().GetDocument(m.document_id);
    if (doc.ok()) {
      v["title"] = Value::String(doc->document.title);
      v["url"] = Value::String(doc->document.url);
      v["published"] = PublishedValue(doc->document.published);
      if (!doc->document.publisher.empty()) v["publisher"] = Value::String(doc->document.publisher);
    }
    out.push_back(Value::Map(std::move(v)));
  }
  return Value::List(std::move(out));
}

// documents(r): the Document nodes of the documents supporting claim r, in
// document id order (none for a claim made by CREATE); documents(n) for an
// entity: the documents mentioning it.
Value FnDocuments(const Args& a, ExecContext& ctx) {
  if (a[0].is_null()) return Value();
  std::vector<std::string> ids;
  if (a[0].kind() == K::kRelationship) {
    auto recs = ctx.graph().EdgeProvenance(a[0].as_relationship().id);
    if (!recs.ok()) ThrowError("StorageError", "", recs.status().ToString());
    for (const auto& p : *recs) ids.push_back(p.document_id);
  } else if (a[0].kind() == K::kNode) {
    auto recs = ctx.graph().NodeMentions(a[0].as_node().id);
    if (!recs.ok()) ThrowError("StorageError", "", recs.status().ToString());
    for (const auto& m : *recs) ids.push_back(m.document_id);
  } else {
    BadArg("documents", a[0]);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  ValueList out;
  for (const auto& id : ids) {
    graph::NodeId node = graph::DocumentNodeId(id);
    if (node != 0) out.push_back(ExecContext::NodeRef(node));
  }
  return Value::List(std::move(out));
}

Value FnNodeSources(const Args& a, ExecContext& ctx) {
  // sources(n) for a node: distinct documents mentioning it.
  auto recs = ctx.graph().NodeMentions(a[0].as_node().id);
  if (!recs.ok()) ThrowError("StorageError", "", recs.status().ToString());
  std::vector<std::string> docs;
  for (auto& m : *recs) docs.push_back(m.document_id);
  std::sort(docs.begin(), docs.end());
  docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
  return Value::Int(static_cast<int64_t>(docs.size()));
}

Value FnSourcesAny(const Args& a, ExecContext& ctx) {
  if (a[0].kind() == K::kNode) return FnNodeSources(a, ctx);
  return FnSources(a, ctx);
}
Value FnProvenanceAny(const Args& a, ExecContext& ctx) {
  if (a[0].kind() == K::kNode) return FnMentions(a, ctx);
  return FnProvenance(a, ctx);
}

const std::vector<FunctionInfo> kFunctions = {
    {"id", 1, 1, false, FnId},
    {"type", 1, 1, false, FnType},
    {"labels", 1, 1, false, FnLabels},
    {"keys", 1, 1, false, FnKeys},
    {"properties", 1, 1, false, FnProperties},
    {"size", 1, 1, false, FnSize},
    {"length", 1, 1, false, FnLength},
    {"nodes", 1, 1, false, FnNodes},
    {"relationships", 1, 1, false, FnRelationships},
    {"startnode", 1, 1, false, FnStartNode},
    {"endnode", 1, 1, false, FnEndNode},
    {"coalesce", 1, -1, false, FnCoalesce},
    {"head", 1, 1, false, FnHead},
    {"last", 1, 1, false, FnLast},
    {"tail", 1, 1, false, FnTail},
    {"range", 2, 3, false, FnRange},
    {"reverse", 1, 1, false, FnReverse},
    {"tostring", 1, 1, false, FnToString},
    {"tointeger", 1, 1, false, FnToInteger},
    {"tofloat", 1, 1, false, FnToFloat},
    {"toboolean", 1, 1, false, FnToBoolean},
    {"tolower", 1, 1, false, FnToLower},
    {"toupper", 1, 1, false, FnToUpper},
    {"trim", 1, 1, false, FnTrim},
    {"ltrim", 1, 1, false, FnLTrim},
    {"rtrim", 1, 1, false, FnRTrim},
    {"substring", 2, 3, false, FnSubstring},
    {"left", 2, 2, false, FnLeft},
    {"right", 2, 2, false, FnRight},
    {"replace", 3, 3, false, FnReplace},
    {"split", 2, 2, false, FnSplit},
    {"abs", 1, 1, false, FnAbs},
    {"ceil", 1, 1, false, FnCeil},
    {"floor", 1, 1, false, FnFloor},
    {"round", 1, 2, false, FnRound},
    {"sign", 1, 1, false, FnSign},
    {"sqrt", 1, 1, false, Math1<Sqrt>},
    {"exp", 1, 1, false, Math1<Exp>},
    {"log", 1, 1, false, Math1<Log>},
    {"log10", 1, 1, false, Math1<Log10>},
    {"sin", 1, 1, false, Math1<Sin>},
    {"cos", 1, 1, false, Math1<Cos>},
    {"tan", 1, 1, false, Math1<Tan>},
    {"cot", 1, 1, false, Math1<Cot>},
    {"asin", 1, 1, false, Math1<Asin>},
    {"acos", 1, 1, false, Math1<Acos>},
    {"atan", 1, 1, false, Math1<Atan>},
    {"atan2", 2, 2, false, FnAtan2},
    {"degrees", 1, 1, false, Math1<Degrees>},
    {"radians", 1, 1, false, Math1<Radians>},
    {"haversin", 1, 1, false, Math1<Haversin>},
    {"pi", 0, 0, false, FnPi},
    {"e", 0, 0, false, FnE},
    {"rand", 0, 0, false, FnRand},
    {"timestamp", 0, 0, false, FnTimestamp},
    {"exists", 1, 1, false, FnExists},
    {"isempty", 1, 1, false, FnIsEmpty},
    {"sources", 1, 1, false, FnSourcesAny},
    {"provenance", 1, 1, false, FnProvenanceAny},
    {"mentions", 1, 1, false, FnMentions},
    {"documents", 1, 1, false, FnDocuments},
    {"rejected", 1, 1, false, FnRejected},
    {"count", 1, 1, true, nullptr},
    {"sum", 1, 1, true, nullptr},
    {"avg", 1, 1, true, nullptr},
    {"min", 1, 1, true, nullptr},
    {"max", 1, 1, true, nullptr},
    {"collect", 1, 1, true, nullptr},
    {"stdev", 1, 1, true, nullptr},
    {"stdevp", 1, 1, true, nullptr},
    {"percentiledisc", 2, 2, true, nullptr},
    {"percentilecont", 2, 2, true, nullptr},
};

}  // namespace

Value PublishedValue(const std::string& published) {
  if (published.empty()) return Value();
  std::string day = published.substr(0, published.find('T'));
  try {
    return temporal::Parse(K::kDate, day);
  } catch (const QueryException&) {
    return Value::String(published);
  }
}

const FunctionInfo* FindFunction(const std::string& lower_name) {
  for (const auto& f : kFunctions)
    if (lower_name == f.name) return &f;
  for (const auto& f : temporal::Functions())
    if (lower_name == f.name) return &f;
  return nullptr;
}

const std::vector<FunctionInfo>& AllFunctions() {
  static const std::vector<FunctionInfo> all = [] {
    std::vector<FunctionInfo> v = kFunctions;
    v.insert(v.end(), temporal::Functions().begin(), temporal::Functions().end());
    return v;
  }();
  return all;
}

}  // namespace kg::query_lang
