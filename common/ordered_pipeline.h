// OrderedPipeline: a parallel map whose results come out in input order.
//
// `kg ingest` and `kg extract` read documents in order, extract them on
// several threads, and must then write (or print) them in that same order:
// the graph's ids and its cross-document entity resolution depend on the
// order documents are stored in, and must not depend on the number of
// threads or on timing. This is the shape that gives both:
//
//   one producer thread  --(bounded window)-->  N worker threads
//        produce(&item)                            work(item) -> result
//                                     --> the calling thread: consume(result),
//                                         strictly in the order produced
//
// At most `window` items are between produce and consume at any time (being
// made, waiting for a worker, worked on, or waiting for their turn), so memory
// stays flat however long the input is.
//
//   RunOrdered<Doc, Extraction>({.threads = 4, .window = 16},
//       [&](auto& emit) { for (Doc& d : docs) if (!emit(std::move(d))) return; },
//       [&](Doc&& d) { return extractor.Extract(d); },       // on a worker thread
//       [&](Extraction&& x) { return store.Add(x).ok(); });  // false: stop early
//
// Contract: `produce(emit)` runs once, on a thread of its own, and hands each
// item to `emit(In&&)`, which waits while the window is full and returns false
// once the consumer has stopped (produce should then return); `consume` runs
// only on the calling thread; `work` runs on several
// threads at once and must be safe to (it gets its own item). When `consume`
// returns false, no further item is produced, items in flight are finished
// and dropped, and RunOrdered returns once every thread has stopped. None of
// the three may throw.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace kg {

struct OrderedPipelineOptions {
  int threads = 1;     // worker threads (at least 1)
  size_t window = 0;   // items in flight at most; 0 = 4 per worker thread
};

template <typename In, typename Out, typename Produce, typename Work, typename Consume>
void RunOrdered(OrderedPipelineOptions options, Produce produce, Work work, Consume consume) {
  const int threads = std::max(1, options.threads);
  const size_t window = options.window ? options.window : 4 * static_cast<size_t>(threads);

  std::mutex mu;
  std::condition_variable room;   // the producer waits for a free slot
  std::condition_variable tasks;  // workers wait for an item
  std::condition_variable ready;  // the consumer waits for the next result
  std::deque<std::pair<uint64_t, In>> queue;
  std::vector<std::optional<Out>> slots(window);  // result of item s in slots[s % window]
  uint64_t produced = 0, consumed = 0;
  bool input_done = false, stop = false;

  // Hands one item to the workers, waiting while the window is full; false
  // once the consumer stopped (the producer should then return).
  auto emit = [&](In&& item) -> bool {
    std::unique_lock lock(mu);
    room.wait(lock, [&] { return stop || produced - consumed < window; });
    if (stop) return false;
    queue.emplace_back(produced++, std::move(item));
    tasks.notify_one();
    return true;
  };
  std::thread producer([&] {
    produce(emit);
    std::lock_guard lock(mu);
    input_done = true;
    tasks.notify_all();
    ready.notify_all();
  });

  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (;;) {
        std::optional<std::pair<uint64_t, In>> job;
        {
          std::unique_lock lock(mu);
          tasks.wait(lock, [&] { return stop || !queue.empty() || input_done; });
          if (queue.empty() || stop) return;
          job.emplace(std::move(queue.front()));
          queue.pop_front();
        }
        Out out = work(std::move(job->second));
        std::lock_guard lock(mu);
        slots[job->first % window].emplace(std::move(out));
        if (job->first == consumed) ready.notify_one();
      }
    });
  }

  for (;;) {
    std::optional<Out> next;
    {
      std::unique_lock lock(mu);
      ready.wait(lock, [&] {
        return slots[consumed % window].has_value() || (input_done && consumed == produced);
      });
      if (!slots[consumed % window].has_value()) break;  // all consumed
      next.emplace(std::move(*slots[consumed % window]));
      slots[consumed % window].reset();
    }
    bool go_on = consume(std::move(*next));
    std::lock_guard lock(mu);
    ++consumed;
    room.notify_one();
    if (!go_on) {
      stop = true;
      room.notify_all();
      tasks.notify_all();
      break;
    }
  }
  producer.join();
  for (std::thread& w : workers) w.join();
}

}  // namespace kg
