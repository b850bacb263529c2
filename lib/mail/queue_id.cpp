// Wordings of the final DATA reply, each with where it is documented or seen:
//  postfix   "250 2.0.0 Ok: queued as 4ZxY1Q0mzCz9sWp"  Postfix smtpd(8), src/smtpd/smtpd.c
//            ("Ok: queued as %s"); also how Postfix logs a relay's reply.
//  exim      "250 OK id=1tA2b3-000abc-De" (4.97+: "10HmaX-000000005vi-0000")  the Exim
//            specification, "The default SMTP responses"; Exim's test suite (test/stdout).
//  exchange  "250 2.6.0 <message-id> [InternalId=23138874, Hostname=EX01] Queued mail for
//            delivery"  Microsoft Exchange / Microsoft 365 receive connector replies, as Postfix
//            logs them for Exchange relays.
//  gmail     "250 2.0.0 OK  1700000000 a1b2c3si123456wmb.12 - gsmtp"  Google's MX replies.
//  qmail     "250 ok 1700000000 qp 12345"  qmail-smtpd (qp: the queue process id).
//  haraka    "250 Message Queued (4F1A2B3C-...-1)"  Haraka's queue plugins (transaction uuid).
//  sendmail  "250 2.0.0 x9ABCDEF012345 Message accepted for delivery"  Sendmail's
//            srvrsmtp.c; OpenSMTPD ("250 2.0.0 %08x Message accepted for delivery") and
//            cPanel/Exim setups use the same shape ("... mail accepted for delivery").
//  generic   "queued as X" / "id=X" anywhere, for servers that copy those wordings.
#include "mail/queue_id.hpp"

#include <cctype>
#include <string>

namespace smtp_ping {
namespace {

constexpr std::size_t kMaximumIdLength = 128;

bool id_character(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '=' || c == '@' ||
         c == '<' || c == '>' || c == '+';
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The run of id characters at `at`, trailing '.' and ',' dropped; empty if none or too long.
std::string id_at(std::string_view text, std::size_t at) {
  std::size_t end = at;
  while (end < text.size() && id_character(text[end])) ++end;
  while (end > at && (text[end - 1] == '.' || text[end - 1] == ',')) --end;
  if (end == at || end - at > kMaximumIdLength) return {};
  return std::string(text.substr(at, end - at));
}

// The id after the first occurrence of `marker` (case-insensitive).
std::string id_after(std::string_view text, const std::string& lower, std::string_view marker) {
  const auto found = lower.find(marker);
  if (found == std::string::npos) return {};
  return id_at(text, found + marker.size());
}

std::string strip_enhanced_status(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size() && text[at] == ' ') ++at;
  std::size_t end = at;
  while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.')) ++end;
  const std::string_view code = text.substr(at, end - at);
  if (code.size() >= 5 && code.find('.') != std::string_view::npos && code.front() != '.') at = end;
  while (at < text.size() && text[at] == ' ') ++at;
  return std::string(text.substr(at));
}

// The word before `marker`: "<id> - gsmtp", "<id> Message accepted for delivery".
std::string word_before(std::string_view text, const std::string& lower, std::string_view marker) {
  const auto found = lower.find(marker);
  if (found == std::string::npos || found == 0) return {};
  std::size_t end = found;
  while (end > 0 && text[end - 1] == ' ') --end;
  std::size_t start = end;
  while (start > 0 && text[start - 1] != ' ') --start;
  if (start == end) return {};
  const std::string id = id_at(text, start);
  return id.size() == end - start ? id : std::string();
}

}  // namespace

std::optional<QueueId> extract_queue_id(std::string_view reply_text) {
  const std::string text = strip_enhanced_status(reply_text.substr(0, 4096));
  const std::string lower = lowercase(text);
  auto found = [](std::string id, const char* form) -> std::optional<QueueId> {
    if (id.empty()) return std::nullopt;
    return QueueId{std::move(id), form};
  };
  if (auto id = found(id_after(text, lower, "queued as "), "postfix")) return id;
  if (lower.rfind("ok id=", 0) == 0)
    if (auto id = found(id_at(text, 6), "exim")) return id;
  if (auto id = found(id_after(text, lower, "[internalid="), "exchange")) return id;
  if (auto id = found(word_before(text, lower, " - gsmtp"), "gmail")) return id;
  if (auto id = found(id_after(text, lower, " qp "), "qmail")) return id;
  if (auto id = found(id_after(text, lower, "message queued ("), "haraka")) return id;
  if (lower.find("accepted for delivery") != std::string::npos) {
    // The first word, unless the text starts with the wording itself.
    const std::string first = id_at(text, 0);
    const std::string first_lower = lowercase(first);
    if (!first.empty() && first_lower != "message" && first_lower != "mail" && first_lower != "ok" &&
        (first.size() == text.size() || text[first.size()] == ' '))
      return QueueId{first, "sendmail"};
  }
  if (auto id = found(id_after(text, lower, "id="), "generic")) return id;
  return std::nullopt;
}

}  // namespace smtp_ping
