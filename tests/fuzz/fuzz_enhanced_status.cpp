// parse_enhanced_status() and enhanced_status_length() on the whole input,
// then reply_status() on every input line that is a reply line.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "smtp/enhanced_status.hpp"
#include "smtp/reply.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

void check_text(std::string_view text) {
  const auto status = parse_enhanced_status(text);
  const std::size_t length = enhanced_status_length(text);
  if (!status) {
    require(length == 0, "a length for a text without a code", text);
    return;
  }
  require(status->klass == 2 || status->klass == 4 || status->klass == 5, "class not 2, 4 or 5", text);
  require(status->subject >= 0 && status->subject <= 999, "subject outside 0-999", text);
  require(status->detail >= 0 && status->detail <= 999, "detail outside 0-999", text);
  require(length >= 5 && length <= text.size(), "length outside the text", text);
  require(length == text.size() || !is_blank(text[length]), "blanks left after the length", text);
  for (std::size_t i = 0; i < length; ++i)
    require((text[i] >= '0' && text[i] <= '9') || text[i] == '.' || is_blank(text[i]),
            "a byte other than digits, dots and blanks inside the length", text);

  const std::string printed = status->text();
  require(parse_enhanced_status(printed) == status, "text() does not parse back to the same code", printed);
  require(printed.size() <= 11, "text() longer than 9.999.999", printed);
  require(parse_enhanced_status(printed + " x") == status, "text() with words after it parses differently", printed);
}

void check_reply_line(std::string_view line) {
  const auto parsed = parse_reply_line(line);
  if (!parsed) return;
  const ReplyStatus status = reply_status(parsed->code, parsed->text);
  require(status.sent == parse_enhanced_status(parsed->text), "reply_status() sent differs from the parser", line);
  require(status.consistent == (status.sent && status.sent->klass == parsed->code / 100),
          "consistent is not 'class equals the reply class'", line);
  require(status.trusted().has_value() == status.consistent, "trusted() without consistency", line);
  if (status.trusted()) require(*status.trusted() == *status.sent, "trusted() differs from sent", line);

  const Reply reply{parsed->code, {parsed->text, "5.1.1 a second line never counts"}};
  const ReplyStatus of_reply = reply_status(reply);
  require(of_reply.sent == status.sent && of_reply.consistent == status.consistent,
          "reply_status(Reply) differs from its first line's", line);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = as_text(data, size);
  check_text(input);
  std::size_t lines = 0;
  for (const auto& line : split(input, "\n")) {
    check_text(line);
    check_reply_line(line);
    if (++lines >= 1000) break;
  }
  return 0;
}
