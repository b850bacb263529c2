// parse_rdata() (lib/resolver/rdata.hpp): the first byte picks the record type, the rest is the
// RDATA. What is read must say exactly what the bytes say: names and TXT strings are encoded
// back and compared with the input; addresses are parsed back.
#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>

#include "fuzz_support.hpp"
#include "resolver/rdata.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;
using namespace smtp_ping::resolver;

namespace {

constexpr RecordType kTypes[] = {RecordType::a,   RecordType::aaaa, RecordType::ptr,
                                 RecordType::mx,  RecordType::txt,  RecordType::tlsa};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The wire form of a name in the reader's presentation form (RFC 1035 §5.1 escapes).
std::string name_to_wire(const std::string& name) {
  std::string wire;
  std::string label;
  bool any = !name.empty();
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '.') {
      wire += static_cast<char>(label.size());
      wire += label;
      label.clear();
    } else if (name[i] == '\\') {
      require(i + 1 < name.size(), "a name ending in a backslash", name);
      if (is_digit(name[i + 1])) {
        require(i + 3 < name.size() && is_digit(name[i + 2]) && is_digit(name[i + 3]), "a short \\DDD", name);
        const int value = (name[i + 1] - '0') * 100 + (name[i + 2] - '0') * 10 + (name[i + 3] - '0');
        require(value <= 255, "\\DDD over 255", name);
        label += static_cast<char>(value);
        i += 3;
      } else {
        label += name[++i];
      }
    } else {
      require(name[i] > 0x20 && name[i] < 0x7f, "a raw byte outside printable ASCII in a name", name);
      label += name[i];
    }
  }
  if (any) {
    wire += static_cast<char>(label.size());
    wire += label;
  }
  return wire + '\0';
}

void check_address(int family, std::string_view rdata, const Record& record) {
  const auto* address = std::get_if<AddressRecord>(&record);
  require(address != nullptr, "an address type read as another record");
  unsigned char back[16] = {};
  require(::inet_pton(family, address->address.c_str(), back) == 1, "an address that does not parse back",
          address->address);
  require(std::string_view(reinterpret_cast<const char*>(back), rdata.size()) == rdata,
          "an address that is not the bytes given", address->address);
}

void check(RecordType type, std::string_view rdata, const Record& record) {
  switch (type) {
    case RecordType::a: return check_address(AF_INET, rdata, record);
    case RecordType::aaaa: return check_address(AF_INET6, rdata, record);
    case RecordType::ptr: {
      const auto* ptr = std::get_if<PtrRecord>(&record);
      require(ptr != nullptr, "PTR read as another record");
      require(name_to_wire(ptr->name) == rdata, "a PTR name that is not the bytes given", ptr->name);
      return;
    }
    case RecordType::mx: {
      const auto* mx = std::get_if<MxRecord>(&record);
      require(mx != nullptr, "MX read as another record");
      const std::string back = std::string{static_cast<char>(mx->preference >> 8), static_cast<char>(mx->preference & 0xff)} +
                               name_to_wire(mx->exchange);
      require(back == rdata, "an MX that is not the bytes given", mx->exchange);
      return;
    }
    case RecordType::txt: {
      const auto* txt = std::get_if<TxtRecord>(&record);
      require(txt != nullptr, "TXT read as another record");
      std::string back;
      for (const std::string& piece : txt->strings) back += static_cast<char>(piece.size()) + piece;
      require(back == rdata, "TXT strings that are not the bytes given");
      return;
    }
    case RecordType::tlsa: {
      const auto* tlsa = std::get_if<TlsaRecord>(&record);
      require(tlsa != nullptr, "TLSA read as another record");
      require(tlsa->data == rdata.substr(3) && !tlsa->data.empty(), "TLSA data that is not the bytes given");
      require(tlsa->data_hex().size() == 2 * tlsa->data.size(), "TLSA hex of the wrong length");
      return;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const RecordType type = kTypes[data[0] % (sizeof kTypes / sizeof kTypes[0])];
  const std::string_view rdata = as_text(data + 1, size - 1);
  const ParsedRdata parsed = parse_rdata(type, rdata);
  require(parsed.record.has_value() == parsed.error.empty(), "a record with an error, or neither", parsed.error);
  if (parsed.record) check(type, rdata, *parsed.record);

  std::size_t offset = 0;
  std::string error;
  const auto name = read_wire_name(rdata, offset, error);
  if (name) {
    require(offset <= rdata.size() && offset <= 255, "a name read past its limits");
    require(name_to_wire(*name) == rdata.substr(0, offset), "a name that is not the bytes given", *name);
  } else {
    require(!error.empty(), "a refused name without a reason");
  }
  return 0;
}
