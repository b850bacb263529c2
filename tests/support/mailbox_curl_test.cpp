// The mailbox server as the real libcurl (Debian 12: 7.88, OpenSSL) sees it:
// every URL form, the requests the mail-flow check makes (UID SEARCH through
// CURLOPT_CUSTOMREQUEST, FETCH through the ;UID= URL, STORE/EXPUNGE, POP3
// RETR/DELE), and for each fault what curl reports.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "curl_client.hpp"
#include "mailbox_test_support.hpp"

namespace smtp_ping::test {
namespace {

class CurlEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { curl_global_init(CURL_GLOBAL_DEFAULT); }
  void TearDown() override { curl_global_cleanup(); }
};
[[maybe_unused]] const auto* const curl_environment = ::testing::AddGlobalTestEnvironment(new CurlEnvironment);

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

CurlClient account_client(const MailboxServer& server) {
  CurlClient client;
  client.credentials(server.script().user, server.script().password);
  return client;
}

CurlClient tls_client(const MailboxServer& server, const TestTls& tls) {
  auto client = account_client(server);
  client.ca_file(tls.files.cert_file);
  return client;
}

std::string content_of(MailboxServer& server, std::uint32_t uid, const std::string& folder = "INBOX") {
  const auto message = server.mailbox().message(folder, uid);
  return message ? message->content : std::string{};
}

// ---- URL forms ----

TEST(MailboxCurl, ImapFetchByUidUrl) {
  MailboxServer server;
  server.mailbox().add("INBOX", {probe_message("first"), {}, {}});
  const auto uid = server.mailbox().add("INBOX", {probe_message("second"), {}, {}});
  const auto result = account_client(server).perform(server.url("imap", "INBOX/;UID=" + std::to_string(uid)));
  ASSERT_EQ(result.code, CURLE_OK) << result.error;
  EXPECT_EQ(result.body, content_of(server, uid));
  EXPECT_TRUE(has(result.headers, "* 2 FETCH (UID 2 FLAGS (\\Seen) BODY[] {")) << result.headers;

  const auto record = server.first_connection();
  EXPECT_TRUE(record.received_prefix("A004 UID FETCH 2 BODY[]"));  // what 7.88 sends: BODY[], not BODY.PEEK[]
  EXPECT_TRUE(record.authenticated);
  EXPECT_EQ(record.auth_mechanism, "PLAIN");
  EXPECT_EQ(record.selected, "INBOX");
  EXPECT_FALSE(record.tls);
  EXPECT_EQ(server.mailbox().message("INBOX", uid)->flags.count("\\Seen"), 1u);
}

TEST(MailboxCurl, ImapStartTls) {
  TestTls tls;
  MailboxServer server(tls.script());
  server.mailbox().add("INBOX", {probe_message("tls"), {}, {}});
  const auto result = tls_client(server, tls).require_tls().perform(server.url("imap", "INBOX/;UID=1"));
  ASSERT_EQ(result.code, CURLE_OK) << result.error;
  EXPECT_EQ(result.body, content_of(server, 1));
  const auto record = server.first_connection();  // LOGOUT came with curl_easy_cleanup
  EXPECT_TRUE(record.tls);
  EXPECT_FALSE(record.implicit_tls);
  EXPECT_EQ(record.commands, (std::vector<std::string>{"CAPABILITY", "STARTTLS", "CAPABILITY", "AUTHENTICATE", "SELECT",
                                                       "UID FETCH", "LOGOUT"}));
}

TEST(MailboxCurl, ImapsImplicitTls) {
  TestTls tls;
  MailboxServer server(tls.script());
  server.mailbox().add("INBOX", {probe_message("imaps"), {}, {}});
  const auto result = tls_client(server, tls).perform(server.url("imaps", "INBOX/;UID=1"));
  ASSERT_EQ(result.code, CURLE_OK) << result.error;
  EXPECT_EQ(result.body, content_of(server, 1));
  const auto record = server.first_connection();
  EXPECT_TRUE(record.tls);
  EXPECT_TRUE(record.implicit_tls);
  EXPECT_FALSE(record.sent_command("STARTTLS"));
}

TEST(MailboxCurl, ImapsWithAnUntrustedCertificateFails) {
  TestTls tls;
  TestTls other;
  MailboxServer server(tls.script());
  // Trusting another certificate only: the server's is unknown.
  EXPECT_EQ(tls_client(server, other).perform(server.url("imaps", "INBOX/;UID=1")).code,
            CURLE_PEER_FAILED_VERIFICATION);
  EXPECT_FALSE(server.first_connection().authenticated);
}

TEST(MailboxCurl, ImapListsFoldersWithSpecialUse) {
  MailboxServer server;
  const auto result = account_client(server).perform(server.url("imap"));
  ASSERT_EQ(result.code, CURLE_OK) << result.error;
  EXPECT_EQ(result.body, "* LIST (\\HasNoChildren) \"/\" INBOX\r\n* LIST (\\HasNoChildren \\Junk) \"/\" Junk\r\n");
  EXPECT_TRUE(server.first_connection().received("A003 LIST \"\" *"));
}

TEST(MailboxCurl, ImapUidSearchByHeaderAsCustomRequest) {
  MailboxServer server;
  server.mailbox().add("INBOX", {probe_message("other"), {}, {}});
  server.mailbox().add("INBOX", {probe_message("wanted"), {}, {}});
  server.mailbox().add("Junk", {probe_message("wanted"), {}, {}});
  auto client = account_client(server);
  auto result = client.perform(server.url("imap", "INBOX"), "UID SEARCH HEADER X-Smtp-Ping-Token wanted");
  ASSERT_EQ(result.code, CURLE_OK) << result.error;
  EXPECT_EQ(result.body, "* SEARCH 2\r\n");
  result = client.perform(server.url("imap", "Junk"), "UID SEARCH HEADER X-Smtp-Ping-Token wanted");
  EXPECT_EQ(result.body, "* SEARCH 1\r\n");
  result = client.perform(server.url("imap", "INBOX"), "UID SEARCH HEADER X-Smtp-Ping-Token nothing-like-it");
  EXPECT_EQ(result.body, "* SEARCH\r\n");  // Dovecot's empty result: no trailing space
  // The URL query form is a plain SEARCH (sequence numbers).
  result = client.perform(server.url("imap", "INBOX?HEADER%20X-Smtp-Ping-Token%20wanted"));
  EXPECT_EQ(result.body, "* SEARCH 2\r\n");
  EXPECT_EQ(server.accepted(), 1);  // one connection for all of them
  EXPECT_TRUE(server.connections()[0].received("A004 UID SEARCH HEADER X-Smtp-Ping-Token wanted"));
}

TEST(MailboxCurl, ImapFetchSectionAndPartialUrls) {
  MailboxServer server;
  server.mailbox().add("INBOX", {probe_message("parts"), {}, {}});
  const auto content = content_of(server, 1);
  auto client = account_client(server);
  auto result = client.perform(server.url("imap", "INBOX/;UID=1/;SECTION=HEADER"));
  ASSERT_EQ(result.code, CURLE_OK) << result.error;
  EXPECT_EQ(result.body, std::string(header_section(content)));
  result = client.perform(server.url("imap", "INBOX/;UID=1/;SECTION=TEXT"));
  EXPECT_EQ(result.body, std::string(body_section(content)));
  result = client.perform(server.url("imap", "INBOX/;UID=1/;PARTIAL=0.4"));
  EXPECT_EQ(result.body, content.substr(0, 4));
  result = client.perform(server.url("imap", "INBOX/;MAILINDEX=1"));
  EXPECT_EQ(result.body, content);
}

TEST(MailboxCurl, ImapUnknownUidIsRemoteFileNotFound) {
  MailboxServer server;
  server.mailbox().add("INBOX", {probe_message("only"), {}, {}});
  auto client = account_client(server);
  EXPECT_EQ(client.perform(server.url("imap", "INBOX/;UID=7")).code, CURLE_REMOTE_FILE_NOT_FOUND);
}

TEST(MailboxCurl, ImapStoreDeletedAndUidExpungeLeaveOtherMailAlone) {
  MailboxServer server;
  server.mailbox().add("INBOX", {probe_message("users-own"), {"\\Deleted"}, {}});  // the user's, already \Deleted
  const auto ours = server.mailbox().add("INBOX", {probe_message("ours"), {}, {}});
  auto client = account_client(server);
  auto result =
      client.perform(server.url("imap", "INBOX"), "UID STORE " + std::to_string(ours) + " +FLAGS (\\Deleted)");
  ASSERT_EQ(result.code, CURLE_OK) << result.error;
  EXPECT_EQ(result.body, "* 2 FETCH (UID 2 FLAGS (\\Deleted))\r\n");
  result = client.perform(server.url("imap", "INBOX"), "UID EXPUNGE " + std::to_string(ours));
  ASSERT_EQ(result.code, CURLE_OK) << result.error;
  EXPECT_EQ(result.body, "* 2 EXPUNGE\r\n");
  EXPECT_EQ(server.mailbox().uids("INBOX"), std::vector<std::uint32_t>{1});

  // A plain EXPUNGE takes the user's deleted message too.
  result = client.perform(server.url("imap", "INBOX"), "EXPUNGE");
  EXPECT_EQ(result.body, "* 1 EXPUNGE\r\n");
  EXPECT_TRUE(server.mailbox().uids("INBOX").empty());
}

TEST(MailboxCurl, ImapPollingFindsADelayedDeliveryOnOneConnection) {
  MailboxServer server;
  auto client = account_client(server);
  // Logged in and selected before the message is on its way.
  ASSERT_EQ(client.perform(server.url("imap", "INBOX"), "UID SEARCH ALL").body, "* SEARCH\r\n");
  server.mailbox().deliver_after("INBOX", {probe_message("late"), {}, {}}, Millis(200));
  std::string found;
  int polls = 0;
  std::vector<std::string> answers;
  for (; polls < 100 && found.empty(); ++polls) {  // at most ~5 s
    const auto result = client.perform(server.url("imap", "INBOX"), "UID SEARCH HEADER X-Smtp-Ping-Token late");
    ASSERT_EQ(result.code, CURLE_OK) << result.error;
    answers.push_back(result.body);
    if (result.body != "* SEARCH\r\n" && has(result.body, "* SEARCH "))
      found = result.body;
    else
      std::this_thread::sleep_for(Millis(50));
  }
  ASSERT_FALSE(found.empty()) << "never found after " << polls << " polls";
  EXPECT_GT(polls, 1);
  EXPECT_TRUE(has(found, "* SEARCH 1\r\n"));
  // Like Dovecot, the arrival is announced (EXISTS) at the end of the poll that
  // first saw it; that poll's SEARCH result is still empty.
  ASSERT_GE(answers.size(), 2u);
  EXPECT_EQ(answers[answers.size() - 2], "* SEARCH\r\n* 1 EXISTS\r\n");
  EXPECT_EQ(server.accepted(), 1);
}

TEST(MailboxCurl, ImapAuthenticationChoices) {
  {  // curl prefers CRAM-MD5 when offered
    MailboxScript script;
    script.sasl_mechanisms = {"PLAIN", "LOGIN", "CRAM-MD5"};
    MailboxServer server(script);
    EXPECT_EQ(account_client(server).perform(server.url("imap")).code, CURLE_OK);
    EXPECT_EQ(server.first_connection().auth_mechanism, "CRAM-MD5");
  }
  {  // no AUTH= at all: the LOGIN command
    MailboxScript script;
    script.sasl_mechanisms = {};
    MailboxServer server(script);
    EXPECT_EQ(account_client(server).perform(server.url("imap")).code, CURLE_OK);
    const auto record = server.first_connection();
    EXPECT_EQ(record.auth_mechanism, "LOGIN");
    EXPECT_TRUE(record.received("A002 LOGIN probe@smtp-ping.test mailbox-secret"));
  }
  {  // no SASL-IR: AUTHENTICATE PLAIN, then the response after "+ "
    MailboxScript script;
    script.sasl_ir = false;
    MailboxServer server(script);
    EXPECT_EQ(account_client(server).perform(server.url("imap")).code, CURLE_OK);
    const auto record = server.first_connection();
    EXPECT_TRUE(record.received("A002 AUTHENTICATE PLAIN"));
    EXPECT_TRUE(record.authenticated);
  }
}

TEST(MailboxCurl, ImapLoginDisabledWithoutTls) {
  TestTls tls;
  MailboxScript script = tls.script();
  script.login_disabled_without_tls = true;
  MailboxServer server(script);
  auto plain = account_client(server);
  const auto refused = plain.perform(server.url("imap"));
  EXPECT_EQ(refused.code, CURLE_LOGIN_DENIED);
  EXPECT_TRUE(has(refused.headers, "LOGINDISABLED"));
  auto secured = tls_client(server, tls);
  secured.require_tls();
  EXPECT_EQ(secured.perform(server.url("imap")).code, CURLE_OK);
}

TEST(MailboxCurl, Pop3RetrAndList) {
  MailboxServer server;
  server.mailbox().add("INBOX", {probe_message("one"), {}, {}});
  server.mailbox().add("INBOX", {probe_message("two"), {}, {}});
  auto client = account_client(server);
  auto result = client.perform(server.url("pop3", "2"));
  ASSERT_EQ(result.code, CURLE_OK) << result.error;
  EXPECT_EQ(result.body, content_of(server, 2));
  result = client.perform(server.url("pop3"));
  EXPECT_EQ(result.body, "1 " + std::to_string(content_of(server, 1).size()) + "\r\n2 " +
                             std::to_string(content_of(server, 2).size()) + "\r\n");
  result = client.perform(server.url("pop3"), "UIDL");
  EXPECT_EQ(result.body, "1 000000016553F100\r\n2 000000026553F100\r\n");  // Dovecot's %08Xu%08Xv
  result = client.perform(server.url("pop3"), "TOP 1 0");
  EXPECT_EQ(result.body, std::string(header_section(content_of(server, 1))));
  EXPECT_TRUE(server.connections()[0].received("RETR 2"));
}

TEST(MailboxCurl, Pop3DeleTakesEffectAtQuit) {
  MailboxServer server;
  server.mailbox().add("INBOX", {probe_message("one"), {}, {}});
  server.mailbox().add("INBOX", {probe_message("two"), {}, {}});
  {
    auto client = account_client(server);
    const auto result = client.perform(server.url("pop3", "2"), "DELE", true);
    ASSERT_EQ(result.code, CURLE_OK) << result.error;
    EXPECT_EQ(server.mailbox().uids("INBOX").size(), 2u);  // not before QUIT
  }                                                        // curl_easy_cleanup sends QUIT
  ASSERT_TRUE(server.wait_for_finished(1, Millis(3000)));
  EXPECT_EQ(server.mailbox().uids("INBOX"), std::vector<std::uint32_t>{1});
  EXPECT_TRUE(server.first_connection().received("DELE 2"));
  EXPECT_TRUE(server.first_connection().logout);
}

TEST(MailboxCurl, Pop3StlsAndPop3s) {
  TestTls tls;
  MailboxServer server(tls.script());
  server.mailbox().add("INBOX", {probe_message("secure"), {}, {}});
  auto result = tls_client(server, tls).require_tls().perform(server.url("pop3", "1"));
  ASSERT_EQ(result.code, CURLE_OK) << result.error;
  EXPECT_EQ(result.body, content_of(server, 1));
  result = tls_client(server, tls).perform(server.url("pop3s", "1"));
  ASSERT_EQ(result.code, CURLE_OK) << result.error;
  EXPECT_EQ(result.body, content_of(server, 1));
  ASSERT_TRUE(server.wait_for_finished(2, Millis(3000)));
  const auto records = server.connections();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_TRUE(records[0].tls && !records[0].implicit_tls && records[0].sent_command("STLS"));
  EXPECT_TRUE(records[1].tls && records[1].implicit_tls);
}

// ---- faults: what curl sees ----

TEST(MailboxCurlFault, RefusedLogin) {
  MailboxScript script;
  script.faults.refuse_login = true;
  MailboxServer server(script);
  const auto imap = account_client(server).perform(server.url("imap", "INBOX/;UID=1"));
  EXPECT_EQ(imap.code, CURLE_LOGIN_DENIED);
  EXPECT_TRUE(has(imap.headers, "NO [AUTHENTICATIONFAILED] Authentication failed.")) << imap.headers;
  EXPECT_EQ(account_client(server).perform(server.url("pop3", "1")).code, CURLE_LOGIN_DENIED);
  for (const auto& record : server.connections()) EXPECT_FALSE(record.authenticated);
}

TEST(MailboxCurlFault, NoStartTlsOffered) {
  TestTls tls;
  MailboxScript script = tls.script();
  script.faults.no_starttls = true;
  MailboxServer server(script);
  EXPECT_EQ(tls_client(server, tls).require_tls().perform(server.url("imap", "INBOX/;UID=1")).code,
            CURLE_USE_SSL_FAILED);
  EXPECT_EQ(tls_client(server, tls).require_tls().perform(server.url("pop3", "1")).code, CURLE_USE_SSL_FAILED);
  ASSERT_TRUE(server.wait_for_finished(2, Millis(3000)));
  for (const auto& record : server.connections()) {
    EXPECT_FALSE(record.tls);
    EXPECT_TRUE(record.auth_mechanism.empty()) << "credentials sent in the clear";
  }
}

TEST(MailboxCurlFault, HugeLiteral) {
  MailboxScript script;
  script.faults.huge_literal = 8 << 20;
  MailboxServer server(script);
  server.mailbox().add("INBOX", {probe_message("small"), {}, {}});
  auto trusting = account_client(server);
  auto result = trusting.perform(server.url("imap", "INBOX/;UID=1"));
  ASSERT_EQ(result.code, CURLE_OK) << result.error;
  EXPECT_EQ(result.body.size(), 8u << 20);  // curl takes whatever size the literal announces
  EXPECT_TRUE(has(result.headers, "BODY[] {8388608}"));
  auto bounded = account_client(server);
  bounded.max_body(1 << 20);
  result = bounded.perform(server.url("imap", "INBOX/;UID=1"));
  EXPECT_EQ(result.code, CURLE_WRITE_ERROR);  // a client must bound it itself
  EXPECT_LE(result.body.size(), 1u << 20);
  auto pop3 = account_client(server);
  result = pop3.perform(server.url("pop3", "1"));
  ASSERT_EQ(result.code, CURLE_OK) << result.error;
  EXPECT_EQ(result.body.size(), 8u << 20);
}

TEST(MailboxCurlFault, EndlessSearchResult) {
  MailboxScript script;
  script.faults.endless_search = 4 << 20;
  MailboxServer server(script);
  auto client = account_client(server);
  const auto result = client.perform(server.url("imap", "INBOX"), "UID SEARCH HEADER X-Smtp-Ping-Token x");
  // curl 7.88 caps a reply's lines at 300 KB ("Too large response headers").
  EXPECT_EQ(result.code, CURLE_RECV_ERROR);
  EXPECT_TRUE(has(result.error, "Too large response headers")) << result.error;
  auto pop3 = account_client(server);
  const auto listing = pop3.perform(server.url("pop3"), "UIDL");
  EXPECT_EQ(listing.code, CURLE_OK);  // POP3 multi-line data is body: no cap
  EXPECT_GE(listing.body.size(), (4u << 20) - 64);
}

TEST(MailboxCurlFault, WrongUids) {
  MailboxScript script;
  script.faults.wrong_uids = 1000;
  MailboxServer server(script);
  server.mailbox().add("INBOX", {probe_message("shifted"), {}, {}});
  auto client = account_client(server);
  auto result = client.perform(server.url("imap", "INBOX"), "UID SEARCH HEADER X-Smtp-Ping-Token shifted");
  ASSERT_EQ(result.code, CURLE_OK) << result.error;
  EXPECT_EQ(result.body, "* SEARCH 1001\r\n");
  EXPECT_EQ(client.perform(server.url("imap", "INBOX/;UID=1001")).code, CURLE_REMOTE_FILE_NOT_FOUND);
  // Fetched by its real UID, the answer names another one; curl does not check it.
  result = client.perform(server.url("imap", "INBOX/;UID=1"));
  ASSERT_EQ(result.code, CURLE_OK) << result.error;
  EXPECT_TRUE(has(result.headers, "* 1 FETCH (UID 1001 ")) << result.headers;
  EXPECT_EQ(result.body, content_of(server, 1));
}

TEST(MailboxCurlFault, BodyThatLooksLikeProtocol) {
  MailboxServer server;
  server.mailbox().add("INBOX", {probe_message("tricky", protocol_like_body()), {}, {}});
  const auto content = content_of(server, 1);
  {  // the URL form parses the literal: intact
    auto client = account_client(server);
    const auto result = client.perform(server.url("imap", "INBOX/;UID=1"));
    ASSERT_EQ(result.code, CURLE_OK) << result.error;
    EXPECT_EQ(result.body, content);
  }
  {  // POP3: dot-stuffed on the wire, unstuffed by curl: intact
    auto client = account_client(server);
    const auto result = client.perform(server.url("pop3", "1"));
    ASSERT_EQ(result.code, CURLE_OK) << result.error;
    EXPECT_EQ(result.body, content);
  }
  {  // a custom FETCH goes through LIST handling: the body's "A004 OK" line ends the
     // command early, and its "+ Ready" line breaks the next one (the upstream desync)
    auto client = account_client(server);
    const auto fetched = client.perform(server.url("imap", "INBOX"), "UID FETCH 1 BODY.PEEK[]");
    EXPECT_EQ(fetched.code, CURLE_OK);
    EXPECT_EQ(fetched.body, "* 1 FETCH (UID 1 BODY[] {" + std::to_string(content.size()) + "}\r\n");
    const auto next = client.perform(server.url("imap", "INBOX"), "NOOP");
    EXPECT_EQ(next.code, CURLE_QUOTE_ERROR);
    EXPECT_TRUE(has(next.error, "Unexpected continuation response")) << next.error;
  }
}

TEST(MailboxCurlFault, DropMidFetch) {
  MailboxScript script;
  script.faults.drop_mid_fetch = 100;
  MailboxServer server(script);
  server.mailbox().add("INBOX", {probe_message("cut", std::string(5000, 'y') + "\n"), {}, {}});
  auto imap = account_client(server);
  const auto fetched = imap.perform(server.url("imap", "INBOX/;UID=1"));
  EXPECT_EQ(fetched.code, CURLE_PARTIAL_FILE);  // the literal's size tells curl
  EXPECT_EQ(fetched.body.size(), 100u);
  auto pop3 = account_client(server);
  const auto retrieved = pop3.perform(server.url("pop3", "1"));
  // POP3 has no size to check: curl 7.88 reports success for the truncated message.
  EXPECT_EQ(retrieved.code, CURLE_OK);
  EXPECT_EQ(retrieved.body.size(), 100u);
}

TEST(MailboxCurlFault, MailboxThatNeverReceives) {
  MailboxScript script;
  script.faults.never_delivers = true;
  MailboxServer server(script);
  server.mailbox().deliver_after("INBOX", {probe_message("lost"), {}, {}}, Millis(0));
  auto client = account_client(server);
  for (int poll = 0; poll < 5; ++poll) {
    const auto result = client.perform(server.url("imap", "INBOX"), "UID SEARCH HEADER X-Smtp-Ping-Token lost");
    ASSERT_EQ(result.code, CURLE_OK) << result.error;
    EXPECT_EQ(result.body, "* SEARCH\r\n");
    std::this_thread::sleep_for(Millis(20));
  }
  EXPECT_EQ(server.mailbox().pending("INBOX"), 1u);
}

TEST(MailboxCurlFault, DelayedCommandMeetsTheClientsTimeout) {
  MailboxScript script;
  script.delay("UID SEARCH", Millis(20'000));  // interrupted when the server stops
  MailboxServer server(script);
  auto client = account_client(server);
  client.timeout(2000);
  const auto result = client.perform(server.url("imap", "INBOX"), "UID SEARCH ALL");
  EXPECT_EQ(result.code, CURLE_OPERATION_TIMEDOUT);
  EXPECT_TRUE(server.connections().at(0).sent_command("SELECT"));  // the delay hit the SEARCH itself
}

TEST(MailboxCurlFault, NoUidplus) {
  MailboxScript script;
  script.faults.no_uidplus = true;
  MailboxServer server(script);
  server.mailbox().add("INBOX", {probe_message("stays"), {"\\Deleted"}, {}});
  auto client = account_client(server);
  const auto capability = client.perform(server.url("imap"), "CAPABILITY");
  ASSERT_EQ(capability.code, CURLE_OK) << capability.error;
  EXPECT_TRUE(has(capability.body, "* CAPABILITY IMAP4rev1"));
  EXPECT_FALSE(has(capability.body, "UIDPLUS"));
  const auto expunge = client.perform(server.url("imap", "INBOX"), "UID EXPUNGE 1");
  EXPECT_EQ(expunge.code, CURLE_QUOTE_ERROR);
  EXPECT_EQ(server.mailbox().uids("INBOX").size(), 1u);
}

}  // namespace
}  // namespace smtp_ping::test
