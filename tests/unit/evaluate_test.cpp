#include "judging_support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace smtp_ping {
namespace {

using std::chrono::microseconds;

PhaseTiming timing(Phase phase, long start_us, long elapsed_us) {
  return PhaseTiming{phase, microseconds(start_us), microseconds(elapsed_us)};
}

TranscriptEntry exchange(Phase phase, std::string sent, Reply reply, long start_us, long elapsed_us) {
  TranscriptEntry entry{phase, std::move(sent), std::move(reply), microseconds(start_us), microseconds(elapsed_us)};
  return entry;
}

// A healthy dialog with 127.0.0.1:25: connect, banner, ehlo, quit.
Report healthy_report() {
  Report report;
  report.target.host = "127.0.0.1";
  report.target.port = 25;
  report.target.address = "127.0.0.1";
  report.target.local_address = "127.0.0.1:40000";
  report.phases = {timing(Phase::dns, 0, 1), timing(Phase::connect, 1, 120),
                   timing(Phase::banner, 121, 2100), timing(Phase::ehlo, 2221, 400),
                   timing(Phase::quit, 2621, 200)};
  report.total = microseconds(4012);
  const Reply greeting{220, {"mail.example.org ESMTP Postfix"}};
  report.greeting = greeting;
  report.transcript = {
      exchange(Phase::banner, "", greeting, 121, 2100),
      exchange(Phase::ehlo, "EHLO me", Reply{250, {"mail.example.org", "PIPELINING", "SIZE 10240000", "STARTTLS"}},
               2221, 400),
      exchange(Phase::quit, "QUIT", Reply{221, {"2.0.0 Bye"}}, 2621, 200)};
  return report;
}

Report failed_report(Phase phase, FailureKind kind, std::string message, std::optional<Reply> reply = {},
                     std::string expected = {}) {
  Report report = healthy_report();
  report.failure = Failure{phase, kind, std::move(message), std::move(reply), "", std::move(expected)};
  return report;
}

Range range(const char* text) { return parse_range(text).value(); }

EvaluationPolicy default_policy() { return EvaluationPolicy{}; }

TEST(Evaluate, HealthyReportIsOk) {
  const Verdict verdict = evaluate(healthy_report(), default_policy());
  EXPECT_EQ(verdict.state, State::ok);
  EXPECT_EQ(verdict.summary, "127.0.0.1:25 answered in 0.004s");
}

TEST(Evaluate, OneSubcheckPerPhaseInOrder) {
  const Verdict verdict = evaluate(healthy_report(), default_policy());
  ASSERT_EQ(verdict.details.size(), 5u);
  EXPECT_EQ(verdict.details[0].text, "dns 0.000001s 127.0.0.1");
  EXPECT_EQ(verdict.details[1].text, "connect 0.000120s 127.0.0.1:25");
  EXPECT_EQ(verdict.details[2].text, "banner 0.002100s 220 mail.example.org ESMTP Postfix");
  EXPECT_EQ(verdict.details[3].text, "ehlo 0.000400s 250 mail.example.org (PIPELINING SIZE STARTTLS)");
  EXPECT_EQ(verdict.details[4].text, "quit 0.000200s 221 2.0.0 Bye");
  for (const auto& subcheck : verdict.details) EXPECT_EQ(subcheck.state, State::ok);
}

TEST(Evaluate, PerfdataPerPhasePlusTotal) {
  EvaluationPolicy policy;
  policy.thresholds.total = {range("1"), range("2")};
  policy.thresholds.phases[Phase::banner] = {range("0.5"), range("~:0.9")};
  const Verdict verdict = evaluate(healthy_report(), policy);
  ASSERT_EQ(verdict.perfdata.size(), 6u);
  const char* labels[] = {"dns", "connect", "banner", "ehlo", "quit", "total"};
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(verdict.perfdata[i].label, labels[i]);
    EXPECT_EQ(verdict.perfdata[i].unit, "s");
    EXPECT_EQ(verdict.perfdata[i].min, 0.0);
  }
  EXPECT_DOUBLE_EQ(verdict.perfdata[1].value, 0.000120);
  EXPECT_EQ(verdict.perfdata[2].warning, "0.5");
  EXPECT_EQ(verdict.perfdata[2].critical, "~:0.9");
  EXPECT_EQ(verdict.perfdata[0].warning, "");
  EXPECT_DOUBLE_EQ(verdict.perfdata[5].value, 0.004012);
  EXPECT_EQ(verdict.perfdata[5].warning, "1");
  EXPECT_EQ(verdict.perfdata[5].critical, "2");
}

TEST(Evaluate, TargetFormats) {
  Report report = healthy_report();
  report.target.host = "::1";
  EXPECT_EQ(evaluate(report, default_policy()).summary, "[::1]:25 answered in 0.004s");
  report.target.host = "mail.example.org";
  report.target.port = 587;
  EXPECT_EQ(evaluate(report, default_policy()).summary, "mail.example.org:587 answered in 0.004s");
  report.target = Target{"/run/smtp.sock", 0, true, "", "", TlsMode::none};
  EXPECT_EQ(evaluate(report, default_policy()).summary, "/run/smtp.sock answered in 0.004s");
}

TEST(Evaluate, ConnectLineNamesIpv6PeerInBrackets) {
  Report report = healthy_report();
  report.target.host = "mail.example.org";
  report.target.address = "2001:db8::25";
  EXPECT_EQ(evaluate(report, default_policy()).details[1].text, "connect 0.000120s [2001:db8::25]:25");
}

TEST(Evaluate, TimeoutTakesTheTimeoutState) {
  for (const State state : {State::ok, State::warning, State::critical, State::unknown}) {
    EvaluationPolicy policy;
    policy.timeout_state = state;
    const Report report =
        failed_report(Phase::banner, FailureKind::timeout, "timeout after 2.000s waiting for the greeting");
    const Verdict verdict = evaluate(report, policy);
    EXPECT_EQ(verdict.state, state) << state_name(state);
    EXPECT_EQ(verdict.summary, "127.0.0.1:25: banner failed: timeout after 2.000s waiting for the greeting");
  }
}

TEST(Evaluate, TimeoutStateDefaultsToCritical) {
  const Report report = failed_report(Phase::ehlo, FailureKind::timeout, "timeout");
  EXPECT_EQ(evaluate(report, default_policy()).state, State::critical);
}

TEST(Evaluate, NegativeGreetingIsCriticalEvenWith4xx) {
  EXPECT_EQ(evaluate(failed_report(Phase::banner, FailureKind::reply, "greeting rejected",
                                   Reply{554, {"5.3.2 go away"}}, "2xx"),
                     default_policy())
                .state,
            State::critical);
  EXPECT_EQ(evaluate(failed_report(Phase::banner, FailureKind::reply, "greeting rejected",
                                   Reply{421, {"4.3.2 busy"}}, "2xx"),
                     default_policy())
                .state,
            State::critical);
}

TEST(Evaluate, TemporaryRejectionIsWarning) {
  const Report report = failed_report(Phase::rcpt, FailureKind::reply, "RCPT TO:<a@example.org> rejected",
                                      Reply{450, {"4.2.0 greylisted"}}, "2xx");
  EXPECT_EQ(evaluate(report, default_policy()).state, State::warning);
}

TEST(Evaluate, PermanentRejectionIsCriticalWithTheDocumentedSummary) {
  const Report report = failed_report(
      Phase::rcpt, FailureKind::reply, "RCPT TO:<unknown@example.org> rejected",
      Reply{550, {"5.1.1 <unknown@example.org>: Recipient address rejected: User unknown"}}, "2xx");
  const Verdict verdict = evaluate(report, default_policy());
  EXPECT_EQ(verdict.state, State::critical);
  EXPECT_EQ(verdict.summary,
            "127.0.0.1:25: rcpt failed: RCPT TO:<unknown@example.org> rejected: 550 5.1.1 "
            "<unknown@example.org>: Recipient address rejected: User unknown (expected 2xx) - mailbox unknown");
}

TEST(Evaluate, MismatchesAreWarnings) {
  const Report expect = failed_report(Phase::banner, FailureKind::expect_mismatch, "greeting lacks 'Postfix'",
                                      Reply{220, {"mail ESMTP Exim"}}, "'Postfix'");
  EXPECT_EQ(evaluate(expect, default_policy()).state, State::warning);
  const Report response = failed_report(Phase::command, FailureKind::response_mismatch, "VRFY postmaster",
                                        Reply{502, {"not implemented"}}, "regex '^252'");
  EXPECT_EQ(evaluate(response, default_policy()).state, State::warning);
}

TEST(Evaluate, LocalErrorIsUnknown) {
  Report report = healthy_report();
  report.phases.clear();
  report.transcript.clear();
  report.failure = Failure{Phase::connect, FailureKind::local, "socket: too many open files", {}, "", ""};
  EXPECT_EQ(evaluate(report, default_policy()).state, State::unknown);
}

TEST(Evaluate, NetworkAndProtocolFailuresAreCritical) {
  for (const FailureKind kind :
       {FailureKind::resolve, FailureKind::connect, FailureKind::closed, FailureKind::protocol, FailureKind::tls,
        FailureKind::tls_verify, FailureKind::tls_policy, FailureKind::not_offered, FailureKind::auth}) {
    const Report report = failed_report(Phase::connect, kind, "it broke");
    EXPECT_EQ(evaluate(report, default_policy()).state, State::critical) << failure_kind_name(kind);
  }
}

TEST(Evaluate, FailureIsShownOnItsPhaseLine) {
  const Report report = failed_report(Phase::rcpt, FailureKind::reply, "RCPT TO:<a@b> rejected",
                                      Reply{550, {"no"}}, "2xx");
  Report with_rcpt = report;
  with_rcpt.phases.push_back(timing(Phase::rcpt, 2621, 300));
  const Verdict verdict = evaluate(with_rcpt, default_policy());
  ASSERT_GE(verdict.details.size(), 2u);
  const Subcheck& line = verdict.details[verdict.details.size() - 2];
  EXPECT_EQ(line.state, State::critical);
  EXPECT_EQ(line.text, "rcpt 0.000300s failed: RCPT TO:<a@b> rejected: 550 no (expected 2xx)");
  // The explanation follows (issue 15): the code in words, and no reason recognised in "no".
  EXPECT_EQ(verdict.details.back().text,
            "  explanation: 550: permanent failure: mailbox unavailable (not found, not accessible, or refused by "
            "policy); unrecognised reason: read the server's text, and its log at the time of the check");
}

TEST(Evaluate, FailureWithoutAPhaseLineGetsItsOwnLine) {
  Report report;
  report.target = Target{"nonexistent.invalid", 25, false, "", "", TlsMode::none};
  report.failure = Failure{Phase::dns, FailureKind::resolve, "name does not resolve", {}, "", ""};
  const Verdict verdict = evaluate(report, default_policy());
  EXPECT_EQ(verdict.state, State::critical);
  EXPECT_EQ(verdict.summary, "nonexistent.invalid:25: dns failed: name does not resolve");
  ASSERT_EQ(verdict.details.size(), 1u);
  EXPECT_EQ(verdict.details[0].state, State::critical);
  EXPECT_EQ(verdict.details[0].text, "dns failed: name does not resolve");
  ASSERT_EQ(verdict.perfdata.size(), 1u);
  EXPECT_EQ(verdict.perfdata[0].label, "total");
}

TEST(Evaluate, IgnoredQuitFailureIsReportedButOk) {
  Report report = healthy_report();
  report.quit_failure = Failure{Phase::quit, FailureKind::closed, "connection closed before QUIT was answered",
                                {}, "QUIT", ""};
  const Verdict verdict = evaluate(report, default_policy());
  EXPECT_EQ(verdict.state, State::ok);
  ASSERT_FALSE(verdict.details.empty());
  EXPECT_EQ(verdict.details.back().text, "quit ignored: connection closed before QUIT was answered");
  EXPECT_EQ(verdict.details.back().state, State::ok);
}

TEST(Evaluate, TotalThresholdWarning) {
  EvaluationPolicy policy;
  policy.thresholds.total = {range("0.001"), range("1")};
  const Verdict verdict = evaluate(healthy_report(), policy);
  EXPECT_EQ(verdict.state, State::warning);
  EXPECT_EQ(verdict.summary, "127.0.0.1:25 answered in 0.004s, total 0.004s > 0.001");
}

TEST(Evaluate, CriticalIsCheckedBeforeWarning) {
  EvaluationPolicy policy;
  policy.thresholds.total = {range("0.001"), range("0.002")};
  EXPECT_EQ(evaluate(healthy_report(), policy).state, State::critical);
}

TEST(Evaluate, PhaseThresholdNamesThePhase) {
  EvaluationPolicy policy;
  policy.thresholds.phases[Phase::banner] = {range("0.001"), {}};
  const Verdict verdict = evaluate(healthy_report(), policy);
  EXPECT_EQ(verdict.state, State::warning);
  EXPECT_EQ(verdict.summary, "127.0.0.1:25 answered in 0.004s, banner 0.002s > 0.001");
  EXPECT_EQ(verdict.details[2].state, State::warning);
  EXPECT_EQ(verdict.details[3].state, State::ok);
}

TEST(Evaluate, ViolationsAreListedWorstFirst) {
  EvaluationPolicy policy;
  policy.thresholds.phases[Phase::connect] = {range("0.0001"), {}};
  policy.thresholds.phases[Phase::ehlo] = {{}, range("0.0002")};
  policy.thresholds.total = {range("0.003"), {}};
  const Verdict verdict = evaluate(healthy_report(), policy);
  EXPECT_EQ(verdict.state, State::critical);
  EXPECT_EQ(verdict.summary,
            "127.0.0.1:25 answered in 0.004s, ehlo 0.000400s > 0.0002, connect 0.000120s > 0.0001, "
            "total 0.004s > 0.003");
}

TEST(Evaluate, ThresholdOnAPhaseThatDidNotRunIsIgnored) {
  EvaluationPolicy policy;
  policy.thresholds.phases[Phase::rcpt] = {range("0"), range("0")};
  EXPECT_EQ(evaluate(healthy_report(), policy).state, State::ok);
}

TEST(Evaluate, LowerBoundAndInsideRangesAreDescribed) {
  EvaluationPolicy policy;
  policy.thresholds.total = {range("1:"), {}};
  EXPECT_EQ(evaluate(healthy_report(), policy).summary, "127.0.0.1:25 answered in 0.004s, total 0.004s < 1");
  policy.thresholds.total = {{}, range("@0:1")};
  EXPECT_EQ(evaluate(healthy_report(), policy).summary, "127.0.0.1:25 answered in 0.004s, total 0.004s in @0:1");
}

TEST(Evaluate, WorstOfFailureAndThresholdWins) {
  EvaluationPolicy policy;
  policy.thresholds.total = {{}, range("0.001")};
  const Report report = failed_report(Phase::command, FailureKind::response_mismatch, "NOOP", Reply{250, {"ok"}},
                                      "regex '^252'");
  const Verdict verdict = evaluate(report, policy);
  EXPECT_EQ(verdict.state, State::critical);
  EXPECT_EQ(verdict.summary,
            "127.0.0.1:25: command failed: NOOP: 250 ok (expected regex '^252'); total 0.004s > 0.001");
}

TEST(Evaluate, UnknownFromLocalBeatsWarningThreshold) {
  EvaluationPolicy policy;
  policy.thresholds.total = {range("0.001"), {}};
  const Report report = failed_report(Phase::connect, FailureKind::local, "bind failed");
  EXPECT_EQ(evaluate(report, policy).state, State::unknown);
}

TEST(Evaluate, ServerTextCannotInjectIntoSummaryOrDetails) {
  const Report report = failed_report(Phase::banner, FailureKind::reply, "greeting rejected",
                                      Reply{554, {"bad | 'x'=1 \r\nSMTP OK - fake\x1b[2J"}}, "2xx");
  const Verdict verdict = evaluate(report, default_policy());
  EXPECT_EQ(verdict.summary.find('|'), std::string::npos);
  EXPECT_EQ(verdict.summary.find('\n'), std::string::npos);
  EXPECT_EQ(verdict.summary.find('\r'), std::string::npos);
  EXPECT_EQ(verdict.summary.find('\x1b'), std::string::npos);
  for (const auto& subcheck : verdict.details) {
    EXPECT_EQ(subcheck.text.find_first_of("|\r\n\x1b"), std::string::npos) << subcheck.text;
  }
}

TEST(Evaluate, RepeatedPhaseUsesTheLastReply) {
  Report report = healthy_report();
  report.phases.insert(report.phases.end() - 1, timing(Phase::rcpt, 2621, 300));
  report.transcript.insert(report.transcript.end() - 1,
                           exchange(Phase::rcpt, "RCPT TO:<a@x>", Reply{250, {"2.1.5 a ok"}}, 2621, 100));
  report.transcript.insert(report.transcript.end() - 1,
                           exchange(Phase::rcpt, "RCPT TO:<b@x>", Reply{250, {"2.1.5 b ok"}}, 2721, 200));
  const Verdict verdict = evaluate(report, default_policy());
  EXPECT_EQ(verdict.details[4].text, "rcpt 0.000300s 250 2.1.5 b ok");
}

TEST(Evaluate, IsPure) {
  EvaluationPolicy policy;
  policy.thresholds.total = {range("0.001"), {}};
  const Report report = healthy_report();
  const Verdict first = evaluate(report, policy);
  const Verdict second = evaluate(report, policy);
  EXPECT_EQ(first.summary, second.summary);
  EXPECT_EQ(first.details.size(), second.details.size());
}

}  // namespace
}  // namespace smtp_ping
