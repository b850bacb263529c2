// DATA payloads: only the terminator is a lone dot line, and undoing the
// stuffing gives back the message (line ends made CRLF, a last CRLF added).
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "mail/dot_stuffing.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;

namespace {

std::string crlf_lines(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' || text[i] == '\n') {
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  if (!out.empty() && (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0)) out += "\r\n";
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = as_text(data, size);
  const std::string payload = data_payload(input);
  require(payload.size() >= 3 && payload.compare(payload.size() - 3, 3, ".\r\n") == 0, "no terminator", input);
  const std::string framed = "\r\n" + payload;
  require(framed.find("\r\n.\r\n") == framed.size() - 5, "a lone dot line before the end", input);
  for (std::size_t i = 0; i < payload.size(); ++i) {
    if (payload[i] == '\r') require(i + 1 < payload.size() && payload[i + 1] == '\n', "a bare CR", input);
    if (payload[i] == '\n') require(i > 0 && payload[i - 1] == '\r', "a bare LF", input);
  }
  require(undo_dot_stuffing(payload) == crlf_lines(input), "undoing the stuffing changes the message", input);
  return 0;
}
