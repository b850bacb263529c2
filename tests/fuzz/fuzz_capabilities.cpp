// parse_capabilities() on a 250 reply whose lines are the input's lines.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "smtp/capabilities.hpp"
#include "smtp/reply.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = as_text(data, size);
  Reply reply;
  reply.code = 250;
  for (auto& line : split(input, "\n")) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    reply.lines.push_back(std::move(line));
    if (reply.lines.size() >= 2000) break;
  }
  const Capabilities caps = parse_capabilities(reply);

  require(caps.esmtp, "an EHLO reply is ESMTP");
  require(caps.keywords.size() + 1 == reply.lines.size() || (reply.lines.empty() && caps.keywords.empty()),
          "every line after the first is a keyword");
  for (const auto& mechanism : caps.auth_mechanisms) {
    require(!mechanism.empty(), "an empty AUTH mechanism");
    require(std::none_of(mechanism.begin(), mechanism.end(),
                         [](unsigned char c) { return std::islower(c) || std::isspace(c); }),
            "an AUTH mechanism not in upper case or with a space", mechanism);
    require(caps.offers_auth(mechanism), "offers_auth() denies a listed mechanism", mechanism);
    require(std::count(caps.auth_mechanisms.begin(), caps.auth_mechanisms.end(), mechanism) == 1,
            "an AUTH mechanism listed twice", mechanism);
  }
  (void)caps.offers_auth("PLAIN");
  (void)caps.offers_auth("cram-md5");
  (void)caps.offers_auth(std::string(input.substr(0, 32)));
  return 0;
}
