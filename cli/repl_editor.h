// LineEditor: the REPL's terminal line editing, on libedit (BSD licence).
//
// Gives emacs-style editing, persistent history (loaded at start, saved
// after every entry), Ctrl-R incremental history search, and Tab completion
// through a caller-supplied Completer (see repl_completion.h). Ctrl-C at the
// prompt discards the line being typed (ReadLine returns kInterrupted); the
// terminal's own SIGINT is switched off only while a line is being edited,
// so Ctrl-C during a running query still raises SIGINT for the REPL to
// cancel the query. ~/.editrc is read, as other libedit programs do.
//
// Only for terminals: the REPL reads plain lines from stdin when stdin is not
// a terminal.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "cli/repl_completion.h"

namespace kg::cli {

class LineEditor {
 public:
  using Completer = std::function<Completion(const std::string& before_cursor)>;
  enum class Read { kLine, kInterrupted, kEof };

  // `history_path` may be empty (no persistent history).
  LineEditor(const std::string& history_path, Completer completer);
  ~LineEditor();
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  // Shows `prompt` and reads one line (without its newline) into `line`.
  Read ReadLine(const std::string& prompt, std::string* line);
  // Adds an entry to the history and saves the history file.
  void AddHistory(const std::string& entry);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kg::cli
