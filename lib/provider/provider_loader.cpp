#include "provider/provider_loader.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <vector>

#ifndef SMTP_PING_PROVIDER_DIR
#error "SMTP_PING_PROVIDER_DIR: where the provider modules are installed"
#endif

namespace smtp_ping::provider {
namespace {

std::string executable_directory() {
  char path[4096];
  const ssize_t length = ::readlink("/proc/self/exe", path, sizeof path - 1);
  if (length <= 0) return {};
  const std::string executable(path, static_cast<std::size_t>(length));
  const auto slash = executable.rfind('/');
  return slash == std::string::npos ? std::string() : executable.substr(0, slash + 1);
}

// The copy beside the executable when there is one (so a build never pairs
// with a module of another build), then the installed one.
std::vector<std::string> candidates(const Module& module) {
  std::vector<std::string> paths;
  if (const std::string directory = executable_directory(); !directory.empty()) {
    std::string beside = directory + std::string(module.file_name);
    if (::access(beside.c_str(), F_OK) == 0) paths.push_back(std::move(beside));
  }
  paths.push_back(installed_directory() + "/" + std::string(module.file_name));
  return paths;
}

const Header* open_module(const std::string& path, const Module& module, const Header& expected,
                          std::string& problem) {
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = ::dlerror();
    problem = why ? why : "cannot load " + path;
    return nullptr;
  }
  const std::string entry_point(module.entry_point);
  const auto entry = reinterpret_cast<EntryPoint>(::dlsym(handle, entry_point.c_str()));
  const Header* table = entry ? entry() : nullptr;
  if (table && *table == expected) return table;
  problem = path + " is from another build (" + (table ? table->build : "no entry point") + ")";
  ::dlclose(handle);
  return nullptr;
}

}  // namespace

std::string installed_directory() { return SMTP_PING_PROVIDER_DIR; }

Loaded load(const Module& module, const Header& expected) noexcept {
  Loaded loaded;
  try {
    for (const std::string& path : candidates(module)) {
      std::string problem;
      loaded.table = open_module(path, module, expected, problem);
      if (loaded.table) return loaded;
      loaded.problem += (loaded.problem.empty() ? "" : "; ") + problem;
    }
  } catch (...) {  // no memory for a path: the provider is as unavailable as a missing one
    loaded.table = nullptr;
  }
  return loaded;
}

}  // namespace smtp_ping::provider
