#include "cli/repl_editor.h"

#include <histedit.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace kg::cli {

struct LineEditor::Impl {
  EditLine* el = nullptr;
  History* history = nullptr;
  std::string history_path;
  std::string prompt;
  Completer completer;
  bool interrupted = false;

  static Impl* From(EditLine* el) {
    void* data = nullptr;
    el_get(el, EL_CLIENTDATA, &data);
    return static_cast<Impl*>(data);
  }

  static char* Prompt(EditLine* el) { return From(el)->prompt.data(); }

  static unsigned char Interrupt(EditLine* el, int) {
    From(el)->interrupted = true;
    return CC_NEWLINE;
  }

  static size_t CodePoints(const std::string& s) {
    return std::count_if(s.begin(), s.end(),
                         [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
  }

  static unsigned char CompleteWord(EditLine* el, int) {
    Impl* self = From(el);
    const LineInfo* li = el_line(el);
    std::string before(li->buffer, li->cursor - li->buffer);
    Completion c = self->completer ? self->completer(before) : Completion{};
    if (c.candidates.empty() || c.start > before.size()) return CC_ERROR;
    std::string typed = before.substr(c.start);
    std::string replacement;
    if (c.candidates.size() == 1) {
      replacement = c.candidates.front();
      if (c.append_space) replacement += ' ';
    } else {
      replacement = CommonPrefix(c.candidates);
      if (CodePoints(replacement) <= CodePoints(typed)) {
        // Nothing more to add: list the candidates under the line.
        struct winsize ws {};
        size_t cols = (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col) ? ws.ws_col : 80;
        size_t width = 0;
        for (const auto& w : c.candidates) width = std::max(width, CodePoints(w) + 2);
        size_t per_line = std::max<size_t>(1, cols / std::max<size_t>(width, 1));
        std::string out = "\n";
        size_t shown = 0;
        for (const auto& w : c.candidates) {
          if (shown == 200) {
            out += "\n… and " + std::to_string(c.candidates.size() - shown) + " more";
            break;
          }
          out += w + std::string(width - CodePoints(w), ' ');
          if (++shown % per_line == 0) out += "\n";
        }
        if (out.back() != '\n') out += "\n";
        fputs(out.c_str(), stdout);
        fflush(stdout);
        return CC_REDISPLAY;
      }
    }
    el_deletestr(el, static_cast<int>(CodePoints(typed)));
    if (el_insertstr(el, replacement.c_str()) != 0) return CC_ERROR;
    return CC_REFRESH;
  }
};

LineEditor::LineEditor(const std::string& history_path, Completer completer)
    : impl_(std::make_unique<Impl>()) {
  impl_->history_path = history_path;
  impl_->completer = std::move(completer);
  impl_->el = el_init("kg", stdin, stdout, stderr);
  EditLine* el = impl_->el;
  el_set(el, EL_CLIENTDATA, impl_.get());
  el_set(el, EL_EDITOR, "emacs");
  el_set(el, EL_SIGNAL, 1);
  el_set(el, EL_PROMPT, &Impl::Prompt);
  // Ctrl-C while editing is a key (discard the line), not a signal.
  el_set(el, EL_SETTY, "-d", "-isig", nullptr);
  el_set(el, EL_ADDFN, "kg-complete", "Complete the word at the cursor", &Impl::CompleteWord);
  el_set(el, EL_ADDFN, "kg-interrupt", "Discard the line", &Impl::Interrupt);
  el_set(el, EL_BIND, "^I", "kg-complete", nullptr);
  el_set(el, EL_BIND, "^C", "kg-interrupt", nullptr);
  el_set(el, EL_BIND, "^R", "em-inc-search-prev", nullptr);
  impl_->history = history_init();
  HistEvent ev;
  history(impl_->history, &ev, H_SETSIZE, 2000);
  history(impl_->history, &ev, H_SETUNIQUE, 1);
  if (!history_path.empty()) history(impl_->history, &ev, H_LOAD, history_path.c_str());
  el_set(el, EL_HIST, history, impl_->history);
  el_source(el, nullptr);
}

LineEditor::~LineEditor() {
  if (impl_->history) {
    HistEvent ev;
    if (!impl_->history_path.empty()) history(impl_->history, &ev, H_SAVE, impl_->history_path.c_str());
    history_end(impl_->history);
  }
  if (impl_->el) el_end(impl_->el);
}

LineEditor::Read LineEditor::ReadLine(const std::string& prompt, std::string* line) {
  impl_->prompt = prompt;
  impl_->interrupted = false;
  int count = 0;
  const char* text = el_gets(impl_->el, &count);
  if (impl_->interrupted) {
    line->clear();
    return Read::kInterrupted;
  }
  if (!text || count <= 0) return Read::kEof;
  line->assign(text, count);
  while (!line->empty() && (line->back() == '\n' || line->back() == '\r')) line->pop_back();
  return Read::kLine;
}

void LineEditor::AddHistory(const std::string& entry) {
  if (entry.empty()) return;
  HistEvent ev;
  history(impl_->history, &ev, H_ENTER, entry.c_str());
  if (!impl_->history_path.empty()) history(impl_->history, &ev, H_SAVE, impl_->history_path.c_str());
}

}  // namespace kg::cli
