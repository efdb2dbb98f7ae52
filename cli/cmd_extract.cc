// kg extract: claims without a store, streaming (a Hadoop/Spark mapper).
//
//   kg extract [FILE...|-] [--format record|jsonl|tsv|carb] [--threads N]
//              [--source NAME] [--first-line N | --numbered]
//
// Input: files and folders as `kg ingest` reads them (.txt, .html, .jsonl
// with {"id","url","title","published","publisher","text"|"html"}), or
// stdin ("-" or no FILE): JSON Lines when its first byte is '{' (streamed,
// one record at a time), else one text document. On stdin, --source names
// the input (default <stdin>) and --first-line numbers its first line (a
// shard of a larger file), so sources read "NAME:LINE" as `kg ingest NAME`
// would give them. Documents are extracted on --threads workers (default:
// one per core) and written in input order, flushed after every document.
// Output, on stdout:
//   record one self-contained line per document (common/extraction_record.h):
//          document, entities, claims; what `kg load` reads (the default)
//   jsonl  one claim per line: {"doc":..., "subject":..., "relation":..., spans...}
//   tsv    doc, sentence, subject, relation, object, confidence, negated,
//          modality, attribution
//   carb   input is one PTB-tokenized sentence per line; output is CaRB's
//          tabbed format built from the sentence's own tokens.
// Bad records are reported on stderr with file:line and skipped (exit 3).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "cli/commands.h"
#include "common/extraction_record.h"
#include "common/ordered_pipeline.h"
#include "extract/openie_extractor.h"
#include "extract/reader.h"

namespace kg::cli {
namespace {

struct ExtractArgs {
  std::vector<std::string> files;
  std::string format;
  std::string models;
  int threads = 0;               // 0 = one per core
  std::string source = "<stdin>";  // the name of stdin in sources
  uint64_t first_line = 1;        // the number of stdin's first line
  bool numbered = false;          // stdin lines are "NUMBER<TAB>JSON"
};

void PrintClaims(const Extraction& x, const std::string& format, std::ostream& out) {
  auto name = [&](int i) { return i >= 0 ? x.entities[i].name : std::string(); };
  auto type = [&](int i) {
    return i >= 0 ? std::string(EntityTypeName(x.entities[i].type)) : std::string();
  };
  for (const Claim& c : x.claims) {
    if (format == "tsv") {
      auto clean = [](std::string s) {
        for (char& ch : s)
          if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
        return s;
      };
      out << x.document.id << '\t' << c.sentence << '\t' << clean(name(c.subject)) << '\t'
          << c.relation << '\t' << clean(name(c.object)) << '\t' << c.confidence << '\t'
          << (c.negated ? "negated" : "") << '\t' << c.modality << '\t'
          << clean(c.attribution) << '\n';
      continue;
    }
    nlohmann::json j;
    j["doc"] = x.document.id;
    j["source"] = x.document.source;
    j["sentence"] = c.sentence;
    j["subject"] = name(c.subject);
    j["subject_type"] = type(c.subject);
    j["relation"] = c.relation;
    j["object"] = name(c.object);
    j["object_type"] = type(c.object);
    j["relation_surface"] = c.relation_surface;
    j["subject_span"] = {c.subject_span.begin, c.subject_span.end};
    j["relation_span"] = {c.relation_span.begin, c.relation_span.end};
    j["object_span"] = {c.object_span.begin, c.object_span.end};
    j["sentence_span"] = {c.sentence_span.begin, c.sentence_span.end};
    j["confidence"] = c.confidence;
    j["negated"] = c.negated;
    if (!c.modality.empty()) j["modality"] = c.modality;
    if (!c.attribution.empty()) j["attribution"] = c.attribution;
    nlohmann::json args = nlohmann::json::array();
    for (const ClaimArgument& a : c.arguments)
      args.push_back({{"role", a.role}, {"text", a.text}, {"span", {a.span.begin, a.span.end}}});
    if (!args.empty()) j["arguments"] = args;
    j["extractor"] = ExtractorLabel(x.extractor, x.extractor_version);
    out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  out.flush();
}

// A document read (or a rejection), on its way to a worker.
struct Read {
  Status status;
  Document document;
};

// What a worker made of it.
using Extracted = Result<Extraction>;

int RunExtract(const ExtractArgs& args) {
  if (args.format != "record" && args.format != "jsonl" && args.format != "tsv" &&
      args.format != "carb") {
    std::cerr << "kg extract: --format must be record, jsonl, tsv or carb\n";
    return kExitUsage;
  }
  if (args.threads < 0 || args.first_line < 1) {
    std::cerr << "kg extract: --threads must be 0 or more, --first-line 1 or more\n";
    return kExitUsage;
  }
  const int threads = args.threads > 0
                          ? args.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  Result<std::unique_ptr<extract::OpenIeExtractor>> loaded =
      extract::OpenIeExtractor::Load(args.models);
  if (!loaded.ok()) {
    std::cerr << "kg extract: " << loaded.status().ToString() << "\n";
    return kExitError;
  }
  const extract::OpenIeExtractor& extractor = **loaded;
  std::vector<std::string> files = args.files;
  if (files.empty()) files.push_back("-");
  bool any_bad = false;
  extract::Reader reader;
  if (args.format == "carb") {
    // One PTB-tokenized sentence per line, sequentially.
    for (const std::string& file : files) {
      std::ifstream fin;
      std::istream* in = &std::cin;
      if (file != "-") {
        fin.open(file, std::ios::binary);
        if (!fin) {
          std::cerr << "kg extract: cannot open " << file << "\n";
          any_bad = true;
          continue;
        }
        in = &fin;
      }
      std::string line;
      while (std::getline(*in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        for (const extract::CarbTuple& t : extractor.ExtractCarb(line))
          std::cout << extract::FormatCarbLine(line, t) << '\n';
        std::cout.flush();
      }
    }
    return any_bad ? kExitPartial : kExitOk;
  }

  // Reading (one thread) -> extraction (--threads workers) -> printing (this
  // thread, in input order).
  auto produce = [&](auto& emit) {
    auto push = [&](extract::ReadResult r) {
      return emit(Read{std::move(r.status), std::move(r.document)});
    };
    for (const std::string& file : files) {
      if (file != "-") {
        // Files and folders: the reader (txt, html, jsonl; named errors).
        std::vector<extract::ReadResult> missing;
        std::vector<std::string> expanded = reader.Expand({file}, &missing);
        for (extract::ReadResult& m : missing) {
          if (!push(std::move(m))) return;
        }
        for (const std::string& path : expanded) {
          bool go_on = true;
          reader.ReadFile(path, [&](extract::ReadResult r) {
            if (go_on) go_on = push(std::move(r));
          });
          if (!go_on) return;
        }
        continue;
      }
      // stdin: JSON Lines (streamed, one record at a time) or one text document.
      // Leading blank lines are skipped but still counted (sources name lines).
      uint64_t blank_lines = 0;
      int c = std::cin.peek();
      while (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        if (std::cin.get() == '\n') ++blank_lines;
        c = std::cin.peek();
      }
      if (c == '{' || args.numbered) {
        std::string line;
        uint64_t line_no = args.first_line - 1 + blank_lines;
        while (std::getline(std::cin, line)) {
          ++line_no;
          if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
          std::string_view json = line;
          uint64_t number = line_no;
          if (args.numbered) {
            // "NUMBER<TAB>JSON": the number is the record's line (or byte
            // offset) in the whole input, given by the framework.
            size_t tab = line.find('\t');
            char* end = nullptr;
            number = tab == std::string::npos ? 0 : std::strtoull(line.c_str(), &end, 10);
            if (tab == std::string::npos || end != line.c_str() + tab) {
              if (!push({args.source + ":" + std::to_string(line_no),
                         Status::InvalidArgument("<stdin>:" + std::to_string(line_no) +
                                                 ": --numbered expects NUMBER<TAB>JSON"),
                         {}}))
                return;
              continue;
            }
            json.remove_prefix(tab + 1);
          }
          bool go_on = true;
          reader.ReadJsonLine(json, args.source + ":" + std::to_string(number),
                              [&](extract::ReadResult r) { go_on = push(std::move(r)); });
          if (!go_on) return;
        }
      } else {
        std::string text((std::istreambuf_iterator<char>(std::cin)),
                         std::istreambuf_iterator<char>());
        bool go_on = true;
        reader.ReadBuffer(args.source == "<stdin>" ? "<stdin>.txt" : args.source, std::move(text),
                          [&](extract::ReadResult r) { go_on = push(std::move(r)); });
        if (!go_on) return;
      }
    }
  };
  auto work = [&](Read&& r) -> Extracted {
    if (!r.status.ok()) return r.status;
    Result<Extraction> x = extractor.Extract(r.document);
    if (!x.ok()) return x.status().WithContext(r.document.source);
    return x;
  };
  auto consume = [&](Extracted&& x) -> bool {
    if (!x.ok()) {
      std::cerr << "kg extract: " << x.status().message() << "\n";
      any_bad = true;
      return true;
    }
    if (args.format == "record") {
      std::cout << EncodeRecord(*x) << '\n';
      std::cout.flush();
    } else {
      PrintClaims(*x, args.format, std::cout);
    }
    if (!std::cout) {
      std::cerr << "kg extract: cannot write to stdout\n";
      any_bad = true;
      return false;
    }
    return true;
  };
  RunOrdered<Read, Extracted>({threads, 0}, produce, work, consume);
  return any_bad ? kExitPartial : kExitOk;
}

}  // namespace

void RegisterExtract(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand("extract", "Extract claims without a store (streaming)");
  auto args = std::make_shared<ExtractArgs>();
  cmd->add_option("files", args->files, "Files or folders (.txt, .html, .jsonl); - for stdin");
  cmd->add_option("--format", args->format,
                  "record (default: one line per document, for kg load), jsonl (one claim per "
                  "line), tsv or carb");
  cmd->add_option("-j,--threads", args->threads, "Extraction threads (default 0: one per core)");
  cmd->add_option("--source", args->source,
                  "Name of stdin in the documents' sources (default <stdin>)");
  cmd->add_option("--first-line", args->first_line,
                  "Line number of stdin's first line (for a shard of a larger file; default 1)");
  cmd->add_flag("--numbered", args->numbered,
                "stdin lines are NUMBER<TAB>JSON (Hadoop's offset<TAB>line, Spark's "
                "zipWithIndex): the number is the record's line in its source");
  cmd->add_option("--models", args->models, "Models folder (default $KG_MODELS or models/)");
  cmd->callback([args, &context] {
    if (args->format.empty()) args->format = context.format == "text" ? "record" : context.format;
    context.exit_code = RunExtract(*args);
  });
}

}  // namespace kg::cli
