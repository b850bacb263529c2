#pragma once

#include <string>

#include "provider/provider_header.hpp"
#include "provider/providers.hpp"

namespace smtp_ping::provider {

struct Loaded {
  const Header* table = nullptr;  // null when no candidate loaded; stays loaded until exit
  std::string problem;            // every path tried and why it failed, when table is null
};

// Loads `module`: first the copy beside the running executable (a build tree,
// or a plugin copied with its modules), then the one in the package's module
// directory. A candidate whose header differs from `expected` (another build)
// is closed and named. Throws nothing.
Loaded load(const Module& module, const Header& expected) noexcept;

// Where the package installs providers (SMTP_PING_PROVIDER_DIR).
std::string installed_directory();

}  // namespace smtp_ping::provider
