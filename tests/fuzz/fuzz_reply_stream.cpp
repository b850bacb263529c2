// ReplyReader over a socketpair: the input is what a server sends, then EOF.
// Replies are read until an exception; only ProtocolError and TransportError
// are expected. The first input byte picks small or default limits, so the
// limit checks are reached with short inputs too.
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>

#include "common/unique_fd.hpp"
#include "fuzz_support.hpp"
#include "smtp/reply_reader.hpp"
#include "net/connection.hpp"
#include "net/transport_error.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;

namespace {

// Fits into an AF_UNIX socket buffer, so one write() never blocks.
constexpr std::size_t kMaxInput = 96 * 1024;

ReplyLimits limits_for(std::uint8_t selector) {
  if (selector & 1) return ReplyLimits{};
  ReplyLimits small;
  small.max_line_bytes = 64 + (selector >> 1) % 64;
  small.max_lines = 1 + (selector >> 2) % 16;
  small.max_reply_bytes = 128 + (selector >> 3) * 8;
  return small;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0 || size > kMaxInput) return 0;
  const ReplyLimits limits = limits_for(data[0]);
  const std::string_view stream = as_text(data + 1, size - 1);

  int ends[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, ends) != 0) return 0;
  UniqueFd reading(ends[0]);
  UniqueFd writing(ends[1]);
  int buffer_size = 4 * static_cast<int>(kMaxInput);
  ::setsockopt(writing.get(), SOL_SOCKET, SO_SNDBUF, &buffer_size, sizeof buffer_size);
  ::setsockopt(reading.get(), SOL_SOCKET, SO_RCVBUF, &buffer_size, sizeof buffer_size);
  std::size_t written = 0;
  while (written < stream.size()) {
    const ssize_t n = ::write(writing.get(), stream.data() + written, stream.size() - written);
    if (n <= 0) break;  // a full buffer: fuzz what fitted
    written += static_cast<std::size_t>(n);
  }
  writing.reset();

  Connection connection(std::move(reading));
  ReplyReader reader(connection, limits);
  const Deadline deadline = Deadline::after(std::chrono::milliseconds(5));
  std::size_t consumed_lines = 0;
  for (int replies = 0; replies < 100'000; ++replies) {
    try {
      const Reply reply = reader.read_reply(deadline);
      require(reply.code >= 200 && reply.code <= 599, "reply code outside 2xx-5xx");
      require(!reply.lines.empty(), "a reply without lines");
      require(reply.lines.size() <= limits.max_lines, "more lines than max_lines");
      std::size_t bytes = 0;
      for (const auto& line : reply.lines) {
        require(line.size() <= limits.max_line_bytes, "a line longer than max_line_bytes");
        require(line.find('\n') == std::string::npos, "a line with LF");
        bytes += line.size();
      }
      require(bytes <= limits.max_reply_bytes, "a reply larger than max_reply_bytes");
      consumed_lines += reply.lines.size();
      require(consumed_lines <= stream.size(), "more lines than input bytes");
    } catch (const ProtocolError&) {
      break;
    } catch (const TransportError&) {
      break;
    }
  }
  return 0;
}
