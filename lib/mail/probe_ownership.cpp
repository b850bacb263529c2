#include "mail/probe_ownership.hpp"

#include <algorithm>
#include <cctype>

#include "mail/mail_time.hpp"
#include "mail/probe_message.hpp"

namespace smtp_ping {
namespace {

bool is_probe_token(std::string_view token) {
  return token.size() == 32 && std::all_of(token.begin(), token.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trimmed(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

// The one field named `name`; null when it is absent or repeated.
const HeaderField* single(const MailMessage& headers, std::string_view name) {
  const auto all = headers.fields(name);
  return all.size() == 1 ? all.front() : nullptr;
}

std::string domain_part(std::string_view address) {
  const auto at = address.rfind('@');
  return at == std::string_view::npos ? std::string() : std::string(address.substr(at + 1));
}

}  // namespace

std::string from_address(std::string_view value) {
  std::string_view text = trimmed(value);
  const auto open = text.find('<');
  if (open != std::string_view::npos) {
    const auto close = text.find('>', open);
    if (close == std::string_view::npos || trimmed(text.substr(close + 1)) != "") return {};
    text = trimmed(text.substr(open + 1, close - open - 1));
  }
  const bool plain = !text.empty() && text.find_first_of(" \t,;:<>\"()") == std::string_view::npos &&
                     std::count(text.begin(), text.end(), '@') == 1;
  return plain ? std::string(text) : std::string();
}

std::optional<ProbeIdentity> identify_own_probe(const MailMessage& headers, std::string_view sender) {
  const HeaderField* token = single(headers, kTokenHeader);
  const HeaderField* from = single(headers, "From");
  const HeaderField* message_id = single(headers, "Message-ID");
  const HeaderField* sent = single(headers, kSentHeader);
  if (!token || !from || !message_id || !sent || sender.empty()) return std::nullopt;
  if (!is_probe_token(token->value)) return std::nullopt;
  const std::string address = from_address(from->value);
  if (address.empty() || !equal_ignoring_case(address, from_address(sender))) return std::nullopt;
  // As compose_probe_message writes it: <smtp-ping.TOKEN@the sender's domain>.
  const std::string expected_id = "<smtp-ping." + token->value + "@" + domain_part(address) + ">";
  if (!equal_ignoring_case(message_id->value, expected_id)) return std::nullopt;
  const auto sent_ms = parse_sent_stamp(sent->value);
  if (!sent_ms) return std::nullopt;
  return ProbeIdentity{token->value, *sent_ms};
}

}  // namespace smtp_ping
