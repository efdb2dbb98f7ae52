// kg_bench_nlp: how fast the NLP pipeline runs on one core.
//
//   build-x/bench/nlp/kg_bench_nlp [--models DIR] [--conllu FILE] [--rounds N]
//
// Measures, in one process pinned to one core, on UD EWT dev (or the seed
// articles when ../shared/data is missing):
//   baseline   the tokenizer + sentence splitter alone on the dev text;
//   tag+parse  tagging, lemmatizing and parsing the gold-tokenized sentences
//              (the target: >= 30,000 tokens/s);
//   pipeline   Pipeline::Analyze on the raw text (everything).
// Prints tokens/s by wall clock and by thread CPU time (the machine is
// shared, so CPU time is the steadier figure) and each as a ratio to the
// baseline.
#include <dirent.h>
#include <sched.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/conllu.h"
#include "extract/pipeline.h"
#include "extract/tokenizer.h"

namespace {

double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}
double WallSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Timing {
  double wall = 0, cpu = 0;
  size_t tokens = 0;
  double WallRate() const { return wall > 0 ? tokens / wall : 0; }
  double CpuRate() const { return cpu > 0 ? tokens / cpu : 0; }
};

template <typename F>
Timing Measure(int rounds, F&& body) {
  Timing t;
  double w0 = WallSeconds(), c0 = CpuSeconds();
  for (int r = 0; r < rounds; ++r) t.tokens += body();
  t.wall = WallSeconds() - w0;
  t.cpu = CpuSeconds() - c0;
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  std::string models = KG_BENCH_MODELS_DIR;
  if (const char* env = std::getenv("KG_MODELS"); env && *env) models = env;
  std::string conllu = std::string(KG_SHARED_DATA_DIR) + "/ud-ewt/en_ewt-ud-dev.conllu";
  int rounds = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--models"))
      models = argv[i + 1];
    else if (!std::strcmp(argv[i], "--conllu"))
      conllu = argv[i + 1];
    else if (!std::strcmp(argv[i], "--rounds"))
      rounds = std::atoi(argv[i + 1]);
  }
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(sched_getcpu() >= 0 ? sched_getcpu() : 0, &set);
  sched_setaffinity(0, sizeof(set), &set);

  double load0 = WallSeconds();
  auto nlp = kg::extract::Pipeline::Load(models);
  if (!nlp.ok()) {
    std::cerr << "kg_bench_nlp: " << nlp.status().ToString() << "\n";
    return 1;
  }
  double load_seconds = WallSeconds() - load0;

  std::vector<kg::extract::Sentence> gold;
  std::string text;
  auto doc = kg::extract::ReadConlluFile(conllu);
  if (doc.ok()) {
    for (const auto& cs : *doc) {
      kg::extract::Sentence s;
      for (const auto& t : cs.sentence.tokens) {
        kg::extract::Token k;
        k.form = t.form;
        k.span = t.span;
        s.tokens.push_back(k);
      }
      gold.push_back(std::move(s));
      text += cs.text;
      text += cs.new_paragraph ? "\n\n" : " ";
    }
  } else {
    std::cerr << "(no " << conllu << ": using the seed articles)\n";
    std::string seeds = std::string(KG_BENCH_MODELS_DIR) + "/../seeds";
    if (DIR* d = opendir(seeds.c_str())) {
      while (dirent* e = readdir(d)) {
        if (e->d_name[0] == '.') continue;
        std::ifstream in(seeds + "/" + e->d_name);
        std::stringstream ss;
        ss << in.rdbuf();
        text += ss.str() + "\n\n";
      }
      closedir(d);
    }
    gold = kg::extract::TokenizeAndSplit(text);
    for (auto& s : gold) {
      for (auto& t : s.tokens) t.upos.clear();
    }
  }

  const auto& pipeline = **nlp;
  Timing base = Measure(rounds, [&] {
    size_t n = 0;
    for (const auto& s : kg::extract::TokenizeAndSplit(text)) n += s.tokens.size();
    return n;
  });
  Timing tagparse = Measure(rounds, [&] {
    size_t n = 0;
    for (const auto& g : gold) {
      kg::extract::Sentence s = g;
      pipeline.AnalyzeInPlace(s);
      n += s.tokens.size();
    }
    return n;
  });
  Timing tagonly = Measure(rounds, [&] {
    size_t n = 0;
    for (const auto& g : gold) {
      kg::extract::Sentence s = g;
      pipeline.TagInPlace(s);
      n += s.tokens.size();
    }
    return n;
  });
  Timing full = Measure(rounds, [&] {
    size_t n = 0;
    for (const auto& s : pipeline.Analyze(text)) n += s.tokens.size();
    return n;
  });
  std::printf(
      "kg_bench_nlp: %zu sentences, %zu bytes of text, %d rounds, models loaded in %.2f s\n",
      gold.size(), text.size(), rounds, load_seconds);
  std::printf("%-30s %12s %12s %14s\n", "", "tokens/s", "tokens/s", "ratio to");
  std::printf("%-30s %12s %12s %14s\n", "", "(wall)", "(CPU)", "baseline (CPU)");
  auto row = [&](const char* name, const Timing& t) {
    std::printf("%-30s %12.0f %12.0f %14.3f\n", name, t.WallRate(), t.CpuRate(),
                base.CpuRate() > 0 ? t.CpuRate() / base.CpuRate() : 0);
  };
  row("baseline: tokenizer+splitter", base);
  row("tag+lemmatize", tagonly);
  row("tag+lemmatize+parse", tagparse);
  row("pipeline (text in)", full);
  return 0;
}
