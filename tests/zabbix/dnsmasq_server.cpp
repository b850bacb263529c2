#include "dnsmasq_server.hpp"

#include <chrono>
#include <stdexcept>
#include <thread>

namespace smtp_ping::zabbix_test {
namespace {

std::vector<std::string> dnsmasq_arguments(std::uint16_t port) {
  return {DNSMASQ_PROGRAM,
          "--keep-in-foreground",
          "--conf-file=/dev/null",
          "--pid-file=",
          "--log-facility=-",
          "--user=root",
          "--port=" + std::to_string(port),
          "--listen-address=127.0.0.1",
          "--bind-interfaces",
          "--no-resolv",
          "--no-hosts",
          "--local=/test/",
          "--mx-host=example.test,mx1.example.test,10",
          "--mx-host=example.test,mx2.example.test,20",
          "--host-record=mx1.example.test,127.0.0.1",
          "--host-record=mx2.example.test,127.0.0.2,::2",
          "--host-record=plain.test,127.0.0.9"};
}

}  // namespace

// A free port is only free when asked: dnsmasq also binds TCP on it, and a
// loopback client's TIME_WAIT may hold that. Another port then, a few times.
DnsmasqServer::DnsmasqServer() {
  std::string last_error;
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = free_loopback_port(true);
    process_.emplace(dnsmasq_arguments(port_), directory_.path() / ("dnsmasq-" + std::to_string(attempt)));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline && process_->running() &&
           process_->stderr_text().find("started") == std::string::npos)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (process_->stderr_text().find("started") != std::string::npos && process_->running()) return;
    last_error = process_->stderr_text();
    if (last_error.find("Address already in use") == std::string::npos) break;
  }
  throw std::runtime_error("dnsmasq did not start: " + last_error);
}

}  // namespace smtp_ping::zabbix_test
