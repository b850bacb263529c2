#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace smtp_ping::resolver {

// Domain names in records are text without the trailing dot ("mx1.example.org"; the root is
// ""), labels as on the wire (case kept), with RFC 1035 §5.1 escapes for "." and "\" inside a
// label and \DDD for bytes outside printable ASCII.

// A or AAAA: the address in numeric form ("192.0.2.1", "2001:db8::1").
struct AddressRecord {
  std::string address;
};

// PTR: the name the address points to.
struct PtrRecord {
  std::string name;
};

struct MxRecord {
  std::uint16_t preference = 0;
  std::string exchange;  // "" is the root: with preference 0, a null MX (RFC 7505)
};

// TXT: its character-strings as published (RFC 7208 and RFC 7489 read them joined).
struct TxtRecord {
  std::vector<std::string> strings;
  std::string joined() const;
};

// TLSA (RFC 6698): certificate usage, selector, matching type, and the association data.
struct TlsaRecord {
  std::uint8_t usage = 0;
  std::uint8_t selector = 0;
  std::uint8_t matching_type = 0;
  std::string data;  // raw bytes
  std::string data_hex() const;  // lower-case hex, as in zone files
};

using Record = std::variant<AddressRecord, PtrRecord, MxRecord, TxtRecord, TlsaRecord>;

}  // namespace smtp_ping::resolver
