// Hostile servers around AUTH (issue 13): success before the credentials went
// out is a protocol error, and credentials a server quotes back never reach
// any output, at any verbosity, in plugin text or JSON.
#include "hostile_support.hpp"

namespace smtp_ping::test::hostile {
namespace {

constexpr const char* kUser = "probe@smtp-ping.test";
constexpr const char* kSecret = "s3cret-Pa55word";

std::vector<std::string> auth_arguments(const ScriptedSmtpServer& server, const std::string& mechanism,
                                        std::initializer_list<std::string> extra = {}) {
  std::vector<std::string> args = arguments_for(server, {"-A", mechanism, "-U", kUser, "-P", kSecret,
                                                         "--allow-plaintext-auth"});
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// --- hole 7: 235 before the mechanism's last step ---

ServerScript auth_offered(const std::string& mechanism) {
  ServerScript script;
  script.auth = AuthSettings{kUser, kSecret, {mechanism}};
  // Default answers, so that a "*" step only answers the SASL lines.
  script.on("EHLO", Step{}).on("QUIT", Step{});
  return script;
}

TEST(HostileAuth, LoginAcceptedBeforeAnyCredentialIsCritical) {
  ServerScript script = auth_offered("LOGIN");
  script.on("AUTH", reply("235 2.7.0 Authentication successful"));
  ScriptedSmtpServer server(script);
  const auto run = run_check(auth_arguments(server, "LOGIN"), kHardLimit);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "auth");
  EXPECT_TRUE(contains(run.first_line(), "before")) << run.describe();
  EXPECT_TRUE(server.first_connection().quit) << "still QUIT after the protocol error";
}

TEST(HostileAuth, CramMd5AcceptedBeforeTheDigestIsCritical) {
  ServerScript script = auth_offered("CRAM-MD5");
  script.on("AUTH", reply("235 2.7.0 Authentication successful"));
  ScriptedSmtpServer server(script);
  const auto run = run_check(auth_arguments(server, "CRAM-MD5"), kHardLimit);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "auth");
}

TEST(HostileAuth, LoginAcceptedAfterTheUserNameOnlyIsCritical) {
  ServerScript script = auth_offered("LOGIN");
  script.on("AUTH", reply("334 VXNlcm5hbWU6"));
  script.on("*", reply("235 2.7.0 Authentication successful"));  // the base64 user name is no verb
  ScriptedSmtpServer server(script);
  const auto run = run_check(auth_arguments(server, "LOGIN"), kHardLimit);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "auth");
}

TEST(HostileAuth, LoginAskingForAThirdAnswerIsCriticalAndCancelled) {
  ServerScript script = auth_offered("LOGIN");
  script.on("AUTH", reply("334 VXNlcm5hbWU6"));
  script.on("*", reply("334 UGFzc3dvcmQ6"));  // asks again and again
  ScriptedSmtpServer server(script);
  const auto run = run_check(auth_arguments(server, "LOGIN"), kHardLimit);

  expect_hostile_failure(run, exit_critical, "CRITICAL", "auth");
  const auto record = server.first_connection();
  EXPECT_TRUE(record.received("*")) << "the exchange is cancelled with '*'";
  std::size_t answers = 0;
  for (const auto& line : record.lines) answers += line != "*" && line.rfind("AUTH", 0) != 0 && line.rfind("EHLO", 0) != 0 && line != "QUIT";
  EXPECT_EQ(answers, 2u) << "the user name and the password, nothing more";
}

// --- hole 8: credentials echoed by the server ---

ServerScript echoing_server(const std::string& mechanism) {
  ServerScript script;
  script.auth = AuthSettings{kUser, "not-the-probe-secret", {mechanism}, true};
  return script;
}

// Forms the secret took on the wire, and the secret itself.
std::vector<std::string> leaked_forms(const CheckRun& run) {
  std::vector<std::string> found;
  for (const std::string& form : {std::string(kSecret), std::string("czNjcmV0LVBhNTV3b3Jk"),  // base64(secret)
                                 std::string("AHByb2JlQHNtdHAtcGluZy50ZXN0AHMzY3JldC1QYTU1d29yZA==")})  // PLAIN
    if (contains(run.output(), form)) found.push_back(form);
  return found;
}

void expect_no_secret_in_any_output(const std::string& mechanism) {
  for (const std::vector<std::string>& extra :
       std::vector<std::vector<std::string>>{{}, {"-v"}, {"-vvv"}, {"--output", "json", "-vvv"}}) {
    ScriptedSmtpServer server(echoing_server(mechanism));
    std::vector<std::string> args = auth_arguments(server, mechanism);
    args.insert(args.end(), extra.begin(), extra.end());
    const auto run = run_check(args, kHardLimit);
    SCOPED_TRACE(mechanism + (extra.empty() ? "" : " " + extra.back()));
    EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
    EXPECT_TRUE(contains(run.output(), "Authentication failed for")) << "the server's words are still shown\n"
                                                                     << run.describe();
    EXPECT_EQ(leaked_forms(run), std::vector<std::string>{}) << run.describe();
  }
}

TEST(HostileAuth, PlainCredentialsEchoedByTheServerAreRedacted) { expect_no_secret_in_any_output("PLAIN"); }
TEST(HostileAuth, LoginCredentialsEchoedByTheServerAreRedacted) { expect_no_secret_in_any_output("LOGIN"); }
TEST(HostileAuth, Xoauth2TokenEchoedByTheServerIsRedacted) { expect_no_secret_in_any_output("XOAUTH2"); }
TEST(HostileAuth, OauthBearerTokenEchoedByTheServerIsRedacted) { expect_no_secret_in_any_output("OAUTHBEARER"); }

TEST(HostileAuth, SecretQuotedInsideAnotherBase64BlobIsRedacted) {
  // base64("x" + secret + "y"): the secret sits at another alignment.
  ServerScript script = auth_offered("PLAIN");
  script.on("AUTH", reply("535 5.7.8 saw eHMzY3JldC1QYTU1d29yZHk= from you"));
  ScriptedSmtpServer server(script);
  const auto run = run_check(auth_arguments(server, "PLAIN", {"-v"}), kHardLimit);
  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_FALSE(contains(run.output(), "MzY3JldC1QYTU1d29yZ")) << run.describe();
  EXPECT_TRUE(contains(run.output(), "from you")) << run.describe();
}

}  // namespace
}  // namespace smtp_ping::test::hostile
