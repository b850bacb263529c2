#pragma once

#include <cstdint>
#include <string>

#include "zabbix_abi.hpp"

namespace smtp_ping::zabbix {

// Fill an AgentResult the way the agent expects: every string is malloc'd (the
// agent free()s it), each field is set once, and the AR_* bit says which.
// Each returns the value the item handler returns.

int succeed_with_text(AgentResult* result, const std::string& text) noexcept;
int succeed_with_double(AgentResult* result, double value) noexcept;
int succeed_with_uint64(AgentResult* result, std::uint64_t value) noexcept;

// "Not supported" with `message` (or "<prefix><detail>") as the reason.
int fail_with_message(AgentResult* result, const char* message) noexcept;
int fail_with_message(AgentResult* result, const char* prefix, const char* detail) noexcept;

}  // namespace smtp_ping::zabbix
