// RunJobs: runs independent training jobs 0..count-1, two at a time (this
// machine has two cores). Jobs take their job number and must not depend on
// one another or on the order they run in; that is what keeps training
// deterministic (each job has its own generator and its own output slot).
// Internal to kg_extract's trainers (jackknife folds, parser seeds).
#pragma once

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>
#include <vector>

namespace kg::extract {

inline void RunJobs(int count, const std::function<void(int)>& job) {
  unsigned lanes = std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
  std::atomic<int> next{0};
  std::vector<std::thread> workers;
  for (unsigned lane = 0; lane < std::min<unsigned>(lanes, std::max(count, 0)); ++lane) {
    workers.emplace_back([&] {
      for (int j = next++; j < count; j = next++) job(j);
    });
  }
  for (std::thread& w : workers) w.join();
}

}  // namespace kg::extract
