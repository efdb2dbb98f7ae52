// CoNLL-U reading and writing (see conllu.h).
#include "extract/conllu.h"

#include <fstream>
#include <ostream>
#include <sstream>

namespace kg::extract {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      out.push_back(line.substr(start));
      break;
    }
    out.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
  return out;
}

bool ParseInt(std::string_view s, int* value) {
  if (s.empty() || s.size() > 9) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *value = v;
  return true;
}

std::string Field(std::string_view s) { return s == "_" ? std::string() : std::string(s); }

// Gives every token a span: into `text` when its words are found there in
// order, else into the words joined by single spaces.
void AssignSpans(ConlluSentence& cs) {
  std::vector<Token>& toks = cs.sentence.tokens;
  if (cs.has_text) {
    size_t pos = 0;
    bool ok = true;
    std::vector<ByteSpan> spans;
    for (const Token& t : toks) {
      size_t at = cs.text.find(t.form, pos);
      // Only whitespace may lie between consecutive words.
      if (at == std::string::npos) {
        ok = false;
        break;
      }
      for (size_t k = pos; k < at; ++k) {
        if (cs.text[k] != ' ' && cs.text[k] != '\t' && cs.text[k] != '\n') {
          ok = false;
          break;
        }
      }
      if (!ok) break;
      spans.push_back({static_cast<uint32_t>(at), static_cast<uint32_t>(at + t.form.size())});
      pos = at + t.form.size();
    }
    if (ok) {
      for (size_t i = 0; i < toks.size(); ++i) toks[i].span = spans[i];
      if (!toks.empty()) cs.sentence.span = {toks.front().span.begin, toks.back().span.end};
      cs.spans_in_text = true;
      return;
    }
    // Multiword tokens ("gonna" = "gon" "na", "won't" = "wo" "n't") and
    // typo'd words may not match: fall back to a synthetic text.
  }
  std::string joined;
  for (Token& t : toks) {
    if (!joined.empty()) joined += ' ';
    t.span = {static_cast<uint32_t>(joined.size()),
              static_cast<uint32_t>(joined.size() + t.form.size())};
    joined += t.form;
  }
  if (!cs.has_text) cs.text = joined;
  cs.spans_in_text = !cs.has_text;
  cs.sentence.span = {0, static_cast<uint32_t>(joined.size())};
}

}  // namespace

Result<std::vector<ConlluSentence>> ParseConllu(std::string_view content, const std::string& name) {
  std::vector<ConlluSentence> out;
  ConlluSentence cur;
  bool in_block = false;
  bool pending_par = false;
  size_t line_no = 0;
  size_t start = 0;
  auto error = [&](const std::string& msg) {
    return Status::InvalidArgument(name + ":" + std::to_string(line_no) + ": " + msg);
  };
  auto finish = [&]() -> Status {
    if (!in_block) return Status::OK();
    if (cur.sentence.tokens.empty()) {
      in_block = false;
      cur = ConlluSentence();
      return Status::OK();
    }
    int n = static_cast<int>(cur.sentence.tokens.size());
    for (const Token& t : cur.sentence.tokens) {
      if (t.head >= n) return error("HEAD " + std::to_string(t.head + 1) + " beyond sentence end");
    }
    AssignSpans(cur);
    out.push_back(std::move(cur));
    cur = ConlluSentence();
    in_block = false;
    return Status::OK();
  };
  while (start <= content.size()) {
    size_t nl = content.find('\n', start);
    std::string_view line =
        content.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      KG_RETURN_IF_ERROR(finish());
    } else if (line[0] == '#') {
      if (!in_block) {
        in_block = true;
        cur.new_paragraph = pending_par;
        pending_par = false;
      }
      auto value = [&](std::string_view key) -> std::string_view {
        std::string_view rest = line.substr(1);
        while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
        if (rest.substr(0, key.size()) != key) return {};
        rest.remove_prefix(key.size());
        if (!rest.empty() && rest[0] != ' ' && rest[0] != '=') return {};
        while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
        if (rest.empty() || rest[0] != '=') return {};
        rest.remove_prefix(1);
        while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
        return rest;
      };
      if (line.find("newpar") != std::string_view::npos ||
          line.find("newdoc") != std::string_view::npos) {
        cur.new_paragraph = true;
      }
      if (std::string_view v = value("text"); v.data() != nullptr) {
        cur.text = std::string(v);
        cur.has_text = true;
      } else if (std::string_view id = value("sent_id"); id.data() != nullptr) {
        cur.sent_id = std::string(id);
      }
    } else {
      if (!in_block) {
        in_block = true;
        cur.new_paragraph = pending_par;
        pending_par = false;
      }
      std::vector<std::string_view> f = SplitTabs(line);
      if (f.size() != 10) {
        return error("expected 10 tab-separated fields, found " + std::to_string(f.size()));
      }
      if (f[0].find('-') != std::string_view::npos || f[0].find('.') != std::string_view::npos) {
        // Multiword token or empty node: words carry the analysis.
      } else {
        int id = 0;
        if (!ParseInt(f[0], &id)) return error("bad ID '" + std::string(f[0]) + "'");
        if (id != static_cast<int>(cur.sentence.tokens.size()) + 1) {
          return error("ID " + std::to_string(id) + " out of sequence");
        }
        Token t;
        t.form = std::string(f[1]);
        t.lemma = std::string(f[2]);
        t.upos = Field(f[3]);
        t.xpos = Field(f[4]);
        t.feats = std::string(f[5]);
        int head = 0;
        if (f[6] == "_") {
          head = 0;
        } else if (!ParseInt(f[6], &head)) {
          return error("bad HEAD '" + std::string(f[6]) + "'");
        }
        t.head = head - 1;
        t.deprel = Field(f[7]);
        t.space_after = f[9].find("SpaceAfter=No") == std::string_view::npos;
        if (t.form.empty()) return error("empty FORM");
        cur.sentence.tokens.push_back(std::move(t));
        cur.misc.emplace_back(f[9]);
      }
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  KG_RETURN_IF_ERROR(finish());
  return out;
}

Result<std::vector<ConlluSentence>> ReadConlluFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read " + path);
  return ParseConllu(ss.str(), path);
}

void WriteConllu(const Sentence& sentence, std::string_view text, const std::string& sent_id,
                 std::ostream& out) {
  auto f = [](const std::string& s) -> const std::string& {
    static const std::string kEmpty = "_";
    return s.empty() ? kEmpty : s;
  };
  if (!sent_id.empty()) out << "# sent_id = " << sent_id << "\n";
  if (!text.empty()) {
    std::string t(text);
    for (char& c : t) {
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    out << "# text = " << t << "\n";
  }
  for (size_t i = 0; i < sentence.tokens.size(); ++i) {
    const Token& t = sentence.tokens[i];
    std::string form = t.form;
    for (char& c : form) {
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    }
    out << (i + 1) << '\t' << form << '\t' << f(t.lemma) << '\t' << f(t.upos) << '\t' << f(t.xpos)
        << '\t' << f(t.feats) << '\t' << (t.head + 1) << '\t' << f(t.deprel) << "\t_\t"
        << (t.space_after ? "_" : "SpaceAfter=No") << '\n';
  }
  out << '\n';
}

}  // namespace kg::extract
