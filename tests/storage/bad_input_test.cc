// Bad input through the real kg binary: each bad file is named on stderr, the
// good ones are still stored, exit 3; a folder that is not a kg database, or
// one with a newer format version, is refused with nothing written.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>

#include "storage/store.h"
#include "tests/storage/run_kg.h"
#include "tests/storage/test_util.h"

namespace kg::testing {
namespace {

namespace fs = std::filesystem;

void Write(const std::string& path, const std::string& data) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << data;
}

std::string Seed(int i) {
  for (const auto& e : fs::directory_iterator(SeedsDir())) {
    if (e.path().filename().string().rfind("00" + std::to_string(i) + "_", 0) == 0) {
      return ReadWhole(e.path().string());
    }
  }
  return "";
}

// Every file under `dir` with its size, modification time and content.
std::map<std::string, std::string> Snapshot(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    std::string rel = fs::relative(e.path(), dir).string();
    if (e.is_regular_file()) {
      auto t = fs::last_write_time(e.path()).time_since_epoch().count();
      out[rel] = std::to_string(t) + ":" + ReadWhole(e.path().string());
    } else {
      out[rel] = "dir";
    }
  }
  return out;
}

TEST(BadInput, EachRejectionNamedOthersStored) {
  TempDir tmp;
  std::string in = tmp.Sub("in");
  Write(in + "/good.txt", Seed(0));
  Write(in + "/folder/also_good.txt", Seed(1));
  Write(in + "/folder/picture.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  Write(in + "/invalid.txt", "A fine first line.\nThen a bad \xff byte.\n");
  Write(in + "/empty.txt", "");
  {
    // 50 MB on a single line, made here and never committed.
    std::ofstream huge(in + "/huge.txt", std::ios::binary);
    std::string chunk(1 << 20, 'a');
    for (int i = 0; i < 50; ++i) huge << chunk;
  }
  std::string missing = in + "/no_such_file.txt";
  auto started = std::chrono::steady_clock::now();
  RunResult r = RunKg({"--db", tmp.Sub("db"), "ingest", in + "/good.txt", in + "/folder",
                       in + "/invalid.txt", in + "/empty.txt", in + "/huge.txt", missing},
                      tmp.path());
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(r.exit_code, 3) << r.err;
  for (const std::string& name : {in + "/folder/picture.png", in + "/invalid.txt:2:",
                                  in + "/empty.txt", in + "/huge.txt:1", missing}) {
    EXPECT_NE(r.err.find(name), std::string::npos) << "not named: " << name << "\n" << r.err;
  }
  EXPECT_NE(r.err.find("binary"), std::string::npos);
  EXPECT_NE(r.err.find("invalid UTF-8"), std::string::npos);
  EXPECT_NE(r.err.find("empty"), std::string::npos);
  EXPECT_NE(r.err.find("too long"), std::string::npos);
  EXPECT_NE(r.err.find("2 documents stored, 0 unchanged, 5 rejected"), std::string::npos)
      << r.err;
  EXPECT_LT(seconds, 20.0);  // a loose guard against hanging, not a benchmark
  EXPECT_EQ(RunKg({"--db", tmp.Sub("db"), "check"}, tmp.path()).exit_code, 0);

  // Nothing but bad input: exit 1.
  RunResult none = RunKg({"--db", tmp.Sub("db2"), "ingest", in + "/empty.txt"}, tmp.path());
  EXPECT_EQ(none.exit_code, 1);
}

TEST(BadInput, ForeignFolderRefusedAndUntouched) {
  TempDir tmp;
  std::string foreign = tmp.Sub("photos");
  Write(foreign + "/holiday.jpg", "not really a jpeg");
  Write(foreign + "/sub/notes.txt", "notes");
  std::string fake = tmp.Sub("fake");
  Write(fake + "/CURRENT", "MANIFEST-000001\n");  // looks like RocksDB, is not
  for (const std::string& dir : {foreign, fake}) {
    auto before = Snapshot(dir);
    for (std::vector<std::string> cmd : {std::vector<std::string>{"ingest", SeedsDir()},
                                         {"stats"}, {"check"}, {"retract", "abc"}}) {
      std::vector<std::string> args = {"--db", dir};
      args.insert(args.end(), cmd.begin(), cmd.end());
      RunResult r = RunKg(args, tmp.path());
      EXPECT_EQ(r.exit_code, 1) << cmd[0] << ": " << r.err;
      EXPECT_NE(r.err.find("not a kg database"), std::string::npos) << cmd[0] << ": " << r.err;
    }
    EXPECT_EQ(Snapshot(dir), before) << dir;
  }
}

// A kg killed while creating a database leaves its hidden building folder
// (".kg.db.creating-PID-RANDOM") behind; the next creation removes it, but
// never the folder of a process that is still running.
TEST(BadInput, AbandonedCreationFoldersAreRemoved) {
  TempDir tmp;
  pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ASSERT_GT(child, 0);
  ::waitpid(child, nullptr, 0);  // now a process id with no process
  std::string abandoned = tmp.Sub(".kg.db.creating-" + std::to_string(child) + "-0000abcd");
  std::string running = tmp.Sub(".kg.db.creating-" + std::to_string(::getppid()) + "-0000abcd");
  std::string other = tmp.Sub(".other.db.creating-" + std::to_string(child) + "-0000abcd");
  for (const std::string& d : {abandoned, running, other}) Write(d + "/CURRENT", "half made");
  storage::StoreOptions o;
  auto store = storage::Store::Open(tmp.Sub("kg.db"), o);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_FALSE(fs::exists(abandoned));
  EXPECT_TRUE(fs::exists(running)) << "its process still runs";
  EXPECT_TRUE(fs::exists(other)) << "it belongs to another database";
}

TEST(BadInput, NewerFormatRefusedAndUntouched) {
  TempDir tmp;
  std::string db = tmp.Sub("db");
  ASSERT_EQ(RunKg({"--db", db, "ingest", SeedsDir()}, tmp.path()).exit_code, 0);
  {
    auto store = storage::Store::Open(db, {});
    ASSERT_TRUE(store.ok());
    storage::WriteBatch b;
    b.Put(storage::Family::kMeta, storage::kFormatVersionKey,
          std::to_string(storage::kFormatVersion + 1));
    ASSERT_TRUE((*store)->Write(&b).ok());
  }
  auto before = Snapshot(db);
  for (std::vector<std::string> cmd : {std::vector<std::string>{"ingest", SeedsDir()},
                                       {"stats"}, {"check"}}) {
    std::vector<std::string> args = {"--db", db};
    args.insert(args.end(), cmd.begin(), cmd.end());
    RunResult r = RunKg(args, tmp.path());
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("newer"), std::string::npos) << r.err;
  }
  EXPECT_EQ(Snapshot(db), before);
}

}  // namespace
}  // namespace kg::testing
