// parse_forwarder() (--dns-server), reverse_name() and canonical_address() (lib/resolver/).
#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "resolver/forwarder.hpp"
#include "resolver/reverse_name.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;
using namespace smtp_ping::resolver;

namespace {

bool numeric(const std::string& address) {
  unsigned char bytes[16];
  return ::inet_pton(AF_INET, address.c_str(), bytes) == 1 || ::inet_pton(AF_INET6, address.c_str(), bytes) == 1;
}

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = as_text(data, size);
  const ParsedForwarder parsed = parse_forwarder(input);
  if (parsed.forwarder) {
    require(parsed.error.empty(), "a forwarder with an error", input);
    require(parsed.forwarder->address.find('\0') == std::string::npos && numeric(parsed.forwarder->address),
            "a forwarder that is not a numeric address", input);
    require(parsed.forwarder->port != 0, "port 0 accepted", input);
    const ParsedForwarder again = parse_forwarder(parsed.forwarder->host_port());
    require(again.forwarder && again.forwarder->address == parsed.forwarder->address &&
                again.forwarder->port == parsed.forwarder->port,
            "host_port() does not parse back to the same forwarder", input);
  } else {
    require(parsed.error.rfind("invalid DNS server '", 0) == 0, "a refusal without the usual wording", input);
  }

  const std::string text(input);
  const auto canonical = canonical_address(text);
  const auto reverse = reverse_name(text);
  require(canonical.has_value() == reverse.has_value(), "an address with a reverse name, or the other way", input);
  if (canonical) {
    require(canonical_address(*canonical) == canonical, "canonical form not stable", input);
    require(reverse_name(*canonical) == reverse, "the canonical form has another reverse name", input);
    require(ends_with(*reverse, ".in-addr.arpa") || ends_with(*reverse, ".ip6.arpa"), "a reverse name outside arpa",
            input);
    require(same_name(*reverse, *reverse + "."), "same_name ignores no trailing dot", input);
  }
  return 0;
}
