#include "mailbox_script.hpp"

namespace smtp_ping::test {

MailboxScript& MailboxScript::delay(const std::string& command, Millis pause) {
  delays[command] = pause;
  return *this;
}

MailboxScript& MailboxScript::reply(const std::string& command, std::string raw) {
  replies[command] = std::move(raw);
  return *this;
}

}  // namespace smtp_ping::test
