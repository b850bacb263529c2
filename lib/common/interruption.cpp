#include "common/interruption.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

namespace smtp_ping {
namespace {

std::atomic<const Interruption*> process_interruption{nullptr};

}  // namespace

Interruption::Interruption() {
  if (::pipe2(pipe_, O_NONBLOCK | O_CLOEXEC) != 0) pipe_[0] = pipe_[1] = -1;
}

Interruption::~Interruption() {
  for (const int fd : pipe_)
    if (fd >= 0) ::close(fd);
}

void Interruption::raise(int signal_number) noexcept {
  const int saved_errno = errno;  // a signal handler must not change it
  if (first_signal_ == 0) first_signal_ = signal_number;
  count_ = count_ + 1;
  if (pipe_[1] >= 0) {
    const char byte = 1;
    [[maybe_unused]] const ssize_t ignored = ::write(pipe_[1], &byte, 1);  // a full pipe is readable already
  }
  errno = saved_errno;
}

const Interruption* current_interruption() noexcept { return process_interruption.load(); }

void set_current_interruption(const Interruption* interruption) noexcept { process_interruption.store(interruption); }

std::string signal_name(int signal_number) {
  switch (signal_number) {
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    case SIGHUP: return "SIGHUP";
    case SIGQUIT: return "SIGQUIT";
    default: return "signal " + std::to_string(signal_number);
  }
}

}  // namespace smtp_ping
