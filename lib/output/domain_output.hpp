#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "output/output_options.hpp"
#include "result/domain_result.hpp"

namespace smtp_ping {

// A --domain check as plugin text: the status line (targets taking mail, every target that
// cannot named with its exchange, address and reason), one long-output line per exchange and
// address, perfdata; -v adds every DNS answer with its DNSSEC status and FCrDNS per address,
// -vv the targets as a waterfall on one time axis. Or as JSON (options.output).
std::string render_domain(const DomainResult& result, const OutputOptions& options);

// The JSON form: one node per exchange, one child per address with its probe (the schema of
// a -H check), every DNS answer with its DNSSEC status.
nlohmann::json domain_to_json(const DomainResult& result, const std::vector<std::string>& notes);

}  // namespace smtp_ping
