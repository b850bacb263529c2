#include "output/safe_text.hpp"

#include <algorithm>

namespace smtp_ping {
namespace {

// One decoded unit of input: `length` bytes starting at the current position
// and the code point they encode; valid == false for a byte that starts no
// well-formed UTF-8 sequence.
struct Decoded {
  std::size_t length = 1;
  char32_t code_point = 0;
  bool valid = false;
};

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// RFC 3629: rejects overlong forms, surrogates and anything above U+10FFFF.
Decoded decode_utf8(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  if (lead < 0x80) return {1, lead, true};
  std::size_t length = 0;
  char32_t code_point = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code_point = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code_point = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code_point = lead & 0x07, minimum = 0x10000;
  } else {
    return {};
  }
  if (at + length > text.size()) return {};
  for (std::size_t i = 1; i < length; ++i) {
    const auto byte = static_cast<unsigned char>(text[at + i]);
    if (!is_continuation(byte)) return {};
    code_point = (code_point << 6) | (byte & 0x3F);
  }
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (code_point < minimum || surrogate || code_point > 0x10FFFF) return {};
  return {length, code_point, true};
}

// The replacement for one decoded unit, or an empty view to keep it as is.
std::string_view replacement(const Decoded& unit) {
  if (!unit.valid) return "?";
  const char32_t c = unit.code_point;
  if (c == '\r' || c == '\n') return " ";
  if (c == '|') return "!";
  if (c < 0x20 || c == 0x7F) return "?";           // C0 controls (ESC included) and DEL
  if (c >= 0x80 && c <= 0x9F) return "?";          // C1 controls, e.g. CSI
  return {};
}

// How many bytes from `at` on, up to `limit`, are printable ASCII that stays
// as it is. Bounded by what still fits, so that every input byte is looked at
// a bounded number of times: a 16 KiB line cut at 4 KiB costs 4 KiB of work,
// not 4 KiB scans of the whole line (that was quadratic).
std::size_t plain_ascii_run(std::string_view text, std::size_t at, std::size_t limit) {
  const std::size_t stop = at + std::min(limit, text.size() - at);
  std::size_t end = at;
  while (end < stop && text[end] >= 0x20 && text[end] < 0x7F && text[end] != '|') ++end;
  return end - at;
}

}  // namespace

void append_safe_text(std::string& out, std::string_view untrusted, std::size_t max_bytes) {
  const std::size_t start = out.size();
  out.reserve(start + (untrusted.size() < max_bytes ? untrusted.size() : max_bytes));
  std::size_t at = 0;
  while (at < untrusted.size()) {
    // Most server text is printable ASCII: copy such runs whole while they fit.
    const std::size_t room = max_bytes - (out.size() - start);
    const std::size_t plain = plain_ascii_run(untrusted, at, room);
    if (plain > 0 && plain <= room) {
      out.append(untrusted.substr(at, plain));
      at += plain;
      continue;
    }
    const Decoded unit = decode_utf8(untrusted, at);
    const std::string_view replaced = replacement(unit);
    const std::string_view piece = replaced.empty() ? untrusted.substr(at, unit.length) : replaced;
    if (out.size() - start + piece.size() > max_bytes) {
      out += "...";
      return;
    }
    out += piece;
    at += unit.length;
  }
}

std::string safe_text(std::string_view untrusted, std::size_t max_bytes) {
  std::string out;
  append_safe_text(out, untrusted, max_bytes);
  return out;
}

}  // namespace smtp_ping
