#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace smtp_ping {

// The server's own name for an accepted message, from the text of its final
// DATA reply: what an admin greps the server's log for.
struct QueueId {
  std::string id;
  std::string form;  // which server's wording it was recognised by: "postfix", "exim", ...
  bool operator==(const QueueId& other) const { return id == other.id && form == other.form; }
};

// The reply text after the code (all lines joined with spaces is fine);
// nullopt when no known wording is found. The id is at most 128 characters
// of [A-Za-z0-9._-=@<>+] and never empty.
std::optional<QueueId> extract_queue_id(std::string_view reply_text);

}  // namespace smtp_ping
