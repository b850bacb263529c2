// Load mode (--load) against the scripted server: pacing, error classes, the
// onset of push-back, and the JSON distribution.
#include <nlohmann/json.hpp>

#include "integration_support.hpp"

namespace smtp_ping::test {
namespace {

nlohmann::json load_of(const CheckRun& run) {
  return nlohmann::json::parse(run.out).at("checks").at(0).at("facts").at("load");
}

TEST(Load, ClosedLoopRunsEverySessionAndTimesEveryPhase) {
  ScriptedSmtpServer server;
  const auto run = check(server, {"--load", "--concurrency", "8", "--sessions", "120", "-f", "probe@example.org",
                                  "--rcpt", "user@example.org"});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), ": 120 sessions in ")) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "at concurrency 8")) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "0 errors (0.0%)")) << run.describe();
  const std::string perfdata = perfdata_of(run);
  EXPECT_TRUE(contains(perfdata, "'sessions'=120;;;0")) << perfdata;
  EXPECT_TRUE(contains(perfdata, "'errors'=0%;1;5;0;100")) << perfdata;
  for (const char* label : {"total_p50", "total_p95", "total_p99", "total_max", "banner_p95", "ehlo_p95", "mail_p95",
                            "rcpt_p95", "quit_p95"})
    EXPECT_TRUE(has_seconds_perfdata(perfdata, label)) << label << "\n" << perfdata;
  EXPECT_EQ(server.accepted(), 120);
}

TEST(Load, OpenLoopStartsSessionsAtTheRateForTheDuration) {
  ScriptedSmtpServer server;
  const auto run = check(server, {"--load", "--rate", "40", "--duration", "0.5", "--output", "json"});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  const auto load = load_of(run);
  EXPECT_EQ(load.at("pacing"), "rate");
  EXPECT_EQ(load.at("sessions"), 20) << "due at 0, 25, ... 475 ms: the 21st would be due at the end";
  EXPECT_EQ(server.accepted(), 20);
  EXPECT_FALSE(load.at("start_lateness").is_null());
}

TEST(Load, ThrottlingIsCountedAndItsOnsetNamed) {
  ServerScript script;
  script.throttle_after = 30;
  ScriptedSmtpServer server(script);
  const auto run = check(server, {"--load", "--concurrency", "1", "--sessions", "40", "--errors-critical", "50"});
  EXPECT_EQ(run.exit_code, exit_warning) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "10 errors (25.0%)")) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "pushed back from session 31")) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "421 4.7.0 demo.smtp-ping.test Error: too many connections")) << run.describe();
  EXPECT_TRUE(contains(run.out, "errors: rate limited 10 (421 4.7.0")) << run.describe();

  const auto json_run = check(ScriptedSmtpServer(script), {"--load", "--concurrency", "1", "--sessions", "40",
                                                           "--output", "json"});
  EXPECT_EQ(json_run.exit_code, exit_critical) << json_run.describe();
  const auto load = load_of(json_run);
  EXPECT_EQ(load.at("errors").at("rate_limited"), 10);
  EXPECT_EQ(load.at("onset").at("session"), 31);
  EXPECT_EQ(load.at("onset").at("class"), "rate_limited");
  EXPECT_EQ(load.at("onset").at("phase"), "banner");
  EXPECT_EQ(load.at("onset").at("reply").at("code"), 421);
}

TEST(Load, RandomTemporaryFailuresAreTheirOwnClass) {
  ServerScript script;
  script.random_451_percent = 20;
  ScriptedSmtpServer server(script);
  const auto run = check(server, {"--load", "--concurrency", "4", "--sessions", "50", "-f", "probe@example.org",
                                  "--rcpt", "user@example.org", "--errors-warning", "99", "--errors-critical", "100",
                                  "--output", "json"});
  const auto load = load_of(run);
  ASSERT_TRUE(load.at("errors").contains("temporary_4xx")) << run.describe();
  const int temporary = load.at("errors").at("temporary_4xx");
  EXPECT_GT(temporary, 0);
  EXPECT_EQ(load.at("failed"), temporary);
  EXPECT_EQ(load.at("first_replies").at("temporary_4xx").at("code"), 451);
  EXPECT_EQ(load.at("onset").at("phase"), "rcpt");
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
}

TEST(Load, AServerThatSlowsWithConcurrencyMovesThePercentiles) {
  ServerScript script;
  script.delay_per_open_connection = Millis(30);
  ScriptedSmtpServer server(script);
  const auto run = check(server, {"--load", "--concurrency", "6", "--sessions", "30", "--output", "json"});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  // Six at once: nearly every greeting waited 30 ms for at least one other open connection.
  EXPECT_GE(load_of(run).at("phases").at("banner").at("p50").get<double>(), 0.030) << run.describe();
}

TEST(Load, TheRampReportsTheLastGoodStepAgainstAServerThatSlowsDown) {
  ServerScript script;
  script.delay_per_open_connection = Millis(40);
  ScriptedSmtpServer server(script);
  // Alone a greeting waits for nobody; with four at once for about three others (120 ms).
  const auto run = check(server, {"--load", "--sessions", "16", "--ramp=16", "-w", "0.06"});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "ramp: last good step concurrency ")) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "total p95 ")) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), " > 0.06")) << run.describe();
  EXPECT_FALSE(contains(run.first_line(), "last good step concurrency 16")) << run.describe();
  EXPECT_TRUE(contains(perfdata_of(run), "'last_good'=")) << run.describe();
}

// Without -v a ramp shows one line per step; with -v each step's phase percentiles follow it,
// and no empty per-session transcript (a load run has no one session to show).
TEST(Load, TheRampShowsEachStepsPhasesAtVerbose) {
  ScriptedSmtpServer server;
  const auto quiet = check(server, {"--load", "--sessions", "4", "--ramp=2"});
  EXPECT_EQ(quiet.exit_code, exit_ok) << quiet.describe();
  EXPECT_TRUE(contains(quiet.out, "\nstep 1: ")) << quiet.describe();
  EXPECT_TRUE(contains(quiet.out, "\nstep 2: ")) << quiet.describe();
  EXPECT_FALSE(contains(quiet.out, "\n  banner p50 ")) << quiet.describe();

  const auto verbose = check(server, {"--load", "--sessions", "4", "--ramp=2", "-v"});
  EXPECT_EQ(verbose.exit_code, exit_ok) << verbose.describe();
  const auto step2 = verbose.out.find("\nstep 2: ");
  ASSERT_NE(step2, std::string::npos) << verbose.describe();
  const auto first_banner = verbose.out.find("\n  banner p50 ");
  EXPECT_LT(first_banner, step2) << "step 1's phases come before step 2:\n" << verbose.describe();
  EXPECT_NE(verbose.out.find("\n  banner p50 ", step2), std::string::npos) << verbose.describe();
  EXPECT_NE(verbose.out.find("\n  total p50 ", step2), std::string::npos) << verbose.describe();
  EXPECT_FALSE(contains(verbose.out, "transcript:")) << verbose.describe();
}

TEST(Load, EachSessionHasItsOwnDeadline) {
  ServerScript script;
  script.greet(fault(Fault::stall()));
  ScriptedSmtpServer server(script);
  const auto run = run_check(target_of(server) + std::initializer_list<std::string>{"-F", "me", "-t", "1", "--load",
                                                                                   "--concurrency", "3", "--sessions", "3"});
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.out, "errors: timeout 3")) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "no session succeeded")) << run.describe();
}

TEST(Load, WithoutAnEndTheModeRefusesNamingTheOptions) {
  ScriptedSmtpServer server;
  const auto run = check(server, {"--load", "--concurrency", "4"});
  EXPECT_EQ(run.exit_code, exit_unknown) << run.describe();
  EXPECT_TRUE(contains(run.out, "--duration")) << run.describe();
  EXPECT_TRUE(contains(run.out, "--sessions")) << run.describe();
  EXPECT_EQ(server.accepted(), 0);
}

}  // namespace
}  // namespace smtp_ping::test
