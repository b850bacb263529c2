#include "resolver/answer.hpp"

#include <type_traits>

namespace smtp_ping::resolver {

std::string rcode_name(int code) {
  switch (code) {
    case rcode::noerror: return "NOERROR";
    case rcode::formerr: return "FORMERR";
    case rcode::servfail: return "SERVFAIL";
    case rcode::nxdomain: return "NXDOMAIN";
    case rcode::notimp: return "NOTIMP";
    case rcode::refused: return "REFUSED";
    default: return "RCODE " + std::to_string(code);
  }
}

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::answered: return "answered";
    case Outcome::timed_out: return "timed out";
    case Outcome::interrupted: return "interrupted";
    case Outcome::failed: return "failed";
  }
  return "?";
}

std::vector<std::string> Answer::addresses() const {
  std::vector<std::string> found;
  for (const Record& record : records)
    if (const auto* address = std::get_if<AddressRecord>(&record)) found.push_back(address->address);
  return found;
}

std::vector<std::string> Answer::names() const {
  std::vector<std::string> found;
  for (const Record& record : records)
    if (const auto* ptr = std::get_if<PtrRecord>(&record)) found.push_back(ptr->name);
  return found;
}

std::string Answer::summary() const {
  std::string line = describe(query) + ": ";
  if (!answered()) return line + error + " (" + outcome_name(outcome) + ")";
  if (has_records())
    line += std::to_string(records.size()) + (records.size() == 1 ? " record" : " records");
  else if (no_data())
    line += "no " + std::string(record_type_name(query.type)) + " records";
  else
    line += rcode_name(rcode);
  line += std::string(" (") + dnssec_status_name(dnssec);
  if (dnssec == DnssecStatus::bogus && !why_bogus.empty()) line += ": " + why_bogus;
  return line + ")";
}

}  // namespace smtp_ping::resolver
