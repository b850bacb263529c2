#include <gtest/gtest.h>

#include "mail/mail_message.hpp"
#include "mail/message_integrity.hpp"
#include "mail/probe_message.hpp"

namespace smtp_ping {
namespace {

TEST(MailMessage, UnfoldsAndSplits) {
  const auto message = parse_mail_message(
      "Subject: a\r\n  folded\r\n\tvalue \r\nX-Empty:\r\nno colon here\r\nReceived: one\r\nreceived: two\r\n\r\nbody\r\n\r\nmore\r\n");
  ASSERT_EQ(message.headers.size(), 4u);
  EXPECT_EQ(message.headers[0], (HeaderField{"Subject", "a  folded\tvalue"}));
  EXPECT_EQ(message.headers[1], (HeaderField{"X-Empty", ""}));
  EXPECT_EQ(message.skipped_lines, 1u);
  EXPECT_EQ(message.fields("RECEIVED").size(), 2u);
  EXPECT_EQ(message.field("received")->value, "one");
  EXPECT_TRUE(message.has_body_separator);
  EXPECT_EQ(message.body, "body\r\n\r\nmore\r\n");
}

TEST(MailMessage, BareLfAndNoBody) {
  auto message = parse_mail_message("A: 1\n B\nC: 2\n\nbody\n");
  ASSERT_EQ(message.headers.size(), 2u);
  EXPECT_EQ(message.headers[0].value, "1 B");
  EXPECT_EQ(message.body, "body\n");
  message = parse_mail_message("A: 1\r\n");
  EXPECT_FALSE(message.has_body_separator);
  EXPECT_TRUE(message.body.empty());
  message = parse_mail_message("");
  EXPECT_TRUE(message.headers.empty());
}

TEST(MailMessage, BoundedFieldCount) {
  std::string text;
  for (std::size_t i = 0; i < kMaximumHeaderFields + 5; ++i) text += "X: y\r\n";
  const auto message = parse_mail_message(text + "\r\nbody");
  EXPECT_EQ(message.headers.size(), kMaximumHeaderFields);
  EXPECT_EQ(message.skipped_lines, 5u);
}

class Integrity : public ::testing::Test {
 protected:
  ProbeMessage sent = [] {
    ProbeMessageSpec spec;
    spec.from = "probe@example.org";
    spec.recipients = {"user@example.net"};
    spec.token = "feedfacefeedfacefeedfacefeedface";
    spec.sent = std::chrono::system_clock::from_time_t(1796139823);
    return compose_probe_message(spec);
  }();
  std::string delivered(const std::string& prefix = "Received: from a by b; Tue, 1 Dec 2026 15:43:44 +0000\r\n") {
    return "Return-Path: <probe@example.org>\r\n" + prefix + sent.text;
  }
};

TEST_F(Integrity, IntactWithAddedHeaders) {
  const auto report = check_integrity(sent, parse_mail_message(delivered()));
  EXPECT_TRUE(report.intact());
  EXPECT_FALSE(report.first_difference);
  ASSERT_EQ(report.added_headers.size(), 2u);
  EXPECT_EQ(report.added_headers[0].name, "Return-Path");
  EXPECT_EQ(report.added_headers[1].name, "Received");
}

TEST_F(Integrity, LfLinesAndRefoldingAreNotAlterations) {
  std::string text = delivered();
  std::string lf;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) lf += text[i];
  const std::string refolded = "Subject:\r\n  smtp-ping   probe\r\n feedface";
  const auto at = lf.find("Subject: smtp-ping probe feedface");
  ASSERT_NE(at, std::string::npos);
  lf.replace(at, std::string("Subject: smtp-ping probe feedface").size(), refolded);
  EXPECT_TRUE(check_integrity(sent, parse_mail_message(lf)).intact());
}

TEST_F(Integrity, AlteredLineIsNamed) {
  std::string text = delivered();
  const auto at = text.find("\r\n.a line that starts with a dot\r\n");
  ASSERT_NE(at, std::string::npos);
  text.replace(at + 2, 1, "");  // a relay that got dot-stuffing wrong
  const auto report = check_integrity(sent, parse_mail_message(text));
  EXPECT_FALSE(report.intact());
  ASSERT_TRUE(report.first_difference);
  EXPECT_EQ(report.first_difference->line, 3u);
  EXPECT_EQ(report.first_difference->sent, ".a line that starts with a dot");
  EXPECT_EQ(report.first_difference->received, "a line that starts with a dot");
}

TEST_F(Integrity, TruncatedAndExtended) {
  std::string text = delivered();
  auto report = check_integrity(sent, parse_mail_message(text.substr(0, text.size() - 300)));
  ASSERT_TRUE(report.first_difference);
  EXPECT_TRUE(report.first_difference->sent);
  EXPECT_LE(report.first_difference->sent->size(), kDifferenceLineLimit);
  report = check_integrity(sent, parse_mail_message(text + "-- \r\nDisclaimer added by a relay\r\n"));
  ASSERT_TRUE(report.first_difference);
  EXPECT_FALSE(report.first_difference->sent);
  EXPECT_EQ(report.first_difference->received, "-- ");
}

TEST_F(Integrity, ChangedAndMissingHeaders) {
  std::string text = delivered();
  const auto subject = text.find("Subject: smtp-ping probe feedface");
  text.replace(subject, std::string("Subject: smtp-ping probe feedface").size(), "Subject: [SPAM] smtp-ping probe feedface");
  const auto token = text.find("X-Smtp-Ping-Token:");
  text.replace(token, 2, "Y-");
  const auto report = check_integrity(sent, parse_mail_message(text));
  EXPECT_TRUE(report.body_intact());
  EXPECT_FALSE(report.intact());
  ASSERT_EQ(report.changed_headers.size(), 2u);
  EXPECT_EQ(report.changed_headers[0].name, "Subject");
  EXPECT_EQ(report.changed_headers[0].received, "[SPAM] smtp-ping probe feedface");
  EXPECT_EQ(report.changed_headers[1].name, "X-Smtp-Ping-Token");
  EXPECT_FALSE(report.changed_headers[1].received);
}

}  // namespace
}  // namespace smtp_ping
