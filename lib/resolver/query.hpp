#pragma once

#include <cstdint>
#include <string>

namespace smtp_ping::resolver {

// The record types the checks ask for (IANA numbers, as on the wire).
enum class RecordType : std::uint16_t { a = 1, ptr = 12, mx = 15, txt = 16, aaaa = 28, tlsa = 52 };

// "A", "AAAA", "MX", ...
const char* record_type_name(RecordType type);

// One question: a domain name (A-labels, with or without the trailing dot) and a type.
struct Query {
  std::string name;
  RecordType type = RecordType::a;
};

// "AAAA mx1.example.org", the way messages name a query.
std::string describe(const Query& query);

}  // namespace smtp_ping::resolver
