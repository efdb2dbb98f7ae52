// GUM and UNER readers, IOB2 writer and span scoring; see entity_corpus.h.
#include "extract/entity_corpus.h"

#include <dirent.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

#include "extract/conllu.h"
#include "extract/entities.h"

namespace kg::extract {
namespace {

Result<std::string> Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read " + path);
  return ss.str();
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

// The value of `key=` in a MISC column ("" when absent).
std::string MiscValue(const std::string& misc, const std::string& key) {
  for (const std::string& part : Split(misc, '|')) {
    if (part.size() > key.size() && part.compare(0, key.size(), key) == 0 &&
        part[key.size()] == '=')
      return part.substr(key.size() + 1);
  }
  return "";
}

// An open bracket of GUM's Entity= column.
struct OpenMention {
  std::string cluster;
  std::string fields;
  int sentence = 0;
  int begin = 0;
};

// Reads one word's Entity= value: "(3-organization-...-Wiki", "3)",
// "(8-time-...)7)" ... Opens push onto `open`; closes complete a mention.
void ParseEntityBrackets(const std::string& value, int sentence, int token,
                         std::vector<OpenMention>* open, std::vector<GoldMention>* done) {
  auto close = [&](const std::string& cluster) {
    for (size_t k = open->size(); k-- > 0;) {
      if ((*open)[k].cluster != cluster) continue;
      OpenMention m = (*open)[k];
      open->erase(open->begin() + static_cast<long>(k));
      if (m.sentence != sentence) return;  // mentions never cross sentences in GUM
      std::vector<std::string> f = Split(m.fields, '-');
      GoldMention g;
      g.sentence = sentence;
      g.begin = m.begin;
      g.end = token + 1;
      g.cluster = cluster;
      g.gum_type = f.empty() ? "" : f[0];
      if (f.size() > 6) {
        std::string id = f[6];
        for (size_t i = 7; i < f.size(); ++i) id += "-" + f[i];
        g.identity = id;
      }
      done->push_back(std::move(g));
      return;
    }
  };
  size_t i = 0;
  while (i < value.size()) {
    if (value[i] == '(') {
      size_t j = i + 1;
      while (j < value.size() && std::isdigit(static_cast<unsigned char>(value[j]))) ++j;
      std::string cluster = value.substr(i + 1, j - i - 1);
      size_t k = j;
      if (k < value.size() && value[k] == '-') ++k;
      size_t end = k;
      while (end < value.size() && value[end] != '(' && value[end] != ')') ++end;
      OpenMention m;
      m.cluster = cluster;
      m.fields = value.substr(k, end - k);
      m.sentence = sentence;
      m.begin = token;
      open->push_back(m);
      i = end;
      if (i < value.size() && value[i] == ')') {
        close(cluster);
        ++i;
      }
    } else if (std::isdigit(static_cast<unsigned char>(value[i]))) {
      size_t j = i;
      while (j < value.size() && std::isdigit(static_cast<unsigned char>(value[j]))) ++j;
      std::string cluster = value.substr(i, j - i);
      if (j < value.size() && value[j] == ')') {
        close(cluster);
        ++j;
      }
      i = j;
    } else {
      ++i;
    }
  }
}

bool IsConnector(const std::string& form) {
  return form == "of" || form == "the" || form == "and" || form == "&" || form == "de" ||
         form == "-" || form == "for" || form == "on" || form == "du" || form == "von";
}

bool Capitalized(const std::string& form) {
  return !form.empty() && std::isupper(static_cast<unsigned char>(form[0]));
}

// A token that can be part of a name: a proper noun, or a capitalized
// adjective, noun or number inside one ("American" in "American Airlines").
bool NameWord(const Token& t) {
  if (t.upos == "PROPN") return true;
  return Capitalized(t.form) && (t.upos == "ADJ" || t.upos == "NOUN" || t.upos == "NUM");
}

}  // namespace

void SortByBegin(std::vector<NamedSpan>* names) {
  std::sort(names->begin(), names->end(),
            [](const NamedSpan& a, const NamedSpan& b) { return a.begin < b.begin; });
}

EntityType TypeOfGumType(const std::string& t) {
  if (t == "person") return EntityType::kPerson;
  if (t == "place") return EntityType::kPlace;
  if (t == "organization") return EntityType::kOrganization;
  if (t == "event") return EntityType::kEvent;
  if (t == "object") return EntityType::kProduct;
  return EntityType::kOther;
}

NamedSpan NamedSpanOf(const Sentence& s, const GoldMention& m) {
  NamedSpan none{0, 0, EntityType::kOther};
  if (m.gum_type == "time" || m.gum_type == "quantity") return none;
  if (m.head < m.begin || m.head >= m.end) return none;
  const Token& head = s.tokens[m.head];
  if (head.upos != "PROPN") return none;  // "The President": coreferent, not a name
  // "Palestinians", "Democrats": a group of people named by a plural
  // proper noun is not a name in UNER's sense.
  if (head.xpos == "NNPS" && m.gum_type == "person") return none;
  // "Director of the National Iodine Nutrition": a title, not a name.
  if (IsPersonTitle(head.form)) return none;
  int lo = m.head, hi = m.head;
  // Grow over name words; a connector joins only name words on both sides.
  bool grew = true;
  while (grew) {
    grew = false;
    if (lo - 1 >= m.begin && NameWord(s.tokens[lo - 1])) {
      --lo;
      grew = true;
    } else if (lo - 2 >= m.begin && IsConnector(s.tokens[lo - 1].form)) {
      int k = lo - 1;
      while (k - 1 >= m.begin && IsConnector(s.tokens[k - 1].form)) --k;
      if (k - 1 >= m.begin && NameWord(s.tokens[k - 1])) {
        lo = k - 1;
        grew = true;
      }
    }
    if (hi + 1 < m.end && NameWord(s.tokens[hi + 1])) {
      ++hi;
      grew = true;
    } else if (hi + 2 < m.end && IsConnector(s.tokens[hi + 1].form)) {
      int k = hi + 1;
      while (k + 1 < m.end && IsConnector(s.tokens[k + 1].form)) ++k;
      if (k + 1 < m.end && NameWord(s.tokens[k + 1])) {
        hi = k + 1;
        grew = true;
      }
    }
  }
  EntityType type = TypeOfGumType(m.gum_type);
  if (type == EntityType::kPerson) {
    // Titles and what comes before them are not the name:
    // "U.S. President Donald Trump" -> "Donald Trump".
    for (int k = m.head - 1; k >= lo; --k) {
      if (IsPersonTitle(s.tokens[k].form)) {
        lo = k + 1;
        break;
      }
    }
  }
  // Never start or end on a connector or a non-name word.
  while (lo < hi && !NameWord(s.tokens[lo])) ++lo;
  while (hi > lo && !NameWord(s.tokens[hi])) --hi;
  return NamedSpan{lo, hi + 1, type};
}

Result<std::vector<AnnotatedDocument>> ReadGumFile(const std::string& path) {
  Result<std::string> content = Slurp(path);
  if (!content.ok()) return content.status();
  // Split into documents at "# newdoc id".
  std::vector<std::pair<std::string, std::string>> parts;  // id, text
  {
    std::istringstream in(*content);
    std::string line, id, cur;
    while (std::getline(in, line)) {
      if (line.rfind("# newdoc id", 0) == 0) {
        if (!cur.empty()) parts.emplace_back(id, cur);
        cur.clear();
        size_t eq = line.find('=');
        id = eq == std::string::npos ? "" : line.substr(eq + 1);
        while (!id.empty() && id.front() == ' ') id.erase(id.begin());
      }
      cur += line;
      cur += '\n';
    }
    if (!cur.empty()) parts.emplace_back(id, cur);
  }
  std::vector<AnnotatedDocument> docs;
  for (auto& [id, text] : parts) {
    Result<std::vector<ConlluSentence>> sents = ParseConllu(text, path);
    if (!sents.ok()) return sents.status();
    if (sents->empty()) continue;
    AnnotatedDocument doc;
    doc.id = id;
    std::vector<OpenMention> open;
    for (size_t si = 0; si < sents->size(); ++si) {
      ConlluSentence& cs = (*sents)[si];
      for (size_t t = 0; t < cs.misc.size(); ++t) {
        std::string value = MiscValue(cs.misc[t], "Entity");
        if (!value.empty())
          ParseEntityBrackets(value, static_cast<int>(si), static_cast<int>(t), &open,
                              &doc.mentions);
      }
      doc.sent_ids.push_back(cs.sent_id);
      doc.sentences.push_back(std::move(cs.sentence));
    }
    doc.names.resize(doc.sentences.size());
    for (GoldMention& m : doc.mentions) {
      const Sentence& s = doc.sentences[m.sentence];
      for (int k = m.begin; k < m.end; ++k) {
        int h = s.tokens[k].head;
        if (h < m.begin || h >= m.end) {
          m.head = k;
          break;
        }
      }
    }
    // Named mentions, outermost first; a name overlapping a kept one is dropped.
    std::vector<const GoldMention*> order;
    for (const GoldMention& m : doc.mentions) order.push_back(&m);
    std::stable_sort(order.begin(), order.end(), [](const GoldMention* a, const GoldMention* b) {
      if (a->sentence != b->sentence) return a->sentence < b->sentence;
      return (a->end - a->begin) > (b->end - b->begin);
    });
    for (const GoldMention* m : order) {
      const Sentence& sent = doc.sentences[m->sentence];
      NamedSpan n = NamedSpanOf(sent, *m);
      if (n.begin >= n.end) continue;
      // A coordination of names ("Mario J. Lucero and Isabel Ruiz") is not
      // one name: its members, mentions of their own, are.
      bool coordinated = false;
      for (int k = n.begin; k < n.end; ++k)
        coordinated |= sent.tokens[k].form == "and" || sent.tokens[k].form == "&";
      if (coordinated) {
        int nested = 0;
        for (const GoldMention& o : doc.mentions) {
          if (&o == m || o.sentence != m->sentence || o.begin < n.begin || o.end > n.end) continue;
          NamedSpan on = NamedSpanOf(sent, o);
          if (on.begin < on.end && on.end - on.begin < n.end - n.begin) ++nested;
        }
        if (nested >= 2) continue;
      }
      std::vector<NamedSpan>& names = doc.names[m->sentence];
      bool overlaps = false;
      for (const NamedSpan& o : names)
        if (n.begin < o.end && o.begin < n.end) overlaps = true;
      if (!overlaps) names.push_back(n);
    }
    for (std::vector<NamedSpan>& names : doc.names) SortByBegin(&names);
    docs.push_back(std::move(doc));
  }
  return docs;
}

Result<std::vector<AnnotatedDocument>> ReadGumDirectory(const std::string& dir) {
  DIR* d = opendir(dir.c_str());
  if (!d) return Status::NotFound("cannot open folder " + dir);
  std::vector<std::string> files;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name.size() > 7 && name.compare(name.size() - 7, 7, ".conllu") == 0)
      files.push_back(dir + "/" + name);
  }
  closedir(d);
  std::sort(files.begin(), files.end());
  if (files.empty()) return Status::NotFound("no .conllu files in " + dir);
  std::vector<AnnotatedDocument> out;
  for (const std::string& f : files) {
    Result<std::vector<AnnotatedDocument>> docs = ReadGumFile(f);
    if (!docs.ok()) return docs.status();
    for (AnnotatedDocument& doc : *docs) out.push_back(std::move(doc));
  }
  return out;
}

Result<std::vector<AnnotatedDocument>> ReadIob2File(const std::string& path) {
  Result<std::string> content = Slurp(path);
  if (!content.ok()) return content.status();
  std::vector<AnnotatedDocument> docs;
  std::istringstream in(*content);
  std::string line;
  int line_no = 0;
  std::vector<std::string> comments;
  Sentence cur;
  std::vector<std::string> tags, rest;
  std::string sent_id;
  auto error = [&](const std::string& what) {
    return Status::InvalidArgument(path + ":" + std::to_string(line_no) + ": " + what);
  };
  auto finish = [&]() -> Status {
    if (cur.tokens.empty()) {
      comments.clear();
      return Status::OK();
    }
    if (docs.empty()) docs.emplace_back();
    AnnotatedDocument& doc = docs.back();
    std::vector<NamedSpan> names;
    int open = -1;
    EntityType open_type = EntityType::kOther;
    auto type_of = [](const std::string& t) {
      if (t == "PER") return EntityType::kPerson;
      if (t == "ORG") return EntityType::kOrganization;
      if (t == "LOC") return EntityType::kPlace;
      return EntityType::kOther;
    };
    const int n = static_cast<int>(tags.size());
    for (int i = 0; i <= n; ++i) {
      std::string tag = i < n ? tags[i] : "O";
      bool inside = tag.size() > 2 && tag[0] == 'I' && tag[1] == '-';
      EntityType t = tag.size() > 2 ? type_of(tag.substr(2)) : EntityType::kOther;
      if (open >= 0 && !(inside && t == open_type)) {
        names.push_back(NamedSpan{open, i, open_type});
        open = -1;
      }
      if (tag.size() > 2 && (tag[0] == 'B' || (inside && open < 0))) {
        open = i;
        open_type = t;
      } else if (tag != "O" && tag.size() <= 2) {
        return error("bad IOB2 tag '" + tag + "'");
      }
    }
    doc.sentences.push_back(std::move(cur));
    doc.sent_ids.push_back(sent_id);
    doc.names.push_back(std::move(names));
    doc.comments.push_back(comments);
    doc.token_rest.push_back(rest);
    cur = Sentence();
    tags.clear();
    rest.clear();
    comments.clear();
    sent_id.clear();
    return Status::OK();
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      KG_RETURN_IF_ERROR(finish());
      continue;
    }
    if (line[0] == '#') {
      if (line.rfind("# newdoc id", 0) == 0) {
        KG_RETURN_IF_ERROR(finish());
        docs.emplace_back();
        size_t eq = line.find('=');
        std::string id = eq == std::string::npos ? "" : line.substr(eq + 1);
        while (!id.empty() && id.front() == ' ') id.erase(id.begin());
        docs.back().id = id;
      } else if (line.rfind("# sent_id", 0) == 0) {
        size_t eq = line.find('=');
        sent_id = eq == std::string::npos ? "" : line.substr(eq + 1);
        while (!sent_id.empty() && sent_id.front() == ' ') sent_id.erase(sent_id.begin());
      }
      comments.push_back(line);
      continue;
    }
    std::vector<std::string> f = Split(line, '\t');
    if (f.size() < 3) return error("expected at least 3 tab-separated columns");
    if (f[1].empty()) return error("empty token");
    Token t;
    t.form = f[1];
    cur.tokens.push_back(t);
    tags.push_back(f[2]);
    std::string r;
    for (size_t k = 3; k < f.size(); ++k) r += "\t" + f[k];
    rest.push_back(r);
  }
  KG_RETURN_IF_ERROR(finish());
  if (docs.empty()) return Status::InvalidArgument(path + ": no sentences");
  return docs;
}

void WriteIob2(const std::vector<AnnotatedDocument>& docs,
               const std::vector<std::vector<std::vector<NamedSpan>>>& names, std::ostream& out) {
  for (size_t d = 0; d < docs.size(); ++d) {
    const AnnotatedDocument& doc = docs[d];
    for (size_t s = 0; s < doc.sentences.size(); ++s) {
      if (s < doc.comments.size())
        for (const std::string& c : doc.comments[s]) out << c << '\n';
      const Sentence& sent = doc.sentences[s];
      std::vector<std::string> tags(sent.tokens.size(), "O");
      if (d < names.size() && s < names[d].size()) {
        for (const NamedSpan& n : names[d][s]) {
          const char* t = n.type == EntityType::kPerson         ? "PER"
                          : n.type == EntityType::kOrganization ? "ORG"
                          : n.type == EntityType::kPlace        ? "LOC"
                                                                : nullptr;
          if (!t) continue;
          for (int k = n.begin; k < n.end && k < static_cast<int>(tags.size()); ++k)
            tags[k] = std::string(k == n.begin ? "B-" : "I-") + t;
        }
      }
      for (size_t k = 0; k < sent.tokens.size(); ++k) {
        out << (k + 1) << '\t' << sent.tokens[k].form << '\t' << tags[k];
        if (s < doc.token_rest.size() && k < doc.token_rest[s].size())
          out << doc.token_rest[s][k];
        out << '\n';
      }
      out << '\n';
    }
  }
}

NerScores ScoreNames(const std::vector<std::vector<std::vector<NamedSpan>>>& gold,
                     const std::vector<std::vector<std::vector<NamedSpan>>>& predicted,
                     const std::vector<EntityType>& types) {
  auto counted = [&](EntityType t) {
    return types.empty() || std::find(types.begin(), types.end(), t) != types.end();
  };
  std::map<int, SpanScore> by_type;
  NerScores out;
  for (size_t d = 0; d < gold.size(); ++d) {
    for (size_t s = 0; s < gold[d].size(); ++s) {
      std::vector<NamedSpan> g, p;
      for (const NamedSpan& n : gold[d][s])
        if (counted(n.type)) g.push_back(n);
      if (d < predicted.size() && s < predicted[d].size())
        for (const NamedSpan& n : predicted[d][s])
          if (counted(n.type)) p.push_back(n);
      for (const NamedSpan& n : g) {
        ++by_type[static_cast<int>(n.type)].gold;
        ++out.overall.gold;
      }
      for (const NamedSpan& n : p) {
        ++by_type[static_cast<int>(n.type)].predicted;
        ++out.overall.predicted;
        if (std::find(g.begin(), g.end(), n) != g.end()) {
          ++by_type[static_cast<int>(n.type)].correct;
          ++out.overall.correct;
        }
      }
    }
  }
  for (const auto& [t, score] : by_type) out.by_type.emplace_back(static_cast<EntityType>(t), score);
  return out;
}

}  // namespace kg::extract
