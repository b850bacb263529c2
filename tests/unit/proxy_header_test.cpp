#include "net/proxy_header.hpp"

#include <gtest/gtest.h>

#include "net/socket_address.hpp"

namespace smtp_ping {
namespace {

TEST(ProxyHeader, Tcp4) {
  EXPECT_EQ(proxy_v1_header(numeric_address("192.0.2.10", 40000), numeric_address("198.51.100.25", 25)),
            "PROXY TCP4 192.0.2.10 198.51.100.25 40000 25\r\n");
}

TEST(ProxyHeader, Tcp6) {
  EXPECT_EQ(proxy_v1_header(numeric_address("2001:db8::1", 51234), numeric_address("2001:db8::25", 587)),
            "PROXY TCP6 2001:db8::1 2001:db8::25 51234 587\r\n");
}

TEST(ProxyHeader, Tcp6AddressesAreNotBracketed) {
  const auto header = proxy_v1_header(numeric_address("::1", 1), numeric_address("::1", 65535));
  EXPECT_EQ(header, "PROXY TCP6 ::1 ::1 1 65535\r\n");
  EXPECT_EQ(header.find('['), std::string::npos);
}

TEST(ProxyHeader, UnixSocketsAreUnknown) {
  EXPECT_EQ(proxy_v1_header(unix_socket_address("/tmp/client"), unix_socket_address("/run/smtp.sock")),
            "PROXY UNKNOWN\r\n");
}

TEST(ProxyHeader, MixedFamiliesAreUnknown) {
  EXPECT_EQ(proxy_v1_header(numeric_address("192.0.2.1", 1000), numeric_address("2001:db8::1", 25)),
            "PROXY UNKNOWN\r\n");
  EXPECT_EQ(proxy_v1_header(numeric_address("2001:db8::1", 1000), numeric_address("192.0.2.1", 25)),
            "PROXY UNKNOWN\r\n");
}

TEST(ProxyHeader, EmptyAddressesAreUnknown) {
  EXPECT_EQ(proxy_v1_header(SocketAddress{}, SocketAddress{}), "PROXY UNKNOWN\r\n");
}

TEST(ProxyHeader, FitsTheProtocolLimit) {
  // The v1 header is at most 107 bytes including CRLF.
  const auto header = proxy_v1_header(numeric_address("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", 65535),
                                      numeric_address("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 65535));
  EXPECT_LE(header.size(), 107u);
  EXPECT_EQ(header.substr(header.size() - 2), "\r\n");
}

}  // namespace
}  // namespace smtp_ping
