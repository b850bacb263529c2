#pragma once

#include <boost/program_options.hpp>

#include "options/check_config.hpp"
#include "options/mentioned_options.hpp"

namespace smtp_ping {

// The mail-policy options of issue 17 handled here: --auth-records and --require-dmarc (with
// --domain), --relay-test and --relay-domain (with -H, or --domain: every target).
void add_policy_options(OptionTable& table);

// Applies them after apply_domain(); refuses what cannot go together (the relay test's own
// envelope excludes -f, --rcpt, -C, --send, --mailbox, --banner-only and --load). Throws UsageError.
void apply_policy_options(const boost::program_options::variables_map& values, CheckConfig& config);

}  // namespace smtp_ping
