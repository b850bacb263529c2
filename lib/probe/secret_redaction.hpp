#pragma once

#include <string>
#include <vector>

#include "probe/report.hpp"

namespace smtp_ping {

// Replaces every occurrence of each of `forms` (see secret_forms()) with "***"
// in all text of `report` that a server could have influenced: replies, the
// greeting, capabilities, failure messages, certificate facts. So a server
// quoting the credentials back cannot get them into any output.
void redact_secrets(Report& report, const std::vector<std::string>& forms);

}  // namespace smtp_ping
