#include "dns/idn.hpp"

#include <dlfcn.h>
#include <idn2.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace smtp_ping {
namespace {

constexpr const char* kLibrary = "libidn2.so.0";

struct Idn2 {
  decltype(&idn2_to_ascii_8z) to_ascii = nullptr;
  decltype(&idn2_strerror) describe = nullptr;
  decltype(&idn2_free) release = nullptr;
  std::string problem;  // why it could not be loaded
};

Idn2 load_idn2() {
  Idn2 idn2;
  void* library = ::dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);  // stays loaded until exit
  if (library == nullptr) {
    const char* why = ::dlerror();
    idn2.problem = why != nullptr ? why : std::string("cannot load ") + kLibrary;
    return idn2;
  }
  idn2.to_ascii = reinterpret_cast<decltype(&idn2_to_ascii_8z)>(::dlsym(library, "idn2_to_ascii_8z"));
  idn2.describe = reinterpret_cast<decltype(&idn2_strerror)>(::dlsym(library, "idn2_strerror"));
  idn2.release = reinterpret_cast<decltype(&idn2_free)>(::dlsym(library, "idn2_free"));
  if (!idn2.to_ascii || !idn2.describe || !idn2.release) idn2.problem = std::string(kLibrary) + " lacks idn2_to_ascii_8z";
  return idn2;
}

const Idn2& idn2() {
  static const Idn2 loaded = load_idn2();
  return loaded;
}

}  // namespace

bool has_non_ascii(std::string_view name) {
  return std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

std::string to_a_labels(const std::string& name) {
  if (!has_non_ascii(name)) return name;
  const Idn2& library = idn2();
  if (!library.problem.empty())
    throw std::invalid_argument("an internationalised name needs libidn2 (" + library.problem + ")");
  char* converted = nullptr;
  const int rc = library.to_ascii(name.c_str(), &converted, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
  const std::unique_ptr<char, decltype(library.release)> owned(converted, library.release);
  if (rc != IDN2_OK || converted == nullptr)
    throw std::invalid_argument(std::string("not a valid internationalised name: ") + library.describe(rc));
  return converted;
}

}  // namespace smtp_ping
