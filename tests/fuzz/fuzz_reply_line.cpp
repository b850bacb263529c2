// parse_reply_line() on one line, then Reply::raw()/text() on the lines of the input.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "smtp/reply.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = as_text(data, size);

  std::string why;
  const auto parsed = parse_reply_line(input, &why);
  if (parsed) {
    require(parsed->code >= 200 && parsed->code <= 599, "reply code outside 2xx-5xx", input);
    require(input.size() >= 3, "a reply line shorter than three bytes parsed", input);
    if (input.size() == 3) require(parsed->last && parsed->text.empty(), "bare code is a final line", input);
    if (input.size() > 3) {
      require(input[3] == ' ' || input[3] == '-', "code followed by neither ' ' nor '-'", input);
      require(parsed->last == (input[3] == ' '), "last flag disagrees with the separator", input);
      require(parsed->text == input.substr(4), "text is not the rest of the line", input);
    }
  } else {
    require(!why.empty(), "a refused line without a reason", input);
  }

  // Every input line that parses, as one multi-line reply.
  Reply reply;
  for (const auto& line : split(input, "\n")) {
    const auto one = parse_reply_line(line);
    if (!one) continue;
    if (reply.lines.empty()) reply.code = one->code;
    reply.lines.push_back(one->text);
  }
  const std::string raw = reply.raw();
  const std::string text = reply.text();
  // raw(): "NNN-" or "NNN " before each line, '\n' between lines; text(): at
  // most one ' ' between lines (none while the text is still empty).
  if (!reply.lines.empty()) {
    require(text.size() + 4 * reply.lines.size() <= raw.size(), "text() longer than the lines", raw);
    require(raw.size() <= text.size() + 5 * reply.lines.size(), "raw() longer than the lines and codes", raw);
    require(raw.find('\r') == std::string::npos || input.find('\r') != std::string_view::npos, "raw() made up a CR");
  }
  (void)reply.klass();
  (void)reply.positive();
  return 0;
}
