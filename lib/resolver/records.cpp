#include "resolver/records.hpp"

namespace smtp_ping::resolver {

std::string TxtRecord::joined() const {
  std::string text;
  for (const std::string& piece : strings) text += piece;
  return text;
}

std::string TlsaRecord::data_hex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(data.size() * 2);
  for (const char byte : data) {
    const auto value = static_cast<unsigned char>(byte);
    hex += kDigits[value >> 4];
    hex += kDigits[value & 0x0f];
  }
  return hex;
}

}  // namespace smtp_ping::resolver
