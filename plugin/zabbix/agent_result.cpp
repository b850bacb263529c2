#include "agent_result.hpp"

#include <cstdlib>
#include <cstring>

namespace smtp_ping::zabbix {
namespace {

// malloc'd copy of prefix + detail, or nullptr when memory is short.
char* joined_copy(const char* prefix, const char* detail) noexcept {
  const std::size_t prefix_length = std::strlen(prefix);
  const std::size_t detail_length = std::strlen(detail);
  auto* copy = static_cast<char*>(std::malloc(prefix_length + detail_length + 1));
  if (copy == nullptr) return nullptr;
  std::memcpy(copy, prefix, prefix_length);
  std::memcpy(copy + prefix_length, detail, detail_length + 1);
  return copy;
}

}  // namespace

int succeed_with_text(AgentResult* result, const std::string& text) noexcept {
  char* copy = joined_copy("", text.c_str());
  if (copy == nullptr) return fail_with_message(result, "smtp_ping: out of memory");
  result->text = copy;
  result->type |= kResultText;
  return kSysinfoRetOk;
}

int succeed_with_double(AgentResult* result, double value) noexcept {
  result->dbl = value;
  result->type |= kResultDouble;
  return kSysinfoRetOk;
}

int succeed_with_uint64(AgentResult* result, std::uint64_t value) noexcept {
  result->ui64 = value;
  result->type |= kResultUint64;
  return kSysinfoRetOk;
}

int fail_with_message(AgentResult* result, const char* message) noexcept {
  return fail_with_message(result, "", message);
}

int fail_with_message(AgentResult* result, const char* prefix, const char* detail) noexcept {
  if (result->msg == nullptr) {
    result->msg = joined_copy(prefix, detail);
    if (result->msg != nullptr) result->type |= kResultMessage;
  }
  return kSysinfoRetFail;
}

}  // namespace smtp_ping::zabbix
