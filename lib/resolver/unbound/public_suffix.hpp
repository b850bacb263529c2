#pragma once

#include <string>

namespace smtp_ping::resolver {

// The registrable (organizational) domain of a lower-case domain name by the public suffix
// list, through libpsl: the system's list when it is newer than the library's built-in one.
// Empty when the name is a public suffix itself, when the build has no libpsl, or without
// memory. Thread-safe.
std::string registrable_domain(const std::string& name) noexcept;

}  // namespace smtp_ping::resolver
