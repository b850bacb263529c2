#pragma once

#include <memory>

#include "mailbox/mailbox_client.hpp"

namespace smtp_ping::mailbox {

// The libcurl client from smtp-ping-curl.so, loaded (and libcurl started) on
// the first call. Null with `error` set (kind `unsupported`, naming every path
// tried) when the module is missing or from another build, or as
// make_curl_mailbox_client() says. Never throws.
std::unique_ptr<MailboxClient> load_mailbox_client(const MailboxAccount& account, MailboxError& error) noexcept;

}  // namespace smtp_ping::mailbox
