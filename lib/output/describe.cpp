#include "output/describe.hpp"

#include <algorithm>
#include <vector>

#include "common/number_text.hpp"
#include "common/overloaded.hpp"
#include "common/text.hpp"
#include "output/fcrdns_text.hpp"
#include "output/policy_words.hpp"
#include "output/mail_flow_text.hpp"
#include "output/failure_explanation.hpp"
#include "output/safe_text.hpp"
#include "output/tls_policy_words.hpp"
#include "output/sent_message_text.hpp"

namespace smtp_ping {
namespace {

std::string peer_text(const Target& target) {
  if (target.unix_socket) return safe_text(target.host);
  if (target.address.empty()) return {};
  return safe_text(host_port(target.address, target.port));
}

std::string reply_text(const Reply& reply) {
  const std::string text = reply.text();
  return text.empty() ? std::to_string(reply.code) : std::to_string(reply.code) + " " + safe_text(text);
}

std::string days_text(double days) { return number_text(days, 1); }

std::string violation_text(const ThresholdViolation& violation) {
  const Range& range = violation.range;
  std::string bound;
  if (range.inside)
    bound = "in @" + range.text.substr(1);
  else if (violation.value > range.end)
    bound = "> " + shortest_number_text(range.end);
  else
    bound = "< " + shortest_number_text(range.start);
  // Sub-millisecond times need more digits to show why they crossed a bound.
  const int decimals = violation.unit == "s" && violation.value < 0.001 ? 6 : 3;
  return safe_text(violation.subject) + " " + number_text(violation.value, decimals) + violation.unit + " " + bound;
}

std::string expiry_text(const CertificateExpiry& expiry) {
  const double left = expiry.days_left;
  return safe_text(left < 0 ? "certificate expired " + days_text(-left) + " days ago (" + expiry.not_after + ")"
                            : "certificate expires in " + days_text(left) + " days (" + expiry.not_after + ")");
}

std::string name_mismatch_text(const CertificateNameMismatch& mismatch) {
  const std::string announced =
      mismatch.announced_names.empty() ? "by no host name" : join(mismatch.announced_names, ", ");
  return safe_text("certificate name mismatch: it names " + join(mismatch.certificate_names, ", ") +
                   ", the server calls itself " + announced + "; -H " + mismatch.host +
                   " is no name (--verify-name NAME checks one strictly)");
}

std::string loss_text(const SeriesLoss& loss) {
  if (!loss.limit) return "no probe answered";
  return number_text(loss.loss_percent, 0) + "% loss >= " + number_text(*loss.limit, 0) + "%";
}

std::string error_rate_text(const ErrorRate& rate) {
  if (!rate.limit) return "no session succeeded";
  return number_text(rate.error_percent, 1) + "% errors >= " + shortest_number_text(*rate.limit) + "%";
}

std::string interruption_text(const SignalStop& interruption) {
  const std::string what = safe_text(interruption.what);
  return interruption.phase ? what + " during " + std::string(phase_name(*interruption.phase))
                            : what + " between probes";
}

// "250 mail.example.org (PIPELINING SIZE STARTTLS)" for EHLO, else code and first line.
std::string reply_detail(const Reply& reply, Phase phase) {
  std::string detail = std::to_string(reply.code);
  if (reply.lines.empty()) return detail;
  detail += ' ';
  append_safe_text(detail, reply.lines.front());
  const bool hello = phase == Phase::ehlo || phase == Phase::ehlo_tls;
  if (!hello || reply.lines.size() < 2) return detail;
  std::string keywords;
  for (std::size_t i = 1; i < reply.lines.size(); ++i) {
    if (i > 1) keywords += ' ';
    const std::string_view line = reply.lines[i];
    keywords += line.substr(0, line.find(' '));
  }
  detail += " (";
  append_safe_text(detail, keywords);
  detail += ')';
  return detail;
}

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

template <typename T>
const T* finding_of(const ResultNode& node) {
  for (const auto& finding : node.findings)
    if (const T* found = std::get_if<T>(&finding.detail)) return found;
  return nullptr;
}

// The failed step anywhere in a probe: in the phase it happened, or the probe's own.
const Failure* failure_in(const ResultNode& probe) {
  if (const auto* step = finding_of<FailedStep>(probe)) return &step->failure;
  for (const auto& phase : probe.children)
    if (const auto* step = finding_of<FailedStep>(phase)) return &step->failure;
  return nullptr;
}

// ---- a probe ---------------------------------------------------------------

std::string phase_detail(const ResultNode& phase, const PhaseFacts& facts, const Target& target) {
  if (const auto* step = finding_of<FailedStep>(phase))
    return (step->failure.kind == FailureKind::junk ? "" : "failed: ") + failure_text(step->failure);
  if (facts.phase == Phase::dns) return safe_text(target.host);
  if (facts.phase == Phase::connect) return peer_text(target);
  if (facts.phase == Phase::tls) {
    const auto* tls = fact_of<TlsFacts>(phase);
    return tls ? tls_detail(*tls) : std::string();
  }
  std::string detail = facts.reply ? reply_detail(*facts.reply, facts.phase) : std::string();
  if (facts.phase == Phase::auth && !facts.auth_mechanism.empty())
    detail += " (" + safe_text(facts.auth_mechanism) + ")";
  if (const auto* message = fact_of<SentMessageFacts>(phase)) detail += ", " + sent_message_text(*message);
  if (const auto* record = fact_of<RoundTripRecord>(phase)) detail += round_trip_text(*record);
  if (const auto* relay = fact_of<RelayTestRecord>(phase)) detail = relay_test_text(*relay);
  return detail;
}

std::vector<Subcheck> probe_details(const ResultNode& probe, const ProbeFacts& facts) {
  std::vector<Subcheck> lines;
  lines.reserve(probe.children.size() + probe.findings.size());
  for (const auto& phase : probe.children) {
    const auto* phase_facts = fact_of<PhaseFacts>(phase);
    if (!phase_facts) continue;
    std::string text = phase.name;
    text += ' ';
    append_number_text(text, phase_facts->seconds, 6);
    text += 's';
    const std::string detail = phase_detail(phase, *phase_facts, facts.target);
    if (!detail.empty()) {
      text += ' ';
      text += detail;
    }
    lines.push_back({phase.state, std::move(text)});
    if (const auto* step = finding_of<FailedStep>(phase))
      if (const auto explanation = failure_explanation(step->failure))
        lines.push_back({phase.state, "  explanation: " + explanation_line(*explanation)});
  }
  for (const auto& finding : probe.findings) {
    if (const auto* step = std::get_if<FailedStep>(&finding.detail))
      lines.push_back({finding.state, std::string(phase_name(step->failure.phase)) + " failed: " +
                                          failure_text(step->failure)});
    else if (const auto* quit = std::get_if<IgnoredQuitFailure>(&finding.detail))
      lines.push_back({finding.state, "quit ignored: " + failure_text(quit->failure)});
    else if (std::holds_alternative<CertificateNameMismatch>(finding.detail) ||
             std::holds_alternative<CertificateExpiry>(finding.detail) ||
             std::holds_alternative<LateProbe>(finding.detail) ||
             std::holds_alternative<AuthenticationShortfall>(finding.detail))
      lines.push_back({finding.state, finding_text(finding)});
  }
  return lines;
}

// Threshold violations in the phases and the probe's own, worst first.
std::vector<Finding> violations_worst_first(const ResultNode& node) {
  std::vector<Finding> violations;
  auto collect = [&](const ResultNode& part) {
    for (const auto& finding : part.findings)
      if (std::holds_alternative<ThresholdViolation>(finding.detail)) violations.push_back(finding);
  };
  for (const auto& child : node.children) collect(child);
  collect(node);
  std::stable_sort(violations.begin(), violations.end(), [](const Finding& a, const Finding& b) {
    return worse(a.state, b.state) == a.state && a.state != b.state;
  });
  return violations;
}

std::string probe_summary(const ResultNode& probe, const ProbeFacts& facts) {
  if (const auto* interruption = finding_of<SignalStop>(probe)) return interruption_text(*interruption);
  const std::string target = target_text(facts.target);
  const Failure* failure = failure_in(probe);
  std::string text = !failure ? target + " answered in " + number_text(facts.total_seconds, 3) + "s"
                     : failure->kind == FailureKind::junk
                         ? target + ": " + failure_text(*failure)  // an outcome, not a failed step
                         : target + ": " + std::string(phase_name(failure->phase)) + " failed: " + failure_text(*failure);
  const std::string separator = failure ? "; " : ", ";
  for (const auto& phase : probe.children)
    if (const auto* message = fact_of<SentMessageFacts>(phase); message && message->accepted && !failure)
      text += separator + sent_message_text(*message);
  for (const auto& phase : probe.children)
    if (const auto* relay = finding_of<OpenRelay>(phase)) text += separator + open_relay_text(*relay);
  for (const auto& violation : violations_worst_first(probe)) text += separator + finding_text(violation);
  for (const auto& finding : probe.findings)
    if (std::holds_alternative<CertificateNameMismatch>(finding.detail) ||
        std::holds_alternative<AuthenticationShortfall>(finding.detail) ||
        (std::holds_alternative<CertificateExpiry>(finding.detail) && finding.state != State::ok))
      text += separator + finding_text(finding);
  return text;
}

Verdict describe_probe(const ResultNode& probe, const ProbeFacts& facts) {
  Verdict verdict{probe.state, probe_summary(probe, facts), {}, probe.perfdata};
  if (!finding_of<SignalStop>(probe)) verdict.details = probe_details(probe, facts);
  return verdict;
}

// ---- a series --------------------------------------------------------------

Verdict describe_series(const ResultNode& series, const SeriesFacts& facts) {
  const SeriesStats& stats = facts.stats;
  Verdict verdict{series.state, {}, {}, series.perfdata};
  std::vector<std::string> notes;
  for (const auto& finding : series.findings)
    if (!std::holds_alternative<LostProbe>(finding.detail)) notes.push_back(finding_text(finding));

  if (stats.rta)
    verdict.details.push_back({State::ok, "rta " + seconds_text(*stats.rta) + " min " + seconds_text(*stats.rtmin) +
                                              " max " + seconds_text(*stats.rtmax) + " jitter " +
                                              seconds_text(*stats.jitter)});
  for (const auto& probe : series.children) {
    const bool lost = finding_of<LostProbe>(probe) != nullptr;
    const std::string summary = probe.children.empty() ? std::string() : describe(probe.children.front()).summary;
    verdict.details.push_back({probe.state, probe.name + (lost ? " lost: " : " failed: ") + summary});
    if (!lost && notes.size() < 3) notes.push_back(probe.name + ": " + summary);
  }
  for (const Phase phase : facts.phases) {
    const auto average = stats.phase_averages.find(phase);
    if (average != stats.phase_averages.end())
      verdict.details.push_back({State::ok, std::string(phase_name(phase)) + " avg " + seconds_text(average->second)});
  }
  for (const auto& finding : series.findings)
    if (std::holds_alternative<CertificateExpiry>(finding.detail) ||
        std::holds_alternative<CertificateNameMismatch>(finding.detail))
      verdict.details.push_back({finding.state, finding_text(finding)});

  std::string summary = target_text(facts.target) + ": " + std::to_string(stats.sent) + " probes, " +
                        number_text(stats.loss_percent, 0) + "% loss";
  if (stats.rta) summary += ", rta " + seconds_text(*stats.rta);
  for (const auto& note : notes) summary += ", " + note;
  verdict.summary = summary;
  return verdict;
}

// ---- a load run -------------------------------------------------------------

std::string error_class_words(LoadErrorClass error_class) {
  switch (error_class) {
    case LoadErrorClass::refused: return "refused";
    case LoadErrorClass::timeout: return "timeout";
    case LoadErrorClass::dropped: return "dropped";
    case LoadErrorClass::tls: return "TLS";
    case LoadErrorClass::rate_limited: return "rate limited";
    case LoadErrorClass::unavailable: return "421 unavailable";
    case LoadErrorClass::temporary: return "other 4xx";
    case LoadErrorClass::rejected: return "5xx";
    case LoadErrorClass::other: return "other";
  }
  return "other";
}

std::string percentiles_text(const Percentiles& figures) {
  return "p50 " + seconds_text(figures.p50) + " p95 " + seconds_text(figures.p95) + " p99 " +
         seconds_text(figures.p99) + " max " + seconds_text(figures.max);
}

std::string pacing_text(const LoadPlan& plan) {
  if (plan.pacing == LoadPlan::Pacing::rate) return "at " + shortest_number_text(plan.rate) + "/s";
  return "at concurrency " + std::to_string(plan.concurrency);
}

std::string onset_text(const ThrottleOnset& onset) {
  std::string text = "pushed back from session " + std::to_string(onset.sequence) + " (+" +
                     number_text(onset.at_seconds, 3) + "s, " + std::string(phase_name(onset.phase)) + ")";
  if (onset.reply) text += ": " + reply_text(*onset.reply);
  return text;
}

std::string errors_text(const LoadErrors& errors) {
  std::vector<std::string> parts;
  for (const auto& [error_class, count] : errors.counts) {
    std::string part = error_class_words(error_class) + " " + std::to_string(count);
    const auto reply = errors.first_replies.find(error_class);
    if (reply != errors.first_replies.end()) part += " (" + reply_text(reply->second) + ")";
    parts.push_back(part);
  }
  return join(parts, ", ");
}

Verdict describe_load(const ResultNode& load, const LoadFacts& facts) {
  const LoadStats& stats = facts.stats;
  Verdict verdict{load.state, {}, {}, load.perfdata};
  std::string summary = target_text(facts.target) + ": " + std::to_string(stats.sessions) + " sessions in " +
                        seconds_text(stats.elapsed_seconds) + " " + pacing_text(facts.plan) + ": " +
                        number_text(stats.sessions_per_second, 1) + "/s, " + std::to_string(stats.failed) +
                        " errors (" + number_text(stats.error_percent, 1) + "%)";
  if (stats.total) summary += ", total " + percentiles_text(*stats.total);
  for (const auto& finding : load.findings)
    if (!std::holds_alternative<SignalStop>(finding.detail)) summary += ", " + finding_text(finding);
  if (facts.errors.onset) summary += ", " + onset_text(*facts.errors.onset);
  if (const auto* interruption = finding_of<SignalStop>(load)) summary += "; " + interruption_text(*interruption);
  verdict.summary = summary;

  auto detail = [&](State state, std::string text) { verdict.details.push_back({state, std::move(text)}); };
  for (const Phase phase : facts.phases)
    detail(State::ok, std::string(phase_name(phase)) + " " + percentiles_text(stats.phases.at(phase)));
  if (stats.total) detail(State::ok, "total " + percentiles_text(*stats.total));
  if (!facts.errors.counts.empty()) detail(State::ok, "errors: " + errors_text(facts.errors));
  if (facts.errors.onset) detail(State::ok, onset_text(*facts.errors.onset));
  if (stats.start_lateness)
    detail(State::ok, std::to_string(stats.workers) + " workers; start lateness (no free worker) " +
                          percentiles_text(*stats.start_lateness));
  for (const auto& finding : load.findings)
    if (finding.state != State::ok) detail(finding.state, finding_text(finding));
  return verdict;
}


// What made a step not OK: its findings in words.
std::string crossing_text(const ResultNode& step) {
  std::vector<std::string> parts;
  for (const auto& finding : step.findings)
    if (finding.state != State::ok) parts.push_back(finding_text(finding));
  return parts.empty() ? std::string(state_name(step.state)) : join(parts, ", ");
}

Verdict describe_ramp(const ResultNode& ramp, const RampFacts& facts) {
  Verdict verdict{ramp.state, {}, {}, ramp.perfdata};
  std::string summary = "ramp";
  if (facts.last_good_step) {
    const ResultNode& good = ramp.children[static_cast<std::size_t>(*facts.last_good_step)];
    const auto* load = fact_of<LoadFacts>(good);
    summary += ": last good step " + (load ? step_pace(load->plan) : good.name);
    if (load) {
      summary += " (" + number_text(load->stats.sessions_per_second, 1) + "/s";
      if (load->stats.total) summary += ", total p95 " + seconds_text(load->stats.total->p95);
      summary += ")";
    }
  } else {
    summary += ": no step was good";
  }
  const ResultNode& last = ramp.children.back();
  if (last.state != State::ok) {
    const auto* load = fact_of<LoadFacts>(last);
    summary += "; " + (load ? step_pace(load->plan) : last.name) + ": " + crossing_text(last);
  } else {
    summary += "; the top of the ramp was reached";
  }
  verdict.summary = summary;
  for (const auto& step : ramp.children) {
    const Verdict part = describe(step);
    verdict.details.push_back({step.state, safe_text(step.name) + ": " + part.summary, 0});
    for (const auto& line : part.details) verdict.details.push_back({line.state, "  " + line.text, 1});
  }
  return verdict;
}

// ---- any other node --------------------------------------------------------

Verdict describe_generic(const ResultNode& node) {
  if (node.children.size() == 1 && node.findings.empty() && node.perfdata.empty()) {
    // A node that only holds one part (the check around its probe or series) reads as that part.
    Verdict part = describe(node.children.front());
    part.state = node.state;
    return part;
  }
  Verdict verdict{node.state, {}, {}, node.perfdata};
  std::vector<std::string> parts;
  for (const auto& finding : node.findings) parts.push_back(finding_text(finding));
  for (const auto& child : node.children) {
    const Verdict part = describe(child);
    verdict.details.push_back({child.state, safe_text(child.name) + ": " + part.summary});
    for (const auto& line : part.details) verdict.details.push_back({line.state, "  " + line.text});
    verdict.perfdata.insert(verdict.perfdata.end(), part.perfdata.begin(), part.perfdata.end());
    if (node.children.size() == 1 && node.findings.empty())
      return Verdict{node.state, part.summary, part.details, verdict.perfdata};
    if (child.state != State::ok) parts.push_back(safe_text(child.name) + ": " + part.summary);
  }
  verdict.summary = parts.empty() ? safe_text(node.name) + " " + std::string(state_name(node.state)) : join(parts, ", ");
  return verdict;
}

}  // namespace

std::string failure_text(const Failure& failure) {
  std::string text = safe_text(failure.message);
  if (failure.reply) text += ": " + reply_text(*failure.reply);
  if (!failure.expected.empty()) text += " (expected " + safe_text(failure.expected) + ")";
  if (const auto explanation = failure_explanation(failure))
    if (const std::string brief = explanation_brief(*explanation); !brief.empty()) text += " - " + brief;
  return text;
}

std::string target_text(const Target& target) {
  if (target.unix_socket) return safe_text(target.host);
  return safe_text(host_port(target.host, target.port));
}

std::string finding_text(const Finding& finding) {
  return std::visit(
      Overloaded{
          [](const FailedStep& step) { return std::string(phase_name(step.failure.phase)) + " failed: " + failure_text(step.failure); },
          [](const IgnoredQuitFailure& quit) { return "quit ignored: " + failure_text(quit.failure); },
          [](const ThresholdViolation& violation) { return violation_text(violation); },
          [](const CertificateExpiry& expiry) { return expiry_text(expiry); },
          [](const CertificateNameMismatch& mismatch) { return name_mismatch_text(mismatch); },
          [](const SeriesLoss& loss) { return loss_text(loss); },
          [](const LostProbe& lost) { return "probe " + std::to_string(lost.sequence) + " lost"; },
          [](const SignalStop& interruption) { return interruption_text(interruption); },
          [](const NoProbeRan&) { return std::string("no probe ran"); },
          [](const ErrorRate& rate) { return error_rate_text(rate); },
          [](const FcrdnsMismatch& fcrdns) { return fcrdns_text(fcrdns); },
          [](const TlsPolicyFinding& policy) { return tls_policy_finding_text(policy); },
          [](const AuthRecordProblem& problem) { return auth_record_problem_text(problem); },
          [](const DmarcBelowFloor& below) { return dmarc_below_floor_text(below); },
          [](const OpenRelay& relay) { return open_relay_text(relay); },
          [](const LateProbe& late) { return late_probe_text(late); },
          [](const AuthenticationShortfall& shortfall) { return authentication_shortfall_text(shortfall); },
      },
      finding.detail);
}

Verdict describe(const ResultNode& node) {
  if (const auto* facts = fact_of<ProbeFacts>(node)) return describe_probe(node, *facts);
  if (const auto* facts = fact_of<SeriesFacts>(node)) return describe_series(node, *facts);
  if (const auto* facts = fact_of<LoadFacts>(node)) return describe_load(node, *facts);
  if (const auto* facts = fact_of<RampFacts>(node)) return describe_ramp(node, *facts);
  return describe_generic(node);
}

std::string step_pace(const LoadPlan& plan) {
  if (plan.pacing == LoadPlan::Pacing::rate) return "rate " + shortest_number_text(plan.rate) + "/s";
  return "concurrency " + std::to_string(plan.concurrency);
}

}  // namespace smtp_ping
