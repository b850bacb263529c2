#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "channel.hpp"
#include "mailbox_script.hpp"

namespace smtp_ping::test {

// What the IMAP and POP3 sessions share: the script's pauses and raw replies,
// and sending message data under the size and drop faults.
class MailSessionSupport {
 public:
  MailSessionSupport(const MailboxScript& script, Channel& channel);

  // The script's delay for `command` ("*" when it has none of its own).
  void pause_before(const std::string& command) const;
  // Sends the script's raw reply for `command` ("$TAG" replaced); false when it has none.
  bool send_scripted_reply(const std::string& command, const std::string& tag);

  // The size message data of `real_size` bytes has on the wire (huge_literal replaces it).
  std::size_t body_size(std::size_t real_size) const;
  // Sends message data: `data`, or the generated huge message; under drop_mid_fetch
  // only the first bytes, then the connection ends (throws ConnectionOver).
  void send_body(std::string_view data);

 private:
  void send_limited(std::string_view chunk, std::size_t& sent);

  const MailboxScript& script_;
  Channel& channel_;
};

// `size` bytes of a plain message ("Subject: ..." then lines of x), generated in
// pieces: bytes [offset, offset + length).
std::string huge_message_piece(std::size_t offset, std::size_t length, std::size_t size);

}  // namespace smtp_ping::test
