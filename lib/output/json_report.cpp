#include "output/json_report.hpp"

#include <limits>

#include "common/overloaded.hpp"
#include "output/policy_json.hpp"
#include "output/describe.hpp"
#include "output/failure_explanation.hpp"
#include "output/json_text.hpp"
#include "output/mail_flow_text.hpp"
#include "output/safe_text.hpp"
#include "output/tls_policy_json.hpp"
#include "output/sent_message_text.hpp"

namespace smtp_ping {
namespace {

using nlohmann::json;

constexpr std::size_t kTextCap = 4096;

std::string safe(std::string_view text) { return safe_text(text, kTextCap); }

std::string_view tls_mode_name(TlsMode mode) {
  switch (mode) {
    case TlsMode::none: return "none";
    case TlsMode::starttls: return "starttls";
    case TlsMode::implicit: return "implicit";
  }
  return "none";
}

json safe_list(const std::vector<std::string>& items) {
  json list = json::array();
  for (const auto& item : items) list.push_back(safe(item));
  return list;
}

json reply_json(const std::optional<Reply>& reply) {
  if (!reply) return nullptr;
  return {{"code", reply->code}, {"lines", safe_list(reply->lines)}};
}

json target_json(const Target& target) {
  return {{"host", safe(target.host)},
          {"port", target.port},
          {"address", safe(target.address)},
          {"local_address", safe(target.local_address)},
          {"unix_socket", target.unix_socket},
          {"tls", tls_mode_name(target.tls)}};
}

json timings_json(const Report& report) {
  json timings = json::object();
  for (const auto& timing : report.phases) {
    const std::string name(phase_name(timing.phase));
    const double seconds = to_seconds(timing.elapsed);
    timings[name] = timings.contains(name) ? timings[name].get<double>() + seconds : seconds;
  }
  timings["total"] = to_seconds(report.total);
  return timings;
}

json phases_json(const Report& report) {
  json phases = json::array();
  for (const auto& timing : report.phases)
    phases.push_back({{"name", phase_name(timing.phase)},
                      {"start", to_seconds(timing.started)},
                      {"seconds", to_seconds(timing.elapsed)}});
  return phases;
}

json capabilities_json(const Capabilities& caps) {
  return {{"server_name", safe(caps.server_name)},
          {"esmtp", caps.esmtp},
          {"keywords", safe_list(caps.keywords)},
          {"starttls", caps.starttls},
          {"pipelining", caps.pipelining},
          {"8bitmime", caps.eightbitmime},
          {"smtputf8", caps.smtputf8},
          {"chunking", caps.chunking},
          {"enhancedstatuscodes", caps.enhanced_status_codes},
          {"dsn", caps.dsn},
          {"size", caps.size ? json(*caps.size) : json(nullptr)},
          {"auth", safe_list(caps.auth_mechanisms)}};
}

json transcript_json(const std::vector<TranscriptEntry>& transcript) {
  json entries = json::array();
  for (const auto& entry : transcript)
    entries.push_back({{"phase", phase_name(entry.phase)},
                       {"sent", safe(entry.sent)},
                       {"reply", reply_json(entry.reply)},
                       {"broken_reply", safe_list(entry.broken_reply)},
                       {"start", to_seconds(entry.started)},
                       {"seconds", to_seconds(entry.elapsed)},
                       {"cleanup", entry.cleanup}});
  return entries;
}


json perfdata_json(const std::vector<PerfDatum>& perfdata) {
  json items = json::array();
  for (const auto& datum : perfdata)
    items.push_back({{"label", safe(datum.label)},
                     {"value", datum.undetermined ? json(nullptr) : json(datum.value)},
                     {"unit", safe(datum.unit)},
                     {"warning", safe(datum.warning)},
                     {"critical", safe(datum.critical)},
                     {"min", optional_number(datum.min)},
                     {"max", optional_number(datum.max)}});
  return items;
}


json tls_json(const std::optional<TlsFacts>& facts) {
  if (!facts) return nullptr;
  const TlsFacts& tls = *facts;
  return {{"version", safe(tls.version)},
          {"cipher", safe(tls.cipher)},
          {"key_type", safe(tls.key_type)},
          {"key_bits", tls.key_bits},
          {"subject", safe(tls.subject)},
          {"issuer", safe(tls.issuer)},
          {"subject_alt_names", safe_list(tls.subject_alt_names)},
          {"not_before", safe(tls.not_before)},
          {"not_after", safe(tls.not_after)},
          {"cert_days", optional_number(tls.cert_days)},
          {"chain_min_days", optional_number(tls.chain_min_days)},
          {"chain_min_subject", safe(tls.chain_min_subject)},
          {"verified", tls.verified},
          {"verification_skipped", tls.verification_skipped},
          {"verify_errors", safe_list(tls.verify_errors)},
          {"sni", safe(tls.sni)},
          {"verify_name", safe(tls.verify_name)},
          {"verify_name_source", safe(tls.verify_name_source)},
          {"announced_names", safe_list(tls.announced_names)},
          {"name_mismatch", tls.name_mismatch}};
}


// --mailbox: where the probe was found and what became of it.
json round_trip_json(const std::optional<RoundTripRecord>& record) {
  if (!record) return nullptr;
  return {{"folder", safe(record->folder)},
          {"in_junk", record->in_junk},
          {"resolution", to_seconds(record->resolution)},
          {"searches", record->searches},
          {"internal_date", record->internal_date ? json(*record->internal_date) : json(nullptr)},
          {"intact", record->intact},
          {"added_headers", safe_list(record->added_headers)},
          {"removed", record->removed},
          {"flagged_only", record->flagged_only},
          {"kept", record->kept},
          {"cleanup_problem", record->cleanup_problem.empty() ? json(nullptr) : json(safe(record->cleanup_problem))},
          {"received", received_chain_json(record->received)},
          {"authentication", authentication_json(record->authentication)},
          {"stale_probes", stale_probes_json(record->stale_probes)},
          {"stale_problem", record->stale_problem.empty() ? json(nullptr) : json(safe(record->stale_problem))}};
}

json range_json(const Range& range) {
  return {{"text", safe(range.text)}, {"start", range.start}, {"end", range.end}, {"inside", range.inside}};
}

json auth_record_problem_json(const AuthRecordProblem& problem) {
  static const char* const kKinds[] = {"missing", "several", "syntax", "lookup_failed", "too_many_lookups",
                                       "too_many_void_lookups", "incomplete_count", "include_problem"};
  return json{{"kind", "auth_record"},
              {"record", problem.record == AuthRecordProblem::Record::spf ? "spf" : "dmarc"},
              {"problem", kKinds[static_cast<int>(problem.kind)]},
              {"subject", safe(problem.subject)},
              {"detail", safe(problem.detail)},
              {"reason", safe(problem.reason)},
              {"count", problem.count}};
}

// A finding's kind and fields, and its words (output/describe).
json finding_json(const Finding& finding) {
  json out = std::visit(
      Overloaded{
          [](const FailedStep& step) { return json{{"kind", "failure"}, {"failure", failure_json(step.failure)}}; },
          [](const IgnoredQuitFailure& quit) {
            return json{{"kind", "ignored_quit_failure"}, {"failure", failure_json(quit.failure)}};
          },
          [](const ThresholdViolation& violation) {
            return json{{"kind", "threshold"}, {"subject", safe(violation.subject)}, {"value", violation.value},
                        {"unit", violation.unit}, {"range", range_json(violation.range)}};
          },
          [](const CertificateExpiry& expiry) {
            return json{{"kind", "certificate_expiry"}, {"days_left", expiry.days_left},
                        {"not_after", safe(expiry.not_after)}};
          },
          [](const CertificateNameMismatch& mismatch) {
            return json{{"kind", "certificate_name_mismatch"},
                        {"certificate_names", safe_list(mismatch.certificate_names)},
                        {"announced_names", safe_list(mismatch.announced_names)},
                        {"host", safe(mismatch.host)}};
          },
          [](const SeriesLoss& loss) {
            return json{{"kind", "series_loss"}, {"loss_percent", loss.loss_percent},
                        {"limit", loss.limit ? json(*loss.limit) : json(nullptr)}};
          },
          [](const LostProbe& lost) { return json{{"kind", "lost_probe"}, {"seq", lost.sequence}}; },
          [](const SignalStop& interruption) {
            return json{{"kind", "interruption"}, {"what", safe(interruption.what)},
                        {"phase", interruption.phase ? json(phase_name(*interruption.phase)) : json(nullptr)}};
          },
          [](const NoProbeRan&) { return json{{"kind", "no_probe"}}; },
          [](const ErrorRate& rate) {
            return json{{"kind", "error_rate"}, {"error_percent", rate.error_percent}, {"limit", optional_number(rate.limit)}};
          },
          [](const FcrdnsMismatch& fcrdns) {
            return json{{"kind", "fcrdns"}, {"address", safe(fcrdns.address)}, {"verdict", fcrdns.verdict},
                        {"ptr_names", safe_list(fcrdns.ptr_names)},
                        {"announced", fcrdns.announced ? json(safe(*fcrdns.announced)) : json(nullptr)}};
          },
          [](const TlsPolicyFinding& policy) { return tls_policy_finding_json(policy); },
          [](const AuthRecordProblem& problem) { return auth_record_problem_json(problem); },
          [](const DmarcBelowFloor& below) {
            return json{{"kind", "dmarc_below_floor"}, {"floor", below.floor},
                        {"policy", below.policy ? json(*below.policy) : json(nullptr)}, {"tag", below.tag},
                        {"pct", below.percent}};
          },
          [](const OpenRelay& relay) {
            return json{{"kind", "open_relay"}, {"form", safe(relay.form)}, {"mail_from", safe(relay.mail_from)},
                        {"rcpt_to", safe(relay.rcpt_to)}, {"reply", reply_json(relay.reply)}};
          },
          [](const LateProbe& late) {
            return json{{"kind", "late_probe"}, {"folder", safe(late.folder)},
                        {"sent_ms", late.sent_ms ? json(*late.sent_ms) : json(nullptr)},
                        {"arrived", late.arrived ? json(*late.arrived) : json(nullptr)},
                        {"removed", late.removed}, {"flagged_only", late.flagged_only}};
          },
          [](const AuthenticationShortfall& shortfall) {
            return json{{"kind", "authentication_results"}, {"method", safe(shortfall.method)},
                        {"result", shortfall.result ? json(safe(*shortfall.result)) : json(nullptr)},
                        {"required", "pass"}};
          },
      },
      finding.detail);
  out["state"] = state_name(finding.state);
  out["text"] = finding_text(finding);
  return out;
}

std::string_view load_error_class_name(LoadErrorClass error_class) {
  switch (error_class) {
    case LoadErrorClass::refused: return "refused";
    case LoadErrorClass::timeout: return "timeout";
    case LoadErrorClass::dropped: return "dropped";
    case LoadErrorClass::tls: return "tls";
    case LoadErrorClass::rate_limited: return "rate_limited";
    case LoadErrorClass::unavailable: return "unavailable_421";
    case LoadErrorClass::temporary: return "temporary_4xx";
    case LoadErrorClass::rejected: return "rejected_5xx";
    case LoadErrorClass::other: return "other";
  }
  return "other";
}

json percentiles_json(const std::optional<Percentiles>& figures) {
  if (!figures) return nullptr;
  return {{"count", figures->count}, {"p50", figures->p50}, {"p95", figures->p95}, {"p99", figures->p99},
          {"max", figures->max}};
}

json load_json(const LoadFacts& facts) {
  const LoadStats& stats = facts.stats;
  const LoadPlan& plan = facts.plan;
  json phases = json::object();
  for (const Phase phase : facts.phases) phases[std::string(phase_name(phase))] = percentiles_json(stats.phases.at(phase));
  json histogram = json::array();
  for (const auto& bucket : stats.histogram)
    histogram.push_back({{"upto", bucket.upto == std::numeric_limits<double>::infinity() ? json(nullptr) : json(bucket.upto)}, {"sessions", bucket.sessions}});
  json counts = json::object();
  json first_replies = json::object();
  for (const auto& [error_class, count] : facts.errors.counts) counts[std::string(load_error_class_name(error_class))] = count;
  for (const auto& [error_class, reply] : facts.errors.first_replies)
    first_replies[std::string(load_error_class_name(error_class))] = reply_json(reply);
  json onset = nullptr;
  if (const auto& found = facts.errors.onset)
    onset = {{"session", found->sequence}, {"at", found->at_seconds}, {"class", load_error_class_name(found->error_class)},
             {"phase", phase_name(found->phase)}, {"reply", reply_json(found->reply)}};
  return {{"pacing", plan.pacing == LoadPlan::Pacing::rate ? "rate" : "concurrency"},
          {"concurrency", plan.pacing == LoadPlan::Pacing::concurrency ? json(plan.concurrency) : json(nullptr)},
          {"rate", plan.pacing == LoadPlan::Pacing::rate ? json(plan.rate) : json(nullptr)},
          {"duration", plan.duration ? json(static_cast<double>(plan.duration->count()) / 1000.0) : json(nullptr)},
          {"sessions_planned", plan.sessions ? json(*plan.sessions) : json(nullptr)},
          {"sessions", stats.sessions},
          {"succeeded", stats.succeeded},
          {"failed", stats.failed},
          {"error_percent", stats.error_percent},
          {"elapsed", stats.elapsed_seconds},
          {"sessions_per_second", stats.sessions_per_second},
          {"workers", stats.workers},
          {"total", percentiles_json(stats.total)},
          {"phases", phases},
          {"histogram", histogram},
          {"start_lateness", percentiles_json(stats.start_lateness)},
          {"errors", counts},
          {"first_replies", first_replies},
          {"onset", onset}};
}

json facts_json(const ResultNode& node) {
  json facts = json::object();
  for (const auto& fact : node.facts)
    std::visit(Overloaded{
                   [&](const ProbeFacts& probe) {
                     facts["target"] = target_json(probe.target);
                     facts["total"] = probe.total_seconds;
                   },
                   [&](const PhaseFacts& phase) {
                     facts["phase"] = phase_name(phase.phase);
                     facts["seconds"] = phase.seconds;
                     facts["reply"] = reply_json(phase.reply);
                     if (!phase.auth_mechanism.empty()) facts["auth_mechanism"] = safe(phase.auth_mechanism);
                   },
                   [&](const TlsFacts& tls) { facts["tls"] = tls_json(tls); },
                   [&](const SentMessageFacts& message) { facts["message"] = sent_message_json(message); },
                   [&](const RoundTripRecord& record) { facts["round_trip"] = round_trip_json(record); },
                   [&](const SeriesFacts& series) {
                     facts["target"] = target_json(series.target);
                     facts["sent"] = series.stats.sent;
                     facts["answered"] = series.stats.answered;
                     facts["failed"] = series.stats.failed;
                     facts["loss_percent"] = series.stats.loss_percent;
                     facts["rta"] = optional_number(series.stats.rta);
                   },
                   [&](const RampFacts& ramp) {
                     facts["ramp"] = {{"pacing", ramp.pacing == LoadPlan::Pacing::rate ? "rate" : "concurrency"},
                                      {"to", ramp.ramp_to},
                                      {"last_good_step", ramp.last_good_step ? json(*ramp.last_good_step + 1) : json(nullptr)}};
                   },
                   [&](const LoadFacts& load) {
                     facts["target"] = target_json(load.target);
                     facts["load"] = load_json(load);
                   },
                   [&](const TlsPolicyFacts& policy) { facts["policy"] = tls_policy_facts_json(policy); },
                   [&](const SpfFacts& spf) { facts["spf"] = spf_json(spf); },
                   [&](const DmarcFacts& dmarc) { facts["dmarc"] = dmarc_json(dmarc); },
                   [&](const RelayTestRecord& relay) { facts["relay_test"] = relay_test_json(relay); },
               },
               fact);
  return facts;
}

std::string_view aggregation_name(const Aggregation& aggregation) {
  switch (aggregation.rule) {
    case Aggregation::Rule::worst_of: return "worst_of";
    case Aggregation::Rule::all_must_pass: return "all_must_pass";
    case Aggregation::Rule::at_least: return "at_least";
    case Aggregation::Rule::redundant: return "redundant";
  }
  return "worst_of";
}

json node_json(const ResultNode& node) {
  json findings = json::array();
  for (const auto& finding : node.findings) findings.push_back(finding_json(finding));
  json children = json::array();
  for (const auto& child : node.children) children.push_back(node_json(child));
  json facts = facts_json(node);
  for (const auto& finding : node.findings)
    if (const auto* step = std::get_if<FailedStep>(&finding.detail))
      if (const auto explanation = failure_explanation(step->failure)) facts["explanation"] = explanation_json(*explanation);
  json aggregation = {{"rule", aggregation_name(node.aggregation)}};
  if (node.aggregation.rule == Aggregation::Rule::at_least) aggregation["count"] = node.aggregation.count;
  return {{"name", safe(node.name)},         {"state", state_name(node.state)}, {"facts", facts},
          {"findings", findings},            {"perfdata", perfdata_json(node.perfdata)},
          {"aggregation", aggregation},      {"checks", children}};
}

}  // namespace

nlohmann::json reply_to_json(const std::optional<Reply>& reply) { return reply_json(reply); }

nlohmann::json finding_to_json(const Finding& finding) { return finding_json(finding); }

nlohmann::json optional_number(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json failure_json(const std::optional<Failure>& failure) {
  if (!failure) return nullptr;
  const auto explanation = failure_explanation(*failure);
  return {{"phase", phase_name(failure->phase)},
          {"kind", failure_kind_name(failure->kind)},
          {"message", safe(failure->message)},
          {"command", safe(failure->command)},
          {"expected", safe(failure->expected)},
          {"reply", reply_json(failure->reply)},
          {"explanation", explanation ? explanation_json(*explanation) : json(nullptr)}};
}

json report_to_json(const Report& report, const ResultNode& tree) {
  const Verdict verdict = describe(tree);
  json out = json::object();
  out["schema"] = 2;
  out["state"] = state_name(verdict.state);
  out["status"] = static_cast<int>(verdict.state);
  out["summary"] = safe(verdict.summary);
  out["target"] = target_json(report.target);
  out["timings"] = timings_json(report);
  out["phases"] = phases_json(report);
  out["greeting"] = reply_json(report.greeting);
  out["capabilities"] = capabilities_json(report.capabilities);
  out["transcript"] = transcript_json(report.transcript);
  out["error"] = failure_json(report.failure);
  out["quit_error"] = failure_json(report.quit_failure);
  // Schema 2: the result tree, nested, with its facts and findings as data
  // (the v1 "checks" were one line of text per part).
  json checks = json::array();
  for (const auto& child : tree.children) checks.push_back(node_json(child));
  out["checks"] = checks;
  out["perfdata"] = perfdata_json(verdict.perfdata);
  out["connect_attempts"] = safe_list(report.connect_attempts);
  out["tls"] = tls_json(report.tls);
  out["message"] = report.sent ? sent_message_json(SentMessageFacts{report.sent->message.token, report.sent->payload_bytes,
                                                                     report.sent->accepted, report.sent->queue_id})
                               : json(nullptr);
  out["round_trip"] = round_trip_json(report.round_trip);
  out["auth"] = report.auth_mechanism.empty() ? json(nullptr) : json{{"mechanism", safe(report.auth_mechanism)}};
  out["relay_test"] = report.relay ? relay_test_json(*report.relay) : json(nullptr);  // --relay-test
  return out;
}

std::string render_json(const Report& report, const ResultNode& tree) {
  return json_text(report_to_json(report, tree));
}

nlohmann::json perfdata_to_json(const std::vector<PerfDatum>& perfdata) { return perfdata_json(perfdata); }

}  // namespace smtp_ping
