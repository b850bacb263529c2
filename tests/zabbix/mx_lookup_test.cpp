#include "dns/mx.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <gtest/gtest.h>

#include "common/unique_fd.hpp"
#include "dnsmasq_server.hpp"

namespace smtp_ping::zabbix_test {
namespace {

using namespace std::chrono_literals;

MxLookupOptions through(const std::string& server) { return {parse_dns_server(server)}; }

// A UDP socket on loopback that receives queries and never answers.
class SilentDnsServer {
 public:
  SilentDnsServer() : fd_(::socket(AF_INET, SOCK_DGRAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd_.get(), reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  std::string server() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  UniqueFd fd_;
  std::uint16_t port_ = 0;
};

class MxLookup : public testing::Test {
 protected:
  static void SetUpTestSuite() { dns_ = new DnsmasqServer(); }
  static void TearDownTestSuite() {
    delete dns_;
    dns_ = nullptr;
  }
  static DnsmasqServer* dns_;
};
DnsmasqServer* MxLookup::dns_ = nullptr;

TEST_F(MxLookup, ExchangesSortedWithAddresses) {
  const auto exchanges = lookup_mx("example.test", through(dns_->server()), Deadline::after(3s));
  ASSERT_EQ(exchanges.size(), 2u);
  EXPECT_EQ(exchanges[0].preference, 10);
  EXPECT_EQ(exchanges[0].host, "mx1.example.test");
  EXPECT_EQ(exchanges[0].addresses, std::vector<std::string>{"127.0.0.1"});
  EXPECT_EQ(exchanges[1].preference, 20);
  EXPECT_EQ(exchanges[1].host, "mx2.example.test");
  EXPECT_EQ(exchanges[1].addresses, (std::vector<std::string>{"127.0.0.2", "::2"}));
}

TEST_F(MxLookup, DomainWithoutMxIsItsOwnImplicitExchange) {
  const auto exchanges = lookup_mx("plain.test", through(dns_->server()), Deadline::after(3s));
  ASSERT_EQ(exchanges.size(), 1u);
  EXPECT_EQ(exchanges[0].preference, 0);
  EXPECT_EQ(exchanges[0].host, "plain.test");
  EXPECT_EQ(exchanges[0].addresses, std::vector<std::string>{"127.0.0.9"});
}

TEST_F(MxLookup, MissingDomainIsAnError) {
  try {
    lookup_mx("nothing.test", through(dns_->server()), Deadline::after(3s));
    FAIL() << "no error";
  } catch (const DnsLookupError& error) {
    EXPECT_NE(std::string(error.what()).find("NXDOMAIN"), std::string::npos) << error.what();
  }
}

TEST(MxLookupDeadline, SilentServerFailsWithinTheDeadline) {
  SilentDnsServer silent;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(lookup_mx("example.test", through(silent.server()), Deadline::after(1500ms)), DnsLookupError);
  EXPECT_LE(std::chrono::steady_clock::now() - start, 1500ms + 300ms);
}

TEST(MxLookupDeadline, LessThanOneSecondLeftFailsAtOnce) {
  SilentDnsServer silent;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(lookup_mx("example.test", through(silent.server()), Deadline::after(500ms)), DnsLookupError);
  EXPECT_LE(std::chrono::steady_clock::now() - start, 500ms);  // never past the deadline
}

TEST(ParseDnsServer, AddressAndPort) {
  EXPECT_EQ(parse_dns_server("192.0.2.53").port, 53);
  EXPECT_EQ(parse_dns_server("192.0.2.53:5353").port, 5353);
  EXPECT_THROW(parse_dns_server("::1"), std::invalid_argument);
  EXPECT_THROW(parse_dns_server("192.0.2.53:"), std::invalid_argument);
  EXPECT_THROW(parse_dns_server("192.0.2.53:70000"), std::invalid_argument);
  EXPECT_THROW(parse_dns_server("ns.example"), std::invalid_argument);
}

}  // namespace
}  // namespace smtp_ping::zabbix_test
