// kg eval parse: score the NLP pipeline on a UD CoNLL-U file.
//
//   kg eval parse --conllu en_ewt-ud-dev.conllu [--models DIR] [--format json]
//
// 1. Gold tokenization: tags, lemmas and parses the gold words; prints UPOS,
//    XPOS, lemma accuracy, UAS and LAS (all words, punctuation included) and
//    tokens per second for tagging + lemmatizing + parsing.
// 2. kg tokenization: joins the "# text" lines (paragraphs apart), runs the
//    whole pipeline on that text, and scores as the CoNLL 2018 shared task
//    does: token and sentence F1 by exact byte span, and UPOS / XPOS / UAS /
//    LAS as F1 over words whose spans match (a head is right when it has the
//    gold head's span).
#include <time.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "extract/conllu.h"
#include "extract/pipeline.h"

namespace kg::cli {

namespace {

struct EvalArgs {
  std::string conllu;
  std::string models;
};

// CPU time of this thread: steadier than the wall clock on a shared machine.
double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

double F1(size_t correct, size_t gold, size_t system) {
  if (gold + system == 0) return 100.0;
  return 200.0 * correct / (gold + system);
}

int RunEvalParse(const EvalArgs& a, const Context& context) {
  Result<std::vector<extract::ConlluSentence>> doc = extract::ReadConlluFile(a.conllu);
  if (!doc.ok()) {
    std::cerr << "kg eval parse: " << doc.status().message() << "\n";
    return kExitError;
  }
  auto load_start = std::chrono::steady_clock::now();
  Result<std::unique_ptr<extract::Pipeline>> nlp = extract::Pipeline::Load(a.models);
  if (!nlp.ok()) {
    std::cerr << "kg eval parse: " << nlp.status().message() << "\n";
    return kExitError;
  }
  double load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  const extract::Pipeline& pipeline = **nlp;

  // 1. Gold tokenization.
  size_t n = 0, upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0;
  std::vector<extract::Sentence> system;
  system.reserve(doc->size());
  for (const extract::ConlluSentence& cs : *doc) {
    extract::Sentence s;
    for (const extract::Token& g : cs.sentence.tokens) {
      extract::Token t;
      t.form = g.form;
      t.span = g.span;
      s.tokens.push_back(std::move(t));
    }
    system.push_back(std::move(s));
  }
  auto start = std::chrono::steady_clock::now();
  double cpu_start = CpuSeconds();
  for (extract::Sentence& s : system) pipeline.AnalyzeInPlace(s);
  double cpu_seconds = CpuSeconds() - cpu_start;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (size_t i = 0; i < doc->size(); ++i) {
    const auto& gold = (*doc)[i].sentence.tokens;
    const auto& sys = system[i].tokens;
    for (size_t k = 0; k < gold.size(); ++k) {
      ++n;
      upos += sys[k].upos == gold[k].upos;
      xpos += sys[k].xpos == gold[k].xpos;
      lemma += sys[k].lemma == gold[k].lemma;
      bool head = sys[k].head == gold[k].head;
      uas += head;
      las += head && sys[k].deprel == gold[k].deprel;
    }
  }
  auto pct = [](size_t c, size_t t) { return t ? 100.0 * c / t : 0.0; };

  // 2. kg tokenization of the reconstructed text.
  std::string text;
  using Span = std::pair<uint32_t, uint32_t>;
  struct GoldWord {
    Span span, head_span;
    bool root;
    std::string upos, xpos, deprel;
  };
  std::vector<GoldWord> gold_words;
  std::vector<Span> gold_sentences;
  size_t gold_token_count = 0;
  for (const extract::ConlluSentence& cs : *doc) {
    if (!text.empty()) text += cs.new_paragraph ? "\n\n" : " ";
    uint32_t offset = static_cast<uint32_t>(text.size());
    text += cs.text;
    const auto& toks = cs.sentence.tokens;
    gold_token_count += toks.size();
    if (!cs.spans_in_text || toks.empty()) continue;  // words not found in the text
    gold_sentences.push_back({offset + toks.front().span.begin, offset + toks.back().span.end});
    for (const extract::Token& t : toks) {
      GoldWord w;
      w.span = {offset + t.span.begin, offset + t.span.end};
      w.root = t.head < 0;
      if (!w.root) w.head_span = {offset + toks[t.head].span.begin, offset + toks[t.head].span.end};
      w.upos = t.upos;
      w.xpos = t.xpos;
      w.deprel = t.deprel;
      gold_words.push_back(std::move(w));
    }
  }
  start = std::chrono::steady_clock::now();
  cpu_start = CpuSeconds();
  std::vector<extract::Sentence> analysed = pipeline.Analyze(text);
  double full_cpu_seconds = CpuSeconds() - cpu_start;
  double full_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::map<Span, const extract::Token*> sys_words;
  size_t sys_tokens = 0;
  std::map<Span, bool> sys_sentences;
  std::map<Span, Span> sys_head;
  std::map<Span, bool> sys_root;
  for (const extract::Sentence& s : analysed) {
    sys_sentences[{s.span.begin, s.span.end}] = true;
    for (const extract::Token& t : s.tokens) {
      ++sys_tokens;
      Span sp{t.span.begin, t.span.end};
      sys_words[sp] = &t;
      sys_root[sp] = t.head < 0;
      if (t.head >= 0) sys_head[sp] = {s.tokens[t.head].span.begin, s.tokens[t.head].span.end};
    }
  }
  size_t tok_match = 0, t_upos = 0, t_xpos = 0, t_uas = 0, t_las = 0, sent_match = 0;
  for (const GoldWord& g : gold_words) {
    auto it = sys_words.find(g.span);
    if (it == sys_words.end()) continue;
    ++tok_match;
    const extract::Token& t = *it->second;
    t_upos += t.upos == g.upos;
    t_xpos += t.xpos == g.xpos;
    bool head = g.root ? sys_root[g.span] : (!sys_root[g.span] && sys_head[g.span] == g.head_span);
    t_uas += head;
    t_las += head && t.deprel == g.deprel;
  }
  for (const Span& s : gold_sentences) sent_match += sys_sentences.count(s);
  size_t gold_sent_count = doc->size();

  nlohmann::json out;
  out["file"] = a.conllu;
  out["load_seconds"] = load_seconds;
  out["gold_tokenization"] = {{"words", n},
                              {"upos", pct(upos, n)},
                              {"xpos", pct(xpos, n)},
                              {"lemma", pct(lemma, n)},
                              {"uas", pct(uas, n)},
                              {"las", pct(las, n)},
                              {"tokens_per_second", seconds > 0 ? n / seconds : 0.0},
      {"tokens_per_cpu_second", cpu_seconds > 0 ? n / cpu_seconds : 0.0}};
  out["kg_tokenization"] = {
      {"gold_words", gold_token_count},
      {"system_words", sys_tokens},
      {"token_f1", F1(tok_match, gold_token_count, sys_tokens)},
      {"sentence_f1", F1(sent_match, gold_sent_count, analysed.size())},
      {"upos_f1", F1(t_upos, gold_token_count, sys_tokens)},
      {"xpos_f1", F1(t_xpos, gold_token_count, sys_tokens)},
      {"uas_f1", F1(t_uas, gold_token_count, sys_tokens)},
      {"las_f1", F1(t_las, gold_token_count, sys_tokens)},
      {"tokens_per_second", full_seconds > 0 ? sys_tokens / full_seconds : 0.0},
      {"tokens_per_cpu_second", full_cpu_seconds > 0 ? sys_tokens / full_cpu_seconds : 0.0}};
  if (context.format == "json") {
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  auto& g = out["gold_tokenization"];
  auto& k = out["kg_tokenization"];
  std::cout.setf(std::ios::fixed);
  std::cout.precision(2);
  std::cout << a.conllu << " (" << n << " words, " << doc->size() << " sentences)\n"
            << "gold tokenization: UPOS " << g["upos"].get<double>() << "  XPOS "
            << g["xpos"].get<double>() << "  UAS " << g["uas"].get<double>() << "  LAS "
            << g["las"].get<double>() << "  lemma " << g["lemma"].get<double>() << "  "
            << static_cast<long>(g["tokens_per_second"].get<double>()) << " tokens/s ("
            << static_cast<long>(g["tokens_per_cpu_second"].get<double>()) << " per CPU second)\n"
            << "kg tokenization:   tokens F1 " << k["token_f1"].get<double>() << "  sentences F1 "
            << k["sentence_f1"].get<double>() << "  UPOS " << k["upos_f1"].get<double>()
            << "  XPOS " << k["xpos_f1"].get<double>() << "  UAS " << k["uas_f1"].get<double>()
            << "  LAS " << k["las_f1"].get<double>() << "  "
            << static_cast<long>(k["tokens_per_second"].get<double>()) << " tokens/s ("
            << static_cast<long>(k["tokens_per_cpu_second"].get<double>()) << " per CPU second)\n"
            << "models loaded in " << load_seconds << " s\n";
  return kExitOk;
}

}  // namespace

void RegisterEvalParse(CLI::App& eval, Context& context) {
  CLI::App* cmd = eval.add_subcommand("parse", "Score tagger and parser on a CoNLL-U file");
  auto args = std::make_shared<EvalArgs>();
  cmd->add_option("--conllu", args->conllu, "Gold CoNLL-U (e.g. UD EWT dev)")->required();
  cmd->add_option("--models", args->models, "Models folder (default $KG_MODELS, else models/)");
  cmd->add_option("--format", context.format, "text (default) or json");
  cmd->callback([&context, args] { context.exit_code = RunEvalParse(*args, context); });
}

}  // namespace kg::cli
