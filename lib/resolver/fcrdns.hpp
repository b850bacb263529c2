#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/deadline.hpp"
#include "resolver/answer.hpp"
#include "resolver/resolver.hpp"

namespace smtp_ping::resolver {

// Forward-confirmed reverse DNS of one address: PTR, then A/AAAA of each PTR name.
enum class FcrdnsVerdict {
  confirmed,            // a PTR name resolves back to the address
  not_confirmed,        // PTR names, none of which resolves back to the address
  forward_failed,       // PTR names, none confirmed, and some of their lookups failed
  no_ptr,               // NXDOMAIN or no PTR records
  ptr_failed,           // the PTR lookup failed (timeout, SERVFAIL, bogus ...)
  not_an_address,       // what was given is not a numeric address
};

const char* fcrdns_verdict_name(FcrdnsVerdict verdict);

struct FcrdnsName {
  std::string name;    // as the PTR record has it
  Answer forward;      // A or AAAA, the address's family
  bool confirms = false;
};

struct Fcrdns {
  std::string address;                 // canonical numeric form
  std::optional<std::string> announced;  // the name the server announced (greeting, EHLO), if given
  Answer ptr;
  std::vector<FcrdnsName> names;       // at most kMaxPtrNames, in answer order
  FcrdnsVerdict verdict = FcrdnsVerdict::ptr_failed;
  std::optional<std::string> confirmed_name;  // the first PTR name that confirms
  // A forward-confirmed PTR name equals the announced name (only with an announced name).
  std::optional<bool> matches_announced;
};

inline constexpr std::size_t kMaxPtrNames = 8;

struct FcrdnsRequest {
  std::string address;
  std::optional<std::string> announced;
};

// The PTR names to confirm, from a PTR answer: at most kMaxPtrNames.
std::vector<std::string> ptr_names_to_confirm(const Answer& ptr);

// Judges one address from its PTR answer and the forward answers of its PTR names (pure).
Fcrdns judge_fcrdns(const std::string& address, const std::optional<std::string>& announced, const Answer& ptr,
                    std::vector<FcrdnsName> names);

// FCrDNS for many addresses in two concurrent batches (every PTR, then every forward lookup),
// all by the deadline. Results in the order of `requests`; DNS failures are data.
std::vector<Fcrdns> check_fcrdns(Resolver& resolver, const std::vector<FcrdnsRequest>& requests,
                                 const Deadline& deadline);

}  // namespace smtp_ping::resolver
