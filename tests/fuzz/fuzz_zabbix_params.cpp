// The Zabbix key parameters -> option language translation
// (plugin/zabbix/item_request.hpp): check_arguments(), check_config() and
// mx_discovery_request(). The input is split into parameters at NUL; a
// parameter starting with '[' is passed as an array. ItemError is the
// expected answer to nonsense. Files are confined (the module's
// AllowedFileDirectory) to a directory that does not exist.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "item_request.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;
using namespace smtp_ping::zabbix;

namespace {
// Files only below a directory that does not exist: every file a key names is
// refused without being opened, as the module refuses those outside its own.
const FileAccess kNoFiles{"/nonexistent-smtp-ping-fuzz", "", ""};
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  clear_option_environment();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > 4096) return 0;
  // First byte: the agent's Timeout in seconds (1..30).
  const std::chrono::milliseconds agent_timeout(1000 * (1 + data[0] % 30));
  std::vector<KeyParameter> parameters;
  for (auto& piece : split(as_text(data + 1, size - 1), std::string_view("\0", 1))) {
    KeyParameter parameter;
    if (!piece.empty() && piece.front() == '[') {
      parameter.is_array = true;
      piece.erase(0, 1);
    }
    parameter.text = std::move(piece);
    parameters.push_back(std::move(parameter));
  }

  std::vector<std::string> arguments;
  try {
    arguments = check_arguments(parameters);
    require(!arguments.empty() && arguments.front().rfind("--hostname=", 0) == 0,
            "check_arguments() does not start with --hostname=");
  } catch (const ItemError&) {
  }
  if (!arguments.empty()) {
    try {
      const CheckConfig config = check_config(parameters, agent_timeout, kNoFiles);
      require(config.probe.timeout <= agent_timeout, "the probe may outlive the agent's Timeout");
      require(config.probe.timeout.count() > 0, "a timeout of zero or less");
    } catch (const ItemError&) {
    }
  }
  try {
    const MxDiscoveryRequest request = mx_discovery_request(parameters, agent_timeout, kNoFiles);
    require(!request.domain.empty(), "an MX discovery without a domain");
    require(request.timeout <= agent_timeout, "the MX lookup may outlive the agent's Timeout");
  } catch (const ItemError&) {
  }
  return 0;
}
