#pragma once

#include <chrono>

namespace smtp_ping {

using Clock = std::chrono::steady_clock;
using Seconds = std::chrono::duration<double>;

// One point in time by which the whole check must be over. Every blocking step
// asks it how long it may still wait.
class Deadline {
 public:
  explicit Deadline(Clock::time_point at) : at_(at) {}
  static Deadline after(Clock::duration budget) { return Deadline(Clock::now() + budget); }

  Clock::time_point at() const { return at_; }
  bool expired() const { return Clock::now() >= at_; }
  Clock::duration remaining() const {
    const auto left = at_ - Clock::now();
    return left > Clock::duration::zero() ? left : Clock::duration::zero();
  }
  // Milliseconds for poll(2), rounded up so a sub-millisecond rest is still waited for.
  int poll_timeout_ms() const {
    const auto left = remaining();
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
    return static_cast<int>(ms > 2'000'000'000 ? 2'000'000'000 : ms);
  }
  Deadline earlier(Deadline other) const { return other.at_ < at_ ? other : *this; }

 private:
  Clock::time_point at_;
};

inline double to_seconds(Clock::duration d) { return std::chrono::duration_cast<Seconds>(d).count(); }

}  // namespace smtp_ping
