#pragma once

#include <openssl/ssl.h>

#include <string>
#include <vector>

#include "channel.hpp"
#include "record_book.hpp"
#include "server_script.hpp"

namespace smtp_ping::test {

// Serves one connection by the script. run() returns when the dialog is over;
// the caller closes the channel (or resets it when asked to).
class SmtpSession {
 public:
  enum class Ending { close, reset };

  SmtpSession(const ServerScript& script, Channel& channel, ConnectionLog log, SSL_CTX* tls_context);
  Ending run();

 private:
  enum class Next { carry_on, close, reset };

  Next open_connection();
  Next serve_commands();
  Next answer(const std::string& verb, const std::string& argument);
  Next perform(const Step& step, const std::vector<std::string>& default_lines, bool watch_pregreet = false);
  Next perform_fault(const Fault& fault);
  void send_lines(const std::vector<std::string>& lines, const Step& step, bool watch_pregreet);
  void send_bytes(const std::string& bytes, Millis trickle, bool watch_pregreet);
  void watch(Millis duration, bool watch_pregreet);

  Next answer_data(const Step& step);
  Next finish_data(const std::string& message);
  Next answer_starttls(const Step& step);
  Next begin_tls();
  Next answer_auth(const std::string& argument);
  std::optional<std::string> ask(const std::string& challenge);
  std::string echoed_credentials() const;

  const Step& step_for(const std::string& verb, const std::string& argument) const;
  std::vector<std::string> default_reply(const std::string& verb, const std::string& argument) const;
  std::vector<std::string> hello_reply(const std::string& argument) const;

  const ServerScript& script_;
  Channel& channel_;
  ConnectionLog log_;
  SSL_CTX* tls_context_;
  std::vector<std::string> auth_answers_;  // what the client sent during the current AUTH
};

}  // namespace smtp_ping::test
