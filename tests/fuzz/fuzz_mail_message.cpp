// A fetched message: header parsing and unfolding, then the integrity check
// against a fixed probe. Bounded results, and an unaltered probe is intact.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "mail/mail_message.hpp"
#include "mail/message_integrity.hpp"
#include "mail/probe_message.hpp"
#include "mail/probe_ownership.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;

namespace {

const ProbeMessage& sent() {
  static const ProbeMessage message = [] {
    ProbeMessageSpec spec;
    spec.from = "probe@example.org";
    spec.recipients = {"user@example.net"};
    spec.token = "0123456789abcdef0123456789abcdef";
    spec.sent = std::chrono::system_clock::from_time_t(1796139823);
    spec.body_size = 300;
    return compose_probe_message(spec);
  }();
  return message;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = as_text(data, size);
  const MailMessage message = parse_mail_message(input);
  require(message.headers.size() <= kMaximumHeaderFields, "more header fields than the limit", input);
  std::size_t field_bytes = 0;
  for (const auto& field : message.headers) {
    require(!field.name.empty() && field.name.find(':') == std::string::npos, "a bad field name", field.name);
    require(field.value.find('\n') == std::string::npos, "a line feed in an unfolded value", field.value);
    field_bytes += field.name.size() + field.value.size();
  }
  require(field_bytes + message.body.size() <= input.size(), "parsed more than the input", input);
  if (!message.has_body_separator) require(message.body.empty(), "a body without an empty line", input);

  // Ownership (stale-probe removal): only a message with the probe's own marks is ours.
  if (const auto identity = identify_own_probe(message, "probe@example.org")) {
    require(identity->token.size() == 32, "a token of another form taken as ours", input);
    require(message.field("Message-ID") != nullptr, "ours without a Message-ID", input);
  }
  if (const auto* from = message.field("From")) {
    const std::string address = from_address(from->value);
    require(address.empty() || address.find('@') != std::string::npos, "an address without @", from->value);
    require(address.size() <= from->value.size(), "an address longer than its field", from->value);
  }

  const IntegrityReport report = check_integrity(sent(), message);
  require(report.added_headers.size() <= message.headers.size(), "more added headers than headers", input);
  require(report.body_intact() == !report.first_difference.has_value(), "a difference iff the digests differ", input);
  if (report.first_difference) {
    if (report.first_difference->sent)
      require(report.first_difference->sent->size() <= kDifferenceLineLimit, "a long sent line", input);
    if (report.first_difference->received)
      require(report.first_difference->received->size() <= kDifferenceLineLimit, "a long received line", input);
  }
  // The probe itself, with whatever the input adds in front as header lines, stays intact.
  if (input.size() < 2000 && input.find('\n') == std::string_view::npos && input.find('\r') == std::string_view::npos &&
      input.find(':') != std::string_view::npos && input.front() != ' ' && input.front() != '\t' &&
      input.front() != ':') {
    const auto colon = input.find(':');
    bool plain_name = colon > 0;
    for (std::size_t i = 0; i < colon; ++i)
      if (static_cast<unsigned char>(input[i]) <= ' ' || static_cast<unsigned char>(input[i]) > '~') plain_name = false;
    if (plain_name) {
      const std::string delivered = std::string(input) + "\r\n" + sent().text;
      require(check_integrity(sent(), parse_mail_message(delivered)).body_intact(), "an added header altered the body",
              input);
    }
  }
  return 0;
}
