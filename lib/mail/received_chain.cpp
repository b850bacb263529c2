#include "mail/received_chain.hpp"

#include <cctype>

#include "mail/header_comments.hpp"
#include "mail/mail_time.hpp"

namespace smtp_ping {
namespace {

bool keyword(std::string_view word, const char* name) {
  const std::string_view wanted(name);
  if (word.size() != wanted.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(word[i])) != wanted[i]) return false;
  return true;
}

}  // namespace

ReceivedHop parse_received(std::string_view value) {
  ReceivedHop hop;
  const auto semicolon = value.rfind(';');
  if (semicolon != std::string_view::npos) hop.time = parse_rfc5322_date(value.substr(semicolon + 1));
  const std::string clauses = without_comments(value.substr(0, std::min(semicolon, std::size_t{4096})));
  // Clause words followed by their value: from X by Y via Z with W id V for U.
  std::string* current = nullptr;
  std::size_t at = 0;
  while (at < clauses.size()) {
    while (at < clauses.size() && std::isspace(static_cast<unsigned char>(clauses[at]))) ++at;
    std::size_t end = at;
    while (end < clauses.size() && !std::isspace(static_cast<unsigned char>(clauses[end]))) ++end;
    if (end == at) break;
    const std::string_view word(clauses.data() + at, end - at);
    at = end;
    if (keyword(word, "from")) current = &hop.from;
    else if (keyword(word, "by")) current = &hop.by;
    else if (keyword(word, "with")) current = &hop.with;
    else if (keyword(word, "id")) current = &hop.id;
    else if (keyword(word, "via") || keyword(word, "for")) current = nullptr;
    else if (current && current->empty()) *current = std::string(word);
  }
  return hop;
}

ReceivedChain parse_received_chain(const MailMessage& message, std::optional<std::int64_t> sent_ms) {
  ReceivedChain chain;
  const auto fields = message.fields("Received");
  const std::size_t count = std::min(fields.size(), kMaximumHops);
  std::optional<std::int64_t> previous;
  if (sent_ms) previous = *sent_ms >= 0 ? *sent_ms / 1000 : -((-*sent_ms + 999) / 1000);
  const std::optional<std::int64_t> sent_seconds = previous;
  std::optional<std::int64_t> last_time;
  for (std::size_t i = count; i-- > 0;) {  // the header nearest the top is the last hop
    ReceivedHop hop = parse_received(fields[i]->value);
    if (hop.time) {
      if (previous) {
        hop.delay = *hop.time - *previous;
        hop.clock_skew = *hop.delay < 0;
      }
      previous = last_time = hop.time;
    }
    chain.hops.push_back(std::move(hop));
  }
  if (sent_seconds && last_time) chain.total = *last_time - *sent_seconds;
  return chain;
}

}  // namespace smtp_ping
