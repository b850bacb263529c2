#include "resolver/query.hpp"

namespace smtp_ping::resolver {

const char* record_type_name(RecordType type) {
  switch (type) {
    case RecordType::a: return "A";
    case RecordType::ptr: return "PTR";
    case RecordType::mx: return "MX";
    case RecordType::txt: return "TXT";
    case RecordType::aaaa: return "AAAA";
    case RecordType::tlsa: return "TLSA";
  }
  return "?";
}

std::string describe(const Query& query) { return std::string(record_type_name(query.type)) + " " + query.name; }

}  // namespace smtp_ping::resolver
