#include "mailbox/mailbox_loader.hpp"

#include "mailbox/curl_module_api.hpp"
#include "provider/provider_loader.hpp"
#include "provider/providers.hpp"

namespace smtp_ping::mailbox {

std::unique_ptr<MailboxClient> load_mailbox_client(const MailboxAccount& account, MailboxError& error) noexcept {
  try {
    static const provider::Loaded loaded = provider::load(provider::kCurl, curl_module::kHeader);
    if (!loaded.table) {
      error = MailboxError{MailboxPhase::connect, MailboxErrorKind::unsupported, 0, {},
                           "mailbox support is not available: " + loaded.problem};
      return nullptr;
    }
    const auto& api = *reinterpret_cast<const curl_module::Api*>(loaded.table);  // the header is its first member
    static const bool started = api.start();
    if (!started) {
      error = MailboxError{MailboxPhase::connect, MailboxErrorKind::unsupported, 0, {}, "libcurl did not start"};
      return nullptr;
    }
    return std::unique_ptr<MailboxClient>(api.make_client(account, error));
  } catch (...) {
    error = MailboxError{MailboxPhase::connect, MailboxErrorKind::other, 0, {}, "cannot load the mailbox support"};
    return nullptr;
  }
}

}  // namespace smtp_ping::mailbox
