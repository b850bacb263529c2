#include "options/mail_flow_options.hpp"

#include <string>

#include "mail/probe_body.hpp"

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

}  // namespace

void add_mail_flow_options(po::options_description& table) {
  table.add_options()
      ("send", po::bool_switch())
      ("message-size", po::value<std::string>());
}

void apply_mail_flow_options(const po::variables_map& values, CheckConfig& config) {
  const bool send = values.count("send") && values["send"].as<bool>();
  if (values.count("message-size") && !send) throw UsageError("--message-size needs --send");
  if (!send) return;
  ProbeOptions& probe = config.probe;
  if (!probe.mail_from || probe.mail_from->empty())
    throw UsageError("--send needs -f/--from with a sender address (it is also the message's From:)");
  if (probe.rcpt_to.empty()) throw UsageError("--send needs at least one --rcpt");
  SendOptions options;
  if (values.count("message-size")) options.body_size = message_size(values["message-size"].as<std::string>());
  probe.send = options;
}

}  // namespace smtp_ping
