#pragma once

#include <csignal>
#include <string>

namespace smtp_ping {

// A request from outside to end the check now: check_smtp_ping's SIGTERM and
// SIGINT handler raises it. Every wait of the core watches it (a Deadline
// carries a pointer to it, so the waits inside the TLS module, which has its
// own copy of the core, watch the plugin's). The Zabbix module never creates
// one: signals of the agent are the agent's.
class Interruption {
 public:
  Interruption();  // the wake pipe: non-blocking, close-on-exec
  ~Interruption();
  Interruption(const Interruption&) = delete;
  Interruption& operator=(const Interruption&) = delete;

  // Async-signal-safe: records the signal and makes wake_fd() readable.
  void raise(int signal_number) noexcept;

  int signal() const noexcept { return first_signal_; }  // the first one; 0 while none came
  int count() const noexcept { return count_; }
  // Readable from the first raise() on (a wait polls it with its socket, so a
  // signal that arrives just before the wait still ends it); -1 without a pipe.
  int wake_fd() const noexcept { return pipe_[0]; }

 private:
  volatile std::sig_atomic_t first_signal_ = 0;
  volatile std::sig_atomic_t count_ = 0;
  int pipe_[2] = {-1, -1};
};

// The interruption a front-end set up for this process, or nullptr.
const Interruption* current_interruption() noexcept;
void set_current_interruption(const Interruption* interruption) noexcept;

// "SIGTERM", "SIGINT", "signal 12".
std::string signal_name(int signal_number);

}  // namespace smtp_ping
