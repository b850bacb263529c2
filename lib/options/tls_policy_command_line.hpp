#pragma once

#include <boost/program_options.hpp>

#include "options/mentioned_options.hpp"
#include "result/tls_policies.hpp"

namespace smtp_ping {

// --dane, --mta-sts, --tls-rpt and --require-dane, --require-mta-sts, --require-tls-rpt (each
// --require-X implies --X). Domain options: refused without --domain (domain_command_line).
void add_tls_policy_options(OptionTable& table);

// The options' names, for "needs --domain".
extern const char* const kTlsPolicyOptionNames[6];

TlsPolicyOptions tls_policy_options(const boost::program_options::variables_map& values);

// Whether one of them is given: they use TLS (STARTTLS to the exchanges, HTTPS for MTA-STS),
// so --cafile, --capath, -D ... need no -S of their own.
bool tls_policies_use_tls(const boost::program_options::variables_map& values);

}  // namespace smtp_ping
