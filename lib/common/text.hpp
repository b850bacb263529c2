#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smtp_ping {

// "a, b, c" for join(items, ", ").
std::string join(const std::vector<std::string>& items, std::string_view separator);

// ASCII upper case (SMTP keywords, SASL names); other bytes unchanged.
std::string upper(std::string text);

// A whole decimal number 1-65535 and nothing else ("25", not "+25", " 25", "25x").
std::optional<std::uint16_t> parse_port(std::string_view text);

// "host:port", "[2001:db8::1]:port" for an IPv6 literal.
std::string host_port(const std::string& host, std::uint16_t port);

}  // namespace smtp_ping
