#pragma once

#include <openssl/ssl.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/unique_fd.hpp"
#include "server_script.hpp"

namespace smtp_ping::test {

using SteadyClock = std::chrono::steady_clock;

// Thrown when a connection has to end now: the server stops, or the peer is gone.
struct ConnectionOver {};

// Raised once when the server stops; every blocking wait of every thread
// polls its fd, which stays readable from then on.
class StopSignal {
 public:
  StopSignal();
  void raise() const;
  bool raised() const;
  int fd() const { return read_end_.get(); }
  // Sleeps until `until`; false if the signal came first.
  bool sleep_until(SteadyClock::time_point until) const;

 private:
  UniqueFd read_end_;
  UniqueFd write_end_;
};

struct SslDeleter {
  void operator()(SSL* ssl) const { SSL_free(ssl); }
};
using SslPtr = std::unique_ptr<SSL, SslDeleter>;

// One accepted connection, plain or TLS, with every wait bounded by the idle
// timeout and interrupted by the stop signal.
class Channel {
 public:
  Channel(UniqueFd fd, const StopSignal& stop, Millis idle_timeout);
  ~Channel();
  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;

  int fd() const { return fd_.get(); }

  // The next line without CR/LF; nullopt at EOF or after the idle timeout.
  std::optional<std::string> read_line();
  // One line read byte by byte, so nothing after it is consumed (the PROXY header
  // may be followed directly by a TLS ClientHello).
  std::optional<std::string> read_line_unbuffered(std::size_t max_bytes);
  // Exactly `size` bytes (an IMAP literal); nullopt at EOF or after the idle timeout.
  std::optional<std::string> read_exact(std::size_t size);
  void write(std::string_view bytes);

  void pause(Millis duration) const;
  // Pauses; true if input from the peer is waiting (it is not consumed).
  bool pause_watching_input(Millis duration);
  bool input_pending();
  // Waits for the server to stop; never returns.
  [[noreturn]] void stall() const;
  // Reads and drops everything until the peer closes, the idle timeout or the stop.
  void discard_until_eof();
  // Reads whatever arrives first (at most `max_bytes`), without TLS.
  std::string read_raw_some(std::size_t max_bytes);

  // TLS server handshake; an empty string on success, else the reason.
  std::string start_tls(SSL_CTX* context);
  bool tls_active() const { return ssl_ != nullptr; }
  std::string sni() const;

  // Ends the connection with RST instead of FIN.
  void reset();

 private:
  enum class Ready { yes, timeout };
  Ready wait_for(short events, SteadyClock::time_point until) const;
  SteadyClock::time_point idle_deadline() const { return SteadyClock::now() + idle_timeout_; }
  // Bytes read into `buffer_`; 0 at EOF or idle timeout.
  std::size_t fill_buffer();
  long receive(char* into, std::size_t size, SteadyClock::time_point until);
  void send_some(std::string_view bytes, SteadyClock::time_point until, std::size_t& sent);

  UniqueFd fd_;
  const StopSignal& stop_;
  Millis idle_timeout_;
  std::string buffer_;
  SslPtr ssl_;
};

}  // namespace smtp_ping::test
