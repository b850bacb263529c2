#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>

#include <boost/program_options.hpp>

#include "net/socket_address.hpp"
#include "common/number_text.hpp"
#include "options/check_config.hpp"
#include "options/domain_command_line.hpp"
#include "options/tls_policy_command_line.hpp"
#include "options/policy_command_line.hpp"
#include "options/extra_opts.hpp"
#include "options/mentioned_options.hpp"
#include "options/host_names.hpp"
#include "options/mail_flow_options.hpp"
#include "options/option_files.hpp"
#include "options/option_values.hpp"
#include "output/safe_text.hpp"
#include "sasl/sasl_mechanism.hpp"
#include "smtp/response_regex.hpp"
#include "smtp/wire_value.hpp"
#include "common/text.hpp"

namespace po = boost::program_options;

namespace smtp_ping {
namespace {

// check_smtp's timeout when -t 0 asks for none (it then waits for ever): the
// service check timeout of Nagios (service_check_timeout) and Icinga 2.
constexpr int kUnlimitedTimeoutSeconds = 60;

po::options_description option_table(const std::vector<std::string>* mentioned = nullptr) {
  using Strings = std::vector<std::string>;
  OptionTable table(mentioned);
  table
      ("help,h", po::bool_switch())
      ("version,V", po::bool_switch())
      ("verbose,v", po::bool_switch())
      ("extra-opts", po::value<std::string>()->implicit_value(""))
      ("hostname,H", po::value<std::string>())
      ("port,p", po::value<std::string>())
      ("use-ipv4,4", po::bool_switch())
      ("use-ipv6,6", po::bool_switch())
      ("bind", po::value<std::string>())
      ("expect,e", po::value<std::string>())
      ("banner-only", po::bool_switch())
      ("command,C", po::value<Strings>())
      ("response,R", po::value<Strings>())
      ("from,f", po::value<std::string>())
      ("rcpt", po::value<Strings>())
      ("fqdn,F", po::value<std::string>())
      ("lmtp,L", po::bool_switch())
      ("ignore-quit-failure,q", po::bool_switch())
      ("warning,w", po::value<Strings>())
      ("critical,c", po::value<Strings>())
      ("timeout,t", po::value<std::string>())
      ("timeout-state", po::value<std::string>())
      ("proxy,r", po::bool_switch())
      ("starttls,S", po::bool_switch())
      ("ssl,tls,s", po::bool_switch())
      ("sni", po::value<std::string>()->implicit_value(""))
      ("no-sni", po::bool_switch())
      ("certificate,D", po::value<std::string>())
      ("ignore-certificate-expiration", po::bool_switch())
      ("no-verify", po::bool_switch())
      ("cafile", po::value<std::string>())
      ("capath", po::value<std::string>())
      ("verify-name", po::value<std::string>())
      ("tls-min", po::value<std::string>())
      ("client-cert", po::value<std::string>())
      ("client-key", po::value<std::string>())
      ("authtype,A", po::value<std::string>())
      ("authuser,U", po::value<std::string>())
      ("authpass,P", po::value<std::string>())
      ("password-file", po::value<std::string>())
      ("allow-plaintext-auth", po::bool_switch())
      ("count,n", po::value<std::string>())
      ("interval,i", po::value<std::string>())
      ("loss-warning", po::value<std::string>())
      ("loss-critical", po::value<std::string>())
      ("load", po::bool_switch())
      ("concurrency", po::value<std::string>())
      ("rate", po::value<std::string>())
      ("duration", po::value<std::string>())
      ("sessions", po::value<std::string>())
      ("ramp", po::value<std::string>()->implicit_value(""))
      ("errors-warning", po::value<std::string>())
      ("errors-critical", po::value<std::string>())
      ("dns-server", po::value<std::string>())
      ("output", po::value<std::string>())
      ("output-format", po::value<std::string>())
      ("perfdata-unreached", po::value<std::string>());
  add_domain_options(table);
  add_policy_options(table);
  add_mail_flow_options(table);
  table.always("word", po::value<Strings>());  // words that are no option: the positional host, or ignored
  return table.take();
}

const std::set<std::string>& repeatable_options() {
  static const std::set<std::string> kRepeatable{"command", "response", "rcpt", "warning", "critical", "word",
                                                 "trust-anchor", "junk-folder"};
  return kRepeatable;
}

// check_smtp took "-to", "-wt" and "-ct" as old spellings of -t, -w and -c.
std::vector<std::string> with_legacy_spellings(std::vector<std::string> args) {
  for (auto& arg : args) {
    if (arg == "-to") arg = "-t";
    else if (arg == "-wt") arg = "-w";
    else if (arg == "-ct") arg = "-c";
  }
  return args;
}

// monitoring-plugins' is_option2(): one or two leading dashes.
bool looks_like_an_option(const std::string& arg) {
  const auto dashes = arg.find_first_not_of('-');
  const auto count = dashes == std::string::npos ? arg.size() : dashes;
  return count == 1 || count == 2;
}

// As monitoring-plugins' np_extra_opts(): "--extra-opts=SPEC", "--extra-opts SPEC"
// (the next argument unless it looks like an option: Icinga 2 passes it so) or a
// bare "--extra-opts"; every section's options go before the command line, in order.
std::vector<std::string> with_extra_opts(const std::vector<std::string>& args, const po::options_description& table,
                                         const std::string& program, const FileAccess& files) {
  std::vector<std::string> ini, rest;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    std::optional<std::string> spec;
    if (arg.rfind("--extra-opts=", 0) == 0) {
      spec = arg.substr(13);
    } else if (arg == "--extra-opts") {
      const bool value_follows = i + 1 < args.size() && !looks_like_an_option(args[i + 1]);
      spec = value_follows ? args[++i] : std::string();
    }
    if (!spec) {
      rest.push_back(arg);
      continue;
    }
    const auto tokens = extra_opts_tokens(*spec, program, table, files);
    ini.insert(ini.end(), tokens.begin(), tokens.end());
  }
  ini.insert(ini.end(), rest.begin(), rest.end());
  return ini;
}

// getopt semantics: a single-valued option given twice keeps its last value
// (which is also how the command line overrides --extra-opts).
po::parsed_options keep_last_values(po::parsed_options parsed) {
  std::set<std::string> seen;
  std::vector<po::option> kept;
  for (auto it = parsed.options.rbegin(); it != parsed.options.rend(); ++it) {
    if (!repeatable_options().count(it->string_key) && !seen.insert(it->string_key).second) continue;
    kept.insert(kept.begin(), *it);
  }
  parsed.options = std::move(kept);
  return parsed;
}

std::string option_names(const std::string& key) {
  static const std::map<std::string, std::string> kShort{
      {"port", "-p/--port"}, {"timeout", "-t/--timeout"}, {"warning", "-w/--warning"}, {"critical", "-c/--critical"},
      {"certificate", "-D/--certificate"}, {"hostname", "-H/--hostname"}, {"authtype", "-A/--authtype"},
      {"response", "-R/--response"}, {"count", "-n/--count"}, {"interval", "-i/--interval"},
      {"fqdn", "-F/--fqdn"}, {"from", "-f/--from"}, {"command", "-C/--command"}, {"authuser", "-U/--authuser"},
      {"authpass", "-P/--authpass"}};
  const auto found = kShort.find(key);
  return found != kShort.end() ? found->second : "--" + key;
}

// A value as a usage error quotes it: neutralised (the message stays one line
// whatever the value holds: a Zabbix key or an --extra-opts file can carry CR
// and LF) and at most its start (a 100 KB regex makes no readable message).
std::string quoted_value(const std::string& value) {
  constexpr std::size_t kShown = 64;
  const std::string shown = "'" + safe_text(value, kShown) + "'";
  return value.size() <= kShown ? shown : shown + " (" + std::to_string(value.size()) + " bytes)";
}

[[noreturn]] void invalid(const std::string& key, const std::string& value, const std::string& why) {
  throw UsageError("invalid value " + quoted_value(value) + " for " + option_names(key) + ": " + why);
}

// Every value that goes on the wire passes wire_value_problem() (lib/smtp/wire_value.hpp).
void require_wire_value(const std::string& key, const std::string& value, WireValue kind) {
  if (const auto problem = wire_value_problem(kind, value)) invalid(key, value, *problem);
}

// A name or address option through `normalise` (lib/options/host_names.hpp).
std::string name_option(const std::string& key, const std::string& value,
                        std::string (*normalise)(const std::string&)) {
  try {
    return normalise(value);
  } catch (const std::invalid_argument& error) {
    invalid(key, value, error.what());
  }
}

// std::chrono::round, not llround: libm is not worth mapping into every check for it.
std::chrono::milliseconds whole_milliseconds(double seconds) {
  return std::chrono::round<std::chrono::milliseconds>(std::chrono::duration<double>(seconds));
}

// Numbers, ranges and day counts without the blanks around them. Nagios passes
// '$ARG1$' = "-w 5" as one argument, so getopt hands check_smtp " 5", which its
// strtol/strtod skip; a value written "5 " in an ini file or a macro is as clear.
std::string without_blanks(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

double parse_number(const std::string& key, const std::string& text) {
  const std::string number = without_blanks(text);
  char* end = nullptr;
  const double value = std::strtod(number.c_str(), &end);
  if (number.empty() || *end != '\0' || !std::isfinite(value)) invalid(key, text, "not a number");
  return value;
}

std::uint16_t port_value(const std::string& text) {
  const auto port = parse_port(without_blanks(text));
  if (!port) invalid("port", text, "not a port number (1-65535)");
  return *port;
}

// "-t 10", "-t 2.5", or "-t 10:unknown" (timeout state, as newer monitoring-plugins take it).
// "-t 0" means no timeout to check_smtp; we stop at the monitoring system's own limit.
void parse_timeout(const std::string& text, CheckConfig& config) {
  std::string seconds = text;
  if (const auto colon = text.find(':'); colon != std::string::npos) {
    seconds = text.substr(0, colon);
    const auto state = parse_state(without_blanks(text.substr(colon + 1)));
    if (!state) invalid("timeout", text, "unknown state after ':'");
    config.policy.timeout_state = *state;
  }
  const double value = parse_number("timeout", seconds);
  if (value < 0 || value > 86400) invalid("timeout", text, "must be 0 (no limit) to 86400 seconds");
  if (value == 0) {
    config.probe.timeout = std::chrono::seconds(kUnlimitedTimeoutSeconds);
    config.notes.push_back("-t 0 (no limit in check_smtp) capped at " + std::to_string(kUnlimitedTimeoutSeconds) +
                           " s, the service check timeout of Nagios and Icinga 2");
    return;
  }
  config.probe.timeout = std::max(std::chrono::milliseconds(1), whole_milliseconds(value));
}

void parse_threshold(const std::string& key, const std::string& given, Thresholds& thresholds) {
  const bool warning = key == "warning";
  const std::string text = without_blanks(given);
  std::string range_text = text;
  RangePair* target = &thresholds.total;
  if (const auto equals = text.find('='); equals != std::string::npos) {
    const std::string name = without_blanks(text.substr(0, equals));
    range_text = without_blanks(text.substr(equals + 1));
    if (name == "p50" || name == "p95" || name == "p99") {
      target = &thresholds.total_percentiles[std::atoi(name.c_str() + 1)];
    } else if (name != "total") {
      const auto phase = parse_phase(name);
      if (!phase) invalid(key, text, "unknown phase '" + name + "'");
      target = &thresholds.phases[*phase];
    }
  }
  std::string why;
  auto range = parse_range(range_text, &why);
  if (!range) invalid(key, text, why.empty() ? "not a threshold range" : why);
  (warning ? target->warning : target->critical) = *range;
}

// A lone WARN leaves CRIT unset: evaluation then calls an expired certificate
// CRITICAL, as check_smtp does (its CRIT is 0), and perfdata shows no critical field.
void parse_certificate_days(const std::string& text, Thresholds& thresholds) {
  const auto comma = text.find(',');
  auto days = [&](const std::string& given) {
    const std::string part = without_blanks(given);
    if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos || part.size() > 5)
      invalid("certificate", text, "expected DAYS or WARN_DAYS,CRIT_DAYS");
    return std::atoi(part.c_str());
  };
  thresholds.cert_days_warning = days(text.substr(0, comma));
  thresholds.cert_days_critical.reset();
  if (comma != std::string::npos) thresholds.cert_days_critical = days(text.substr(comma + 1));
}

// check_smtp takes -f with the angle brackets many configs write ('<a@b>'); '<>'
// is the null sender. Only one enclosing pair goes: what is left is judged as before.
std::string envelope_address(const std::string& text) {
  const std::string address = without_blanks(text);
  if (address.size() >= 2 && address.front() == '<' && address.back() == '>')
    return address.substr(1, address.size() - 2);
  return address;
}

std::vector<std::string> list_value(const po::variables_map& values, const char* key) {
  return values.count(key) ? values[key].as<std::vector<std::string>>() : std::vector<std::string>();
}

// check_smtp takes the first word that is no option as the host when -H is
// missing and ignores every other word, empty ones included (Debian's
// '$ARG1$' left empty, Icinga 2's "-q true"). Unlike check_smtp, the options
// after such a word still count: it stops reading options at the word.
std::vector<std::string> ignored_words(const po::variables_map& values) {
  auto words = list_value(values, "word");
  if (!values.count("hostname") && !values.count("domain") && !words.empty()) words.erase(words.begin());
  return words;
}

// The words right after -P's value: what the shell made of a password with a
// blank in it that a command definition left unquoted.
std::set<std::string> words_after_password(const po::parsed_options& parsed) {
  std::set<std::string> words;
  bool after_password = false;
  for (const auto& option : parsed.options) {
    const bool word = option.string_key == "word";
    if (word && after_password && !option.value.empty()) words.insert(option.value.front());
    if (!word) after_password = option.string_key == "authpass";
  }
  return words;
}

// Ignored words go into the notes (shown at -v and in JSON), but not one that
// may hold the secret: it followed -P's value, or it and the secret overlap.
void note_ignored_words(const po::variables_map& values, const std::set<std::string>& after_password,
                        CheckConfig& config) {
  const std::string& secret = config.probe.auth.secret;
  const auto may_hold_secret = [&](const std::string& word) {
    return after_password.count(word) > 0 ||
           (!secret.empty() && (word.find(secret) != std::string::npos || secret.find(word) != std::string::npos));
  };
  for (const auto& word : ignored_words(values)) {
    if (word.empty())
      config.notes.push_back("ignored an empty argument");
    else if (may_hold_secret(word))
      config.notes.push_back("ignored an argument that may hold the password (not shown)");
    else
      config.notes.push_back("ignored the argument '" + word + "': not an option, and the host is set");
  }
}

void apply_connection(const po::variables_map& values, CheckConfig& config) {
  ProbeOptions& probe = config.probe;
  if (values.count("hostname")) probe.host = text_value(values, "hostname");
  else if (const auto words = list_value(values, "word"); !words.empty() && !values.count("domain")) probe.host = words.front();
  if (probe.host.empty()) throw UsageError("-H/--hostname is empty");
  if (!values.count("domain")) probe.host = name_option("hostname", probe.host, host_argument);  // --domain: apply_domain
  if (values.count("port")) probe.port = port_value(text_value(values, "port"));
  if (flag(values, "use-ipv4") && flag(values, "use-ipv6")) throw UsageError("-4 and -6 exclude each other");
  if (flag(values, "use-ipv4")) probe.family = AddressFamily::ipv4;
  if (flag(values, "use-ipv6")) probe.family = AddressFamily::ipv6;
  if (values.count("bind")) {
    probe.bind_address = text_value(values, "bind");
    try {
      numeric_address(*probe.bind_address);
    } catch (const ResolveError&) {
      invalid("bind", *probe.bind_address, "not a numeric IP address");
    }
  }
  if (values.count("timeout")) parse_timeout(text_value(values, "timeout"), config);
  if (values.count("timeout-state")) {
    const auto state = parse_state(text_value(values, "timeout-state"));
    if (!state) invalid("timeout-state", text_value(values, "timeout-state"), "expected ok, warning, critical or unknown");
    config.policy.timeout_state = *state;
  }
  probe.proxy_header = flag(values, "proxy");
}

void apply_dialog(const po::variables_map& values, CheckConfig& config) {
  ProbeOptions& probe = config.probe;
  if (values.count("expect")) probe.expect = text_value(values, "expect");
  probe.banner_only = flag(values, "banner-only");
  if (probe.banner_only && (values.count("from") || values.count("rcpt") || values.count("command") ||
                            values.count("authtype") || values.count("authuser") || flag(values, "starttls")))
    throw UsageError("--banner-only excludes -S, -A/-U, -f, --rcpt and -C: it stops after the greeting");
  if (values.count("from")) probe.mail_from = envelope_address(text_value(values, "from"));
  for (const auto& recipient : list_value(values, "rcpt")) probe.rcpt_to.push_back(envelope_address(recipient));
  if (values.count("fqdn")) probe.hello_name = text_value(values, "fqdn");
  if (values.count("fqdn") && probe.hello_name.empty()) throw UsageError("-F/--fqdn is empty");
  if (values.count("fqdn")) probe.hello_name = name_option("fqdn", probe.hello_name, hello_name_argument);
  if (flag(values, "lmtp")) probe.hello_verb = HelloVerb::lhlo;
  probe.ignore_quit_failure = flag(values, "ignore-quit-failure");
  const auto commands = list_value(values, "command");
  const auto responses = list_value(values, "response");
  for (std::size_t i = 0; i < commands.size(); ++i) {
    require_wire_value("command", commands[i], WireValue::command_line);
    CustomCommand custom{commands[i], std::nullopt};
    if (i < responses.size()) custom.expect_regex = responses[i];
    probe.commands.push_back(custom);
  }
  // Compiled now, so a pattern we cannot take is UNKNOWN before any connection.
  for (const auto& pattern : responses) {
    try {
      ResponseRegex compiled(pattern);
    } catch (const RegexError& error) {
      invalid("response", pattern, error.what());
    }
  }
  require_wire_value("from", probe.mail_from.value_or(""), WireValue::mailbox);
  for (const auto& value : probe.rcpt_to) require_wire_value("rcpt", value, WireValue::mailbox);
}

// check_smtp 2.3 (Debian 12's) turns STARTTLS on for -D, and configurations
// written for it give -D alone.
void starttls_for_certificate_days(const po::variables_map& values, CheckConfig& config) {
  if (!values.count("certificate") || config.probe.tls.mode != TlsMode::none) return;
  if (config.probe.banner_only) throw UsageError("-D/--certificate with --banner-only needs -s/--ssl");
  config.probe.tls.mode = TlsMode::starttls;
  config.notes.push_back("-D without -S or -s: STARTTLS turned on, as check_smtp 2.3 does");
}

void apply_tls(const po::variables_map& values, CheckConfig& config) {
  TlsOptions& tls = config.probe.tls;
  if (flag(values, "starttls") && flag(values, "ssl")) throw UsageError("-S/--starttls and -s/--ssl exclude each other");
  if (flag(values, "starttls")) tls.mode = TlsMode::starttls;
  if (flag(values, "ssl")) tls.mode = TlsMode::implicit;
  starttls_for_certificate_days(values, config);
  if (values.count("sni") && !text_value(values, "sni").empty())
    tls.sni = name_option("sni", text_value(values, "sni"), sni_argument);
  if (flag(values, "no-sni")) tls.sni = std::string();
  tls.verify = !flag(values, "no-verify");
  if (values.count("cafile")) tls.ca_file = text_value(values, "cafile");
  if (values.count("capath")) tls.ca_path = text_value(values, "capath");
  if (values.count("verify-name"))
    tls.verify_name = name_option("verify-name", text_value(values, "verify-name"), verify_name_argument);
  if (values.count("client-cert")) tls.client_cert = text_value(values, "client-cert");
  if (values.count("client-key")) tls.client_key = text_value(values, "client-key");
  if (tls.client_key && !tls.client_cert) throw UsageError("--client-key needs --client-cert");
  if (values.count("tls-min")) {
    std::string version = text_value(values, "tls-min");
    if (version.rfind("TLSv", 0) == 0) version = version.substr(4);
    if (version != "1.0" && version != "1.1" && version != "1.2" && version != "1.3")
      invalid("tls-min", text_value(values, "tls-min"), "expected 1.0, 1.1, 1.2 or 1.3");
    tls.min_version = version;
  }
  if (values.count("certificate")) parse_certificate_days(text_value(values, "certificate"), config.policy.thresholds);
  tls.ignore_expiry = flag(values, "ignore-certificate-expiration");
  if (tls.ignore_expiry) {
    config.policy.thresholds.cert_days_warning.reset();
    config.policy.thresholds.cert_days_critical.reset();
  }
  const bool tls_detail = values.count("certificate") || values.count("cafile") || values.count("capath") ||
                          values.count("verify-name") || values.count("tls-min") || values.count("client-cert");
  if (tls_detail && tls.mode == TlsMode::none && !tls_policies_use_tls(values))
    throw UsageError("TLS options need -S/--starttls or -s/--ssl");
}

void read_tls_files(CheckConfig& config, const FileAccess& files) {
  load_tls_files(config.probe.tls, files, Deadline::after(config.probe.timeout));
}

void apply_auth(const po::variables_map& values, CheckConfig& config, const FileAccess& files) {
  AuthOptions& auth = config.probe.auth;
  auth.mechanism = text_value(values, "authtype");
  auth.user = text_value(values, "authuser");
  auth.allow_plaintext = flag(values, "allow-plaintext-auth");
  std::string source;
  if (values.count("authpass")) {
    auth.secret = text_value(values, "authpass");
    source = "-P/--authpass";
  } else if (values.count("password-file")) {
    auth.secret = read_password_file(text_value(values, "password-file"), files,
                                     Deadline::after(config.probe.timeout));
    source = "--password-file";
  } else if (const char* env = std::getenv("SMTP_PING_PASSWORD")) {
    auth.secret = env;
    source = "SMTP_PING_PASSWORD";
  }
  if (auth.mechanism.empty() && !auth.user.empty()) auth.mechanism = "auto";
  if (auth.mechanism.empty()) return;
  const std::string name = upper(auth.mechanism);
  const auto& known = supported_sasl_mechanisms();
  if (name != "AUTO" && std::find(known.begin(), known.end(), name) == known.end())
    invalid("authtype", auth.mechanism, "expected auto, PLAIN, LOGIN, CRAM-MD5, XOAUTH2 or OAUTHBEARER");
  if (auth.user.empty()) throw UsageError("-A/--authtype needs -U/--authuser");
  if (auth.secret.empty())
    throw UsageError("AUTH needs a secret: -P/--authpass, --password-file or SMTP_PING_PASSWORD");
  require_wire_value("authuser", auth.user, WireValue::sasl_user);
  // Never quoted: it is the secret.
  if (const auto problem = wire_value_problem(WireValue::sasl_secret, auth.secret))
    throw UsageError("invalid value for " + source + ": " + *problem);
}

double parse_percent(const std::string& key, const std::string& text) {
  std::string number = without_blanks(text);
  if (!number.empty() && number.back() == '%') number.pop_back();
  const double value = parse_number(key, number);
  if (value < 0 || value > 100) invalid(key, text, "must be a percentage from 0 to 100");
  return value;
}

void apply_series(const po::variables_map& values, CheckConfig& config) {
  if (values.count("count")) {
    const std::string text = without_blanks(text_value(values, "count"));
    if (text.empty() || text.size() > 4 || text.find_first_not_of("0123456789") != std::string::npos ||
        std::atoi(text.c_str()) < 1 || std::atoi(text.c_str()) > 1000)
      invalid("count", text_value(values, "count"), "expected a number of probes from 1 to 1000");
    config.series.count = std::atoi(text.c_str());
  }
  if (values.count("interval")) {
    const std::string text = text_value(values, "interval");
    const double seconds = parse_number("interval", text);
    if (seconds < 0 || seconds > 3600) invalid("interval", text, "expected 0 to 3600 seconds");
    config.series.interval = whole_milliseconds(seconds);
  }
  if (values.count("loss-warning")) config.policy.loss_warning = parse_percent("loss-warning", text_value(values, "loss-warning"));
  if (values.count("loss-critical"))
    config.policy.loss_critical = parse_percent("loss-critical", text_value(values, "loss-critical"));
  if (values.count("dns-server")) config.dns_server = text_value(values, "dns-server");
}

// --load and its pacing: one of --concurrency/--rate, one of --duration/--sessions, within the caps.
void apply_load(const po::variables_map& values, CheckConfig& config) {
  const char* const kLoadOnly[] = {"concurrency", "rate", "duration", "sessions", "ramp", "errors-warning", "errors-critical"};
  if (!flag(values, "load")) {
    for (const char* name : kLoadOnly)
      if (values.count(name)) invalid(name, text_value(values, name), "only with --load");
    if (!config.policy.thresholds.total_percentiles.empty())
      throw UsageError("-w/-c p50=, p95=, p99= judge a load run: only with --load");
    return;
  }
  if (values.count("count")) throw UsageError("--load and -n/--count exclude each other (a load run has --sessions)");
  if (values.count("domain")) throw UsageError("--load and --domain exclude each other: load one server (-H)");
  if (values.count("concurrency") && values.count("rate"))
    throw UsageError("--concurrency and --rate exclude each other: sessions at once, or new sessions a second");
  if (!values.count("duration") && !values.count("sessions"))
    throw UsageError("--load needs --duration=SECONDS or --sessions=N (or both): a load run must end");
  LoadPlan plan;
  if (values.count("concurrency")) {
    const std::string text = text_value(values, "concurrency");
    const double value = parse_number("concurrency", text);
    if (value < 1 || value > kMaxLoadConcurrency || value != static_cast<int>(value))
      invalid("concurrency", text, "expected 1 to " + std::to_string(kMaxLoadConcurrency) + " sessions at once");
    plan.concurrency = static_cast<int>(value);
  }
  if (values.count("rate")) {
    const std::string text = text_value(values, "rate");
    const double value = parse_number("rate", text);
    if (!(value > 0) || value > kMaxLoadRate)
      invalid("rate", text, "expected more than 0 and at most " + shortest_number_text(kMaxLoadRate) + " sessions a second");
    plan.pacing = LoadPlan::Pacing::rate;
    plan.rate = value;
  }
  if (values.count("duration")) {
    const std::string text = text_value(values, "duration");
    const double seconds = parse_number("duration", text);
    if (!(seconds > 0) || seconds > static_cast<double>(kMaxLoadDuration.count()))
      invalid("duration", text, "expected more than 0 and at most " + std::to_string(kMaxLoadDuration.count()) + " seconds");
    plan.duration = whole_milliseconds(seconds);
  }
  if (values.count("sessions")) {
    const std::string text = text_value(values, "sessions");
    const double value = parse_number("sessions", text);
    if (value < 1 || value > kMaxLoadSessions || value != static_cast<int>(value))
      invalid("sessions", text, "expected 1 to " + std::to_string(kMaxLoadSessions) + " sessions");
    plan.sessions = static_cast<int>(value);
  }
  if (values.count("ramp")) {
    const std::string text = text_value(values, "ramp");
    const bool by_rate = plan.pacing == LoadPlan::Pacing::rate;
    const double top = by_rate ? kMaxLoadRate : kMaxLoadConcurrency;
    const double start = by_rate ? plan.rate : plan.concurrency;
    const double to = without_blanks(text).empty() ? top : parse_number("ramp", text);
    if (to < start || to > top)
      invalid("ramp", text, "expected the top of the ramp, from the starting " + std::string(by_rate ? "rate" : "concurrency") +
                                " to " + shortest_number_text(top));
    plan.ramp_to = by_rate ? to : static_cast<double>(static_cast<int>(to));
  }
  config.policy.errors_warning =
      values.count("errors-warning") ? parse_percent("errors-warning", text_value(values, "errors-warning")) : 1.0;
  config.policy.errors_critical =
      values.count("errors-critical") ? parse_percent("errors-critical", text_value(values, "errors-critical")) : 5.0;
  config.load = plan;
}

void apply_output(const po::variables_map& values, CheckConfig& config) {
  std::string format = values.count("output") ? text_value(values, "output") : text_value(values, "output-format");
  if (format.empty() || format == "plugin" || format == "multi-line" || format == "text") return;
  if (format == "json" || format == "mp-test-json") {
    config.output = OutputFormat::json;
    return;
  }
  invalid(values.count("output") ? "output" : "output-format", format, "expected plugin or json");
}

void apply_perfdata(const po::variables_map& values, CheckConfig& config) {
  if (!values.count("perfdata-unreached")) return;
  const std::string choice = text_value(values, "perfdata-unreached");
  if (choice != "U" && choice != "u" && choice != "omit")
    invalid("perfdata-unreached", choice, "expected U (the default) or omit");
  config.omit_unreached_perfdata = choice == "omit";
}

// Our words for Boost's errors. Not error.what(): Boost 1.74 substitutes
// "%canonical_option%"-style placeholders in its message until none is left,
// so an argument containing one loops for ever (found by fuzz_command_line).
std::string usage_error_text(const po::error& error) {
  const auto* with_name = dynamic_cast<const po::error_with_option_name*>(&error);
  // Only the name: "--auth=VALUE" is ambiguous, and VALUE may be the password.
  const std::string typed = with_name ? with_name->get_option_name() : std::string();
  const std::string name = with_name ? "'" + typed.substr(0, typed.find('=')) + "'" : std::string("an option");
  if (dynamic_cast<const po::unknown_option*>(&error)) return "unrecognised option " + name;
  if (dynamic_cast<const po::ambiguous_option*>(&error)) return "ambiguous option " + name;
  if (const auto* syntax = dynamic_cast<const po::invalid_syntax*>(&error)) {
    switch (syntax->kind()) {
      case po::invalid_syntax::missing_parameter: return "option " + name + " needs a value";
      case po::invalid_syntax::extra_parameter: return "option " + name + " takes no value";
      default: return "malformed option " + name;
    }
  }
  if (dynamic_cast<const po::invalid_option_value*>(&error)) return "invalid value for option " + name;
  return "invalid option " + name;
}

}  // namespace

ParsedCommandLine parse_command_line(const std::vector<std::string>& raw_args, const std::string& program,
                                     const FileAccess& files) {
  const std::vector<std::string> spelled = with_legacy_spellings(raw_args);
  // --extra-opts brings options no argument names: then the whole table.
  const bool extra_opts = std::any_of(spelled.begin(), spelled.end(), [](const std::string& arg) {
    return arg == "--extra-opts" || arg.rfind("--extra-opts=", 0) == 0;
  });
  const po::options_description table = option_table(extra_opts ? nullptr : &spelled);
  po::positional_options_description positional;
  positional.add("word", -1);
  ParsedCommandLine result;
  po::variables_map values;
  std::set<std::string> after_password;
  try {
    const std::vector<std::string> args = with_extra_opts(spelled, table, program, files);
    po::parsed_options parsed = po::command_line_parser(args)
                                    .options(table)
                                    .positional(positional)
                                    .style(po::command_line_style::unix_style)
                                    .run();
    for (const auto& option : parsed.options)
      if (option.string_key == "verbose") ++result.config.verbosity;
    after_password = words_after_password(parsed);
    parsed = keep_last_values(std::move(parsed));
    po::store(parsed, values);
    po::notify(values);
  } catch (const po::error& error) {
    throw UsageError(usage_error_text(error));
  }
  if (flag(values, "help")) {
    result.action = CommandAction::help;
    return result;
  }
  if (flag(values, "version")) {
    result.action = CommandAction::version;
    return result;
  }
  // check_smtp checks 127.0.0.1 when only other options are given; no options at all is a usage error.
  if (raw_args.empty()) throw UsageError("no options given: at least -H/--hostname is needed");
  apply_connection(values, result.config);
  apply_dialog(values, result.config);
  for (const auto& text : list_value(values, "warning")) parse_threshold("warning", text, result.config.policy.thresholds);
  for (const auto& text : list_value(values, "critical")) parse_threshold("critical", text, result.config.policy.thresholds);
  apply_tls(values, result.config);
  apply_auth(values, result.config, files);
  note_ignored_words(values, after_password, result.config);
  read_tls_files(result.config, files);
  apply_mail_flow_options(values, result.config, files);
  apply_series(values, result.config);
  apply_load(values, result.config);
  apply_output(values, result.config);
  apply_perfdata(values, result.config);
  apply_domain(values, result.config);
  apply_policy_options(values, result.config);
  return result;
}

}  // namespace smtp_ping
