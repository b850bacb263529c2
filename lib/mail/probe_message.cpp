#include "mail/probe_message.hpp"

#include "mail/message_digest.hpp"
#include "mail/probe_body.hpp"

namespace smtp_ping {
namespace {

constexpr std::size_t kFoldAt = 78;  // RFC 5322 §2.1.1: SHOULD NOT exceed 78 characters

std::string domain_of(const std::string& address) {
  const auto at = address.rfind('@');
  std::string domain = at == std::string::npos ? std::string() : address.substr(at + 1);
  if (!domain.empty() && domain.back() == '>') domain.pop_back();
  return domain.empty() ? "smtp-ping.invalid" : domain;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// "Name: value" with CRLF, folded before an address when the line would pass 78 characters.
std::string field_line(const HeaderField& field) {
  std::string out = field.name + ":";
  std::size_t line_length = out.size();
  std::size_t start = 0;
  const std::string& value = field.value;
  while (start <= value.size()) {
    // The value splits at ", " into pieces that keep their comma.
    const auto comma = value.find(", ", start);
    const std::string piece = value.substr(start, comma == std::string::npos ? std::string::npos : comma + 1 - start);
    if (line_length + 1 + piece.size() > kFoldAt && line_length > field.name.size() + 1) {
      out += "\r\n";
      line_length = 0;
    }
    out += " " + piece;
    line_length += 1 + piece.size();
    if (comma == std::string::npos) break;
    start = comma + 2;
  }
  return out + "\r\n";
}

}  // namespace

const std::vector<std::string>& probe_checked_headers() {
  static const std::vector<std::string> names{"From", "To", "Subject", "Message-ID", kTokenHeader, kSentHeader,
                                              kDigestHeader};
  return names;
}

std::string probe_body_digest(std::string_view body) {
  std::string canonical;
  canonical.reserve(body.size() + body.size() / 32);
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < body.size() && body[i + 1] == '\n') ++i;
      canonical += "\r\n";
    } else {
      canonical += c;
    }
  }
  return sha256_hex(canonical);
}

ProbeMessage compose_probe_message(const ProbeMessageSpec& spec) {
  ProbeMessage message;
  message.token = spec.token;
  message.body = probe_body(spec.body_size);
  message.digest = probe_body_digest(message.body);
  message.headers = {
      {"Date", format_rfc5322_date(spec.sent)},
      {"From", spec.from},
      {"To", joined(spec.recipients)},
      {"Subject", spec.subject + " " + spec.token.substr(0, 8)},
      {"Message-ID", "<smtp-ping." + spec.token + "@" + domain_of(spec.from) + ">"},
      {kTokenHeader, spec.token},
      {kSentHeader, format_sent_stamp(spec.sent)},
      {kDigestHeader, message.digest},
      {"MIME-Version", "1.0"},
      {"Content-Type", "text/plain; charset=us-ascii"},
      {"Content-Transfer-Encoding", "7bit"},
  };
  for (const auto& field : message.headers) message.text += field_line(field);
  message.text += "\r\n" + message.body;
  return message;
}

}  // namespace smtp_ping
