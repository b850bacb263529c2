// --dns-server's value: parse_forwarder() (lib/resolver/forwarder.hpp).
#include "resolver/forwarder.hpp"

#include <gtest/gtest.h>

namespace smtp_ping::resolver {
namespace {

Forwarder parsed(std::string_view text) {
  const auto result = parse_forwarder(text);
  EXPECT_TRUE(result.forwarder) << text << ": " << result.error;
  return result.forwarder.value_or(Forwarder{});
}

std::string refusal(std::string_view text) {
  const auto result = parse_forwarder(text);
  EXPECT_FALSE(result.forwarder) << text;
  return result.error;
}

TEST(ResolverForwarder, Ipv4WithAndWithoutPort) {
  EXPECT_EQ(parsed("192.0.2.53").host_port(), "192.0.2.53:53");
  EXPECT_EQ(parsed("127.53.1.2:10053").host_port(), "127.53.1.2:10053");
}

TEST(ResolverForwarder, Ipv6BareOrInBrackets) {
  EXPECT_EQ(parsed("::1").host_port(), "[::1]:53");
  EXPECT_EQ(parsed("2001:db8::53").address, "2001:db8::53");
  EXPECT_EQ(parsed("[2001:db8::53]").host_port(), "[2001:db8::53]:53");
  const auto with_port = parsed("[::1]:5353");
  EXPECT_EQ(with_port.address, "::1");
  EXPECT_EQ(with_port.port, 5353);
}

TEST(ResolverForwarder, NamesAreRefused) {
  EXPECT_EQ(refusal("dns.example.org"),
            "invalid DNS server 'dns.example.org': expected a numeric IPv4 or IPv6 address, with an optional port "
            "(ADDR:PORT, [IPv6]:PORT)");
}

TEST(ResolverForwarder, BadPortsAreRefused) {
  EXPECT_EQ(refusal("192.0.2.1:0"), "invalid DNS server '192.0.2.1:0': the port must be a number from 1 to 65535");
  refusal("192.0.2.1:65536");
  refusal("192.0.2.1:");
  refusal("192.0.2.1:53x");
  refusal("[::1]:");
  refusal("[::1]:-1");
}

TEST(ResolverForwarder, MalformedBracketsAreRefused) {
  EXPECT_EQ(refusal("[::1"), "invalid DNS server '[::1': no ']' after the IPv6 address");
  refusal("[192.0.2.1]");
  refusal("[::1]53");
  refusal("");
  refusal(std::string_view("::1\0x", 5));
}

}  // namespace
}  // namespace smtp_ping::resolver
