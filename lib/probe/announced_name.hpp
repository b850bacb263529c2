#pragma once

#include <optional>
#include <string>

#include "probe/report.hpp"

namespace smtp_ping {

// The name the server calls itself: the first word of its EHLO reply, else of its greeting
// (RFC 5321 §4.1.1.1, §4.2); none when it sent neither.
std::optional<std::string> announced_name(const Report& report);

}  // namespace smtp_ping
