#include "evaluation/judge_probe.hpp"

#include <algorithm>
#include <vector>

#include "evaluation/certificate_lifetime.hpp"
#include "evaluation/threshold_check.hpp"

namespace smtp_ping {
namespace {

const RangePair* phase_ranges(const Thresholds& thresholds, Phase phase) {
  const auto found = thresholds.phases.find(phase);
  return found == thresholds.phases.end() ? nullptr : &found->second;
}

// Repeated phases are summed by the dialog already; summing here keeps one
// node and one perfdata label per phase even if a report lists one twice.
std::vector<PhaseTiming> merged_phases(const std::vector<PhaseTiming>& phases) {
  std::vector<PhaseTiming> merged;
  for (const auto& timing : phases) add_timing(merged, timing);
  return merged;
}

// The reply that decided a phase: the last one the dialog itself received.
std::optional<Reply> deciding_reply(const Report& report, Phase phase) {
  const TranscriptEntry* found = nullptr;
  for (const auto& entry : report.transcript)
    if (entry.phase == phase && !entry.cleanup && entry.reply) found = &entry;
  return found ? found->reply : std::nullopt;
}

// The planned phases in plan order, then any other that ran (none, unless a
// report was made by hand).
std::vector<Phase> perfdata_phases(const Report& report, const std::vector<PhaseTiming>& ran) {
  std::vector<Phase> phases = report.planned_phases;
  for (const auto& timing : ran)
    if (std::find(phases.begin(), phases.end(), timing.phase) == phases.end()) phases.push_back(timing.phase);
  return phases;
}

class ProbeJudgement {
 public:
  ProbeJudgement(const Report& report, const EvaluationPolicy& policy) : report_(report), policy_(policy) {}

  ResultNode run() {
    node_.name = "probe";
    node_.facts.push_back(ProbeFacts{report_.target, to_seconds(report_.total)});
    judge_phases();
    judge_total();
    judge_failure();
    judge_quit_failure();
    judge_certificate_name();
    judge_certificate_lifetime();
    judge_round_trip();
    settle(node_);
    return std::move(node_);
  }

 private:
  void judge_phases() {
    const Failure* failure = report_.failure ? &*report_.failure : nullptr;
    const auto merged = merged_phases(report_.phases);
    for (const auto& timing : merged) {
      ResultNode phase;
      phase.name = std::string(phase_name(timing.phase));
      const double seconds = to_seconds(timing.elapsed);
      PhaseFacts facts{timing.phase, seconds, deciding_reply(report_, timing.phase), {}};
      if (timing.phase == Phase::auth) facts.auth_mechanism = report_.auth_mechanism;
      phase.facts.push_back(std::move(facts));
      if (timing.phase == Phase::tls && report_.tls) phase.facts.push_back(*report_.tls);
      if (timing.phase == Phase::data && report_.sent)
        phase.facts.push_back(SentMessageFacts{report_.sent->message.token, report_.sent->payload_bytes,
                                               report_.sent->accepted, report_.sent->queue_id});
      if (timing.phase == Phase::delivery && report_.round_trip) phase.facts.push_back(*report_.round_trip);
      if (timing.phase == Phase::relay && report_.relay) judge_relay(*report_.relay, phase);
      if (const RangePair* ranges = phase_ranges(policy_.thresholds, timing.phase))
        if (auto violation = check_thresholds(*ranges, phase.name, seconds)) phase.findings.push_back(*violation);
      if (failure && failure->phase == timing.phase) {
        phase.findings.push_back(Finding{failure_state(*failure, policy_), FailedStep{*failure}});
        failure_placed_ = true;
      }
      node_.children.push_back(std::move(phase));
    }
    add_phase_perfdata(merged);
  }

  // --relay-test: every attempt is a fact; the first one accepted is CRITICAL.
  static void judge_relay(const RelayTestRecord& relay, ResultNode& phase) {
    phase.facts.push_back(relay);
    if (const RelayAttempt* accepted = relay.first_accepted())
      phase.findings.push_back(Finding{State::critical, OpenRelay{accepted->form.name, accepted->form.mail_from,
                                                                  accepted->form.rcpt_to, *accepted->rcpt_reply}});
  }

  // One item per planned phase whether it ran or not ("U"): the same labels
  // for every run of one command line.
  void add_phase_perfdata(const std::vector<PhaseTiming>& merged) {
    for (const Phase phase : perfdata_phases(report_, merged)) {
      const auto ran = std::find_if(merged.begin(), merged.end(),
                                    [&](const PhaseTiming& timing) { return timing.phase == phase; });
      const double seconds = ran == merged.end() ? 0 : to_seconds(ran->elapsed);
      node_.perfdata.push_back(perf_datum(std::string(phase_name(phase)), ran == merged.end() ? nullptr : &seconds,
                                          "s", phase_ranges(policy_.thresholds, phase)));
    }
  }

  void judge_total() {
    const double seconds = to_seconds(report_.total);
    if (auto violation = check_thresholds(policy_.thresholds.total, "total", seconds))
      node_.findings.push_back(*violation);
    node_.perfdata.push_back(perf_datum("total", &seconds, "s", &policy_.thresholds.total));
  }

  void judge_failure() {
    if (!report_.failure || failure_placed_) return;
    node_.findings.push_back(Finding{failure_state(*report_.failure, policy_), FailedStep{*report_.failure}});
  }

  void judge_quit_failure() {
    if (report_.quit_failure) node_.findings.push_back(Finding{State::ok, IgnoredQuitFailure{*report_.quit_failure}});
  }

  // --mailbox: earlier runs' probes (reported, they change no state) and the required
  // Authentication-Results of the delivered one.
  void judge_round_trip() {
    if (!report_.round_trip) return;
    const RoundTripRecord& record = *report_.round_trip;
    for (const auto& stale : record.stale_probes)
      node_.findings.push_back(
          Finding{State::ok, LateProbe{stale.folder, stale.sent_ms, stale.arrived, stale.removed, stale.flagged_only}});
    for (const auto& method : policy_.required_auth_results) {
      const auto result = record.authentication.source ? method_result(*record.authentication.source, method)
                                                       : std::optional<std::string>();
      if (result != "pass") node_.findings.push_back(Finding{State::critical, AuthenticationShortfall{method, result}});
    }
  }

  void judge_certificate_name() {
    if (auto mismatch = certificate_name_finding(report_)) node_.findings.push_back(*mismatch);
  }

  void judge_certificate_lifetime() {
    const auto lifetime = smtp_ping::judge_certificate_lifetime(report_.target.tls, report_.tls, policy_.thresholds);
    if (!lifetime) return;
    node_.perfdata.push_back(lifetime->datum);
    if (lifetime->expiry) node_.findings.push_back(*lifetime->expiry);
  }

  const Report& report_;
  const EvaluationPolicy& policy_;
  ResultNode node_;
  bool failure_placed_ = false;  // the failure's phase ran and carries it
};

}  // namespace

State failure_state(const Failure& failure, const EvaluationPolicy& policy) {
  switch (failure.kind) {
    case FailureKind::timeout: return policy.timeout_state;
    case FailureKind::reply:
      // A refused greeting, or a refused STARTTLS when TLS was asked for, leaves nothing to check.
      if (failure.phase == Phase::banner || failure.phase == Phase::starttls) return State::critical;
      if (failure.reply && failure.reply->klass() == 4) return State::warning;
      return State::critical;
    case FailureKind::expect_mismatch:
    case FailureKind::response_mismatch:
    case FailureKind::junk: return State::warning;
    case FailureKind::not_delivered:
    case FailureKind::altered: return State::critical;
    case FailureKind::local:
    case FailureKind::interrupted: return State::unknown;
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

std::optional<Finding> certificate_name_finding(const Report& report) {
  if (!report.tls || !report.tls->name_mismatch) return std::nullopt;
  if (report.failure && report.failure->phase == Phase::tls) return std::nullopt;  // said there already
  const TlsFacts& tls = *report.tls;
  CertificateNameMismatch mismatch;
  mismatch.certificate_names =
      tls.subject_alt_names.empty() ? std::vector<std::string>{tls.subject} : tls.subject_alt_names;
  mismatch.announced_names = tls.announced_names;
  mismatch.host = report.target.host;
  return Finding{State::warning, std::move(mismatch)};
}

ResultNode judge_probe(const Report& report, const EvaluationPolicy& policy) {
  if (report.failure && report.failure->kind == FailureKind::interrupted) {
    // Nothing was measured to the end: no phase nodes and no perfdata.
    ResultNode node;
    node.name = "probe";
    node.facts.push_back(ProbeFacts{report.target, to_seconds(report.total)});
    node.findings.push_back(Finding{State::unknown, SignalStop{report.failure->message, report.failure->phase}});
    settle(node);
    return node;
  }
  return ProbeJudgement(report, policy).run();
}

}  // namespace smtp_ping
