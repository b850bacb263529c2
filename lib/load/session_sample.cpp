#include "load/session_sample.hpp"

#include <algorithm>

namespace smtp_ping {
namespace {

constexpr std::size_t kKeptReplyLines = 2;
constexpr std::size_t kKeptLineBytes = 200;

Failure condensed(Failure failure) {
  if (failure.reply) {
    auto& lines = failure.reply->lines;
    if (lines.size() > kKeptReplyLines) lines.resize(kKeptReplyLines);
    for (auto& line : lines)
      if (line.size() > kKeptLineBytes) line.resize(kKeptLineBytes);
  }
  if (failure.message.size() > kKeptLineBytes) failure.message.resize(kKeptLineBytes);
  return failure;
}

}  // namespace

SessionSample sample_of(const Report& report, int sequence, Clock::duration due, Clock::duration started) {
  SessionSample sample;
  sample.sequence = sequence;
  sample.due = due;
  sample.started = started;
  sample.total = report.total;
  sample.phases = report.phases;
  if (report.failure) {
    sample.failure = condensed(*report.failure);
    // The phase that failed did not complete: its time is not a latency.
    const Phase failed = report.failure->phase;
    sample.phases.erase(std::remove_if(sample.phases.begin(), sample.phases.end(),
                                       [&](const PhaseTiming& timing) { return timing.phase == failed; }),
                        sample.phases.end());
  }
  sample.phases.shrink_to_fit();
  return sample;
}

}  // namespace smtp_ping
