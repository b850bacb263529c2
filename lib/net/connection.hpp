#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "common/deadline.hpp"
#include "common/unique_fd.hpp"
#include "net/byte_channel.hpp"
#include "net/byte_source.hpp"

namespace smtp_ping {

// A connected byte stream with deadlines: plain at first, TLS after
// upgrade() (STARTTLS) or from the start (implicit TLS).
// Errors throw TransportError.
class Connection final : public ByteSource {
 public:
  explicit Connection(UniqueFd fd);
  ~Connection();
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;

  void send(std::string_view data, const Deadline& deadline);
  // Waits for at least one byte; returns how many were stored (never 0:
  // end of stream throws TransportError closed).
  std::size_t receive(char* buffer, std::size_t size, const Deadline& deadline) override;

  // From now on every byte goes through `channel` (a TLS session, already handshaken).
  void upgrade(std::unique_ptr<ByteChannel> channel);
  bool encrypted() const { return channel_ != nullptr; }

  int fd() const { return fd_.get(); }

 private:
  UniqueFd fd_;
  std::unique_ptr<ByteChannel> channel_;
};

}  // namespace smtp_ping
