// --mailbox (issue 15): the probe sent to the scripted SMTP server is delivered
// into the scripted mailbox server, found, fetched, checked and removed.
#include <nlohmann/json.hpp>

#include <ctime>
#include <regex>

#include "integration_support.hpp"
#include "mailbox_server.hpp"

namespace smtp_ping::test {
namespace {

const EnvOverrides kSecret{{"SMTP_PING_MAILBOX_PASSWORD", std::string("mailbox-secret")}};

// An SMTP server whose accepted messages reach `mailbox`'s folder after `delay`, changed by `alter`.
ServerScript delivering_into(MailboxServer& mailbox, const std::string& folder, Millis delay,
                             std::function<std::string(std::string)> alter = {}) {
  ServerScript script;
  script.on_message = [&mailbox, folder, delay, alter](const std::string& message) {
    mailbox.mailbox().deliver_after(folder, {alter ? alter(message) : message, {}, {}}, delay);
  };
  return script;
}

CheckRun round_trip(const ScriptedSmtpServer& smtp, const MailboxServer& mailbox,
                    std::initializer_list<std::string> extra = {}, const std::string& scheme = "imap") {
  std::string url = mailbox.url(scheme, "INBOX");
  url.insert(url.find("://") + 3, "probe%40smtp-ping.test@");
  return run_check(target_of(smtp) + std::initializer_list<std::string>{"-F", "me", "-t", "5", "-f", "probe@smtp-ping.test",
                                                                        "--rcpt", "probe@smtp-ping.test", "--mailbox", url,
                                                                        "--mailbox-allow-plaintext"} +
                       extra,
                   Millis(15'000), kSecret);
}

TEST(RoundTrip, DeliveredIntactIsOkWithDeliveryAndFetchAndTheMailboxAsItWas) {
  MailboxServer mailbox;
  ScriptedSmtpServer smtp(delivering_into(mailbox, "INBOX", Millis(200)));
  const auto run = round_trip(smtp, mailbox);

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  for (const char* label : {"data", "delivery", "fetch"})
    EXPECT_TRUE(has_seconds_perfdata(perfdata_of(run), label)) << label << "\n" << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "queue id 5M7P1NG")) << run.describe();
  EXPECT_TRUE(mailbox.mailbox().messages("INBOX").empty()) << "the probe was left behind";
  EXPECT_FALSE(contains(run.output(), "mailbox-secret")) << run.describe();
}

TEST(RoundTrip, DeliveryTimeIsTheServersDelayWithinTheResolution) {
  MailboxServer mailbox;
  ScriptedSmtpServer smtp(delivering_into(mailbox, "INBOX", Millis(1500)));
  const auto run = round_trip(smtp, mailbox, {"--output", "json"});

  ASSERT_EQ(run.exit_code, exit_ok) << run.describe();
  const auto json = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_TRUE(json.is_object()) << run.describe();
  const double delivery = json["timings"]["delivery"].get<double>();
  const double resolution = json["round_trip"]["resolution"].get<double>();
  EXPECT_GE(delivery, 1.5) << run.out;
  EXPECT_LE(delivery, 1.5 + resolution + 0.3) << run.out;
  EXPECT_LE(resolution, 1.0) << run.out;
}

TEST(RoundTrip, AlteredBodyIsCriticalNamingTheFirstDifferingLine) {
  MailboxServer mailbox;
  ScriptedSmtpServer smtp(delivering_into(mailbox, "INBOX", Millis(100), [](std::string message) {
    const auto at = message.find("\r\n\r\n");
    message.insert(at + 4, "ALTERED\r\n");
    return message;
  }));
  const auto run = round_trip(smtp, mailbox);

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "altered in transit: body line 1 differs")) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "received 'ALTERED'")) << run.describe();
  EXPECT_TRUE(mailbox.mailbox().messages("INBOX").empty());
}

TEST(RoundTrip, NeverDeliveredIsCriticalWithTheQueueId) {
  MailboxServer mailbox;
  ScriptedSmtpServer smtp;  // accepts, delivers nowhere
  const auto run = round_trip(smtp, mailbox, {"-t", "2"});

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(std::regex_search(run.first_line(), std::regex(R"(delivery failed: not delivered within [12]\.\ds \(queue id 5M7P1NG\))")))
      << run.describe();
}

TEST(RoundTrip, JunkFolderIsAWarning) {
  MailboxServer mailbox;
  ScriptedSmtpServer smtp(delivering_into(mailbox, "Junk", Millis(100)));
  const auto run = round_trip(smtp, mailbox, {"--junk-folder", "Junk"});

  EXPECT_EQ(run.exit_code, exit_warning) << run.describe();
  EXPECT_TRUE(std::regex_search(run.first_line(), std::regex(R"(: delivered to junk folder Junk after \d+\.\ds)")))
      << run.describe();
  EXPECT_FALSE(contains(run.first_line(), "failed")) << run.describe();
  EXPECT_TRUE(mailbox.mailbox().messages("Junk").empty());
}

// A message of the form compose_probe_message writes, sent as `from` at `sent` (the marks that
// make it ours: From, Message-ID, X-Smtp-Ping-Token, X-Smtp-Ping-Sent).
std::string earlier_probe(const std::string& token, const std::string& from, SystemClock::time_point sent) {
  const std::time_t seconds = SystemClock::to_time_t(sent);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S.000Z", &utc);
  return "From: " + from + "\r\nTo: probe@smtp-ping.test\r\nSubject: smtp-ping probe\r\nMessage-ID: <smtp-ping." + token +
         "@smtp-ping.test>\r\nX-Smtp-Ping-Token: " + token + "\r\nX-Smtp-Ping-Sent: " + stamp + "\r\n\r\nbody\r\n";
}

// --stale-after (default 1 h): an earlier run's probe that arrived 400 s after it was sent, 3 h
// ago, is removed and reported; a look-alike from another sender stays, and so does our own
// probe of 10 minutes ago (a concurrent run may still wait for it).
TEST(RoundTrip, StaleProbeIsRemovedAndReportedOthersStay) {
  MailboxServer mailbox;
  const auto now = SystemClock::now();
  const auto arrived = now - std::chrono::hours(3);
  mailbox.mailbox().add("INBOX", {earlier_probe("5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "probe@smtp-ping.test",
                                                arrived - std::chrono::seconds(400)), {}, arrived});
  const auto foreign = mailbox.mailbox().add(
      "INBOX", {earlier_probe("6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b", "someone@smtp-ping.test", arrived), {}, arrived});
  const auto recent = mailbox.mailbox().add(
      "INBOX", {earlier_probe("7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c", "probe@smtp-ping.test", now - std::chrono::minutes(10)),
                {}, now - std::chrono::minutes(10)});
  ScriptedSmtpServer smtp(delivering_into(mailbox, "INBOX", Millis(100)));
  const auto run = round_trip(smtp, mailbox, {"--output", "json"});

  ASSERT_EQ(run.exit_code, exit_ok) << run.describe();
  const auto json = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_TRUE(json.is_object()) << run.describe();
  const auto& stale = json["round_trip"]["stale_probes"];
  ASSERT_EQ(stale.size(), 1u) << run.out;
  EXPECT_EQ(stale[0]["after_seconds"], 400) << run.out;
  EXPECT_TRUE(stale[0]["removed"].get<bool>()) << run.out;
  EXPECT_TRUE(contains(run.out, "arrived after 400s (second precision) in INBOX, removed")) << run.out;
  EXPECT_EQ(mailbox.mailbox().uids("INBOX"), (std::vector<std::uint32_t>{foreign, recent}));

  const auto text = round_trip(smtp, mailbox, {"--stale-after", "5m"});  // now the 10-minute-old one is stale
  EXPECT_EQ(text.exit_code, exit_ok) << text.describe();
  EXPECT_TRUE(std::regex_search(text.output(), std::regex(R"(probe of \S+Z arrived after \d+s \(second precision\) in INBOX, removed)")))
      << text.describe();
  EXPECT_EQ(mailbox.mailbox().uids("INBOX"), (std::vector<std::uint32_t>{foreign}));
}

// Authentication-Results the receiving side added (here the scripted server, as a milter would).
std::function<std::string(std::string)> with_auth_results(const std::string& results) {
  return [results](std::string message) {
    return "Authentication-Results: mx.smtp-ping.test; " + results +
           "\r\nReceived: from client by mx.smtp-ping.test with ESMTP id 5M7P1NG; " + "Tue, 1 Dec 2026 15:43:46 +0000\r\n" +
           message;
  };
}

TEST(RoundTrip, RequiredAuthenticationResultsThatDoNotPassAreCritical) {
  MailboxServer mailbox;
  ScriptedSmtpServer smtp(delivering_into(
      mailbox, "INBOX", Millis(50),
      with_auth_results("spf=pass smtp.mailfrom=probe@smtp-ping.test; dkim=fail header.d=smtp-ping.test; dmarc=none")));
  const auto run = round_trip(smtp, mailbox, {"--require-auth-results", "spf,dkim,dmarc"});

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "Authentication-Results dkim=fail, required pass")) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "Authentication-Results dmarc=none, required pass")) << run.describe();
  EXPECT_FALSE(contains(run.first_line(), "spf=")) << run.describe();
  EXPECT_TRUE(mailbox.mailbox().messages("INBOX").empty());
}

TEST(RoundTrip, AuthenticationResultsAndHopsAreReported) {
  MailboxServer mailbox;
  ScriptedSmtpServer smtp(delivering_into(
      mailbox, "INBOX", Millis(50), with_auth_results("spf=pass smtp.mailfrom=probe@smtp-ping.test; dkim=none; dmarc=fail")));
  const auto run = round_trip(smtp, mailbox, {"--require-auth-results", "SPF", "-vv"});

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(contains(run.out, "Authentication-Results (mx.smtp-ping.test): spf=pass dkim=none dmarc=fail")) << run.out;
  EXPECT_TRUE(contains(run.out, "hop 1 by mx.smtp-ping.test with ESMTP id 5M7P1NG: ")) << run.out;
  EXPECT_TRUE(contains(run.out, "second precision")) << run.out;
  EXPECT_TRUE(contains(run.out, "added in transit: Authentication-Results, Received")) << run.out;

  const auto json_run = round_trip(smtp, mailbox, {"--output", "json"});
  const auto json = nlohmann::json::parse(json_run.out, nullptr, false);
  ASSERT_TRUE(json.is_object()) << json_run.describe();
  EXPECT_EQ(json["round_trip"]["authentication"]["spf"], "pass") << json_run.out;
  EXPECT_EQ(json["round_trip"]["authentication"]["dmarc"], "fail") << json_run.out;
  EXPECT_EQ(json["round_trip"]["received"]["hops"][0]["id"], "5M7P1NG") << json_run.out;
  EXPECT_EQ(json["round_trip"]["received"]["precision"], 1) << json_run.out;
}

TEST(RoundTrip, KeepLeavesTheProbe) {
  MailboxServer mailbox;
  ScriptedSmtpServer smtp(delivering_into(mailbox, "INBOX", Millis(0)));
  const auto run = round_trip(smtp, mailbox, {"--keep"});

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_EQ(mailbox.mailbox().messages("INBOX").size(), 1u);
}

TEST(RoundTrip, Pop3WorksToo) {
  MailboxServer mailbox;
  ScriptedSmtpServer smtp(delivering_into(mailbox, "INBOX", Millis(300)));
  const auto run = round_trip(smtp, mailbox, {}, "pop3");

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(has_seconds_perfdata(perfdata_of(run), "delivery")) << run.describe();
  EXPECT_TRUE(mailbox.mailbox().messages("INBOX").empty());
}

TEST(RoundTrip, WrongPasswordIsCriticalAndNeverShown) {
  MailboxScript script;
  script.password = "another-secret";
  MailboxServer mailbox(script);
  ScriptedSmtpServer smtp(delivering_into(mailbox, "INBOX", Millis(0)));
  const auto run = round_trip(smtp, mailbox);

  EXPECT_EQ(run.exit_code, exit_critical) << run.describe();
  EXPECT_TRUE(contains(run.first_line(), "delivery failed: mailbox")) << run.describe();
  EXPECT_FALSE(contains(run.output(), "mailbox-secret")) << run.describe();
}

TEST(RoundTrip, NeedsASecretBeforeConnecting) {
  ScriptedSmtpServer smtp;
  const auto run = run_check(target_of(smtp) + std::initializer_list<std::string>{"-f", "a@example.org", "--rcpt", "a@example.org",
                                                                                "--mailbox", "imap://u@127.0.0.1/INBOX"},
                             Millis(10'000), {{"SMTP_PING_MAILBOX_PASSWORD", std::nullopt}});
  EXPECT_EQ(run.exit_code, exit_unknown) << run.describe();
  EXPECT_TRUE(contains(run.output(), "--mailbox needs a secret")) << run.describe();
  EXPECT_EQ(smtp.accepted(), 0);
}

TEST(RoundTrip, BadStaleAfterAndAuthResultsAreUnknownBeforeConnecting) {
  ScriptedSmtpServer smtp;
  const std::initializer_list<std::string> base{"-f", "a@example.org", "--rcpt", "a@example.org", "--mailbox",
                                                "imap://u@127.0.0.1/INBOX"};
  const auto short_limit = run_check(target_of(smtp) + base + std::initializer_list<std::string>{"--stale-after", "30s"},
                                     Millis(10'000), kSecret);
  EXPECT_EQ(short_limit.exit_code, exit_unknown) << short_limit.describe();
  EXPECT_TRUE(contains(short_limit.output(), "--stale-after: expected a duration of at least 1m")) << short_limit.describe();
  const auto bad_method = run_check(target_of(smtp) + base + std::initializer_list<std::string>{"--require-auth-results", "spf,,dkim"},
                                    Millis(10'000), kSecret);
  EXPECT_EQ(bad_method.exit_code, exit_unknown) << bad_method.describe();
  const auto no_mailbox = run_check(target_of(smtp) + std::initializer_list<std::string>{"--require-auth-results", "spf"},
                                    Millis(10'000), kSecret);
  EXPECT_EQ(no_mailbox.exit_code, exit_unknown) << no_mailbox.describe();
  EXPECT_TRUE(contains(no_mailbox.output(), "--require-auth-results needs --mailbox")) << no_mailbox.describe();
  EXPECT_EQ(smtp.accepted(), 0);
}

// Acceptance 4: a plain check maps no libcurl; a round trip loads the module, and libcurl, once.
TEST(RoundTrip, LoadsLibcurlOnlyForARoundTrip) {
  MailboxServer mailbox;
  ScriptedSmtpServer smtp(delivering_into(mailbox, "INBOX", Millis(0)));
  const auto plain = run_program(check_binary_path(), target_of(smtp) + std::initializer_list<std::string>{"-F", "me"},
                                 Millis(10'000), {{"LD_DEBUG", "files"}});
  EXPECT_EQ(plain.exit_code, exit_ok) << plain.describe();
  EXPECT_FALSE(contains(plain.err, "libcurl")) << plain.err;
  EXPECT_FALSE(contains(plain.err, "smtp-ping-curl")) << plain.err;

  std::string url = mailbox.url("imap", "INBOX");
  url.insert(url.find("://") + 3, "probe%40smtp-ping.test@");
  const auto run = run_program(check_binary_path(),
                               target_of(smtp) + std::initializer_list<std::string>{"-F", "me", "-t", "5", "-f", "probe@smtp-ping.test",
                                                                                  "--rcpt", "probe@smtp-ping.test", "--mailbox", url,
                                                                                  "--mailbox-allow-plaintext"},
                               Millis(15'000), {{"LD_DEBUG", "files"}, {"SMTP_PING_MAILBOX_PASSWORD", std::string("mailbox-secret")}});
  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  std::size_t loads = 0;
  const std::string mapped = "file=libcurl.so.4 [0];  generating link map";
  for (auto at = run.err.find(mapped); at != std::string::npos; at = run.err.find(mapped, at + 1))
    ++loads;
  EXPECT_EQ(loads, 1u) << run.err;
  EXPECT_TRUE(contains(run.err, "smtp-ping-curl.so")) << run.err;
}

}  // namespace
}  // namespace smtp_ping::test
