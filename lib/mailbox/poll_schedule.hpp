#pragma once

#include <chrono>

#include "common/deadline.hpp"

namespace smtp_ping::mailbox {

using Millis = std::chrono::milliseconds;

// How long to wait between two searches for the probe: 50 ms at first, each
// wait 1.5 times the one before, never more than 1 s. Early polls resolve a
// fast delivery finely; later ones keep the load on the server to about one
// search a second however long the wait.
class PollSchedule {
 public:
  explicit PollSchedule(Millis first = Millis(50), Millis cap = Millis(1000), double growth = 1.5)
      : next_(first), cap_(cap), growth_(growth) {}

  // The wait before the next search; advances the schedule.
  Millis next_wait() {
    const Millis wait = next_;
    next_ = std::min(cap_, Millis(static_cast<Millis::rep>(static_cast<double>(next_.count()) * growth_) + 1));
    last_ = wait;
    return wait;
  }
  // The wait that preceded the latest search: the resolution of a delivery time it measured.
  Millis resolution() const { return last_; }

 private:
  Millis next_;
  Millis cap_;
  double growth_;
  Millis last_{0};
};

}  // namespace smtp_ping::mailbox
