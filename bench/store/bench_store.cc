// kg_bench_store [--scale S] [--normal-edges N] [--dir DIR] [--cpu] [--csv-only]
//
// A synthetic graph of 1M*S nodes and 5M*S edges (one provenance record each,
// 100 claims per document, 50 relationship types) is loaded through
//   * the normal path (Graph::AddExtraction, one WriteBatch per document,
//     fsync off), limited to the first N edges when --normal-edges is given;
//   * the bulk path (BulkLoader: sorted SST files, IngestExternalFiles).
//   * the CSV bulk path (graph/csv_import.h, what `kg load` of node/edge CSV
//     files runs), on the same number of nodes and edges written as CSV;
//     --csv-only runs this part alone.
// Then, on the bulk-loaded graph: 1-hop out-edge scans from random nodes and
// exact-name lookups. The baseline, in the same run: plain RocksDB writing the
// very same key/value bytes (copied from the graph's column families) with
// WriteBatches of the same size and with SstFileWriter, and raw prefix scans
// / seeks over the same keys. Every figure is printed with its ratio to the
// baseline. Not a test: no assertions beyond sanity checks.
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/write_batch.h>

#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "graph/bulk_loader.h"
#include "graph/csv_import.h"
#include "graph/graph.h"

namespace {

// Seconds of wall-clock time, or with --cpu of CPU time of the whole process
// (RocksDB's background threads included): on a busy shared machine the CPU
// figures are the steadier ones.
bool g_cpu_time = false;
double Now() {
  if (g_cpu_time) {
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
double Since(double t) { return Now() - t; }

struct Config {
  double scale = 1.0;
  uint64_t normal_edges = 0;  // 0 = all
  std::string dir = "/tmp/kg-bench-store";
  bool csv_only = false;  // only the CSV import section
};

constexpr int kClaimsPerDoc = 100;
constexpr int kTypes = 50;

std::string EntityName(uint64_t n) { return "Entity " + std::to_string(n); }

// Document d of the synthetic corpus: claim j's subject walks over all nodes
// in order (so the first nodes/100 documents name every node), its object is
// random.
kg::Extraction MakeDoc(uint64_t d, uint64_t nodes, std::mt19937_64& rng) {
  kg::Extraction x;
  x.document.id = "doc" + std::to_string(d);
  x.document.source = "synthetic/" + std::to_string(d);
  x.document.text = "synthetic document " + std::to_string(d);
  x.extractor = "synthetic";
  x.extractor_version = "1";
  for (int j = 0; j < kClaimsPerDoc; ++j) {
    uint64_t s = (d * kClaimsPerDoc + j) % nodes;
    uint64_t o = rng() % nodes;
    for (uint64_t n : {s, o}) {
      kg::Entity e;
      e.name = EntityName(n);
      e.type = kg::EntityType::kPerson;
      x.entities.push_back(std::move(e));
    }
    kg::Claim c;
    c.subject = static_cast<int>(x.entities.size() - 2);
    c.object = static_cast<int>(x.entities.size() - 1);
    c.relation = "rel" + std::to_string(rng() % kTypes);
    c.relation_surface = c.relation;
    c.sentence_span = {0, 9};
    c.subject_span = {0, 4};
    c.relation_span = {5, 7};
    c.object_span = {8, 9};
    c.confidence = 0.5;
    x.claims.push_back(std::move(c));
  }
  return x;
}

void Die(const std::string& what) {
  std::fprintf(stderr, "kg_bench_store: %s\n", what.c_str());
  std::exit(1);
}

struct RawDb {
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;  // [0] default
  std::vector<std::string> names;
  ~RawDb() {
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
    if (db) db->Close();
  }
};

void OpenRaw(const std::string& path, bool create, RawDb* raw,
             const std::vector<std::string>& families) {
  rocksdb::DBOptions o;
  o.create_if_missing = create;
  o.create_missing_column_families = create;
  std::vector<rocksdb::ColumnFamilyDescriptor> ds;
  for (const auto& n : families) ds.emplace_back(n, rocksdb::ColumnFamilyOptions());
  rocksdb::DB* db = nullptr;
  auto s = rocksdb::DB::Open(o, path, ds, &raw->handles, &db);
  if (!s.ok()) Die(s.ToString());
  raw->db.reset(db);
  raw->names = families;
}

// Times plain RocksDB writing every family of the database in `src` as one
// SstFileWriter file each (default options) and ingesting them into a fresh
// database in one call. Reading the entries is not timed. Returns seconds;
// `entries` and `bytes` get what was written.
double RawSstSeconds(const std::string& src_dir, const std::string& work, uint64_t* entries,
                     uint64_t* bytes) {
  std::vector<std::string> families;
  auto ls = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), src_dir, &families);
  if (!ls.ok()) Die(ls.ToString());
  RawDb src, sst;
  OpenRaw(src_dir, false, &src, families);
  OpenRaw(work + "/raw-sst-db", true, &sst, families);
  double seconds = 0;
  *entries = *bytes = 0;
  std::vector<rocksdb::IngestExternalFileArg> args;
  for (size_t f = 0; f < families.size(); ++f) {
    std::vector<std::pair<std::string, std::string>> kv;
    std::unique_ptr<rocksdb::Iterator> it(src.db->NewIterator(rocksdb::ReadOptions(), src.handles[f]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      kv.emplace_back(it->key().ToString(), it->value().ToString());
      *bytes += it->key().size() + it->value().size();
    }
    *entries += kv.size();
    if (kv.empty()) continue;
    auto t = Now();
    rocksdb::SstFileWriter w{rocksdb::EnvOptions(), rocksdb::Options()};
    std::string path = work + "/raw-" + families[f] + ".sst";
    if (!w.Open(path).ok()) Die("sst open");
    for (const auto& [k, v] : kv) w.Put(k, v);
    if (!w.Finish().ok()) Die("sst finish");
    seconds += Since(t);
    rocksdb::IngestExternalFileArg a;
    a.column_family = sst.handles[f];
    a.external_files = {path};
    a.options.move_files = true;
    args.push_back(a);
  }
  auto t = Now();
  auto s = sst.db->IngestExternalFiles(args);
  if (!s.ok()) Die(s.ToString());
  return seconds + Since(t);
}

// The CSV bulk path (kg load of node/edge CSV files, as Kùzu's COPY): a
// synthetic graph written as nodes.csv/edges.csv (untimed), imported with
// graph/csv_import.h, against plain SstFileWriter writing the very bytes the
// import stored.
void CsvSection(const Config& cfg, uint64_t nodes, uint64_t edges) {
  namespace fs = std::filesystem;
  std::string dir = cfg.dir + "/csv";
  fs::create_directories(dir);
  {
    std::mt19937_64 rng(11);
    FILE* n = std::fopen((dir + "/nodes.csv").c_str(), "w");
    FILE* e = std::fopen((dir + "/edges.csv").c_str(), "w");
    if (!n || !e) Die("cannot write the CSV files");
    const char* types[] = {"Person", "Organization", "Place", "Other"};
    std::fprintf(n, "id,name,type\n");
    for (uint64_t i = 1; i <= nodes; ++i)
      std::fprintf(n, "%llu,e%llu,%s\n", (unsigned long long)i, (unsigned long long)i, types[rng() % 4]);
    std::fprintf(e, "src,dst,rel,sources\n");
    for (uint64_t i = 0; i < edges; ++i) {
      std::fprintf(e, "%llu,%llu,rel_%03d,%d\n", (unsigned long long)(1 + rng() % nodes),
                   (unsigned long long)(1 + rng() % nodes), int(rng() % kTypes), int(1 + rng() % 5));
    }
    std::fclose(n);
    std::fclose(e);
  }
  kg::graph::OpenOptions oo;
  oo.sync_writes = false;
  double import_s;
  {
    auto g = kg::graph::Graph::Open(dir + "/db", oo);
    if (!g.ok()) Die(g.status().ToString());
    kg::graph::CsvImportOptions options;
    options.type = "R";
    auto t = Now();
    auto summary = kg::graph::ImportCsv(g->get(), {dir + "/nodes.csv"}, {dir + "/edges.csv"}, options);
    import_s = Since(t);
    if (!summary.ok()) Die(summary.status().ToString());
    if (summary->nodes != nodes || summary->edges != edges) Die("CSV import lost rows");
    std::printf("CSV bulk path (kg load of CSV): %llu nodes + %llu edges in %.2f s = %.0f edges/s "
                "(parse %.0f ms, sort %.0f ms, write %.0f ms, ingest %.0f ms)\n",
                (unsigned long long)nodes, (unsigned long long)edges, import_s, edges / import_s,
                summary->parse_ms, summary->sort_ms, summary->write_ms, summary->ingest_ms);
  }
  uint64_t entries, bytes;
  double raw_s = RawSstSeconds(dir + "/db", dir, &entries, &bytes);
  std::printf("plain RocksDB SstFileWriter+ingest, same bytes (%llu entries, %.1f MB, one thread): "
              "%.2f s = %.0f edge-equivalents/s\n",
              (unsigned long long)entries, bytes / 1e6, raw_s, edges / raw_s);
  std::printf("RATIO CSV bulk path / plain SstFileWriter: %.0f%% of its speed\n",
              100.0 * raw_s / import_s);
}

}  // namespace

int main(int argc, char** argv) {
  Config cfg;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--scale" && i + 1 < argc) cfg.scale = std::atof(argv[++i]);
    else if (a == "--normal-edges" && i + 1 < argc) cfg.normal_edges = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--dir" && i + 1 < argc) cfg.dir = argv[++i];
    else if (a == "--cpu") g_cpu_time = true;
    else if (a == "--csv-only") cfg.csv_only = true;
    else Die("usage: kg_bench_store [--scale S] [--normal-edges N] [--dir DIR] [--cpu] [--csv-only]");
  }
  namespace fs = std::filesystem;
  fs::remove_all(cfg.dir);
  fs::create_directories(cfg.dir);
  const uint64_t nodes = static_cast<uint64_t>(1'000'000 * cfg.scale);
  const uint64_t edges = static_cast<uint64_t>(5'000'000 * cfg.scale);
  const uint64_t docs = edges / kClaimsPerDoc;
  uint64_t normal_docs = cfg.normal_edges ? std::min(docs, cfg.normal_edges / kClaimsPerDoc) : docs;
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::printf("timing: %s\n", g_cpu_time ? "process CPU time" : "wall clock");
  std::printf("synthetic graph: %llu nodes, %llu edges, %llu documents of %d claims, %d types\n",
              (unsigned long long)nodes, (unsigned long long)edges, (unsigned long long)docs,
              kClaimsPerDoc, kTypes);

  CsvSection(cfg, nodes, edges);
  if (cfg.csv_only) {
    fs::remove_all(cfg.dir);
    return 0;
  }

  kg::graph::OpenOptions oo;
  oo.sync_writes = false;

  // Making the synthetic extractions is part of both load loops below; timed
  // alone here and subtracted, so the rates are the store's own.
  double gen_s;
  {
    std::mt19937_64 rng(42);
    auto t = Now();
    uint64_t claims = 0;
    for (uint64_t d = 0; d < docs; ++d) claims += MakeDoc(d, nodes, rng).claims.size();
    gen_s = Since(t);
    if (claims != edges) Die("generator mismatch");
  }
  const double normal_gen_s = gen_s * double(normal_docs) / double(docs);
  std::printf("generating the extractions alone: %.2f s (subtracted below)\n", gen_s);

  // ---- Normal path --------------------------------------------------------
  double normal_s;
  {
    auto g = kg::graph::Graph::Open(cfg.dir + "/normal", oo);
    if (!g.ok()) Die(g.status().ToString());
    std::mt19937_64 rng(42);
    auto t = Now();
    for (uint64_t d = 0; d < normal_docs; ++d) {
      auto r = (*g)->AddExtraction(MakeDoc(d, nodes, rng));
      if (!r.ok()) Die(r.status().ToString());
    }
    normal_s = Since(t) - normal_gen_s;
  }
  const double normal_edges_loaded = double(normal_docs) * kClaimsPerDoc;
  std::printf("normal path: %.0f edges in %.2f s = %.0f edges/s%s\n", normal_edges_loaded, normal_s,
              normal_edges_loaded / normal_s,
              normal_docs < docs ? " (prefix of the corpus)" : "");

  // ---- Bulk path ----------------------------------------------------------
  double bulk_s;
  {
    auto g = kg::graph::Graph::Open(cfg.dir + "/bulk", oo);
    if (!g.ok()) Die(g.status().ToString());
    std::mt19937_64 rng(42);
    auto t = Now();
    // Finish includes the compaction that merges the overlapping chunks.
    auto loader = kg::graph::BulkLoader::Start(g->get(), {});
    if (!loader.ok()) Die(loader.status().ToString());
    for (uint64_t d = 0; d < docs; ++d) {
      auto r = (*loader)->Add(MakeDoc(d, nodes, rng));
      if (!r.ok()) Die(r.status().ToString());
    }
    auto s = (*loader)->Finish();
    if (!s.ok()) Die(s.ToString());
    bulk_s = Since(t) - gen_s;
    auto st = (*g)->Stats();
    std::printf("bulk path (compaction included): %llu edges in %.2f s = %.0f edges/s (%llu chunks, %llu SST files)\n",
                (unsigned long long)st->edges, bulk_s, st->edges / bulk_s,
                (unsigned long long)(*loader)->stats().chunks,
                (unsigned long long)(*loader)->stats().sst_files);
    if (st->nodes != nodes || st->edges != edges || st->provenance != edges) {
      Die("unexpected graph size: " + std::to_string(st->nodes) + " nodes " +
          std::to_string(st->edges) + " edges");
    }
  }

  // ---- Baseline: the same bytes through plain RocksDB ---------------------
  std::vector<std::string> families;
  {
    rocksdb::DBOptions o;
    auto s = rocksdb::DB::ListColumnFamilies(o, cfg.dir + "/bulk", &families);
    if (!s.ok()) Die(s.ToString());
  }
  uint64_t entries = 0, bytes = 0;
  double raw_batch_s = 0, raw_sst_s = 0;
  {
    RawDb src, dst, sst;
    OpenRaw(cfg.dir + "/bulk", false, &src, families);
    OpenRaw(cfg.dir + "/raw-batch", true, &dst, families);
    OpenRaw(cfg.dir + "/raw-sst", true, &sst, families);
    // One family at a time (to bound memory): read it (untimed), then time
    // writing the same entries with WriteBatches of one document's average
    // size, and as one sorted SST file; all SST files are ingested together.
    uint64_t total_entries = 0;
    for (size_t f = 0; f < families.size(); ++f) {
      std::unique_ptr<rocksdb::Iterator> it(src.db->NewIterator(rocksdb::ReadOptions(), src.handles[f]));
      for (it->SeekToFirst(); it->Valid(); it->Next()) ++total_entries;
    }
    const uint64_t per_batch = std::max<uint64_t>(1, total_entries / docs);
    rocksdb::WriteOptions wo;
    wo.sync = false;
    std::vector<rocksdb::IngestExternalFileArg> args;
    for (size_t f = 0; f < families.size(); ++f) {
      std::vector<std::pair<std::string, std::string>> kv;
      std::unique_ptr<rocksdb::Iterator> it(src.db->NewIterator(rocksdb::ReadOptions(), src.handles[f]));
      for (it->SeekToFirst(); it->Valid(); it->Next()) {
        kv.emplace_back(it->key().ToString(), it->value().ToString());
        bytes += it->key().size() + it->value().size();
        ++entries;
      }
      if (kv.empty()) continue;
      auto t = Now();
      rocksdb::WriteBatch wb;
      for (const auto& [k, v] : kv) {
        wb.Put(dst.handles[f], k, v);
        if (wb.Count() >= per_batch) {
          dst.db->Write(wo, &wb);
          wb.Clear();
        }
      }
      if (wb.Count()) dst.db->Write(wo, &wb);
      raw_batch_s += Since(t);
      t = Now();
      rocksdb::SstFileWriter w{rocksdb::EnvOptions(), rocksdb::Options()};
      std::string path = cfg.dir + "/raw-" + families[f] + ".sst";
      if (!w.Open(path).ok()) Die("sst open");
      for (const auto& [k, v] : kv) w.Put(k, v);
      if (!w.Finish().ok()) Die("sst finish");
      raw_sst_s += Since(t);
      rocksdb::IngestExternalFileArg a;
      a.column_family = sst.handles[f];
      a.external_files = {path};
      a.options.move_files = true;
      args.push_back(a);
    }
    auto t = Now();
    auto s = sst.db->IngestExternalFiles(args);
    if (!s.ok()) Die(s.ToString());
    raw_sst_s += Since(t);
  }
  const double raw_batch_rate = edges / raw_batch_s, raw_sst_rate = edges / raw_sst_s;
  std::printf("graph bytes: %llu key/value entries, %.1f MB (%.0f bytes per edge)\n",
              (unsigned long long)entries, bytes / 1e6, double(bytes) / edges);
  std::printf("plain RocksDB WriteBatch, same bytes: %.2f s = %.0f edge-equivalents/s\n",
              raw_batch_s, raw_batch_rate);
  std::printf("plain RocksDB SstFileWriter+ingest, same bytes: %.2f s = %.0f edge-equivalents/s\n",
              raw_sst_s, raw_sst_rate);
  std::printf("RATIO normal path / plain WriteBatch: %.2fx slower\n",
              raw_batch_rate / (normal_edges_loaded / normal_s));
  std::printf("RATIO bulk path / plain SstFileWriter: %.2fx slower\n", raw_sst_rate / (edges / bulk_s));
  std::printf("RATIO bulk path / normal path: %.2fx faster\n",
              (edges / bulk_s) / (normal_edges_loaded / normal_s));

  // ---- Reads on the bulk-loaded graph ----------------------------------------
  {
    auto g = kg::graph::Graph::Open(cfg.dir + "/bulk", oo);
    if (!g.ok()) Die(g.status().ToString());
    std::mt19937_64 rng(7);
    const int kSamples = 100000;
    std::vector<kg::graph::NodeId> starts(kSamples);
    for (auto& n : starts) n = 1 + rng() % nodes;
    // Warm-up pass, then the timed one.
    uint64_t scanned = 0;
    for (int pass = 0; pass < 2; ++pass) {
      scanned = 0;
      auto t = Now();
      for (auto n : starts) {
        for (auto c = (*g)->OutEdges(n); c->Valid(); c->Next()) scanned += c->edge().target != 0;
      }
      double s = Since(t);
      if (pass == 1) {
        std::printf("1-hop out-edge scan (kg OutEdges): %llu edges from %d nodes, %.1f ns/edge, %.2f us/node\n",
                    (unsigned long long)scanned, kSamples, s * 1e9 / scanned, s * 1e6 / kSamples);
        // Baseline: raw RocksDB prefix scans over the same out keys.
        auto raw_holder = std::make_unique<RawDb>();
        RawDb& raw = *raw_holder;
        g->reset();
        OpenRaw(cfg.dir + "/bulk", false, &raw, families);
        size_t out_cf = 0;
        for (size_t f = 0; f < families.size(); ++f) if (families[f] == "out") out_cf = f;
        uint64_t raw_scanned = 0;
        double rs = 0;
        for (int rp = 0; rp < 2; ++rp) {
          raw_scanned = 0;
          auto rt = Now();
          for (auto n : starts) {
            char prefix[8];
            for (int i = 0; i < 8; ++i) prefix[i] = static_cast<char>(n >> (56 - 8 * i));
            std::string upper(prefix, 8);
            for (int i = 7; i >= 0; --i) { if (static_cast<uint8_t>(upper[i]) != 0xFF) { upper[i]++; break; } upper[i] = 0; }
            rocksdb::Slice ub(upper);
            rocksdb::ReadOptions ro;
            ro.iterate_upper_bound = &ub;
            std::unique_ptr<rocksdb::Iterator> it(raw.db->NewIterator(ro, raw.handles[out_cf]));
            for (it->Seek(rocksdb::Slice(prefix, 8)); it->Valid(); it->Next()) raw_scanned += it->key().size() == 28;
          }
          rs = Since(rt);
        }
        std::printf("1-hop baseline (raw RocksDB prefix scan): %.1f ns/edge\n", rs * 1e9 / raw_scanned);
        std::printf("RATIO 1-hop scan kg / raw: %.2fx\n", (s / scanned) / (rs / raw_scanned));
        // Name lookups: kg FindByName vs raw seek in the names family.
        size_t names_cf = 0;
        for (size_t f = 0; f < families.size(); ++f) if (families[f] == "names") names_cf = f;
        std::vector<std::string> lookups(kSamples);
        for (auto& l : lookups) l = EntityName(rng() % nodes);
        double raw_lookup = 0;
        uint64_t raw_found = 0;
        for (int rp = 0; rp < 2; ++rp) {
          raw_found = 0;
          auto rt = Now();
          for (const auto& name : lookups) {
            std::string folded = name;
            for (char& ch : folded) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            folded.push_back('\0');
            std::unique_ptr<rocksdb::Iterator> it(raw.db->NewIterator(rocksdb::ReadOptions(), raw.handles[names_cf]));
            it->Seek(folded);
            raw_found += it->Valid() && it->key().starts_with(folded);
          }
          raw_lookup = Since(rt);
        }
        raw_holder.reset();
        auto g2 = kg::graph::Graph::Open(cfg.dir + "/bulk", oo);
        if (!g2.ok()) Die(g2.status().ToString());
        double kg_lookup = 0;
        uint64_t found = 0;
        for (int kp = 0; kp < 2; ++kp) {
          found = 0;
          auto kt = Now();
          for (const auto& name : lookups) found += (*g2)->FindByName(name)->size();
          kg_lookup = Since(kt);
        }
        std::printf("lookup by name (kg FindByName): %.2f us/lookup (%llu/%d found)\n",
                    kg_lookup * 1e6 / kSamples, (unsigned long long)found, kSamples);
        std::printf("lookup baseline (raw RocksDB seek): %.2f us/lookup (%llu found)\n",
                    raw_lookup * 1e6 / kSamples, (unsigned long long)raw_found);
        std::printf("RATIO lookup kg / raw: %.2fx\n", kg_lookup / raw_lookup);
        break;
      }
    }
  }
  fs::remove_all(cfg.dir);
  return 0;
}
