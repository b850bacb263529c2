#pragma once

// The mail-flow options of issue 15 (--send, --message-size, --mailbox and its
// secret, --mailbox-allow-plaintext, --junk-folder, --keep, --stale-after,
// --require-auth-results), kept apart from
// the SMTP options of command_line.cpp: the same option language, one concept.

#include <boost/program_options.hpp>

#include "options/check_config.hpp"
#include "options/mentioned_options.hpp"

namespace smtp_ping {

void add_mail_flow_options(OptionTable& table);

// Applies them to `config` after the dialog and TLS options (it needs -f, --rcpt, and
// --cafile/--no-verify, which the mailbox's TLS shares); reads --mailbox-password-file as
// `files` allows, else SMTP_PING_MAILBOX_PASSWORD. Throws UsageError, so a round trip that
// cannot work is UNKNOWN before any connection.
void apply_mail_flow_options(const boost::program_options::variables_map& values, CheckConfig& config,
                             const FileAccess& files);

}  // namespace smtp_ping
