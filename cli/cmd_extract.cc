// kg extract: claims without a store, streaming (a Hadoop/Spark mapper).
//
//   kg extract [FILE...|-] [--format jsonl|tsv|carb]
//
// Input: files and folders as `kg ingest` reads them (.txt, .html, .jsonl
// with {"id","url","title","published","publisher","text"|"html"}), or
// stdin ("-" or no FILE): JSON Lines when its first byte is '{' (streamed,
// one record at a time), else one text document. Output: one claim per line on stdout,
// flushed after every document.
//   jsonl  {"doc":..., "subject":..., "relation":..., "object":..., spans...}
//   tsv    doc, sentence, subject, relation, object, confidence, negated,
//          modality, attribution
//   carb   input is one PTB-tokenized sentence per line; output is CaRB's
//          tabbed format built from the sentence's own tokens.
// Bad records are reported on stderr with file:line and skipped (exit 3).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "extract/reader.h"
#include "extract/openie_extractor.h"

namespace kg::cli {
namespace {

struct ExtractArgs {
  std::vector<std::string> files;
  std::string format;
  std::string models;
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
    j["extractor"] = x.extractor + "/" + x.extractor_version;
    out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  out.flush();
}

// Returns false when the record was bad (reported on stderr).
bool ExtractOne(const extract::OpenIeExtractor& extractor, Document doc,
                const std::string& format) {
  if (doc.id.empty()) doc.id = extract::ContentId(doc.text);
  Result<Extraction> x = extractor.Extract(doc);
  if (!x.ok()) {
    std::cerr << "kg extract: " << doc.source << ": " << x.status().ToString() << "\n";
    return false;
  }
  PrintClaims(*x, format, std::cout);
  return true;
}

// One JSON Lines record read from a stream (stdin), cleaned and identified
// the way the reader does for files.
bool ReadJsonLine(const std::string& line, const std::string& where, Document* doc) {
  nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    std::cerr << "kg extract: " << where << ": not a JSON object\n";
    return false;
  }
  auto str = [&](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  doc->source = where;
  doc->url = str("url");
  doc->title = str("title");
  doc->publisher = str("publisher");
  doc->published = str("published");
  doc->byline = str("byline");
  std::string text = str("text");
  if (text.empty() && !str("html").empty()) {
    extract::HtmlToDocument(str("html"), doc);
    text = doc->text;
  }
  if (text.empty()) {
    std::cerr << "kg extract: " << where << ": no \"text\" or \"html\" string\n";
    return false;
  }
  Status utf8 = extract::ValidateUtf8(text, where);
  if (!utf8.ok()) {
    std::cerr << "kg extract: " << utf8.message() << "\n";
    return false;
  }
  doc->text = extract::CleanText(text);
  doc->id = extract::ContentId(doc->text);
  return true;
}

int RunExtract(const ExtractArgs& args) {
  if (args.format != "jsonl" && args.format != "tsv" && args.format != "carb") {
    std::cerr << "kg extract: --format must be jsonl, tsv or carb\n";
    return kExitUsage;
  }
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
  for (const std::string& file : files) {
    if (args.format == "carb") {
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
      continue;
    }
    if (file != "-") {
      // Files and folders: the reader (txt, html, jsonl; named errors).
      std::vector<extract::ReadResult> missing;
      std::vector<std::string> expanded = reader.Expand({file}, &missing);
      for (const extract::ReadResult& m : missing) {
        std::cerr << "kg extract: " << m.status.message() << "\n";
        any_bad = true;
      }
      for (const std::string& path : expanded) {
        reader.ReadFile(path, [&](extract::ReadResult r) {
          if (!r.status.ok()) {
            std::cerr << "kg extract: " << r.status.message() << "\n";
            any_bad = true;
            return;
          }
          if (!ExtractOne(extractor, std::move(r.document), args.format)) any_bad = true;
        });
      }
      continue;
    }
    // stdin: JSON Lines (streamed, one record at a time) or one text document.
    int c = std::cin.peek();
    while (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      std::cin.get();
      c = std::cin.peek();
    }
    if (c == '{') {
      std::string line;
      size_t line_no = 0;
      while (std::getline(std::cin, line)) {
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        Document doc;
        std::string where = "<stdin>:" + std::to_string(line_no);
        if (!ReadJsonLine(line, where, &doc) || !ExtractOne(extractor, std::move(doc), args.format))
          any_bad = true;
      }
    } else {
      std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
      reader.ReadBuffer("<stdin>.txt", std::move(text), [&](extract::ReadResult r) {
        if (!r.status.ok()) {
          std::cerr << "kg extract: " << r.status.message() << "\n";
          any_bad = true;
          return;
        }
        if (!ExtractOne(extractor, std::move(r.document), args.format)) any_bad = true;
      });
    }
  }
  return any_bad ? kExitPartial : kExitOk;
}

}  // namespace

void RegisterExtract(CLI::App& app, Context& context) {
  CLI::App* cmd = app.add_subcommand("extract", "Extract claims without a store (streaming)");
  auto args = std::make_shared<ExtractArgs>();
  cmd->add_option("files", args->files, "Files or folders (.txt, .html, .jsonl); - for stdin");
  cmd->add_option("--format", args->format, "jsonl (default), tsv or carb");
  cmd->add_option("--models", args->models, "Models folder (default $KG_MODELS or models/)");
  cmd->callback([args, &context] {
    if (args->format.empty()) args->format = context.format == "text" ? "jsonl" : context.format;
    context.exit_code = RunExtract(*args);
  });
}

}  // namespace kg::cli
