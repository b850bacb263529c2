#include "options/domain_command_line.hpp"

#include <stdexcept>

#include "options/host_names.hpp"
#include "options/option_values.hpp"
#include "options/tls_policy_command_line.hpp"
#include "resolver/forwarder.hpp"

namespace po = boost::program_options;

namespace smtp_ping {
namespace {

const char* const kDomainOnly[] = {"parallel", "all-must-pass", "fcrdns", "trust-anchor", "no-dnssec"};


std::string domain_value(std::string typed) {
  if (!typed.empty() && typed.back() == '.') typed.pop_back();
  if (typed.empty()) throw UsageError("--domain is empty");
  try {
    return sni_argument(typed);  // a host name in A-labels, no address
  } catch (const std::invalid_argument& error) {
    throw UsageError("invalid value '" + typed + "' for --domain: " + error.what());
  }
}

int parallel_value(const std::string& typed) {
  const std::string& text = typed;
  const bool digits = !text.empty() && text.size() <= 3 && text.find_first_not_of("0123456789") == std::string::npos;
  const int value = digits ? std::stoi(text) : 0;
  if (value < 1 || value > kMaxParallel)
    throw UsageError("invalid value '" + typed + "' for --parallel: expected 1 to " + std::to_string(kMaxParallel));
  return value;
}

resolver::ResolverOptions dns_options(const po::variables_map& values, const CheckConfig& config) {
  resolver::ResolverOptions dns;
  if (config.dns_server) {
    const resolver::ParsedForwarder parsed = resolver::parse_forwarder(*config.dns_server);
    if (!parsed.forwarder) throw UsageError("invalid value for --dns-server: " + parsed.error);
    dns.forwarder = parsed.forwarder;
  }
  if (values.count("trust-anchor")) dns.trust_anchor_files = values["trust-anchor"].as<std::vector<std::string>>();
  if (flag(values, "no-dnssec")) {
    if (!dns.trust_anchor_files.empty()) throw UsageError("--no-dnssec and --trust-anchor exclude each other");
    dns.root_trust_anchor = false;
  }
  return dns;
}

}  // namespace

void add_domain_options(OptionTable& table) {
  table
      ("domain", po::value<std::string>())
      ("parallel", po::value<std::string>())
      ("all-must-pass", po::bool_switch())
      ("fcrdns", po::bool_switch())
      ("trust-anchor", po::value<std::vector<std::string>>())
      ("no-dnssec", po::bool_switch());
  add_tls_policy_options(table);
}

void apply_domain(const po::variables_map& values, CheckConfig& config) {
  if (!values.count("domain")) {
    for (const char* key : kDomainOnly)
      if (flag(values, key)) throw UsageError("--" + std::string(key) + " needs --domain");
    for (const char* key : kTlsPolicyOptionNames)
      if (flag(values, key)) throw UsageError("--" + std::string(key) + " needs --domain");
    return;
  }
  if (values.count("hostname")) throw UsageError("--domain and -H/--hostname exclude each other");
  if (config.series.count > 1) throw UsageError("--domain and -n/--count exclude each other");
  DomainOptions domain;
  domain.domain = domain_value(values["domain"].as<std::string>());
  if (values.count("parallel")) domain.parallel = parallel_value(values["parallel"].as<std::string>());
  domain.all_must_pass = flag(values, "all-must-pass");
  domain.fcrdns_required = flag(values, "fcrdns");
  domain.dns = dns_options(values, config);
  domain.tls_policies = tls_policy_options(values);
  // Both judge the certificates the exchanges present; without verification they would pass
  // unjudged, an OK that says nothing.
  if (!config.probe.tls.verify && (domain.tls_policies.dane || domain.tls_policies.mta_sts))
    throw UsageError(std::string(domain.tls_policies.dane ? "--dane" : "--mta-sts") +
                     " judges the certificates the exchanges present, and --no-verify turns that off: drop one");
  config.probe.host = domain.domain;  // until each target names its exchange
  config.domain = std::move(domain);
}

}  // namespace smtp_ping
