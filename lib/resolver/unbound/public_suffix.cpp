#include "resolver/unbound/public_suffix.hpp"

#ifdef SMTP_PING_HAVE_LIBPSL
#include <libpsl.h>
#endif

namespace smtp_ping::resolver {

#ifdef SMTP_PING_HAVE_LIBPSL

namespace {

// Loaded once; kept for the life of the process (the agent asks again at every check).
const psl_ctx_t* suffix_list() noexcept {
  static const psl_ctx_t* const list = [] {
    const psl_ctx_t* latest = psl_latest(nullptr);
    return latest ? latest : psl_builtin();
  }();
  return list;
}

}  // namespace

std::string registrable_domain(const std::string& name) noexcept {
  try {
    const psl_ctx_t* list = suffix_list();
    const char* registrable = list ? psl_registrable_domain(list, name.c_str()) : nullptr;
    return registrable ? std::string(registrable) : std::string();
  } catch (...) {
    return {};
  }
}

#else

std::string registrable_domain(const std::string&) noexcept { return {}; }

#endif

}  // namespace smtp_ping::resolver
