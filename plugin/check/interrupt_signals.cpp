#include "interrupt_signals.hpp"

#include <signal.h>

#include "common/interruption.hpp"

namespace smtp_ping {
namespace {

constexpr int kSignalsBeforeGivingUp = 3;

Interruption* process_interruption = nullptr;

void on_interrupt(int number) {
  process_interruption->raise(number);
  if (process_interruption->count() >= kSignalsBeforeGivingUp) {
    ::signal(number, SIG_DFL);
    ::raise(number);
  }
}

}  // namespace

void handle_interrupt_signals() {
  static Interruption interruption;
  process_interruption = &interruption;
  set_current_interruption(&interruption);
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigfillset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a second signal ends the grace's poll() too
  for (const int number : {SIGTERM, SIGINT}) ::sigaction(number, &action, nullptr);
}

void hold_interrupt_signals() {
  sigset_t held;
  sigemptyset(&held);
  sigaddset(&held, SIGTERM);
  sigaddset(&held, SIGINT);
  ::sigprocmask(SIG_BLOCK, &held, nullptr);
}

}  // namespace smtp_ping
