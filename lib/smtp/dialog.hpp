#pragma once

#include "common/deadline.hpp"
#include "smtp/dialog_options.hpp"
#include "smtp/dialog_record.hpp"

namespace smtp_ping {

class Connection;

// Runs the SMTP conversation on an open connection, in this order:
// [TLS] greeting, EHLO/LHLO (HELO fallback), [STARTTLS, TLS, EHLO], [AUTH],
// [MAIL, RCPT...], [DATA and the probe message], custom commands, QUIT. Records every transcript entry and phase in
// `report`; stops at the first failure, which it records too, and then still
// says QUIT when the connection is in a state to hear it. Never sends a byte
// before the greeting's final line, and nothing over TLS before the
// certificate passed.
void run_dialog(Connection& connection, const DialogOptions& options, const Deadline& deadline,
                Clock::time_point check_start, DialogRecord& report);

}  // namespace smtp_ping
