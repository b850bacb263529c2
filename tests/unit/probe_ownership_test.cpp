// Which mailbox messages are our probes (lib/mail/probe_ownership): only those
// are removed as stale; look-alikes stay.
#include "mail/probe_ownership.hpp"

#include <gtest/gtest.h>

#include "mail/probe_message.hpp"

namespace smtp_ping {
namespace {

constexpr char kSender[] = "probe@smtp-ping.test";
constexpr char kToken[] = "0123456789abcdef0123456789abcdef";

std::string probe_text() {
  ProbeMessageSpec spec;
  spec.from = kSender;
  spec.recipients = {"user@smtp-ping.test"};
  spec.token = kToken;
  spec.sent = std::chrono::system_clock::time_point(std::chrono::milliseconds(1796139823123));
  return compose_probe_message(spec).text;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::optional<ProbeIdentity> identify(const std::string& text, const std::string& sender = kSender) {
  return identify_own_probe(parse_mail_message(text), sender);
}

TEST(ProbeOwnership, OurProbeIsRecognisedWithItsSendingTime) {
  const auto identity = identify(probe_text());
  ASSERT_TRUE(identity);
  EXPECT_EQ(identity->token, kToken);
  EXPECT_EQ(identity->sent_ms, 1796139823123);
  EXPECT_TRUE(identify(probe_text(), "<PROBE@smtp-ping.test>"));  // the address, whatever its case and brackets
  EXPECT_TRUE(identify(replaced(probe_text(), "From: probe@smtp-ping.test", "From: Probe <probe@smtp-ping.test>")));
}

TEST(ProbeOwnership, LookAlikesAreNotOurs) {
  const std::string ours = probe_text();
  EXPECT_FALSE(identify(ours, "other@smtp-ping.test"));
  EXPECT_FALSE(identify(ours, "obe@smtp-ping.test"));  // a part of the address is not the address
  EXPECT_FALSE(identify(ours, ""));
  EXPECT_FALSE(identify(replaced(ours, "From: probe@", "From: xprobe@")));
  EXPECT_FALSE(identify(replaced(ours, "From: probe@smtp-ping.test", "From: probe@smtp-ping.test, boss@smtp-ping.test")));
  EXPECT_FALSE(identify(replaced(ours, std::string("X-Smtp-Ping-Token: ") + kToken, "X-Smtp-Ping-Token: 0123")));
  EXPECT_FALSE(identify(replaced(ours, std::string("X-Smtp-Ping-Token: ") + kToken,
                                 "X-Smtp-Ping-Token: 0123456789ABCDEF0123456789ABCDEF")));
  EXPECT_FALSE(identify(replaced(ours, "X-Smtp-Ping-Token:", "X-Smtp-Ping-Tokens:")));
  EXPECT_FALSE(identify(replaced(ours, "Message-ID: <smtp-ping.", "Message-ID: <other.")));
  EXPECT_FALSE(identify(replaced(ours, "X-Smtp-Ping-Sent: ", "X-Smtp-Ping-Sent: yesterday ")));
  EXPECT_FALSE(identify(replaced(ours, std::string("X-Smtp-Ping-Token: ") + kToken,
                                 std::string("X-Smtp-Ping-Token: ") + kToken + "\r\nX-Smtp-Ping-Token: " + kToken)));
  EXPECT_FALSE(identify("From: probe@smtp-ping.test\r\nSubject: mine\r\n\r\nhello\r\n"));
}

TEST(ProbeOwnership, FromAddress) {
  EXPECT_EQ(from_address(" a@b "), "a@b");
  EXPECT_EQ(from_address("<a@b>"), "a@b");
  EXPECT_EQ(from_address("\"A, B\" <a@b>"), "a@b");
  EXPECT_EQ(from_address("a@b, c@d"), "");
  EXPECT_EQ(from_address("<a@b> trailing"), "");
  EXPECT_EQ(from_address("group: a@b;"), "");
  EXPECT_EQ(from_address("no-at"), "");
}

}  // namespace
}  // namespace smtp_ping
