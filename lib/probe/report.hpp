#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/deadline.hpp"
#include "common/phase.hpp"
#include "probe/round_trip_record.hpp"
#include "smtp/dialog_record.hpp"
#include "tls/tls_options.hpp"

namespace smtp_ping {

// Where the check went.
struct Target {
  std::string host;          // as given (-H); a path for unix sockets
  std::uint16_t port = 0;    // 0 for unix sockets
  bool unix_socket = false;
  std::string address;       // numeric peer address actually used, empty if none connected
  std::string local_address; // numeric local address:port after connect
  TlsMode tls = TlsMode::none;
};

// One probe: what the dialog recorded, where it went, and what it planned.
struct Report : DialogRecord {
  Target target;
  std::vector<Phase> planned_phases;  // what the options asked for, whether it ran or not
  Clock::duration total{};
  std::vector<std::string> connect_attempts;  // "192.0.2.1: connection refused" per address tried
  std::optional<RoundTripRecord> round_trip;  // --mailbox, once the probe was found
};

}  // namespace smtp_ping
