#include "dns/resolve.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "common/unique_fd.hpp"
#include "net/host_name.hpp"

namespace smtp_ping {
namespace {

Deadline soon() { return Deadline::after(std::chrono::seconds(10)); }

TEST(NumericAddress, Ipv4) {
  const auto address = numeric_address("192.0.2.1", 25);
  EXPECT_EQ(address.family(), AF_INET);
  EXPECT_EQ(address.host(), "192.0.2.1");
  EXPECT_EQ(address.port(), 25);
  EXPECT_EQ(address.host_port(), "192.0.2.1:25");
  EXPECT_EQ(address.length, sizeof(sockaddr_in));
}

TEST(NumericAddress, Ipv6IsBracketedWithPort) {
  const auto address = numeric_address("2001:db8::1", 587);
  EXPECT_EQ(address.family(), AF_INET6);
  EXPECT_EQ(address.host(), "2001:db8::1");
  EXPECT_EQ(address.port(), 587);
  EXPECT_EQ(address.host_port(), "[2001:db8::1]:587");
  EXPECT_EQ(address.length, sizeof(sockaddr_in6));
}

TEST(NumericAddress, Ipv6IsPrintedInCanonicalForm) {
  EXPECT_EQ(numeric_address("2001:0db8:0000:0000:0000:0000:0000:0001", 25).host(), "2001:db8::1");
  EXPECT_EQ(numeric_address("::1", 25).host_port(), "[::1]:25");
}

TEST(NumericAddress, DefaultPortIsZero) {
  EXPECT_EQ(numeric_address("127.0.0.1").port(), 0);
  EXPECT_EQ(numeric_address("127.0.0.1").host_port(), "127.0.0.1:0");
}

TEST(NumericAddress, HighestPort) { EXPECT_EQ(numeric_address("127.0.0.1", 65535).port(), 65535); }

TEST(NumericAddress, NamesAreRejected) {
  EXPECT_THROW(numeric_address("localhost"), ResolveError);
  EXPECT_THROW(numeric_address("mail.example.org"), ResolveError);
  EXPECT_THROW(numeric_address("256.1.1.1"), ResolveError);
  EXPECT_THROW(numeric_address("[::1]"), ResolveError);
  try {
    numeric_address("not-an-address");
    FAIL() << "no exception";
  } catch (const ResolveError& error) {
    EXPECT_FALSE(error.timed_out());
    EXPECT_NE(std::string(error.what()).find("not-an-address"), std::string::npos) << error.what();
  }
}

TEST(ResolveHost, NumericIpv4) {
  const auto addresses = resolve_host("127.0.0.1", 25, AddressFamily::any, soon());
  ASSERT_EQ(addresses.size(), 1u);
  EXPECT_EQ(addresses[0].family(), AF_INET);
  EXPECT_EQ(addresses[0].host_port(), "127.0.0.1:25");
}

TEST(ResolveHost, NumericIpv6) {
  const auto addresses = resolve_host("::1", 2525, AddressFamily::any, soon());
  ASSERT_EQ(addresses.size(), 1u);
  EXPECT_EQ(addresses[0].family(), AF_INET6);
  EXPECT_EQ(addresses[0].host_port(), "[::1]:2525");
}

TEST(ResolveHost, NumericOfTheAskedFamily) {
  EXPECT_EQ(resolve_host("192.0.2.7", 25, AddressFamily::ipv4, soon()).at(0).host(), "192.0.2.7");
  EXPECT_EQ(resolve_host("2001:db8::7", 25, AddressFamily::ipv6, soon()).at(0).host(), "2001:db8::7");
}

TEST(ResolveHost, Ipv4LiteralWithIpv6Family) {
  try {
    resolve_host("127.0.0.1", 25, AddressFamily::ipv6, soon());
    FAIL() << "no exception";
  } catch (const ResolveError& error) {
    EXPECT_STREQ(error.what(), "address is not IPv6");
    EXPECT_FALSE(error.timed_out());
  }
}

TEST(ResolveHost, Ipv6LiteralWithIpv4Family) {
  try {
    resolve_host("::1", 25, AddressFamily::ipv4, soon());
    FAIL() << "no exception";
  } catch (const ResolveError& error) {
    EXPECT_STREQ(error.what(), "address is not IPv4");
    EXPECT_FALSE(error.timed_out());
  }
}

TEST(ResolveHost, LocalhostResolves) {
  const auto addresses = resolve_host("localhost", 25, AddressFamily::any, soon());
  ASSERT_FALSE(addresses.empty());
  for (const auto& address : addresses) {
    EXPECT_EQ(address.port(), 25);
    EXPECT_TRUE(address.family() == AF_INET || address.family() == AF_INET6);
  }
}

TEST(ResolveHost, LocalhostIpv4) {
  const auto addresses = resolve_host("localhost", 25, AddressFamily::ipv4, soon());
  ASSERT_FALSE(addresses.empty());
  for (const auto& address : addresses) EXPECT_EQ(address.family(), AF_INET);
  EXPECT_EQ(addresses[0].host_port(), "127.0.0.1:25");
}

TEST(ResolveHost, NoDuplicateAddresses) {
  const auto addresses = resolve_host("localhost", 25, AddressFamily::any, soon());
  for (std::size_t i = 0; i < addresses.size(); ++i)
    for (std::size_t j = i + 1; j < addresses.size(); ++j)
      EXPECT_NE(addresses[i].host_port(), addresses[j].host_port());
}

TEST(ResolveHost, InvalidNameFails) {
  // A name with an empty label is no valid DNS name (and times out, at worst).
  EXPECT_THROW(resolve_host("bad..name", 25, AddressFamily::any, soon()), ResolveError);
}

TEST(UnixSocketAddress, PathAndNoPort) {
  const auto address = unix_socket_address("/run/postfix/smtpd.sock");
  EXPECT_EQ(address.family(), AF_UNIX);
  EXPECT_EQ(address.host(), "/run/postfix/smtpd.sock");
  EXPECT_EQ(address.port(), 0);
  EXPECT_EQ(address.host_port(), "/run/postfix/smtpd.sock");
  EXPECT_EQ(address.length, offsetof(sockaddr_un, sun_path) + std::string("/run/postfix/smtpd.sock").size() + 1);
}

TEST(UnixSocketAddress, LongestPathFits) {
  const std::string longest(sizeof(sockaddr_un{}.sun_path) - 1, 'a');
  EXPECT_EQ(unix_socket_address(longest).host(), longest);
}

TEST(UnixSocketAddress, TooLongPathIsRefused) {
  const std::string too_long(sizeof(sockaddr_un{}.sun_path), 'a');
  EXPECT_THROW(unix_socket_address(too_long), ResolveError);
}

TEST(SocketAddress, UnknownFamily) {
  const SocketAddress empty;
  EXPECT_EQ(empty.host(), "?");
  EXPECT_EQ(empty.port(), 0);
  EXPECT_EQ(empty.host_port(), "?");
}

TEST(SocketNames, OfAUnixSocketPair) {
  int fds[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
  UniqueFd a(fds[0]), b(fds[1]);
  EXPECT_EQ(local_address_of(a.get()).family(), AF_UNIX);
  EXPECT_EQ(peer_address_of(a.get()).family(), AF_UNIX);
  EXPECT_EQ(peer_address_of(a.get()).port(), 0);
}

TEST(SocketNames, OfLoopbackTcp) {
  UniqueFd listener(::socket(AF_INET, SOCK_STREAM, 0));
  ASSERT_TRUE(listener.valid());
  const auto bind_to = numeric_address("127.0.0.1", 0);
  ASSERT_EQ(::bind(listener.get(), bind_to.get(), bind_to.length), 0);
  ASSERT_EQ(::listen(listener.get(), 1), 0);
  const auto listening = local_address_of(listener.get());
  ASSERT_EQ(listening.family(), AF_INET);
  ASSERT_NE(listening.port(), 0);

  UniqueFd client(::socket(AF_INET, SOCK_STREAM, 0));
  ASSERT_EQ(::connect(client.get(), listening.get(), listening.length), 0);
  EXPECT_EQ(peer_address_of(client.get()).host_port(), listening.host_port());
  EXPECT_EQ(local_address_of(client.get()).host(), "127.0.0.1");
  EXPECT_NE(local_address_of(client.get()).port(), 0);
}

TEST(SocketNames, NotASocket) {
  EXPECT_EQ(peer_address_of(-1).length, 0u);
  EXPECT_EQ(local_address_of(-1).length, 0u);
}

TEST(LocalFqdn, IsNotEmpty) {
  const auto name = local_fqdn();
  EXPECT_FALSE(name.empty());
  EXPECT_EQ(name.find_first_of(" \t\r\n"), std::string::npos);
}

}  // namespace
}  // namespace smtp_ping
