#pragma once

#include <string>
#include <string_view>

namespace smtp_ping {

// True when `name` has a byte beyond ASCII (an internationalised name).
bool has_non_ascii(std::string_view name);

// An internationalised domain name as A-labels ("bücher.example" ->
// "xn--bcher-kva.example"; IDNA 2008 with UTS #46 non-transitional mapping,
// as browsers and libcurl do). A name in plain ASCII comes back unchanged.
// The same A-labels go to DNS, into SNI and into the certificate check, so the
// three never disagree (glibc's getaddrinfo(AI_IDN) would convert for DNS only).
//
// libidn2 does the conversion; it is loaded with dlopen() on the first
// internationalised name, so a check of ASCII names never maps it (the
// plugin's start-up is measured: docs/benchmarks.md). Throws
// std::invalid_argument: not a valid name, or libidn2 missing.
std::string to_a_labels(const std::string& name);

}  // namespace smtp_ping
