#include "check/domain_run.hpp"

#include <algorithm>
#include <exception>
#include <thread>

#include "check/target_pool.hpp"
#include "check/tls_policy_run.hpp"
#include "evaluation/judge_domain.hpp"
#include "evaluation/judge_tls_policies.hpp"
#include "probe/announced_name.hpp"
#include "probe/probe.hpp"
#include "resolver/resolver_factory.hpp"
#include "resolver/system_resolver.hpp"

namespace smtp_ping {
namespace {

using resolver::MailDomain;

// The share of -t the MX and address lookups may take; the probes have the rest (and what
// the lookups leave). FCrDNS runs alongside the probes.
constexpr double kDnsShare = 0.4;

resolver::AddressFamilies families(AddressFamily family) {
  return {family != AddressFamily::ipv6, family != AddressFamily::ipv4};
}

struct Lookup {
  std::unique_ptr<resolver::Resolver> resolver;
  std::optional<MailDomain> domain;
  std::string error;
};

// MX, then every exchange's addresses; once more without validation behind a resolver that
// passes no DNSSEC data (resolver/system_resolver.hpp).
Lookup look_up(const CheckConfig& config, const Deadline& deadline) {
  Lookup lookup;
  resolver::ResolverOptions options = resolver::for_the_system(config.domain->dns);
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto created = resolver::create_resolver(options);
    if (!created.resolver) {
      lookup.error = "cannot set up the DNS client: " + created.error;
      return lookup;
    }
    lookup.resolver = std::move(created.resolver);
    lookup.domain = resolver::resolve_mail_domain(*lookup.resolver, config.domain->domain,
                                                  families(config.probe.family), deadline);
    if (!resolver::resolver_gives_no_dnssec(*lookup.domain, options) || deadline.expired()) break;
    options.root_trust_anchor = false;
  }
  return lookup;
}

// At most kMaxDomainTargets, in preference order; `found` counts them all.
std::vector<DomainTarget> targets_of(const MailDomain& domain, std::size_t& found) {
  std::vector<DomainTarget> targets;
  found = 0;
  for (const auto& exchange : domain.exchanges)
    for (const auto& address : exchange.addresses())
      if (++found <= kMaxDomainTargets) targets.push_back(DomainTarget{exchange.exchange, address, {}, {}, {}});
  return targets;
}

// One target as a -H check of the exchange's name, connected to this one address.
Report probe_target(const ProbeOptions& common, const DomainTarget& target, const TlsPolicies& policies,
                    const std::string& domain, const Deadline& deadline) {
  ProbeOptions options = with_tls_policies(common, policies, target.exchange.exchange, domain);
  options.host = target.exchange.exchange;
  options.connect_address = target.address;
  options.timeout = std::chrono::ceil<std::chrono::milliseconds>(deadline.remaining());
  return run_probe(options);
}

void probe_all(const CheckConfig& config, std::vector<DomainTarget>& targets, const TlsPolicies& policies,
               Clock::time_point start, const Deadline& deadline) {
  run_in_parallel(targets.size(), config.domain->parallel, [&](std::size_t index) {
    if (deadline.expired() || deadline.interrupted()) return;  // left "not probed"
    targets[index].started = Clock::now() - start;
    try {
      targets[index].report = probe_target(config.probe, targets[index], policies, config.domain->domain, deadline);
    } catch (...) {
      targets[index].report.reset();  // no memory for a report: not probed
    }
  });
}

std::vector<resolver::Fcrdns> look_up_fcrdns(resolver::Resolver& resolver, const std::vector<DomainTarget>& targets,
                                             const Deadline& deadline) noexcept {
  try {
    std::vector<resolver::FcrdnsRequest> requests;
    for (const auto& target : targets) requests.push_back({target.address, std::nullopt});
    return resolver::check_fcrdns(resolver, requests, deadline);
  } catch (...) {
    return {};
  }
}

// The PTR names judged again with the name each server announced.
void add_fcrdns(std::vector<DomainTarget>& targets, const std::vector<resolver::Fcrdns>& lookups) {
  if (lookups.size() != targets.size()) return;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const auto announced = targets[i].report ? announced_name(*targets[i].report) : std::nullopt;
    targets[i].fcrdns = resolver::judge_fcrdns(lookups[i].address, announced, lookups[i].ptr, lookups[i].names);
  }
}

// The MTA-STS policy fetch (HTTPS), beside the probes; never throws.
void fetch_policy(const CheckConfig& config, TlsPolicies& policies, const Deadline& deadline) noexcept {
  try {
    if (policies.mta_sts) fetch_mta_sts_policy(*policies.mta_sts, config.probe.tls, deadline);
  } catch (...) {
    // no memory: the policy stays unfetched
  }
}

std::optional<policy::AuthRecords> auth_records_of(const CheckConfig& config, resolver::Resolver& resolver,
                                                        const Deadline& deadline) noexcept {
  if (!config.domain->auth_records) return std::nullopt;
  try {
    return policy::look_up_auth_records(resolver, config.domain->domain, deadline);
  } catch (...) {
    return std::nullopt;  // no memory: judged as not looked up
  }
}

// Probes beside FCrDNS with the SPF/DMARC lookups (the DNS client is used by that one thread
// alone meanwhile) and the MTA-STS fetch.
void probe_with_dns(const CheckConfig& config, resolver::Resolver& resolver, DomainResult& result,
                    Clock::time_point start, const Deadline& deadline) {
  std::vector<DomainTarget>& targets = result.targets;
  TlsPolicies& policies = result.tls_policies;
  std::vector<resolver::Fcrdns> lookups;
  std::thread dns;
  std::thread fetch;
  auto look_up = [&] {
    lookups = look_up_fcrdns(resolver, targets, deadline);
    result.auth_records = auth_records_of(config, resolver, deadline);
  };
  try {
    dns = std::thread(look_up);
  } catch (...) {
    // no thread: the lookups after the probes, with what time is left
  }
  try {
    if (policies.mta_sts) fetch = std::thread([&] { fetch_policy(config, policies, deadline); });
  } catch (...) {
    // no thread: the fetch after the probes
  }
  probe_all(config, targets, policies, start, deadline);
  if (dns.joinable())
    dns.join();
  else
    look_up();
  if (fetch.joinable())
    fetch.join();
  else
    fetch_policy(config, policies, deadline);
  add_fcrdns(targets, lookups);
}

// Where the signal came: during the DNS step, or in the phase of the first probe it ended.
SignalStop interruption_of(const DomainResult& result, const Deadline& deadline) {
  SignalStop stop{"interrupted by " + signal_name(deadline.interrupting_signal()), Phase::dns};
  for (const auto& target : result.targets)
    if (target.report && target.report->failure && target.report->failure->kind == FailureKind::interrupted) {
      stop.phase = target.report->failure->phase;
      break;
    }
  return stop;
}

}  // namespace

DomainResult run_domain_check(const CheckConfig& config) {
  const auto start = Clock::now();
  const Deadline deadline(start + config.probe.timeout, current_interruption());
  const auto dns_budget = std::chrono::duration_cast<Clock::duration>(config.probe.timeout * kDnsShare);
  DomainResult result;
  result.domain = config.domain->domain;
  Lookup lookup = look_up(config, deadline.earlier(Deadline(start + dns_budget)));
  result.dns = std::move(lookup.domain);
  result.dns_setup_error = std::move(lookup.error);
  result.dns_elapsed = Clock::now() - start;
  if (result.dns) {
    result.targets = targets_of(*result.dns, result.addresses_found);
    const TlsPolicyOptions& wanted = config.domain->tls_policies;
    if (wanted.any())
      result.tls_policies = look_up_tls_policies(*lookup.resolver, wanted, config.domain->domain, *result.dns,
                                                 config.probe.effective_port(),
                                                 deadline.earlier(Deadline(start + dns_budget)));
    probe_with_dns(config, *lookup.resolver, result, start, deadline);
  }
  result.total = Clock::now() - start;
  if (deadline.interrupted()) result.interruption = interruption_of(result, deadline);
  result.tree = judge_domain(result, DomainPolicy{config.policy, config.domain->all_must_pass,
                                                  config.domain->fcrdns_required, config.domain->dmarc_floor});
  for (auto& node : judge_tls_policies(result)) result.tree.children.push_back(std::move(node));
  settle(result.tree);
  return result;
}

}  // namespace smtp_ping
