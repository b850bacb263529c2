// What the mailbox client reads from servers: IMAP SEARCH, CAPABILITY, FETCH
// announcements, INTERNALDATE, LIST; POP3 listings and octet counts; and the
// --mailbox URL. Everything bounded, every number in range.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "mailbox/imap_replies.hpp"
#include "mailbox/mailbox_url.hpp"
#include "mailbox/pop3_replies.hpp"

using namespace smtp_ping;
using namespace smtp_ping::fuzz;
using namespace smtp_ping::mailbox;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = as_text(data, size);
  const auto search = parse_search_reply(input, 16);
  require(search.uids.size() <= 16, "more UIDs than the limit", input);
  for (const auto uid : search.uids) require(uid != 0, "UID 0", input);
  require(!search.more || search.uids.size() == 16, "more without a full list", input);

  require(parse_capabilities(input).size() <= 256, "more capabilities than the limit", input);
  if (const auto fetch = parse_fetch_announcement(input)) {
    require(fetch->sequence != 0, "sequence 0", input);
    require(!fetch->uid || *fetch->uid != 0, "UID 0 in a FETCH", input);
  }
  for (const auto& date : parse_internal_dates(input, 8)) require(date.uid != 0, "a date for UID 0", input);
  const auto folders = parse_list_reply(input, 8);
  require(folders.size() <= 8, "more folders than the limit", input);
  for (const auto& folder : folders) require(!folder.name.empty(), "an empty folder name", input);
  require(last_reply_line(input).size() <= 300, "a long last line", input);

  const auto listing = parse_pop3_listing(input, 8);
  require(listing.size() <= 8, "more POP3 entries than the limit", input);
  for (const auto& entry : listing) require(entry.number != 0 && !entry.value.empty(), "a bad POP3 entry", input);
  parse_pop3_octets(input);

  std::string problem;
  if (const auto url = parse_mailbox_url(input, problem)) {
    require(!url->host.empty() && !url->folder.empty(), "a URL without host or folder", input);
    const std::string rebuilt = url->message_url(url->folder, 1);
    require(rebuilt.find_first_of(" \r\n") == std::string::npos, "white space in a request URL", rebuilt);
    std::string again_problem;
    require(parse_mailbox_url(url->folder_url(url->folder), again_problem).has_value(), "a rebuilt URL is refused",
            url->folder_url(url->folder));
  } else {
    require(!problem.empty(), "refused without a reason", input);
  }
  return 0;
}
