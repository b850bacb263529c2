#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "server_script.hpp"

namespace smtp_ping::test {

// Broken-server behaviour, each selectable on its own; all off by default.
struct MailboxFaults {
  bool refuse_login = false;    // every LOGIN/AUTHENTICATE/USER+PASS/AUTH fails (NO / -ERR)
  bool no_starttls = false;     // STARTTLS/STLS neither offered nor accepted
  bool no_uidplus = false;      // no UIDPLUS capability; UID EXPUNGE is a BAD command
  bool never_delivers = false;  // deliveries (Mailbox::deliver_after) never become visible
  // FETCH of a message body (BODY[...], RFC822) answers with a literal of this many
  // bytes, POP3 RETR/TOP with a message this big (generated text); 0: off.
  std::size_t huge_literal = 0;
  // SEARCH answers with one untagged "* SEARCH ..." line of at least this many
  // bytes (ascending made-up UIDs); POP3 LIST/UIDL with this many bytes of lines; 0: off.
  std::size_t endless_search = 0;
  // UIDs in SEARCH results and FETCH replies, and POP3 message numbers in
  // LIST/UIDL, are shifted by this: they name messages that do not exist; 0: off.
  std::uint32_t wrong_uids = 0;
  // The connection is closed after this many bytes of a message body (a FETCH
  // literal, RETR/TOP data) were sent.
  std::optional<std::size_t> drop_mid_fetch;
};

// How a MailboxServer behaves. A plain value: copy and tweak.
struct MailboxScript {
  std::string hostname = "mailbox.smtp-ping.test";
  std::string user = "probe@smtp-ping.test";
  std::string password = "mailbox-secret";
  std::vector<std::string> folders{"INBOX", "Junk"};
  std::uint32_t uid_validity = 1700000000;  // of the first folder; the others count up
  // PEM certificate and key: STARTTLS/STLS are offered and the imaps/pop3s
  // listeners start (TlsSettings::implicit and ::fault are not used here).
  std::optional<TlsSettings> tls;
  // Advertised SASL mechanisms (IMAP AUTH=, POP3 SASL), like Dovecot's
  // default "plain"; PLAIN LOGIN CRAM-MD5 XOAUTH2 OAUTHBEARER are understood.
  std::vector<std::string> sasl_mechanisms{"PLAIN"};
  bool sasl_ir = true;  // IMAP SASL-IR (RFC 4959): curl then sends the initial response at once
  // Dovecot's disable_plaintext_auth for a client that is not local: LOGINDISABLED,
  // no AUTH= and no POP3 USER before TLS. (Dovecot counts a loopback client as secure.)
  bool login_disabled_without_tls = false;
  MailboxFaults faults;
  // Pauses before an answer, by command: "GREETING", IMAP "CAPABILITY", "UID SEARCH",
  // "UID FETCH", ... (UID commands with their UID), POP3 "RETR", ...; "*" for every other.
  std::map<std::string, Millis> delays;
  // Raw replies instead of the normal answer, by command as for `delays`; lines
  // separated by '\n', "$TAG" stands for the command's tag. State is not changed.
  std::map<std::string, std::string> replies;
  Millis idle_timeout{10'000};  // a client silent this long is dropped
  Millis lifetime{120'000};     // the server stops by itself after this

  MailboxScript& delay(const std::string& command, Millis pause);
  MailboxScript& reply(const std::string& command, std::string raw);
};

}  // namespace smtp_ping::test
