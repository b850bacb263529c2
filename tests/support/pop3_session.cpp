#include "pop3_session.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>

#include "message_text.hpp"
#include "sasl_exchange.hpp"

namespace smtp_ping::test {
namespace {

std::pair<std::string, std::string> split_word(const std::string& line) {
  const auto space = line.find(' ');
  if (space == std::string::npos) return {line, {}};
  return {line.substr(0, space), line.substr(space + 1)};
}

std::optional<std::size_t> number_of(const std::string& text) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// The header section and the first `lines` lines of the body (TOP).
std::string top_of(const std::string& content, std::size_t lines) {
  const auto header = header_section(content);
  const auto body = body_section(content);
  std::size_t end = 0;
  for (std::size_t i = 0; i < lines && end < body.size(); ++i) {
    const auto newline = body.find('\n', end);
    end = newline == std::string_view::npos ? body.size() : newline + 1;
  }
  return std::string(header) + std::string(body.substr(0, end));
}

}  // namespace

Pop3Session::Pop3Session(const MailboxScript& script, Mailbox& mailbox, Channel& channel, MailConnectionLog log,
                         SSL_CTX* tls_context, bool implicit_tls)
    : script_(script),
      mailbox_(mailbox),
      channel_(channel),
      log_(log),
      tls_context_(tls_context),
      implicit_tls_(implicit_tls),
      support_(script, channel) {}

void Pop3Session::run() {
  if (implicit_tls_ && !begin_tls()) return;
  support_.pause_before("GREETING");
  if (!support_.send_scripted_reply("GREETING", "")) send("+OK " + script_.hostname + " ready.");
  while (state_ != State::done) {
    const auto line = channel_.read_line();
    if (!line) return;
    log_.update([&](MailConnectionRecord& r) { r.lines.push_back(*line); });
    handle(*line);
  }
}

void Pop3Session::handle(const std::string& line) {
  const auto [word, argument] = split_word(line);
  const auto command = upper_case(word);
  log_.update([&](MailConnectionRecord& r) { r.commands.push_back(command); });
  support_.pause_before(command);
  if (support_.send_scripted_reply(command, "")) return;
  if (command == "QUIT") return quit();
  if (command == "CAPA") return capa();
  if (command == "NOOP" && state_ == State::transaction) return send("+OK");
  const bool known = state_ == State::authorization ? dispatch_authorization(command, argument)
                                                    : dispatch_transaction(command, argument);
  if (!known) send("-ERR Unknown command: " + command);
}

bool Pop3Session::dispatch_authorization(const std::string& command, const std::string& argument) {
  if (command == "STLS")
    stls();
  else if (command == "USER")
    user(argument);
  else if (command == "PASS")
    pass(argument);
  else if (command == "AUTH")
    auth(argument);
  else
    return false;
  return true;
}

bool Pop3Session::dispatch_transaction(const std::string& command, const std::string& argument) {
  if (command == "STAT")
    stat();
  else if (command == "LIST")
    list_or_uidl(argument, false);
  else if (command == "UIDL")
    list_or_uidl(argument, true);
  else if (command == "RETR")
    retr(argument);
  else if (command == "TOP")
    top(argument);
  else if (command == "DELE")
    dele(argument);
  else if (command == "RSET")
    rset();
  else
    return false;
  return true;
}

void Pop3Session::send(const std::string& text) { channel_.write(text + "\r\n"); }

bool Pop3Session::login_disabled() const { return script_.login_disabled_without_tls && !channel_.tls_active(); }

bool Pop3Session::begin_tls() {
  const std::string error = channel_.start_tls(tls_context_);
  log_.update([&](MailConnectionRecord& r) {
    r.tls = error.empty();
    r.tls_error = error;
    r.sni = channel_.sni();
  });
  return error.empty();
}

void Pop3Session::capa() {
  std::string reply = "+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\n";
  if (state_ == State::authorization) {
    if (script_.tls && !script_.faults.no_starttls && !channel_.tls_active()) reply += "STLS\r\n";
    if (!login_disabled()) reply += "USER\r\n";
    reply += "SASL";
    if (!login_disabled())
      for (const auto& mechanism : script_.sasl_mechanisms) reply += " " + mechanism;
    reply += "\r\n";
  }
  send(reply + ".");
}

void Pop3Session::stls() {
  if (!script_.tls || script_.faults.no_starttls) return send("-ERR TLS support isn't enabled.");
  if (channel_.tls_active()) return send("-ERR TLS is already active.");
  send("+OK Begin TLS negotiation now.");
  if (!begin_tls()) state_ = State::done;
}

void Pop3Session::user(const std::string& name) {
  if (login_disabled())
    return send("-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
  user_ = name;
  send("+OK");
}

void Pop3Session::pass(const std::string& password) {
  if (!user_) return send("-ERR No username given.");
  logged_in("USER", *user_ == script_.user && password == script_.password);
}

void Pop3Session::auth(const std::string& argument) {
  auto [mechanism, initial] = split_word(argument);
  mechanism = upper_case(mechanism);
  const auto& offered = script_.sasl_mechanisms;
  if (mechanism.empty()) {
    std::string list = "+OK\r\n";
    for (const auto& name : offered) list += name + "\r\n";
    return send(list + ".");
  }
  if (login_disabled() || std::find(offered.begin(), offered.end(), mechanism) == offered.end())
    return send("-ERR [AUTH] Unsupported authentication mechanism.");
  if (initial == "=") initial.clear();  // RFC 5034: an empty initial response
  const auto ask = [this](const std::string& challenge) -> std::optional<std::string> {
    send("+ " + challenge);
    auto line = channel_.read_line();
    if (line) log_.update([&](MailConnectionRecord& r) { r.lines.push_back(*line); });
    return line;
  };
  const auto outcome =
      run_sasl_exchange(mechanism, initial, {script_.user, script_.password}, script_.hostname, log_.index(), ask);
  if (!outcome) {
    state_ = State::done;
    return;
  }
  if (outcome->aborted) return send("-ERR Authentication aborted by client.");
  logged_in(mechanism, outcome->success);
}

void Pop3Session::logged_in(const std::string& mechanism, bool success) {
  success = success && !script_.faults.refuse_login;
  log_.update([&](MailConnectionRecord& r) {
    r.auth_mechanism = mechanism;
    r.authenticated = success;
    if (success) r.selected = "INBOX";
  });
  if (!success) return send("-ERR [AUTH] Authentication failed.");
  maildrop_ = mailbox_.messages("INBOX");
  state_ = State::transaction;
  send("+OK Logged in.");
}

void Pop3Session::quit() {
  log_.update([](MailConnectionRecord& r) { r.logout = true; });
  const bool deleting = state_ == State::transaction && !deleted_.empty();
  if (deleting) {
    std::set<std::uint32_t> uids;
    for (const auto index : deleted_) uids.insert(maildrop_[index].uid);
    mailbox_.remove("INBOX", uids);
  }
  send(deleting ? "+OK Logging out, messages deleted." : "+OK Logging out.");
  state_ = State::done;
}

std::optional<std::size_t> Pop3Session::message_index(const std::string& argument) {
  const auto number = number_of(argument);
  if (!number || *number == 0) {
    send("-ERR Invalid message number: " + argument);
    return std::nullopt;
  }
  if (*number > maildrop_.size()) {
    send("-ERR There's no message " + argument + ".");
    return std::nullopt;
  }
  if (deleted_.count(*number - 1) != 0) {
    send("-ERR Message is deleted.");
    return std::nullopt;
  }
  return *number - 1;
}

void Pop3Session::stat() {
  std::size_t count = 0;
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < maildrop_.size(); ++i) {
    if (deleted_.count(i) != 0) continue;
    ++count;
    bytes += maildrop_[i].content.size();
  }
  send("+OK " + std::to_string(count) + " " + std::to_string(bytes));
}

std::string Pop3Session::uidl_of(const StoredMessage& message) const {
  // Dovecot's default pop3_uidl_format %08Xu%08Xv.
  std::array<char, 20> text{};
  std::snprintf(text.data(), text.size(), "%08X%08X", message.uid, mailbox_.uid_validity("INBOX"));
  return text.data();
}

void Pop3Session::list_or_uidl(const std::string& argument, bool uidl) {
  auto entry = [&](std::size_t index) {
    const auto number = std::to_string(index + 1 + script_.faults.wrong_uids);
    return number + " " + (uidl ? uidl_of(maildrop_[index]) : std::to_string(maildrop_[index].content.size()));
  };
  if (!argument.empty()) {
    if (const auto index = message_index(argument)) send("+OK " + entry(*index));
    return;
  }
  if (script_.faults.endless_search > 0) return endless_listing();
  std::string reply = uidl ? "+OK\r\n" : "+OK " + std::to_string(maildrop_.size() - deleted_.size()) + " messages:\r\n";
  for (std::size_t i = 0; i < maildrop_.size(); ++i)
    if (deleted_.count(i) == 0) reply += entry(i) + "\r\n";
  send(reply + ".");
}

void Pop3Session::endless_listing() {
  std::string chunk = "+OK\r\n";
  std::size_t sent = 0;
  for (std::size_t number = 1; sent + chunk.size() < script_.faults.endless_search; ++number) {
    chunk += std::to_string(number) + " " + std::to_string(1000 + number) + "\r\n";
    if (chunk.size() < 64 * 1024) continue;
    channel_.write(chunk);
    sent += chunk.size();
    chunk.clear();
  }
  send(chunk + ".");
}

void Pop3Session::retr(const std::string& argument) {
  const auto index = message_index(argument);
  if (!index) return;
  const auto& content = maildrop_[*index].content;
  send("+OK " + std::to_string(support_.body_size(content.size())) + " octets");
  support_.send_body(dot_stuffed(content));
  send(".");
}

void Pop3Session::top(const std::string& argument) {
  const auto [number, lines_text] = split_word(argument);
  const auto lines = number_of(lines_text);
  if (!lines) return send("-ERR Invalid number of lines: " + lines_text);
  const auto index = message_index(number);
  if (!index) return;
  send("+OK");
  support_.send_body(dot_stuffed(top_of(maildrop_[*index].content, *lines)));
  send(".");
}

void Pop3Session::dele(const std::string& argument) {
  const auto index = message_index(argument);
  if (!index) return;
  deleted_.insert(*index);
  send("+OK Marked to be deleted.");
}

void Pop3Session::rset() {
  deleted_.clear();
  send("+OK");
}

}  // namespace smtp_ping::test
