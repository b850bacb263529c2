#include "resolver/rdata.hpp"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <cstdint>

namespace smtp_ping::resolver {
namespace {

constexpr std::size_t kMaxLabel = 63;
constexpr std::size_t kMaxWireName = 255;  // RFC 1035 §2.3.4, length octets included

std::uint8_t byte_at(std::string_view wire, std::size_t offset) { return static_cast<std::uint8_t>(wire[offset]); }

// RFC 1035 §5.1 presentation form of one label byte.
void append_label_byte(std::string& text, std::uint8_t byte) {
  if (byte == '.' || byte == '\\') {
    text += '\\';
    text += static_cast<char>(byte);
  } else if (byte > 0x20 && byte < 0x7f) {
    text += static_cast<char>(byte);
  } else {
    const char escaped[] = {'\\', static_cast<char>('0' + byte / 100), static_cast<char>('0' + byte / 10 % 10),
                            static_cast<char>('0' + byte % 10)};
    text.append(escaped, sizeof escaped);
  }
}

ParsedRdata failure(std::string error) { return {std::nullopt, std::move(error)}; }

ParsedRdata address(int family, std::string_view rdata, std::size_t expected) {
  if (rdata.size() != expected)
    return failure("an address record of " + std::to_string(rdata.size()) + " bytes, not " + std::to_string(expected));
  char text[INET6_ADDRSTRLEN] = {};
  if (!::inet_ntop(family, rdata.data(), text, sizeof text)) return failure("an address that cannot be printed");
  return {AddressRecord{text}, {}};
}

ParsedRdata name_only(std::string_view rdata) {
  std::size_t offset = 0;
  std::string error;
  auto name = read_wire_name(rdata, offset, error);
  if (!name) return failure(error);
  if (offset != rdata.size()) return failure("bytes after the name");
  return {PtrRecord{std::move(*name)}, {}};
}

ParsedRdata mx(std::string_view rdata) {
  if (rdata.size() < 3) return failure("an MX record shorter than a preference and a name");
  const auto preference = static_cast<std::uint16_t>(byte_at(rdata, 0) << 8 | byte_at(rdata, 1));
  std::size_t offset = 2;
  std::string error;
  auto exchange = read_wire_name(rdata, offset, error);
  if (!exchange) return failure(error);
  if (offset != rdata.size()) return failure("bytes after the exchange name");
  return {MxRecord{preference, std::move(*exchange)}, {}};
}

ParsedRdata txt(std::string_view rdata) {
  if (rdata.empty()) return failure("a TXT record without a character-string");
  TxtRecord record;
  std::size_t offset = 0;
  while (offset < rdata.size()) {  // each turn consumes at least the length byte
    const std::size_t length = byte_at(rdata, offset++);
    if (length > rdata.size() - offset) return failure("a TXT character-string longer than the record");
    record.strings.emplace_back(rdata.substr(offset, length));
    offset += length;
  }
  return {std::move(record), {}};
}

ParsedRdata tlsa(std::string_view rdata) {
  if (rdata.size() < 4) return failure("a TLSA record without association data");
  return {TlsaRecord{byte_at(rdata, 0), byte_at(rdata, 1), byte_at(rdata, 2), std::string(rdata.substr(3))}, {}};
}

}  // namespace

std::optional<std::string> read_wire_name(std::string_view wire, std::size_t& offset, std::string& error) {
  std::string name;
  const std::size_t start = offset;
  while (true) {  // each turn consumes at least one byte of `wire`, or returns
    if (offset >= wire.size()) {
      error = "a name that runs past the record";
      return std::nullopt;
    }
    const std::size_t length = byte_at(wire, offset);
    if (length == 0) {
      ++offset;
      if (offset - start > kMaxWireName) {
        error = "a name longer than 255 bytes";
        return std::nullopt;
      }
      return name;
    }
    if (length > kMaxLabel) {
      error = (length & 0xc0) == 0xc0 ? "a compressed name where none may be" : "a label longer than 63 bytes";
      return std::nullopt;
    }
    if (length >= wire.size() - offset) {
      error = "a label that runs past the record";
      return std::nullopt;
    }
    if (!name.empty()) name += '.';
    for (std::size_t i = 1; i <= length; ++i) append_label_byte(name, byte_at(wire, offset + i));
    offset += length + 1;
  }
}

ParsedRdata parse_rdata(RecordType type, std::string_view rdata) {
  switch (type) {
    case RecordType::a: return address(AF_INET, rdata, 4);
    case RecordType::aaaa: return address(AF_INET6, rdata, 16);
    case RecordType::ptr: return name_only(rdata);
    case RecordType::mx: return mx(rdata);
    case RecordType::txt: return txt(rdata);
    case RecordType::tlsa: return tlsa(rdata);
  }
  return failure("a record type this resolver does not read");
}

}  // namespace smtp_ping::resolver
