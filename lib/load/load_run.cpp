#include "load/load_run.hpp"

#include <poll.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

#include "common/interruption.hpp"
#include "probe/probe.hpp"

namespace smtp_ping {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kProgressEvery{1000};
constexpr milliseconds kCoordinatorTick{20};

bool interrupted(const Report& report) { return report.failure && report.failure->kind == FailureKind::interrupted; }

bool signal_came() {
  const Interruption* interruption = current_interruption();
  return interruption && interruption->signal() != 0;
}

// Sleeps `timeout` (at most a tick). Under a millisecond it sleeps precisely
// (the open loop's next session may be due in 50 us); longer, it polls the
// interruption's wake fd, so a signal ends the nap at once.
void nap(Clock::duration timeout) {
  timeout = std::clamp<Clock::duration>(timeout, Clock::duration::zero(), kCoordinatorTick);
  if (timeout < milliseconds(1)) {
    std::this_thread::sleep_for(timeout);
    return;
  }
  const Interruption* interruption = current_interruption();
  pollfd wake{interruption ? interruption->wake_fd() : -1, POLLIN, 0};
  ::poll(&wake, 1, static_cast<int>(std::chrono::duration_cast<milliseconds>(timeout).count()));
}

struct Ticket {
  int sequence = 0;
  Clock::duration due{};
};

// What the coordinator and the workers share.
class Run {
 public:
  Run(const ProbeOptions& options, const LoadPlan& plan) : options_(options), plan_(plan), start_(Clock::now()) {
    if (plan.duration) end_ = start_ + *plan.duration;
  }

  LoadRun go(const LoadProgressSink& progress) {
    if (plan_.pacing == LoadPlan::Pacing::concurrency)
      for (int i = 0; i < plan_.concurrency; ++i)
        if (!add_worker(&Run::closed_loop_worker)) break;
    auto next_progress = start_ + kProgressEvery;
    while (!all_done()) {
      if (signal_came()) stop();
      if (plan_.pacing == LoadPlan::Pacing::rate) release_due_tickets();
      const auto now = Clock::now();
      if (progress && now >= next_progress) {
        progress(snapshot(now));
        next_progress += kProgressEvery;
      }
      nap(until_next_due(now));
    }
    for (auto& worker : workers_) worker.join();
    return result();
  }

 private:
  // ---- closed loop: each worker runs the next session as soon as its last one ended.
  void closed_loop_worker() {
    std::vector<SessionSample> mine;
    for (int round = 0; round < kMaxLoadSessions; ++round) {
      if (stopping_) break;
      const int sequence = ++claimed_;
      if (plan_.sessions && sequence > *plan_.sessions) break;
      const auto now = Clock::now();
      if (end_ && now >= *end_) break;
      if (!run_one(sequence, now - start_, mine)) break;
    }
    finish_worker(std::move(mine));
  }

  // ---- open loop: the coordinator issues tickets at the rate; workers take them.
  Clock::duration until_next_due(Clock::time_point now) const {
    if (plan_.pacing != LoadPlan::Pacing::rate || releasing_done_) return kCoordinatorTick;
    const auto due = start_ + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(static_cast<double>(released_) / plan_.rate));
    return due - now;
  }

  void release_due_tickets() {
    if (releasing_done_) return;
    const auto now = Clock::now();
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const auto due_count = static_cast<long long>(seconds * plan_.rate) + 1;  // never negative: truncation is floor
    std::unique_lock lock(mutex_);
    for (; released_ < due_count; ++released_) {
      const int sequence = static_cast<int>(released_) + 1;
      const auto due = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(released_ / plan_.rate));
      if ((plan_.sessions && sequence > *plan_.sessions) || (end_ && start_ + due >= *end_) || stopping_ ||
          sequence > kMaxLoadSessions) {
        releasing_done_ = true;
        break;
      }
      tickets_.push_back(Ticket{sequence, due});
      // A ticket no idle worker will take gets a new worker, up to the cap;
      // beyond it, sessions start late and the lateness is reported.
      if (static_cast<int>(tickets_.size()) > idle_ && static_cast<int>(workers_.size()) < kMaxLoadConcurrency) {
        lock.unlock();
        const bool added = add_worker(&Run::open_loop_worker);
        lock.lock();
        if (added) ++idle_;
      }
    }
    ticket_ready_.notify_all();
  }

  void open_loop_worker() {
    std::vector<SessionSample> mine;
    for (int round = 0; round < kMaxLoadSessions; ++round) {
      std::optional<Ticket> ticket = next_ticket();
      if (!ticket) break;
      if (!run_one(ticket->sequence, ticket->due, mine)) break;
    }
    finish_worker(std::move(mine));
  }

  std::optional<Ticket> next_ticket() {
    std::unique_lock lock(mutex_);
    ticket_ready_.wait(lock, [&] { return !tickets_.empty() || releasing_done_ || stopping_; });
    --idle_;
    if (stopping_ || tickets_.empty()) return std::nullopt;
    Ticket ticket = tickets_.front();
    tickets_.pop_front();
    return ticket;
  }

  // ---- shared
  // Runs one session; false when a signal ended it (the run stops).
  bool run_one(int sequence, Clock::duration due, std::vector<SessionSample>& into) {
    const auto started = Clock::now() - start_;
    ++in_flight_;
    const Report report = run_probe(options_);
    into.push_back(sample_of(report, sequence, due, started));
    if (!described_.exchange(true)) {
      std::lock_guard lock(mutex_);
      target_ = report.target;
      planned_phases_ = report.planned_phases;
    }
    ++finished_;
    --in_flight_;
    if (report.failure) ++failed_;
    if (plan_.pacing == LoadPlan::Pacing::rate) {
      std::lock_guard lock(mutex_);
      ++idle_;
    }
    if (interrupted(report)) {
      stop();
      return false;
    }
    return true;
  }

  // False when the system gives no more threads: the run goes on with those it has.
  bool add_worker(void (Run::*body)()) {
    ++running_;
    try {
      workers_.emplace_back(body, this);
      return true;
    } catch (const std::system_error&) {
      --running_;
      return false;
    }
  }

  void finish_worker(std::vector<SessionSample> mine) {
    std::lock_guard lock(mutex_);
    for (auto& sample : mine) samples_.push_back(std::move(sample));
    --running_;
  }

  bool all_done() const {
    if (running_ > 0) return false;
    return plan_.pacing == LoadPlan::Pacing::concurrency || releasing_done_;
  }

  void stop() {
    std::lock_guard lock(mutex_);
    if (!stopping_ && signal_came()) interrupted_ = "interrupted by " + signal_name(current_interruption()->signal());
    stopping_ = true;
    releasing_done_ = true;
    ticket_ready_.notify_all();
  }

  LoadProgress snapshot(Clock::time_point now) const {
    return LoadProgress{now - start_, finished_ + in_flight_, finished_, failed_, std::nullopt, 0};
  }

  LoadRun result() {
    LoadRun run;
    run.samples = std::move(samples_);
    std::sort(run.samples.begin(), run.samples.end(),
              [](const SessionSample& a, const SessionSample& b) { return a.sequence < b.sequence; });
    for (const auto& sample : run.samples) run.elapsed = std::max(run.elapsed, sample.started + sample.total);
    run.workers = static_cast<int>(workers_.size());
    run.interrupted = interrupted_;
    run.target = target_;
    run.planned_phases = planned_phases_;
    return run;
  }

  const ProbeOptions& options_;
  const LoadPlan& plan_;
  const Clock::time_point start_;
  std::optional<Clock::time_point> end_;

  std::vector<std::thread> workers_;  // touched by the coordinator only
  std::atomic<int> running_{0};
  std::atomic<int> claimed_{0};
  std::atomic<int> finished_{0};
  std::atomic<int> in_flight_{0};
  std::atomic<int> failed_{0};
  std::atomic<bool> stopping_{false};
  std::atomic<bool> releasing_done_{false};
  std::atomic<bool> described_{false};

  std::mutex mutex_;  // guards what follows
  std::condition_variable ticket_ready_;
  std::deque<Ticket> tickets_;
  long long released_ = 0;
  int idle_ = 0;
  std::vector<SessionSample> samples_;
  std::string interrupted_;
  Target target_;
  std::vector<Phase> planned_phases_;
};

}  // namespace

LoadRun run_load(const ProbeOptions& options, const LoadPlan& plan, const LoadProgressSink& progress) {
  Run run(options, plan);
  return run.go(progress);
}

}  // namespace smtp_ping
