// Counting relationships without visiting them (see degree.h).
#include "query-lang/operators/degree.h"

#include <algorithm>
#include <exception>
#include <functional>
#include <memory>
#include <thread>
#include <unordered_map>

#include "common/relations.h"
#include "graph/node_column.h"
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
// key from a column of a.p the graph keeps (graph/node_column.h: a code per
// node, counted into an array indexed by code), or else from the node's
// record (one property decoded, no node value made, groups in a hash table
// on the key). When no column is kept and most nodes have a count, the
// graph is asked to make one (one scan of the node records instead of the
// merged scan below; later queries then read no record). Rows are made per
// group, not per node or relationship.
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

  std::string ProfileNote() const override {
    if (key_property_.empty()) return "";
    std::string key = (spec_.node->variable.empty() ? "_" : spec_.node->variable) + "." + key_property_;
    switch (keys_from_) {
      case KeysFrom::kNone: return "";
      case KeysFrom::kKeptColumn: return "keys from the graph's kept column of " + key;
      case KeysFrom::kMadeColumn: return "keys from a column of " + key + " made now from the node records (kept)";
      case KeysFrom::kMadeColumnNotKept:
        return "keys from a column of " + key + " made now from the node records (not kept)";
      case KeysFrom::kRecords: return "keys from the node records";
    }
    return "";
  }

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
  enum class KeysFrom { kNone, kKeptColumn, kMadeColumn, kMadeColumnNotKept, kRecords };

  // Group g (in the order first met) into its row.
  void Fill(size_t g, Row& row) const {
    auto [kind, i] = main_.order[g];
    if (!key_property_.empty()) {
      switch (kind) {
        case GroupKind::kString: row[key_slot_] = Value::String(std::string(main_.by_string.key(i))); break;
        case GroupKind::kValue: row[key_slot_] = main_.value_key[i]; break;
        case GroupKind::kCode: row[key_slot_] = Value::String(std::string(main_.column->text(static_cast<uint32_t>(i)))); break;
      }
    }
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
      // The k first groups by (count, order met), in one pass with a heap
      // of k whose top is the last of them.
      auto first = [&](size_t a, size_t b) {
        int64_t ca = main_.Count(a), cb = main_.Count(b);
        if (ca != cb) return descending_ ? ca > cb : ca < cb;
        return a < b;
      };
      auto k = static_cast<size_t>(top_k_);
      std::vector<size_t> heap;
      heap.reserve(k + 1);
      for (size_t g = 0; g < main_.order.size() && k > 0; ++g) {
        if (heap.size() == k) {
          if (!first(g, heap.front())) continue;
          std::pop_heap(heap.begin(), heap.end(), first);
          heap.pop_back();
        }
        heap.push_back(g);
        std::push_heap(heap.begin(), heap.end(), first);
      }
      std::sort_heap(heap.begin(), heap.end(), first);
      std::vector<std::pair<GroupKind, size_t>> kept;
      for (size_t g : heap) kept.push_back(main_.order[g]);
      main_.order = std::move(kept);
    }
  }

  struct ValueEq {
    bool operator()(const Value& a, const Value& b) const { return a == b; }
  };

  // A group's key: a plain string (in by_string), any other value (in
  // by_value: null, numbers, lists, temporal values), or the code of a
  // string in `column` (never together with kString groups: one string
  // would be two groups).
  enum class GroupKind { kString, kValue, kCode };

  // The groups of one range of nodes, in the order first met: (kind, index
  // into the string groups, the other keys or the column's codes).
  struct Groups {
    std::vector<std::pair<GroupKind, size_t>> order;
    StringGroups by_string;
    std::vector<int64_t> string_counts;
    std::unordered_map<Value, size_t, ValueHash, ValueEq> by_value;
    std::vector<Value> value_key;
    std::vector<int64_t> value_counts;
    // Code groups: the count of each code (0: not met), or for a string
    // that holds a temporal value (a value group), -1 - its value group.
    std::shared_ptr<const graph::NodeColumn> column;
    std::vector<int64_t> code_counts;

    int64_t Count(size_t g) const {
      auto [kind, i] = order[g];
      switch (kind) {
        case GroupKind::kString: return string_counts[i];
        case GroupKind::kValue: return value_counts[i];
        case GroupKind::kCode: return code_counts[i];
      }
      return 0;
    }
    size_t AddValueGroup(const Value& key) {
      order.emplace_back(GroupKind::kValue, value_key.size());
      value_key.push_back(key);
      value_counts.push_back(0);
      return value_key.size() - 1;
    }
    void AddString(std::string_view key, int64_t count) { AddString(key, StringGroups::Hash(key), count); }
    void AddString(std::string_view key, uint64_t hash, int64_t count) {
      bool added;
      size_t i = by_string.Find(key, hash, &added);
      if (added) {
        order.emplace_back(GroupKind::kString, i);
        string_counts.push_back(0);
      }
      string_counts[i] += count;
    }
    // Returns the group's index among the value groups.
    size_t AddValue(const Value& key, int64_t count) {
      auto it = by_value.find(key);
      size_t i = it != by_value.end() ? it->second : by_value[key] = AddValueGroup(key);
      value_counts[i] += count;
      return i;
    }
    // Counts by code from `c` (strings: code < c->size()); the first code
    // given sets the column.
    void UseColumn(std::shared_ptr<const graph::NodeColumn> c) {
      column = std::move(c);
      code_counts.assign(column->size(), 0);
      order.reserve(order.size() + column->size());  // (pages never used are never touched)
    }
    void AddCode(uint32_t code, int64_t count) {
      int64_t& n = code_counts[code];
      if (n > 0) {
        n += count;
      } else if (n == 0) {
        std::string_view text = column->text(code);
        if (!text.empty() && text.front() == temporal::kPropertyTag[0]) {
          n = -1 - static_cast<int64_t>(AddValue(FromProperty(graph::PropertyValue(std::string(text))), count));
        } else {
          order.emplace_back(GroupKind::kCode, code);
          n = count;
        }
      } else {
        value_counts[static_cast<size_t>(-1 - n)] += count;
      }
    }
    // The same groups in the same order with every code group made a
    // string group.
    Groups WithoutCodes() const {
      Groups out;
      for (auto [kind, i] : order) out.AddFrom(*this, kind, i);
      return out;
    }
    void AddFrom(const Groups& other, GroupKind kind, size_t i) {
      switch (kind) {
        case GroupKind::kString: AddString(other.by_string.key(i), other.string_counts[i]); break;
        case GroupKind::kValue: AddValue(other.value_key[i], other.value_counts[i]); break;
        case GroupKind::kCode:
          if (column && column == other.column) AddCode(static_cast<uint32_t>(i), other.code_counts[i]);
          else AddString(other.column->text(static_cast<uint32_t>(i)), other.code_counts[i]);
          break;
      }
    }
    // Adds `other`'s groups after these (its nodes came after these).
    void Merge(const Groups& other) {
      // Code groups stay code groups unless the other side has string
      // groups or codes of another column.
      if (column && (!other.string_counts.empty() || (other.column && other.column != column)))
        *this = WithoutCodes();
      for (auto [kind, i] : other.order) AddFrom(other, kind, i);
    }
  };

  // Node ids per thread below which a scan is not split.
  static constexpr uint64_t kMinIdsPerThread = 1024;

  // A range's nodes with a count (in id order) and their counts.
  struct Counted {
    std::vector<uint64_t> ids;
    std::vector<int64_t> counts;
  };

  // Whether grouping by `column` beats reading the records: nodes whose
  // value is not a string need a point read each.
  static bool Usable(const graph::NodeColumn& column) { return column.not_text() * 16 <= column.nodes(); }

  std::string Label() const { return spec_.node->labels.empty() ? std::string() : spec_.node->labels[0]; }

  void Absorb(Groups&& part) {
    if (main_.order.empty()) {
      main_ = std::move(part);
    } else {
      main_.Merge(part);
    }
  }

  void Scan(ExecContext& ctx) {
    if (!counter_.Prepare(ctx)) return;
    graph::Graph& g = ctx.graph();
    if (!key_property_.empty()) {
      if (auto column = g.KeptTextColumn(Label(), key_property_); column && Usable(*column)) {
        keys_from_ = KeysFrom::kKeptColumn;
        Groups part;
        part.UseColumn(column);
        auto degrees = g.ScanDegrees(spec_.direction);
        ForEachCount(ctx, degrees.get(), [&](uint64_t id, int64_t count) { AddByCode(ctx, id, count, &part); });
        Absorb(std::move(part));
        return;
      }
    }
    int threads = ctx.options().threads;
    if (threads <= 0) threads = static_cast<int>(std::min(4u, std::max(1u, std::thread::hardware_concurrency())));
    auto stats = g.Stats();
    if (!stats.ok()) ThrowGraph(stats.status());
    uint64_t limit = stats->node_id_limit;
    threads = std::max(1, static_cast<int>(std::min<uint64_t>(static_cast<uint64_t>(threads), limit / kMinIdsPerThread)));
    bool records = !key_property_.empty() || !spec_.node->labels.empty();
    if (!records) {  // count(*) over every node: nothing but the counts
      int64_t total = 0;
      auto degrees = g.ScanDegrees(spec_.direction);
      ForEachCount(ctx, degrees.get(), [&](uint64_t, int64_t count) { total += count; });
      if (total > 0) main_.AddValue(Value(), total);
      return;
    }
    // Disjoint ranges of node ids, one per thread: their counts first...
    std::vector<Counted> counted(static_cast<size_t>(threads));
    uint64_t step = limit / counted.size() + 1;
    auto from = [&](size_t i) { return i * step; };
    auto to = [&](size_t i) { return i + 1 == counted.size() ? ~uint64_t{0} : (i + 1) * step; };
    Parallel(counted.size(), [&](size_t i) {
      // (Room for every node of the range: pages never used are never touched.)
      counted[i].ids.reserve(std::min(step, stats->nodes + 1));
      counted[i].counts.reserve(std::min(step, stats->nodes + 1));
      auto degrees = g.ScanDegrees(spec_.direction, from(i), to(i));
      ForEachCount(ctx, degrees.get(), [&](uint64_t id, int64_t count) {
        counted[i].ids.push_back(id);
        counted[i].counts.push_back(count);
      });
    });
    // ...then the keys: from a column made now when most nodes have a count
    // (a scan of every record costs about what reading theirs would)...
    size_t nodes = 0;
    for (const Counted& c : counted) nodes += c.ids.size();
    if (!key_property_.empty() && nodes > 0 && nodes * 8 >= stats->nodes) {
      auto column = g.TextColumn(Label(), key_property_, [&ctx] { return ctx.InterruptDue(); });
      if (!column.ok()) {
        ctx.CheckInterruptNow();  // stopped for a timeout or cancel: say so
        ThrowGraph(column.status());
      }
      if (Usable(**column)) {
        keys_from_ = g.KeptTextColumn(Label(), key_property_) == *column ? KeysFrom::kMadeColumn
                                                                          : KeysFrom::kMadeColumnNotKept;
        Groups part;
        part.UseColumn(*column);
        uint64_t seen = 0;
        for (const Counted& c : counted) {
          for (size_t k = 0; k < c.ids.size(); ++k) {
            if ((++seen & 4095) == 0) ctx.CheckInterruptNow();
            AddByCode(ctx, c.ids[k], c.counts[k], &part);
          }
        }
        Absorb(std::move(part));
        return;
      }
    }
    // ...or from the records of the counted nodes, read in the same order.
    if (!key_property_.empty()) keys_from_ = KeysFrom::kRecords;
    std::vector<Groups> parts(counted.size());
    Parallel(parts.size(), [&](size_t i) {
      if (!key_property_.empty()) parts[i].by_string.Reserve(counted[i].ids.size());
      GroupFromRecords(ctx, from(i), counted[i], &parts[i]);
    });
    // (The groups of the first range need no copy: more input rows, as
    // after an UNWIND, are merged into them.)
    for (Groups& p : parts) Absorb(std::move(p));
  }

  // Runs f(0) .. f(n - 1), each but the first on a thread of its own;
  // rethrows the first error.
  static void Parallel(size_t n, const std::function<void(size_t)>& f) {
    std::vector<std::exception_ptr> errors(n);
    auto run = [&](size_t i) {
      try {
        f(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    };
    std::vector<std::thread> workers;
    for (size_t i = 1; i < n; ++i) workers.emplace_back(run, i);
    run(0);
    for (auto& w : workers) w.join();
    for (auto& e : errors)
      if (e) std::rethrow_exception(e);
  }

  // f(node, count) for each node with a non-zero count of the counted
  // types, in id order.
  template <typename F>
  void ForEachCount(ExecContext& ctx, graph::DegreeCursor* degrees, F&& f) const {
    const std::vector<graph::TypeId>& types = counter_.types();
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
      if (count != 0) f(id, count);
    }
    if (!degrees->status().ok()) ThrowGraph(degrees->status());
  }

  // Node `id`'s `count` into its group by its code in part->column.
  void AddByCode(ExecContext& ctx, uint64_t id, int64_t count, Groups* part) const {
    uint32_t code = part->column->code(id);
    if (code < part->code_counts.size()) {
      part->AddCode(code, count);
    } else if (code == graph::NodeColumn::kNull) {
      part->AddValue(Value(), count);
    } else if (code == graph::NodeColumn::kNotText) {
      auto record = ctx.graph().GetNode(id);
      if (!record.ok()) ThrowGraph(record.status());
      auto p = record->properties.find(key_property_);
      part->AddValue(p == record->properties.end() ? Value() : FromProperty(p->second), count);
    }  // kAbsent: not labelled
  }

  // The keys of `counted` (nodes from `from` on) from their records.
  // Safe to run on several threads at once (for disjoint ranges and parts).
  void GroupFromRecords(ExecContext& ctx, uint64_t from, const Counted& counted, Groups* part) const {
    const BoundNode& n = *spec_.node;
    auto records = ctx.graph().ScanNodeRecords(n.labels.empty() ? std::string() : n.labels[0]);
    records->SeekTo(from);
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
    for (size_t k = 0; k < counted.ids.size(); ++k) {
      if ((k & 4095) == 4095) ctx.CheckInterruptNow();
      uint64_t id = counted.ids[k];
      int64_t count = counted.counts[k];
      records->SeekTo(id);
      if (!records->Valid()) break;
      if (records->node() != id) continue;
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
    if (!records->status().ok()) ThrowGraph(records->status());
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
  KeysFrom keys_from_ = KeysFrom::kNone;
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
