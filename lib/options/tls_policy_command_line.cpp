#include "options/tls_policy_command_line.hpp"

#include <string>

#include "options/option_values.hpp"

namespace po = boost::program_options;

namespace smtp_ping {

const char* const kTlsPolicyOptionNames[6] = {"dane", "require-dane", "mta-sts", "require-mta-sts", "tls-rpt",
                                              "require-tls-rpt"};

void add_tls_policy_options(OptionTable& table) {
  for (const char* name : kTlsPolicyOptionNames) table(name, po::bool_switch());
}

TlsPolicyOptions tls_policy_options(const po::variables_map& values) {
  TlsPolicyOptions options;
  options.require_dane = flag(values, "require-dane");
  options.dane = options.require_dane || flag(values, "dane");
  options.require_mta_sts = flag(values, "require-mta-sts");
  options.mta_sts = options.require_mta_sts || flag(values, "mta-sts");
  options.require_tls_rpt = flag(values, "require-tls-rpt");
  options.tls_rpt = options.require_tls_rpt || flag(values, "tls-rpt");
  return options;
}

bool tls_policies_use_tls(const po::variables_map& values) {
  for (const char* name : kTlsPolicyOptionNames)
    if (std::string(name).find("tls-rpt") == std::string::npos && flag(values, name)) return true;
  return false;
}

}  // namespace smtp_ping
