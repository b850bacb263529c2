#pragma once

// A domain check in words: the status line's summary (targets taking mail, every target that
// cannot, named with its exchange, address and reason), one long-output line per exchange and
// address, the perfdata.

#include <cstddef>
#include <string>

#include "output/verdict.hpp"
#include "result/domain_result.hpp"

namespace smtp_ping {

Verdict describe_domain(const DomainResult& result);

// The targets of a judged domain that can take mail (result/result_node.hpp, serves()).
std::size_t serving_targets(const ResultNode& domain);

// "127.0.0.11: mx1.example.org:25 answered in 0.012s", "127.0.0.19: connect failed: ...".
std::string address_summary(const ResultNode& address);

}  // namespace smtp_ping
