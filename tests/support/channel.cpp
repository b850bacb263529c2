#include "channel.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <system_error>

namespace smtp_ping::test {
namespace {

constexpr std::size_t max_line_bytes = 1 << 20;

int poll_timeout_ms(SteadyClock::time_point until) {
  const auto left = std::chrono::ceil<Millis>(until - SteadyClock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, 60'000));
}

std::string take_line(std::string& buffer, std::size_t newline) {
  std::string line = buffer.substr(0, newline);
  buffer.erase(0, newline + 1);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string openssl_errors() {
  std::string text;
  while (const unsigned long code = ERR_get_error()) {
    std::array<char, 256> message{};
    ERR_error_string_n(code, message.data(), message.size());
    if (!text.empty()) text += "; ";
    text += message.data();
  }
  return text.empty() ? "handshake failed" : text;
}

}  // namespace

StopSignal::StopSignal() {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC | O_NONBLOCK) != 0) throw std::system_error(errno, std::generic_category(), "pipe2");
  read_end_.reset(ends[0]);
  write_end_.reset(ends[1]);
}

void StopSignal::raise() const {
  const char byte = 'x';
  [[maybe_unused]] const auto ignored = ::write(write_end_.get(), &byte, 1);
}

bool StopSignal::raised() const {
  pollfd entry{read_end_.get(), POLLIN, 0};
  return ::poll(&entry, 1, 0) > 0;
}

bool StopSignal::sleep_until(SteadyClock::time_point until) const {
  for (;;) {
    pollfd entry{read_end_.get(), POLLIN, 0};
    const int timeout = poll_timeout_ms(until);
    const int n = ::poll(&entry, 1, timeout);
    if (n > 0) return false;
    if (n == 0 && SteadyClock::now() >= until) return true;
  }
}

Channel::Channel(UniqueFd fd, const StopSignal& stop, Millis idle_timeout)
    : fd_(std::move(fd)), stop_(stop), idle_timeout_(idle_timeout) {
  const int flags = ::fcntl(fd_.get(), F_GETFL);
  ::fcntl(fd_.get(), F_SETFL, flags | O_NONBLOCK);
  const int on = 1;  // trickled bytes must leave one by one; fails harmlessly on unix sockets
  ::setsockopt(fd_.get(), IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

Channel::~Channel() {
  if (ssl_) SSL_shutdown(ssl_.get());  // one close_notify, not waiting for the peer's
}

Channel::Ready Channel::wait_for(short events, SteadyClock::time_point until) const {
  for (;;) {
    std::array<pollfd, 2> entries{{{fd_.get(), events, 0}, {stop_.fd(), POLLIN, 0}}};
    const int n = ::poll(entries.data(), entries.size(), poll_timeout_ms(until));
    if (n < 0 && errno != EINTR) throw ConnectionOver{};
    if (entries[1].revents != 0) throw ConnectionOver{};
    if (entries[0].revents != 0) return Ready::yes;
    if (n == 0 && SteadyClock::now() >= until) return Ready::timeout;
  }
}

long Channel::receive(char* into, std::size_t size, SteadyClock::time_point until) {
  for (;;) {
    if (ssl_) {
      const int n = SSL_read(ssl_.get(), into, static_cast<int>(size));
      if (n > 0) return n;
      const int error = SSL_get_error(ssl_.get(), n);
      short events = 0;
      if (error == SSL_ERROR_WANT_READ) events = POLLIN;
      else if (error == SSL_ERROR_WANT_WRITE) events = POLLOUT;
      else return 0;
      if (wait_for(events, until) == Ready::timeout) return 0;
      continue;
    }
    const auto n = ::recv(fd_.get(), into, size, 0);
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return 0;
    if (wait_for(POLLIN, until) == Ready::timeout) return 0;
  }
}

std::size_t Channel::fill_buffer() {
  std::array<char, 16384> chunk{};
  const auto n = receive(chunk.data(), chunk.size(), idle_deadline());
  buffer_.append(chunk.data(), static_cast<std::size_t>(n));
  return static_cast<std::size_t>(n);
}

std::optional<std::string> Channel::read_line() {
  for (;;) {
    const auto newline = buffer_.find('\n');
    if (newline != std::string::npos) return take_line(buffer_, newline);
    if (buffer_.size() >= max_line_bytes) return std::exchange(buffer_, {});
    if (fill_buffer() == 0) return std::nullopt;
  }
}

std::optional<std::string> Channel::read_exact(std::size_t size) {
  while (buffer_.size() < size) {
    if (fill_buffer() == 0) return std::nullopt;
  }
  std::string bytes = buffer_.substr(0, size);
  buffer_.erase(0, size);
  return bytes;
}

std::optional<std::string> Channel::read_line_unbuffered(std::size_t max_bytes) {
  std::string line;
  const auto until = idle_deadline();
  while (line.size() < max_bytes) {
    char byte = 0;
    if (receive(&byte, 1, until) == 0) return std::nullopt;
    if (byte == '\n') break;
    line += byte;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

void Channel::send_some(std::string_view bytes, SteadyClock::time_point until, std::size_t& sent) {
  if (ssl_) {
    const int n = SSL_write(ssl_.get(), bytes.data() + sent, static_cast<int>(bytes.size() - sent));
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
      return;
    }
    const int error = SSL_get_error(ssl_.get(), n);
    if (error == SSL_ERROR_WANT_READ && wait_for(POLLIN, until) == Ready::yes) return;
    if (error == SSL_ERROR_WANT_WRITE && wait_for(POLLOUT, until) == Ready::yes) return;
    throw ConnectionOver{};
  }
  const auto n = ::send(fd_.get(), bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
  if (n >= 0) {
    sent += static_cast<std::size_t>(n);
    return;
  }
  if (errno == EINTR) return;
  if ((errno == EAGAIN || errno == EWOULDBLOCK) && wait_for(POLLOUT, until) == Ready::yes) return;
  throw ConnectionOver{};
}

void Channel::write(std::string_view bytes) {
  const auto until = idle_deadline();
  std::size_t sent = 0;
  while (sent < bytes.size()) send_some(bytes, until, sent);
}

void Channel::pause(Millis duration) const {
  if (duration <= Millis::zero()) return;
  if (!stop_.sleep_until(SteadyClock::now() + duration)) throw ConnectionOver{};
}

bool Channel::input_pending() {
  if (!buffer_.empty()) return true;
  if (ssl_ && SSL_pending(ssl_.get()) > 0) return true;
  char byte = 0;
  // A peer that already closed is readable too, but has sent nothing.
  return ::recv(fd_.get(), &byte, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
}

bool Channel::pause_watching_input(Millis duration) {
  const auto until = SteadyClock::now() + duration;
  bool pending = input_pending();
  while (!pending && SteadyClock::now() < until) {
    if (wait_for(POLLIN, until) == Ready::timeout) break;
    pending = input_pending();
    if (!pending) break;  // EOF: nothing more will come, just sleep out the rest
  }
  if (!stop_.sleep_until(until)) throw ConnectionOver{};
  return pending;
}

void Channel::stall() const {
  stop_.sleep_until(SteadyClock::time_point::max());
  throw ConnectionOver{};
}

void Channel::discard_until_eof() {
  std::array<char, 4096> chunk{};
  for (;;) {
    const auto n = ::recv(fd_.get(), chunk.data(), chunk.size(), 0);
    if (n > 0) continue;
    if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) return;
    if (wait_for(POLLIN, idle_deadline()) == Ready::timeout) return;
  }
}

std::string Channel::read_raw_some(std::size_t max_bytes) {
  std::string bytes(max_bytes, '\0');
  for (;;) {
    const auto n = ::recv(fd_.get(), bytes.data(), bytes.size(), 0);
    if (n >= 0) {
      bytes.resize(static_cast<std::size_t>(n));
      return bytes;
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return {};
    if (wait_for(POLLIN, idle_deadline()) == Ready::timeout) return {};
  }
}

std::string Channel::start_tls(SSL_CTX* context) {
  buffer_.clear();  // bytes pipelined after STARTTLS must not count as TLS data
  SslPtr ssl(SSL_new(context));
  if (!ssl || SSL_set_fd(ssl.get(), fd_.get()) != 1) return openssl_errors();
  ERR_clear_error();
  const auto until = idle_deadline();
  for (;;) {
    const int result = SSL_accept(ssl.get());
    if (result == 1) break;
    const int error = SSL_get_error(ssl.get(), result);
    short events = 0;
    if (error == SSL_ERROR_WANT_READ) events = POLLIN;
    else if (error == SSL_ERROR_WANT_WRITE) events = POLLOUT;
    else return openssl_errors();
    if (wait_for(events, until) == Ready::timeout) return "handshake timed out";
  }
  ssl_ = std::move(ssl);
  return {};
}

std::string Channel::sni() const {
  if (!ssl_) return {};
  const char* name = SSL_get_servername(ssl_.get(), TLSEXT_NAMETYPE_host_name);
  return name ? name : "";
}

void Channel::reset() {
  const linger abort_on_close{1, 0};
  ::setsockopt(fd_.get(), SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
  ssl_.reset();  // no close_notify before a reset
  fd_.reset();
}

}  // namespace smtp_ping::test
