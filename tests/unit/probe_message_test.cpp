#include <gtest/gtest.h>

#include <set>

#include "mail/dot_stuffing.hpp"
#include "mail/mail_message.hpp"
#include "mail/message_digest.hpp"
#include "mail/probe_body.hpp"
#include "mail/probe_message.hpp"
#include "mail/probe_token.hpp"

namespace smtp_ping {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find("\r\n", start);
    EXPECT_NE(end, std::string::npos) << "not CRLF-terminated";
    if (end == std::string::npos) break;
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

ProbeMessageSpec spec() {
  ProbeMessageSpec spec;
  spec.from = "probe@example.org";
  spec.recipients = {"user@example.net"};
  spec.token = "0123456789abcdef0123456789abcdef";
  spec.sent = std::chrono::system_clock::from_time_t(1796139823) + std::chrono::milliseconds(250);
  return spec;
}

TEST(ProbeBody, ExactSizeCrlfSevenBitLines) {
  for (std::size_t size : {std::size_t{0}, std::size_t{256}, std::size_t{1000}, std::size_t{1024}, std::size_t{1001},
                           std::size_t{1002}, std::size_t{4096}, std::size_t{100000}}) {
    const std::string body = probe_body(size);
    EXPECT_EQ(body.size(), std::max(size, kMinimumProbeBodySize)) << size;
    for (unsigned char c : body) EXPECT_LT(c, 128u);
    EXPECT_EQ(body.find('\n'), body.find("\r\n") + 1);
    for (const auto& line : lines_of(body)) {
      EXPECT_LE(line.size(), kMaximumLineLength);
      EXPECT_FALSE(line.empty());
      EXPECT_NE(line.back(), ' ');
      EXPECT_NE(line.rfind("From ", 0), 0u);
      EXPECT_EQ(line.find('\r'), std::string::npos);
    }
  }
}

TEST(ProbeBody, ExercisesTheTransport) {
  const auto lines = lines_of(probe_body(kDefaultProbeBodySize * 3));
  std::set<std::string> kinds;
  for (const auto& line : lines) {
    if (line == ".") kinds.insert("lone dot");
    if (line.size() > 1 && line[0] == '.') kinds.insert("leading dot");
    if (line.size() == kMaximumLineLength) kinds.insert("998");
    if (line.size() == kMaximumLineLength - 1) kinds.insert("997");
    if (line.find("A001 OK") == 0 && line.find("{123}") != std::string::npos) kinds.insert("imap-like");
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"lone dot", "leading dot", "998", "997", "imap-like"}));
}

TEST(ProbeToken, RandomHex) {
  const auto a = random_probe_token();
  const auto b = random_probe_token();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
}

TEST(MessageDigest, Sha256FromOpenSsl) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(probe_body_digest("a\nb\r\n"), sha256_hex("a\r\nb\r\n"));
}

TEST(ProbeMessage, Headers) {
  const auto message = compose_probe_message(spec());
  const auto parsed = parse_mail_message(message.text);
  ASSERT_TRUE(parsed.has_body_separator);
  EXPECT_EQ(parsed.body, message.body);
  EXPECT_EQ(parsed.headers, message.headers);
  EXPECT_EQ(parsed.field("Date")->value, "Tue, 01 Dec 2026 15:43:43 +0000");
  EXPECT_EQ(parsed.field("From")->value, "probe@example.org");
  EXPECT_EQ(parsed.field("To")->value, "user@example.net");
  EXPECT_EQ(parsed.field("Subject")->value, "smtp-ping probe 01234567");
  EXPECT_EQ(parsed.field("Message-ID")->value, "<smtp-ping.0123456789abcdef0123456789abcdef@example.org>");
  EXPECT_EQ(parsed.field(kTokenHeader)->value, spec().token);
  EXPECT_EQ(parsed.field(kSentHeader)->value, "2026-12-01T15:43:43.250Z");
  EXPECT_EQ(parsed.field(kDigestHeader)->value, sha256_hex(message.body));
  EXPECT_EQ(message.digest, sha256_hex(message.body));
  EXPECT_EQ(message.body.size(), kDefaultProbeBodySize);
  for (const auto& line : lines_of(message.text)) EXPECT_LE(line.size(), kMaximumLineLength);
}

TEST(ProbeMessage, ManyRecipientsFoldTo) {
  auto many = spec();
  many.recipients.clear();
  for (int i = 0; i < 12; ++i) many.recipients.push_back("recipient" + std::to_string(i) + "@example.net");
  const auto message = compose_probe_message(many);
  const auto header_end = message.text.find("\r\n\r\n");
  bool in_to = false;
  for (const auto& line : lines_of(message.text.substr(0, header_end + 2))) {
    in_to = line.rfind("To:", 0) == 0 || (in_to && line[0] == ' ');
    if (in_to) {
      EXPECT_LE(line.size(), 78u) << line;
    }
  }
  EXPECT_EQ(parse_mail_message(message.text).field("To")->value, message.headers[2].value);
}

TEST(DotStuffing, DataPayload) {
  EXPECT_EQ(data_payload(""), ".\r\n");
  EXPECT_EQ(data_payload("a\r\n"), "a\r\n.\r\n");
  EXPECT_EQ(data_payload("a"), "a\r\n.\r\n");
  EXPECT_EQ(data_payload(".\r\n"), "..\r\n.\r\n");
  EXPECT_EQ(data_payload("x\r\n.y\r\n..z\r\nw.\r\n"), "x\r\n..y\r\n...z\r\nw.\r\n.\r\n");
  EXPECT_EQ(data_payload("bare\nlf\rcr\r\n.dot"), "bare\r\nlf\r\ncr\r\n..dot\r\n.\r\n");
}

TEST(DotStuffing, ProbeRoundTrip) {
  const auto message = compose_probe_message(spec());
  const std::string payload = data_payload(message.text);
  EXPECT_EQ(undo_dot_stuffing(payload), message.text);
  // Nothing but the terminator is a lone dot line.
  EXPECT_EQ(payload.find("\r\n.\r\n"), payload.size() - 5);
  EXPECT_NE(payload.find("\r\n..\r\n"), std::string::npos);
}

}  // namespace
}  // namespace smtp_ping
