// kg ingest PATH...: read articles, extract claims, store them with provenance.
//
// Documents are read on one thread, extracted on --threads workers (default:
// one per core) and stored by one writer in input order, so the graph, its
// ids and its entity resolution do not depend on the number of threads. At
// most a few documents per thread are in flight: memory stays flat on any
// input. Each document is written as one atomic batch (or, with --bulk, in
// sorted SST chunks). Bad inputs are named on stderr and skipped; the others are
// still stored. Exit 0 = all stored, 3 = some rejected, 1 = none stored or a
// database error, 2 = usage.
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include "cli/commands.h"
#include "common/ordered_pipeline.h"
#include "extract/extractor.h"
#include "extract/reader.h"
#include "graph/bulk_loader.h"
#include "graph/graph.h"

namespace kg::cli {
namespace {

// Inputs larger than this take the bulk path unless --no-bulk says otherwise.
constexpr uint64_t kAutoBulkBytes = uint64_t{512} << 20;

struct IngestFlags {
  std::vector<std::string> paths;
  bool bulk = false;
  bool no_bulk = false;
  bool verbose = false;
  bool no_sync = false;
  int threads = 0;  // 0 = one per core
  bool wait = false;  // wait for another process's write lock instead of failing
};

// A document (or a rejection) read, on its way to a worker.
struct Item {
  size_t file = 0;  // index into the expanded file list
  std::string source;
  Status status;    // a rejection by the reader
  Document document;
  bool stored_before = false;
};

// What a worker made of an Item, on its way to the writer.
struct Done {
  size_t file = 0;
  std::string source;
  Status status;  // a rejection (reader or extractor)
  bool stored_before = false;
  std::string id;  // when stored_before
  std::optional<Extraction> extraction;
  size_t text_bytes = 0;
};

// The progress line on a terminal: articles, articles/s, claims (distinct
// edges) and their sources (claims read), ETA.
class Progress {
 public:
  Progress(bool on, uint64_t input_bytes)
      : on_(on), input_bytes_(input_bytes), started_(std::chrono::steady_clock::now()) {}

  // One more item consumed from the file that starts at `file_start` bytes
  // into the input (text bytes approximate how far into the file it is).
  void Advance(uint64_t file_start, size_t text_bytes) {
    if (file_start != file_start_) {
      file_start_ = file_start;
      in_file_ = 0;
    }
    in_file_ += text_bytes;
  }

  void Show(uint64_t articles, uint64_t claims, uint64_t sources, const std::string& source) {
    if (!on_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double seconds = std::chrono::duration<double>(now - started_).count();
    double rate = seconds > 0 ? static_cast<double>(articles) / seconds : 0;
    double done = std::min<double>(static_cast<double>(file_start_ + in_file_),
                                   static_cast<double>(input_bytes_));
    std::string eta = "?";
    if (done > 0 && input_bytes_ > 0) {
      auto left = static_cast<long>(seconds * (static_cast<double>(input_bytes_) / done - 1));
      char buf[32];
      std::snprintf(buf, sizeof buf, "%ld:%02ld", std::max(0L, left) / 60, std::max(0L, left) % 60);
      eta = buf;
    }
    char line[192];
    std::snprintf(line, sizeof line, "%llu articles, %.1f/s, %llu claims (%llu sources), ETA %s  ",
                  static_cast<unsigned long long>(articles), rate,
                  static_cast<unsigned long long>(claims), static_cast<unsigned long long>(sources),
                  eta.c_str());
    std::cerr << "\r\033[K" << line << source.substr(0, 60) << std::flush;
  }

  void Clear() {
    if (on_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  bool on_;
  uint64_t input_bytes_;
  std::chrono::steady_clock::time_point started_, last_{};
  uint64_t file_start_ = 0, in_file_ = 0;
};

int RunIngest(const IngestFlags& flags, const Context& context) {
  auto started = std::chrono::steady_clock::now();
  if (flags.threads < 0) {
    std::cerr << "kg ingest: --threads must be 0 (all cores) or more\n";
    return kExitUsage;
  }
  const int threads = flags.threads > 0
                          ? flags.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  graph::OpenOptions open;
  open.sync_writes = !flags.no_sync;
  auto graph = graph::Graph::Open(context.db, open);
  // --wait: another kg (an ingest, a REPL that wrote) holds the write lock;
  // try again until it lets go.
  for (bool said = false; flags.wait && !graph.ok() && graph.status().IsBusy();) {
    if (!said && !context.quiet)
      std::cerr << "kg ingest: " << graph.status().message() << "; waiting for it (Ctrl-C stops)\n";
    said = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    graph = graph::Graph::Open(context.db, open);
  }
  if (!graph.ok()) {
    std::cerr << "kg ingest: " << graph.status().message() << "\n";
    return kExitError;
  }
  auto extractor = extract::MakeDefaultExtractor({});
  if (!extractor.ok()) {
    std::cerr << "kg ingest: cannot load the extractor: " << extractor.status().message() << "\n";
    return kExitError;
  }
  extract::Reader reader;
  std::vector<extract::ReadResult> missing;
  std::vector<std::string> files = reader.Expand(flags.paths, &missing);
  // Input bytes before each file (for the progress line's ETA) and in all.
  std::vector<uint64_t> bytes_before(files.size() + 1, 0);
  for (size_t i = 0; i < files.size(); ++i) {
    struct stat st;
    uint64_t size = ::stat(files[i].c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
    bytes_before[i + 1] = bytes_before[i] + size;
  }
  const uint64_t input_bytes = bytes_before.back();
  bool use_bulk = flags.bulk || (!flags.no_bulk && input_bytes > kAutoBulkBytes);
  if (use_bulk && !flags.bulk && !context.quiet) {
    std::cerr << "kg ingest: " << input_bytes / (1 << 20)
              << " MB of input: using the bulk path (--no-bulk to avoid)\n";
  }
  std::unique_ptr<graph::BulkLoader> bulk;
  if (use_bulk) {
    auto loader = graph::BulkLoader::Start(graph->get(), {});
    if (!loader.ok()) {
      std::cerr << "kg ingest: " << loader.status().message() << "\n";
      return kExitError;
    }
    bulk = std::move(*loader);
  }

  uint64_t stored = 0, unchanged = 0, rejected = 0;
  graph::AddSummary total;
  bool progress = !context.quiet && isatty(STDERR_FILENO);
  Status fatal;

  auto reject = [&](const Status& why) {
    ++rejected;
    if (progress) std::cerr << "\r\033[K";
    std::cerr << "kg ingest: rejected " << why.message() << "\n";
  };
  for (const auto& m : missing) reject(m.status);

  Progress meter(progress, input_bytes);

  // Reading (one thread) -> extraction (flags.threads workers) -> storing
  // (this thread, in input order: ids and entity resolution across documents
  // are the same whatever the number of threads).
  const extract::Extractor& x_engine = **extractor;
  auto produce = [&](auto& emit) {
    for (size_t f = 0; f < files.size(); ++f) {
      bool go_on = true;
      reader.ReadFile(files[f], [&](extract::ReadResult r) {
        if (!go_on) return;
        Item item;
        item.file = f;
        item.source = std::move(r.source);
        item.status = std::move(r.status);
        item.document = std::move(r.document);
        // Same content already stored: nothing to extract or write.
        item.stored_before = item.status.ok() && !bulk &&
                             (*graph)->GetDocument(item.document.id).ok();
        go_on = emit(std::move(item));
      });
      if (!go_on) return;
    }
  };
  auto work = [&](Item&& item) {
    Done done;
    done.file = item.file;
    done.source = std::move(item.source);
    done.stored_before = item.stored_before;
    done.text_bytes = item.document.text.size();
    if (!item.status.ok()) {
      done.status = std::move(item.status);
    } else if (!item.stored_before) {
      auto x = x_engine.Extract(item.document);
      if (x.ok()) {
        done.extraction = std::move(*x);
      } else {
        done.status = x.status().WithContext(done.source + ": extraction failed");
      }
    } else {
      done.id = item.document.id;
    }
    return done;
  };
  auto consume = [&](Done&& d) -> bool {
    meter.Advance(bytes_before[d.file], d.text_bytes);
    if (!d.status.ok()) {
      reject(d.status);
      return true;
    }
    if (d.stored_before) {
      ++unchanged;
      if (flags.verbose) std::cout << "unchanged " << d.id << " " << d.source << std::endl;
      return true;
    }
    const Extraction& x = *d.extraction;
    auto summary = bulk ? bulk->Add(x) : (*graph)->AddExtraction(x);
    if (!summary.ok()) {
      if (summary.status().IsInvalidArgument()) {
        reject(summary.status().WithContext(d.source));
        return true;
      }
      fatal = summary.status().WithContext(d.source);
      return false;
    }
    if (summary->unchanged) {
      ++unchanged;
    } else {
      ++stored;
      total.new_nodes += summary->new_nodes;
      total.new_edges += summary->new_edges;
      total.new_provenance += summary->new_provenance;
      total.new_mentions += summary->new_mentions;
    }
    // The acknowledgement: printed only once the document is durable.
    if (flags.verbose && !bulk) {
      std::cout << (summary->unchanged ? "unchanged " : "stored ") << x.document.id << " "
                << d.source << std::endl;
    }
    meter.Show(stored + unchanged, total.new_edges, total.new_provenance, d.source);
    return true;
  };
  RunOrdered<Item, Done>({threads, 0}, produce, work, consume);

  if (bulk && fatal.ok()) fatal = bulk->Finish();
  meter.Clear();
  if (!fatal.ok()) {
    std::cerr << "kg ingest: " << fatal.message() << "\n";
    return kExitError;
  }
  if (stored > 0)
    if (int code = ReapplyCurationAfter(**graph, context, "ingest"); code != kExitOk) return code;
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!context.quiet) {
    char time[64];
    std::snprintf(time, sizeof time, "%.1f s, %.1f articles/s", seconds,
                  seconds > 0 ? static_cast<double>(stored + unchanged) / seconds : 0.0);
    std::cerr << "ingest: " << stored << " documents stored, " << unchanged << " unchanged, "
              << rejected << " rejected; +" << total.new_nodes << " nodes, +"
              << total.new_edges << " claims, +" << total.new_provenance << " sources in " << time
              << " (extractor " << ExtractorLabel((*extractor)->name(), (*extractor)->version()) << ", "
              << threads << (threads == 1 ? " thread" : " threads") << (bulk ? ", bulk" : "")
              << ")\n";
  }
  if (rejected == 0) return kExitOk;
  return stored + unchanged > 0 ? kExitPartial : kExitError;
}

}  // namespace

void RegisterIngest(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand("ingest", "Read articles, extract claims and store them");
  auto flags = std::make_shared<IngestFlags>();
  cmd->add_option("PATH", flags->paths, "Files or folders (.txt, .html, .jsonl)")->required();
  cmd->add_flag("--bulk", flags->bulk,
                "Write sorted SST files and ingest them in chunks (automatic above 512 MB of "
                "input)");
  cmd->add_flag("--no-bulk", flags->no_bulk, "Never take the bulk path");
  cmd->add_flag("-v,--verbose", flags->verbose,
                "Print 'stored ID SOURCE' on stdout as each document is committed");
  cmd->add_flag("--no-sync", flags->no_sync, "Do not fsync each document (faster, less safe)");
  cmd->add_flag("--wait", flags->wait,
                "When another kg process is writing to the database, wait for it instead of failing");
  cmd->add_option("-j,--threads", flags->threads,
                  "Extraction threads (default 0: one per core); the result is the same for "
                  "any number");
  cmd->callback([flags, &context] { context.exit_code = RunIngest(*flags, context); });
}

}  // namespace kg::cli
