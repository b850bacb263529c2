// run_check: picks the mode, runs, judges and returns the tree; renders nothing.
#include "check/check_run.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace smtp_ping {
namespace {

// A unix socket path nothing listens on: the probe fails at connect, locally, at once.
CheckConfig unreachable() {
  CheckConfig config;
  config.probe.host = "/nonexistent/smtp-ping-run-check-test.sock";
  config.probe.timeout = std::chrono::milliseconds(2000);
  return config;
}

TEST(RunCheck, ASingleProbeIsACheckNodeOverAProbeNode) {
  const CheckResult result = run_check(unreachable());
  ASSERT_EQ(result.reports.size(), 1u);
  EXPECT_FALSE(result.series);
  EXPECT_EQ(result.tree.name, "check");
  EXPECT_EQ(result.tree.state, State::critical);
  ASSERT_EQ(result.tree.children.size(), 1u);
  const ResultNode& probe = result.tree.children.front();
  EXPECT_EQ(probe.name, "probe");
  ASSERT_NE(fact_of<ProbeFacts>(probe), nullptr);
  EXPECT_TRUE(fact_of<ProbeFacts>(probe)->target.unix_socket);
  bool failed_at_connect = false;
  for (const auto& phase : probe.children)
    for (const auto& finding : phase.findings)
      if (const auto* step = std::get_if<FailedStep>(&finding.detail))
        failed_at_connect = step->failure.phase == Phase::connect;
  for (const auto& finding : probe.findings)
    if (const auto* step = std::get_if<FailedStep>(&finding.detail))
      failed_at_connect = step->failure.phase == Phase::connect;
  EXPECT_TRUE(failed_at_connect);
}

TEST(RunCheck, ASeriesIsACheckNodeOverASeriesNodeOfItsFailedProbes) {
  CheckConfig config = unreachable();
  config.series.count = 3;
  config.series.interval = std::chrono::milliseconds(0);
  const CheckResult result = run_check(config);
  ASSERT_EQ(result.reports.size(), 3u);
  ASSERT_TRUE(result.series);
  EXPECT_EQ(result.series->answered, 0);
  ASSERT_EQ(result.tree.children.size(), 1u);
  const ResultNode& series = result.tree.children.front();
  EXPECT_EQ(series.name, "series");
  EXPECT_EQ(series.children.size(), 3u);
  EXPECT_EQ(result.tree.state, State::critical) << "no probe answered";
}

TEST(RunCheck, MeasureCheckJudgesNothing) {
  const CheckResult result = measure_check(unreachable());
  EXPECT_EQ(result.reports.size(), 1u);
  EXPECT_TRUE(result.tree.children.empty());
  EXPECT_TRUE(result.tree.findings.empty());
}

}  // namespace
}  // namespace smtp_ping
