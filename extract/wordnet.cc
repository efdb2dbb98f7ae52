// WordNet noun lookups; see wordnet.h. File format: wndb(5WN).
#include "extract/wordnet.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>

#include "common/text.h"
#include "extract/perceptron.h"

namespace kg::extract {
namespace {

// Roots of the entity types (WordNet 3.0 synset offsets).
constexpr uint32_t kPersonRoot = 7846;          // person.n.01
constexpr uint32_t kOrganizationRoot = 8008335;  // organization.n.01
constexpr uint32_t kSocialGroupRoot = 7950920;   // social_group.n.01
constexpr uint32_t kLocationRoot = 27167;        // location.n.01
constexpr uint32_t kStructureRoot = 4341686;     // structure.n.01 (the Kremlin)
constexpr uint32_t kEventRoot = 29378;           // event.n.01

Result<std::string> Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open WordNet file " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The space-separated fields of a line of index.noun or data.noun, one at
// a time. (It replaces an istringstream: making one, with its locale, cost
// more than reading the line; the extractor reads a few thousand synsets
// per document.)
class Fields {
 public:
  explicit Fields(std::string_view line) : rest_(line) {}
  // The next field; empty after the last.
  std::string_view Next() {
    size_t begin = rest_.find_first_not_of(" \t\r");
    if (begin == std::string_view::npos) begin = rest_.size();
    size_t end = std::min(rest_.find_first_of(" \t\r", begin), rest_.size());
    std::string_view field = rest_.substr(begin, end - begin);
    rest_.remove_prefix(end);
    return field;
  }
  // The next field as a number in `base`; false (and 0) when it is none.
  template <typename T>
  bool Number(T* out, int base = 10) {
    std::string_view field = Next();
    *out = 0;
    return std::from_chars(field.data(), field.data() + field.size(), *out, base).ec == std::errc();
  }

 private:
  std::string_view rest_;
};

// WordNet's index key: lower case, '_' for spaces, no accents (its
// lemmas are ASCII: "Brasília" is "brasilia").
std::string Key(const std::string& lemma_in) {
  std::string lemma = text::StripAccents(lemma_in);
  std::string k;
  for (char c : lemma) {
    if (c == ' ') c = '_';
    k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return k;
}

}  // namespace

Result<std::unique_ptr<WordNet>> WordNet::Load(const std::string& dir_in) {
  std::string dir = dir_in.empty() ? "/usr/share/wordnet" : dir_in;
  std::unique_ptr<WordNet> wn(new WordNet());
  Result<std::string> index = Slurp(dir + "/index.noun");
  if (!index.ok()) return index.status();
  Result<std::string> data = Slurp(dir + "/data.noun");
  if (!data.ok()) return data.status();
  wn->index_ = std::move(*index);
  wn->data_ = std::move(*data);
  size_t pos = 0;
  while (pos < wn->index_.size()) {
    size_t end = wn->index_.find('\n', pos);
    if (end == std::string::npos) end = wn->index_.size();
    if (wn->index_[pos] != ' ') wn->line_starts_.push_back(static_cast<uint32_t>(pos));
    pos = end + 1;
  }
  if (wn->line_starts_.empty()) return Status::Corruption(dir + "/index.noun: no entries");
  return wn;
}

std::vector<WordNetSynset> WordNet::Synsets(const std::string& lemma) const {
  std::vector<WordNetSynset> out;
  std::string key = Key(lemma);
  if (key.empty()) return out;
  auto word_at = [&](uint32_t start) {
    size_t sp = index_.find(' ', start);
    return std::string_view(index_).substr(start, sp - start);
  };
  auto it = std::lower_bound(line_starts_.begin(), line_starts_.end(), key,
                             [&](uint32_t start, const std::string& k) { return word_at(start) < k; });
  if (it == line_starts_.end() || word_at(*it) != key) return out;
  size_t end = index_.find('\n', *it);
  // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
  Fields line(std::string_view(index_).substr(*it, end - *it));
  line.Next();  // lemma
  line.Next();  // pos
  int synset_cnt = 0, p_cnt = 0;
  line.Number(&synset_cnt);
  line.Number(&p_cnt);
  for (int i = 0; i < p_cnt; ++i) line.Next();
  line.Next();  // sense_cnt
  line.Next();  // tagsense_cnt
  for (int i = 0; i < synset_cnt; ++i) {
    uint32_t offset = 0;
    if (!line.Number(&offset)) break;
    WordNetSynset s = SynsetAt(offset);
    if (s.offset != 0) out.push_back(std::move(s));
  }
  return out;
}

WordNetSynset WordNet::SynsetAt(uint32_t offset) const {
  WordNetSynset s;
  if (offset >= data_.size()) return s;
  size_t end = data_.find('\n', offset);
  if (end == std::string::npos) end = data_.size();
  std::string_view line = std::string_view(data_).substr(offset, end - offset);
  // synset_offset lex_filenum ss_type w_cnt [word lex_id...] p_cnt
  // [ptr_symbol synset_offset pos source/target...] | gloss
  Fields in(line.substr(0, line.find(" | ")));
  uint32_t off = 0;
  int lex_file = 0, w_cnt = 0;
  if (!in.Number(&off) || off != offset || !in.Number(&lex_file)) return s;
  if (in.Next().empty() || !in.Number(&w_cnt, 16)) return s;  // ss_type; w_cnt in hex
  s.lex_file = lex_file;
  for (int i = 0; i < w_cnt; ++i) {
    std::string w(in.Next());
    in.Next();  // lex_id
    // Adjective markers like "(p)" never occur in nouns; underscores -> spaces.
    for (char& c : w)
      if (c == '_') c = ' ';
    s.words.push_back(w);
  }
  int p_cnt = 0;
  in.Number(&p_cnt);
  for (int i = 0; i < p_cnt; ++i) {
    std::string_view sym = in.Next();
    uint32_t target = 0;
    in.Number(&target);
    std::string_view pos = in.Next();
    in.Next();  // source/target
    if (pos != "n") continue;
    if (sym == "@") s.hypernyms.push_back(target);
    if (sym == "@i") s.instance_of.push_back(target);
  }
  s.offset = offset;
  return s;
}

std::vector<uint32_t> WordNet::SynsetOffsets() const {
  std::vector<uint32_t> out;
  size_t pos = 0;
  while (pos < data_.size()) {
    size_t end = data_.find('\n', pos);
    if (end == std::string::npos) end = data_.size();
    if (data_[pos] != ' ') out.push_back(static_cast<uint32_t>(pos));  // not the license header
    pos = end + 1;
  }
  return out;
}

EntityType WordNet::TypeOfSynset(const WordNetSynset& synset) const {
  // Breadth-first up the hypernym graph; the first root reached decides.
  std::vector<uint32_t> frontier = synset.instance_of;
  frontier.insert(frontier.end(), synset.hypernyms.begin(), synset.hypernyms.end());
  std::vector<uint32_t> seen;
  for (int depth = 0; depth < 20 && !frontier.empty(); ++depth) {
    std::vector<uint32_t> next;
    for (uint32_t o : frontier) {
      if (o == kPersonRoot) return EntityType::kPerson;
      if (o == kOrganizationRoot || o == kSocialGroupRoot) return EntityType::kOrganization;
      if (o == kLocationRoot || o == kStructureRoot) return EntityType::kPlace;
      if (o == kEventRoot) return EntityType::kEvent;
      if (std::find(seen.begin(), seen.end(), o) != seen.end()) continue;
      seen.push_back(o);
      WordNetSynset up = SynsetAt(o);
      next.insert(next.end(), up.hypernyms.begin(), up.hypernyms.end());
      next.insert(next.end(), up.instance_of.begin(), up.instance_of.end());
    }
    frontier.swap(next);
  }
  return EntityType::kOther;
}

EntityType WordNet::TypeOf(const std::string& lemma, int max_senses) const {
  std::vector<WordNetSynset> senses = Synsets(lemma);
  int tried = 0;
  for (const WordNetSynset& s : senses) {
    if (tried++ >= max_senses) break;
    EntityType t = TypeOfSynset(s);
    if (t != EntityType::kOther) return t;
  }
  return EntityType::kOther;
}

std::unordered_map<uint32_t, uint8_t> ReadWordNetWordClasses(const std::string& dir) {
  std::unordered_map<uint32_t, uint8_t> lex;
  const char* names[4] = {"noun", "verb", "adj", "adv"};
  for (int p = 0; p < 4; ++p) {
    for (int exc = 0; exc < 2; ++exc) {
      std::ifstream in(
          dir + (exc ? "/" + std::string(names[p]) + ".exc" : "/index." + std::string(names[p])));
      std::string line;
      while (std::getline(in, line)) {
        if (line.empty() || line[0] == ' ') continue;  // license header
        std::string word = line.substr(0, line.find(' '));
        if (word.find('_') != std::string::npos) continue;
        lex[static_cast<uint32_t>(StringHash(NormalizeWord(word)))] |=
            static_cast<uint8_t>((1 << p) << (exc ? 4 : 0));
      }
    }
  }
  return lex;
}

}  // namespace kg::extract
