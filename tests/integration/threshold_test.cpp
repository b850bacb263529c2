// -w/-c thresholds, total and per phase.
#include "integration_support.hpp"

namespace smtp_ping::test {
namespace {

ServerScript banner_after_50ms() {
  ServerScript script;
  script.greet(default_reply_after(Millis(50)));
  return script;
}

TEST(Thresholds, SlowBannerPhaseIsWarning) {
  ScriptedSmtpServer server(banner_after_50ms());
  const auto run = check(server, {"-w", "banner=0.01"});

  EXPECT_EQ(run.exit_code, exit_warning) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "banner")) << run.describe();
}

TEST(Thresholds, SlowTotalIsCritical) {
  ScriptedSmtpServer server(banner_after_50ms());
  const auto run = check(server, {"-c", "0.001"});

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
}

TEST(Thresholds, GenerousThresholdsAreOk) {
  ScriptedSmtpServer server(banner_after_50ms());
  const auto run = check(server, {"-w", "5", "-c", "10"});

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(contains(perfdata_of(run), "'total'=")) << run.describe();
}

}  // namespace
}  // namespace smtp_ping::test
