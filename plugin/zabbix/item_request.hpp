#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "options/check_config.hpp"
#include "resolver/mail_exchangers.hpp"
#include "resolver/resolver_options.hpp"

namespace smtp_ping::zabbix {

// One key parameter as the agent parsed it: smtp.check[a,"b c",[x,y],] gives
// {"a"}, {"b c"}, {"x,y", array}, {""}.
struct KeyParameter {
  std::string text;
  bool is_array = false;
};

// A key whose parameters cannot be used. what() is the "not supported" reason.
class ItemError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The time one call may take: the agent's Timeout minus a safety margin (so the
// answer reaches the agent before its own client gives up), never more than the
// check's own -t.
std::chrono::milliseconds call_budget(std::chrono::milliseconds agent_timeout,
                                      std::chrono::milliseconds requested);

// smtp.check/ping/status[host,<port>,<tls>,<options>] as arguments of the option
// language: --hostname=HOST [--port=PORT] [-S|-s] OPTIONS... where OPTIONS are
// split like a Unix shell would. <tls> is empty/none, starttls, or implicit
// (aliases ssl, tls). Throws ItemError.
std::vector<std::string> check_arguments(const std::vector<KeyParameter>& parameters);

// check_arguments() parsed by parse_command_line(), with the probe's timeout cut
// to call_budget(); files only as `files` allows (the module's
// AllowedFileDirectory). Throws ItemError (UsageError included).
CheckConfig check_config(const std::vector<KeyParameter>& parameters,
                         std::chrono::milliseconds agent_timeout, const FileAccess& files);

// smtp.mx.discovery[domain,<options>] and smtp.mx.targets.discovery[domain,<options>]
// where OPTIONS understands --dns-server=ADDR[:PORT] (IPv4 or IPv6), --trust-anchor=FILE
// (repeatable; within the module's AllowedFileDirectory), --no-dnssec (no trust anchor: every
// DNSSEC status indeterminate), -4/-6 and -t/--timeout=SECONDS.
// Throws ItemError.
struct MxDiscoveryRequest {
  std::string domain;
  resolver::ResolverOptions dns;
  resolver::AddressFamilies families;
  std::chrono::milliseconds timeout{0};
};
MxDiscoveryRequest mx_discovery_request(const std::vector<KeyParameter>& parameters,
                                        std::chrono::milliseconds agent_timeout, const FileAccess& files);

// smtp.domain[domain,<options>]: the --domain check (every MX x every address) with the
// option language of smtp.check, --trust-anchor confined like smtp.mx.discovery's, the whole
// check cut to call_budget(). Throws ItemError.
CheckConfig domain_check_config(const std::vector<KeyParameter>& parameters, std::chrono::milliseconds agent_timeout,
                                const FileAccess& files);

}  // namespace smtp_ping::zabbix
