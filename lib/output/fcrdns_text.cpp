#include "output/fcrdns_text.hpp"

#include "common/text.hpp"
#include "output/safe_text.hpp"

namespace smtp_ping {
namespace {

std::string verdict_words(const std::string& verdict) {
  if (verdict == "confirmed") return "forward-confirmed";
  if (verdict == "not_confirmed") return "not forward-confirmed (no PTR name resolves back to it)";
  if (verdict == "forward_failed") return "not forward-confirmed (the forward lookups failed)";
  if (verdict == "no_ptr") return "no PTR record";
  if (verdict == "ptr_failed") return "the PTR lookup failed";
  return verdict;
}

}  // namespace

std::string fcrdns_text(const FcrdnsMismatch& fcrdns) {
  std::string text = "FCrDNS " + fcrdns.address + ": ";
  if (!fcrdns.ptr_names.empty()) text += "PTR " + join(fcrdns.ptr_names, ", ") + ", ";
  text += verdict_words(fcrdns.verdict);
  if (fcrdns.verdict == "confirmed")
    text += fcrdns.announced ? ", but the server announces " + *fcrdns.announced : ", the server announced no name";
  return safe_text(text, 1024);
}

}  // namespace smtp_ping
