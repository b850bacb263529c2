#pragma once

#include <string>

namespace smtp_ping {

// 32 lowercase hex digits (128 bits from the system's random source): the
// X-Smtp-Ping-Token that tells this run's probe message from every other one.
std::string random_probe_token();

}  // namespace smtp_ping
