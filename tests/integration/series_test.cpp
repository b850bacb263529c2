// Series mode (-n/-i): loss, rta and phase averages against the scripted server.
#include <nlohmann/json.hpp>

#include "integration_support.hpp"

namespace smtp_ping::test {
namespace {

nlohmann::json series_json(const CheckRun& run) { return nlohmann::json::parse(run.out).at("series"); }

TEST(Series, AllAnsweredGivesZeroLossAndPingFigures) {
  ScriptedSmtpServer server;
  const auto run = check(server, {"-n", "3", "-i", "0.05"});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  const std::string perfdata = perfdata_of(run);
  for (const char* label : {"rta", "rtmin", "rtmax", "jitter", "banner", "ehlo", "quit"})
    EXPECT_TRUE(has_seconds_perfdata(perfdata, label)) << label << "\n" << run.describe();
  EXPECT_TRUE(contains(perfdata, "'pl'=0%;;;0;100")) << run.describe();
  EXPECT_EQ(server.accepted(), 3);
}

TEST(Series, TwoRefusedOfFiveIsFortyPercentLossAndWarning) {
  ServerScript script;
  script.connection(2, ConnectionFault::close).connection(4, ConnectionFault::reset);
  ScriptedSmtpServer server(script);
  const auto run = check(server, {"-n", "5", "-i", "0.02", "--loss-warning", "20", "--loss-critical", "50"});

  EXPECT_EQ(run.exit_code, exit_warning) << run.describe();
  EXPECT_TRUE(contains(perfdata_of(run), "'pl'=40%;20;50;0;100")) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "40% loss")) << run.describe();
  EXPECT_TRUE(contains(run.out, "probe 2 lost")) << run.describe();
  EXPECT_TRUE(contains(run.out, "probe 4 lost")) << run.describe();

  const auto critical = check(server, {"-n", "5", "-i", "0.02", "--loss-warning", "10", "--loss-critical", "40"});
  EXPECT_EQ(critical.exit_code, exit_ok) << "connections 2 and 4 are only refused once";
}

TEST(Series, LossAtTheCriticalThresholdIsCritical) {
  ServerScript script;
  script.connection(1, ConnectionFault::close).connection(3, ConnectionFault::close);
  ScriptedSmtpServer server(script);
  const auto run = check(server, {"-n", "4", "-i", "0", "--loss-critical", "50"});
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
}

TEST(Series, EveryProbeLostIsCritical) {
  const auto run = run_check({"-H", "127.0.0.1", "-p", std::to_string(unused_port()), "-n", "3", "-i", "0"});
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "100% loss")) << run.describe();
}

TEST(Series, AnAnsweredFailureIsJudgedAsSuchNotAsLoss) {
  ServerScript script;
  script.on("RCPT", reply("550 5.1.1 <nobody@example.org>: Recipient address rejected"));
  ScriptedSmtpServer server(script);
  const auto run = check(server, {"-n", "2", "-i", "0", "-f", "a@example.org", "--rcpt", "nobody@example.org"});
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(perfdata_of(run), "'pl'=0%")) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "550 5.1.1")) << run.describe();
}

// Known server delays must show in the averages, and the averages must be the
// mean of what each probe measured (read back from -vv and JSON).
TEST(Series, PhaseAveragesReflectKnownDelays) {
  ServerScript script;
  script.greet(default_reply_after(Millis(50)));
  script.on("EHLO", default_reply_after(Millis(20)));
  script.on("RCPT", default_reply_after(Millis(30)));
  ScriptedSmtpServer server(script);
  const auto run = check(server, {"-n", "4", "-i", "0", "-f", "a@b.example", "--rcpt", "c@d.example", "--output",
                                  "json"});
  ASSERT_EQ(run.exit_code, exit_ok) << run.describe();
  const auto series = series_json(run);
  const auto& averages = series.at("phase_averages");
  EXPECT_GE(averages.at("banner").get<double>(), 0.050);
  EXPECT_GE(averages.at("ehlo").get<double>(), 0.020);
  EXPECT_GE(averages.at("rcpt").get<double>(), 0.030);
  // rta is the mean of the probes' totals.
  double sum = 0;
  for (const auto& probe : series.at("probes")) sum += probe.at("total").get<double>();
  EXPECT_NEAR(series.at("rta").get<double>(), sum / 4, 1e-9);
  EXPECT_EQ(series.at("loss_percent").get<double>(), 0.0);
}

TEST(Series, VeryVerboseShowsOneLinePerProbe) {
  ScriptedSmtpServer server;
  const auto run = check(server, {"-n", "3", "-i", "0", "-vv"});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  for (const char* seq : {"seq=1 ", "seq=2 ", "seq=3 "}) EXPECT_TRUE(contains(run.out, seq)) << run.describe();
  EXPECT_EQ(count_of(run.out, '|'), 1u) << run.describe();
}

TEST(Series, RangeThresholdsJudgeTheAverages) {
  ServerScript script;
  script.greet(default_reply_after(Millis(30)));
  ScriptedSmtpServer server(script);
  const auto run = check(server, {"-n", "2", "-i", "0", "-w", "banner=0.01", "-c", "5"});
  EXPECT_EQ(run.exit_code, exit_warning) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "banner avg")) << run.describe();
}

}  // namespace
}  // namespace smtp_ping::test
