// The TLS provider of check_smtp_ping: OpenSSL lives in smtp-ping-tls.so,
// loaded the first time a check needs TLS or SASL. A plain check then never
// maps libssl and libcrypto, which were most of its start-up (docs/benchmarks.md).
#include <dlfcn.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "sasl/sasl_crypto.hpp"
#include "tls/tls_channel.hpp"
#include "tls/tls_module_api.hpp"
#include "net/transport_error.hpp"

#ifndef SMTP_PING_TLS_MODULE_PATH
#error "SMTP_PING_TLS_MODULE_PATH: where the TLS module is installed"
#endif

namespace smtp_ping {
namespace {

using tls_module::Api;
using tls_module::ModuleError;

struct LoadedModule {
  const Api* api = nullptr;
  std::string problem;  // why it could not be loaded
};

// A build tree, or a plugin copied together with its module, keeps the two side
// by side; that copy wins over the installed one so a build never pairs with a
// module of another build.
std::string next_to_executable() {
  char path[4096];
  const ssize_t length = ::readlink("/proc/self/exe", path, sizeof path - 1);
  if (length <= 0) return {};
  const std::string executable(path, static_cast<std::size_t>(length));
  const auto slash = executable.rfind('/');
  return slash == std::string::npos ? std::string() : executable.substr(0, slash + 1) + tls_module::kFileName;
}

bool compatible(const Api& api) {
  return std::strcmp(api.build, tls_module::kBuild) == 0 && api.options_size == sizeof(TlsOptions) &&
         api.facts_size == sizeof(TlsFacts) && api.error_size == sizeof(ModuleError);
}

const Api* open_module(const std::string& path, std::string& problem) {
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = ::dlerror();
    problem = why ? why : "cannot load " + path;
    return nullptr;
  }
  const auto entry = reinterpret_cast<tls_module::EntryPoint>(::dlsym(handle, tls_module::kEntryPoint));
  const Api* api = entry ? entry() : nullptr;
  if (api && compatible(*api)) return api;  // stays loaded until exit
  problem = path + " is from another build (" + (api ? api->build : "no entry point") + ")";
  ::dlclose(handle);
  return nullptr;
}

// The copy beside the plugin when there is one, then the installed one.
std::vector<std::string> module_candidates() {
  std::vector<std::string> candidates;
  if (std::string beside = next_to_executable(); !beside.empty() && ::access(beside.c_str(), F_OK) == 0)
    candidates.push_back(std::move(beside));
  candidates.push_back(SMTP_PING_TLS_MODULE_PATH);
  return candidates;
}

LoadedModule load_module() {
  LoadedModule loaded;
  std::string problem;
  for (const std::string& path : module_candidates()) {
    loaded.api = open_module(path, problem);
    if (loaded.api) return loaded;
    loaded.problem += (loaded.problem.empty() ? "" : "; ") + problem;
  }
  return loaded;
}

const Api& module() {
  static const LoadedModule loaded = load_module();  // once per process; the plugin runs one check
  if (!loaded.api) throw TlsFailure(TlsFailure::Kind::local, "TLS support is not available: " + loaded.problem);
  return *loaded.api;
}

[[noreturn]] void rethrow(const ModuleError& error) {
  switch (error.source) {
    case ModuleError::Source::tls_failure:
      throw TlsFailure(static_cast<TlsFailure::Kind>(error.kind), error.message, error.facts);
    case ModuleError::Source::transport:
      throw TransportError(static_cast<TransportError::Kind>(error.kind), error.message);
    case ModuleError::Source::none:
    case ModuleError::Source::other:
      break;
  }
  throw std::runtime_error(error.message.empty() ? "TLS module error" : error.message);
}

class LoadedTlsChannel final : public TlsChannel {
 public:
  explicit LoadedTlsChannel(const Api& api) : api_(api) {}
  ~LoadedTlsChannel() override {
    if (session_) api_.close(session_);
  }
  LoadedTlsChannel(const LoadedTlsChannel&) = delete;
  LoadedTlsChannel& operator=(const LoadedTlsChannel&) = delete;

  void establish(int fd, const TlsOptions& options, const std::string& host, const Deadline& deadline) {
    ModuleError error;
    session_ = api_.establish(fd, options, host, deadline, error);
    if (!session_) rethrow(error);
  }
  void write(std::string_view data, const Deadline& deadline) override {
    ModuleError error;
    if (!api_.write(*session_, data, deadline, error)) rethrow(error);
  }
  std::size_t read(char* buffer, std::size_t size, const Deadline& deadline) override {
    ModuleError error;
    const std::size_t got = api_.read(*session_, buffer, size, deadline, error);
    if (got == 0) rethrow(error);
    return got;
  }
  const TlsFacts& facts() const override { return *api_.facts(*session_); }
  bool certificate_matches(const std::string& name) const override {
    return api_.certificate_matches(*session_, name);
  }

 private:
  const Api& api_;
  tls_module::Session* session_ = nullptr;
};

}  // namespace

std::unique_ptr<TlsChannel> start_tls(int fd, const TlsOptions& options, const std::string& host,
                                      const Deadline& deadline) {
  auto channel = std::make_unique<LoadedTlsChannel>(module());
  channel->establish(fd, options, host, deadline);
  return channel;
}

std::string base64_encode(std::string_view data) {
  std::string out;
  ModuleError error;
  if (!module().base64_encode(data, out, error)) rethrow(error);
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  std::optional<std::string> out;
  ModuleError error;
  if (!module().base64_decode(text, out, error)) rethrow(error);
  return out;
}

std::string hmac_md5(std::string_view key, std::string_view data) {
  std::string out;
  ModuleError error;
  if (!module().hmac_md5(key, data, out, error)) rethrow(error);
  return out;
}

}  // namespace smtp_ping
