#pragma once

#include <algorithm>
#include <chrono>

#include "common/deadline.hpp"

namespace smtp_ping::mailbox {

using Millis = std::chrono::milliseconds;

// How often to search for the probe. A delivery time is only as precise as the
// wait before the search that found it, and most deliveries take a few seconds:
// while the wait is young the interval stays short (at most `young_cap`), later
// it backs off to `cap`, so a message that never comes costs the server about
// one search a second however long the deadline.
//
// The load on the server (IMAP; each search is a NOOP and a UID SEARCH per
// folder, plus a SELECT when there are two folders or more): the defaults give
// 50, 76, 115, 173, then every 250 ms until 10 s have passed (about 4 searches a
// second, 43 in the first 10 s), then 376, 565, 848 ms and once a second. POP3
// logs in again for each search (its maildrop is fixed at login), so its plan
// keeps twice the young interval (`pop3_poll_plan`).
struct PollPlan {
  Millis first{50};
  double growth = 1.5;
  Millis young_cap{250};   // the longest wait while the wait is young
  Millis young_for{10000};  // how long the wait counts as young
  Millis cap{1000};        // the longest wait after that
};

inline PollPlan imap_poll_plan() { return PollPlan{}; }
inline PollPlan pop3_poll_plan() {
  PollPlan plan;
  plan.young_cap = Millis(500);
  return plan;
}

class PollSchedule {
 public:
  explicit PollSchedule(PollPlan plan = PollPlan()) : plan_(plan), next_(plan.first) {}

  // The wait before the next search, `waited` after the first search began; advances the schedule.
  Millis next_wait(Millis waited) {
    const Millis limit = waited < plan_.young_for ? plan_.young_cap : plan_.cap;
    const Millis wait = std::min(next_, limit);
    next_ = std::min(plan_.cap, Millis(static_cast<Millis::rep>(static_cast<double>(wait.count()) * plan_.growth) + 1));
    last_ = wait;
    return wait;
  }
  // The latest wait: the resolution of a delivery time the next search measures.
  Millis resolution() const { return last_; }

 private:
  PollPlan plan_;
  Millis next_;
  Millis last_{0};
};

}  // namespace smtp_ping::mailbox
