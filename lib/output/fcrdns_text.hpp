#pragma once

#include <string>

#include "result/findings.hpp"

namespace smtp_ping {

// "127.0.0.15: PTR other-name.smtp-ping.test, forward-confirmed, but the server announces
// mx-ptr-mismatch.smtp-ping.test", "127.0.0.17: no PTR record".
std::string fcrdns_text(const FcrdnsMismatch& fcrdns);

}  // namespace smtp_ping
