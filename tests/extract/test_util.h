// Helpers for the extract tests: gold parses from CoNLL-U, tuple lookups,
// and whether the trained NLP models are present.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/conllu.h"
#include "extract/openie.h"
#include "extract/pipeline.h"
#include "tests/shared_data.h"

namespace kg::extract::testing {

inline std::string DataDir() { return KG_EXTRACT_TEST_DATA; }

// The rows of a case file (data/*.tsv): tab-separated fields, blank lines
// and lines starting with '#' skipped. Each row is checked to have
// `fields` fields (a failure names the line).
inline std::vector<std::vector<std::string>> ReadCases(const std::string& name, size_t fields) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(DataDir() + "/" + name);
  EXPECT_TRUE(in) << DataDir() + "/" + name;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, '\t')) f.push_back(field);
    EXPECT_EQ(f.size(), fields) << name << ": " << line;
    if (f.size() == fields) rows.push_back(std::move(f));
  }
  return rows;
}

// The sentence whose "# text" is `text` in `sentences`, or nullptr.
inline const ConlluSentence* FindText(const std::vector<ConlluSentence>& sentences,
                                      const std::string& text) {
  for (const ConlluSentence& s : sentences)
    if (s.text == text) return &s;
  return nullptr;
}

// The first tuple whose relation text is `relation`, or nullptr.
inline const OpenIeTuple* FindRelation(const std::vector<OpenIeTuple>& tuples,
                                       const std::string& relation) {
  for (const OpenIeTuple& t : tuples)
    if (t.relation_text == relation) return &t;
  return nullptr;
}

// Whether the trained parser is there (models/parser.kgm). Tests that need
// it skip by name without it, and fail under KG_REQUIRE_SHARED=1.
inline bool ParserModelPresent() {
  return ::kg::testing::PathExists(DefaultModelsDir() + "/parser.kgm");
}

// Runs `command` through the shell; returns its stdout and stderr, sets
// *status to its exit code (-1 when it did not exit).
inline std::string RunShell(const std::string& command, int* status) {
  std::string out;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) {
    *status = -1;
    return out;
  }
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = pclose(p);
  *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return out;
}

}  // namespace kg::extract::testing

#define KG_PARSER_MODEL_OR_SKIP()                                                        \
  do {                                                                                   \
    if (!::kg::extract::testing::ParserModelPresent()) {                                 \
      if (::kg::testing::SharedRequired()) {                                             \
        FAIL() << "needs the trained parser " << ::kg::extract::DefaultModelsDir()       \
               << "/parser.kgm (KG_REQUIRE_SHARED=1)";                                   \
      }                                                                                  \
      GTEST_SKIP() << "skipped: needs the trained parser model "                         \
                   << ::kg::extract::DefaultModelsDir() << "/parser.kgm";                \
    }                                                                                    \
  } while (0)
