#include "check/target_pool.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace smtp_ping {
namespace {

// Joins every thread it holds when it goes, whatever happened meanwhile.
class JoinedThreads {
 public:
  JoinedThreads() = default;
  ~JoinedThreads() {
    for (auto& thread : threads_)
      if (thread.joinable()) thread.join();
  }
  JoinedThreads(const JoinedThreads&) = delete;
  JoinedThreads& operator=(const JoinedThreads&) = delete;

  // False when no thread could be started (no memory, a thread limit): the caller works alone.
  template <typename Body>
  bool start(const Body& body) noexcept {
    try {
      threads_.emplace_back(body);
      return true;
    } catch (...) {
      return false;
    }
  }

 private:
  std::vector<std::thread> threads_;
};

}  // namespace

void run_in_parallel(std::size_t count, int parallel, const std::function<void(std::size_t)>& work) noexcept {
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (std::size_t index = next++; index < count; index = next++) work(index);
  };
  const std::size_t threads = std::min(count, static_cast<std::size_t>(parallel > 1 ? parallel : 1));
  JoinedThreads helpers;
  for (std::size_t i = 1; i < threads; ++i)
    if (!helpers.start(worker)) break;
  worker();
}

}  // namespace smtp_ping
