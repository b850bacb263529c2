// SIGTERM and SIGINT during a check (issue 13): one line naming the phase,
// UNKNOWN, and still a QUIT when the connection can take one.
#include <signal.h>

#include "hostile_support.hpp"

namespace smtp_ping::test::hostile {
namespace {

constexpr Millis kSignalAfter{400};
constexpr Millis kOverAfterSignal{1'000};  // the signal, a short QUIT, the line

CheckRun interrupted_check(const ScriptedSmtpServer& server, int signal, std::initializer_list<std::string> extra = {}) {
  std::vector<std::string> args{"-H", "127.0.0.1", "-p", std::to_string(server.port()), "-F", "me", "-t", "10"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_program(check_binary_path(), args, kHardLimit, {}, SignalAfter{signal, kSignalAfter});
}

void expect_interrupted(const CheckRun& run, const std::string& signal_name, const std::string& phase) {
  EXPECT_EQ(run.exit_code, exit_unknown) << run.describe();
  EXPECT_EQ(run.signal, 0) << run.describe();
  EXPECT_EQ(run.out, "SMTP UNKNOWN - interrupted by " + signal_name + " during " + phase + "\n") << run.describe();
  EXPECT_TRUE(run.err.empty()) << run.describe();
  EXPECT_LE(run.wall, kSignalAfter + kOverAfterSignal) << run.describe();
}

TEST(HostileSignals, SigtermWhileWaitingForTheGreeting) {
  ServerScript script;
  script.greet(fault(Fault::stall()));
  ScriptedSmtpServer server(script);
  const auto run = interrupted_check(server, SIGTERM);
  expect_interrupted(run, "SIGTERM", "banner");
  const auto records = server.connections();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_FALSE(records.front().received("QUIT")) << "no QUIT before the greeting";
}

TEST(HostileSignals, SigintWhileWaitingForTheEhloReplyStillSaysQuit) {
  ServerScript script;
  script.on("EHLO", default_reply_after(Millis(1'500)));
  ScriptedSmtpServer server(script);
  const auto run = interrupted_check(server, SIGINT);
  expect_interrupted(run, "SIGINT", "ehlo");
  EXPECT_TRUE(server.first_connection(Millis(5'000)).received("QUIT")) << "QUIT was sent after the signal";
}

TEST(HostileSignals, SigtermDuringTheTlsHandshake) {
  TlsServerFiles files;
  ServerScript script;
  script.tls = files.settings(true, TlsFault::silence);
  ScriptedSmtpServer server(script);
  const auto run = interrupted_check(server, SIGTERM, {"-s", "--no-verify"});
  expect_interrupted(run, "SIGTERM", "tls");
}

TEST(HostileSignals, SigtermWhileWaitingForTheQuitReply) {
  ServerScript script;
  script.on("QUIT", fault(Fault::stall()));
  ScriptedSmtpServer server(script);
  const auto run = interrupted_check(server, SIGTERM);
  expect_interrupted(run, "SIGTERM", "quit");
}

TEST(HostileSignals, JsonOutputSaysInterruptedToo) {
  ServerScript script;
  script.greet(fault(Fault::stall()));
  ScriptedSmtpServer server(script);
  const auto run = interrupted_check(server, SIGTERM, {"--output", "json"});
  EXPECT_EQ(run.exit_code, exit_unknown) << run.describe();
  const auto document = expect_safe_json_output(run);
  EXPECT_EQ(document["state"], "UNKNOWN") << run.describe();
  EXPECT_EQ(document["summary"], "interrupted by SIGTERM during banner") << run.describe();
  EXPECT_EQ(document["error"]["kind"], "interrupted") << run.describe();
}

TEST(HostileSignals, SigtermBetweenProbesOfASeries) {
  ScriptedSmtpServer server;
  const auto run = interrupted_check(server, SIGTERM, {"-n", "5", "-i", "2"});
  EXPECT_EQ(run.exit_code, exit_unknown) << run.describe();
  EXPECT_EQ(run.first_line(), "SMTP UNKNOWN - interrupted by SIGTERM between probes") << run.describe();
  EXPECT_LE(run.wall, kSignalAfter + kOverAfterSignal) << run.describe();
}

}  // namespace
}  // namespace smtp_ping::test::hostile
