// The queue id of a final DATA reply: a short run of safe characters found in the text.
#include <cctype>
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "mail/queue_id.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = as_text(data, size);
  const auto found = extract_queue_id(input);
  if (!found) return 0;
  require(!found->id.empty() && found->id.size() <= 128, "an empty or long id", input);
  require(!found->form.empty(), "no form", input);
  for (char c : found->id)
    require(std::isalnum(static_cast<unsigned char>(c)) || std::string_view("._-=@<>+").find(c) != std::string_view::npos,
            "an unsafe character in the id", found->id);
  require(input.find(found->id) != std::string_view::npos, "an id that is not in the reply", input);
  return 0;
}
