#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "result/domain_result.hpp"

namespace smtp_ping {

// A domain check as JSON (--output json, Zabbix smtp.domain): state, summary, "targets" and
// "targets_ok"; the MX answer; one node per exchange with its A/AAAA answers, one child per
// address with its FCrDNS and its probe in the schema of a -H check. Every DNS answer carries
// its DNSSEC status.
nlohmann::json domain_to_json(const DomainResult& result, const std::vector<std::string>& notes);

}  // namespace smtp_ping
