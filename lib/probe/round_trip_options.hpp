#pragma once

#include <string>
#include <vector>

#include "mailbox/mailbox_client.hpp"

namespace smtp_ping {

// --mailbox: where the probe message must arrive, and what to do with it there.
struct RoundTripOptions {
  mailbox::MailboxAccount account;
  std::vector<std::string> junk_folders;  // --junk-folder; empty: the server's \Junk or the common names
  bool keep = false;                      // --keep: leave the probe in the mailbox
};

}  // namespace smtp_ping
