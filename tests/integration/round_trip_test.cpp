// --mailbox (issue 15): the probe sent to the scripted SMTP server is delivered
// into the scripted mailbox server, found, fetched, checked and removed.
#include <nlohmann/json.hpp>

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
  EXPECT_TRUE(contains(run.first_line(), "delivered to junk (folder Junk)")) << run.describe();
  EXPECT_TRUE(mailbox.mailbox().messages("Junk").empty());
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
