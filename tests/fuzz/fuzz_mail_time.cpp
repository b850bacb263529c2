// The mail timestamps: RFC 5322 date-time, IMAP INTERNALDATE, X-Smtp-Ping-Sent.
// Whatever they accept is a real moment that formats and parses back the same.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "mail/mail_time.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;

namespace {

constexpr std::int64_t kYear1900 = -2208988800;
constexpr std::int64_t kYear10000 = 253402300800;
// system_clock counts nanoseconds in 64 bits: it ends in 2262. Round trips are checked before that.
constexpr std::int64_t kClockEnd = 9000000000;

void check(std::string_view text) {
  if (const auto date = parse_rfc5322_date(text)) {
    // Zones move a moment by less than 100 hours either way.
    require(*date > kYear1900 - 360000 && *date < kYear10000 + 360000, "RFC 5322 date out of range", text);
    if (*date >= 0 && *date < kClockEnd) {
      const auto again = parse_rfc5322_date(format_rfc5322_date(std::chrono::system_clock::from_time_t(*date)));
      require(again == date, "format_rfc5322_date does not parse back", text);
    }
  }
  if (const auto date = parse_imap_date(text))
    require(*date > kYear1900 - 360000 && *date < kYear10000 + 360000, "IMAP date out of range", text);
  if (const auto stamp = parse_sent_stamp(text)) {
    require(*stamp >= kYear1900 * 1000 && *stamp < kYear10000 * 1000, "sent stamp out of range", text);
    if (*stamp >= 0 && *stamp / 1000 < kClockEnd)
      require(format_sent_stamp(std::chrono::system_clock::time_point(std::chrono::milliseconds(*stamp))) == text,
              "sent stamp does not format back", text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = as_text(data, size);
  check(input);
  std::size_t lines = 0;
  for (const auto& line : split(input, "\n")) {
    check(line);
    if (++lines >= 100) break;
  }
  return 0;
}
