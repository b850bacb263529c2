#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "agent_harness.hpp"

namespace smtp_ping::zabbix_test {

// dnsmasq answering on 127.0.0.1:<port> from its command line only (no
// resolv.conf, no hosts file, no upstream), authoritative for *.test:
//   example.test  MX 10 mx1.example.test, MX 20 mx2.example.test
//   mx1.example.test A 127.0.0.1; mx2.example.test A 127.0.0.2, AAAA ::2
//   plain.test A 127.0.0.9 (no MX)
class DnsmasqServer {
 public:
  DnsmasqServer();
  std::uint16_t port() const { return port_; }
  std::string server() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  TempDir directory_;
  std::uint16_t port_ = 0;
  std::optional<ChildProcess> process_;
};

}  // namespace smtp_ping::zabbix_test
