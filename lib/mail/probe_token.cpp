#include "mail/probe_token.hpp"

#include <random>

namespace smtp_ping {

std::string random_probe_token() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::random_device source;  // getrandom(2) on Linux
  std::string token;
  token.reserve(32);
  for (int word = 0; word < 4; ++word) {
    std::uint32_t bits = source();
    for (int nibble = 0; nibble < 8; ++nibble, bits >>= 4) token += kHex[bits & 0x0f];
  }
  return token;
}

}  // namespace smtp_ping
