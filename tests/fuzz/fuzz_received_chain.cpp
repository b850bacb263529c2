// The Received: chain of a fetched message: bounded hops, delays only between known times.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "mail/received_chain.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = as_text(data, size);
  const MailMessage message = parse_mail_message(input);
  const ReceivedChain chain = parse_received_chain(message, 1796139823000);
  require(chain.hops.size() <= kMaximumHops, "more hops than the limit", input);
  for (const auto& hop : chain.hops) {
    require(!hop.delay || hop.time, "a delay without a time", input);
    require(hop.clock_skew == (hop.delay && *hop.delay < 0), "skew is not a negative delay", input);
    for (const std::string* clause : {&hop.from, &hop.by, &hop.with, &hop.id})
      require(clause->find_first_of(" \t\r\n") == std::string::npos, "white space in a clause", *clause);
  }
  for (const auto& field : message.fields("Received")) parse_received(field->value);
  parse_received(input);
  return 0;
}
