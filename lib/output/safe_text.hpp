#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace smtp_ping {

// Makes text that came from the network safe for plugin output, JSON and Zabbix:
// control characters (C0, DEL, C1 incl. ESC sequences' introducer) become '?',
// CR/LF become ' ', '|' becomes '!', invalid UTF-8 bytes become '?', and the
// result is cut to max_bytes (on a character boundary) with "..." appended.
std::string safe_text(std::string_view untrusted, std::size_t max_bytes = 512);
// The same, appended to `out` (the cap counts only the appended bytes).
void append_safe_text(std::string& out, std::string_view untrusted, std::size_t max_bytes = 512);

}  // namespace smtp_ping
