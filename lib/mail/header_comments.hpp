#pragma once

#include <string>
#include <string_view>

namespace smtp_ping {

// A header value without its comments (RFC 5322 CFWS): each outermost comment becomes one
// space; nesting and quoted pairs inside comments are honoured.
std::string without_comments(std::string_view text);

}  // namespace smtp_ping
