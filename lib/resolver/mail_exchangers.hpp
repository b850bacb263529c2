#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/deadline.hpp"
#include "resolver/answer.hpp"
#include "resolver/records.hpp"
#include "resolver/resolver.hpp"

namespace smtp_ping::resolver {

// What a domain's MX answer says about where its mail goes.
enum class MxKind {
  exchanges,  // MX records: the exchanges in preference order
  implicit,   // no MX records (NODATA): the domain itself (RFC 5321 §5.1)
  null_mx,    // "MX 0 ." alone: the domain accepts no mail (RFC 7505)
  no_domain,  // NXDOMAIN
  failed,     // no usable answer: timed out, SERVFAIL (bogus included), REFUSED, malformed
};

const char* mx_kind_name(MxKind kind);

struct MailExchangers {
  MxKind kind = MxKind::failed;
  // exchanges: by preference, then name (case-insensitive), duplicates dropped;
  // implicit: the domain itself at preference 0; otherwise empty.
  std::vector<MxRecord> exchanges;
  // RFC 7505 §3 says a null MX must be the only MX; a "." listed among real exchanges is
  // dropped from `exchanges` and noted here.
  bool null_mx_among_others = false;
  Answer answer;  // the MX answer itself: rcode, TTL, DNSSEC status, error
};

// Reads an MX answer (pure: no lookup).
MailExchangers interpret_mx(const Answer& mx_answer);

// Which address families to look up.
struct AddressFamilies {
  bool ipv4 = true;
  bool ipv6 = true;
};

// One exchange with its address lookups (nullopt: that family was not asked for).
struct ExchangeAddresses {
  MxRecord exchange;
  std::optional<Answer> a;
  std::optional<Answer> aaaa;

  // The addresses found, IPv4 first, each family in numeric order. A failed family adds none; the other
  // family's addresses are still there.
  std::vector<std::string> addresses() const;
};

struct MailDomain {
  MailExchangers mx;
  std::vector<ExchangeAddresses> exchanges;  // one per exchange (or the implicit one)
};

// MX of `domain`, then A and AAAA of every exchange in one concurrent batch, all by the
// deadline. Every DNS failure is data, in the answer it belongs to.
MailDomain resolve_mail_domain(Resolver& resolver, const std::string& domain, AddressFamilies families,
                               const Deadline& deadline);

}  // namespace smtp_ping::resolver
