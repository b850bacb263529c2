#pragma once

#include <optional>
#include <string>

#include "net/socket_address.hpp"
#include "probe/round_trip_options.hpp"
#include "smtp/dialog_options.hpp"

namespace smtp_ping {

// Everything one probe needs: the dialog's options and where to connect.
// A value type: copy it, compare it, pass it around.
struct ProbeOptions : DialogOptions {
  AddressFamily family = AddressFamily::any;
  std::optional<std::string> bind_address;
  bool proxy_header = false;           // send HAProxy PROXY v1 first
  // Connect to this numeric address instead of resolving `host`, which still names the server
  // (SNI, certificate, SASL): one address of a mail exchange in a domain check.
  std::optional<std::string> connect_address;
  std::optional<RoundTripOptions> mailbox;  // --mailbox: after the dialog, wait for the probe there
};

}  // namespace smtp_ping
