#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace smtp_ping {

// The one way JSON becomes text here: one line, and any byte that is not
// UTF-8 replaced (U+FFFD) instead of throwing.
std::string json_text(const nlohmann::json& value);

}  // namespace smtp_ping
