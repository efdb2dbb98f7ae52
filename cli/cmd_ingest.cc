// kg ingest PATH...: read articles, extract claims, store them with provenance.
//
// Each document is written as one atomic batch (or, with --bulk, in sorted
// SST chunks). Bad inputs are named on stderr and skipped; the others are
// still stored. Exit 0 = all stored, 3 = some rejected, 1 = none stored or a
// database error, 2 = usage.
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/commands.h"
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
};

int RunIngest(const IngestFlags& flags, const Context& context) {
  auto started = std::chrono::steady_clock::now();
  graph::OpenOptions open;
  open.sync_writes = !flags.no_sync;
  auto graph = graph::Graph::Open(context.db, open);
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
  uint64_t input_bytes = 0;
  for (const auto& f : files) {
    struct stat st;
    if (::stat(f.c_str(), &st) == 0) input_bytes += static_cast<uint64_t>(st.st_size);
  }
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

  size_t done_files = 0;
  for (const std::string& file : files) {
    if (!fatal.ok()) break;
    ++done_files;
    if (progress) {
      std::cerr << "\r\033[K[" << done_files << "/" << files.size() << "] " << file << std::flush;
    }
    reader.ReadFile(file, [&](extract::ReadResult r) {
      if (!fatal.ok()) return;
      if (!r.status.ok()) {
        reject(r.status);
        return;
      }
      // Same content already stored: nothing to extract or write.
      if (!bulk && (*graph)->GetDocument(r.document.id).ok()) {
        ++unchanged;
        if (flags.verbose) std::cout << "unchanged " << r.document.id << " " << r.source << std::endl;
        return;
      }
      auto x = (*extractor)->Extract(r.document);
      if (!x.ok()) {
        reject(x.status().WithContext(r.source + ": extraction failed"));
        return;
      }
      auto summary = bulk ? bulk->Add(*x) : (*graph)->AddExtraction(*x);
      if (!summary.ok()) {
        if (summary.status().IsInvalidArgument()) {
          reject(summary.status().WithContext(r.source));
        } else {
          fatal = summary.status().WithContext(r.source);
        }
        return;
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
        std::cout << (summary->unchanged ? "unchanged " : "stored ") << x->document.id << " "
                  << r.source << std::endl;
      }
    });
  }
  if (bulk && fatal.ok()) fatal = bulk->Finish();
  if (progress) std::cerr << "\r\033[K" << std::flush;
  if (!fatal.ok()) {
    std::cerr << "kg ingest: " << fatal.message() << "\n";
    return kExitError;
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!context.quiet) {
    char time[32];
    std::snprintf(time, sizeof time, "%.1f", seconds);
    std::cerr << "ingest: " << stored << " documents stored, " << unchanged << " unchanged, "
              << rejected << " rejected; +" << total.new_nodes << " nodes, +"
              << total.new_edges << " claims, +" << total.new_provenance << " sources in " << time
              << " s (extractor " << (*extractor)->name() << " " << (*extractor)->version()
              << (bulk ? ", bulk" : "") << ")\n";
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
  cmd->callback([flags, &context] { context.exit_code = RunIngest(*flags, context); });
}

}  // namespace kg::cli
