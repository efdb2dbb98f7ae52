// scripts/kg_dask.py on a real Dask cluster: a dask-scheduler and two
// dask-worker processes on 127.0.0.1 (Debian's python3-distributed, which
// setup.sh installs), the news sample and the seeds extracted on the workers
// in shards, loaded here: the graph equals a direct `kg ingest`. Every
// process the test starts runs in its own process group and is killed when
// the test ends, whatever happens; each step is bounded in time.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "graph/graph.h"
#include "tests/shared_data.h"
#include "tests/storage/run_kg.h"
#include "tests/storage/test_util.h"

namespace kg::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPython = "/usr/bin/python3";

// A TCP port nothing listens on right now.
int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    ::close(fd);
    return 0;
  }
  ::close(fd);
  return ntohs(a.sin_port);
}

// Processes started in their own process groups, all killed at destruction.
class Processes {
 public:
  ~Processes() {
    for (pid_t p : pids_) ::kill(-p, SIGTERM);
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    for (pid_t p : pids_) {
      while (::waitpid(p, nullptr, WNOHANG) == 0 && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      ::kill(-p, SIGKILL);
      ::waitpid(p, nullptr, 0);
    }
  }
  // Starts `argv` with output to `log`; returns its pid.
  pid_t Start(const std::vector<std::string>& argv, const std::string& log) {
    pid_t pid = ::fork();
    if (pid == 0) {
      ::setpgid(0, 0);
      int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      std::vector<char*> args;
      std::vector<std::string> copy = argv;
      for (auto& a : copy) args.push_back(a.data());
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    ::setpgid(pid, pid);
    pids_.push_back(pid);
    return pid;
  }
  // Waits for `pid` at most `seconds`; its exit code, or -1 (killed: timeout).
  int Wait(pid_t pid, int seconds) {
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    int status = 0;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > until) {
        ::kill(-pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        pids_.erase(std::find(pids_.begin(), pids_.end(), pid));
        return -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    pids_.erase(std::find(pids_.begin(), pids_.end(), pid));
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  std::vector<pid_t> pids_;
};

bool DaskInstalled() {
  return PathExists("/usr/bin/dask-scheduler") && PathExists("/usr/bin/dask-worker") &&
         std::system("/usr/bin/python3 -c 'import distributed' >/dev/null 2>&1") == 0;
}

TEST(Dask, DriverOnTwoLocalWorkersLoadsWhatIngestStores) {
  std::string news = KG_SHARED_DATA_OR_SKIP("news-sample/wikinews_gum_news.jsonl");
  if (!DaskInstalled()) {
    if (SharedRequired()) FAIL() << "needs python3-distributed (setup.sh installs it)";
    GTEST_SKIP() << "skipped: needs Debian's python3-distributed (bash setup.sh deps)";
  }
  TempDir tmp;
  std::string in = MakeSeedsAndNews(tmp.Sub("in"), news);
  ASSERT_EQ(RunKg({"--db", tmp.Sub("direct"), "ingest", "--no-sync", in}, tmp.path()).exit_code, 0);

  Processes procs;
  int port = FreePort();
  ASSERT_GT(port, 0);
  std::string address = "tcp://127.0.0.1:" + std::to_string(port);
  procs.Start({"/usr/bin/dask-scheduler", "--host", "127.0.0.1", "--port", std::to_string(port),
               "--no-dashboard"},
              tmp.Sub("scheduler.log"));
  for (int w = 0; w < 2; ++w) {
    std::string dir = tmp.Sub("worker" + std::to_string(w));
    fs::create_directories(dir);
    procs.Start({"/usr/bin/dask-worker", address, "--host", "127.0.0.1", "--nthreads", "1",
                 "--nworkers", "1", "--no-dashboard", "--local-directory", dir,
                 "--death-timeout", "120"},
                tmp.Sub("worker" + std::to_string(w) + ".log"));
  }
  // 24 news records in shards of 5, plus one shard per seed: 10 shards, at
  // most 3 submitted at a time.
  pid_t driver = procs.Start({kPython, SourceDir() + "/scripts/kg_dask.py", "--scheduler", address,
                              "--db", tmp.Sub("dask"), "--kg", KgBinary(), "--shard-lines", "5",
                              "--wait-workers", "2", "--in-flight", "3", "--out", tmp.Sub("parts"), in},
                             tmp.Sub("driver.log"));
  int code = procs.Wait(driver, 600);
  std::string log = ReadWhole(tmp.Sub("driver.log"));
  ASSERT_EQ(code, 0) << log << "\nscheduler:\n" << ReadWhole(tmp.Sub("scheduler.log"));
  EXPECT_NE(log.find("shards on 2 workers, 3 at a time"), std::string::npos) << log;
  EXPECT_NE(log.find("10 shards done"), std::string::npos) << log;
  EXPECT_NE(log.find("29 documents stored"), std::string::npos) << log;
  int parts = 0;
  for (const auto& e : fs::directory_iterator(tmp.Sub("parts"))) parts += e.is_regular_file();
  EXPECT_EQ(parts, 10);
  EXPECT_EQ(DumpOf(tmp.Sub("dask")), DumpOf(tmp.Sub("direct")));
  ExpectKgCheckClean(tmp.Sub("dask"), tmp.path());
  // Both workers joined the scheduler.
  std::string w0 = ReadWhole(tmp.Sub("worker0.log")), w1 = ReadWhole(tmp.Sub("worker1.log"));
  EXPECT_NE(w0.find("Registered to"), std::string::npos) << w0;
  EXPECT_NE(w1.find("Registered to"), std::string::npos) << w1;
}

}  // namespace
}  // namespace kg::testing
