#include "lossy_relay.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <chrono>

namespace smtp_ping::test {
namespace {

sockaddr_in loopback_address(const std::string& host, std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  ::inet_pton(AF_INET, host.c_str(), &address.sin_addr);
  return address;
}

constexpr int kMaxPackets = 2000;   // a test asks a few dozen
constexpr auto kLifetime = std::chrono::seconds(60);

}  // namespace

LossyRelay::LossyRelay(const std::string& upstream_host, std::uint16_t upstream_port, int drop_first)
    : listener_(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)),
      upstream_(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)),
      drop_first_(drop_first) {
  sockaddr_in local = loopback_address("127.0.0.1", 0);
  socklen_t length = sizeof local;
  const sockaddr_in remote = loopback_address(upstream_host, upstream_port);
  if (::bind(listener_.get(), reinterpret_cast<const sockaddr*>(&local), sizeof local) != 0 ||
      ::getsockname(listener_.get(), reinterpret_cast<sockaddr*>(&local), &length) != 0 ||
      ::connect(upstream_.get(), reinterpret_cast<const sockaddr*>(&remote), sizeof remote) != 0) {
    listener_.reset();
    return;
  }
  port_ = ntohs(local.sin_port);
  thread_ = std::thread([this] { run(); });
}

LossyRelay::~LossyRelay() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

// One query at a time: receive, drop or pass on, wait for the upstream's answer, send it back.
void LossyRelay::run() {
  const auto end = std::chrono::steady_clock::now() + kLifetime;
  char packet[65536];
  for (int packets = 0; packets < kMaxPackets && !stop_ && std::chrono::steady_clock::now() < end;) {
    pollfd wait{listener_.get(), POLLIN, 0};
    if (::poll(&wait, 1, 50) <= 0) continue;
    sockaddr_in client{};
    socklen_t client_length = sizeof client;
    const ssize_t got = ::recvfrom(listener_.get(), packet, sizeof packet, 0, reinterpret_cast<sockaddr*>(&client),
                                   &client_length);
    if (got <= 0) continue;
    ++packets;
    if (dropped_ < drop_first_) {
      ++dropped_;
      continue;
    }
    if (::send(upstream_.get(), packet, static_cast<std::size_t>(got), 0) != got) continue;
    pollfd answer{upstream_.get(), POLLIN, 0};
    if (::poll(&answer, 1, 2000) <= 0) continue;
    const ssize_t reply = ::recv(upstream_.get(), packet, sizeof packet, 0);
    if (reply <= 0) continue;
    ::sendto(listener_.get(), packet, static_cast<std::size_t>(reply), 0, reinterpret_cast<const sockaddr*>(&client),
             client_length);
    ++relayed_;
  }
}

}  // namespace smtp_ping::test
