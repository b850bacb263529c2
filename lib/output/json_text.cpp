#include "output/json_text.hpp"

namespace smtp_ping {

std::string json_text(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace smtp_ping
