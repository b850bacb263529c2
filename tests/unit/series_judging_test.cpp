// Series statistics and series judging (-n), as check_ping judges pings.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "judging_support.hpp"
#include "probe/series_stats.hpp"

namespace smtp_ping {
namespace {

using std::chrono::milliseconds;

Report answered(int total_ms, int banner_ms) {
  Report report;
  report.target.host = "127.0.0.1";
  report.target.port = 25;
  report.planned_phases = {Phase::connect, Phase::banner, Phase::quit};
  report.phases = {{Phase::connect, {}, milliseconds(1)},
                   {Phase::banner, {}, milliseconds(banner_ms)},
                   {Phase::quit, {}, milliseconds(1)}};
  report.total = milliseconds(total_ms);
  return report;
}

Report refused() {
  Report report = answered(1, 0);
  report.phases = {{Phase::connect, {}, milliseconds(1)}};
  report.failure = Failure{Phase::connect, FailureKind::connect, "connection refused", std::nullopt, "", ""};
  return report;
}

Report rejected_rcpt() {
  Report report = answered(10, 2);
  report.failure = Failure{Phase::rcpt, FailureKind::reply, "RCPT rejected", Reply{550, {"no"}}, "RCPT TO:<a@b>", "2xx"};
  return report;
}

Range range(const char* text) { return parse_range(text).value(); }

TEST(SeriesStats, LossRtaMinMaxJitterAndPhaseAveragesOverTheAnsweredProbes) {
  const std::vector<Report> reports{answered(10, 4), refused(), answered(30, 8), rejected_rcpt()};
  const SeriesStats stats = compute_series_stats(reports);
  EXPECT_EQ(stats.sent, 4);
  EXPECT_EQ(stats.answered, 3);
  EXPECT_EQ(stats.failed, 1);
  EXPECT_DOUBLE_EQ(stats.loss_percent, 25.0);
  ASSERT_TRUE(stats.rta);
  EXPECT_DOUBLE_EQ(*stats.rta, 0.020);
  EXPECT_DOUBLE_EQ(*stats.rtmin, 0.010);
  EXPECT_DOUBLE_EQ(*stats.rtmax, 0.030);
  EXPECT_DOUBLE_EQ(*stats.jitter, 0.010);
  EXPECT_DOUBLE_EQ(stats.phase_averages.at(Phase::banner), 0.006);
}

TEST(SeriesStats, NothingAnsweredHasNoTimes) {
  const SeriesStats stats = compute_series_stats({refused(), refused()});
  EXPECT_EQ(stats.answered, 0);
  EXPECT_DOUBLE_EQ(stats.loss_percent, 100.0);
  EXPECT_FALSE(stats.rta);
  EXPECT_TRUE(stats.phase_averages.empty());
}

TEST(SeriesStats, ARefusedGreetingIsALossAnotherRefusalIsAnAnswer) {
  Report greeting = answered(1, 1);
  greeting.failure = Failure{Phase::banner, FailureKind::reply, "greeting refused", Reply{554, {"no"}}, "", "2xx"};
  EXPECT_TRUE(is_loss(greeting));
  EXPECT_FALSE(is_loss(rejected_rcpt()));
  EXPECT_TRUE(is_loss(refused()));
}

TEST(JudgeSeries, LossThresholdsAndTheirWords) {
  const std::vector<Report> reports{answered(10, 4), refused(), answered(30, 8), refused()};
  EvaluationPolicy policy;
  policy.loss_warning = 20;
  policy.loss_critical = 60;
  const Verdict verdict = evaluate_series(reports, compute_series_stats(reports), policy);
  EXPECT_EQ(verdict.state, State::warning);
  EXPECT_EQ(verdict.summary, "127.0.0.1:25: 4 probes, 50% loss, rta 0.020000s, 50% loss >= 20%");
}

TEST(JudgeSeries, LostProbesRaiseNothingOfTheirOwnFailedOnesDo) {
  const std::vector<Report> lost{answered(10, 4), refused()};
  const ResultNode lost_tree = judge_series(lost, compute_series_stats(lost), EvaluationPolicy{});
  EXPECT_EQ(lost_tree.state, State::ok);
  ASSERT_EQ(lost_tree.children.size(), 1u);
  EXPECT_EQ(lost_tree.children[0].name, "probe 2");
  EXPECT_EQ(lost_tree.children[0].state, State::ok);
  EXPECT_EQ(lost_tree.children[0].children[0].state, State::critical) << "the probe itself stays judged";

  const std::vector<Report> failed{answered(10, 4), rejected_rcpt()};
  const ResultNode failed_tree = judge_series(failed, compute_series_stats(failed), EvaluationPolicy{});
  EXPECT_EQ(failed_tree.state, State::critical);
  const Verdict verdict = describe(failed_tree);
  EXPECT_NE(verdict.summary.find("probe 2: 127.0.0.1:25: rcpt failed: RCPT rejected: 550 no (expected 2xx)"),
            std::string::npos)
      << verdict.summary;
}

TEST(JudgeSeries, NothingAnsweredIsCritical) {
  const std::vector<Report> reports{refused(), refused()};
  const Verdict verdict = evaluate_series(reports, compute_series_stats(reports), EvaluationPolicy{});
  EXPECT_EQ(verdict.state, State::critical);
  EXPECT_EQ(verdict.summary, "127.0.0.1:25: 2 probes, 100% loss, no probe answered");
}

TEST(JudgeSeries, NoProbeAtAllIsUnknown) {
  const Verdict verdict = evaluate_series({}, SeriesStats{}, EvaluationPolicy{});
  EXPECT_EQ(verdict.state, State::unknown);
  EXPECT_EQ(verdict.summary, "no probe ran");
}

// The series once said ">" for every range; it now words them as a single check does.
TEST(JudgeSeries, ThresholdWordsAreRightForUpperLowerAndInsideRanges) {
  const std::vector<Report> reports{answered(10, 4), answered(30, 8)};
  const SeriesStats stats = compute_series_stats(reports);
  EvaluationPolicy upper;
  upper.thresholds.total.warning = range("0.015");
  EXPECT_NE(evaluate_series(reports, stats, upper).summary.find("rta 0.020s > 0.015"), std::string::npos);
  EvaluationPolicy lower;
  lower.thresholds.total.critical = range("0.5:");
  const Verdict below = evaluate_series(reports, stats, lower);
  EXPECT_EQ(below.state, State::critical);
  EXPECT_NE(below.summary.find("rta 0.020s < 0.5"), std::string::npos) << below.summary;
  EvaluationPolicy inside;
  inside.thresholds.phases[Phase::banner].warning = range("@0:0.01");
  const Verdict in = evaluate_series(reports, stats, inside);
  EXPECT_EQ(in.state, State::warning);
  EXPECT_NE(in.summary.find("banner avg 0.006s in @0:0.01"), std::string::npos) << in.summary;
}

TEST(JudgeSeries, PerfdataKeepsItsLabelsAndTheTreeCarriesTheStats) {
  const std::vector<Report> reports{answered(10, 4), refused()};
  const ResultNode tree = judge_series(reports, compute_series_stats(reports), EvaluationPolicy{});
  std::vector<std::string> labels;
  for (const auto& datum : tree.perfdata) labels.push_back(datum.label);
  EXPECT_EQ(labels, (std::vector<std::string>{"rta", "rtmin", "rtmax", "jitter", "pl", "connect", "banner", "quit"}));
  const auto* facts = fact_of<SeriesFacts>(tree);
  ASSERT_NE(facts, nullptr);
  EXPECT_EQ(facts->stats.sent, 2);
}

}  // namespace
}  // namespace smtp_ping
