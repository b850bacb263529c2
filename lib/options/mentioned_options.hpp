#pragma once

#include <string_view>
#include <vector>
#include <string>

namespace smtp_ping {

// Whether any argument could name the option with Boost.Program_options'
// `names` ("starttls,S", "ssl,tls,s") under unix_style: a long name the typed
// "--name" is a prefix of (guessing), or a short letter anywhere in a "-xyz"
// bundle. A superset of what the parser will match: an option it says no to
// is one the parser cannot reach.
bool could_name(std::string_view names, const std::vector<std::string>& args);

}  // namespace smtp_ping
