#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "mailbox/mailbox_client.hpp"

namespace smtp_ping {

// --mailbox: where the probe message must arrive, and what to do with it there.
struct RoundTripOptions {
  mailbox::MailboxAccount account;
  std::vector<std::string> junk_folders;  // --junk-folder; empty: the server's \Junk or the common names
  bool keep = false;                      // --keep: leave the probe (and earlier ones) in the mailbox
  std::chrono::seconds stale_after{3600};  // --stale-after: earlier runs' probes older than this are removed
};

}  // namespace smtp_ping
