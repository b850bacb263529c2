#include "options/policy_command_line.hpp"

#include <stdexcept>

#include "options/host_names.hpp"

namespace po = boost::program_options;

namespace smtp_ping {
namespace {

bool given(const po::variables_map& values, const char* key) {
  if (!values.count(key)) return false;
  const auto* flag = boost::any_cast<bool>(&values[key].value());
  return flag ? *flag : true;
}

std::string text(const po::variables_map& values, const char* key) { return values[key].as<std::string>(); }

void apply_auth_records(const po::variables_map& values, CheckConfig& config) {
  const bool auth = given(values, "auth-records");
  const bool floor = values.count("require-dmarc") > 0;
  if (!config.domain) {
    if (auth) throw UsageError("--auth-records needs --domain");
    if (floor) throw UsageError("--require-dmarc needs --domain and --auth-records");
    return;
  }
  if (floor && !auth) throw UsageError("--require-dmarc needs --auth-records");
  config.domain->auth_records = auth;
  if (!floor) return;
  const std::string typed = text(values, "require-dmarc");
  const auto policy = policy::parse_dmarc_policy(typed);
  if (!policy || *policy == policy::DmarcPolicy::none)
    throw UsageError("invalid value '" + typed + "' for --require-dmarc: expected quarantine or reject");
  config.domain->dmarc_floor = policy;
}

std::string relay_domain_value(std::string typed) {
  if (!typed.empty() && typed.back() == '.') typed.pop_back();
  try {
    return sni_argument(typed);  // a host name in A-labels, no address
  } catch (const std::invalid_argument& error) {
    throw UsageError("invalid value '" + typed + "' for --relay-domain: " + error.what());
  }
}

void apply_relay_test(const po::variables_map& values, CheckConfig& config) {
  if (!given(values, "relay-test")) {
    if (values.count("relay-domain")) throw UsageError("--relay-domain needs --relay-test");
    return;
  }
  for (const char* excluded : {"from", "rcpt", "command", "send", "mailbox", "banner-only", "load"})
    if (given(values, excluded))
      throw UsageError("--relay-test and --" + std::string(excluded) +
                       " exclude each other: the relay test sends its own envelopes and never DATA");
  RelayTestOptions relay;
  if (values.count("relay-domain")) relay.outside_domain = relay_domain_value(text(values, "relay-domain"));
  if (config.domain) relay.local_domain = config.domain->domain;
  if (relay.local_domain == relay.outside_domain)
    throw UsageError("--relay-domain must be outside the domain checked: " + relay.outside_domain);
  config.probe.relay_test = relay;
  if (!config.probe.auth.mechanism.empty())
    config.notes.push_back("--relay-test runs without AUTH: -U/-A are not used");
}

}  // namespace

void add_policy_options(OptionTable& table) {
  table
      ("auth-records", po::bool_switch())
      ("require-dmarc", po::value<std::string>())
      ("relay-test", po::bool_switch())
      ("relay-domain", po::value<std::string>());
}

void apply_policy_options(const po::variables_map& values, CheckConfig& config) {
  apply_auth_records(values, config);
  apply_relay_test(values, config);
}

}  // namespace smtp_ping
