#include "output/fcrdns_text.hpp"

#include "common/text.hpp"
#include "output/safe_text.hpp"

namespace smtp_ping {

std::string fcrdns_text(const FcrdnsMismatch& fcrdns) {
  std::string text = "FCrDNS " + fcrdns.address + ": ";
  if (!fcrdns.ptr_names.empty()) text += "PTR " + join(fcrdns.ptr_names, ", ") + ", ";
  text += fcrdns.verdict;
  if (fcrdns.forward_confirmed)
    text += fcrdns.announced ? ", but the server announces " + *fcrdns.announced : ", the server announced no name";
  return safe_text(text, 1024);
}

}  // namespace smtp_ping
