#include "mailbox/mailbox_wait.hpp"

#include <poll.h>

#include <thread>

namespace smtp_ping::mailbox {
namespace {

// Sleeps `wait` or until the deadline, whichever is sooner; false when the deadline was interrupted.
bool pause(Millis wait, const Deadline& deadline) {
  const Deadline until = deadline.earlier(Deadline(Clock::now() + wait));
  while (!until.expired() && !deadline.interrupted()) {
    pollfd wake{deadline.wake_fd(), POLLIN, 0};
    if (wake.fd < 0) {
      std::this_thread::sleep_for(until.remaining());
      break;
    }
    ::poll(&wake, 1, until.poll_timeout_ms());
    if (wake.revents != 0) break;
  }
  return !deadline.interrupted();
}

}  // namespace

WaitOutcome wait_for_probe(MailboxClient& client, const std::string& token, const std::vector<std::string>& folders,
                           const Deadline& deadline, PollSchedule schedule) {
  WaitOutcome outcome;
  Clock::time_point previous{};
  Clock::time_point first{};
  constexpr int kMaximumSearches = 100000;  // far beyond any deadline at >= 50 ms per wait
  while (outcome.searches < kMaximumSearches) {
    if (deadline.interrupted()) {
      outcome.error = MailboxError{MailboxPhase::search, MailboxErrorKind::interrupted, 0, {}, "interrupted"};
      return outcome;
    }
    if (deadline.expired()) {
      outcome.deadline_passed = true;
      return outcome;
    }
    const Clock::time_point started = Clock::now();
    if (outcome.searches == 0) first = started;
    SearchOutcome search = client.search(token, folders, deadline);
    ++outcome.searches;
    if (search.error) {
      if (search.error->kind == MailboxErrorKind::timeout && deadline.expired() && !deadline.interrupted())
        outcome.deadline_passed = true;
      else
        outcome.error = std::move(search.error);
      return outcome;
    }
    if (search.found) {
      outcome.found = std::move(search.found);
      outcome.matches = search.matches;
      outcome.found_search_started = started;
      outcome.previous_search_started = outcome.searches > 1 ? previous : started;
      outcome.resolution = std::chrono::duration_cast<Millis>(started - outcome.previous_search_started);
      return outcome;
    }
    previous = started;
    if (!pause(schedule.next_wait(std::chrono::duration_cast<Millis>(Clock::now() - first)), deadline)) {
      outcome.error = MailboxError{MailboxPhase::search, MailboxErrorKind::interrupted, 0, {}, "interrupted"};
      return outcome;
    }
  }
  outcome.deadline_passed = true;
  return outcome;
}

}  // namespace smtp_ping::mailbox
