#pragma once

#include <string>

#include "output/output_options.hpp"
#include "result/domain_result.hpp"

namespace smtp_ping {

// A --domain check as plugin text: the status line (targets taking mail, every target that
// cannot named with its exchange, address and reason), one long-output line per exchange and
// address, perfdata; -v adds every DNS answer with its DNSSEC status and FCrDNS per address,
// -vv the targets as a waterfall on one time axis. Or as JSON (options.output).
std::string render_domain(const DomainResult& result, const OutputOptions& options);

}  // namespace smtp_ping
