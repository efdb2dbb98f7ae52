// planner.cc: the physical operators and the planner that wires them.
#include "query-lang/planner.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <thread>
#include <exception>

#include "common/relations.h"
#include "query-lang/errors.h"
#include "query-lang/eval.h"
#include "query-lang/matcher.h"
#include "query-lang/string_groups.h"
#include "query-lang/temporal.h"

namespace kg::query_lang {
namespace {

using K = Value::Kind;

// ---- Leaf ----------------------------------------------------------------

class Once : public Operator {
 public:
  explicit Once(const int* width) : width_(width) {}
  std::string Describe() const override { return "Start"; }

 protected:
  bool DoNext(Row& row, ExecContext&) override {
    if (done_) return false;
    done_ = true;
    row.assign(static_cast<size_t>(*width_), Value());
    return true;
  }

 private:
  const int* width_;  // read when run: the planner adds hidden slots after building this
  bool done_ = false;
};

// The outer row of a correlated subquery, once.
class Argument : public Operator {
 public:
  Argument(const Row* row, const int* width) : row_(row), width_(width) {}
  std::string Describe() const override { return "Argument"; }

 protected:
  bool DoNext(Row& row, ExecContext&) override {
    if (done_) return false;
    done_ = true;
    row = *row_;
    if (row.size() < static_cast<size_t>(*width_)) row.resize(static_cast<size_t>(*width_));
    return true;
  }

 private:
  const Row* row_;
  const int* width_;
  bool done_ = false;
};

class Unary : public Operator {
 public:
  explicit Unary(OpPtr child) : child_(std::move(child)) {}
  std::vector<const Operator*> Children() const override { return {child_.get()}; }

 protected:
  // How blocking operators read their whole input: streamed, or pulled row
  // by row under PROFILE (so the child's own time is measured).
  void ConsumeChild(ExecContext& ctx, const std::function<bool(Row&)>& f) {
    if (!ctx.profiling()) {
      child_->ForEach(ctx, f);
      return;
    }
    Row row;
    while (child_->Next(row, ctx))
      if (!f(row)) return;
  }

  OpPtr child_;
};

// ---- Pattern matching ----------------------------------------------------

class MatchOp : public Unary {
 public:
  MatchOp(OpPtr child, const Clause& clause, std::vector<int> new_slots)
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
  bool DoNext(Row& row, ExecContext& ctx) override {
    while (pos_ >= buffer_.size()) {
      buffer_.clear();
      pos_ = 0;
      Row in;
      if (!child_->Next(in, ctx)) return false;
      MatchPatterns(clause_.patterns, in, ctx, [&](Row& r) {
        if (clause_.where && !IsTrue(Eval(*clause_.where, r, ctx))) return true;
        buffer_.push_back(r);
        return true;
      });
      if (buffer_.empty() && clause_.optional) {
        for (int s : new_slots_) in[s] = Value();
        buffer_.push_back(std::move(in));
      }
    }
    row = std::move(buffer_[pos_++]);
    return true;
  }

 public:
  bool ForEach(ExecContext& ctx, const std::function<bool(Row&)>& f) override {
    return child_->ForEach(ctx, [&](Row& in) {
      bool any = false, go_on = true;
      MatchPatterns(clause_.patterns, in, ctx, [&](Row& r) {
        if (clause_.where && !IsTrue(Eval(*clause_.where, r, ctx))) return true;
        any = true;
        ++rows_;
        go_on = f(r);
        return go_on;
      });
      if (!any && clause_.optional && go_on) {
        Row out = in;
        for (int s : new_slots_) out[s] = Value();
        ++rows_;
        go_on = f(out);
      }
      return go_on;
    });
  }

 private:
  const Clause& clause_;
  std::vector<int> new_slots_;
  std::vector<Row> buffer_;
  size_t pos_ = 0;
};

// ---- Counting relationships without visiting them ---------------------------

// MATCH (a ...)-[:T]->() whose matches are only counted (the next clause
// aggregates count(*) alone, nothing reads the relationship or the far
// node): every match of `a` stands for as many rows as it has such
// relationships, a number the graph keeps per node, type and direction
// (Graph::Degree, Graph::ScanDegrees). Each row carries that number in a
// hidden weight slot, which the aggregation adds up instead of 1.
struct DegreeCount {
  const NodePattern* node = nullptr;  // a: the counted node
  graph::EdgeDirection direction = graph::EdgeDirection::kOut;  // from a
  bool both = false;                  // undirected: either way
  std::vector<std::string> types;     // empty: any type
  int weight_slot = -1;
};

[[noreturn]] void ThrowGraph(const Status& s) { ThrowError("StorageError", "", s.ToString()); }

// The number of relationships of `spec` at node `id`, counted as the
// matcher would match them. From a start node the matcher expands as
// ForEachEdge does: relations stored once but holding both ways (speak_with)
// match a directed pattern against their direction too (`symmetric`). A
// pattern whose ends are both free is matched by one relationship scan,
// which keeps the stored direction.
class DegreeCounter {
 public:
  DegreeCounter(const DegreeCount& spec, bool symmetric) : spec_(spec), symmetric_both_ways_(symmetric) {}

  // Resolves the types once per run. False: no relationship can match.
  bool Prepare(ExecContext& ctx) {
    graph::Graph& g = ctx.graph();
    types_.clear();
    symmetric_.clear();
    for (const std::string& t : spec_.types) {
      auto id = g.FindType(t);
      if (!id) continue;
      types_.push_back(*id);
      if (symmetric_both_ways_ && IsSymmetricRelation(t)) symmetric_.push_back(*id);
    }
    if (!spec_.types.empty() && types_.empty()) return false;
    if (spec_.types.empty() && symmetric_both_ways_) {
      auto all = g.RelationshipTypes();
      if (!all.ok()) ThrowGraph(all.status());
      for (const auto& [name, n] : *all)
        if (IsSymmetricRelation(name))
          if (auto id = g.FindType(name)) symmetric_.push_back(*id);
    }
    return true;
  }
  // Whether a scan of one direction's degrees gives the count exactly.
  bool PlainDirection() const { return !spec_.both && symmetric_.empty(); }
  const std::vector<graph::TypeId>& types() const { return types_; }

  uint64_t Count(uint64_t id, ExecContext& ctx) const {
    graph::Graph& g = ctx.graph();
    using D = graph::EdgeDirection;
    auto degree = [&](D d, std::optional<graph::TypeId> t) -> uint64_t {
      auto n = g.Degree(id, d, t);
      if (!n.ok()) ThrowGraph(n.status());
      return *n;
    };
    auto loops = [&](std::optional<graph::TypeId> t) -> uint64_t {
      uint64_t n = 0;
      auto c = g.OutEdges(id, t);
      for (; c->Valid(); c->Next()) n += c->edge().target == id;
      if (!c->status().ok()) ThrowGraph(c->status());
      return n;
    };
    D other = spec_.direction == D::kOut ? D::kIn : D::kOut;
    uint64_t total = 0;
    if (spec_.both) {  // a self-loop matches an undirected pattern once
      if (types_.empty()) return degree(D::kOut, {}) + degree(D::kIn, {}) - loops({});
      for (auto t : types_) total += degree(D::kOut, t) + degree(D::kIn, t) - loops(t);
      return total;
    }
    if (types_.empty()) {
      total = degree(spec_.direction, {});
    } else {
      for (auto t : types_) total += degree(spec_.direction, t);
    }
    for (auto t : symmetric_) total += degree(other, t) - loops(t);
    return total;
  }

 private:
  const DegreeCount& spec_;
  bool symmetric_both_ways_;
  std::vector<graph::TypeId> types_;
  std::vector<graph::TypeId> symmetric_;
};

// Degree counts for each candidate of the counted node: the bound node, the
// nodes of a name lookup, a label or all nodes (one count read each).
class DegreeCountOp : public Unary {
 public:
  DegreeCountOp(OpPtr child, DegreeCount spec)
      : Unary(std::move(child)), spec_(std::move(spec)), counter_(spec_, /*symmetric=*/true) {}
  std::string Describe() const override {
    PatternPart part;
    part.nodes.push_back(*spec_.node);
    return "DegreeCount(" + Var() + ") from the degree counts, start " + DescribeAccess(part);
  }
  bool ForEach(ExecContext& ctx, const std::function<bool(Row&)>& f) override {
    bool go_on = true;
    child_->ForEach(ctx, [&](Row& in) {
      go_on = Expand(in, ctx, [&](Row& r) {
        ++rows_;
        return f(r);
      });
      return go_on;
    });
    return go_on;
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    while (pos_ >= buffer_.size()) {
      buffer_.clear();
      pos_ = 0;
      Row in;
      if (!child_->Next(in, ctx)) return false;
      Expand(in, ctx, [&](Row& r) {
        buffer_.push_back(r);
        return true;
      });
    }
    row = std::move(buffer_[pos_++]);
    return true;
  }

 private:
  std::string Var() const { return spec_.node->variable.empty() ? "_" : spec_.node->variable; }

  bool Expand(Row& in, ExecContext& ctx, const std::function<bool(Row&)>& f) {
    if (!counter_.Prepare(ctx)) return true;
    const NodePattern& n = *spec_.node;
    bool bind = !n.bound && !n.variable.empty() && n.used;
    Row out = in;
    return ForEachNodeCandidate(n, out, ctx, [&](uint64_t id) {
      ctx.CheckInterrupt();
      uint64_t count = counter_.Count(id, ctx);
      if (count == 0) return true;
      if (bind) out[n.slot] = ExecContext::NodeRef(id);
      out[spec_.weight_slot] = Value::Int(static_cast<int64_t>(count));
      return f(out);
    });
  }

  DegreeCount spec_;
  DegreeCounter counter_;
  std::vector<Row> buffer_;
  size_t pos_ = 0;
};

// Degree counts of every node at once: one scan of the stored counts in
// node order, merged with a scan of the node records when labels or
// properties must be checked or the node is read later (so its record is
// not read again, one point read per node).
class DegreeScanOp : public Unary {
 public:
  DegreeScanOp(OpPtr child, DegreeCount spec)
      : Unary(std::move(child)), spec_(std::move(spec)), counter_(spec_, /*symmetric=*/false) {}
  std::string Describe() const override {
    const NodePattern& n = *spec_.node;
    std::string s = "DegreeScan(" + (n.variable.empty() ? std::string("_") : n.variable);
    if (!n.labels.empty()) s += ":" + n.labels[0];
    s += ") over the degree counts";
    if (NeedRecords()) s += ", with the node records";
    return s;
  }
  bool ForEach(ExecContext& ctx, const std::function<bool(Row&)>& f) override {
    bool go_on = true;
    child_->ForEach(ctx, [&](Row& in) {
      go_on = Scan(in, ctx, [&](Row& r) {
        ++rows_;
        return f(r);
      });
      return go_on;
    });
    return go_on;
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    while (pos_ >= buffer_.size()) {
      buffer_.clear();
      pos_ = 0;
      Row in;
      if (!child_->Next(in, ctx)) return false;
      Scan(in, ctx, [&](Row& r) {
        buffer_.push_back(r);
        return true;
      });
    }
    row = std::move(buffer_[pos_++]);
    return true;
  }

 private:
  bool NeedRecords() const {
    const NodePattern& n = *spec_.node;
    return !n.labels.empty() || n.properties || (!n.variable.empty() && n.used);
  }

  bool Scan(Row& in, ExecContext& ctx, const std::function<bool(Row&)>& f) {
    if (!counter_.Prepare(ctx)) return true;
    if (!counter_.PlainDirection()) {
      // Undirected: out + in - self-loops, node by node.
      const NodePattern& n = *spec_.node;
      bool bind = !n.variable.empty() && n.used;
      Row out = in;
      return ForEachNodeCandidate(n, out, ctx, [&](uint64_t id) {
        ctx.CheckInterrupt();
        uint64_t count = counter_.Count(id, ctx);
        if (count == 0) return true;
        if (bind) out[n.slot] = ExecContext::NodeRef(id);
        out[spec_.weight_slot] = Value::Int(static_cast<int64_t>(count));
        return f(out);
      });
    }
    const NodePattern& n = *spec_.node;
    const std::vector<graph::TypeId>& types = counter_.types();
    bool bind = !n.variable.empty() && n.used;
    graph::Graph& g = ctx.graph();
    auto degrees = g.ScanDegrees(spec_.direction);
    std::unique_ptr<graph::NodeRecordCursor> records;
    if (NeedRecords()) records = g.ScanNodeRecords(n.labels.empty() ? std::string() : n.labels[0]);
    Row out = in;
    bool go_on = true;
    while (go_on && degrees->Valid()) {
      ctx.CheckInterrupt();
      uint64_t id = degrees->entry().node;
      uint64_t count = 0;
      for (; degrees->Valid() && degrees->entry().node == id; degrees->Next()) {
        const graph::DegreeEntry& e = degrees->entry();
        if (types.empty() || std::find(types.begin(), types.end(), e.type) != types.end()) count += e.count;
      }
      if (count == 0) continue;
      if (records) {
        records->SeekTo(id);
        if (!records->Valid()) break;
        if (records->node() != id) continue;
        const graph::NodeRecord& rec = records->record();
        NodeValue nv;
        nv.id = id;
        nv.labels = rec.labels;
        ValueMap props;
        for (const auto& [k, v] : rec.properties)
          if (!v.is_null()) props.emplace(k, FromProperty(v));
        nv.properties = std::make_shared<const ValueMap>(std::move(props));
        if ((n.labels.size() > 1 || n.properties) && !NodeValueSatisfies(n, nv, out, ctx)) continue;
        if (bind) out[n.slot] = Value::Node(std::move(nv));
      } else if (bind) {
        out[n.slot] = ExecContext::NodeRef(id);
      }
      out[spec_.weight_slot] = Value::Int(static_cast<int64_t>(count));
      go_on = f(out);
    }
    if (!degrees->status().ok()) ThrowGraph(degrees->status());
    if (records && !records->status().ok()) ThrowGraph(records->status());
    return go_on;
  }

  DegreeCount spec_;
  DegreeCounter counter_;
  std::vector<Row> buffer_;
  size_t pos_ = 0;
};

// MATCH (a:L)-[:T]->() RETURN a.p, count(*): the aggregation done inside
// the degree scan. Per node, the count comes from the degree counts and the
// key from the node's record read in the same pass (one property decoded,
// no node value made); groups are kept in a hash map on the key. Rows are
// made per group, not per node or relationship.
class DegreeGroupCountOp : public Unary {
 public:
  // `key_property` empty: no grouping key (one group, even with no match).
  // `top_k` >= 0: only the groups ORDER BY count (`descending`) LIMIT top_k
  // keeps are yielded (ties kept in the order first met, as a stable sort).
  DegreeGroupCountOp(OpPtr child, DegreeCount spec, std::string key_property, int key_slot,
                     std::vector<int> count_slots, const int* width, int64_t top_k = -1,
                     bool descending = false)
      : Unary(std::move(child)), spec_(std::move(spec)), counter_(spec_, /*symmetric=*/false),
        key_property_(std::move(key_property)), key_slot_(key_slot), count_slots_(std::move(count_slots)),
        width_(width), top_k_(top_k), descending_(descending) {}
  std::string Describe() const override {
    const NodePattern& n = *spec_.node;
    std::string var = n.variable.empty() ? "_" : n.variable;
    std::string s = "DegreeGroupCount(" + var;
    if (!n.labels.empty()) s += ":" + n.labels[0];
    s += ") over the degree counts";
    if (!key_property_.empty()) s += ", grouped by " + var + "." + key_property_ + " from the node records";
    if (top_k_ >= 0) s += ", the " + std::to_string(top_k_) + (descending_ ? " largest" : " smallest") + " counts";
    return s;
  }
  bool ForEach(ExecContext& ctx, const std::function<bool(Row&)>& f) override {
    Consume(ctx);
    Row row(static_cast<size_t>(*width_));
    for (size_t g = 0; g < main_.order.size(); ++g) {
      ctx.CheckInterrupt();
      Fill(g, row);
      ++rows_;
      if (!f(row)) return false;
    }
    return true;
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    Consume(ctx);
    if (pos_ >= main_.order.size()) return false;
    row.assign(static_cast<size_t>(*width_), Value());
    Fill(pos_++, row);
    return true;
  }

 private:
  // Group g (in the order first met) into its row.
  void Fill(size_t g, Row& row) const {
    auto [is_string, i] = main_.order[g];
    if (!key_property_.empty())
      row[key_slot_] = is_string ? Value::String(main_.by_string.keys()[i]) : main_.value_key[i];
    for (int s : count_slots_) row[s] = Value::Int(main_.Count(g));
  }

  void Consume(ExecContext& ctx) {
    if (done_) return;
    done_ = true;
    ConsumeChild(ctx, [&](Row&) {
      Scan(ctx);
      return true;
    });
    if (key_property_.empty() && main_.order.empty()) main_.AddValue(Value(), 0);
    if (top_k_ >= 0 && main_.order.size() > static_cast<size_t>(top_k_)) {
      std::vector<size_t> at(main_.order.size());
      for (size_t i = 0; i < at.size(); ++i) at[i] = i;
      auto first = [&](size_t a, size_t b) {
        int64_t ca = main_.Count(a), cb = main_.Count(b);
        if (ca != cb) return descending_ ? ca > cb : ca < cb;
        return a < b;
      };
      auto k = static_cast<size_t>(top_k_);
      std::partial_sort(at.begin(), at.begin() + static_cast<std::ptrdiff_t>(k), at.end(), first);
      std::vector<std::pair<bool, size_t>> kept;
      for (size_t i = 0; i < k; ++i) kept.push_back(main_.order[at[i]]);
      main_.order = std::move(kept);
    }
  }

  struct ValueEq {
    bool operator()(const Value& a, const Value& b) const { return a == b; }
  };

  // The groups of one range of nodes, in the order first met: (plain string
  // key?, index into the string groups or the other keys).
  struct Groups {
    std::vector<std::pair<bool, size_t>> order;
    StringGroups by_string;
    std::vector<int64_t> string_counts;
    std::unordered_map<Value, size_t, ValueHash, ValueEq> by_value;
    std::vector<Value> value_key;
    std::vector<int64_t> value_counts;

    int64_t Count(size_t g) const {
      return order[g].first ? string_counts[order[g].second] : value_counts[order[g].second];
    }
    size_t AddValueGroup(const Value& key) {
      order.emplace_back(false, value_key.size());
      value_key.push_back(key);
      value_counts.push_back(0);
      return value_key.size() - 1;
    }
    void AddString(std::string_view key, int64_t count) { AddString(key, StringGroups::Hash(key), count); }
    void AddString(std::string_view key, uint64_t hash, int64_t count) {
      bool added;
      size_t i = by_string.Find(key, hash, &added);
      if (added) {
        order.emplace_back(true, i);
        string_counts.push_back(0);
      }
      string_counts[i] += count;
    }
    void AddValue(const Value& key, int64_t count) {
      auto it = by_value.find(key);
      size_t i = it != by_value.end() ? it->second : by_value[key] = AddValueGroup(key);
      value_counts[i] += count;
    }
    // Adds `other`'s groups after these (its nodes came after these).
    void Merge(const Groups& other) {
      for (auto [is_string, i] : other.order) {
        if (is_string) AddString(other.by_string.keys()[i], other.string_counts[i]);
        else AddValue(other.value_key[i], other.value_counts[i]);
      }
    }
  };

  // Node ids per thread below which a scan is not split.
  static constexpr uint64_t kMinIdsPerThread = 1024;

  void Scan(ExecContext& ctx) {
    if (!counter_.Prepare(ctx)) return;
    int threads = ctx.options().threads;
    if (threads <= 0) threads = static_cast<int>(std::min(4u, std::max(1u, std::thread::hardware_concurrency())));
    auto stats = ctx.graph().Stats();
    if (!stats.ok()) ThrowGraph(stats.status());
    uint64_t limit = stats->node_id_limit;
    threads = static_cast<int>(std::min<uint64_t>(static_cast<uint64_t>(threads), limit / kMinIdsPerThread));
    if (threads <= 1) {
      // Room for a group per node at once (growing would copy the keys).
      if (!key_property_.empty() && main_.order.empty()) main_.by_string.Reserve(stats->nodes);
      ScanRange(ctx, 0, ~uint64_t{0}, &main_);
      return;
    }
    // Disjoint ranges of node ids, one per thread; merged in id order, so
    // groups come out as a single scan would make them.
    std::vector<Groups> parts(static_cast<size_t>(threads));
    std::vector<std::exception_ptr> errors(parts.size());
    std::vector<std::thread> workers;
    uint64_t step = limit / parts.size() + 1;
    auto run = [&](size_t i) {
      try {
        if (!key_property_.empty()) parts[i].by_string.Reserve(stats->nodes / parts.size());
        uint64_t from = i * step, to = i + 1 == parts.size() ? ~uint64_t{0} : (i + 1) * step;
        ScanRange(ctx, from, to, &parts[i]);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    };
    for (size_t i = 1; i < parts.size(); ++i) workers.emplace_back(run, i);
    run(0);
    for (auto& w : workers) w.join();
    for (auto& e : errors)
      if (e) std::rethrow_exception(e);
    // (The groups of the first range need no copy: more input rows, as
    // after an UNWIND, are merged into them.)
    if (main_.order.empty()) {
      main_ = std::move(parts[0]);
    } else {
      main_.Merge(parts[0]);
    }
    for (size_t i = 1; i < parts.size(); ++i) main_.Merge(parts[i]);
  }

  // Scans the nodes with ids in [from, to). Safe to run on several threads
  // at once (for disjoint ranges and parts).
  void ScanRange(ExecContext& ctx, uint64_t from, uint64_t to, Groups* part) const {
    const NodePattern& n = *spec_.node;
    const std::vector<graph::TypeId>& types = counter_.types();
    graph::Graph& g = ctx.graph();
    auto degrees = g.ScanDegrees(spec_.direction, from, to);
    std::unique_ptr<graph::NodeRecordCursor> records;
    if (!key_property_.empty() || !n.labels.empty()) {
      records = g.ScanNodeRecords(n.labels.empty() ? std::string() : n.labels[0]);
      records->SeekTo(from);
    }
    // Plain string keys wait in a small batch: their slots in the group
    // table are prefetched together (a table of 100,000s of groups misses
    // the cache on nearly every lookup).
    constexpr size_t kBatch = 32;
    std::vector<std::pair<std::string, int64_t>> batch;
    uint64_t hashes[kBatch];
    auto flush = [&] {
      for (size_t i = 0; i < batch.size(); ++i) {
        hashes[i] = StringGroups::Hash(batch[i].first);
        part->by_string.Prefetch(hashes[i]);
      }
      for (size_t i = 0; i < batch.size(); ++i) part->AddString(batch[i].first, hashes[i], batch[i].second);
      batch.clear();
    };
    batch.reserve(kBatch);
    uint64_t seen = 0;
    while (degrees->Valid()) {
      if ((++seen & 4095) == 0) ctx.CheckInterruptNow();
      uint64_t id = degrees->entry().node;
      int64_t count = 0;
      for (; degrees->Valid() && degrees->entry().node == id; degrees->Next()) {
        const graph::DegreeEntry& e = degrees->entry();
        if (types.empty() || std::find(types.begin(), types.end(), e.type) != types.end())
          count += static_cast<int64_t>(e.count);
      }
      if (count == 0) continue;
      if (records) {
        records->SeekTo(id);
        if (!records->Valid()) break;
        if (records->node() != id) continue;
      }
      if (key_property_.empty()) {  // one group
        part->AddValue(Value(), count);
        continue;
      }
      graph::PropertyValue p = records->Property(key_property_);
      auto* text = std::get_if<std::string>(&p.value);
      if (text && !(!text->empty() && text->front() == temporal::kPropertyTag[0])) {
        batch.emplace_back(std::move(*text), count);
        if (batch.size() == kBatch) flush();
      } else {
        flush();  // groups keep the order their nodes come in
        part->AddValue(FromProperty(p), count);
      }
    }
    flush();
    if (!degrees->status().ok()) ThrowGraph(degrees->status());
    if (records && !records->status().ok()) ThrowGraph(records->status());
  }

  DegreeCount spec_;
  DegreeCounter counter_;
  std::string key_property_;
  int key_slot_;
  std::vector<int> count_slots_;
  const int* width_;
  int64_t top_k_;
  bool descending_;
  bool done_ = false;
  Groups main_;
  size_t pos_ = 0;
};

class FilterOp : public Unary {
 public:
  FilterOp(OpPtr child, const Expr& pred) : Unary(std::move(child)), pred_(pred) {}
  std::string Describe() const override { return "Filter " + pred_.text; }
  bool ForEach(ExecContext& ctx, const std::function<bool(Row&)>& f) override {
    return child_->ForEach(ctx, [&](Row& r) {
      ctx.CheckInterrupt();
      if (!IsTrue(Eval(pred_, r, ctx))) return true;
      ++rows_;
      return f(r);
    });
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    while (child_->Next(row, ctx)) {
      ctx.CheckInterrupt();
      if (IsTrue(Eval(pred_, row, ctx))) return true;
    }
    return false;
  }

 private:
  const Expr& pred_;
};

class UnwindOp : public Unary {
 public:
  UnwindOp(OpPtr child, const Clause& c) : Unary(std::move(child)), c_(c) {}
  std::string Describe() const override { return "Unwind " + c_.expr->text + " AS " + c_.variable; }
  bool ForEach(ExecContext& ctx, const std::function<bool(Row&)>& f) override {
    return child_->ForEach(ctx, [&](Row& r) {
      Value v = Eval(*c_.expr, r, ctx);
      if (v.is_null()) return true;
      Row out = r;
      if (v.kind() != K::kList) {
        out[c_.slot] = v;
        ++rows_;
        return f(out);
      }
      for (const auto& item : v.as_list()) {
        ctx.CheckInterrupt();
        out[c_.slot] = item;
        ++rows_;
        if (!f(out)) return false;
      }
      return true;
    });
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    while (true) {
      if (pos_ < items_.size()) {
        row = current_;
        row[c_.slot] = items_[pos_++];
        return true;
      }
      if (!child_->Next(current_, ctx)) return false;
      Value v = Eval(*c_.expr, current_, ctx);
      pos_ = 0;
      if (v.is_null()) items_.clear();
      else if (v.kind() == K::kList) items_ = v.as_list();
      else items_ = {v};
    }
  }

 private:
  const Clause& c_;
  Row current_;
  ValueList items_;
  size_t pos_ = 0;
};

// ---- Projection ----------------------------------------------------------

class ProjectOp : public Unary {
 public:
  ProjectOp(OpPtr child, const Projection& p) : Unary(std::move(child)), p_(p) {}
  std::string Describe() const override {
    std::string s = "Project";
    for (auto& i : p_.items) s += " " + i.alias;
    return s;
  }
  bool ForEach(ExecContext& ctx, const std::function<bool(Row&)>& f) override {
    return child_->ForEach(ctx, [&](Row& r) {
      Row out = r;
      std::vector<Value> vals;
      vals.reserve(p_.items.size());
      for (auto& i : p_.items) vals.push_back(Eval(*i.expr, out, ctx));
      for (size_t k = 0; k < vals.size(); ++k) out[p_.items[k].slot] = std::move(vals[k]);
      ++rows_;
      return f(out);
    });
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    if (!child_->Next(row, ctx)) return false;
    // Evaluate all first: an alias may shadow a name another item reads.
    std::vector<Value> vals;
    vals.reserve(p_.items.size());
    for (auto& i : p_.items) vals.push_back(Eval(*i.expr, row, ctx));
    for (size_t k = 0; k < vals.size(); ++k) row[p_.items[k].slot] = std::move(vals[k]);
    return true;
  }

 private:
  const Projection& p_;
};

class DistinctOp : public Unary {
 public:
  DistinctOp(OpPtr child, std::vector<int> slots) : Unary(std::move(child)), slots_(std::move(slots)) {}
  std::string Describe() const override { return "Distinct"; }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    while (child_->Next(row, ctx)) {
      std::vector<Value> key;
      for (int s : slots_) key.push_back(row[s]);
      if (seen_.insert(std::move(key)).second) return true;
    }
    return false;
  }

 private:
  struct Eq {
    bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const { return a == b; }
  };
  std::vector<int> slots_;
  std::unordered_set<std::vector<Value>, RowHash, Eq> seen_;
};

struct AggSpec {
  const Expr* expr;  // the aggregate call (kFunction with is_aggregate, or kCountStar)
  int slot;          // where its result goes
};

class Accumulator {
 public:
  explicit Accumulator(const Expr* e) : e_(e) {
    name_ = e->kind == Expr::Kind::kCountStar ? "count*" : e->name;
    count_star_ = name_ == "count*";
    plain_count_ = name_ == "count" && !e->distinct;
  }
  // `weight`: how many rows `row` stands for (only count(*) is ever
  // weighted: see DegreeCount).
  void Add(Row& row, ExecContext& ctx, int64_t weight = 1) {
    if (count_star_) { count_ += weight; return; }
    Value v = Eval(*e_->children[0], row, ctx);
    if (plain_count_) {
      if (!v.is_null()) ++count_;
      return;
    }
    if (name_ == "percentiledisc" || name_ == "percentilecont") {
      if (!has_p_) {
        p_ = Eval(*e_->children[1], row, ctx);
        has_p_ = true;
      }
    }
    if (v.is_null()) return;
    if (e_->distinct) {
      if (!seen_.insert(v).second) return;
    }
    ++count_;
    if (name_ == "count") return;
    if (name_ == "sum" || name_ == "avg") {
      if (!v.is_number()) ThrowType("InvalidArgumentType", name_ + "() needs numbers");
      if (v.kind() == K::kInt && all_int_) {
        isum_ += v.as_int();
      } else {
        all_int_ = false;
      }
      fsum_ += v.as_number();
      return;
    }
    if (name_ == "min") {
      if (best_.is_null() || OrderCompare(v, best_) < 0) best_ = v;
      return;
    }
    if (name_ == "max") {
      if (best_.is_null() || OrderCompare(v, best_) > 0) best_ = v;
      return;
    }
    if (name_ == "collect") { items_.push_back(v); return; }
    if (!v.is_number()) ThrowType("InvalidArgumentType", name_ + "() needs numbers");
    nums_.push_back(v.as_number());
  }
  Value Result() const {
    if (name_ == "count*" || name_ == "count") return Value::Int(count_);
    if (name_ == "sum") return all_int_ ? Value::Int(isum_) : Value::Float(fsum_);
    if (name_ == "avg") return count_ ? Value::Float(fsum_ / static_cast<double>(count_)) : Value();
    if (name_ == "min" || name_ == "max") return best_;
    if (name_ == "collect") return Value::List(items_);
    if (name_ == "stdev" || name_ == "stdevp") {
      size_t n = nums_.size();
      if (n == 0 || (name_ == "stdev" && n < 2)) return Value::Float(0);
      double mean = 0;
      for (double d : nums_) mean += d;
      mean /= static_cast<double>(n);
      double ss = 0;
      for (double d : nums_) ss += (d - mean) * (d - mean);
      return Value::Float(std::sqrt(ss / static_cast<double>(name_ == "stdev" ? n - 1 : n)));
    }
    // percentiles
    if (nums_.empty()) return Value();
    if (!p_.is_number()) ThrowArgument("InvalidArgumentValue", "percentile must be a number");
    double p = p_.as_number();
    if (p < 0 || p > 1) ThrowArgument("NumberOutOfRange", "percentile must be in [0, 1]");
    std::vector<double> s = nums_;
    std::sort(s.begin(), s.end());
    if (name_ == "percentiledisc") {
      size_t idx = p == 0 ? 0 : static_cast<size_t>(std::ceil(p * static_cast<double>(s.size()))) - 1;
      double d = s[std::min(idx, s.size() - 1)];
      if (all_ints_percentile()) return Value::Int(static_cast<int64_t>(d));
      return Value::Float(d);
    }
    double pos = p * static_cast<double>(s.size() - 1);
    size_t lo = static_cast<size_t>(std::floor(pos));
    size_t hi = static_cast<size_t>(std::ceil(pos));
    return Value::Float(s[lo] + (s[hi] - s[lo]) * (pos - static_cast<double>(lo)));
  }

 private:
  bool all_ints_percentile() const { return pct_all_int_; }
  const Expr* e_;
  std::string name_;
  bool count_star_ = false, plain_count_ = false;
  int64_t count_ = 0;
  int64_t isum_ = 0;
  double fsum_ = 0;
  bool all_int_ = true;
  bool pct_all_int_ = true;
  Value best_;
  ValueList items_;
  std::vector<double> nums_;
  Value p_;
  bool has_p_ = false;
  std::unordered_set<Value, ValueHash> seen_;
 public:
  void NoteInt(bool is_int) { pct_all_int_ = pct_all_int_ && is_int; }
};

class AggregateOp : public Unary {
 public:
  // `weight_slot` (>= 0): each input row counts as that slot's integer
  // rows (only count(*) aggregates then; see DegreeCount).
  AggregateOp(OpPtr child, const Projection& p, std::vector<AggSpec> aggs,
              std::vector<ExprPtr> post, const int* width, int weight_slot = -1)
      : Unary(std::move(child)), p_(p), aggs_(std::move(aggs)), post_(std::move(post)), width_(width),
        weight_slot_(weight_slot) {}
  std::string Describe() const override {
    std::string s = "Aggregate keys:";
    for (size_t i = 0; i < p_.items.size(); ++i) if (!post_[i]) s += " " + p_.items[i].alias;
    s += " aggregates:";
    for (auto& a : aggs_) s += " " + a.expr->text;
    return s;
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    if (!done_) Consume(ctx);
    if (pos_ >= groups_.size()) return false;
    Group& g = groups_[pos_++];
    row = std::move(g.first_row);
    for (size_t i = 0; i < aggs_.size(); ++i) row[aggs_[i].slot] = g.accs[i].Result();
    // Keys were stored; aggregating items are evaluated over the results.
    std::vector<Value> vals(p_.items.size());
    for (size_t i = 0; i < p_.items.size(); ++i)
      vals[i] = post_[i] ? Eval(*post_[i], row, ctx) : g.keys[key_index_[i]];
    for (size_t i = 0; i < p_.items.size(); ++i) row[p_.items[i].slot] = vals[i];
    return true;
  }

 private:
  struct Group {
    std::vector<Value> keys;
    Row first_row;
    std::vector<Accumulator> accs;
  };
  struct Eq {
    bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const { return a == b; }
  };
  struct ValueEq {
    bool operator()(const Value& a, const Value& b) const { return a == b; }
  };

  void Consume(ExecContext& ctx) {
    done_ = true;
    key_index_.assign(p_.items.size(), 0);
    size_t nk = 0;
    for (size_t i = 0; i < p_.items.size(); ++i) if (!post_[i]) key_index_[i] = nk++;
    std::unordered_map<std::vector<Value>, size_t, RowHash, Eq> index;
    std::unordered_map<Value, size_t, ValueHash, ValueEq> single_index;
    // With one grouping key of the form n.prop, a node's group is found by
    // its id alone after its first row (Q5-style "per node" aggregations:
    // no key to build, copy or hash).
    int node_key_slot = -1;  // the slot of n, when the only key is n.prop
    for (size_t i = 0; i < p_.items.size() && nk == 1; ++i) {
      const Expr& k = *p_.items[i].expr;
      if (!post_[i] && k.kind == Expr::Kind::kProperty &&
          k.children[0]->kind == Expr::Kind::kVariable) {
        node_key_slot = k.children[0]->slot;
      }
    }
    std::unordered_map<uint64_t, size_t> group_of_node;
    uint64_t last_node = 0;  // rows often come grouped by node (scans by source)
    size_t last_group = SIZE_MAX;
    ConsumeChild(ctx, [&](Row& row) {
      ctx.CheckInterrupt();
      uint64_t node_id = 0;
      // (A node whose record came with the row has its key at hand.)
      bool by_node = node_key_slot >= 0 && row[node_key_slot].kind() == K::kNode &&
                     !row[node_key_slot].as_node().properties;
      if (by_node) {
        node_id = row[node_key_slot].as_node().id;
        if (last_group != SIZE_MAX && node_id == last_node) {
          AddToGroup(last_group, row, ctx);
          return true;
        }
        auto known = group_of_node.find(node_id);
        if (known != group_of_node.end()) {
          last_node = node_id;
          last_group = known->second;
          AddToGroup(known->second, row, ctx);
          return true;
        }
      }
      key_buf_.clear();
      for (size_t i = 0; i < p_.items.size(); ++i) {
        if (post_[i]) continue;
        const Expr& k = *p_.items[i].expr;
        // n.prop keys: read each node's property once, not once per row.
        if (k.kind == Expr::Kind::kProperty && k.children[0]->kind == Expr::Kind::kVariable &&
            row[k.children[0]->slot].kind() == K::kNode && !row[k.children[0]->slot].as_node().properties) {
          auto& memo = prop_memo_[i];
          uint64_t id = row[k.children[0]->slot].as_node().id;
          auto m = memo.find(id);
          if (m == memo.end()) m = memo.emplace(id, Eval(k, row, ctx)).first;
          key_buf_.push_back(m->second);
          continue;
        }
        key_buf_.push_back(Eval(k, row, ctx));
      }
      size_t gi;
      bool fresh;
      if (nk == 1) {  // one key: no vector to hash and copy
        auto [it, added] = single_index.try_emplace(key_buf_[0], groups_.size());
        gi = it->second;
        fresh = added;
      } else {
        auto [it, added] = index.try_emplace(key_buf_, groups_.size());
        gi = it->second;
        fresh = added;
      }
      if (fresh) {
        Group g;
        g.keys = key_buf_;
        g.first_row = row;
        for (auto& a : aggs_) g.accs.emplace_back(a.expr);
        groups_.push_back(std::move(g));
      }
      if (by_node) {
        group_of_node.emplace(node_id, gi);
        last_node = node_id;
        last_group = gi;
      }
      AddToGroup(gi, row, ctx);
      return true;
    });
    if (groups_.empty() && nk == 0) {
      Group g;
      g.first_row.assign(static_cast<size_t>(*width_), Value());
      for (auto& a : aggs_) g.accs.emplace_back(a.expr);
      groups_.push_back(std::move(g));
    }
  }

  void AddToGroup(size_t gi, Row& row, ExecContext& ctx) {
    int64_t weight = weight_slot_ >= 0 ? row[weight_slot_].as_int() : 1;
    for (size_t i = 0; i < aggs_.size(); ++i) {
      auto& acc = groups_[gi].accs[i];
      if (aggs_[i].expr->kind == Expr::Kind::kFunction && !aggs_[i].expr->children.empty() &&
          aggs_[i].expr->name.rfind("percentile", 0) == 0) {
        Value v = Eval(*aggs_[i].expr->children[0], row, ctx);
        if (!v.is_null()) acc.NoteInt(v.kind() == K::kInt);
      }
      acc.Add(row, ctx, weight);
    }
  }

  const Projection& p_;
  std::vector<AggSpec> aggs_;
  std::vector<ExprPtr> post_;  // null: a grouping key
  const int* width_;
  int weight_slot_;
  bool done_ = false;
  std::vector<Group> groups_;
  std::vector<size_t> key_index_;
  std::vector<Value> key_buf_;
  std::unordered_map<size_t, std::unordered_map<uint64_t, Value>> prop_memo_;
  size_t pos_ = 0;
};

class SortOp : public Unary {
 public:
  SortOp(OpPtr child, const std::vector<SortItem>& items, int64_t top_k)
      : Unary(std::move(child)), items_(items), top_k_(top_k) {}
  std::string Describe() const override {
    std::string s = top_k_ >= 0 ? "Top " + std::to_string(top_k_) : "Sort";
    for (auto& i : items_) s += " " + i.expr->text + (i.descending ? " DESC" : "");
    return s;
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    if (!done_) {
      done_ = true;
      if (top_k_ >= 0) {
        TopK(ctx);
      } else {
        SortAll(ctx);
      }
    }
    if (pos_ >= rows_.size()) return false;
    row = std::move(rows_[pos_++]);
    return true;
  }

 private:
  struct Entry {
    std::vector<Value> keys;
    int64_t seq;  // arrival order: equal keys keep it (a stable sort)
    Row row;
  };
  // ORDER BY's order, then arrival.
  bool Less(const std::vector<Value>& a, int64_t seq_a, const std::vector<Value>& b, int64_t seq_b) const {
    for (size_t i = 0; i < items_.size(); ++i) {
      int c = OrderCompare(a[i], b[i]);
      if (c != 0) return items_[i].descending ? c > 0 : c < 0;
    }
    return seq_a < seq_b;
  }

  void SortAll(ExecContext& ctx) {
    std::vector<Entry> all;
    int64_t seq = 0;
    ConsumeChild(ctx, [&](Row& r) {
      ctx.CheckInterrupt();
      std::vector<Value> keys;
      keys.reserve(items_.size());
      for (auto& i : items_) keys.push_back(Eval(*i.expr, r, ctx));
      all.push_back({std::move(keys), seq++, r});
      return true;
    });
    std::sort(all.begin(), all.end(),
              [&](const Entry& a, const Entry& b) { return Less(a.keys, a.seq, b.keys, b.seq); });
    for (auto& e : all) rows_.push_back(std::move(e.row));
  }

  // ORDER BY ... LIMIT k: a heap of the k first rows so far (its top the
  // last of them); a row that does not beat the top costs one comparison.
  void TopK(ExecContext& ctx) {
    std::vector<Entry> heap;
    auto cmp = [&](const Entry& a, const Entry& b) { return Less(a.keys, a.seq, b.keys, b.seq); };
    std::vector<Value> keys(items_.size());
    int64_t seq = 0;
    const auto k = static_cast<size_t>(top_k_);
    ConsumeChild(ctx, [&](Row& r) {
      ctx.CheckInterrupt();
      for (size_t i = 0; i < items_.size(); ++i) keys[i] = Eval(*items_[i].expr, r, ctx);
      int64_t at = seq++;
      if (heap.size() < k) {
        heap.push_back({keys, at, r});
        std::push_heap(heap.begin(), heap.end(), cmp);
      } else if (k > 0 && Less(keys, at, heap.front().keys, heap.front().seq)) {
        std::pop_heap(heap.begin(), heap.end(), cmp);
        heap.back() = {keys, at, r};
        std::push_heap(heap.begin(), heap.end(), cmp);
      }
      return true;
    });
    std::sort_heap(heap.begin(), heap.end(), cmp);
    for (auto& e : heap) rows_.push_back(std::move(e.row));
  }

  const std::vector<SortItem>& items_;
  int64_t top_k_;
  bool done_ = false;
  std::vector<Row> rows_;
  size_t pos_ = 0;
};

int64_t EvalCount(const Expr& e, ExecContext& ctx, const char* what, int width) {
  Row empty(static_cast<size_t>(width));
  Value v = Eval(e, empty, ctx);
  if (v.kind() != K::kInt) {
    if (v.kind() == K::kFloat && v.as_float() == std::floor(v.as_float()) && false) {}
    ThrowSyntax("InvalidArgumentType", std::string(what) + " must be an integer");
  }
  if (v.as_int() < 0) ThrowSyntax("NegativeIntegerArgument", std::string(what) + " must not be negative");
  return v.as_int();
}

class SkipLimitOp : public Unary {
 public:
  SkipLimitOp(OpPtr child, const Expr* skip, const Expr* limit, int width)
      : Unary(std::move(child)), skip_e_(skip), limit_e_(limit), width_(width) {}
  std::string Describe() const override {
    std::string s;
    if (skip_e_) s += "Skip " + skip_e_->text;
    if (limit_e_) s += std::string(s.empty() ? "" : " ") + "Limit " + limit_e_->text;
    return s;
  }
  bool ForEach(ExecContext& ctx, const std::function<bool(Row&)>& f) override {
    int64_t skip = skip_e_ ? EvalCount(*skip_e_, ctx, "SKIP", width_) : 0;
    int64_t limit = limit_e_ ? EvalCount(*limit_e_, ctx, "LIMIT", width_) : -1;
    if (limit == 0) {
      // Nothing is returned, but an eager child (CREATE) must still run.
      child_->ForEach(ctx, [](Row&) { return false; });
      return true;
    }
    int64_t seen = 0, emitted = 0;
    bool stopped = false;
    child_->ForEach(ctx, [&](Row& r) {
      if (seen++ < skip) return true;
      ++rows_;
      if (!f(r)) {
        stopped = true;
        return false;
      }
      return limit < 0 || ++emitted < limit;
    });
    return !stopped;
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    if (!init_) {
      init_ = true;
      skip_ = skip_e_ ? EvalCount(*skip_e_, ctx, "SKIP", width_) : 0;
      limit_ = limit_e_ ? EvalCount(*limit_e_, ctx, "LIMIT", width_) : -1;
    }
    if (limit_ >= 0 && emitted_ >= limit_) return false;
    while (skipped_ < skip_) {
      if (!child_->Next(row, ctx)) return false;
      ++skipped_;
    }
    if (!child_->Next(row, ctx)) return false;
    ++emitted_;
    return true;
  }

 private:
  const Expr* skip_e_;
  const Expr* limit_e_;
  int width_;
  bool init_ = false;
  int64_t skip_ = 0, limit_ = -1, skipped_ = 0, emitted_ = 0;
};

// Drops everything but the projected slots (so later DISTINCT/aggregation
// and memory see only what is in scope).
class ScopeOp : public Unary {
 public:
  ScopeOp(OpPtr child, std::vector<int> keep)
      : Unary(std::move(child)), keep_(std::move(keep)) {}
  std::string Describe() const override { return "Scope"; }
  bool ForEach(ExecContext& ctx, const std::function<bool(Row&)>& f) override {
    return child_->ForEach(ctx, [&](Row& in) {
      Row out(in.size());
      for (int s : keep_) out[s] = in[s];
      ++rows_;
      return f(out);
    });
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    Row in;
    if (!child_->Next(in, ctx)) return false;
    row.assign(in.size(), Value());
    for (int s : keep_) row[s] = std::move(in[s]);
    return true;
  }

 private:
  std::vector<int> keep_;
};

// ---- CREATE --------------------------------------------------------------

graph::Properties Props(const ExprPtr& e, Row& row, ExecContext& ctx) {
    graph::Properties props;
    if (!e) return props;
    Value m = Eval(*e, row, ctx);
    if (m.is_null()) return props;
    if (m.kind() != K::kMap) ThrowType("InvalidArgumentType", "properties must be a map");
    for (auto& [k, v] : m.as_map()) {
      if (v.is_null()) continue;
      props[k] = ToProperty(v);
    }
    return props;
  }

// Creates the nodes (not already bound) and relationships of `parts` for one row.
void CreatePatterns(const std::vector<PatternPart>& parts, Row& row, ExecContext& ctx) {
    std::unordered_set<int> created;
    for (auto& p : parts) {
      std::vector<uint64_t> ids;
      for (auto& n : p.nodes) {
        bool exists = n.bound || created.count(n.slot);
        if (exists) {
          const Value& v = row[n.slot];
          if (v.kind() != K::kNode)
            ThrowError("SemanticError", "CreateNodeOnNull", "cannot create a relationship to a null node");
          ids.push_back(v.as_node().id);
          continue;
        }
        auto props = Props(n.properties, row, ctx);
        auto id = ctx.graph().CreateNode(n.labels, props);
        if (!id.ok()) ThrowError("StorageError", "", id.status().ToString());
        ctx.counters().nodes_created++;
        ctx.counters().labels_added += static_cast<int64_t>(n.labels.size());
        ctx.counters().properties_set += static_cast<int64_t>(props.size());
        row[n.slot] = ExecContext::NodeRef(*id);
        created.insert(n.slot);
        ids.push_back(*id);
      }
      PathValue path;
      path.nodes.push_back(ExecContext::NodeRef(ids[0]).as_node());
      for (size_t j = 0; j < p.rels.size(); ++j) {
        const RelPattern& r = p.rels[j];
        uint64_t a = ids[j], b = ids[j + 1];
        if (r.direction == RelPattern::Direction::kIn) std::swap(a, b);
        auto props = Props(r.properties, row, ctx);
        auto id = ctx.graph().CreateEdge(a, b, r.types[0], props);
        if (!id.ok()) ThrowError("StorageError", "", id.status().ToString());
        ctx.counters().relationships_created++;
        ctx.counters().properties_set += static_cast<int64_t>(props.size());
        RelationshipValue rv;
        rv.id = *id;
        rv.source = a;
        rv.target = b;
        rv.type = r.types[0];
        Value rel = Value::Relationship(rv);
        row[r.slot] = rel;
        path.relationships.push_back(rel.as_relationship());
        path.nodes.push_back(ExecContext::NodeRef(ids[j + 1]).as_node());
      }
      if (p.path_slot >= 0) row[p.path_slot] = Value::Path(std::move(path));
    }
  }


class CreateOp : public Unary {
 public:
  CreateOp(OpPtr child, const Clause& c) : Unary(std::move(child)), c_(c) {}
  std::string Describe() const override {
    size_t n = 0, r = 0;
    for (auto& p : c_.patterns) { n += p.nodes.size(); r += p.rels.size(); }
    return "Create " + std::to_string(n) + " node pattern(s), " + std::to_string(r) + " relationship(s)";
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    if (!done_) {
      done_ = true;
      std::vector<Row> in;
      ConsumeChild(ctx, [&](Row& r) {
        in.push_back(r);
        return true;
      });
      for (auto& x : in) {
        CreatePatterns(c_.patterns, x, ctx);
        out_.push_back(std::move(x));
      }
    }
    if (pos_ >= out_.size()) return false;
    row = std::move(out_[pos_++]);
    return true;
  }

 private:
  const Clause& c_;
  bool done_ = false;
  std::vector<Row> out_;
  size_t pos_ = 0;
};

// ---- SET / REMOVE ----------------------------------------------------------

[[noreturn]] void ThrowStorage(const Status& s, const std::string& what) {
  if (s.IsNotFound())
    ThrowError("EntityNotFound", "DeletedEntityAccess", what + ": " + s.ToString());
  if (s.code() == Status::Code::kNotSupported)
    ThrowError("NotSupported", "", what + ": " + s.message() +
                                       " (extracted entities follow their documents: see kg retract)");
  ThrowError("StorageError", "", what + ": " + s.ToString());
}

ValueMap PropertiesOf(const Value& v, ExecContext& ctx) {
  switch (v.kind()) {
    case K::kMap: return v.as_map();
    case K::kNode: return *ctx.LoadNode(v).properties;
    case K::kRelationship: return *ctx.LoadRel(v).properties;
    default:
      ThrowType("InvalidArgumentType", std::string("SET ... = needs a map, node or relationship, not a ") +
                                           Value::KindName(v.kind()));
  }
}

// Applies SET / REMOVE items to one row, in order: each item's write is in
// the store before the next item is evaluated.
void ApplySetItems(const std::vector<SetItem>& items, Row& row, ExecContext& ctx) {
  for (const SetItem& si : items) {
    Value target = Eval(*si.target, row, ctx);
    if (target.is_null()) continue;
    bool node = target.kind() == K::kNode;
    if (!node && target.kind() != K::kRelationship)
      ThrowType("InvalidArgumentType", "SET and REMOVE need a node or relationship, not a " +
                                           std::string(Value::KindName(target.kind())));
    if (!node && (si.kind == SetItem::Kind::kAddLabels || si.kind == SetItem::Kind::kRemoveLabels))
      ThrowType("InvalidArgumentType", "a relationship has no labels");
    uint64_t id = node ? target.as_node().id : target.as_relationship().id;
    graph::Properties props;
    std::vector<std::string> labels;
    if (node) {
      auto rec = ctx.graph().GetNode(id);
      if (!rec.ok()) ThrowStorage(rec.status(), "SET");
      props = std::move(rec->properties);
      labels = std::move(rec->labels);
    } else {
      auto rec = ctx.graph().GetEdge(id);
      if (!rec.ok()) ThrowStorage(rec.status(), "SET");
      props = std::move(rec->properties);
    }
    QueryCounters& n = ctx.counters();
    auto put = [&](const std::string& key, const Value& v) {
      if (v.is_null()) {
        if (props.erase(key)) ++n.properties_set;
        return;
      }
      props[key] = ToProperty(v);
      ++n.properties_set;
    };
    switch (si.kind) {
      case SetItem::Kind::kSetProperty: put(si.key, Eval(*si.value, row, ctx)); break;
      case SetItem::Kind::kReplaceProperties:
      case SetItem::Kind::kMergeProperties: {
        Value v = Eval(*si.value, row, ctx);
        ValueMap m = v.is_null() ? ValueMap{} : PropertiesOf(v, ctx);
        if (si.kind == SetItem::Kind::kReplaceProperties) {
          for (auto& [k, old] : props)
            if (!m.count(k)) ++n.properties_set;
          props.clear();
        }
        for (auto& [k, x] : m) put(k, x);
        break;
      }
      case SetItem::Kind::kAddLabels:
        for (auto& l : si.labels) {
          if (std::find(labels.begin(), labels.end(), l) != labels.end()) continue;
          labels.push_back(l);
          ++n.labels_added;
        }
        break;
      case SetItem::Kind::kRemoveProperty:
        if (props.erase(si.key)) ++n.properties_set;
        break;
      case SetItem::Kind::kRemoveLabels:
        for (auto& l : si.labels) {
          auto it = std::find(labels.begin(), labels.end(), l);
          if (it == labels.end()) continue;
          labels.erase(it);
          ++n.labels_removed;
        }
        break;
    }
    Status st = node ? ctx.graph().UpdateNode(id, labels, props) : ctx.graph().UpdateEdge(id, props);
    if (!st.ok()) ThrowStorage(st, "SET");
    ctx.Invalidate();
  }
}

// An eager updating operator: reads all its input, applies `Apply` to each
// row in order, then yields the rows.
class UpdateOp : public Unary {
 public:
  UpdateOp(OpPtr child, const Clause& c) : Unary(std::move(child)), c_(c) {}

 protected:
  virtual void Apply(std::vector<Row>& rows, ExecContext& ctx) = 0;
  bool DoNext(Row& row, ExecContext& ctx) override {
    if (!done_) {
      done_ = true;
      ConsumeChild(ctx, [&](Row& r) {
        out_.push_back(r);
        return true;
      });
      Apply(out_, ctx);
    }
    if (pos_ >= out_.size()) return false;
    row = std::move(out_[pos_++]);
    return true;
  }
  const Clause& c_;

 private:
  bool done_ = false;
  std::vector<Row> out_;
  size_t pos_ = 0;
};

class SetOp : public UpdateOp {
 public:
  using UpdateOp::UpdateOp;
  std::string Describe() const override {
    return std::string(c_.kind == Clause::Kind::kSet ? "Set" : "Remove") + " " +
           std::to_string(c_.set_items.size()) + " item(s)";
  }

 protected:
  void Apply(std::vector<Row>& rows, ExecContext& ctx) override {
    for (auto& r : rows) ApplySetItems(c_.set_items, r, ctx);
  }
};

// ---- DELETE ----------------------------------------------------------------

[[noreturn]] void RefuseExtracted(const std::string& what, uint64_t id, const Status& why, const Clause& c) {
  ThrowError("NotSupported", "DeleteExtractedClaim",
             "cannot delete " + what + " " + std::to_string(id) + ": " + why.message() +
                 ". Extracted claims keep their provenance: remove a document's claims with "
                 "`kg retract DOCUMENT` (curate the source and ingest it again to change them); "
                 "Cypher deletes only what CREATE or MERGE made",
             c.line, c.column);
}

class DeleteOp : public UpdateOp {
 public:
  using UpdateOp::UpdateOp;
  std::string Describe() const override {
    return std::string(c_.detach ? "DetachDelete " : "Delete ") + std::to_string(c_.exprs.size()) + " item(s)";
  }

 protected:
  void Apply(std::vector<Row>& rows, ExecContext& ctx) override {
    // Everything this clause deletes, gathered first: nothing is deleted when
    // one of them may not be.
    std::set<uint64_t> nodes, rels;
    std::function<void(const Value&)> add = [&](const Value& v) {
      switch (v.kind()) {
        case K::kNull: return;
        case K::kNode: nodes.insert(v.as_node().id); return;
        case K::kRelationship: rels.insert(v.as_relationship().id); return;
        case K::kPath:
          for (auto& n : v.as_path().nodes) nodes.insert(n.id);
          for (auto& r : v.as_path().relationships) rels.insert(r.id);
          return;
        case K::kList:
          for (auto& x : v.as_list()) add(x);
          return;
        default:
          ThrowType("InvalidArgumentType", std::string("DELETE needs a node, relationship or path, not a ") +
                                               Value::KindName(v.kind()));
      }
    };
    for (auto& r : rows)
      for (auto& e : c_.exprs) add(Eval(*e, r, ctx));
    graph::Graph& g = ctx.graph();
    for (uint64_t n : nodes) {
      for (bool out : {true, false}) {
        auto cur = out ? g.OutEdges(n) : g.InEdges(n);
        for (; cur->Valid(); cur->Next()) {
          if (rels.count(cur->edge().id)) continue;
          if (!c_.detach)
            ThrowError("ConstraintVerificationFailed", "DeleteConnectedNode",
                       "cannot delete node " + std::to_string(n) +
                           ": it still has relationships (DETACH DELETE removes them too)",
                       c_.line, c_.column);
          rels.insert(cur->edge().id);
        }
        if (!cur->status().ok()) ThrowStorage(cur->status(), "DELETE");
      }
      auto docs = g.NodeDocumentCount(n);
      if (docs.ok() && *docs > 0)
        RefuseExtracted("node", n, Status::NotSupported("it is an entity mentioned in " + std::to_string(*docs) +
                                                        " document(s)"), c_);
    }
    for (uint64_t r : rels) {
      auto e = g.GetEdge(r);
      if (!e.ok()) continue;  // already deleted
      auto prov = g.EdgeProvenance(r);
      if (!prov.ok()) ThrowStorage(prov.status(), "DELETE");
      std::set<std::string> docs;
      for (auto& p : *prov)
        if (p.document_id != "manual") docs.insert(p.document_id);
      if (!docs.empty())
        RefuseExtracted("relationship", r, Status::NotSupported("it is a claim extracted from " +
                                                                std::to_string(docs.size()) + " document(s), e.g. " +
                                                                *docs.begin()), c_);
    }
    for (uint64_t r : rels) {
      Status st = g.DeleteEdge(r);
      if (st.IsNotFound()) continue;
      if (!st.ok()) ThrowStorage(st, "DELETE");
      ctx.counters().relationships_deleted++;
    }
    for (uint64_t n : nodes) {
      Status st = g.DeleteNode(n);
      if (st.IsNotFound()) continue;
      if (!st.ok()) ThrowStorage(st, "DELETE");
      ctx.counters().nodes_deleted++;
    }
    ctx.Invalidate();
  }
};

// MERGE: per input row, the matches of the pattern, or (when there are none)
// the pattern created. Rows are handled in order, so a later row sees what an
// earlier one created.
class MergeOp : public Unary {
 public:
  MergeOp(OpPtr child, const Clause& c) : Unary(std::move(child)), c_(c) {}
  std::string Describe() const override { return "Merge [" + DescribeAccess(c_.patterns[0]) + "]"; }

 protected:
  // MERGE ({x: null}) could never match what it creates.
  void CheckNoNullProperties(Row& row, ExecContext& ctx) {
    auto check = [&](const ExprPtr& e) {
      if (!e) return;
      Value m = Eval(*e, row, ctx);
      if (m.kind() != K::kMap) return;
      for (auto& [k, v] : m.as_map())
        if (v.is_null())
          ThrowError("SemanticError", "MergeReadOwnWrites",
                     "MERGE cannot use null for property `" + k + "`: what it creates would not match",
                     c_.line, c_.column);
    };
    for (auto& p : c_.patterns) {
      for (auto& n : p.nodes) if (!n.bound) check(n.properties);
      for (auto& r : p.rels) check(r.properties);
    }
  }

  bool DoNext(Row& row, ExecContext& ctx) override {
    if (!done_) {
      done_ = true;
      std::vector<Row> in;
      ConsumeChild(ctx, [&](Row& r) {
        in.push_back(r);
        return true;
      });
      for (auto& x : in) {
        CheckNoNullProperties(x, ctx);
        size_t first = out_.size();
        MatchPatterns(c_.patterns, x, ctx, [&](Row& r) {
          out_.push_back(r);
          return true;
        });
        if (out_.size() > first) {
          for (size_t k = first; k < out_.size(); ++k) ApplySetItems(c_.on_match, out_[k], ctx);
        } else {
          CreatePatterns(c_.patterns, x, ctx);
          ctx.Invalidate();
          ApplySetItems(c_.on_create, x, ctx);
          out_.push_back(std::move(x));
        }
      }
    }
    if (pos_ >= out_.size()) return false;
    row = std::move(out_[pos_++]);
    return true;
  }

 private:
  const Clause& c_;
  bool done_ = false;
  std::vector<Row> out_;
  size_t pos_ = 0;
};

class UnionOp : public Operator {
 public:
  UnionOp(std::vector<OpPtr> parts, bool all, std::vector<int> slots)
      : parts_(std::move(parts)), all_(all), slots_(std::move(slots)) {}
  std::string Describe() const override { return all_ ? "UnionAll" : "Union"; }
  std::vector<const Operator*> Children() const override {
    std::vector<const Operator*> c;
    for (auto& p : parts_) c.push_back(p.get());
    return c;
  }

 protected:
  bool DoNext(Row& row, ExecContext& ctx) override {
    while (cur_ < parts_.size()) {
      if (!parts_[cur_]->Next(row, ctx)) { ++cur_; continue; }
      if (all_) return true;
      std::vector<Value> key;
      for (int s : slots_) key.push_back(row[s]);
      if (seen_.insert(key).second) return true;
    }
    return false;
  }

 private:
  struct Eq {
    bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const { return a == b; }
  };
  std::vector<OpPtr> parts_;
  bool all_;
  std::vector<int> slots_;
  size_t cur_ = 0;
  std::unordered_set<std::vector<Value>, RowHash, Eq> seen_;
};

// ---- Planner -------------------------------------------------------------

class Planner {
 public:
  explicit Planner(BoundQuery& bound) : bound_(bound) {}

  OpPtr PlanSingle(SingleQuery& sq, const Row* argument = nullptr) {
    OpPtr op = argument ? OpPtr(std::make_unique<Argument>(argument, &bound_.num_slots))
                        : OpPtr(std::make_unique<Once>(&bound_.num_slots));
    for (size_t i = 0; i < sq.clauses.size(); ++i) {
      Clause& c = sq.clauses[i];
      if (i + 1 < sq.clauses.size()) {
        if (auto count = CountPushdown(c, sq.clauses[i + 1])) {
          Projection& p = sq.clauses[i + 1].projection;
          std::string key_property;
          int key_slot = -1;
          std::vector<int> count_slots;
          if (GroupedInScan(*count, p, &key_property, &key_slot, &count_slots)) {
            bool descending = false;
            int64_t top_k = TopCounts(p, count_slots, &descending);
            op = std::make_unique<DegreeGroupCountOp>(std::move(op), *count, key_property, key_slot,
                                                      count_slots, &bound_.num_slots, top_k, descending);
            op = PlanProjection(std::move(op), p, /*aggregated=*/true);
            ++i;  // the projection is planned
            continue;
          }
          count->weight_slot = bound_.num_slots++;
          weight_slot_ = count->weight_slot;
          bool by_scan = !count->node->bound && !NameLookup(*count->node);
          if (by_scan) op = std::make_unique<DegreeScanOp>(std::move(op), *count);
          else op = std::make_unique<DegreeCountOp>(std::move(op), *count);
          continue;
        }
      }
      op = PlanClause(std::move(op), c);
    }
    return op;
  }

 private:
  static bool OnlyCountStar(const ExprPtr& e) {
    if (!e) return true;
    if (e->kind == Expr::Kind::kCountStar) return true;
    if (e->is_aggregate) return false;
    for (auto& ch : e->children)
      if (!OnlyCountStar(ch)) return false;
    return true;
  }

  // MATCH (a ...)-[:T]->() followed by WITH/RETURN ... count(*): see
  // DegreeCount. Only when nothing but the number of matches is used: the
  // relationship and the far node are anonymous or never read, carry no
  // labels or properties, there is no WHERE, and count(*) is the only
  // aggregate.
  // Whether DegreeGroupCountOp can do the aggregation of `p` over the
  // counts of `count`: a scan over every (labelled) node in one direction,
  // and items that are count(*) or at most one key a.p.
  static bool GroupedInScan(const DegreeCount& count, const Projection& p, std::string* key_property,
                            int* key_slot, std::vector<int>* count_slots) {
    const NodePattern& n = *count.node;
    if (n.bound || NameLookup(n) || count.both || n.labels.size() > 1 || n.properties) return false;
    for (auto& item : p.items) {
      const Expr& e = *item.expr;
      if (e.kind == Expr::Kind::kCountStar) {
        count_slots->push_back(item.slot);
      } else if (e.kind == Expr::Kind::kProperty && e.children[0]->kind == Expr::Kind::kVariable &&
                 e.children[0]->slot == n.slot && *key_slot < 0) {
        *key_property = e.name;
        *key_slot = item.slot;
      } else {
        return false;
      }
    }
    return true;
  }

  // ORDER BY <a count> [DESC] [SKIP s] LIMIT k with literals: s + k, the
  // groups the sort can keep (-1: not that shape).
  static int64_t TopCounts(const Projection& p, const std::vector<int>& count_slots, bool* descending) {
    if (p.order.size() != 1 || p.where || !p.limit) return -1;
    const Expr& key = *p.order[0].expr;
    if (key.kind != Expr::Kind::kVariable ||
        std::find(count_slots.begin(), count_slots.end(), key.slot) == count_slots.end())
      return -1;
    auto literal = [](const ExprPtr& e) {
      return e && e->kind == Expr::Kind::kLiteral && e->value.kind() == K::kInt && e->value.as_int() >= 0
                 ? e->value.as_int()
                 : int64_t{-1};
    };
    int64_t limit = literal(p.limit), skip = p.skip ? literal(p.skip) : 0;
    if (limit < 0 || skip < 0) return -1;
    *descending = p.order[0].descending;
    return limit + skip;
  }

  static std::optional<DegreeCount> CountPushdown(const Clause& match, const Clause& next) {
    if (match.kind != Clause::Kind::kMatch || match.optional || match.where || match.patterns.size() != 1)
      return std::nullopt;
    if (next.kind != Clause::Kind::kWith && next.kind != Clause::Kind::kReturn) return std::nullopt;
    const Projection& p = next.projection;
    if (!p.aggregates) return std::nullopt;
    for (auto& item : p.items)
      if (!OnlyCountStar(item.expr)) return std::nullopt;
    const PatternPart& part = match.patterns[0];
    if (part.shortest || !part.path_variable.empty() || part.nodes.size() != 2 || part.rels.size() != 1)
      return std::nullopt;
    const RelPattern& r = part.rels[0];
    if (r.var_length || r.bound || r.properties || (!r.variable.empty() && r.used)) return std::nullopt;
    auto free = [](const NodePattern& n) {
      return !n.bound && n.labels.empty() && !n.properties && (n.variable.empty() || !n.used);
    };
    if (part.nodes[0].slot == part.nodes[1].slot) return std::nullopt;  // (a)-->(a)
    size_t counted;
    if (free(part.nodes[1])) counted = 0;
    else if (free(part.nodes[0])) counted = 1;
    else return std::nullopt;
    DegreeCount spec;
    spec.node = &part.nodes[counted];
    spec.types = r.types;
    spec.both = r.direction == RelPattern::Direction::kBoth;
    bool out = r.direction == RelPattern::Direction::kOut;
    if (counted == 1) out = !out;
    spec.direction = out ? graph::EdgeDirection::kOut : graph::EdgeDirection::kIn;
    return spec;
  }
  static void PatternSlots(const PatternPart& p, std::vector<int>* out) {
    for (auto& n : p.nodes) if (!n.bound) out->push_back(n.slot);
    for (auto& r : p.rels) if (!r.bound) out->push_back(r.slot);
    if (p.path_slot >= 0) out->push_back(p.path_slot);
  }

  OpPtr PlanClause(OpPtr op, Clause& c) {
    switch (c.kind) {
      case Clause::Kind::kMatch: {
        std::vector<int> slots;
        for (auto& p : c.patterns) PatternSlots(p, &slots);
        return std::make_unique<MatchOp>(std::move(op), c, slots);
      }
      case Clause::Kind::kUnwind: return std::make_unique<UnwindOp>(std::move(op), c);
      case Clause::Kind::kCreate: return std::make_unique<CreateOp>(std::move(op), c);
      case Clause::Kind::kMerge: return std::make_unique<MergeOp>(std::move(op), c);
      case Clause::Kind::kSet:
      case Clause::Kind::kRemove: return std::make_unique<SetOp>(std::move(op), c);
      case Clause::Kind::kDelete: return std::make_unique<DeleteOp>(std::move(op), c);
      case Clause::Kind::kWith:
      case Clause::Kind::kReturn: return PlanProjection(std::move(op), c.projection);
      case Clause::Kind::kUnsupported: break;
    }
    ThrowError("NotSupported", "", "unsupported clause");
  }

  // Replaces aggregate calls in `e` with variables reading hidden slots.
  ExprPtr ExtractAggregates(const ExprPtr& e, std::vector<AggSpec>* aggs) {
    if (!e) return e;
    if (e->is_aggregate || e->kind == Expr::Kind::kCountStar) {
      int slot = bound_.num_slots++;
      aggs->push_back({e.get(), slot});
      auto v = std::make_shared<Expr>();
      v->kind = Expr::Kind::kVariable;
      v->slot = slot;
      v->text = e->text;
      return v;
    }
    auto copy = std::make_shared<Expr>(*e);
    for (auto& ch : copy->children) ch = ExtractAggregates(ch, aggs);
    return copy;
  }

  static bool HasAggregate(const ExprPtr& e) {
    if (!e) return false;
    if (e->is_aggregate || e->kind == Expr::Kind::kCountStar) return true;
    for (auto& ch : e->children) if (HasAggregate(ch)) return true;
    return false;
  }

  // `aggregated`: `op` already yields the projection's rows (one per group).
  OpPtr PlanProjection(OpPtr op, Projection& p, bool aggregated = false) {
    std::vector<int> keep;
    for (auto& i : p.items) keep.push_back(i.slot);
    if (aggregated) {
      if (p.distinct) op = std::make_unique<DistinctOp>(std::move(op), keep);
    } else if (p.aggregates) {
      std::vector<AggSpec> aggs;
      std::vector<ExprPtr> post;
      for (auto& i : p.items) post.push_back(HasAggregate(i.expr) ? ExtractAggregates(i.expr, &aggs) : nullptr);
      op = std::make_unique<AggregateOp>(std::move(op), p, std::move(aggs), std::move(post), &bound_.num_slots,
                                         weight_slot_);
      weight_slot_ = -1;
      if (p.distinct) op = std::make_unique<DistinctOp>(std::move(op), keep);
    } else {
      op = std::make_unique<ProjectOp>(std::move(op), p);
      if (p.distinct) op = std::make_unique<DistinctOp>(std::move(op), keep);
    }
    if (!p.order.empty()) {
      int64_t top_k = -1;
      if (p.limit && p.limit->kind == Expr::Kind::kLiteral && p.limit->value.kind() == K::kInt) {
        top_k = p.limit->value.as_int();
        if (p.skip && p.skip->kind == Expr::Kind::kLiteral && p.skip->value.kind() == K::kInt)
          top_k += p.skip->value.as_int();
        else if (p.skip)
          top_k = -1;
      }
      op = std::make_unique<SortOp>(std::move(op), p.order, top_k);
    }
    if (p.skip || p.limit)
      op = std::make_unique<SkipLimitOp>(std::move(op), p.skip.get(), p.limit.get(), bound_.num_slots);
    if (p.where) op = std::make_unique<FilterOp>(std::move(op), *p.where);
    op = std::make_unique<ScopeOp>(std::move(op), keep);
    return op;
  }

  BoundQuery& bound_;
  int weight_slot_ = -1;  // set by a DegreeCount, read by the next aggregation
};

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

std::string PlanText(const Operator& root, bool profile) {
  std::string out;
  PlanTextRec(root, profile, 0, &out);
  return out;
}

OpPtr PlanSubquery(SingleQuery& subquery, BoundQuery& bound, const Row* argument) {
  Planner planner(bound);
  return planner.PlanSingle(subquery, argument);
}

OpPtr Plan(Query& query, BoundQuery& bound) {
  Planner planner(bound);
  if (query.parts.size() == 1) return planner.PlanSingle(query.parts[0]);
  std::vector<OpPtr> parts;
  for (auto& sq : query.parts) parts.push_back(planner.PlanSingle(sq));
  bool all = std::all_of(query.union_all.begin(), query.union_all.end(), [](bool b) { return b; });
  return std::make_unique<UnionOp>(std::move(parts), all, bound.column_slots);
}

}  // namespace kg::query_lang
