#pragma once

#include <boost/program_options.hpp>

#include "options/check_config.hpp"
#include "options/mentioned_options.hpp"

namespace smtp_ping {

// The domain check's options: --domain (instead of -H), --parallel, --all-must-pass, --fcrdns,
// --trust-anchor, --no-dnssec (--dns-server, -4/-6 and -t are shared with the -H check).
void add_domain_options(OptionTable& table);

// Sets config.domain when --domain is given; refuses the domain options without it and what
// a domain check cannot do (-H, a unix socket, -n). Throws UsageError.
void apply_domain(const boost::program_options::variables_map& values, CheckConfig& config);

}  // namespace smtp_ping
