#include "graph/origins.h"

#include <algorithm>
#include <functional>
#include <numeric>

#include "common/text.h"

namespace kg::graph {

std::vector<uint64_t> SentenceShingles(std::string_view sentence) {
  std::vector<std::string> words = text::FoldedWords(sentence);
  std::vector<uint64_t> out;
  std::hash<std::string> hash;
  if (words.size() < 3) {
    for (const std::string& w : words) out.push_back(hash(w));
  } else {
    for (size_t i = 0; i + 2 < words.size(); ++i)
      out.push_back(hash(words[i] + '\x1f' + words[i + 1] + '\x1f' + words[i + 2]));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double ShingleJaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 1;
  size_t common = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) {
      ++common, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

double SentenceSimilarity(std::string_view a, std::string_view b) {
  return ShingleJaccard(SentenceShingles(a), SentenceShingles(b));
}

std::vector<uint32_t> GroupOrigins(const std::vector<OriginInput>& records) {
  // Union-find over records: same document, or near-copy sentences. Each
  // record is compared with the records before it from other documents,
  // up to a budget; past it, with the first record of each group only.
  const size_t n = records.size();
  std::vector<size_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  auto root = [&](size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  auto join = [&](size_t a, size_t b) {
    a = root(a), b = root(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  };
  std::unordered_map<std::string_view, size_t> first_of_document;
  size_t budget = 20000;  // comparisons
  for (size_t i = 0; i < n; ++i) {
    auto [it, fresh] = first_of_document.emplace(records[i].document_id, i);
    if (!fresh) join(i, it->second);
    if (!records[i].shingles) continue;
    for (size_t j = 0; j < i; ++j) {
      if (!records[j].shingles || records[j].document_id == records[i].document_id) continue;
      if (root(i) == root(j)) continue;
      if (budget == 0 && root(j) != j) continue;
      if (budget > 0) --budget;
      if (ShingleJaccard(*records[i].shingles, *records[j].shingles) >= kNearCopyJaccard) join(i, j);
    }
  }
  std::vector<uint32_t> group(n);
  std::unordered_map<size_t, uint32_t> number;
  for (size_t i = 0; i < n; ++i) {
    auto [it, fresh] = number.emplace(root(i), static_cast<uint32_t>(number.size()));
    group[i] = it->second;
  }
  return group;
}

Result<const std::vector<uint64_t>*> OriginCounter::ShinglesOf(const std::string& id,
                                                               const ByteSpan& span) {
  std::string key = id + ':' + std::to_string(span.begin) + ':' + std::to_string(span.end);
  if (auto hit = shingles_.find(key); hit != shingles_.end()) return &hit->second;
  const std::string* text = nullptr;
  if (text_of_) {
    text = text_of_(id);
    if (!text) return static_cast<const std::vector<uint64_t>*>(nullptr);
  } else if (auto hit = text_by_id_.find(id); hit != text_by_id_.end()) {
    texts_.splice(texts_.begin(), texts_, hit->second);
    text = &texts_.front().second;
  } else {
    Result<DocumentRecord> doc = graph_.GetDocument(id);
    if (!doc.ok()) {
      if (doc.status().IsNotFound()) return static_cast<const std::vector<uint64_t>*>(nullptr);
      return doc.status();
    }
    texts_.emplace_front(id, std::move(doc->document.text));
    text_by_id_[id] = texts_.begin();
    if (texts_.size() > kMaxDocuments) {
      text_by_id_.erase(texts_.back().first);
      texts_.pop_back();
    }
    text = &texts_.front().second;
  }
  if (span.empty() || span.end > text->size()) return static_cast<const std::vector<uint64_t>*>(nullptr);
  if (shingles_.size() >= kMaxSentences) shingles_.clear();
  auto& slot = shingles_[key];
  slot = SentenceShingles(std::string_view(*text).substr(span.begin, span.size()));
  return &slot;
}

Result<std::vector<uint32_t>> OriginCounter::Groups(const std::vector<ProvenanceRecord>& records) {
  std::vector<OriginInput> inputs;
  inputs.reserve(records.size());
  for (const ProvenanceRecord& r : records) {
    OriginInput in;
    in.document_id = r.document_id;
    if (r.document_id != "manual") {
      Result<const std::vector<uint64_t>*> s = ShinglesOf(r.document_id, r.sentence_span);
      if (!s.ok()) return s.status();
      in.shingles = *s;
    }
    inputs.push_back(in);
  }
  return GroupOrigins(inputs);
}

Result<uint32_t> OriginCounter::Count(const EdgeRecord& edge) {
  if (edge.document_count <= 1) return edge.document_count;
  Result<std::vector<ProvenanceRecord>> records = graph_.EdgeProvenance(edge.id);
  if (!records.ok()) return records.status();
  Result<std::vector<uint32_t>> groups = Groups(*records);
  if (!groups.ok()) return groups.status();
  uint32_t count = 0;
  for (uint32_t g : *groups) count = std::max(count, g + 1);
  return count;
}

}  // namespace kg::graph
