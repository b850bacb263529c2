// safe_text(): whatever goes in, what comes out is valid UTF-8 without
// control characters (C0, DEL, C1), '|' or line breaks, bounded in length,
// and a second pass changes nothing. Large inputs too (issue 13): with the
// first byte's high bit set, the text is repeated to 64 KiB (four of the
// longest reply lines; the quadratic cut took seconds on one), and
// run-fuzzers gives each input a short -timeout, so a neutraliser that is not
// linear fails here.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "output/safe_text.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;

namespace {

constexpr std::size_t kLarge = 64 * 1024;

bool has_forbidden(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7F || byte == '|') return true;
    // U+0080..U+009F in UTF-8.
    if (byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9F)
      return true;
  }
  return false;
}

std::string repeated(std::string_view text) {
  std::string out;
  if (text.empty()) return out;
  out.reserve(kLarge + text.size());
  while (out.size() < kLarge) out.append(text);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  // The first two bytes choose max_bytes (0..32767) and, with the high bit,
  // repetition; the rest is the text.
  const bool large = (data[0] & 0x80) != 0;
  const std::size_t max_bytes = static_cast<std::size_t>(data[0] & 0x7F) << 8 | data[1];
  const std::string text = large ? repeated(as_text(data + 2, size - 2)) : std::string(as_text(data + 2, size - 2));
  const std::string_view untrusted = text;

  // Large inputs at the JSON cap, where a 16 KiB line is cut (the quadratic case was there).
  for (const std::size_t cap : {max_bytes, large ? std::size_t{4096} : std::size_t{512}}) {
    const std::string out = safe_text(untrusted, cap);
    require(valid_utf8(out), "safe_text() output is not valid UTF-8", out);
    require(!has_forbidden(out), "safe_text() output has a control character or '|'", out);
    require(out.size() <= cap + 3, "safe_text() output longer than max_bytes + \"...\"", out);
    const bool truncated = out.size() >= 3 && out.compare(out.size() - 3, 3, "...") == 0;
    if (!truncated) {
      require(safe_text(out, cap) == out, "safe_text() is not idempotent", out);
      require(out.size() >= untrusted.size() / 4, "safe_text() lost text without truncating", out);
    }
  }
  return 0;
}
