#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "resolver/query.hpp"
#include "resolver/records.hpp"

namespace smtp_ping::resolver {

// One record's RDATA, as a resolver library hands it over (network order, names uncompressed).
struct ParsedRdata {
  std::optional<Record> record;
  std::string error;  // why not, when there is no record
};

// Reads the RDATA of a record of `type`. Never throws; anything malformed (short, trailing
// bytes, a compression pointer, a label or name over the RFC 1035 limits) is an error.
ParsedRdata parse_rdata(RecordType type, std::string_view rdata);

// Reads one uncompressed domain name starting at `offset`, moving `offset` past it. On
// failure returns nullopt with `error` set; `offset` is then unspecified.
std::optional<std::string> read_wire_name(std::string_view wire, std::size_t& offset, std::string& error);

}  // namespace smtp_ping::resolver
