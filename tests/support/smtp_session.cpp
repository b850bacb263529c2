#include "smtp_session.hpp"

#include <algorithm>
#include <cctype>

#include "sasl.hpp"
#include "sasl_exchange.hpp"

namespace smtp_ping::test {
namespace {

constexpr std::size_t max_message_bytes = 32 << 20;

std::vector<std::string> lines_of(const Step& step, const std::vector<std::string>& defaults) {
  if (!step.lines.empty()) return step.lines;
  if (step.fault && !step.fault_after_reply) return {};
  return defaults;
}

int code_of(const std::vector<std::string>& lines) {
  if (lines.empty() || lines.back().size() < 3) return 0;
  const auto& line = lines.back();
  if (!std::all_of(line.begin(), line.begin() + 3, [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return 0;
  return std::stoi(line.substr(0, 3));
}

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

std::pair<std::string, std::string> split_word(const std::string& line) {
  const auto space = line.find(' ');
  if (space == std::string::npos) return {line, {}};
  return {line.substr(0, space), line.substr(space + 1)};
}

std::string huge_reply(std::size_t size) {
  const std::string line = "250-" + std::string(996, 'x') + "\r\n";
  std::string reply;
  while (reply.size() + line.size() < size) reply += line;
  return reply + "250 end of a huge reply\r\n";
}

std::string join(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

}  // namespace

SmtpSession::SmtpSession(const ServerScript& script, Channel& channel, ConnectionLog log, SSL_CTX* tls_context)
    : script_(script), channel_(channel), log_(log), tls_context_(tls_context) {}

SmtpSession::Ending SmtpSession::run() {
  Next next = open_connection();
  if (next == Next::carry_on) next = serve_commands();
  return next == Next::reset ? Ending::reset : Ending::close;
}

SmtpSession::Next SmtpSession::open_connection() {
  if (script_.expect_proxy) {
    auto line = channel_.read_line_unbuffered(256);
    if (!line) return Next::close;
    log_.update([&](ConnectionRecord& r) { r.proxy_line = *line; });
  }
  if (script_.tls && script_.tls->implicit) {
    const Next next = begin_tls();
    if (next != Next::carry_on) return next;
  }
  return perform(script_.greeting, {"220 " + script_.hostname + " ESMTP smtp-ping test server"}, true);
}

SmtpSession::Next SmtpSession::serve_commands() {
  while (auto line = channel_.read_line()) {
    log_.update([&](ConnectionRecord& r) { r.lines.push_back(*line); });
    auto [verb, argument] = split_word(*line);
    const Next next = answer(upper(verb), argument);
    if (next != Next::carry_on) return next;
  }
  return Next::close;
}

SmtpSession::Next SmtpSession::answer(const std::string& verb, const std::string& argument) {
  if (verb == "QUIT") log_.update([](ConnectionRecord& r) { r.quit = true; });
  const Step& step = step_for(verb, argument);
  if (verb == "DATA") return answer_data(step);
  if (verb == "STARTTLS") return answer_starttls(step);
  if (verb == "AUTH" && script_.auth && script_.commands.count("AUTH") == 0) return answer_auth(argument);

  const auto defaults = default_reply(verb, argument);
  const Next next = perform(step, defaults);
  if (verb == "QUIT" && next == Next::carry_on && code_of(lines_of(step, defaults)) == 221) return Next::close;
  return next;
}

const Step& SmtpSession::step_for(const std::string& verb, const std::string& argument) const {
  static const Step default_step;
  const std::string line = argument.empty() ? verb : verb + " " + argument;
  for (const auto& [prefix, step] : script_.lines_starting)
    if (line.rfind(prefix, 0) == 0) return step;
  if (const auto found = script_.commands.find(verb); found != script_.commands.end()) return found->second;
  if (verb == ".") return default_step;  // the end of DATA is no verb
  if (const auto any = script_.commands.find("*"); any != script_.commands.end()) return any->second;
  return default_step;
}

std::vector<std::string> SmtpSession::hello_reply(const std::string& argument) const {
  std::vector<std::string> keywords{script_.hostname + " Hello " + argument, "PIPELINING", "SIZE 10240000",
                                    "8BITMIME"};
  if (script_.tls && !script_.tls->implicit && !channel_.tls_active()) keywords.push_back("STARTTLS");
  if (script_.auth && !script_.auth->mechanisms.empty()) keywords.push_back("AUTH " + join(script_.auth->mechanisms));
  keywords.push_back("ENHANCEDSTATUSCODES");
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < keywords.size(); ++i) lines.push_back((i + 1 < keywords.size() ? "250-" : "250 ") + keywords[i]);
  return lines;
}

std::vector<std::string> SmtpSession::default_reply(const std::string& verb, const std::string& argument) const {
  if (verb == "EHLO" || verb == "LHLO") return hello_reply(argument);
  if (verb == "HELO") return {"250 " + script_.hostname};
  if (verb == "MAIL") return {"250 2.1.0 Ok"};
  if (verb == "RCPT") return {"250 2.1.5 Ok"};
  if (verb == "RSET" || verb == "NOOP") return {"250 2.0.0 Ok"};
  if (verb == "VRFY") return {"252 2.0.0 Cannot VRFY user, but will accept message"};
  if (verb == "QUIT") return {"221 2.0.0 Bye"};
  if (verb == "AUTH") return {"503 5.5.1 Error: authentication not enabled"};
  if (verb == "HELP") return {"214 2.0.0 See RFC 5321"};
  return {"502 5.5.2 Error: command not recognized"};
}

SmtpSession::Next SmtpSession::perform(const Step& step, const std::vector<std::string>& default_lines,
                                       bool watch_pregreet) {
  watch(step.delay, watch_pregreet);
  send_lines(lines_of(step, default_lines), step, watch_pregreet);
  if (step.fault) return perform_fault(*step.fault);
  return Next::carry_on;
}

void SmtpSession::send_lines(const std::vector<std::string>& lines, const Step& step, bool watch_pregreet) {
  if (step.line_delay <= Millis::zero() && step.trickle <= Millis::zero()) {
    // One write per reply, as real servers do; line-wise writes meet delayed ACKs.
    std::string reply;
    for (const auto& line : lines) reply += line + "\r\n";
    if (!reply.empty()) watch(Millis(0), watch_pregreet);
    if (!reply.empty()) channel_.write(reply);
    return;
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) watch(step.line_delay, watch_pregreet);
    if (i + 1 == lines.size()) watch(Millis(0), watch_pregreet);  // a last look before the final line
    send_bytes(lines[i] + "\r\n", step.trickle, watch_pregreet);
  }
}

void SmtpSession::send_bytes(const std::string& bytes, Millis trickle, bool watch_pregreet) {
  if (trickle <= Millis::zero()) {
    channel_.write(bytes);
    return;
  }
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i > 0) watch(trickle, watch_pregreet);
    channel_.write(std::string_view(bytes).substr(i, 1));
  }
}

void SmtpSession::watch(Millis duration, bool watch_pregreet) {
  if (!watch_pregreet) {
    channel_.pause(duration);
    return;
  }
  if (channel_.pause_watching_input(duration)) log_.update([](ConnectionRecord& r) { r.pregreet = true; });
}

SmtpSession::Next SmtpSession::perform_fault(const Fault& fault) {
  if (!fault.bytes.empty()) channel_.write(fault.bytes);
  switch (fault.kind) {
    case Fault::Kind::stall:
      channel_.stall();
    case Fault::Kind::close:
      return Next::close;
    case Fault::Kind::reset:
      return Next::reset;
    case Fault::Kind::huge:
      channel_.write(huge_reply(fault.size));
      return Next::carry_on;
    case Fault::Kind::garbage:
    case Fault::Kind::raw:
      return Next::carry_on;
  }
  return Next::carry_on;
}

SmtpSession::Next SmtpSession::answer_data(const Step& step) {
  const std::vector<std::string> defaults{"354 End data with <CR><LF>.<CR><LF>"};
  const Next next = perform(step, defaults);
  if (next != Next::carry_on || code_of(lines_of(step, defaults)) != 354) return next;
  std::string data;
  std::string message;  // as delivered
  while (auto line = channel_.read_line()) {
    if (*line == ".") {
      log_.update([&](ConnectionRecord& r) { r.data = data; });
      return finish_data(message);
    }
    if (data.size() > max_message_bytes) break;
    data += *line + "\n";
    message += (line->rfind('.', 0) == 0 ? line->substr(1) : *line) + "\r\n";
  }
  log_.update([&](ConnectionRecord& r) { r.data = data; });
  return Next::close;
}

SmtpSession::Next SmtpSession::finish_data(const std::string& message) {
  const Step& step = step_for(".", {});
  const std::vector<std::string> defaults{"250 2.0.0 Ok: queued as 5M7P1NG"};
  // Queued before it is acknowledged, as an MTA does: a client that saw the 2xx finds it handed on.
  if (script_.on_message && code_of(lines_of(step, defaults)) / 100 == 2) script_.on_message(message);
  return perform(step, defaults);
}

SmtpSession::Next SmtpSession::answer_starttls(const Step& step) {
  const bool available = script_.tls && !script_.tls->implicit && !channel_.tls_active();
  const std::vector<std::string> defaults{available ? "220 2.0.0 Ready to start TLS" : "454 4.7.0 TLS not available"};
  const Next next = perform(step, defaults);
  if (next != Next::carry_on || code_of(lines_of(step, defaults)) != 220) return next;
  if (!script_.tls || channel_.tls_active()) return next;
  return begin_tls();
}

SmtpSession::Next SmtpSession::begin_tls() {
  switch (script_.tls->fault) {
    case TlsFault::garbage:
      // After the ClientHello, so the junk answers it (not the STARTTLS reply);
      // plain text, no record header a client would wait to complete.
      channel_.read_raw_some(16384);
      channel_.write("this is no TLS \xff\xfe\r\n");
      channel_.discard_until_eof();
      return Next::close;
    case TlsFault::silence:
      channel_.discard_until_eof();
      return Next::close;
    case TlsFault::stall_handshake:
      channel_.read_raw_some(16384);
      // A handshake record header announcing 64 bytes, and only 6 of them.
      channel_.write(std::string("\x16\x03\x03\x00\x40\x02\x00\x00\x3c\x03\x03", 11));
      channel_.discard_until_eof();
      return Next::close;
    case TlsFault::none:
      break;
  }
  const std::string error = channel_.start_tls(tls_context_);
  if (!error.empty()) {
    log_.update([&](ConnectionRecord& r) { r.tls_error = error; });
    return Next::close;
  }
  log_.update([&](ConnectionRecord& r) {
    r.tls = true;
    r.sni = channel_.sni();
  });
  return Next::carry_on;
}

std::optional<std::string> SmtpSession::ask(const std::string& challenge) {
  channel_.write("334 " + challenge + "\r\n");
  auto line = channel_.read_line();
  if (line) log_.update([&](ConnectionRecord& r) { r.lines.push_back(*line); });
  if (line) auth_answers_.push_back(*line);
  return line;
}

SmtpSession::Next SmtpSession::answer_auth(const std::string& argument) {
  auto [mechanism, initial] = split_word(argument);
  mechanism = upper(mechanism);
  const auto& offered = script_.auth->mechanisms;
  if (std::find(offered.begin(), offered.end(), mechanism) == offered.end())
    return perform(Step{}, {"504 5.5.4 Unrecognized authentication type"});
  if (initial == "=") initial.clear();  // RFC 4954: an empty initial response

  auth_answers_.clear();
  if (!initial.empty()) auth_answers_.push_back(initial);
  const auto outcome = run_sasl_exchange(mechanism, initial, {script_.auth->user, script_.auth->secret},
                                         script_.hostname, log_.index(),
                                         [this](const std::string& challenge) { return ask(challenge); });
  if (!outcome) return Next::close;
  log_.update([&](ConnectionRecord& r) {
    r.auth_mechanism = mechanism;
    r.auth_success = outcome->success;
  });
  if (outcome->aborted) return perform(Step{}, {"501 5.7.0 Authentication aborted"});
  if (!outcome->success && script_.auth->echo_credentials)
    return perform(Step{}, {"535 5.7.8 Authentication failed for " + echoed_credentials()});
  return perform(Step{}, {outcome->success ? "235 2.7.0 Authentication successful"
                                            : "535 5.7.8 Error: authentication failed: authentication failure"});
}

// "AHVzZXIAcGFzcw== decoded=\0user\0pass" for each answer, NUL bytes and all.
std::string SmtpSession::echoed_credentials() const {
  std::string text;
  for (const auto& answer : auth_answers_) {
    std::string decoded = base64_decode(answer).value_or("");
    for (auto& c : decoded)
      if (c == '\r' || c == '\n') c = ' ';
    text += (text.empty() ? "" : "; ") + answer + " decoded=" + decoded;
  }
  return text;
}

}  // namespace smtp_ping::test
