// NodeColumn: one text property of the nodes (of one label) held in memory
// as a column store holds a column: for each node id a dictionary code, the
// same code for equal strings, and each distinct string kept once.
//
// Graph::TextColumn makes one from a single scan of the node records;
// the graph keeps it until its next write (see graph.h), so a query that
// groups many nodes by a name (MATCH (a:L)-[:R]->() RETURN a.name,
// count(*)) reads no node record and hashes no string per node: it counts
// into an array indexed by code.
//
//   auto column = graph.TextColumn("Entity", "name");
//   if (!column.ok()) ...;
//   uint32_t c = (*column)->code(id);
//   if (c < (*column)->size()) Use((*column)->text(c));
//   else if (c == NodeColumn::kNotText) ... graph.GetNode(id) has the value
//
// Codes are given in node id order: code 0 is the value of the labelled node
// with the smallest id that has one, and so on.
//
// Immutable once made: any number of threads may read it at once. It is a
// snapshot: a shared_ptr to it stays valid and unchanged after the graph
// changes (the graph only stops handing it out).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kg::graph {

class NodeColumn {
 public:
  // Codes that are not strings of the dictionary (all >= size()).
  static constexpr uint32_t kAbsent = 0xFFFFFFFF;   // no such node, or it lacks the label
  static constexpr uint32_t kNull = 0xFFFFFFFE;     // the node has no such property
  static constexpr uint32_t kNotText = 0xFFFFFFFD;  // its value is not a string
  // More distinct strings than this are not made into a column.
  static constexpr uint32_t kMaxCodes = 0xFFFFFFF0;

  // `codes[id]` for every node id below codes.size(); the strings one after
  // the other in `texts`, string i in [ends[i - 1], ends[i]) (0 for i = 0).
  NodeColumn(std::vector<uint32_t> codes, std::string texts, std::vector<uint64_t> ends, uint64_t nodes,
             uint64_t not_text)
      : codes_(std::move(codes)), texts_(std::move(texts)), ends_(std::move(ends)), nodes_(nodes),
        not_text_(not_text) {}

  // Node `id`'s code (kAbsent for an id at or beyond id_limit()).
  uint32_t code(uint64_t id) const { return id < codes_.size() ? codes_[id] : kAbsent; }
  // The codes of nodes [0, id_limit()), for loops that check bounds once.
  const uint32_t* codes() const { return codes_.data(); }
  uint64_t id_limit() const { return codes_.size(); }

  // Distinct strings: codes 0 .. size() - 1.
  size_t size() const { return ends_.size(); }
  // The string of `code` (< size()); valid while the column lives.
  std::string_view text(uint32_t code) const {
    uint64_t begin = code ? ends_[code - 1] : 0;
    return std::string_view(texts_).substr(begin, ends_[code] - begin);
  }

  // Nodes in the column (with the label), and of those, how many have a
  // value that is not a string (kNotText).
  uint64_t nodes() const { return nodes_; }
  uint64_t not_text() const { return not_text_; }

  // Memory held, in bytes.
  size_t bytes() const {
    return sizeof(*this) + codes_.capacity() * sizeof(uint32_t) + texts_.capacity() +
           ends_.capacity() * sizeof(uint64_t);
  }

 private:
  std::vector<uint32_t> codes_;
  std::string texts_;
  std::vector<uint64_t> ends_;
  uint64_t nodes_ = 0;
  uint64_t not_text_ = 0;
};

}  // namespace kg::graph
