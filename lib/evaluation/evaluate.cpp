#include "evaluation/evaluate.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <system_error>
#include <vector>

#include "output/safe_text.hpp"

namespace smtp_ping {
namespace {

// Locale-independent fixed-point text, e.g. fixed(0.0042, 3) == "0.004".
std::string fixed(double value, int decimals) {
  char buffer[400];
  const auto [end, error] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
  return error == std::errc() ? std::string(buffer, end) : std::string("?");
}

// The shortest exact fixed-point text, e.g. 0.01 -> "0.01", 2 -> "2".
std::string shortest(double value) {
  char buffer[400];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  return error == std::errc() ? std::string(buffer, end) : std::string("?");
}

std::string host_port(const std::string& host, std::uint16_t port) {
  const bool ipv6_literal = host.find(':') != std::string::npos;
  return (ipv6_literal ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string target_text(const Target& target) {
  if (target.unix_socket) return safe_text(target.host);
  return safe_text(host_port(target.host, target.port));
}

std::string peer_text(const Target& target) {
  if (target.unix_socket) return safe_text(target.host);
  if (target.address.empty()) return {};
  return safe_text(host_port(target.address, target.port));
}

// ---- failures -------------------------------------------------------------

State failure_state(const Failure& failure, const EvaluationPolicy& policy) {
  switch (failure.kind) {
    case FailureKind::timeout: return policy.timeout_state;
    case FailureKind::reply:
      if (failure.phase == Phase::banner) return State::critical;
      if (failure.reply && failure.reply->klass() == 4) return State::warning;
      return State::critical;
    case FailureKind::expect_mismatch:
    case FailureKind::response_mismatch: return State::warning;
    case FailureKind::local: return State::unknown;
    case FailureKind::resolve:
    case FailureKind::connect:
    case FailureKind::closed:
    case FailureKind::protocol:
    case FailureKind::tls:
    case FailureKind::tls_verify:
    case FailureKind::tls_policy:
    case FailureKind::not_offered:
    case FailureKind::auth: return State::critical;
  }
  return State::unknown;
}

std::string reply_text(const Reply& reply) {
  const std::string text = reply.text();
  return text.empty() ? std::to_string(reply.code) : std::to_string(reply.code) + " " + safe_text(text);
}

// "<message>[: <code> <reply text>][ (expected <expected>)]"
std::string failure_text(const Failure& failure) {
  std::string text = safe_text(failure.message);
  if (failure.reply) text += ": " + reply_text(*failure.reply);
  if (!failure.expected.empty()) text += " (expected " + safe_text(failure.expected) + ")";
  return text;
}

// ---- thresholds -----------------------------------------------------------

struct Violation {
  State state = State::ok;
  std::string name;
  double seconds = 0;
  const Range* range = nullptr;
};

std::optional<Violation> check_thresholds(const RangePair& ranges, std::string_view name, double seconds) {
  if (ranges.critical && ranges.critical->alerts(seconds))
    return Violation{State::critical, std::string(name), seconds, &*ranges.critical};
  if (ranges.warning && ranges.warning->alerts(seconds))
    return Violation{State::warning, std::string(name), seconds, &*ranges.warning};
  return std::nullopt;
}

// "banner 0.051s > 0.01"
std::string violation_text(const Violation& violation) {
  const Range& range = *violation.range;
  std::string bound;
  if (range.inside)
    bound = "in @" + range.text.substr(1);
  else if (violation.seconds > range.end)
    bound = "> " + shortest(range.end);
  else
    bound = "< " + shortest(range.start);
  // Sub-millisecond times need more digits to show why they crossed a bound.
  const int decimals = violation.seconds < 0.001 ? 6 : 3;
  return violation.name + " " + fixed(violation.seconds, decimals) + "s " + bound;
}

const RangePair* phase_ranges(const Thresholds& thresholds, Phase phase) {
  const auto found = thresholds.phases.find(phase);
  return found == thresholds.phases.end() ? nullptr : &found->second;
}

// ---- phase lines ----------------------------------------------------------

// Repeated phases are summed by the probe already; merging here keeps one
// perfdata label and one line per phase even if a report lists one twice.
std::vector<PhaseTiming> merged_phases(const std::vector<PhaseTiming>& phases) {
  std::vector<PhaseTiming> merged;
  for (const auto& timing : phases) {
    auto same = std::find_if(merged.begin(), merged.end(),
                             [&](const PhaseTiming& seen) { return seen.phase == timing.phase; });
    if (same == merged.end())
      merged.push_back(timing);
    else
      same->elapsed += timing.elapsed;
  }
  return merged;
}

// The reply that decided a phase: the last one the dialog itself received.
const Exchange* deciding_exchange(const Report& report, Phase phase) {
  const Exchange* found = nullptr;
  for (const auto& exchange : report.transcript)
    if (exchange.phase == phase && !exchange.cleanup && exchange.reply) found = &exchange;
  return found;
}

// "250 mail.example.org (PIPELINING SIZE STARTTLS)" for EHLO, else code and first line.
std::string reply_detail(const Reply& reply, Phase phase) {
  std::string detail = std::to_string(reply.code);
  if (reply.lines.empty()) return detail;
  detail += " " + safe_text(reply.lines.front());
  const bool hello = phase == Phase::ehlo || phase == Phase::ehlo_tls;
  if (!hello || reply.lines.size() < 2) return detail;
  std::string keywords;
  for (std::size_t i = 1; i < reply.lines.size(); ++i) {
    const std::string& line = reply.lines[i];
    if (!keywords.empty()) keywords += ' ';
    keywords += line.substr(0, line.find(' '));
  }
  return detail + " (" + safe_text(keywords) + ")";
}

std::string phase_detail(const Report& report, Phase phase) {
  if (phase == Phase::dns) return safe_text(report.target.host);
  if (phase == Phase::connect) return peer_text(report.target);
  const Exchange* exchange = deciding_exchange(report, phase);
  return exchange ? reply_detail(*exchange->reply, phase) : std::string();
}

Subcheck phase_line(const std::string& name, double seconds, const std::string& detail, State state) {
  std::string text = name + " " + fixed(seconds, 6) + "s";
  if (!detail.empty()) text += " " + detail;
  return Subcheck{state, std::move(text)};
}

PerfDatum perf_datum(std::string label, double seconds, const RangePair* ranges) {
  PerfDatum datum;
  datum.label = std::move(label);
  datum.value = seconds;
  datum.unit = "s";
  if (ranges && ranges->warning) datum.warning = ranges->warning->perfdata_text();
  if (ranges && ranges->critical) datum.critical = ranges->critical->perfdata_text();
  datum.min = 0.0;
  return datum;
}

// ---- the verdict ----------------------------------------------------------

class Judgement {
 public:
  Judgement(const Report& report, const EvaluationPolicy& policy) : report_(report), policy_(policy) {}

  Verdict run() {
    judge_phases();
    judge_total();
    judge_failure();
    judge_quit_failure();
    // Certificate lifetime (-D) will be judged here once the report carries TLS facts.
    verdict_.summary = summary();
    return std::move(verdict_);
  }

 private:
  void raise(State state) { verdict_.state = worse(verdict_.state, state); }

  void note(const std::optional<Violation>& violation) {
    if (!violation) return;
    raise(violation->state);
    violations_.push_back(*violation);
  }

  void judge_phases() {
    const Failure* failure = report_.failure ? &*report_.failure : nullptr;
    for (const auto& timing : merged_phases(report_.phases)) {
      const std::string name(phase_name(timing.phase));
      const double seconds = to_seconds(timing.elapsed);
      const RangePair* ranges = phase_ranges(policy_.thresholds, timing.phase);
      const auto violation = ranges ? check_thresholds(*ranges, name, seconds) : std::nullopt;
      note(violation);
      State state = violation ? violation->state : State::ok;
      std::string detail;
      if (failure && failure->phase == timing.phase) {
        state = worse(state, failure_state(*failure, policy_));
        detail = "failed: " + failure_text(*failure);
        failure_shown_ = true;
      } else {
        detail = phase_detail(report_, timing.phase);
      }
      verdict_.details.push_back(phase_line(name, seconds, detail, state));
      verdict_.perfdata.push_back(perf_datum(name, seconds, ranges));
    }
  }

  void judge_total() {
    const double seconds = to_seconds(report_.total);
    note(check_thresholds(policy_.thresholds.total, "total", seconds));
    verdict_.perfdata.push_back(perf_datum("total", seconds, &policy_.thresholds.total));
  }

  void judge_failure() {
    if (!report_.failure) return;
    const Failure& failure = *report_.failure;
    const State state = failure_state(failure, policy_);
    raise(state);
    if (!failure_shown_)
      verdict_.details.push_back(
          Subcheck{state, std::string(phase_name(failure.phase)) + " failed: " + failure_text(failure)});
  }

  void judge_quit_failure() {
    if (!report_.quit_failure) return;
    verdict_.details.push_back(Subcheck{State::ok, "quit ignored: " + failure_text(*report_.quit_failure)});
  }

  std::string summary() const {
    const std::string target = target_text(report_.target);
    std::string text;
    if (report_.failure)
      text = target + ": " + std::string(phase_name(report_.failure->phase)) +
             " failed: " + failure_text(*report_.failure);
    else
      text = target + " answered in " + fixed(to_seconds(report_.total), 3) + "s";
    const std::string separator = report_.failure ? "; " : ", ";
    for (const auto& violation : worst_first(violations_)) text += separator + violation_text(violation);
    return text;
  }

  static std::vector<Violation> worst_first(std::vector<Violation> violations) {
    std::stable_sort(violations.begin(), violations.end(), [](const Violation& a, const Violation& b) {
      return worse(a.state, b.state) == a.state && a.state != b.state;
    });
    return violations;
  }

  const Report& report_;
  const EvaluationPolicy& policy_;
  Verdict verdict_;
  std::vector<Violation> violations_;
  bool failure_shown_ = false;
};

}  // namespace

Verdict evaluate(const Report& report, const EvaluationPolicy& policy) {
  return Judgement(report, policy).run();
}

}  // namespace smtp_ping
