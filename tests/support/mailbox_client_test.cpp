// The libcurl mailbox client of the mail-flow check (lib/mailbox, issue 15)
// against the scripted mailbox server: the round trip over IMAP and POP3, and
// every hostile case the server can play.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <thread>

#include "mail/message_integrity.hpp"
#include "mail/probe_message.hpp"
#include "mailbox/mailbox_client.hpp"
#include "mailbox/mailbox_wait.hpp"
#include "mailbox_test_support.hpp"

namespace smtp_ping::test {
namespace {

using mailbox::MailboxErrorKind;
using mailbox::MailboxPhase;

class CurlEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { ASSERT_TRUE(mailbox::start_curl_mailbox_support()); }
  void TearDown() override { mailbox::stop_curl_mailbox_support(); }
};
[[maybe_unused]] const auto* const curl_environment = ::testing::AddGlobalTestEnvironment(new CurlEnvironment);

constexpr char kSender[] = "probe@smtp-ping.test";

ProbeMessage probe(const std::string& token, SystemClock::time_point sent = SystemClock::now()) {
  ProbeMessageSpec spec;
  spec.from = kSender;
  spec.recipients = {"probe@smtp-ping.test"};
  spec.token = token;
  spec.sent = sent;
  return compose_probe_message(spec);
}

mailbox::MailboxAccount account(const MailboxServer& server, const std::string& scheme, const TestTls* tls = nullptr) {
  std::string problem;
  const auto url = mailbox::parse_mailbox_url(server.url(scheme, scheme.rfind("imap", 0) == 0 ? "INBOX" : ""), problem);
  EXPECT_TRUE(url) << problem;
  mailbox::MailboxAccount account;
  account.url = *url;
  account.user = server.script().user;
  account.password = server.script().password;
  if (tls) account.ca_file = tls->files.cert_file;
  else account.allow_plaintext = true;
  account.max_message_size = 1 << 20;
  return account;
}

std::unique_ptr<mailbox::MailboxClient> client_for(const mailbox::MailboxAccount& account) {
  mailbox::MailboxError error;
  auto client = mailbox::make_curl_mailbox_client(account, error);
  EXPECT_TRUE(client) << error.message;
  return client;
}

Deadline seconds(int count) { return Deadline::after(std::chrono::seconds(count)); }

// ---- the round trip ----

TEST(MailboxClient, ImapRoundTripOnOneConnection) {
  MailboxServer server;
  const auto users_own = server.mailbox().add("INBOX", {probe_message("the-users-own"), {"\\Deleted"}, {}});
  auto client = client_for(account(server, "imap"));
  ASSERT_FALSE(client->open(seconds(5)));
  EXPECT_TRUE(client->has_uidplus());

  const ProbeMessage sent = probe("0123456789abcdef0123456789abcdef");
  server.mailbox().deliver_after("INBOX", {sent.text, {}, {}}, Millis(300));
  const auto waited = mailbox::wait_for_probe(*client, sent.token, {"INBOX", "Junk"}, seconds(5));
  ASSERT_TRUE(waited.found) << (waited.error ? waited.error->message : "not found");
  EXPECT_EQ(waited.found->folder, "INBOX");
  EXPECT_EQ(waited.matches, 1u);
  EXPECT_GT(waited.searches, 1);
  EXPECT_LE(waited.resolution, Millis(1500));

  const auto fetched = client->fetch(*waited.found, seconds(5));
  ASSERT_FALSE(fetched.error) << fetched.error->message;
  EXPECT_EQ(fetched.content, server.mailbox().message("INBOX", waited.found->id)->content);
  EXPECT_TRUE(fetched.internal_date);
  const auto report = check_integrity(sent, parse_mail_message(fetched.content));
  EXPECT_TRUE(report.intact());

  const auto removed = client->remove(*waited.found, seconds(5));
  ASSERT_FALSE(removed.error) << removed.error->message;
  EXPECT_TRUE(removed.removed);
  EXPECT_EQ(server.mailbox().uids("INBOX"), std::vector<std::uint32_t>{users_own});  // the user's \Deleted one stays
  client->close();

  ASSERT_TRUE(server.wait_for_finished(1, Millis(3000)));
  EXPECT_EQ(server.accepted(), 1);
  const auto record = server.first_connection();
  EXPECT_TRUE(record.logout);
  // NOOP before each SEARCH of the selected folder (Dovecot shows new mail after EXISTS).
  const auto& commands = record.commands;
  for (std::size_t i = 0; i < commands.size(); ++i)
    if (commands[i] == "UID SEARCH" && i > 0 && record.selected == "INBOX") {
      EXPECT_TRUE(commands[i - 1] == "NOOP" || commands[i - 1] == "SELECT") << i;
    }
  EXPECT_FALSE(record.sent_command("EXPUNGE"));  // only UID EXPUNGE
  EXPECT_TRUE(record.sent_command("UID EXPUNGE"));
}

TEST(MailboxClient, ImapStartTlsRequiredAndImaps) {
  TestTls tls;
  MailboxServer server(tls.script());
  const ProbeMessage sent = probe("11111111111111111111111111111111");
  server.mailbox().add("INBOX", {sent.text, {}, {}});
  for (const char* scheme : {"imap", "imaps"}) {
    auto client = client_for(account(server, scheme, &tls));
    ASSERT_FALSE(client->open(seconds(5))) << scheme;
    const auto found = client->search(sent.token, {"INBOX"}, seconds(5));
    ASSERT_TRUE(found.found) << scheme;
    EXPECT_FALSE(client->fetch(*found.found, seconds(5)).error);
  }
  ASSERT_TRUE(server.wait_for_finished(2, Millis(3000)));
  for (const auto& record : server.connections()) EXPECT_TRUE(record.tls);
}

TEST(MailboxClient, JunkFolder) {
  MailboxServer server;
  const ProbeMessage sent = probe("22222222222222222222222222222222");
  server.mailbox().add("Junk", {sent.text, {}, {}});
  auto client = client_for(account(server, "imap"));
  ASSERT_FALSE(client->open(seconds(5)));
  const auto folders = client->folders(seconds(5));
  ASSERT_FALSE(folders.error) << folders.error->message;
  EXPECT_EQ(folders.junk, std::vector<std::string>{"Junk"});
  const auto found = client->search(sent.token, {"INBOX", "Junk"}, seconds(5));
  ASSERT_TRUE(found.found);
  EXPECT_EQ(found.found->folder, "Junk");
  EXPECT_FALSE(client->fetch(*found.found, seconds(5)).error);
  EXPECT_TRUE(client->remove(*found.found, seconds(5)).removed);
  EXPECT_TRUE(server.mailbox().uids("Junk").empty());
}

TEST(MailboxClient, MissingFolderIsNamed) {
  MailboxServer server;
  auto client = client_for(account(server, "imap"));
  ASSERT_FALSE(client->open(seconds(5)));
  const auto found = client->search("33333333333333333333333333333333", {"NoSuchFolder"}, seconds(5));
  ASSERT_TRUE(found.error);
  EXPECT_EQ(found.error->kind, MailboxErrorKind::no_such_folder) << found.error->message;
  EXPECT_EQ(found.error->phase, MailboxPhase::select);
}

TEST(MailboxClient, Pop3RoundTripLogsInPerPoll) {
  MailboxServer server;
  server.mailbox().add("INBOX", {probe_message("someone-elses"), {}, {}});
  auto client = client_for(account(server, "pop3"));
  ASSERT_FALSE(client->open(seconds(5)));
  const ProbeMessage sent = probe("44444444444444444444444444444444");
  server.mailbox().deliver_after("INBOX", {sent.text, {}, {}}, Millis(300));
  const auto waited = mailbox::wait_for_probe(*client, sent.token, {"INBOX"}, seconds(5));
  ASSERT_TRUE(waited.found) << (waited.error ? waited.error->message : "not found");
  const auto fetched = client->fetch(*waited.found, seconds(5));
  ASSERT_FALSE(fetched.error) << fetched.error->message;
  EXPECT_TRUE(check_integrity(sent, parse_mail_message(fetched.content)).intact());
  const auto removed = client->remove(*waited.found, seconds(5));
  ASSERT_FALSE(removed.error) << removed.error->message;
  EXPECT_TRUE(removed.removed);
  client.reset();
  ASSERT_TRUE(server.wait_for_finished(server.accepted(), Millis(3000)));
  EXPECT_EQ(server.mailbox().uids("INBOX"), std::vector<std::uint32_t>{1});  // only someone else's
  EXPECT_GT(server.accepted(), 1);
  for (const auto& record : server.connections()) EXPECT_TRUE(record.logout);
}

// ---- hostile servers ----

TEST(MailboxClientHostile, LoginRefused) {
  MailboxScript script;
  script.faults.refuse_login = true;
  MailboxServer server(script);
  for (const char* scheme : {"imap", "pop3"}) {
    auto client = client_for(account(server, scheme));
    const auto error = client->open(seconds(5));
    ASSERT_TRUE(error) << scheme;
    EXPECT_EQ(error->kind, MailboxErrorKind::login_denied) << scheme;
    EXPECT_EQ(error->phase, MailboxPhase::login);
    EXPECT_EQ(error->curl_code, 67);
    EXPECT_EQ(error->message.find("mailbox-secret"), std::string::npos);
  }
  auto imap = client_for(account(server, "imap"));
  const auto error = imap->open(seconds(5));
  ASSERT_TRUE(error);
  EXPECT_NE(error->server_text.find("AUTHENTICATIONFAILED"), std::string::npos) << error->server_text;
}

TEST(MailboxClientHostile, NoStartTlsMeansNoCredentials) {
  TestTls tls;
  MailboxScript script = tls.script();
  script.faults.no_starttls = true;
  MailboxServer server(script);
  for (const char* scheme : {"imap", "pop3"}) {
    auto settings = account(server, scheme, &tls);
    auto client = client_for(settings);
    const auto error = client->open(seconds(5));
    ASSERT_TRUE(error) << scheme;
    EXPECT_EQ(error->kind, MailboxErrorKind::tls_unavailable) << scheme;
    EXPECT_EQ(error->phase, MailboxPhase::connect);
  }
  ASSERT_TRUE(server.wait_for_finished(2, Millis(3000)));
  for (const auto& record : server.connections()) EXPECT_TRUE(record.auth_mechanism.empty());
}

TEST(MailboxClientHostile, HugeLiteralIsRefused) {
  MailboxScript script;
  script.faults.huge_literal = 8 << 20;
  MailboxServer server(script);
  const ProbeMessage sent = probe("55555555555555555555555555555555");
  server.mailbox().add("INBOX", {sent.text, {}, {}});
  for (const char* scheme : {"imap", "pop3"}) {
    auto client = client_for(account(server, scheme));
    ASSERT_FALSE(client->open(seconds(5)));
    const auto found = client->search(sent.token, {"INBOX"}, seconds(5));
    if (std::string(scheme) == "pop3") {  // TOP answers 8 MiB too: a giant header section is not our probe
      EXPECT_FALSE(found.found);
      EXPECT_FALSE(found.error);
      continue;
    }
    ASSERT_TRUE(found.found);
    const auto fetched = client->fetch(*found.found, seconds(5));
    ASSERT_TRUE(fetched.error);
    EXPECT_EQ(fetched.error->kind, MailboxErrorKind::too_large) << fetched.error->message;
    EXPECT_EQ(fetched.error->phase, MailboxPhase::fetch);
  }
}

TEST(MailboxClientHostile, EndlessSearch) {
  MailboxScript script;
  script.faults.endless_search = 4 << 20;
  MailboxServer server(script);
  auto client = client_for(account(server, "imap"));
  ASSERT_FALSE(client->open(seconds(5)));
  const auto found = client->search("66666666666666666666666666666666", {"INBOX"}, seconds(5));
  ASSERT_TRUE(found.error);
  EXPECT_EQ(found.error->kind, MailboxErrorKind::too_large) << found.error->message;
  auto pop3 = client_for(account(server, "pop3"));
  ASSERT_FALSE(pop3->open(seconds(5)));
  const auto listed = pop3->search("66666666666666666666666666666666", {"INBOX"}, seconds(5));
  ASSERT_TRUE(listed.error);
  EXPECT_EQ(listed.error->kind, MailboxErrorKind::too_large) << listed.error->message;
}

TEST(MailboxClientHostile, WrongUidsAreNeverFetchedOrDeleted) {
  MailboxScript script;
  script.faults.wrong_uids = 1000;
  MailboxServer server(script);
  const ProbeMessage sent = probe("77777777777777777777777777777777");
  server.mailbox().add("INBOX", {sent.text, {}, {}});
  auto client = client_for(account(server, "imap"));
  ASSERT_FALSE(client->open(seconds(5)));
  const auto found = client->search(sent.token, {"INBOX"}, seconds(5));
  ASSERT_TRUE(found.found);
  EXPECT_EQ(found.found->id, 1001u);
  const auto fetched = client->fetch(*found.found, seconds(5));
  ASSERT_TRUE(fetched.error);
  EXPECT_EQ(fetched.error->kind, MailboxErrorKind::no_such_message);
  // Fetched by its real UID, the reply names another: refused.
  const auto real = client->fetch({"INBOX", 1, {}}, seconds(5));
  ASSERT_TRUE(real.error);
  EXPECT_EQ(real.error->kind, MailboxErrorKind::protocol);
  EXPECT_NE(real.error->message.find("UID 1001"), std::string::npos) << real.error->message;
  EXPECT_EQ(server.mailbox().uids("INBOX").size(), 1u);
}

TEST(MailboxClientHostile, BodyThatLooksLikeProtocol) {
  MailboxServer server;
  const std::string tricky = probe_message("88888888888888888888888888888888", protocol_like_body());
  server.mailbox().add("INBOX", {tricky, {}, {}});
  for (const char* scheme : {"imap", "pop3"}) {
    auto client = client_for(account(server, scheme));
    ASSERT_FALSE(client->open(seconds(5)));
    const auto found = client->search("88888888888888888888888888888888", {"INBOX"}, seconds(5));
    ASSERT_TRUE(found.found) << scheme;
    const auto fetched = client->fetch(*found.found, seconds(5));
    ASSERT_FALSE(fetched.error) << scheme << ": " << fetched.error->message;
    EXPECT_EQ(fetched.content, server.mailbox().message("INBOX", 1)->content) << scheme;
    // The connection is still in step: the next command works.
    if (std::string(scheme) == "imap") {
      const auto again = client->search("88888888888888888888888888888888", {"INBOX"}, seconds(5));
      EXPECT_FALSE(again.error) << again.error->message;
      EXPECT_TRUE(again.found);
    }
  }
}

TEST(MailboxClientHostile, DropMidFetchIsTruncationForBoth) {
  MailboxScript script;
  script.faults.drop_mid_fetch = 100;
  MailboxServer server(script);
  const ProbeMessage sent = probe("99999999999999999999999999999999");
  server.mailbox().add("INBOX", {sent.text, {}, {}});
  for (const char* scheme : {"imap", "pop3"}) {
    auto client = client_for(account(server, scheme));
    ASSERT_FALSE(client->open(seconds(5)));
    // POP3's TOP is cut as well (the probe is not even found), so fetch it by number.
    const auto fetched = client->fetch({"INBOX", 1, {}}, seconds(5));
    ASSERT_TRUE(fetched.error) << scheme << ": curl's POP3 success for a cut message must not pass";
    EXPECT_EQ(fetched.error->kind, MailboxErrorKind::truncated) << scheme << ": " << fetched.error->message;
  }
}

TEST(MailboxClientHostile, NeverArrivingMailEndsAtTheDeadline) {
  MailboxScript script;
  script.faults.never_delivers = true;
  MailboxServer server(script);
  const ProbeMessage sent = probe("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  server.mailbox().deliver_after("INBOX", {sent.text, {}, {}}, Millis(0));
  auto client = client_for(account(server, "imap"));
  ASSERT_FALSE(client->open(seconds(5)));
  const Deadline deadline = Deadline::after(Millis(1200));
  const auto waited = mailbox::wait_for_probe(*client, sent.token, {"INBOX"}, deadline);
  EXPECT_FALSE(waited.found);
  EXPECT_FALSE(waited.error);
  EXPECT_TRUE(waited.deadline_passed);
  EXPECT_GE(waited.searches, 4);   // 50, 76, 115, 173, 260, 391 ms ... within 1.2 s
  EXPECT_LE(waited.searches, 12);  // backing off, not hammering
  EXPECT_TRUE(deadline.expired());
}

TEST(MailboxClientHostile, SlowServerMeetsTheDeadline) {
  MailboxScript script;
  script.delay("UID SEARCH", Millis(20'000));
  MailboxServer server(script);
  auto client = client_for(account(server, "imap"));
  ASSERT_FALSE(client->open(seconds(5)));
  const auto started = Clock::now();
  const auto waited = mailbox::wait_for_probe(*client, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", {"INBOX"},
                                              Deadline::after(Millis(800)));
  EXPECT_TRUE(waited.deadline_passed);
  EXPECT_FALSE(waited.error);
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(5));  // bounded, not a speed claim
}

TEST(MailboxClientHostile, AnInterruptionEndsTheWaitAndTheRequest) {
  MailboxScript script;
  script.faults.never_delivers = true;
  MailboxServer server(script);
  auto client = client_for(account(server, "imap"));
  ASSERT_FALSE(client->open(seconds(5)));
  Interruption interruption;
  const Deadline deadline(Clock::now() + std::chrono::seconds(30), &interruption);
  std::thread signal([&] {
    std::this_thread::sleep_for(Millis(400));
    interruption.raise(SIGTERM);
  });
  const auto started = Clock::now();
  const auto waited = mailbox::wait_for_probe(*client, "dddddddddddddddddddddddddddddddd", {"INBOX"}, deadline);
  signal.join();
  ASSERT_TRUE(waited.error);
  EXPECT_EQ(waited.error->kind, MailboxErrorKind::interrupted);
  EXPECT_FALSE(waited.deadline_passed);
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(10));  // not the 30 s deadline
  // A request under a slow server is aborted too (the progress callback).
  MailboxScript slow;
  slow.delay("UID SEARCH", Millis(20'000));
  MailboxServer slow_server(slow);
  auto slow_client = client_for(account(slow_server, "imap"));
  ASSERT_FALSE(slow_client->open(seconds(5)));
  Interruption second;
  std::thread later([&] {
    std::this_thread::sleep_for(Millis(400));
    second.raise(SIGINT);
  });
  const auto searched = slow_client->search("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", {"INBOX"},
                                            Deadline(Clock::now() + std::chrono::seconds(30), &second));
  later.join();
  ASSERT_TRUE(searched.error);
  EXPECT_EQ(searched.error->kind, MailboxErrorKind::interrupted) << searched.error->message;
}

TEST(MailboxClientHostile, NoUidplusFlagsOnlyAndSaysSo) {
  MailboxScript script;
  script.faults.no_uidplus = true;
  MailboxServer server(script);
  const auto users_own = server.mailbox().add("INBOX", {probe_message("users"), {"\\Deleted"}, {}});
  const ProbeMessage sent = probe("cccccccccccccccccccccccccccccccc");
  const auto ours = server.mailbox().add("INBOX", {sent.text, {}, {}});
  auto client = client_for(account(server, "imap"));
  ASSERT_FALSE(client->open(seconds(5)));
  EXPECT_FALSE(client->has_uidplus());
  const auto removed = client->remove({"INBOX", ours, {}}, seconds(5));
  EXPECT_FALSE(removed.error);
  EXPECT_FALSE(removed.removed);
  EXPECT_TRUE(removed.flagged_only);
  EXPECT_EQ(server.mailbox().uids("INBOX"), (std::vector<std::uint32_t>{users_own, ours}));
  EXPECT_EQ(server.mailbox().message("INBOX", ours)->flags.count("\\Deleted"), 1u);
  ASSERT_TRUE(server.wait_for_finished(0, Millis(10)) || true);
  client->close();
  ASSERT_TRUE(server.wait_for_finished(1, Millis(3000)));
  EXPECT_FALSE(server.first_connection().sent_command("EXPUNGE"));
  EXPECT_FALSE(server.first_connection().sent_command("UID EXPUNGE"));
}

// ---- stale probes ----

TEST(MailboxClient, StaleProbesOfOurSenderOnly) {
  MailboxServer server;
  const auto now = SystemClock::now();
  const auto hours_ago = [&](int hours) { return now - std::chrono::hours(hours); };
  const auto old_ours = server.mailbox().add("INBOX", {probe("dddddddddddddddddddddddddddddddd", hours_ago(3)).text, {}, hours_ago(3)});
  const auto recent_ours = server.mailbox().add("INBOX", {probe("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee").text, {}, {}});
  std::string others = probe("ffffffffffffffffffffffffffffffff", hours_ago(3)).text;
  others.replace(others.find("From: probe@smtp-ping.test"), 26, "From: someone@elsewhere.test");
  const auto not_ours = server.mailbox().add("INBOX", {others, {}, hours_ago(3)});
  const auto plain = server.mailbox().add("INBOX", {"From: probe@smtp-ping.test\r\nSubject: mine\r\n\r\nhello\r\n", {}, hours_ago(5)});
  // Look-alikes, all old: a sender that merely contains ours, a token header of another form, a
  // Message-ID not derived from the token, a second token header. None is ours; all stay.
  std::vector<std::uint32_t> look_alikes;
  const auto look_alike = [&](const std::string& token, const std::string& from, const std::string& to) {
    std::string text = probe(token, hours_ago(3)).text;
    text.replace(text.find(from), from.size(), to);
    look_alikes.push_back(server.mailbox().add("INBOX", {text, {}, hours_ago(3)}));
  };
  look_alike("abababababababababababababababab", "From: probe@smtp-ping.test", "From: xprobe@smtp-ping.test");
  look_alike("acacacacacacacacacacacacacacacac", "X-Smtp-Ping-Token: acacacacacacacacacacacacacacacac",
             "X-Smtp-Ping-Token: ACACACACACACACACACACACACACACACAC");
  look_alike("adadadadadadadadadadadadadadadad", "<smtp-ping.adadadadadadadadadadadadadadadad@",
             "<other.adadadadadadadadadadadadadadadad@");
  look_alike("aeaeaeaeaeaeaeaeaeaeaeaeaeaeaeae", "X-Smtp-Ping-Token: aeaeaeaeaeaeaeaeaeaeaeaeaeaeaeae",
             "X-Smtp-Ping-Token: aeaeaeaeaeaeaeaeaeaeaeaeaeaeaeae\r\nX-Smtp-Ping-Token: afafafafafafafafafafafafafafafaf");
  const ProbeMessage current = probe("01010101010101010101010101010101", hours_ago(4));
  const auto current_uid = server.mailbox().add("INBOX", {current.text, {}, hours_ago(4)});

  auto client = client_for(account(server, "imap"));
  ASSERT_FALSE(client->open(seconds(5)));
  mailbox::StaleProbeCriteria criteria;
  criteria.sender = kSender;
  criteria.current_token = current.token;
  criteria.older_than = std::chrono::duration_cast<std::chrono::seconds>(hours_ago(1).time_since_epoch()).count();
  criteria.folders = {"INBOX"};
  const auto stale = client->remove_stale(criteria, seconds(5));
  ASSERT_FALSE(stale.error) << stale.error->message;
  ASSERT_EQ(stale.probes.size(), 1u);
  EXPECT_EQ(stale.probes[0].location.id, old_ours);
  EXPECT_TRUE(stale.probes[0].removed);
  EXPECT_TRUE(stale.probes[0].arrived);
  ASSERT_TRUE(stale.probes[0].sent_ms);
  std::vector<std::uint32_t> left{recent_ours, not_ours, plain};
  left.insert(left.end(), look_alikes.begin(), look_alikes.end());
  left.push_back(current_uid);
  EXPECT_EQ(server.mailbox().uids("INBOX"), left);
}

TEST(MailboxClient, Pop3StaleProbes) {
  MailboxServer server;
  const auto hours_ago = [](int hours) { return SystemClock::now() - std::chrono::hours(hours); };
  server.mailbox().add("INBOX", {probe("dddddddddddddddddddddddddddddddd", hours_ago(3)).text, {}, {}});
  const auto recent = server.mailbox().add("INBOX", {probe("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee").text, {}, {}});
  const auto plain = server.mailbox().add("INBOX", {"From: probe@smtp-ping.test\r\n\r\nhello\r\n", {}, {}});
  auto client = client_for(account(server, "pop3"));
  ASSERT_FALSE(client->open(seconds(5)));
  mailbox::StaleProbeCriteria criteria;
  criteria.sender = kSender;
  criteria.current_token = "01010101010101010101010101010101";
  criteria.older_than = std::chrono::duration_cast<std::chrono::seconds>(hours_ago(1).time_since_epoch()).count();
  const auto stale = client->remove_stale(criteria, seconds(5));
  ASSERT_FALSE(stale.error) << stale.error->message;
  ASSERT_EQ(stale.probes.size(), 1u);
  EXPECT_TRUE(stale.probes[0].removed);
  client.reset();
  ASSERT_TRUE(server.wait_for_finished(server.accepted(), Millis(3000)));
  EXPECT_EQ(server.mailbox().uids("INBOX"), (std::vector<std::uint32_t>{recent, plain}));
}

}  // namespace
}  // namespace smtp_ping::test
