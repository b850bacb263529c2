#pragma once

#include <optional>
#include <string_view>

namespace smtp_ping {

// The steps of a check, in dialog order. Their names are used in output,
// perfdata labels, JSON and threshold options (-w banner=0.5).
enum class Phase {
  dns,
  connect,
  banner,
  ehlo,
  starttls,
  tls,       // the handshake: after STARTTLS, or before the greeting with implicit TLS
  ehlo_tls,  // EHLO again after STARTTLS (RFC 3207)
  auth,
  mail,
  rcpt,
  data,
  command,  // custom -C commands
  quit,
  delivery,  // --mailbox: from the final DATA reply to the search that found the probe
  fetch,     // --mailbox: retrieving it
  relay,     // --relay-test: the MAIL FROM / RCPT TO / RSET of every relay form
};

std::string_view phase_name(Phase phase);
std::optional<Phase> parse_phase(std::string_view name);

}  // namespace smtp_ping
