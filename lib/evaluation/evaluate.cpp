#include "evaluation/evaluate.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <system_error>
#include <vector>

#include "common/number_text.hpp"
#include "evaluation/certificate_lifetime.hpp"
#include "evaluation/threshold_check.hpp"
#include "common/text.hpp"
#include "output/describe.hpp"
#include "output/safe_text.hpp"
#include "common/text.hpp"

namespace smtp_ping {
namespace {

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
      // A refused greeting, or a refused STARTTLS when TLS was asked for, leaves nothing to check.
      if (failure.phase == Phase::banner || failure.phase == Phase::starttls) return State::critical;
      if (failure.reply && failure.reply->klass() == 4) return State::warning;
      return State::critical;
    case FailureKind::expect_mismatch:
    case FailureKind::response_mismatch: return State::warning;
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

const RangePair* phase_ranges(const Thresholds& thresholds, Phase phase) {
  const auto found = thresholds.phases.find(phase);
  return found == thresholds.phases.end() ? nullptr : &found->second;
}

// ---- phase lines ----------------------------------------------------------

// Repeated phases are summed by the probe already; merging here keeps one
// perfdata label and one line per phase even if a report lists one twice.
std::vector<PhaseTiming> merged_phases(const std::vector<PhaseTiming>& phases) {
  std::vector<PhaseTiming> merged;
  for (const auto& timing : phases) add_timing(merged, timing);
  return merged;
}

// The reply that decided a phase: the last one the dialog itself received.
const TranscriptEntry* deciding_exchange(const Report& report, Phase phase) {
  const TranscriptEntry* found = nullptr;
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

std::string days_text(double days) { return number_text(days, 1); }

// "TLSv1.3 TLS_AES_256_GCM_SHA384, RSA 2048 bits, CN=mail.example.org, expires ... (364.2 days), verified"
std::string tls_detail(const TlsFacts& tls) {
  std::string text = tls.version + " " + tls.cipher;
  if (!tls.key_type.empty()) text += ", " + tls.key_type + " " + std::to_string(tls.key_bits) + " bits";
  if (!tls.subject.empty()) text += ", " + tls.subject;
  if (tls.cert_days) text += ", expires " + tls.not_after + " (" + days_text(*tls.cert_days) + " days)";
  if (tls.cert_days && tls.chain_min_days && *tls.chain_min_days < *tls.cert_days - 0.01)
    text += ", chain expires first: " + tls.chain_min_subject + " (" + days_text(*tls.chain_min_days) + " days)";
  if (tls.verification_skipped)
    text += ", not verified (--no-verify)";
  else if (tls.name_mismatch)
    text += ", chain verified, no name matched";
  else
    text += tls.verified ? ", verified" : ", not verified";
  if (!tls.verification_skipped && !tls.verify_name.empty())
    text += " for " + tls.verify_name + " (" + tls.verify_name_source + ")";
  return safe_text(text, 1024);
}

// -H is an address and the certificate names none of the names the server announced.
std::string name_mismatch_text(const TlsFacts& tls, const Target& target) {
  const std::string names = tls.subject_alt_names.empty() ? tls.subject : join(tls.subject_alt_names, ", ");
  const std::string announced = tls.announced_names.empty() ? "by no host name" : join(tls.announced_names, ", ");
  return safe_text("certificate name mismatch: it names " + names + ", the server calls itself " + announced +
                   "; -H " + target.host + " is no name (--verify-name NAME checks one strictly)");
}

std::string phase_detail(const Report& report, Phase phase) {
  if (phase == Phase::dns) return safe_text(report.target.host);
  if (phase == Phase::connect) return peer_text(report.target);
  if (phase == Phase::tls) return report.tls ? tls_detail(*report.tls) : std::string();
  const TranscriptEntry* exchange = deciding_exchange(report, phase);
  std::string detail = exchange ? reply_detail(*exchange->reply, phase) : std::string();
  if (phase == Phase::auth && !report.auth_mechanism.empty()) detail += " (" + safe_text(report.auth_mechanism) + ")";
  return detail;
}

Subcheck phase_line(const std::string& name, double seconds, const std::string& detail, State state) {
  std::string text = name + " " + number_text(seconds, 6) + "s";
  if (!detail.empty()) text += " " + detail;
  return Subcheck{state, std::move(text)};
}

// The planned phases in plan order, then any other that ran (none, unless a
// report was made by hand).
std::vector<Phase> perfdata_phases(const Report& report, const std::vector<PhaseTiming>& ran) {
  std::vector<Phase> phases = report.planned_phases;
  for (const auto& timing : ran)
    if (std::find(phases.begin(), phases.end(), timing.phase) == phases.end()) phases.push_back(timing.phase);
  return phases;
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
    judge_certificate_name();
    judge_certificate_lifetime();
    verdict_.summary = summary();
    return std::move(verdict_);
  }

 private:
  void raise(State state) { verdict_.state = worse(verdict_.state, state); }

  void note(const std::optional<ThresholdViolation>& violation) {
    if (!violation) return;
    raise(violation->state);
    violations_.push_back(*violation);
  }

  void judge_phases() {
    const Failure* failure = report_.failure ? &*report_.failure : nullptr;
    const auto merged = merged_phases(report_.phases);
    for (const auto& timing : merged) {
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
    }
    add_phase_perfdata(merged);
  }

  // One item per planned phase whether it ran or not ("U"): the same labels
  // for every run of one command line.
  void add_phase_perfdata(const std::vector<PhaseTiming>& merged) {
    for (const Phase phase : perfdata_phases(report_, merged)) {
      const auto ran = std::find_if(merged.begin(), merged.end(),
                                    [&](const PhaseTiming& timing) { return timing.phase == phase; });
      const double seconds = ran == merged.end() ? 0 : to_seconds(ran->elapsed);
      verdict_.perfdata.push_back(perf_datum(std::string(phase_name(phase)), ran == merged.end() ? nullptr : &seconds,
                                             "s", phase_ranges(policy_.thresholds, phase)));
    }
  }

  void judge_total() {
    const double seconds = to_seconds(report_.total);
    note(check_thresholds(policy_.thresholds.total, "total", seconds));
    verdict_.perfdata.push_back(perf_datum("total", &seconds, "s", &policy_.thresholds.total));
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

  void judge_certificate_name() {
    const auto warning = certificate_name_warning(report_);
    if (!warning) return;
    raise(warning->state);
    verdict_.details.push_back(*warning);
    notes_.push_back(warning->text);
  }

  void judge_certificate_lifetime() {
    const auto lifetime = smtp_ping::judge_certificate_lifetime(report_.target.tls, report_.tls, policy_.thresholds);
    if (!lifetime) return;
    verdict_.perfdata.push_back(lifetime->datum);
    if (lifetime->state == State::ok) return;
    raise(lifetime->state);
    verdict_.details.push_back(Subcheck{lifetime->state, lifetime->note});
    notes_.push_back(lifetime->note);
  }

  std::string summary() const {
    const std::string target = target_text(report_.target);
    std::string text;
    if (report_.failure)
      text = target + ": " + std::string(phase_name(report_.failure->phase)) +
             " failed: " + failure_text(*report_.failure);
    else
      text = target + " answered in " + number_text(to_seconds(report_.total), 3) + "s";
    const std::string separator = report_.failure ? "; " : ", ";
    for (const auto& violation : worst_first(violations_)) text += separator + violation_text(violation);
    for (const auto& note : notes_) text += separator + note;
    return text;
  }

  static std::vector<ThresholdViolation> worst_first(std::vector<ThresholdViolation> violations) {
    std::stable_sort(violations.begin(), violations.end(), [](const ThresholdViolation& a, const ThresholdViolation& b) {
      return worse(a.state, b.state) == a.state && a.state != b.state;
    });
    return violations;
  }

  const Report& report_;
  const EvaluationPolicy& policy_;
  Verdict verdict_;
  std::vector<ThresholdViolation> violations_;
  std::vector<std::string> notes_;
  bool failure_shown_ = false;
};

}  // namespace

std::string target_text(const Target& target) {
  if (target.unix_socket) return safe_text(target.host);
  return safe_text(host_port(target.host, target.port));
}

std::optional<Subcheck> certificate_name_warning(const Report& report) {
  if (!report.tls || !report.tls->name_mismatch) return std::nullopt;
  if (report.failure && report.failure->phase == Phase::tls) return std::nullopt;  // said there already
  return Subcheck{State::warning, name_mismatch_text(*report.tls, report.target)};
}

Verdict evaluate(const Report& report, const EvaluationPolicy& policy) {
  if (report.failure && report.failure->kind == FailureKind::interrupted)
    return interrupted_verdict(safe_text(report.failure->message) + " during " +
                               std::string(phase_name(report.failure->phase)));
  return Judgement(report, policy).run();
}

Verdict interrupted_verdict(const std::string& what) {
  // One line: nothing was measured to the end, so no phase lines and no perfdata.
  return Verdict{State::unknown, what, {}, {}};
}

}  // namespace smtp_ping
