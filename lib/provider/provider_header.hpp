#pragma once

// What every provider module's table begins with. A provider is a private
// shared object (smtp-ping-tls.so today; smtp-ping-curl.so, smtp-ping-dns.so
// next) that carries a heavy library, so that a check maps it only when it
// uses it. Module and program are built together from the same headers by
// the same compiler; both compare this header before anything else is used.

#include <cstddef>

namespace smtp_ping::provider {

struct Header {
  const char* build;               // kBuild of the provider's API header, as compiled into the module
  std::size_t table_size;          // sizeof the whole table (the API struct this header begins)
  std::size_t value_sizes[4];      // sizeof the value types passed across, as the API lists them
};

inline bool operator==(const Header& a, const Header& b) {
  if (a.table_size != b.table_size) return false;
  for (std::size_t i = 0; i < 4; ++i)
    if (a.value_sizes[i] != b.value_sizes[i]) return false;
  for (const char *x = a.build, *y = b.build;; ++x, ++y) {
    if (*x != *y) return false;
    if (*x == '\0') return true;
  }
}

// The module's one exported function: its table, whose first member is a Header.
using EntryPoint = const Header* (*)();

}  // namespace smtp_ping::provider
