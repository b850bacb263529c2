// Load mode (--load): statistics, error classes, judging and options.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "evaluation/judge_load.hpp"
#include "load/load_stats.hpp"
#include "option_test_support.hpp"
#include "output/describe.hpp"
#include "output/load_progress.hpp"

namespace smtp_ping {
namespace {

using std::chrono::milliseconds;
using option_test::mentions;
using option_test::parse;
using option_test::usage_error;

SessionSample succeeded(int sequence, int total_ms, int banner_ms = 1) {
  SessionSample sample;
  sample.sequence = sequence;
  sample.due = sample.started = milliseconds(sequence);
  sample.total = milliseconds(total_ms);
  sample.phases = {{Phase::connect, {}, milliseconds(1)}, {Phase::banner, {}, milliseconds(banner_ms)}};
  return sample;
}

SessionSample failed(int sequence, FailureKind kind, std::optional<Reply> reply = std::nullopt, Phase phase = Phase::banner) {
  SessionSample sample = succeeded(sequence, 5);
  sample.phases = {{Phase::connect, {}, milliseconds(1)}};
  sample.failure = Failure{phase, kind, "failed", std::move(reply), "", ""};
  return sample;
}

LoadRun run_of(std::vector<SessionSample> samples) {
  LoadRun run;
  run.samples = std::move(samples);
  run.elapsed = milliseconds(1000);
  run.target.host = "127.0.0.1";
  run.target.port = 25;
  run.planned_phases = {Phase::connect, Phase::banner};
  return run;
}

LoadPlan closed_loop(int concurrency = 10) {
  LoadPlan plan;
  plan.concurrency = concurrency;
  plan.sessions = 100;
  return plan;
}

// ---- statistics ------------------------------------------------------------

TEST(LoadStats, PercentilesAreNearestRank) {
  std::vector<double> values;
  for (int i = 100; i >= 1; --i) values.push_back(i);
  const auto figures = percentiles_of(values);
  ASSERT_TRUE(figures);
  EXPECT_EQ(figures->count, 100);
  EXPECT_EQ(figures->p50, 50);
  EXPECT_EQ(figures->p95, 95);
  EXPECT_EQ(figures->p99, 99);
  EXPECT_EQ(figures->max, 100);
  const auto one = percentiles_of({0.25});
  ASSERT_TRUE(one);
  EXPECT_EQ(one->p50, 0.25);
  EXPECT_EQ(one->p99, 0.25);
  EXPECT_FALSE(percentiles_of({}));
  // Three values: p50 is the second, p95 and p99 the third.
  const auto three = percentiles_of({3, 1, 2});
  EXPECT_EQ(three->p50, 2);
  EXPECT_EQ(three->p95, 3);
}

TEST(LoadStats, CountsRatesAndTheFailedPhaseIsNoLatency) {
  LoadRun run = run_of({succeeded(1, 10), succeeded(2, 20), failed(3, FailureKind::timeout), succeeded(4, 30)});
  const LoadStats stats = compute_load_stats(run, closed_loop());
  EXPECT_EQ(stats.sessions, 4);
  EXPECT_EQ(stats.succeeded, 3);
  EXPECT_EQ(stats.failed, 1);
  EXPECT_DOUBLE_EQ(stats.error_percent, 25);
  EXPECT_DOUBLE_EQ(stats.elapsed_seconds, 1);
  EXPECT_DOUBLE_EQ(stats.sessions_per_second, 4);
  ASSERT_TRUE(stats.total);
  EXPECT_EQ(stats.total->count, 3);
  EXPECT_DOUBLE_EQ(stats.total->max, 0.030);
  EXPECT_EQ(stats.phases.at(Phase::connect).count, 4);
  EXPECT_EQ(stats.phases.at(Phase::banner).count, 3);
  EXPECT_FALSE(stats.start_lateness) << "a closed loop starts nothing late";
}

TEST(LoadStats, SessionsASignalCutShortDoNotCount) {
  const LoadRun run = run_of({succeeded(1, 10), failed(2, FailureKind::interrupted)});
  const LoadStats stats = compute_load_stats(run, closed_loop());
  EXPECT_EQ(stats.sessions, 1);
  EXPECT_EQ(stats.failed, 0);
}

TEST(LoadStats, HistogramHoldsEverySuccessfulSessionOnce) {
  const LoadRun run = run_of({succeeded(1, 1), succeeded(2, 3), succeeded(3, 3), succeeded(4, 40000)});
  const LoadStats stats = compute_load_stats(run, closed_loop());
  int total = 0;
  for (const auto& bucket : stats.histogram) total += bucket.sessions;
  EXPECT_EQ(total, 4);
  EXPECT_EQ(stats.histogram.front().sessions, 1);  // <= 1 ms
  EXPECT_EQ(stats.histogram.back().sessions, 1);   // beyond 10 s
}

TEST(LoadStats, OpenLoopReportsHowLateSessionsStarted) {
  SessionSample late = succeeded(2, 10);
  late.started = late.due + milliseconds(40);
  LoadPlan plan;
  plan.pacing = LoadPlan::Pacing::rate;
  plan.rate = 100;
  const LoadStats stats = compute_load_stats(run_of({succeeded(1, 10), late}), plan);
  ASSERT_TRUE(stats.start_lateness);
  EXPECT_DOUBLE_EQ(stats.start_lateness->max, 0.040);
}

// ---- error classes ---------------------------------------------------------

TEST(LoadErrors, ClassesSortPushBackFromBreakage) {
  auto with = [](FailureKind kind, std::optional<Reply> reply = std::nullopt) {
    return classify_load_error(Failure{Phase::banner, kind, "x", std::move(reply), "", ""});
  };
  EXPECT_EQ(with(FailureKind::connect), LoadErrorClass::refused);
  EXPECT_EQ(with(FailureKind::timeout), LoadErrorClass::timeout);
  EXPECT_EQ(with(FailureKind::closed), LoadErrorClass::dropped);
  EXPECT_EQ(with(FailureKind::tls_verify), LoadErrorClass::tls);
  EXPECT_EQ(with(FailureKind::reply, Reply{421, {"4.7.0 mx Error: too many connections from 192.0.2.1"}}),
            LoadErrorClass::rate_limited);
  EXPECT_EQ(with(FailureKind::reply, Reply{421, {"4.3.2 Service shutting down"}}), LoadErrorClass::unavailable);
  EXPECT_EQ(with(FailureKind::reply, Reply{451, {"4.3.0 Temporary local problem"}}), LoadErrorClass::temporary);
  EXPECT_EQ(with(FailureKind::reply, Reply{550, {"5.1.1 unknown"}}), LoadErrorClass::rejected);
  EXPECT_EQ(with(FailureKind::auth), LoadErrorClass::other);
}

TEST(LoadErrors, OnsetIsTheFirstSessionThatWasPushedBack) {
  const LoadRun run = run_of({succeeded(1, 10), failed(2, FailureKind::connect), succeeded(3, 10),
                              failed(5, FailureKind::reply, Reply{451, {"4.3.0 later"}}, Phase::rcpt),
                              failed(4, FailureKind::reply, Reply{421, {"4.7.0 too many connections"}})});
  const LoadErrors errors = classify_load_errors(run);
  EXPECT_EQ(errors.counts.at(LoadErrorClass::refused), 1);
  EXPECT_EQ(errors.counts.at(LoadErrorClass::temporary), 1);
  EXPECT_EQ(errors.counts.at(LoadErrorClass::rate_limited), 1);
  ASSERT_TRUE(errors.onset);
  EXPECT_EQ(errors.onset->sequence, 4) << "a refused connection is breakage, not push-back";
  EXPECT_EQ(errors.onset->error_class, LoadErrorClass::rate_limited);
  EXPECT_EQ(errors.first_replies.at(LoadErrorClass::temporary).code, 451);
}

// ---- judging -----------------------------------------------------------------

EvaluationPolicy default_load_policy() {
  EvaluationPolicy policy;
  policy.errors_warning = 1;
  policy.errors_critical = 5;
  return policy;
}

std::vector<SessionSample> sessions_with_failures(int total, int failures) {
  std::vector<SessionSample> samples;
  for (int i = 1; i <= total; ++i)
    samples.push_back(i <= failures ? failed(i, FailureKind::timeout) : succeeded(i, 10 + i % 7));
  return samples;
}

TEST(JudgeLoad, NoErrorsIsOkWithThePerfdataOfARun) {
  const ResultNode node = judge_load(run_of(sessions_with_failures(100, 0)), closed_loop(), default_load_policy());
  EXPECT_EQ(node.name, "load");
  EXPECT_EQ(node.state, State::ok);
  std::vector<std::string> labels;
  for (const auto& datum : node.perfdata) labels.push_back(datum.label);
  EXPECT_EQ(labels, (std::vector<std::string>{"sessions", "errors", "rate", "total_p50", "total_p95", "total_p99",
                                              "total_max", "connect_p95", "banner_p95"}));
  EXPECT_EQ(node.perfdata[1].warning, "1");
  EXPECT_EQ(node.perfdata[1].critical, "5");
  ASSERT_NE(fact_of<LoadFacts>(node), nullptr);
}

TEST(JudgeLoad, ErrorShareReachingTheLimitsIsWarningThenCritical) {
  EXPECT_EQ(judge_load(run_of(sessions_with_failures(100, 1)), closed_loop(), default_load_policy()).state, State::warning);
  EXPECT_EQ(judge_load(run_of(sessions_with_failures(100, 4)), closed_loop(), default_load_policy()).state, State::warning);
  const ResultNode five = judge_load(run_of(sessions_with_failures(100, 5)), closed_loop(), default_load_policy());
  EXPECT_EQ(five.state, State::critical);
  EXPECT_NE(describe(five).summary.find("5.0% errors >= 5%"), std::string::npos) << describe(five).summary;
  const ResultNode none = judge_load(run_of(sessions_with_failures(3, 3)), closed_loop(), EvaluationPolicy{});
  EXPECT_EQ(none.state, State::critical);
  EXPECT_NE(describe(none).summary.find("no session succeeded"), std::string::npos);
}

TEST(JudgeLoad, LatencyThresholdsJudgePercentiles) {
  EvaluationPolicy policy = default_load_policy();
  policy.thresholds.total.warning = parse_range("0.012");
  const ResultNode p95 = judge_load(run_of(sessions_with_failures(100, 0)), closed_loop(), policy);
  EXPECT_EQ(p95.state, State::warning);
  EXPECT_NE(describe(p95).summary.find("total p95 0.016s > 0.012"), std::string::npos) << describe(p95).summary;

  EvaluationPolicy phase_policy = default_load_policy();
  phase_policy.thresholds.phases[Phase::banner].critical = parse_range("0.0005");
  EXPECT_EQ(judge_load(run_of(sessions_with_failures(10, 0)), closed_loop(), phase_policy).state, State::critical);

  EvaluationPolicy p50_policy = default_load_policy();
  p50_policy.thresholds.total_percentiles[50].critical = parse_range("0.011");
  const ResultNode p50 = judge_load(run_of(sessions_with_failures(100, 0)), closed_loop(), p50_policy);
  EXPECT_EQ(p50.state, State::critical);
  EXPECT_EQ(p50.perfdata[3].critical, "0.011");
}

TEST(JudgeLoad, ASignalIsUnknownAndSaysSo) {
  LoadRun run = run_of({succeeded(1, 10), failed(2, FailureKind::interrupted)});
  run.interrupted = "interrupted by SIGTERM";
  const ResultNode node = judge_load(run, closed_loop(), default_load_policy());
  EXPECT_EQ(node.state, State::unknown);
  EXPECT_NE(describe(node).summary.find("interrupted by SIGTERM"), std::string::npos);
}

TEST(JudgeLoad, TheSummarySaysPaceRateErrorsAndWhereThePushBackBegan) {
  LoadRun run = run_of(sessions_with_failures(10, 0));
  run.samples.push_back(failed(11, FailureKind::reply, Reply{421, {"4.7.0 mx Error: too many connections"}}));
  const ResultNode node = judge_load(run, closed_loop(4), default_load_policy());
  const Verdict verdict = describe(node);
  EXPECT_NE(verdict.summary.find("127.0.0.1:25: 11 sessions in 1.000000s at concurrency 4: 11.0/s, 1 errors (9.1%)"),
            std::string::npos) << verdict.summary;
  EXPECT_NE(verdict.summary.find("pushed back from session 11"), std::string::npos) << verdict.summary;
  EXPECT_NE(verdict.summary.find("421 4.7.0 mx Error: too many connections"), std::string::npos) << verdict.summary;
  bool errors_line = false;
  for (const auto& line : verdict.details) errors_line |= line.text.rfind("errors: rate limited 1 (421", 0) == 0;
  EXPECT_TRUE(errors_line);
}

// ---- ramp --------------------------------------------------------------------

TEST(Ramp, StepsDoubleUpToTheTop) {
  LoadPlan plan = closed_loop(3);
  plan.ramp_to = 20;
  std::vector<int> values;
  for (const auto& step : ramp_steps(plan)) values.push_back(step.concurrency);
  EXPECT_EQ(values, (std::vector<int>{3, 6, 12, 20}));
  LoadPlan rate;
  rate.pacing = LoadPlan::Pacing::rate;
  rate.rate = 0.001;
  rate.ramp_to = kMaxLoadRate;
  EXPECT_EQ(static_cast<int>(ramp_steps(rate).size()), kMaxRampSteps);
  EXPECT_EQ(ramp_steps(closed_loop(3)).size(), 1u) << "no ramp: one step";
}

TEST(Ramp, TheLastGoodStepIsNamedAndKeepsItOk) {
  LoadPlan plan = closed_loop(1);
  plan.ramp_to = 4;
  const auto steps = ramp_steps(plan);
  EvaluationPolicy policy = default_load_policy();
  std::vector<ResultNode> judged{judge_load(run_of(sessions_with_failures(100, 0)), steps[0], policy),
                                 judge_load(run_of(sessions_with_failures(100, 0)), steps[1], policy),
                                 judge_load(run_of(sessions_with_failures(100, 10)), steps[2], policy)};
  const ResultNode ramp = judge_ramp(judged, plan);
  EXPECT_EQ(ramp.state, State::ok);
  const auto* facts = fact_of<RampFacts>(ramp);
  ASSERT_NE(facts, nullptr);
  EXPECT_EQ(facts->last_good_step, 1);
  EXPECT_EQ(ramp.perfdata.front().label, "last_good");
  EXPECT_EQ(ramp.perfdata.front().value, 2);
  const std::string summary = describe(ramp).summary;
  EXPECT_NE(summary.find("last good step concurrency 2"), std::string::npos) << summary;
  EXPECT_NE(summary.find("concurrency 4: 10.0% errors >= 5%"), std::string::npos) << summary;

  const ResultNode none = judge_ramp({judge_load(run_of(sessions_with_failures(10, 10)), steps[0], policy)}, plan);
  EXPECT_EQ(none.state, State::critical);
  EXPECT_NE(describe(none).summary.find("no step was good"), std::string::npos);
  EXPECT_TRUE(none.perfdata.front().undetermined);
}

// ---- options -------------------------------------------------------------------

TEST(LoadOptions, ALoadRunMustEnd) {
  const std::string error = usage_error({"-H", "mx", "--load"});
  EXPECT_TRUE(mentions(error, "--duration")) << error;
  EXPECT_TRUE(mentions(error, "--sessions")) << error;
}

TEST(LoadOptions, PacingAndEnd) {
  const CheckConfig closed = parse({"-H", "mx", "--load", "--concurrency", "20", "--sessions", "300"});
  ASSERT_TRUE(closed.load);
  EXPECT_EQ(closed.load->pacing, LoadPlan::Pacing::concurrency);
  EXPECT_EQ(closed.load->concurrency, 20);
  EXPECT_EQ(closed.load->sessions, 300);
  EXPECT_FALSE(closed.load->duration);
  EXPECT_EQ(closed.policy.errors_warning, 1);
  EXPECT_EQ(closed.policy.errors_critical, 5);
  const CheckConfig open = parse({"-H", "mx", "--load", "--rate=50.5", "--duration=2.5", "--errors-critical=20"});
  ASSERT_TRUE(open.load);
  EXPECT_EQ(open.load->pacing, LoadPlan::Pacing::rate);
  EXPECT_DOUBLE_EQ(open.load->rate, 50.5);
  EXPECT_EQ(open.load->duration, std::chrono::milliseconds(2500));
  EXPECT_EQ(open.policy.errors_critical, 20);
  EXPECT_FALSE(parse({"-H", "mx"}).load);
}

TEST(LoadOptions, CapsAndConflicts) {
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--load", "--concurrency", "1001", "--sessions", "1"}), "--concurrency"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--load", "--concurrency", "0", "--sessions", "1"}), "--concurrency"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--load", "--rate", "20001", "--sessions", "1"}), "--rate"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--load", "--duration", "3601"}), "--duration"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--load", "--sessions", "1000001"}), "--sessions"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--load", "--rate", "5", "--concurrency", "2", "--sessions", "1"}), "--rate"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--load", "-n", "3", "--sessions", "1"}), "-n"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--concurrency", "3"}), "--load"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-w", "p95=1"}), "--load"));
  EXPECT_TRUE(mentions(usage_error({"--domain", "example.org", "--load", "--sessions", "1"}), "--domain"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--load", "--sessions", "1", "--mailbox", "imap://u@h/INBOX"}),
                       "--mailbox"));
  EXPECT_TRUE(mentions(usage_error({"--domain", "example.org", "--mailbox", "imap://u@h/INBOX"}), "--mailbox"));
}

TEST(LoadOptions, Ramp) {
  const CheckConfig to = parse({"-H", "mx", "--load", "--sessions", "5", "--concurrency", "2", "--ramp=32"});
  EXPECT_EQ(to.load->ramp_to, 32);
  EXPECT_EQ(parse({"-H", "mx", "--load", "--sessions", "5", "--ramp"}).load->ramp_to, kMaxLoadConcurrency);
  EXPECT_EQ(parse({"-H", "mx", "--load", "--sessions", "5", "--rate", "10", "--ramp"}).load->ramp_to, kMaxLoadRate);
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--load", "--sessions", "5", "--concurrency", "8", "--ramp=4"}), "--ramp"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--ramp"}), "--load"));
}

TEST(LoadOptions, PercentileThresholds) {
  const CheckConfig config = parse({"-H", "mx", "--load", "--sessions", "5", "-w", "p99=2", "-c", "p50=1", "-w", "0.5"});
  EXPECT_TRUE(config.policy.thresholds.total_percentiles.at(99).warning);
  EXPECT_TRUE(config.policy.thresholds.total_percentiles.at(50).critical);
  EXPECT_TRUE(config.policy.thresholds.total.warning);
}

TEST(LoadProgressLine, NamesTheRampStepAndItsPace) {
  LoadProgress progress;
  progress.elapsed = milliseconds(12'000);
  progress.started = 1220;
  progress.finished = 1200;
  progress.failed = 3;
  EXPECT_EQ(load_progress_line(progress), "load +12s: 1200 sessions ended (100.0/s), 3 failed, 20 running\n");
  LoadPlan step;
  step.concurrency = 8;
  progress.ramp_step = step;
  progress.ramp_step_number = 4;
  EXPECT_EQ(load_progress_line(progress),
            "ramp step 4 (concurrency 8) +12s: 1200 sessions ended (100.0/s), 3 failed, 20 running\n");
}

}  // namespace
}  // namespace smtp_ping
