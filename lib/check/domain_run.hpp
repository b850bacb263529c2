#pragma once

#include "options/check_config.hpp"
#include "result/domain_result.hpp"

namespace smtp_ping {

// Runs and judges a --domain check (config.domain set): MX and addresses through the DNS
// client, then every exchange x address probed with config.probe, at most `parallel` at once,
// FCrDNS of every address alongside, all within the one deadline -t. Every worker is joined
// before it returns; nothing is thrown out of a thread; a signal ends every wait.
DomainResult run_domain_check(const CheckConfig& config);

}  // namespace smtp_ping
