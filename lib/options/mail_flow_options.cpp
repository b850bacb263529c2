#include "options/mail_flow_options.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>

#include "mail/probe_body.hpp"
#include "mailbox/mailbox_url.hpp"
#include "options/duration_option.hpp"
#include "options/option_files.hpp"
#include "options/option_values.hpp"

namespace po = boost::program_options;

namespace smtp_ping {
namespace {

// Larger than any probe needs, below the 10 MB many servers refuse by default (Postfix: 10240000).
constexpr std::size_t kMaximumMessageSize = 10'000'000;

std::size_t message_size(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t");
  const auto end = text.find_last_not_of(" \t");
  const std::string digits = begin == std::string::npos ? std::string() : text.substr(begin, end - begin + 1);
  const bool number = !digits.empty() && digits.size() <= 8 && digits.find_first_not_of("0123456789") == std::string::npos;
  const std::size_t size = number ? std::stoul(digits) : 0;
  if (size < kMinimumProbeBodySize || size > kMaximumMessageSize)
    throw UsageError("invalid value '" + text + "' for --message-size: expected " +
                     std::to_string(kMinimumProbeBodySize) + " to " + std::to_string(kMaximumMessageSize) +
                     " bytes of body");
  return size;
}


// --stale-after: at least a minute (a shorter limit could take a probe a slow run still waits for).
std::chrono::seconds stale_after(const std::string& text) {
  const auto duration = parse_duration(text);
  if (!duration || *duration < std::chrono::minutes(1))
    throw UsageError("invalid value '" + text + "' for --stale-after: expected a duration of at least 1m, " +
                     "as 3600, 90m, 1h or 2d");
  return *duration;
}

// --require-auth-results=spf,dkim,dmarc: method names of RFC 8601 (lowercase, in order, once each).
std::vector<std::string> required_methods(const std::string& text) {
  std::vector<std::string> methods;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    std::string method = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool name = !method.empty() && method.size() <= 32 &&
                      method.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
    if (!name)
      throw UsageError("invalid value '" + text + "' for --require-auth-results: expected methods such as spf,dkim,dmarc");
    if (std::find(methods.begin(), methods.end(), method) == methods.end()) methods.push_back(method);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return methods;
}



std::string mailbox_password(const po::variables_map& values, const FileAccess& files, const CheckConfig& config) {
  if (values.count("mailbox-password-file")) {
    try {
      return read_password_file(text_value(values, "mailbox-password-file"), files, Deadline::after(config.probe.timeout));
    } catch (const UsageError& error) {
      const std::string why = error.what();
      throw UsageError("--mailbox-password-file" + why.substr(why.find(':')));
    }
  }
  if (const char* env = std::getenv("SMTP_PING_MAILBOX_PASSWORD")) return env;
  throw UsageError("--mailbox needs a secret: --mailbox-password-file or SMTP_PING_MAILBOX_PASSWORD");
}

// --mailbox and what goes with it; the URL names user, host, port and folder (libcurl's syntax).
RoundTripOptions round_trip_options(const po::variables_map& values, const FileAccess& files,
                                    const CheckConfig& config) {
  RoundTripOptions options;
  std::string problem;
  const auto url = mailbox::parse_mailbox_url(text_value(values, "mailbox"), problem);
  if (!url) throw UsageError("invalid value for --mailbox: " + problem);
  options.account.url = *url;
  options.account.password = mailbox_password(values, files, config);
  options.account.allow_plaintext = flag(values, "mailbox-allow-plaintext");
  options.account.verify_peer = config.probe.tls.verify;
  options.account.ca_file = config.probe.tls.ca_file.value_or("");
  if (values.count("junk-folder")) options.junk_folders = values["junk-folder"].as<std::vector<std::string>>();
  options.keep = flag(values, "keep");
  if (values.count("stale-after")) options.stale_after = stale_after(text_value(values, "stale-after"));
  return options;
}

}  // namespace

void add_mail_flow_options(OptionTable& table) {
  table
      ("send", po::bool_switch())
      ("message-size", po::value<std::string>())
      ("mailbox", po::value<std::string>())
      ("mailbox-password-file", po::value<std::string>())
      ("mailbox-allow-plaintext", po::bool_switch())
      ("junk-folder", po::value<std::vector<std::string>>())
      ("keep", po::bool_switch())
      ("stale-after", po::value<std::string>())
      ("require-auth-results", po::value<std::string>());
}

void apply_mail_flow_options(const po::variables_map& values, CheckConfig& config, const FileAccess& files) {
  const bool mailbox = values.count("mailbox") > 0;
  // Checked first: a round trip belongs to one probe of one server.
  if (mailbox && flag(values, "load"))
    throw UsageError("--load and --mailbox exclude each other: a load run sends (--send), it does not fetch");
  if (mailbox && values.count("domain"))
    throw UsageError("--domain and --mailbox exclude each other: every target would fetch from the one mailbox "
                     "(--send works: each target takes a probe message)");
  for (const char* key : {"mailbox-password-file", "junk-folder", "stale-after", "require-auth-results"})
    if (values.count(key) && !mailbox) throw UsageError(std::string("--") + key + " needs --mailbox");
  for (const char* key : {"mailbox-allow-plaintext", "keep"})
    if (flag(values, key) && !mailbox) throw UsageError(std::string("--") + key + " needs --mailbox");
  const bool send = flag(values, "send") || mailbox;  // --mailbox implies --send
  if (values.count("message-size") && !send) throw UsageError("--message-size needs --send");
  if (!send) return;
  ProbeOptions& probe = config.probe;
  if (!probe.mail_from || probe.mail_from->empty())
    throw UsageError("--send needs -f/--from with a sender address (it is also the message's From:)");
  if (probe.rcpt_to.empty()) throw UsageError("--send needs at least one --rcpt");
  SendOptions options;
  if (values.count("message-size")) options.body_size = message_size(values["message-size"].as<std::string>());
  probe.send = options;
  if (mailbox) probe.mailbox = round_trip_options(values, files, config);
  if (values.count("require-auth-results"))
    config.policy.required_auth_results = required_methods(text_value(values, "require-auth-results"));
}

}  // namespace smtp_ping
