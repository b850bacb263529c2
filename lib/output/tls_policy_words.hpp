#pragma once

#include <string>
#include <vector>

#include "output/verdict.hpp"
#include "result/result_node.hpp"

namespace smtp_ping {

// "3 1 1 9f86d0…": a TLSA record as a zone file has it (the data in hex).
std::string tlsa_text(const DaneRecord& record);

// One DANE, MTA-STS or TLS-RPT finding in words.
std::string tls_policy_finding_text(const TlsPolicyFinding& finding);

// A policy node ("dane", "mta-sts", "tls-rpt") in a few words for the summary line: its
// problems, or what it found when OK ("DANE mx.example.org: 3 1 1 … matched").
std::string tls_policy_summary(const ResultNode& node);

// The long output's lines of a policy node: a head line and every finding.
std::vector<Subcheck> tls_policy_lines(const ResultNode& node);

}  // namespace smtp_ping
