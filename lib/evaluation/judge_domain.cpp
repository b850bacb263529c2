#include "evaluation/judge_domain.hpp"

#include <algorithm>

#include "evaluation/judge_auth_records.hpp"
#include "evaluation/judge_probe.hpp"
#include "probe/announced_name.hpp"

namespace smtp_ping {
namespace {

using resolver::Answer;
using resolver::ExchangeAddresses;
using resolver::MxKind;

Finding dns_failure(State state, FailureKind kind, std::string message) {
  return Finding{state, FailedStep{Failure{Phase::dns, kind, std::move(message), std::nullopt, {}, {}}}};
}

Aggregation aggregation(const DomainPolicy& policy) {
  return policy.all_must_pass ? Aggregation::worst_of() : Aggregation::redundant();
}

// The MX answer's problems, on the domain itself.
void judge_mx(const DomainResult& result, ResultNode& domain) {
  if (!result.dns) {
    domain.findings.push_back(dns_failure(State::unknown, FailureKind::local, result.dns_setup_error));
    return;
  }
  const resolver::MailExchangers& mx = result.dns->mx;
  switch (mx.kind) {
    case MxKind::exchanges:
    case MxKind::implicit:
      return;
    case MxKind::null_mx:
      domain.findings.push_back(dns_failure(State::critical, FailureKind::resolve,
                                            result.domain + " accepts no mail: null MX (RFC 7505)"));
      return;
    case MxKind::no_domain:
      domain.findings.push_back(dns_failure(State::critical, FailureKind::resolve,
                                            "MX lookup: " + result.domain + " does not exist (NXDOMAIN)"));
      return;
    case MxKind::failed:
      domain.findings.push_back(dns_failure(State::critical,
                                            mx.answer.outcome == resolver::Outcome::timed_out ? FailureKind::timeout
                                                                                               : FailureKind::resolve,
                                            "MX lookup failed: " + mx.answer.summary()));
      return;
  }
}

bool lookup_failed(const std::optional<Answer>& answer) {
  return answer && !(answer->answered() && answer->rcode == resolver::rcode::noerror);
}

// An exchange's address lookups: a failed family is WARNING while the other gives addresses;
// without any address the exchange cannot take mail.
void judge_exchange_dns(const ExchangeAddresses& exchange, ResultNode& node) {
  const bool has_addresses = !exchange.addresses().empty();
  for (const std::optional<Answer>* answer : {&exchange.a, &exchange.aaaa})
    if (lookup_failed(*answer))
      node.findings.push_back(dns_failure(has_addresses ? State::warning : State::critical,
                                          (*answer)->outcome == resolver::Outcome::timed_out ? FailureKind::timeout
                                                                                             : FailureKind::resolve,
                                          "address lookup failed: " + (*answer)->summary()));
  if (!has_addresses && node.findings.empty())
    node.findings.push_back(dns_failure(State::critical, FailureKind::resolve,
                                        exchange.exchange.exchange + " has no address (no A or AAAA record)"));
}

std::optional<Finding> fcrdns_finding(const resolver::Fcrdns& fcrdns, bool required) {
  const bool matches = fcrdns.verdict == resolver::FcrdnsVerdict::confirmed && fcrdns.matches_announced.value_or(false);
  if (matches) return std::nullopt;
  std::vector<std::string> names;
  for (const auto& name : fcrdns.names) names.push_back(name.name);
  return Finding{required ? State::warning : State::ok,
                 FcrdnsMismatch{fcrdns.address, resolver::fcrdns_verdict_name(fcrdns.verdict),
                                fcrdns.verdict == resolver::FcrdnsVerdict::confirmed, names, fcrdns.announced}};
}

ResultNode judge_target(const DomainTarget& target, const DomainPolicy& policy) {
  ResultNode node;
  node.name = target.address;
  if (!target.report) {
    node.findings.push_back(Finding{policy.probe.timeout_state,
                                    FailedStep{Failure{Phase::connect, FailureKind::timeout,
                                                       "not probed: the deadline came first", std::nullopt, {}, {}}}});
    return node;
  }
  node.children.push_back(judge_probe(*target.report, policy.probe));
  // The announced name is known only once the server answered.
  if (target.fcrdns && announced_name(*target.report))
    if (auto finding = fcrdns_finding(*target.fcrdns, policy.fcrdns_required)) node.findings.push_back(*finding);
  return node;
}

PerfDatum target_total(const DomainTarget& target, const ResultNode& node) {
  PerfDatum datum;
  datum.label = target.exchange.exchange + " " + target.address + " total";
  datum.unit = "s";
  datum.min = 0;
  datum.undetermined = true;
  if (node.children.empty()) return datum;
  for (const PerfDatum& probe_datum : node.children.front().perfdata)
    if (probe_datum.label == "total") {
      datum = probe_datum;
      datum.label = target.exchange.exchange + " " + target.address + " total";
    }
  return datum;
}

PerfDatum count(const std::string& label, std::size_t value) {
  PerfDatum datum;
  datum.label = label;
  datum.value = static_cast<double>(value);
  datum.min = 0;
  return datum;
}

}  // namespace

ResultNode judge_domain(const DomainResult& result, const DomainPolicy& policy) {
  ResultNode domain;
  domain.name = "domain";
  domain.aggregation = aggregation(policy);
  if (result.interruption) {  // UNKNOWN, whatever the targets probed so far showed
    domain.findings.push_back(Finding{State::unknown, *result.interruption});
    settle(domain);
    return domain;
  }
  judge_mx(result, domain);
  std::vector<PerfDatum> totals;
  std::size_t serving = 0;
  if (result.dns) {
    for (const ExchangeAddresses& exchange : result.dns->exchanges) {
      ResultNode node;
      node.name = exchange.exchange.exchange;
      node.aggregation = aggregation(policy);
      judge_exchange_dns(exchange, node);
      for (const DomainTarget& target : result.targets) {
        if (target.exchange.exchange != exchange.exchange.exchange) continue;
        node.children.push_back(judge_target(target, policy));
        settle(node.children.back());
        if (serves(node.children.back())) ++serving;
        totals.push_back(target_total(target, node.children.back()));
      }
      domain.children.push_back(std::move(node));
    }
  }
  if (result.auth_records) domain.children.push_back(judge_auth_records(*result.auth_records, policy.dmarc_floor));
  domain.perfdata.push_back(count("targets", result.targets.size()));
  domain.perfdata.push_back(count("targets_ok", serving));
  domain.perfdata.insert(domain.perfdata.end(), totals.begin(), totals.end());
  settle(domain);
  return domain;
}

}  // namespace smtp_ping
