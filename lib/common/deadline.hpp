#pragma once

#include <chrono>

#include "common/interruption.hpp"

namespace smtp_ping {

using Clock = std::chrono::steady_clock;
using Seconds = std::chrono::duration<double>;

// One point in time by which the whole check must be over. Every blocking step
// asks it how long it may still wait, and whether the check was interrupted
// (SIGTERM/SIGINT in check_smtp_ping) meanwhile.
class Deadline {
 public:
  explicit Deadline(Clock::time_point at, const Interruption* interruption = nullptr)
      : at_(at), interruption_(interruption) {}
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
  // The earlier point in time; the interruption watched by either.
  Deadline earlier(Deadline other) const {
    Deadline sooner = other.at_ < at_ ? other : *this;
    if (!sooner.interruption_) {
      sooner.interruption_ = interruption_ ? interruption_ : other.interruption_;
      sooner.tolerated_ = interruption_ ? tolerated_ : other.tolerated_;
    }
    return sooner;
  }

  // A signal came since this deadline was made (beyond those it tolerates).
  bool interrupted() const { return interruption_ != nullptr && interruption_->count() > tolerated_; }
  // The signal that interrupted, 0 if none.
  int interrupting_signal() const { return interrupted() ? interruption_->signal() : 0; }
  // What a wait polls besides its socket to notice an interruption, or -1.
  // A grace deadline tolerates the signals so far: its pipe is readable
  // already, so it relies on the next signal interrupting poll() instead.
  int wake_fd() const { return interruption_ != nullptr && tolerated_ == 0 ? interruption_->wake_fd() : -1; }
  // After an interruption: at most `grace` more, ended early only by another signal.
  Deadline grace(Clock::duration grace) const {
    Deadline after_signal = earlier(Deadline(Clock::now() + grace));
    after_signal.tolerated_ = interruption_ ? interruption_->count() : 0;
    return after_signal;
  }

 private:
  Clock::time_point at_;
  const Interruption* interruption_ = nullptr;
  int tolerated_ = 0;
};

inline double to_seconds(Clock::duration d) { return std::chrono::duration_cast<Seconds>(d).count(); }

}  // namespace smtp_ping
