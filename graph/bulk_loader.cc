#include "graph/bulk_loader.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <vector>

#include "graph/graph_state.h"
#include "graph/rocks_graph.h"

namespace kg::graph {
namespace {

using storage::Family;
using storage::kFamilyCount;

// Buffers a chunk's writes per family.
class ChunkSink : public internal::Sink {
 public:
  void Put(Family family, std::string key, std::string value) override {
    bytes_ += key.size() + value.size();
    entries_[static_cast<int>(family)].emplace_back(std::move(key), std::move(value));
  }
  size_t bytes() const { return bytes_; }
  std::vector<std::pair<std::string, std::string>>& entries(int family) { return entries_[family]; }
  void Clear() {
    for (auto& e : entries_) {
      e.clear();
      e.shrink_to_fit();
    }
    bytes_ = 0;
  }

 private:
  std::array<std::vector<std::pair<std::string, std::string>>, kFamilyCount> entries_;
  size_t bytes_ = 0;
};

class Loader : public BulkLoader {
 public:
  Loader(internal::RocksGraph* graph, BulkOptions options, std::string temp_dir)
      : graph_(graph),
        options_(std::move(options)),
        temp_dir_(std::move(temp_dir)),
        plan_(graph->store(), &graph->dictionary(), graph->counters()) {}

  ~Loader() override {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
  }

  Result<AddSummary> Add(const Extraction& extraction) override {
    if (finished_) return Status::InvalidArgument("bulk load already finished");
    auto summary = plan_.Add(extraction, internal::NowMs(), &sink_);
    if (!summary.ok()) return summary;
    if (!summary->unchanged) stats_.documents++;
    if (sink_.bytes() >= options_.chunk_bytes) KG_RETURN_IF_ERROR(IngestChunk());
    return summary;
  }

  Status Finish() override {
    if (finished_) return Status::OK();
    finished_ = true;
    KG_RETURN_IF_ERROR(IngestChunk());
    if (options_.compact && stats_.chunks > 1) return graph_->store()->CompactAll();
    return Status::OK();
  }

  const BulkStats& stats() const override { return stats_; }

 private:
  Status IngestChunk() {
    KG_RETURN_IF_ERROR(plan_.Finish(&sink_));
    std::error_code ec;
    std::filesystem::create_directories(temp_dir_, ec);
    if (ec) return Status::IOError("cannot create " + temp_dir_ + ": " + ec.message());
    std::vector<std::pair<Family, std::vector<std::string>>> files;
    for (int f = 0; f < kFamilyCount; ++f) {
      auto& entries = sink_.entries(f);
      if (entries.empty()) continue;
      // A plan writes every key of a chunk once, so plain sorting is enough;
      // a repeated key would be a bug in the plan and is refused below.
      std::sort(entries.begin(), entries.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      std::string path = temp_dir_ + "/chunk" + std::to_string(stats_.chunks) + "-" +
                         storage::FamilyName(static_cast<Family>(f)) + ".sst";
      auto writer = graph_->store()->NewSstWriter(static_cast<Family>(f), path);
      if (!writer.ok()) return writer.status();
      for (size_t i = 0; i < entries.size(); ++i) {
        if (i + 1 < entries.size() && entries[i + 1].first == entries[i].first) {
          return Status::Corruption(std::string("bulk load wrote a key twice in ") +
                                    storage::FamilyName(static_cast<Family>(f)));
        }
        KG_RETURN_IF_ERROR((*writer)->Put(entries[i].first, entries[i].second));
        stats_.bytes += entries[i].first.size() + entries[i].second.size();
      }
      KG_RETURN_IF_ERROR((*writer)->Finish());
      files.push_back({static_cast<Family>(f), {path}});
      stats_.sst_files++;
    }
    KG_RETURN_IF_ERROR(graph_->store()->IngestFiles(files));
    stats_.chunks++;
    graph_->CommitPlan(plan_);
    plan_.Reset();
    sink_.Clear();
    return Status::OK();
  }

  internal::RocksGraph* graph_;
  BulkOptions options_;
  std::string temp_dir_;
  internal::IngestPlan plan_;
  ChunkSink sink_;
  BulkStats stats_;
  bool finished_ = false;
};

}  // namespace

Result<std::unique_ptr<BulkLoader>> BulkLoader::Start(Graph* graph, const BulkOptions& options) {
  auto* rocks = dynamic_cast<internal::RocksGraph*>(graph);
  if (!rocks) return Status::NotSupported("bulk loading needs a RocksDB graph");
  if (rocks->store()->read_only()) return Status::InvalidArgument("database opened read-only");
  std::string temp = options.temp_dir;
  if (temp.empty()) {
    std::filesystem::path db = std::filesystem::absolute(rocks->store()->dir());
    if (!db.has_filename()) db = db.parent_path();
    temp = (db.parent_path() / ("." + db.filename().string() + ".bulk-" +
                                std::to_string(::getpid())))
               .string();
  }
  return std::unique_ptr<BulkLoader>(new Loader(rocks, options, temp));
}

}  // namespace kg::graph
