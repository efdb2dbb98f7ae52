// Counting relationships without visiting them (see degree.h).
#include "query-lang/operators/degree.h"

#include <algorithm>
#include <exception>
#include <thread>
#include <unordered_map>

#include "common/relations.h"
#include "query-lang/eval.h"
#include "query-lang/matcher.h"
#include "query-lang/string_groups.h"
#include "query-lang/temporal.h"

namespace kg::query_lang {
namespace {

// The number of relationships of `spec` at node `id`, counted as the
// matcher would match them. From a start node the matcher expands as
// ForEachEdge does: relations stored once but holding both ways (speak_with)
// match a directed pattern against their direction too (`symmetric`), and
// so does the relationship scan of a pattern whose ends are both free.
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
 protected:
  bool Run(ExecContext& ctx, const RowSink& sink) override {
    bool go_on = true;
    child_->Produce(ctx, [&](Row& in) {
      go_on = Expand(in, ctx, [&](Row& r) { return Emit(ctx, sink, r); });
      return go_on;
    });
    return go_on;
  }

 private:

  bool Expand(Row& in, ExecContext& ctx, const std::function<bool(Row&)>& f) {
    if (!counter_.Prepare(ctx)) return true;
    const BoundNode& n = *spec_.node;
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
};

// Degree counts of every node at once: one scan of the stored counts in
// node order, merged with a scan of the node records when labels or
// properties must be checked or the node is read later (so its record is
// not read again, one point read per node).
class DegreeScanOp : public Unary {
 public:
  DegreeScanOp(OpPtr child, DegreeCount spec)
      : Unary(std::move(child)), spec_(std::move(spec)), counter_(spec_, /*symmetric=*/true) {}
 protected:
  bool Run(ExecContext& ctx, const RowSink& sink) override {
    bool go_on = true;
    child_->Produce(ctx, [&](Row& in) {
      go_on = Scan(in, ctx, [&](Row& r) { return Emit(ctx, sink, r); });
      return go_on;
    });
    return go_on;
  }

 private:
  bool NeedRecords() const {
    const BoundNode& n = *spec_.node;
    return !n.labels.empty() || n.properties || (!n.variable.empty() && n.used);
  }

  bool Scan(Row& in, ExecContext& ctx, const std::function<bool(Row&)>& f) {
    if (!counter_.Prepare(ctx)) return true;
    if (!counter_.PlainDirection()) {
      // Undirected, or a relation holding both ways: node by node.
      const BoundNode& n = *spec_.node;
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
    const BoundNode& n = *spec_.node;
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
 protected:
  bool Run(ExecContext& ctx, const RowSink& sink) override {
    Consume(ctx);
    Row row(static_cast<size_t>(*width_));
    for (size_t g = 0; g < main_.order.size(); ++g) {
      ctx.CheckInterrupt();
      Fill(g, row);
      if (!Emit(ctx, sink, row)) return false;
    }
    return true;
  }

 private:
  // Group g (in the order first met) into its row.
  void Fill(size_t g, Row& row) const {
    auto [is_string, i] = main_.order[g];
    if (!key_property_.empty())
      row[key_slot_] = is_string ? Value::String(std::string(main_.by_string.key(i))) : main_.value_key[i];
    for (int s : count_slots_) row[s] = Value::Int(main_.Count(g));
  }

  void Consume(ExecContext& ctx) {
    main_ = Groups();
    child_->Produce(ctx, [&](Row&) {
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
        if (is_string) AddString(other.by_string.key(i), other.string_counts[i]);
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
    const BoundNode& n = *spec_.node;
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
    // (Their bytes are copied into one small buffer: a record's text is
    // valid only until the cursor moves.)
    std::string bytes;
    size_t ends[kBatch];
    int64_t counts[kBatch];
    uint64_t hashes[kBatch];
    size_t batched = 0;
    auto text_of = [&](size_t i) {
      size_t begin = i ? ends[i - 1] : 0;
      return std::string_view(bytes).substr(begin, ends[i] - begin);
    };
    auto flush = [&] {
      for (size_t i = 0; i < batched; ++i) {
        hashes[i] = StringGroups::Hash(text_of(i));
        part->by_string.Prefetch(hashes[i]);
      }
      for (size_t i = 0; i < batched; ++i) part->AddString(text_of(i), hashes[i], counts[i]);
      batched = 0;
      bytes.clear();
    };
    int64_t total = 0;  // no key: one group
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
      if (key_property_.empty()) {
        total += count;
        continue;
      }
      std::string_view text;
      if (records->PropertyText(key_property_, &text) &&
          !(!text.empty() && text.front() == temporal::kPropertyTag[0])) {
        bytes.append(text.data(), text.size());
        ends[batched] = bytes.size();
        counts[batched] = count;
        if (++batched == kBatch) flush();
      } else {
        flush();  // groups keep the order their nodes come in
        part->AddValue(FromProperty(records->Property(key_property_)), count);
      }
    }
    flush();
    if (key_property_.empty() && total > 0) part->AddValue(Value(), total);
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
  Groups main_;
};

}  // namespace

OpPtr MakeDegreeCount(OpPtr child, DegreeCount spec) {
  return std::make_unique<DegreeCountOp>(std::move(child), std::move(spec));
}

OpPtr MakeDegreeScan(OpPtr child, DegreeCount spec) {
  return std::make_unique<DegreeScanOp>(std::move(child), std::move(spec));
}

OpPtr MakeDegreeGroupCount(OpPtr child, DegreeCount spec, std::string key_property, int key_slot,
                           std::vector<int> count_slots, const int* width, int64_t top_k,
                           bool descending) {
  return std::make_unique<DegreeGroupCountOp>(std::move(child), std::move(spec), std::move(key_property),
                                              key_slot, std::move(count_slots), width, top_k, descending);
}

}  // namespace kg::query_lang
