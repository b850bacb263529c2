#pragma once

#include <string>

#include "smtp/enhanced_status.hpp"

namespace smtp_ping {

// What an enhanced status code means, in plain words from the IANA "SMTP
// Enhanced Status Codes" registry (our own phrasing): class, subject, detail,
// e.g. 5.1.1 -> "permanent failure, addressing: the destination mailbox does
// not exist". A detail the registry does not list falls back to its subject's
// meaning and says so; an unknown subject is named as such.
std::string enhanced_status_meaning(const EnhancedStatus& status);

// What a three-digit reply code means (RFC 5321 4.2.2/4.2.3, RFC 4954 6,
// RFC 7504), e.g. 550 -> "permanent failure: mailbox unavailable (...)".
std::string reply_code_meaning(int code);

}  // namespace smtp_ping
