// kg load FILE...: store what `kg extract` wrote (mapper output), or a graph
// given as node and edge CSV files (the shapes `kg export --format csv`
// writes: neo4j-admin and Kùzu).
//
//   kg extract < part-0.jsonl > x0.jsonl ...    (anywhere: a cluster's mappers)
//   kg load x3.jsonl x0.jsonl x1.jsonl x2.jsonl  (any number of shards, any order)
//   kg load out/                                 (a folder with nodes.csv, edges.csv)
//   kg load --label Entity --type R nodes.csv edges.csv
//
// Extraction records are stored in the order of their sources (the input
// file and line each document was read from), whatever the order of the
// shards, so the graph, its ids and its entity resolution across documents
// are those `kg ingest` gives for the same input. The records are read
// twice: first every one is checked (a bad one is named as file:line and
// left out), then they are stored in order, parsed on --threads workers.
// Above 64 MB of records (or with --bulk) they go through the SST bulk path.
//
// CSV files go through graph/csv_import.h: sorted SST files and one atomic
// ingestion.
//
// Exit: 0 all loaded, 3 some records or rows rejected (the others loaded),
// 1 nothing loaded or a database error, 2 usage.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "common/extraction_record.h"
#include "common/ordered_pipeline.h"
#include "graph/bulk_loader.h"
#include "graph/csv_import.h"
#include "graph/graph.h"

namespace kg::cli {
namespace {

// Records above this many bytes take the bulk path unless --no-bulk.
constexpr uint64_t kAutoBulkBytes = uint64_t{64} << 20;

struct LoadFlags {
  std::vector<std::string> paths;
  bool bulk = false;
  bool no_bulk = false;
  bool verbose = false;
  bool no_sync = false;
  int threads = 0;
  std::string label = "Entity";
  std::string type = "RELATED";
};

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Where one good record is, and what orders it.
struct Entry {
  std::string source, id;
  uint32_t file = 0;
  uint64_t offset = 0, length = 0, line = 0;
};

// One line of a record file, on its way to be checked.
struct Line {
  uint32_t file = 0;
  uint64_t offset = 0, line = 0;
  std::string text;
};

// A checked line: its entry, or why it was refused.
struct Checked {
  Status status;
  Entry entry;
};

std::string Where(const std::vector<std::string>& files, uint32_t file, uint64_t line) {
  return files[file] + ":" + std::to_string(line);
}

int LoadRecords(const LoadFlags& flags, const Context& context,
                const std::vector<std::string>& files, int threads) {
  auto started = Clock::now();
  uint64_t rejected = 0;
  auto reject = [&](const std::string& why) {
    ++rejected;
    std::cerr << "kg load: rejected " << why << "\n";
  };

  // Pass 1: check every record, index the good ones.
  uint64_t input_bytes = 0;
  std::vector<Entry> entries;
  auto produce = [&](auto& emit) {
    for (uint32_t f = 0; f < files.size(); ++f) {
      std::ifstream in(files[f], std::ios::binary);
      if (!in) {
        emit(Line{f, 0, 0, std::string("\x01") + std::strerror(errno)});
        continue;
      }
      std::string text;
      uint64_t offset = 0, line = 0;
      while (std::getline(in, text)) {
        ++line;
        uint64_t length = text.size() + 1;
        if (text.find_first_not_of(" \t\r") != std::string::npos) {
          if (!emit(Line{f, offset, line, std::move(text)})) return;
        }
        offset += length;
      }
      input_bytes += offset;
    }
  };
  auto check = [&](Line&& l) -> Checked {
    Checked c;
    c.entry.file = l.file;
    c.entry.line = l.line;
    if (l.line == 0) {
      c.status = Status::IOError(files[l.file] + ": cannot read: " + l.text.substr(1));
      return c;
    }
    Result<Extraction> x = DecodeRecord(l.text);
    if (!x.ok()) {
      c.status = x.status().WithContext(Where(files, l.file, l.line));
      return c;
    }
    c.entry.source = std::move(x->document.source);
    c.entry.id = std::move(x->document.id);
    c.entry.offset = l.offset;
    c.entry.length = l.text.size();
    return c;
  };
  auto collect = [&](Checked&& c) {
    if (!c.status.ok()) {
      reject(c.status.message());
    } else {
      entries.push_back(std::move(c.entry));
    }
    return true;
  };
  RunOrdered<Line, Checked>({threads, 0}, produce, check, collect);
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return SourceBefore(a.source, a.id, b.source, b.id);
  });

  if (entries.empty()) {
    // Nothing to store: the database is not even opened (or created).
    std::cerr << "kg load: no record to store (" << rejected << " rejected)\n";
    return rejected ? kExitError : kExitOk;
  }

  // Pass 2: store them in order.
  graph::OpenOptions open;
  open.sync_writes = !flags.no_sync;
  auto graph = graph::Graph::Open(context.db, open);
  if (!graph.ok()) {
    std::cerr << "kg load: " << graph.status().message() << "\n";
    return kExitError;
  }
  bool use_bulk = flags.bulk || (!flags.no_bulk && input_bytes > kAutoBulkBytes);
  std::unique_ptr<graph::BulkLoader> bulk;
  if (use_bulk) {
    auto loader = graph::BulkLoader::Start(graph->get(), {});
    if (!loader.ok()) {
      std::cerr << "kg load: " << loader.status().message() << "\n";
      return kExitError;
    }
    bulk = std::move(*loader);
  }
  std::vector<int> fds(files.size(), -1);
  for (size_t f = 0; f < files.size(); ++f) fds[f] = ::open(files[f].c_str(), O_RDONLY);

  uint64_t stored = 0, unchanged = 0;
  graph::AddSummary total;
  Status fatal;
  auto produce_sorted = [&](auto& emit) {
    for (const Entry& e : entries)
      if (!emit(&e)) return;
  };
  auto parse = [&](const Entry* e) -> std::pair<const Entry*, Result<Extraction>> {
    std::string text(e->length, '\0');
    ssize_t got = fds[e->file] < 0 ? -1
                                   : ::pread(fds[e->file], text.data(), text.size(),
                                             static_cast<off_t>(e->offset));
    if (got != static_cast<ssize_t>(text.size())) {
      return {e, Status::IOError(Where(files, e->file, e->line) + ": the file changed while "
                                 "it was loaded")};
    }
    Result<Extraction> x = DecodeRecord(text);
    if (!x.ok()) return {e, x.status().WithContext(Where(files, e->file, e->line))};
    return {e, std::move(x)};
  };
  auto store = [&](std::pair<const Entry*, Result<Extraction>>&& p) {
    const Entry& e = *p.first;
    if (!p.second.ok()) {
      reject(p.second.status().message());
      return true;
    }
    const Extraction& x = *p.second;
    auto summary = bulk ? bulk->Add(x) : (*graph)->AddExtraction(x);
    if (!summary.ok()) {
      if (summary.status().IsInvalidArgument()) {
        reject(summary.status().WithContext(Where(files, e.file, e.line)).message());
        return true;
      }
      fatal = summary.status().WithContext(Where(files, e.file, e.line));
      return false;
    }
    if (summary->unchanged) {
      ++unchanged;
    } else {
      ++stored;
      total.new_nodes += summary->new_nodes;
      total.new_edges += summary->new_edges;
      total.new_provenance += summary->new_provenance;
    }
    // The acknowledgement: printed only once the document is durable.
    if (flags.verbose && !bulk) {
      std::cout << (summary->unchanged ? "unchanged " : "stored ") << x.document.id << " "
                << x.document.source << std::endl;
    }
    return true;
  };
  RunOrdered<const Entry*, std::pair<const Entry*, Result<Extraction>>>({threads, 0},
                                                                        produce_sorted, parse, store);
  for (int fd : fds)
    if (fd >= 0) ::close(fd);
  if (bulk && fatal.ok()) fatal = bulk->Finish();
  if (!fatal.ok()) {
    std::cerr << "kg load: " << fatal.message() << "\n";
    return kExitError;
  }
  if (stored > 0)
    if (int code = ReapplyCurationAfter(**graph, context, "load"); code != kExitOk) return code;
  double seconds = Seconds(started);
  if (!context.quiet) {
    char time[64];
    std::snprintf(time, sizeof time, "%.1f s, %.1f documents/s", seconds,
                  seconds > 0 ? static_cast<double>(stored + unchanged) / seconds : 0.0);
    std::cerr << "load: " << stored << " documents stored, " << unchanged << " unchanged, "
              << rejected << " rejected; +" << total.new_nodes << " nodes, +" << total.new_edges
              << " claims, +" << total.new_provenance << " sources in " << time
              << (bulk ? " (bulk)" : "") << "\n";
  }
  if (rejected == 0) return kExitOk;
  return stored + unchanged > 0 ? kExitPartial : kExitError;
}

int LoadCsv(const LoadFlags& flags, const Context& context, const std::vector<std::string>& nodes,
            const std::vector<std::string>& edges, int threads) {
  auto started = Clock::now();
  if (nodes.empty()) {
    std::cerr << "kg load: no node file among the CSV files (edges refer to the nodes loaded "
                 "with them)\n";
    return kExitUsage;
  }
  graph::OpenOptions open;
  open.sync_writes = !flags.no_sync;
  auto graph = graph::Graph::Open(context.db, open);
  if (!graph.ok()) {
    std::cerr << "kg load: " << graph.status().message() << "\n";
    return kExitError;
  }
  graph::CsvImportOptions options;
  options.label = flags.label;
  options.type = flags.type;
  options.threads = threads;
  auto summary = graph::ImportCsv(graph->get(), nodes, edges, options);
  if (!summary.ok()) {
    std::cerr << "kg load: " << summary.status().message() << "\n";
    return kExitError;
  }
  if (summary->nodes + summary->edges > 0)
    if (int code = ReapplyCurationAfter(**graph, context, "load"); code != kExitOk) return code;
  for (const std::string& p : summary->problems) std::cerr << "kg load: rejected " << p << "\n";
  if (summary->bad_rows > summary->problems.size()) {
    std::cerr << "kg load: ... and " << summary->bad_rows - summary->problems.size()
              << " more bad rows\n";
  }
  if (!context.quiet) {
    char line[256];
    std::snprintf(line, sizeof line,
                  "load: %llu nodes, %llu edges, %llu bad rows in %.1f s (parse %.0f ms, sort "
                  "%.0f ms, write %.0f ms, ingest %.0f ms)\n",
                  static_cast<unsigned long long>(summary->nodes),
                  static_cast<unsigned long long>(summary->edges),
                  static_cast<unsigned long long>(summary->bad_rows), Seconds(started),
                  summary->parse_ms, summary->sort_ms, summary->write_ms, summary->ingest_ms);
    std::cerr << line;
  }
  if (summary->bad_rows == 0) return kExitOk;
  return summary->nodes + summary->edges > 0 ? kExitPartial : kExitError;
}

int RunLoad(const LoadFlags& flags, const Context& context) {
  if (flags.threads < 0) {
    std::cerr << "kg load: --threads must be 0 (all cores) or more\n";
    return kExitUsage;
  }
  const int threads = flags.threads > 0
                          ? flags.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::string> records, node_csv, edge_csv;
  auto is_csv = [](const std::string& p) {
    return p.size() > 4 && p.compare(p.size() - 4, 4, ".csv") == 0;
  };
  for (const std::string& path : flags.paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      if (std::filesystem::exists(path + "/nodes.csv")) {
        node_csv.push_back(path + "/nodes.csv");
        if (std::filesystem::exists(path + "/edges.csv")) edge_csv.push_back(path + "/edges.csv");
        continue;
      }
      std::vector<std::string> inside;
      for (const auto& e : std::filesystem::directory_iterator(path, ec)) {
        std::string name = e.path().filename().string();
        if (e.is_regular_file() && !name.empty() && name[0] != '.') inside.push_back(e.path());
      }
      std::sort(inside.begin(), inside.end());
      records.insert(records.end(), inside.begin(), inside.end());
    } else if (!std::filesystem::exists(path, ec)) {
      std::cerr << "kg load: " << path << ": no such file or folder\n";
      return kExitError;
    } else if (is_csv(path)) {
      (graph::IsEdgeCsv(path) ? edge_csv : node_csv).push_back(path);
    } else {
      records.push_back(path);
    }
  }
  if (!records.empty() && !(node_csv.empty() && edge_csv.empty())) {
    std::cerr << "kg load: give extraction records or CSV files, not both at once\n";
    return kExitUsage;
  }
  if (!records.empty()) return LoadRecords(flags, context, records, threads);
  return LoadCsv(flags, context, node_csv, edge_csv, threads);
}

}  // namespace

void RegisterLoad(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand(
      "load", "Store kg extract's records (shards in any order), or node/edge CSV files");
  auto flags = std::make_shared<LoadFlags>();
  cmd->add_option("FILE", flags->paths,
                  "Record files from kg extract, or CSV files / a folder with nodes.csv and "
                  "edges.csv")
      ->required();
  cmd->add_flag("--bulk", flags->bulk,
                "Store records through sorted SST files (automatic above 64 MB)");
  cmd->add_flag("--no-bulk", flags->no_bulk, "Never take the bulk path for records");
  cmd->add_flag("-v,--verbose", flags->verbose,
                "Print 'stored ID SOURCE' on stdout as each document is committed");
  cmd->add_flag("--no-sync", flags->no_sync, "Do not fsync each document (faster, less safe)");
  cmd->add_option("-j,--threads", flags->threads, "Parsing threads (default 0: one per core)");
  cmd->add_option("--label", flags->label,
                  "Label of CSV nodes without a :LABEL column (default Entity)");
  cmd->add_option("--type", flags->type,
                  "Type of CSV edges without a :TYPE column (default RELATED)");
  cmd->callback([flags, &context] { context.exit_code = RunLoad(*flags, context); });
}

}  // namespace kg::cli
