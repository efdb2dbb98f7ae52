// Averaged perceptron and model files (see perceptron.h).
#include "extract/perceptron.h"

#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

namespace kg::extract {

uint64_t StringHash(std::string_view s) {
  uint64_t h = 0xCBF29CE484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001B3ULL;
  }
  return h;
}

// ---- ModelWriter / ModelReader ----

void ModelWriter::U32(uint32_t v) {
  for (int i = 0; i < 4; ++i) U8(static_cast<uint8_t>(v >> (8 * i)));
}
void ModelWriter::U64(uint64_t v) {
  for (int i = 0; i < 8; ++i) U8(static_cast<uint8_t>(v >> (8 * i)));
}
void ModelWriter::F32(float v) {
  uint32_t u;
  std::memcpy(&u, &v, 4);
  U32(u);
}
void ModelWriter::VarU(uint64_t v) {
  while (v >= 0x80) {
    U8(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  U8(static_cast<uint8_t>(v));
}
void ModelWriter::Str(std::string_view s) {
  VarU(s.size());
  out_.append(s.data(), s.size());
}
void ModelWriter::Bytes(const void* data, size_t n) {
  out_.append(static_cast<const char*>(data), n);
}

namespace {
constexpr char kMagic[4] = {'K', 'G', 'M', '\n'};
}

Status ModelWriter::WriteFile(const std::string& path, std::string_view kind, uint32_t version,
                              const std::string& body) {
  ModelWriter head;
  head.Bytes(kMagic, 4);
  head.U32(version);
  head.Str(kind);
  head.U64(body.size());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IOError("cannot write " + path);
  out.write(head.data().data(), head.data().size());
  out.write(body.data(), body.size());
  out.close();
  if (!out) return Status::IOError("error writing " + path);
  return Status::OK();
}

bool ModelReader::U8(uint8_t* v) {
  if (pos_ + 1 > data_.size()) return false;
  *v = static_cast<uint8_t>(data_[pos_++]);
  return true;
}
bool ModelReader::U32(uint32_t* v) {
  if (pos_ + 4 > data_.size()) return false;
  uint32_t r = 0;
  for (int i = 0; i < 4; ++i)
    r |= static_cast<uint32_t>(static_cast<uint8_t>(data_[pos_ + i])) << (8 * i);
  pos_ += 4;
  *v = r;
  return true;
}
bool ModelReader::U64(uint64_t* v) {
  uint32_t lo, hi;
  if (!U32(&lo) || !U32(&hi)) return false;
  *v = (static_cast<uint64_t>(hi) << 32) | lo;
  return true;
}
bool ModelReader::F32(float* v) {
  uint32_t u;
  if (!U32(&u)) return false;
  std::memcpy(v, &u, 4);
  return true;
}
bool ModelReader::VarU(uint64_t* v) {
  uint64_t r = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    uint8_t b;
    if (!U8(&b)) return false;
    r |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) {
      *v = r;
      return true;
    }
  }
  return false;
}
bool ModelReader::Str(std::string* s) {
  uint64_t n;
  if (!VarU(&n) || pos_ + n > data_.size()) return false;
  s->assign(data_.data() + pos_, n);
  pos_ += n;
  return true;
}
bool ModelReader::Bytes(void* data, size_t n) {
  if (pos_ + n > data_.size()) return false;
  std::memcpy(data, data_.data() + pos_, n);
  pos_ += n;
  return true;
}

Result<std::string> ModelReader::ReadFile(const std::string& path, std::string_view kind,
                                          uint32_t version) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Status::NotFound("cannot open model " + path);
  std::streamoff file_size = in.tellg();
  if (file_size < 0) return Status::IOError("cannot read " + path);
  std::string data(static_cast<size_t>(file_size), '\0');
  in.seekg(0);
  if (!in.read(&data[0], file_size)) return Status::IOError("cannot read " + path);
  ModelReader r(data, path);
  char magic[4];
  if (!r.Bytes(magic, 4) || std::memcmp(magic, kMagic, 4) != 0) {
    return Status::Corruption(path + ": not a kg model file (bad magic)");
  }
  uint32_t v;
  std::string k;
  uint64_t size;
  if (!r.U32(&v) || !r.Str(&k) || !r.U64(&size)) return r.Error("truncated header");
  if (k != kind)
    return Status::Corruption(path + ": is a '" + k + "' model, expected '" + std::string(kind) +
                              "'");
  if (v != version) {
    return Status::Corruption(path + ": model format version " + std::to_string(v) +
                              ", this build reads version " + std::to_string(version) +
                              " (retrain with kg train)");
  }
  size_t header = 4 + 4 + 1 + k.size() + 8;
  if (data.size() - header != size) return Status::Corruption(path + ": truncated model body");
  data.erase(0, header);
  return data;
}

void* AllocateHuge(size_t bytes) {
  constexpr size_t kHugePage = 2u << 20;
  if (bytes < kHugePage) {
    void* p = std::malloc(bytes ? bytes : 1);
    if (!p) throw std::bad_alloc();
    return p;
  }
  size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, rounded);
  if (!p) throw std::bad_alloc();
  madvise(p, rounded, MADV_HUGEPAGE);  // only a hint: fine if refused
  return p;
}

// ---- PerceptronModel ----

namespace {
inline uint32_t Key32(uint64_t key) {
  uint32_t k = static_cast<uint32_t>(key ^ (key >> 32));
  return k ? k : 1;
}
}  // namespace

void PerceptronModel::Score(const uint64_t* features, size_t n, float* scores) const {
  if (table_.empty()) return;
  // The members the loops read, as locals: `scores` is a float*, so the
  // compiler must assume a store to it may change scale_ (or any member)
  // and would load them again for every weight added.
  const Slot* table = table_.data();
  const Weight* rows = rows_.data();
  const float* dense = dense_.data();
  const uint32_t mask = mask_;
  const float scale = scale_;
  const int num_classes = num_classes_;
  // The table is far larger than the caches, and so are the rows. Each
  // feature goes through three steps, each kAhead features behind the one
  // before: start fetching its slot; look it up (the slot has come) and
  // start fetching its row; add its row (come too). So the memory waits of
  // many features overlap instead of queueing one after another.
  constexpr size_t kAhead = 16;
  constexpr size_t kChunk = 256;  // features per run of the steps (the parser scores 116)
  constexpr uint32_t kAbsent = 0xFFFFFFFFu;
  uint32_t keys[kChunk], homes[kChunk], found[kChunk];  // found: Slot::row, or kAbsent
  auto fetch_slot = [&](size_t f, uint64_t feature) {
    keys[f] = Key32(feature);
    homes[f] = (keys[f] * 0x9E3779B1u) & mask;
    __builtin_prefetch(&table[homes[f]]);
  };
  auto look_up = [&](size_t f) {
    uint32_t row = kAbsent;
    for (uint32_t i = homes[f];; i = (i + 1) & mask) {
      if (table[i].key == keys[f]) {
        row = table[i].row;
        break;
      }
      if (table[i].key == 0) break;
    }
    found[f] = row;
    if (row == kAbsent) return;
    if (row & kDense) {
      __builtin_prefetch(&dense[(row & ~kDense) * static_cast<size_t>(num_classes)]);
    } else {
      __builtin_prefetch(&rows[row]);
    }
  };
  auto add_row = [&](size_t f) {
    uint32_t row = found[f];
    if (row == kAbsent) return;
    if (!(row & kDense)) {
      const Weight* w = &rows[row + 1];
      for (uint32_t e = 0, size = rows[row].cls; e < size; ++e) {
        scores[w[e].cls] += w[e].q * scale;
      }
      return;
    }
    // Four classes at a time (GCC/Clang vector extension; the same float
    // additions as the sparse loop, plus +0 for the missing classes). Four,
    // the width of SSE2, which every x86-64 has: wider vectors compile to
    // pairs of registers that pass through the stack.
    typedef float V4 __attribute__((vector_size(16)));
    const float* d = &dense[(row & ~kDense) * static_cast<size_t>(num_classes)];
    int c = 0;
    for (; c + 4 <= num_classes; c += 4) {
      V4 a, b;
      std::memcpy(&a, scores + c, sizeof a);
      std::memcpy(&b, d + c, sizeof b);
      a += b;
      std::memcpy(scores + c, &a, sizeof a);
    }
    for (; c < num_classes; ++c) scores[c] += d[c];
  };
  for (size_t base = 0; base < n; base += kChunk) {
    size_t m = std::min(kChunk, n - base);
    for (size_t i = 0; i < m + 2 * kAhead; ++i) {
      if (i < m) fetch_slot(i, features[base + i]);
      if (i >= kAhead && i - kAhead < m) look_up(i - kAhead);
      if (i >= 2 * kAhead && i - 2 * kAhead < m) add_row(i - 2 * kAhead);  // in feature order
    }
  }
}

void PerceptronModel::BuildDense() {
  dense_.clear();
  dense_rows_.clear();
  for (Slot& s : table_) {
    if (!s.key || rows_[s.row].cls * 4 < num_classes_) continue;
    uint32_t offset = s.row;
    s.row = kDense | static_cast<uint32_t>(dense_rows_.size());
    dense_rows_.push_back(offset);
    float* d = &*dense_.insert(dense_.end(), num_classes_, 0.0f);
    for (const Weight& w : RowAt(offset)) d[w.cls] += w.q * scale_;
  }
}

size_t PerceptronModel::TableSize(size_t features, size_t spare) {
  size_t size = 16;
  while (size < features * spare) size <<= 1;
  return size;
}

void PerceptronModel::Reset(size_t table_size) {
  table_.assign(table_size, Slot());
  mask_ = static_cast<uint32_t>(table_size - 1);
  rows_.clear();
  num_features_ = 0;
  num_weights_ = 0;
}

void PerceptronModel::AddRow(uint32_t key, size_t size) {
  uint32_t slot = (key * 0x9E3779B1u) & mask_;
  while (table_[slot].key != 0) slot = (slot + 1) & mask_;
  table_[slot].key = key;
  // A row that fits in a cache line starts where it does not straddle two
  // (rows_ starts on a line: a large vector is 2 MB-aligned), so Score's
  // one prefetch brings all of it.
  constexpr size_t kPerLine = 64 / sizeof(Weight);
  size_t start = rows_.size() % kPerLine;
  if (1 + size <= kPerLine && start + 1 + size > kPerLine) {
    rows_.resize(rows_.size() + kPerLine - start, Weight{0, 0});
  }
  table_[slot].row = static_cast<uint32_t>(rows_.size());
  rows_.push_back({static_cast<uint16_t>(size), 0});
  ++num_features_;
  num_weights_ += size;
}

void PerceptronModel::Build(
    std::vector<std::pair<uint32_t, std::vector<std::pair<uint16_t, int16_t>>>>& rows) {
  // Merge rows whose 32-bit keys collide.
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  // At most half full, as every table once was (Read's are emptier, for
  // speed): Average adds the models' weights up in their slots' order, and
  // a float sum depends on the order of its terms, so in the same order
  // the models trained here keep the bytes they had.
  Reset(TableSize(rows.size(), 2));
  for (size_t i = 0; i < rows.size();) {
    size_t j = i;
    std::vector<int32_t> merged;
    std::vector<std::pair<uint16_t, int32_t>> acc;
    for (; j < rows.size() && rows[j].first == rows[i].first; ++j) {
      for (auto& e : rows[j].second) {
        auto it = std::find_if(acc.begin(), acc.end(), [&](auto& a) { return a.first == e.first; });
        if (it == acc.end())
          acc.push_back({e.first, e.second});
        else
          it->second += e.second;
      }
    }
    AddRow(rows[i].first, acc.size());
    for (auto& e : acc) {
      rows_.push_back({e.first, static_cast<int16_t>(std::max(-32767, std::min(32767, e.second)))});
    }
    i = j;
  }
  BuildDense();
}

void PerceptronModel::Prune(float threshold) {
  std::vector<std::pair<uint32_t, std::vector<std::pair<uint16_t, int16_t>>>> rows;
  for (const Slot& s : table_) {
    if (!s.key) continue;
    std::vector<std::pair<uint16_t, int16_t>> kept;
    for (const Weight& x : RowOf(s)) {
      if (std::fabs(x.q * scale_) >= threshold) kept.push_back({x.cls, x.q});
    }
    if (!kept.empty()) rows.emplace_back(s.key, std::move(kept));
  }
  Build(rows);
}

PerceptronModel PerceptronModel::Average(const std::vector<PerceptronModel>& models) {
  PerceptronModel out;
  if (models.empty()) return out;
  out.num_classes_ = models[0].num_classes_;
  std::vector<std::pair<uint64_t, float>> all;  // (key << 16 | class, weight)
  for (const PerceptronModel& m : models) {
    for (const Slot& s : m.table_) {
      if (!s.key) continue;
      for (const Weight& x : m.RowOf(s)) {
        all.push_back({(static_cast<uint64_t>(s.key) << 16) | x.cls, x.q * m.scale_});
      }
    }
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<uint64_t, float>> merged;
  for (const auto& [k, w] : all) {
    if (!merged.empty() && merged.back().first == k)
      merged.back().second += w;
    else
      merged.push_back({k, w});
  }
  float max_abs = 0;
  for (auto& [k, w] : merged) {
    w /= static_cast<float>(models.size());
    max_abs = std::max(max_abs, std::fabs(w));
  }
  out.scale_ = max_abs > 0 ? max_abs / 32000.0f : 1.0f;
  std::vector<std::pair<uint32_t, std::vector<std::pair<uint16_t, int16_t>>>> rows;
  for (const auto& [k, w] : merged) {
    uint32_t key = static_cast<uint32_t>(k >> 16);
    long q = std::lround(w / out.scale_);
    if (q == 0) continue;
    if (rows.empty() || rows.back().first != key)
      rows.emplace_back(key, std::vector<std::pair<uint16_t, int16_t>>());
    rows.back().second.push_back({static_cast<uint16_t>(k & 0xFFFF), static_cast<int16_t>(q)});
  }
  out.Build(rows);
  return out;
}

void PerceptronModel::Write(ModelWriter& w) const {
  w.U32(static_cast<uint32_t>(num_classes_));
  w.F32(scale_);
  w.VarU(num_features_);
  bool wide = num_classes_ > 256;
  // Rows in key order, keys delta-coded.
  std::vector<const Slot*> slots;
  for (const Slot& s : table_) {
    if (s.key) slots.push_back(&s);
  }
  std::sort(slots.begin(), slots.end(),
            [](const Slot* a, const Slot* b) { return a->key < b->key; });
  uint32_t prev = 0;
  for (const Slot* s : slots) {
    w.VarU(s->key - prev);
    prev = s->key;
    Row row = RowOf(*s);
    w.VarU(row.size());
    for (const Weight& x : row) {
      if (wide) {
        w.U8(x.cls & 0xFF);
        w.U8(x.cls >> 8);
      } else {
        w.U8(static_cast<uint8_t>(x.cls));
      }
      uint16_t q = static_cast<uint16_t>(x.q);
      w.U8(q & 0xFF);
      w.U8(q >> 8);
    }
  }
}

Status PerceptronModel::Read(ModelReader& r) {
  uint32_t nc;
  uint64_t nf;
  if (!r.U32(&nc) || !r.F32(&scale_) || !r.VarU(&nf)) return r.Error("truncated weights header");
  if (nc == 0 || nc > 65535) return r.Error("bad class count");
  num_classes_ = static_cast<int>(nc);
  bool wide = num_classes_ > 256;
  // Rows are stored in increasing key order without duplicates: insert them
  // straight into the table.
  if (nf > (1ULL << 30)) return r.Error("bad feature count");
  // Three quarters empty: a lookup (a quarter of them are for features the
  // model has not got) then mostly stops at the first slot it reads, and
  // the parser and tagger spend much of their time in these lookups.
  Reset(TableSize(nf, 4));
  rows_.reserve(nf + r.Remaining() / 3);
  uint64_t key = 0;
  for (uint64_t i = 0; i < nf; ++i) {
    uint64_t delta, n;
    if (!r.VarU(&delta) || !r.VarU(&n)) return r.Error("truncated weights");
    key += delta;
    if ((i > 0 && delta == 0) || key == 0 || key > 0xFFFFFFFFULL || n > nc) {
      return r.Error("bad weight row");
    }
    // (Room for the row, its count and AddRow's padding below kDense.)
    if (rows_.size() + 64 + n >= kDense) return r.Error("too many weights");
    AddRow(static_cast<uint32_t>(key), n);
    for (uint64_t e = 0; e < n; ++e) {
      uint8_t c0, c1 = 0, q0, q1;
      if (!r.U8(&c0) || (wide && !r.U8(&c1)) || !r.U8(&q0) || !r.U8(&q1)) {
        return r.Error("truncated weights");
      }
      uint16_t c = static_cast<uint16_t>(c0 | (c1 << 8));
      if (c >= nc) return r.Error("class out of range");
      rows_.push_back({c, static_cast<int16_t>(static_cast<uint16_t>(q0 | (q1 << 8)))});
    }
  }
  BuildDense();
  return Status::OK();
}

// ---- PerceptronTrainer ----

PerceptronTrainer::PerceptronTrainer(int num_classes) : num_classes_(num_classes) {
  index_.assign(1 << 16, 0);
}
PerceptronTrainer::~PerceptronTrainer() = default;

const PerceptronTrainer::Row* PerceptronTrainer::FindRow(uint64_t key) const {
  size_t mask = index_.size() - 1;
  size_t i = (key ^ (key >> 29)) & mask;
  while (true) {
    uint32_t v = index_[i];
    if (v == 0) return nullptr;
    if (rows_[v - 1].key == key) return &rows_[v - 1];
    i = (i + 1) & mask;
  }
}

void PerceptronTrainer::Grow() {
  std::vector<uint32_t> bigger(index_.size() * 2, 0);
  size_t mask = bigger.size() - 1;
  for (size_t r = 0; r < rows_.size(); ++r) {
    uint64_t key = rows_[r].key;
    size_t i = (key ^ (key >> 29)) & mask;
    while (bigger[i] != 0) i = (i + 1) & mask;
    bigger[i] = static_cast<uint32_t>(r + 1);
  }
  index_.swap(bigger);
}

PerceptronTrainer::Row* PerceptronTrainer::FindOrAddRow(uint64_t key) {
  if ((rows_.size() + 1) * 2 > index_.size()) Grow();
  size_t mask = index_.size() - 1;
  size_t i = (key ^ (key >> 29)) & mask;
  while (true) {
    uint32_t v = index_[i];
    if (v == 0) {
      rows_.emplace_back();
      rows_.back().key = key;
      index_[i] = static_cast<uint32_t>(rows_.size());
      return &rows_.back();
    }
    if (rows_[v - 1].key == key) return &rows_[v - 1];
    i = (i + 1) & mask;
  }
}

void PerceptronTrainer::Score(const uint64_t* features, size_t n, float* scores) const {
  // As PerceptronModel::Score: start the cache misses (index, row, entries)
  // of a chunk of features before using any.
  size_t mask = index_.size() - 1;
  const Row* found[64];
  for (size_t base = 0; base < n; base += 64) {
    size_t m = std::min<size_t>(64, n - base);
    for (size_t f = 0; f < m; ++f) {
      uint64_t key = features[base + f];
      __builtin_prefetch(&index_[(key ^ (key >> 29)) & mask]);
    }
    for (size_t f = 0; f < m; ++f) {
      uint64_t key = features[base + f];
      uint32_t v = index_[(key ^ (key >> 29)) & mask];
      if (v) __builtin_prefetch(&rows_[v - 1]);
    }
    for (size_t f = 0; f < m; ++f) {
      found[f] = FindRow(features[base + f]);
      if (found[f] && !found[f]->entries.empty()) __builtin_prefetch(found[f]->entries.data());
    }
    for (size_t f = 0; f < m; ++f) {
      if (!found[f]) continue;
      for (const Entry& e : found[f]->entries) scores[e.cls] += static_cast<float>(e.w);
    }
  }
}

void PerceptronTrainer::Update(const uint64_t* features, size_t n, int truth, int guess) {
  if (truth == guess) return;
  for (size_t f = 0; f < n; ++f) {
    Row* row = FindOrAddRow(features[f]);
    for (int pass = 0; pass < 2; ++pass) {
      uint16_t cls = static_cast<uint16_t>(pass == 0 ? truth : guess);
      int32_t delta = pass == 0 ? 1 : -1;
      Entry* entry = nullptr;
      for (Entry& e : row->entries) {
        if (e.cls == cls) {
          entry = &e;
          break;
        }
      }
      if (!entry) {
        row->entries.push_back({0, 0, static_cast<uint32_t>(time_), cls});
        entry = &row->entries.back();
      }
      entry->total += static_cast<int64_t>(entry->w) * static_cast<int64_t>(time_ - entry->ts);
      entry->ts = static_cast<uint32_t>(time_);
      entry->w += delta;
    }
  }
}

PerceptronModel PerceptronTrainer::Finish(float prune) const {
  PerceptronModel model;
  model.num_classes_ = num_classes_;
  double t = static_cast<double>(std::max<uint64_t>(time_, 1));
  // Averaged weights, then one scale for all of them.
  double max_abs = 0;
  for (const Row& row : rows_) {
    for (const Entry& e : row.entries) {
      double avg = (e.total + static_cast<double>(e.w) * (time_ - e.ts)) / t;
      max_abs = std::max(max_abs, std::fabs(avg));
    }
  }
  if (max_abs == 0) max_abs = 1;
  double scale = max_abs / 32000.0;
  model.scale_ = static_cast<float>(scale);
  std::vector<std::pair<uint32_t, std::vector<std::pair<uint16_t, int16_t>>>> rows;
  for (const Row& row : rows_) {
    std::vector<std::pair<uint16_t, int16_t>> kept;
    for (const Entry& e : row.entries) {
      double avg = (e.total + static_cast<double>(e.w) * (time_ - e.ts)) / t;
      if (std::fabs(avg) < prune) continue;
      long q = std::lround(avg / scale);
      if (q == 0) continue;
      kept.push_back({e.cls, static_cast<int16_t>(q)});
    }
    if (kept.empty()) continue;
    std::sort(kept.begin(), kept.end());
    rows.emplace_back(Key32(row.key), std::move(kept));
  }
  model.Build(rows);
  return model;
}

std::string NormalizeWord(std::string_view form) {
  std::string out;
  out.reserve(form.size());
  for (unsigned char c : form) {
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (c >= '0' && c <= '9') {
      out.push_back('0');
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

}  // namespace kg::extract
