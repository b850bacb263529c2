// Issue 13: one rule per kind of value that goes on the wire.
#include "smtp/wire_value.hpp"

#include <gtest/gtest.h>

#include <string>

namespace smtp_ping {
namespace {

bool ok(WireValue kind, const std::string& value) { return !wire_value_problem(kind, value); }

TEST(WireValue, NoKindTakesCrLfOrNul) {
  for (const WireValue kind : {WireValue::command_line, WireValue::hello_name, WireValue::mailbox,
                               WireValue::sasl_user, WireValue::sasl_secret, WireValue::host_name})
    for (const std::string& bad : {std::string("a\rb"), std::string("a\nb"), std::string("a\0b", 3)})
      EXPECT_FALSE(ok(kind, bad)) << static_cast<int>(kind);
}

TEST(WireValue, CommandLine) {
  EXPECT_TRUE(ok(WireValue::command_line, "VRFY postmaster"));
  EXPECT_TRUE(ok(WireValue::command_line, "NOOP\twith a tab"));
  EXPECT_FALSE(ok(WireValue::command_line, "NOOP\x1b[2J"));
  EXPECT_FALSE(ok(WireValue::command_line, "NOOP\x7f"));
}

TEST(WireValue, HelloNameIsADomainOrAnAddressLiteral) {
  for (const char* good : {"probe.example.org", "localhost", "host_1.example", "xn--bcher-kva.example", "[192.0.2.1]",
                           "[IPv6:2001:db8::1]", "a-b.c"})
    EXPECT_TRUE(ok(WireValue::hello_name, good)) << good;
  for (const char* bad : {"probe example", "probe;rm", "-probe.example", "probe-.example", "a..b", ".a", "a.",
                          "[300.1.1.1]", "[2001:db8::1]", "[IPv6:nonsense]", "b\xc3\xbc" "cher.example", ""})
    EXPECT_FALSE(ok(WireValue::hello_name, bad)) << bad;
  EXPECT_FALSE(ok(WireValue::hello_name, std::string(64, 'a') + ".example")) << "label over 63";
  std::string long_name;
  for (int i = 0; i < 5; ++i) long_name += std::string(60, 'a') + ".";
  EXPECT_FALSE(ok(WireValue::hello_name, long_name + "example")) << "over 253";
}

TEST(WireValue, MailboxIsBare) {
  EXPECT_TRUE(ok(WireValue::mailbox, "probe@example.org"));
  EXPECT_TRUE(ok(WireValue::mailbox, ""));  // the null sender
  EXPECT_FALSE(ok(WireValue::mailbox, "<probe@example.org>"));
  EXPECT_FALSE(ok(WireValue::mailbox, "a@b> SIZE=1"));
  EXPECT_FALSE(ok(WireValue::mailbox, std::string(255, 'a')));
}

TEST(WireValue, SaslValuesCannotForgeAField) {
  EXPECT_TRUE(ok(WireValue::sasl_user, "probe@example.org"));
  EXPECT_TRUE(ok(WireValue::sasl_secret, "p@ss w0rd\twith tab"));
  EXPECT_FALSE(ok(WireValue::sasl_user, "user\x01" "auth=Bearer forged"));
  EXPECT_FALSE(ok(WireValue::sasl_secret, std::string("pass\0authzid", 12)));
  EXPECT_TRUE(ok(WireValue::sasl_secret, std::string(16384, 't')));
  EXPECT_FALSE(ok(WireValue::sasl_secret, std::string(16385, 't')));
}

TEST(WireValue, HostName) {
  EXPECT_TRUE(ok(WireValue::host_name, "mail.example.org"));
  EXPECT_TRUE(ok(WireValue::host_name, "mail.example.org."));  // absolute
  EXPECT_FALSE(ok(WireValue::host_name, "mail.example.org.."));
  EXPECT_FALSE(ok(WireValue::host_name, "mail example"));
  EXPECT_FALSE(ok(WireValue::host_name, "[::1]"));
}

TEST(WireValue, AddressLiterals) {
  EXPECT_TRUE(is_address_literal("[127.0.0.1]"));
  EXPECT_TRUE(is_address_literal("[IPv6:::1]"));
  EXPECT_FALSE(is_address_literal("127.0.0.1"));
  EXPECT_FALSE(is_address_literal("[::1]"));
  EXPECT_FALSE(is_address_literal("[]"));
}

}  // namespace
}  // namespace smtp_ping
