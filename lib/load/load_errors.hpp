#pragma once

#include <map>
#include <optional>
#include <string>

#include "common/phase.hpp"
#include "smtp/reply.hpp"

namespace smtp_ping {

// How a session of a load run failed, as an admin sorts push-back from breakage.
enum class LoadErrorClass {
  refused,       // no connection: refused, unreachable, backlog full
  timeout,       // -t ran out
  dropped,       // the server closed or reset the connection, or sent no SMTP
  tls,           // the TLS handshake or certificate failed
  rate_limited,  // a reply recognised as a rate or connection limit (any code)
  unavailable,   // 421: service not available (closing the channel)
  temporary,     // another 4xx (451 local error, 452, greylisting ...)
  rejected,      // 5xx
  other,         // anything else (AUTH, -e, -R ...)
};

// Where the server first pushed back (rate limit, 421 or another 4xx).
struct ThrottleOnset {
  int sequence = 0;          // the session
  double at_seconds = 0;     // when it started, from the run's start
  LoadErrorClass error_class = LoadErrorClass::temporary;
  Phase phase = Phase::connect;
  std::optional<Reply> reply;
};

struct LoadErrors {
  std::map<LoadErrorClass, int> counts;          // classes that occurred
  std::map<LoadErrorClass, Reply> first_replies; // the first reply of each class that had one
  std::optional<ThrottleOnset> onset;
};

}  // namespace smtp_ping
