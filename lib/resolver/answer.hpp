#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "resolver/dnssec_status.hpp"
#include "resolver/query.hpp"
#include "resolver/records.hpp"

namespace smtp_ping::resolver {

// DNS RCODEs (RFC 1035 §4.1.1, RFC 6895) the checks tell apart.
namespace rcode {
inline constexpr int noerror = 0;
inline constexpr int formerr = 1;
inline constexpr int servfail = 2;
inline constexpr int nxdomain = 3;
inline constexpr int notimp = 4;
inline constexpr int refused = 5;
}  // namespace rcode

// "NOERROR", "SERVFAIL", "NXDOMAIN", "REFUSED", ... or "RCODE 23".
std::string rcode_name(int rcode);

// How a query ended.
enum class Outcome {
  answered,     // a response: see rcode, records, dnssec
  timed_out,    // the deadline came first
  interrupted,  // a signal ended the batch
  failed,       // no usable response: the library refused the query, or the data is malformed
};

const char* outcome_name(Outcome outcome);

// One query's result. Answers are per query: one failing never fails another.
struct Answer {
  Query query;
  Outcome outcome = Outcome::failed;
  int rcode = rcode::servfail;  // meaningful when answered
  std::vector<Record> records;  // the answer's RRset of the asked type (after any CNAME)
  std::uint32_t ttl = 0;        // of that RRset (of the negative answer when there is none)
  std::string canonical_name;   // the final CNAME target, when the name is an alias
  DnssecStatus dnssec = DnssecStatus::indeterminate;
  std::string why_bogus;        // the validator's reason, when bogus
  std::string error;            // why there is no usable response (not answered)
  double seconds = 0;           // from the batch's start to this answer

  bool answered() const { return outcome == Outcome::answered; }
  // NOERROR with records.
  bool has_records() const { return answered() && rcode == rcode::noerror && !records.empty(); }
  // NOERROR without records of the type: the name exists, the type does not (NODATA).
  bool no_data() const { return answered() && rcode == rcode::noerror && records.empty(); }
  bool no_such_name() const { return answered() && rcode == rcode::nxdomain; }

  // The numeric addresses of A/AAAA records, the names of PTR records, in answer order.
  std::vector<std::string> addresses() const;
  std::vector<std::string> names() const;

  // One line for a message: "AAAA mx.example.org: SERVFAIL (bogus: signature expired)",
  // "A mx.example.org: no answer within 1.5 s (timed out)", "MX example.org: 2 records (secure)".
  std::string summary() const;
};

}  // namespace smtp_ping::resolver
