#pragma once

// A UDP relay on loopback in front of the fixture's resolver that drops the first N queries it
// receives and passes the rest on, answers included: a lossy path, to see the client retry.

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

#include "common/unique_fd.hpp"

namespace smtp_ping::test {

class LossyRelay {
 public:
  // Listens on 127.0.0.1 (a free port), relays to upstream_host:upstream_port.
  LossyRelay(const std::string& upstream_host, std::uint16_t upstream_port, int drop_first);
  ~LossyRelay();
  LossyRelay(const LossyRelay&) = delete;
  LossyRelay& operator=(const LossyRelay&) = delete;

  bool ok() const { return listener_.valid() && upstream_.valid(); }
  std::uint16_t port() const { return port_; }
  int dropped() const { return dropped_.load(); }
  int relayed() const { return relayed_.load(); }

 private:
  void run();

  UniqueFd listener_;
  UniqueFd upstream_;  // connected to the upstream resolver
  std::uint16_t port_ = 0;
  int drop_first_;
  std::atomic<int> dropped_{0};
  std::atomic<int> relayed_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace smtp_ping::test
