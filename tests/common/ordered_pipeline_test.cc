// common/ordered_pipeline.h: results come out in input order whatever the
// threads and timing, at most `window` items are in flight, and stopping
// early stops the producer.
#include "common/ordered_pipeline.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <random>
#include <thread>
#include <vector>

namespace kg {
namespace {

TEST(OrderedPipeline, ResultsComeOutInInputOrder) {
  for (int threads : {1, 2, 3, 8}) {
    std::vector<int> seen;
    std::atomic<int> in_flight{0}, most{0};
    RunOrdered<int, int>(
        {threads, 5},
        [&](auto& emit) {
          for (int i = 0; i < 300; ++i) {
            int now = ++in_flight;
            int m = most.load();
            while (now > m && !most.compare_exchange_weak(m, now)) {
            }
            if (!emit(int{i})) return;
          }
        },
        [](int&& i) {
          // Uneven work, so later items often finish first.
          std::this_thread::sleep_for(std::chrono::microseconds((i * 7919) % 400));
          return i * i;
        },
        [&](int&& r) {
          seen.push_back(r);
          --in_flight;
          return true;
        });
    ASSERT_EQ(seen.size(), 300u) << threads;
    for (int i = 0; i < 300; ++i) ASSERT_EQ(seen[i], i * i) << threads;
    // Counted before emit waits for room: at most window + 1.
    EXPECT_LE(most.load(), 6) << threads;
  }
}

TEST(OrderedPipeline, StoppingEarlyStopsTheProducer) {
  int produced = 0;
  std::vector<int> seen;
  RunOrdered<int, int>(
      {2, 4},
      [&](auto& emit) {
        for (int i = 0; i < 1000000; ++i) {
          if (!emit(int{i})) return;
          ++produced;
        }
      },
      [](int&& i) { return i; },
      [&](int&& r) {
        seen.push_back(r);
        return r < 9;  // stop after the tenth
      });
  EXPECT_EQ(seen, std::vector<int>({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_LE(produced, 10 + 4);
}

TEST(OrderedPipeline, EmptyInput) {
  int consumed = 0;
  RunOrdered<int, int>(
      {3, 0}, [](auto&) {}, [](int&& i) { return i; },
      [&](int&&) {
        ++consumed;
        return true;
      });
  EXPECT_EQ(consumed, 0);
}

}  // namespace
}  // namespace kg
