#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smtp_ping::policy {

// One SPF record (RFC 7208), parsed strictly by its ABNF (§12): terms, qualifiers, CIDR
// lengths, domain-specs with macros (§7, accepted by their syntax only, never expanded).

enum class SpfQualifier { pass, fail, softfail, neutral };  // "+" (default), "-", "~", "?"

enum class SpfTermKind {
  all, include, a, mx, ptr, ip4, ip6, exists,  // mechanisms
  redirect, exp, unknown_modifier,             // modifiers
};

struct SpfTerm {
  SpfTermKind kind = SpfTermKind::all;
  SpfQualifier qualifier = SpfQualifier::pass;  // mechanisms only
  std::string text;         // as published
  std::string domain_spec;  // include/a/mx/ptr/exists/redirect/exp target; empty: the current domain
  bool has_macros = false;  // the domain-spec has a macro-expand other than %% %_ %-
};

// Why a record is not valid SPF (the first problem found).
enum class SpfSyntaxProblem {
  unknown_mechanism,     // neither a mechanism nor "name=value"
  missing_argument,      // include/exists/ip4/ip6 without ":...", redirect/exp without a value
  unexpected_argument,   // all with an argument
  bad_domain_spec,       // not a domain-spec (e.g. no top label, an empty label)
  bad_macro,             // a malformed %{...} or a lone %
  bad_ip4,               // not a dotted-quad IPv4 address
  bad_ip6,               // not an IPv6 address
  bad_cidr,              // a CIDR length out of range or malformed
  duplicate_modifier,    // redirect or exp twice (§6)
  bad_modifier_name,     // a modifier name that is not ALPHA *(ALPHA / DIGIT / "-" / "_" / ".")
  bad_character,         // a character outside the record's syntax (controls, non-ASCII)
};

struct SpfSyntaxError {
  SpfSyntaxProblem problem = SpfSyntaxProblem::unknown_mechanism;
  std::size_t term_index = 0;  // 1-based, after the version
  std::string term;            // the term as published
};

struct SpfRecord {
  std::vector<SpfTerm> terms;
  std::optional<SpfSyntaxError> error;  // set: not valid SPF (terms holds those before it)

  bool valid() const { return !error; }
  // Whether an "all" mechanism is present (a redirect is then ignored, §6.1).
  bool has_all() const;
};

// "v=spf1" followed by a space or the end (case-insensitive, §4.5): whether a TXT string is an SPF record.
bool is_spf_record(std::string_view text);

// Parses a record that is_spf_record() accepted (anything else: unknown_mechanism at term 0).
SpfRecord parse_spf_record(std::string_view text);

// Whether the term makes a DNS query when evaluated (§4.6.4: include, a, mx, ptr, exists, redirect).
bool counts_as_lookup(const SpfTerm& term);

const char* spf_term_kind_name(SpfTermKind kind);
const char* spf_syntax_problem_name(SpfSyntaxProblem problem);

}  // namespace smtp_ping::policy
