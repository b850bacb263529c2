#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace smtp_ping {

// What a value given by the user becomes on the wire. Each kind has its rule;
// the option parser checks every such value with wire_value_problem() (so a
// bad one is UNKNOWN before any connection, naming the option), and the dialog
// checks every command line once more before it leaves (a last line of defence
// for values that come from elsewhere, e.g. this machine's name).
enum class WireValue {
  command_line,  // a whole SMTP command line (-C, and everything the dialog sends)
  hello_name,    // -F: EHLO/HELO/LHLO argument: a domain (A-labels) or an address literal
  mailbox,       // -f, --rcpt: what goes between < and >
  sasl_user,     // -U: inside SASL messages (PLAIN's NUL, XOAUTH2's ^A separate fields)
  sasl_secret,   // -P, --password-file, SMTP_PING_PASSWORD
  host_name,     // -H (a name), --sni, --verify-name: DNS, SNI and certificate names (A-labels)
};

// Why `value` may not go on the wire as `kind`, or nullopt when it may.
// No kind takes CR, LF or NUL.
std::optional<std::string> wire_value_problem(WireValue kind, std::string_view value);

// RFC 5321 address literal: "[192.0.2.1]" or "[IPv6:2001:db8::1]".
bool is_address_literal(std::string_view value);

}  // namespace smtp_ping
