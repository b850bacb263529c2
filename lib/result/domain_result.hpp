#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/deadline.hpp"
#include "policy/auth_records.hpp"
#include "probe/report.hpp"
#include "resolver/fcrdns.hpp"
#include "resolver/mail_exchangers.hpp"
#include "result/result_node.hpp"
#include "result/tls_policies.hpp"

namespace smtp_ping {

// The most exchange x address pairs one domain check probes (a DNS answer can list hundreds).
inline constexpr std::size_t kMaxDomainTargets = 64;

// One address of one mail exchange, and what probing it showed.
struct DomainTarget {
  resolver::MxRecord exchange;
  std::string address;
  std::optional<Report> report;            // none: not probed (the deadline or a signal came first)
  Clock::duration started{};               // when its probe began, from the check's start
  std::optional<resolver::Fcrdns> fcrdns;  // none: not looked up
};

// A --domain check: the DNS answers, every exchange x address probed, the judged tree.
struct DomainResult {
  std::string domain;
  std::optional<resolver::MailDomain> dns;  // none when no DNS client could be made
  std::string dns_setup_error;              // why not
  std::vector<DomainTarget> targets;        // by exchange (preference order), then address
  std::size_t addresses_found = 0;          // exchange x address pairs; more than kMaxDomainTargets are not probed
  Clock::duration dns_elapsed{};            // MX and address lookups
  Clock::duration total{};
  std::optional<SignalStop> interruption;   // a signal ended the check (the phase it ended)
  TlsPolicies tls_policies;                 // --dane, --mta-sts, --tls-rpt: what they looked up and fetched
  std::optional<policy::AuthRecords> auth_records;  // --auth-records: SPF and DMARC as looked up
  ResultNode tree;                          // "domain" -> exchange -> address -> probe
};

}  // namespace smtp_ping
