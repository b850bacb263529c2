#pragma once

#include <optional>
#include <string>
#include <vector>

#include "smtp/reply.hpp"

namespace smtp_ping {

// --relay-test: whether the server relays for anyone. Runs without AUTH, after EHLO (and
// STARTTLS), one MAIL FROM / RCPT TO pair per form with RSET between, never DATA.
struct RelayTestOptions {
  std::string outside_domain = "example.net";  // --relay-domain (RFC 2606 reserves example.net)
  std::string local_domain;    // a domain the server takes mail for: --domain's; empty: -H or the server's own name
  std::string server_address;  // the connected address, for the address-literal forms (the probe fills it)
};

// One classic way of asking a server to relay: a sender and a recipient outside its domains.
struct RelayForm {
  std::string name;       // "percent hack"
  std::string mail_from;  // the reverse-path, without the angle brackets ("" is the null sender)
  std::string rcpt_to;    // the forward-path, without the angle brackets
};

// The local part of every address the test uses: relay-test@LOCAL, relay-test@OUTSIDE.
inline constexpr char kRelayTestUser[] = "relay-test";

// The fixed list, in the order tried (at most 10: below Postfix's smtpd_soft_error_limit, so no
// tarpit slows the test down): outside and local and null senders to an outside recipient, the
// percent hack, the bang path, the source route and the quoted local part at the local domain,
// and the address-literal forms (left out when `address_literal` is empty: a unix socket).
std::vector<RelayForm> relay_forms(const std::string& local_domain, const std::string& outside_domain,
                                   const std::string& address_literal);

// An address ("127.0.0.1", "::1") as an SMTP address literal: "[127.0.0.1]", "[IPv6:::1]".
std::string address_literal(const std::string& address);

// One form tried, and what the server said to each of its commands.
struct RelayAttempt {
  RelayForm form;
  std::optional<Reply> mail_reply;
  std::optional<Reply> rcpt_reply;  // none when MAIL FROM was refused (or the dialog ended)
  std::optional<Reply> rset_reply;

  // The server took an outside recipient: it relays.
  bool accepted() const { return rcpt_reply && rcpt_reply->klass() == 2; }
};

struct RelayTestRecord {
  std::string local_domain;
  std::string outside_domain;
  std::string address_literal;       // empty: no address-literal forms
  bool ran_without_auth = false;     // -U/-A were given: the relay test ignores them
  std::size_t planned = 0;           // forms in the list
  std::vector<RelayAttempt> attempts;  // in order; fewer than planned when the dialog ended early

  // The first attempt the server accepted, or null.
  const RelayAttempt* first_accepted() const;
};

}  // namespace smtp_ping
