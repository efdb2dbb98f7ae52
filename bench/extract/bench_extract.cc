// Extraction throughput: `kg extract`'s work (Extract on plain text:
// tokenize, split, tag, parse, Open IE, entities, resolution) on the CaRB
// dev sentences, repeated until at least --seconds of work, one thread.
// Baseline in the same run: the tokenizer + sentence splitter alone on the
// same text. Prints sentences/s for both, their ratio, claims/s and the
// peak resident memory. Rates are per second of CPU time of the one thread.
//
//   taskset -c 1 build-x/bench/extract/kg_bench_extract [--seconds 3] [--data DIR]
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "extract/openie_extractor.h"
#include "extract/pipeline.h"
#include "extract/tokenizer.h"

namespace {

// CPU time of this thread: the machine is shared, and wall time would
// charge us for other processes' work.
struct Clock {
  using time_point = double;
  static double now() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
  }
};

double Seconds(double a, double b) { return b - a; }

}  // namespace

int main(int argc, char** argv) {
  double min_seconds = 3.0;
  std::string data = KG_SHARED_DATA_DIR;
  if (const char* env = std::getenv("KG_SHARED_DATA"); env && *env) data = env;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--seconds")) min_seconds = std::atof(argv[i + 1]);
    if (!std::strcmp(argv[i], "--data")) data = argv[i + 1];
  }
  std::ifstream in(data + "/carb-dev/dev.txt");
  if (!in) {
    std::fprintf(stderr, "kg_bench_extract: cannot open %s/carb-dev/dev.txt\n", data.c_str());
    return 1;
  }
  // Documents of 20 sentences, one sentence per line, like an article.
  std::vector<kg::Document> docs;
  std::string line;
  size_t sentences_per_pass = 0;
  kg::Document doc;
  int in_doc = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    doc.text += line + "\n";
    ++sentences_per_pass;
    if (++in_doc == 20) {
      docs.push_back(doc);
      doc = kg::Document();
      in_doc = 0;
    }
  }
  if (!doc.text.empty()) docs.push_back(doc);

  auto t_load0 = Clock::now();
  kg::Result<std::unique_ptr<kg::extract::OpenIeExtractor>> extractor =
      kg::extract::OpenIeExtractor::Load("");
  auto t_load1 = Clock::now();
  if (!extractor.ok()) {
    std::fprintf(stderr, "kg_bench_extract: %s\n", extractor.status().ToString().c_str());
    return 1;
  }

  // Baseline: tokenizer + splitter alone.
  size_t base_sentences = 0, base_passes = 0;
  auto b0 = Clock::now();
  while (Seconds(b0, Clock::now()) < min_seconds / 3 || base_passes == 0) {
    for (const kg::Document& d : docs)
      base_sentences += kg::extract::TokenizeAndSplit(d.text).size();
    ++base_passes;
  }
  double base_time = Seconds(b0, Clock::now());

  // The NLP pipeline alone (tokenize, tag, parse), to see what the claim
  // rules add on top of it.
  size_t nlp_sentences = 0, nlp_passes = 0;
  auto n0 = Clock::now();
  while (Seconds(n0, Clock::now()) < min_seconds / 3 || nlp_passes == 0) {
    for (const kg::Document& d : docs) nlp_sentences += (*extractor)->pipeline().Analyze(d.text).size();
    ++nlp_passes;
  }
  double nlp_time = Seconds(n0, Clock::now());

  // The extractor.
  size_t passes = 0, claims = 0, sentences = 0;
  auto e0 = Clock::now();
  while (Seconds(e0, Clock::now()) < min_seconds || passes == 0) {
    for (const kg::Document& d : docs) {
      kg::Result<kg::Extraction> x = (*extractor)->Extract(d);
      if (x.ok()) claims += x->claims.size();
    }
    sentences += sentences_per_pass;
    ++passes;
  }
  double time = Seconds(e0, Clock::now());

  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double sps = sentences / time;
  double base_sps = base_sentences / base_time;
  std::printf("corpus: CaRB dev, %zu sentences in %zu documents, %zu passes\n",
              sentences_per_pass, docs.size(), passes);
  std::printf("load (models + WordNet): %.2f s\n", Seconds(t_load0, t_load1));
  std::printf("extract:   %.0f sentences/s  (%.0f claims/s)\n", sps, claims / time);
  std::printf("tokenizer: %.0f sentences/s  (baseline, same run)\n", base_sps);
  std::printf("pipeline:  %.0f sentences/s  (tokenize+tag+parse, no claims)\n",
              nlp_sentences / nlp_time);
  std::printf("claims share of extract time: %.1f%%\n",
              100.0 * (1.0 - (sps / (nlp_sentences / nlp_time))));
  std::printf("ratio extract/tokenizer: %.4f  (the extractor costs %.1fx the tokenizer)\n",
              sps / base_sps, base_sps / sps);
  std::printf("peak RSS: %.1f MB\n", ru.ru_maxrss / 1024.0);
  std::printf("target >= 1000 sentences/s: %s\n", sps >= 1000 ? "met" : "NOT met");
  return 0;
}
