#pragma once

namespace smtp_ping {

// SIGTERM and SIGINT end a running check early but politely. The handler only
// records the signal in the process's Interruption (lib/common/interruption.hpp),
// whose wake pipe ends every wait of the core at once; the check then says
// QUIT when the connection can take one, within a short grace, and the plugin
// prints one line: "SMTP UNKNOWN - interrupted by SIGTERM during <phase>".
// A third signal ends the process at once, by the signal's default action.
// check_smtp_ping only: the Zabbix module never touches the agent's signals.
void handle_interrupt_signals();

// Once the result is known: a signal now must not cut the output short (the
// handler's signals interrupt system calls), so they wait until the exit.
void hold_interrupt_signals();

}  // namespace smtp_ping
