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

DnsmasqServer::DnsmasqServer() : port_(free_loopback_port(true)) {
  process_.emplace(dnsmasq_arguments(port_), directory_.path() / "dnsmasq");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!process_->running()) throw std::runtime_error("dnsmasq exited: " + process_->stderr_text());
    if (process_->stderr_text().find("started") != std::string::npos) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("dnsmasq did not start: " + process_->stderr_text());
}

}  // namespace smtp_ping::zabbix_test
