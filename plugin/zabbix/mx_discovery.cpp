#include "mx_discovery.hpp"

#include <optional>

#include <nlohmann/json.hpp>

#include "resolver/system_resolver.hpp"
#include "resolver/unbound/unbound_resolver.hpp"
#include "common/text.hpp"
#include "output/json_text.hpp"
#include "output/safe_text.hpp"

namespace smtp_ping::zabbix {
namespace {

using resolver::Answer;
using resolver::DnssecStatus;
using resolver::ExchangeAddresses;
using resolver::MailDomain;
using resolver::MxKind;

// NODATA is an answer (the exchange has no address of that family); anything but NOERROR
// is a problem.
bool failed(const std::optional<Answer>& answer) {
  return answer && !(answer->answered() && answer->rcode == resolver::rcode::noerror);
}

// Resolver and validator words and names from DNS data, as a macro value: made harmless and
// bounded like every other text from outside.
constexpr std::size_t kProblemsBytes = 1024;

std::string problems(const ExchangeAddresses& exchange) {
  std::string text;
  for (const std::optional<Answer>* answer : {&exchange.a, &exchange.aaaa}) {
    if (!failed(*answer)) continue;
    if (!text.empty()) text += "; ";
    text += (*answer)->summary();
  }
  return safe_text(text, kProblemsBytes);
}

int weakness(DnssecStatus status) {
  switch (status) {
    case DnssecStatus::secure: return 0;
    case DnssecStatus::insecure: return 1;
    case DnssecStatus::indeterminate: return 2;
    case DnssecStatus::bogus: return 3;
  }
  return 3;
}

DnssecStatus weaker(DnssecStatus first, DnssecStatus second) {
  return weakness(first) >= weakness(second) ? first : second;
}

// The weakest status among the MX answer and the exchange's address answers.
DnssecStatus exchange_dnssec(const MailDomain& domain, const ExchangeAddresses& exchange) {
  DnssecStatus status = domain.mx.answer.dnssec;
  for (const std::optional<Answer>* answer : {&exchange.a, &exchange.aaaa})
    if (*answer) status = weaker(status, (*answer)->dnssec);
  return status;
}

nlohmann::json exchange_row(const MailDomain& domain, const ExchangeAddresses& exchange) {
  return {{"{#MX.HOST}", exchange.exchange.exchange},
          {"{#MX.PREFERENCE}", std::to_string(exchange.exchange.preference)},
          {"{#MX.ADDRESSES}", join(exchange.addresses(), ",")},
          {"{#MX.DNSSEC}", resolver::dnssec_status_name(exchange_dnssec(domain, exchange))},
          {"{#MX.DNS.PROBLEMS}", problems(exchange)}};
}

// One row per address that resolved, in the order of {#MX.ADDRESSES}.
void add_target_rows(const MailDomain& domain, const ExchangeAddresses& exchange, nlohmann::json& rows) {
  const std::string exchange_problems = problems(exchange);
  for (const std::string& address : exchange.addresses()) {
    const bool ipv6 = address.find(':') != std::string::npos;
    const std::optional<Answer>& answer = ipv6 ? exchange.aaaa : exchange.a;
    const DnssecStatus status = weaker(domain.mx.answer.dnssec, answer ? answer->dnssec : DnssecStatus::indeterminate);
    rows.push_back({{"{#MX.HOST}", exchange.exchange.exchange},
                    {"{#MX.PREFERENCE}", std::to_string(exchange.exchange.preference)},
                    {"{#MX.ADDRESS}", address},
                    {"{#MX.FAMILY}", ipv6 ? "ipv6" : "ipv4"},
                    {"{#MX.DNSSEC}", resolver::dnssec_status_name(status)},
                    {"{#MX.DNS.PROBLEMS}", exchange_problems}});
  }
}

MailDomain resolve_with(const resolver::ResolverOptions& options, const MxDiscoveryRequest& request,
                        const Deadline& deadline) {
  auto created = resolver::UnboundResolver::create(options);
  if (!created.resolver) throw ItemError("Cannot set up the DNS resolver: " + created.error);
  return resolver::resolve_mail_domain(*created.resolver, request.domain, request.families, deadline);
}

}  // namespace

MailDomain discover_mail_domain(const MxDiscoveryRequest& request) {
  const Deadline deadline = Deadline::after(request.timeout);
  resolver::ResolverOptions options = resolver::for_the_system(request.dns);
  MailDomain domain = resolve_with(options, request, deadline);
  if (resolver::resolver_gives_no_dnssec(domain, options) && !deadline.expired()) {
    options.root_trust_anchor = false;
    domain = resolve_with(options, request, deadline);
  }
  switch (domain.mx.kind) {
    case MxKind::exchanges:
    case MxKind::implicit:
      return domain;
    case MxKind::null_mx:
      domain.exchanges.clear();
      return domain;
    case MxKind::no_domain:
    case MxKind::failed:
      break;
  }
  throw ItemError("MX lookup failed: " + domain.mx.answer.summary());
}

std::string mx_discovery_json(const MailDomain& domain) {
  nlohmann::json rows = nlohmann::json::array();
  for (const ExchangeAddresses& exchange : domain.exchanges) rows.push_back(exchange_row(domain, exchange));
  return json_text(rows);
}

std::string mx_targets_json(const MailDomain& domain) {
  nlohmann::json rows = nlohmann::json::array();
  for (const ExchangeAddresses& exchange : domain.exchanges) add_target_rows(domain, exchange, rows);
  return json_text(rows);
}

}  // namespace smtp_ping::zabbix
