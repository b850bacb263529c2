#include "item_request.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>

#include <sys/stat.h>

#include <boost/program_options/parsers.hpp>

#include "common/text.hpp"

namespace smtp_ping::zabbix {
namespace {

using std::chrono::milliseconds;

constexpr std::size_t kMaxCheckParameters = 4;
constexpr std::size_t kMaxDiscoveryParameters = 2;
constexpr milliseconds kMinMargin{100};
constexpr milliseconds kMaxMargin{500};

const char* const kOrdinals[] = {"first", "second", "third", "fourth"};

std::string parameter_name(std::size_t index) {
  return index < std::size(kOrdinals) ? kOrdinals[index] : "extra";
}

void require_at_most(const std::vector<KeyParameter>& parameters, std::size_t count) {
  if (parameters.size() > count)
    throw ItemError("Too many parameters: at most " + std::to_string(count) + " are accepted.");
}

// The text of parameter `index`, empty when it is missing.
std::string text_at(const std::vector<KeyParameter>& parameters, std::size_t index) {
  if (index >= parameters.size()) return {};
  if (parameters[index].is_array)
    throw ItemError("Invalid " + parameter_name(index) + " parameter: an array is not accepted.");
  return parameters[index].text;
}

std::string required_text(const std::vector<KeyParameter>& parameters, std::size_t index,
                          const std::string& what) {
  std::string text = text_at(parameters, index);
  if (text.empty()) throw ItemError("Invalid " + parameter_name(index) + " parameter: " + what + " is required.");
  return text;
}

void append_port(const std::string& port, std::vector<std::string>& arguments) {
  if (port.empty()) return;
  if (!parse_port(port))
    throw ItemError("Invalid second parameter: port must be 1-65535, got '" + port + "'.");
  arguments.push_back("--port=" + port);
}

void append_tls(const std::string& tls, std::vector<std::string>& arguments) {
  if (tls.empty() || tls == "none") return;
  if (tls == "starttls") {
    arguments.emplace_back("--starttls");
  } else if (tls == "implicit" || tls == "ssl" || tls == "tls") {
    arguments.emplace_back("--ssl");
  } else {
    throw ItemError("Invalid third parameter: TLS mode must be none, starttls or implicit, got '" + tls + "'.");
  }
}

std::vector<std::string> split_options(const std::string& options, std::size_t index) {
  try {
    return boost::program_options::split_unix(options);
  } catch (const std::exception& error) {
    throw ItemError("Invalid " + parameter_name(index) + " parameter: cannot split options: " + error.what());
  }
}

milliseconds safety_margin(milliseconds agent_timeout) {
  return std::clamp(agent_timeout / 10, kMinMargin, kMaxMargin);
}

}  // namespace

milliseconds call_budget(milliseconds agent_timeout, milliseconds requested) {
  return std::min(agent_timeout - safety_margin(agent_timeout), requested);
}

std::vector<std::string> check_arguments(const std::vector<KeyParameter>& parameters) {
  require_at_most(parameters, kMaxCheckParameters);
  std::vector<std::string> arguments{"--hostname=" + required_text(parameters, 0, "host")};
  append_port(text_at(parameters, 1), arguments);
  append_tls(text_at(parameters, 2), arguments);
  for (std::string& option : split_options(text_at(parameters, 3), 3)) arguments.push_back(std::move(option));
  return arguments;
}

namespace {

CheckConfig parsed_config(const std::vector<std::string>& arguments, const FileAccess& files) {
  ParsedCommandLine parsed;
  try {
    parsed = parse_command_line(arguments, kCheckProgram, files);
  } catch (const UsageError& error) {
    throw ItemError(std::string("Invalid options: ") + error.what());
  }
  if (parsed.action != CommandAction::run)
    throw ItemError("Invalid options: --help and --version are not available in an item key.");
  if (parsed.config.load)
    throw ItemError("Invalid options: --load is not offered in an item key: a load run is no periodic check "
                    "(run check_smtp_ping --load by hand against your own servers).");
  return parsed.config;
}

}  // namespace

CheckConfig check_config(const std::vector<KeyParameter>& parameters, milliseconds agent_timeout,
                         const FileAccess& files) {
  CheckConfig config = parsed_config(check_arguments(parameters), files);
  config.probe.timeout = call_budget(agent_timeout, config.probe.timeout);
  return config;
}

namespace {

constexpr std::string_view kTrustAnchorOption = "--trust-anchor";
constexpr std::string_view kNoDnssecOption = "--no-dnssec";
constexpr off_t kMaxTrustAnchorBytes = 1 << 20;

// A trust anchor file, confined like every file a key names (allowed_path), and refused
// unopened unless it is a small regular file: libunbound opens it by name, blocking.
std::string trust_anchor_path(const std::string& typed, const FileAccess& files) {
  std::string path;
  try {
    path = allowed_path(typed, files);
  } catch (const FileError& error) {
    throw ItemError(std::string("Invalid options: --trust-anchor: ") + error.what());
  }
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0)
    throw ItemError("Invalid options: --trust-anchor: cannot read '" + path + "'.");
  if (!S_ISREG(status.st_mode) || status.st_size > kMaxTrustAnchorBytes)
    throw ItemError("Invalid options: --trust-anchor: '" + path + "' is not a regular file of at most 1 MiB.");
  return path;
}

// --trust-anchor and --no-dnssec are the discovery's own options (the check has none):
// taken out of the options before the rest goes through the common option language.
std::vector<std::string> take_dns_options(std::vector<std::string> options, const FileAccess& files,
                                          resolver::ResolverOptions& dns) {
  std::vector<std::string>& anchors = dns.trust_anchor_files;
  std::vector<std::string> rest;
  for (std::size_t index = 0; index < options.size(); ++index) {
    const std::string& option = options[index];
    if (option == kNoDnssecOption) {
      dns.root_trust_anchor = false;
    } else if (option == kTrustAnchorOption) {
      if (index + 1 == options.size()) throw ItemError("Invalid options: --trust-anchor needs a file.");
      anchors.push_back(trust_anchor_path(options[++index], files));
    } else if (option.rfind(std::string(kTrustAnchorOption) + "=", 0) == 0) {
      anchors.push_back(trust_anchor_path(option.substr(kTrustAnchorOption.size() + 1), files));
    } else {
      rest.push_back(option);
    }
  }
  if (!dns.root_trust_anchor && !anchors.empty())
    throw ItemError("Invalid options: --no-dnssec and --trust-anchor exclude each other.");
  return rest;
}

resolver::AddressFamilies families_of(AddressFamily family) {
  return {family != AddressFamily::ipv6, family != AddressFamily::ipv4};
}

}  // namespace

MxDiscoveryRequest mx_discovery_request(const std::vector<KeyParameter>& parameters,
                                        milliseconds agent_timeout, const FileAccess& files) {
  require_at_most(parameters, kMaxDiscoveryParameters);
  MxDiscoveryRequest request;
  request.domain = required_text(parameters, 0, "domain");
  // The same option language as the other keys; -t, -4/-6 and --dns-server matter here.
  std::vector<std::string> arguments{"--hostname=" + request.domain};
  for (std::string& option : take_dns_options(split_options(text_at(parameters, 1), 1), files, request.dns))
    arguments.push_back(std::move(option));
  const CheckConfig config = parsed_config(arguments, files);
  if (config.dns_server) {
    const resolver::ParsedForwarder parsed = resolver::parse_forwarder(*config.dns_server);
    if (!parsed.forwarder) throw ItemError("Invalid option --dns-server: " + parsed.error + ".");
    request.dns.forwarder = parsed.forwarder;
  }
  request.families = families_of(config.probe.family);
  request.timeout = call_budget(agent_timeout, config.probe.timeout);
  return request;
}

CheckConfig domain_check_config(const std::vector<KeyParameter>& parameters, milliseconds agent_timeout,
                                const FileAccess& files) {
  require_at_most(parameters, kMaxDiscoveryParameters);
  std::vector<std::string> arguments{"--domain=" + required_text(parameters, 0, "domain")};
  resolver::ResolverOptions dns;
  for (std::string& option : take_dns_options(split_options(text_at(parameters, 1), 1), files, dns))
    arguments.push_back(std::move(option));
  CheckConfig config = parsed_config(arguments, files);
  config.domain->dns.trust_anchor_files = dns.trust_anchor_files;
  config.domain->dns.root_trust_anchor = dns.root_trust_anchor;
  config.probe.timeout = call_budget(agent_timeout, config.probe.timeout);
  return config;
}

}  // namespace smtp_ping::zabbix
