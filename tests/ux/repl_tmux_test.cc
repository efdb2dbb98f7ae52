// The REPL as a person uses it: `kg repl` on the seeds database inside a
// private tmux server, driven with send-keys and read with capture-pane.
// Whether kg has exited is asked of tmux (#{pane_dead}), not read from text;
// its exit status is written by the shell around it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <thread>

#include "tests/ux/ux_util.h"

namespace kg::ux_test {
namespace {

class Tmux {
 public:
  explicit Tmux(const std::string& command) {
    socket_ = "kg-ux-" + std::to_string(::getpid());
    WriteFile(dir_.path() + "/tmux.conf", "set -g remain-on-exit on\nset -g history-limit 10000\n");
    // tmux 3.3's #{pane_dead_status} is sometimes left empty when the pane's
    // terminal closes before its process is reaped, so the shell around kg
    // writes kg's exit status to a file instead.
    std::string wrapped = command + "; echo $? > " + Quote(StatusFile());
    RunResult r = Sh(Base() + " -f " + Quote(dir_.path() + "/tmux.conf") +
                      " new-session -d -s kg -x 150 -y 50 " + Quote(wrapped));
    ok_ = r.code == 0;
    if (!ok_) error_ = r.err;
  }
  ~Tmux() { Sh(Base() + " kill-server"); }
  bool ok() const { return ok_; }
  const std::string& error() const { return error_; }
  const std::string& dir() const { return dir_.path(); }

  void Keys(std::string keys, bool literal = true) {
    // tmux reads an argument ending in ';' as a command separator: escape it.
    if (!keys.empty() && keys.back() == ';') keys.insert(keys.size() - 1, "\\");
    Sh(Base() + " send-keys -t kg " + (literal ? "-l " : "") + Quote(keys));
  }
  void Line(const std::string& text) {
    Keys(text);
    Keys("Enter", false);
  }
  // The pane's scrollback and screen, without the blank rows under the
  // cursor (so that its length only grows as output comes).
  std::string Screen() {
    std::string s = Sh(Base() + " capture-pane -p -J -S -5000 -t kg").out;
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
  }
  std::string Format(const std::string& f) {
    std::string out = Sh(Base() + " display-message -p -t kg " + Quote(f)).out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }
  // Waits until the screen, after position `from`, matches `re`.
  bool WaitFor(const std::string& re, size_t from = 0, int seconds = 20) {
    std::regex pattern(re);
    for (int i = 0; i < seconds * 20; ++i) {
      std::string s = Screen();
      if (s.size() > from && std::regex_search(s.substr(from), pattern)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  // kg's exit status once it has exited ("" before).
  std::string ExitStatus() {
    std::string status = ReadFile(StatusFile());
    while (!status.empty() && status.back() == '\n') status.pop_back();
    return status;
  }
  // Waits until kg has exited and its status is written.
  bool WaitDead(int seconds = 10) {
    for (int i = 0; i < seconds * 20; ++i) {
      if (Format("#{pane_dead}") == "1" && !ExitStatus().empty()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

 private:
  std::string Base() const { return "tmux -L " + socket_; }
  std::string StatusFile() const { return dir_.path() + "/exit_status"; }
  TempDir dir_;
  std::string socket_;
  bool ok_ = false;
  std::string error_;
};

TEST(ReplUnderTmux, ASessionOnTheSeeds) {
  if (!HaveProgram("tmux")) GTEST_SKIP() << "skipped: tmux is not installed";
  const std::string db = SeedsDb();
  TempDir home;
  Tmux t("env HOME=" + Quote(home.path()) + " TERM=xterm " + Quote(::kg::testing::KgBinary()) +
         " --db " + Quote(db) + " repl");
  ASSERT_TRUE(t.ok()) << t.error();
  ASSERT_TRUE(t.WaitFor("kg>")) << t.Screen();
  EXPECT_NE(t.Screen().find(":help"), std::string::npos) << "banner";

  // A query.
  size_t mark = t.Screen().size();
  t.Line("MATCH (n:Entity) RETURN count(*) AS entities;");
  ASSERT_TRUE(t.WaitFor("1 row", mark)) << t.Screen();
  EXPECT_NE(t.Screen().find("│ entities │"), std::string::npos) << t.Screen();

  // A multi-line query: the continuation prompt, then the result.
  mark = t.Screen().size();
  t.Line("MATCH (n:Entity)");
  ASSERT_TRUE(t.WaitFor("\\.\\.\\.>", mark)) << t.Screen();
  t.Line("RETURN n.name AS name ORDER BY name LIMIT 2;");
  ASSERT_TRUE(t.WaitFor("2 rows", mark)) << t.Screen();
  EXPECT_NE(t.Screen().substr(mark).find("│ name"), std::string::npos);

  // :mode csv.
  mark = t.Screen().size();
  t.Line(":mode csv");
  t.Line("RETURN 6 * 7 AS answer, 'a,b' AS s;");
  ASSERT_TRUE(t.WaitFor("answer,s\\s*\\n42,\"a,b\"", mark)) << t.Screen();

  // :schema (still in csv mode).
  mark = t.Screen().size();
  t.Line(":schema");
  ASSERT_TRUE(t.WaitFor("label,Entity,[0-9]+", mark)) << t.Screen();
  t.Line(":mode table");

  // A bad query: the error with a caret; the session goes on.
  mark = t.Screen().size();
  t.Line("MATCH (n RETURN n;");
  ASSERT_TRUE(t.WaitFor("SyntaxError", mark)) << t.Screen();
  EXPECT_TRUE(std::regex_search(t.Screen().substr(mark), std::regex("\n *\\^"))) << t.Screen();

  // Ctrl-C at the prompt discards the half-typed statement.
  mark = t.Screen().size();
  t.Keys("MATCH (n) RETURN");
  t.Keys("C-c", false);
  t.Line("RETURN 'still here' AS status;");
  ASSERT_TRUE(t.WaitFor("still here", mark)) << t.Screen();
  EXPECT_EQ(t.Screen().substr(mark).find("SyntaxError"), std::string::npos)
      << "the discarded text must not reach the query: " << t.Screen();

  // Ctrl-R finds that statement in the history; Enter runs it again.
  mark = t.Screen().size();
  t.Keys("C-r", false);
  t.Keys("still her");
  t.Keys("Enter", false);
  ASSERT_TRUE(t.WaitFor("│ still here", mark)) << t.Screen();

  // Ctrl-C during a long query cancels it and keeps the session.
  mark = t.Screen().size();
  t.Line("UNWIND range(1, 2000000000) AS x RETURN count(x) AS n;");
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  t.Keys("C-c", false);
  ASSERT_TRUE(t.WaitFor("[Cc]ancel", mark)) << t.Screen();
  mark = t.Screen().size();
  t.Line("RETURN 1 AS after_cancel;");
  ASSERT_TRUE(t.WaitFor("after_cancel", mark)) << t.Screen();
  EXPECT_EQ(t.Format("#{pane_dead}"), "0");

  // :quit ends kg with exit status 0 (errors were shown, not fatal): ask tmux.
  t.Line(":quit");
  ASSERT_TRUE(t.WaitDead()) << t.Screen();
  EXPECT_EQ(t.ExitStatus(), "0");

  // The history was saved in $HOME/.kg_history.
  std::string history = ReadFile(home.path() + "/.kg_history");
  EXPECT_NE(history.find("still"), std::string::npos) << history;
}

TEST(ReplUnderTmux, PlainKgOnATerminalIsTheReplAndCtrlDLeaves) {
  if (!HaveProgram("tmux")) GTEST_SKIP() << "skipped: tmux is not installed";
  TempDir home;
  Tmux t("env HOME=" + Quote(home.path()) + " TERM=xterm " + Quote(::kg::testing::KgBinary()) +
         " --db " + Quote(SeedsDb()));
  ASSERT_TRUE(t.ok()) << t.error();
  ASSERT_TRUE(t.WaitFor("kg>")) << t.Screen();
  // Tab completes a keyword in the case typed.
  t.Keys("retu");
  t.Keys("Tab", false);
  t.Keys("1 AS one;");
  t.Keys("Enter", false);
  ASSERT_TRUE(t.WaitFor("│ one │")) << t.Screen();
  EXPECT_NE(t.Screen().find("return 1 AS one;"), std::string::npos) << t.Screen();
  t.Keys("C-d", false);
  ASSERT_TRUE(t.WaitDead()) << t.Screen();
  EXPECT_EQ(t.ExitStatus(), "0");
}

TEST(ReplPiped, CommandsParamsStatsAndAudit) {
  RunResult r = Sh(KgSeeds() + " repl --mode jsonl",
                   ":param who 'Vladimir Putin'\n:params\nRETURN $who AS who;\n"
                   ":stats\n"
                   "MATCH (a)-[r]->(b) RETURN a.name AS a, r, b.name AS b ORDER BY id(r) LIMIT 1;\n"
                   ":audit 1\n:audit 9\n:nonsense\n");
  EXPECT_EQ(r.code, 1) << "the bad :audit and :nonsense count as errors";
  EXPECT_NE(r.out.find("$who = 'Vladimir Putin'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("{\"who\":\"Vladimir Putin\"}"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("{\"what\":\"documents\",\"count\":5}"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Claim #"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("spans: ok"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("the last result has 1 row; no row 9"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("unknown command :nonsense (try :help)"), std::string::npos) << r.err;
}

TEST(ReplPiped, ReadsStatementsFromStdin) {
  RunResult r = Sh(KgSeeds() + " repl",
                    ":mode csv\nRETURN 1 AS a;\nRETURN\n  2 AS b;\n:mode jsonl\nRETURN 3 AS c;\n:quit\nRETURN 4;\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "mode: csv\na\n1\nb\n2\nmode: jsonl\n{\"c\":3}\n");
  r = Sh(KgSeeds() + " repl", "RETURN (1;\nRETURN 5 AS five;\n");
  EXPECT_EQ(r.code, 1) << "a failed statement makes the exit code 1";
  EXPECT_NE(r.err.find("^"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("five"), std::string::npos) << "later statements still run";
}

}  // namespace
}  // namespace kg::ux_test
