// classify_reply() and explain_reply() on a reply made of the input's lines:
// lines that parse as reply lines give their text (the first one the code),
// the others are kept as raw text, so any bytes reach the classifier.
#include <cstddef>
#include <cstdint>
#include <string>

#include "evaluation/reply_reason.hpp"
#include "fuzz_support.hpp"
#include "output/explain.hpp"
#include "smtp/reply.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;

namespace {

Reply reply_of(std::string_view input) {
  Reply reply;
  reply.code = 550;
  bool have_code = false;
  for (auto& line : split(input, "\n")) {
    if (const auto parsed = parse_reply_line(line)) {
      if (!have_code) reply.code = parsed->code;
      have_code = true;
      reply.lines.push_back(parsed->text);
    } else {
      reply.lines.push_back(std::move(line));
    }
    if (reply.lines.size() >= 2000) break;
  }
  return reply;
}

Reply upper_case(Reply reply) {
  for (auto& line : reply.lines)
    for (auto& c : line)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return reply;
}

bool plain_words(std::string_view text) {
  for (const char c : text)
    if (c < 0x20 || c > 0x7E || c == '|') return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Reply reply = reply_of(as_text(data, size));
  const ReplyClassification got = classify_reply(reply);

  require(static_cast<int>(got.reason) >= static_cast<int>(ReplyReason::unknown) &&
              static_cast<int>(got.reason) <= static_cast<int>(ReplyReason::temporary_local_error),
          "reason outside the enum");
  require((got.reason == ReplyReason::unknown) == (got.basis == ReasonBasis::none),
          "an unknown reason with a basis, or a reason without one");
  if (reply.code < 400) require(got.reason == ReplyReason::unknown, "a reason for a positive reply");
  const ReplyClassification again = classify_reply(reply);
  require(again.reason == got.reason && again.basis == got.basis, "classify_reply() is not deterministic");
  const ReplyClassification shouted = classify_reply(upper_case(reply));
  require(shouted.reason == got.reason && shouted.basis == got.basis, "classify_reply() depends on letter case");

  const Explanation explanation = explain_reply(reply, got);
  require(explanation.code == reply.code, "explanation of another code");
  require(explanation.kind == got.reason, "explanation of another reason");
  require(explanation.reason == reason_name(got.reason), "reason is not the reason's name");
  require(explanation.hint == reason_hint(got.reason), "hint is not the reason's hint");
  require(explanation.enhanced_trusted == reply_status(reply).consistent, "enhanced_trusted is not consistency");
  require(explanation.enhanced.empty() || parse_enhanced_status(explanation.enhanced),
          "enhanced is neither empty nor a code", explanation.enhanced);
  require(!explanation.meaning.empty() && explanation.meaning.size() <= 300, "meaning empty or too long",
          explanation.meaning);
  for (const std::string* field : {&explanation.enhanced, &explanation.meaning, &explanation.reason, &explanation.hint})
    require(plain_words(*field), "a field with bytes other than printable ASCII, or '|'", *field);
  return 0;
}
