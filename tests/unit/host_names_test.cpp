// Issue 13: names and addresses as typed, made ready for the wire.
#include "options/host_names.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "dns/idn.hpp"

namespace smtp_ping {
namespace {

std::string why(std::string (*normalise)(const std::string&), const std::string& typed) {
  try {
    normalise(typed);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return {};
}

TEST(HostArgument, AddressesBracketedOrNot) {
  EXPECT_EQ(host_argument("[::1]"), "::1");
  EXPECT_EQ(host_argument("::1"), "::1");
  EXPECT_EQ(host_argument("[127.0.0.1]"), "127.0.0.1");
  EXPECT_EQ(host_argument("fe80::1%lo"), "fe80::1%lo");
  EXPECT_EQ(host_argument("/run/smtp.sock"), "/run/smtp.sock");
  EXPECT_EQ(host_argument("mail.example.org"), "mail.example.org");
}

TEST(HostArgument, HostAndPortPointsToDashP) {
  EXPECT_NE(why(host_argument, "mail.example.org:587").find("-H mail.example.org -p 587"), std::string::npos);
  EXPECT_NE(why(host_argument, "[::1]:25").find("-H ::1 -p 25"), std::string::npos);
  EXPECT_NE(why(host_argument, "127.0.0.1:25").find("-p"), std::string::npos);
}

TEST(HostArgument, RefusesWhatIsNoName) {
  for (const char* bad : {"mail example.org", "[mail.example.org]", "mail.example.org\r\nEHLO", "a..b", "*", "/run/\n",
                          "/tmp/x\x01" "auth=Bearer forged"})
    EXPECT_NE(why(host_argument, bad), "") << bad;
}

TEST(HostArgument, InternationalNamesBecomeALabels) {
  EXPECT_EQ(host_argument("b\xc3\xbc" "cher.example"), "xn--bcher-kva.example");
  EXPECT_EQ(host_argument("B\xc3\x9c" "CHER.Example"), "xn--bcher-kva.example");
  EXPECT_EQ(host_argument("M\xc3\xbcnchen.example"), "xn--mnchen-3ya.example");
  EXPECT_EQ(to_a_labels("ASCII.Example"), "ASCII.Example") << "ASCII names are left alone";
  EXPECT_NE(why(host_argument, "\xff\xfe.example"), "");
}

TEST(TlsNames, SniAndVerifyName) {
  EXPECT_EQ(sni_argument("b\xc3\xbc" "cher.example"), "xn--bcher-kva.example");
  EXPECT_NE(why(sni_argument, "192.0.2.1"), "");
  EXPECT_EQ(verify_name_argument("[2001:db8::1]"), "2001:db8::1");
  EXPECT_EQ(verify_name_argument("192.0.2.1"), "192.0.2.1");
  EXPECT_NE(why(verify_name_argument, std::string("mail.example.org\0.evil", 22)), "");
}

TEST(HelloName, DomainOrAddressLiteral) {
  EXPECT_EQ(hello_name_argument("probe.example.org"), "probe.example.org");
  EXPECT_EQ(hello_name_argument("[192.0.2.1]"), "[192.0.2.1]");
  EXPECT_EQ(hello_name_argument("pr\xc3\xbc" "fer.example"), "xn--prfer-lva.example");
  EXPECT_NE(why(hello_name_argument, "probe\r\nMAIL FROM:<x@y>"), "");
  EXPECT_NE(why(hello_name_argument, "[::1]"), "");
}

}  // namespace
}  // namespace smtp_ping
