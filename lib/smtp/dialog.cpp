#include "smtp/dialog.hpp"

#include "common/number_text.hpp"

#include <chrono>
#include <optional>
#include <utility>

#include "mail/dot_stuffing.hpp"
#include "mail/probe_token.hpp"
#include "net/host_name.hpp"
#include "sasl/sasl_crypto.hpp"
#include "sasl/sasl_mechanism.hpp"
#include "smtp/capabilities.hpp"
#include "smtp/reply_reader.hpp"
#include "smtp/response_regex.hpp"
#include "smtp/wire_value.hpp"
#include "tls/certificate_name.hpp"
#include "tls/tls_channel.hpp"
#include "net/connection.hpp"
#include "net/transport_error.hpp"
#include "common/text.hpp"

namespace smtp_ping {
namespace {

// Ends the dialog at the first failure. `connection_usable` says whether the
// server is in a state to hear a polite QUIT.
struct StepFailure {
  Failure failure;
  bool connection_usable;
};

// How long the QUIT after a SIGTERM/SIGINT may take at most (within -t).
constexpr std::chrono::milliseconds kQuitGraceAfterSignal{500};

class Dialog {
 public:
  Dialog(Connection& connection, const DialogOptions& options, const Deadline& deadline, Clock::time_point start,
         DialogRecord& report)
      : connection_(connection), reader_(connection), options_(options), deadline_(deadline), start_(start),
        report_(report) {}

  void run() {
    try {
      if (options_.tls.mode == TlsMode::implicit) handshake();
      greeting();
      if (options_.banner_only) {
        if (options_.tls.mode == TlsMode::implicit) announced_certificate_name();
        expected_text();
        quit();
        return;
      }
      hello(Phase::ehlo);
      if (options_.tls.mode == TlsMode::implicit) announced_certificate_name();
      if (options_.tls.mode == TlsMode::starttls) starttls();
      expected_text();
      if (options_.relay_test) {  // unauthenticated whatever -U says: relaying for anyone is the question
        relay_test();
        quit();
        return;
      }
      if (!options_.auth.mechanism.empty()) authenticate();
      if (options_.mail_from || !options_.rcpt_to.empty()) envelope();
      if (options_.send) data();
      custom_commands();
      quit();
    } catch (const StepFailure& step) {
      report_.failure = step.failure;
      if (step.connection_usable && step.failure.kind == FailureKind::interrupted)
        quit_after_interruption();
      else if (step.connection_usable)
        polite_quit();
    } catch (const TlsFailure& unavailable) {
      // Only SASL's base64/HMAC and the probe message's digest get here (the handshake
      // judges its own): check_smtp_ping loads them with TLS, and the TLS module is missing.
      report_.failure = Failure{phase_, FailureKind::local, unavailable.message(), std::nullopt, command_, {}};
      polite_quit();
    }
  }

 private:
  [[noreturn]] void fail(FailureKind kind, std::string message, std::optional<Reply> reply = std::nullopt,
                         std::string expected = {}, bool usable = true) {
    throw StepFailure{Failure{phase_, kind, std::move(message), std::move(reply), command_, std::move(expected)},
                      usable};
  }

  // What went wrong below SMTP, in this phase's words.
  [[noreturn]] void fail_transport(const TransportError& error, const std::string& waiting_for) {
    switch (error.kind()) {
      case TransportError::Kind::timeout:
        fail(FailureKind::timeout, "timeout after " + timeout_text(options_.timeout) + " waiting for " + waiting_for,
             std::nullopt, {}, false);
      case TransportError::Kind::closed:
        fail(FailureKind::closed, error.message() + " while waiting for " + waiting_for, std::nullopt, {},
             false);
      case TransportError::Kind::tls:
        fail(FailureKind::tls, error.message() + " while waiting for " + waiting_for, std::nullopt, {},
             false);
      case TransportError::Kind::interrupted:
        fail(FailureKind::interrupted, error.message(), std::nullopt, {}, false);
      case TransportError::Kind::io:
        break;
    }
    fail(FailureKind::closed, error.message() + " while waiting for " + waiting_for, std::nullopt, {},
         false);
  }

  void record_phase(Phase phase, Clock::time_point began) {
    add_timing(report_.phases, {phase, began - start_, Clock::now() - began});
  }

  // What take_turn() sends: one command line, or a DATA payload that carries its own line ends.
  enum class Outgoing { command_line, payload };

  // Sends one command (none for the greeting; an empty one is a valid SASL
  // answer) and reads its reply, recording the transcript entry and the phase time
  // whatever happens.
  Reply take_turn(Phase phase, const std::optional<std::string>& command, const std::string& shown,
                 const std::string& waiting_for, bool cleanup = false,
                 Outgoing outgoing = Outgoing::command_line) {
    phase_ = phase;
    command_ = shown;
    const auto began = Clock::now();
    report_.transcript.push_back(TranscriptEntry{phase, shown, std::nullopt, began - start_, {}, cleanup});
    const std::size_t entry = report_.transcript.size() - 1;
    bool sent = false;
    try {
      if (command) {
        refuse_unsolicited_data();
        if (outgoing == Outgoing::payload) {
          connection_.send(*command, deadline_);
        } else {
          refuse_unsafe_line(*command, shown);
          connection_.send(*command + "\r\n", deadline_);
        }
        sent = true;
      }
      Reply reply = reader_.read_reply(deadline_);
      report_.transcript[entry].reply = reply;
      report_.transcript[entry].elapsed = Clock::now() - began;
      if (!cleanup) record_phase(phase, began);
      return reply;
    } catch (const TransportError& error) {
      report_.transcript[entry].elapsed = Clock::now() - began;
      if (!cleanup) record_phase(phase, began);
      if (error.kind() == TransportError::Kind::interrupted) fail_interrupted(error, sent);
      fail_transport(error, waiting_for);
    } catch (const ProtocolError& error) {
      report_.transcript[entry].broken_reply = error.received();
      report_.transcript[entry].elapsed = Clock::now() - began;
      if (!cleanup) record_phase(phase, began);
      fail(FailureKind::protocol, "invalid reply while waiting for " + waiting_for + ": " + error.message(),
           std::nullopt, {}, false);
    }
  }

  // A signal while a reply was due: the server can still take a QUIT (after
  // that reply) unless it expects a SASL answer or a TLS handshake, or the
  // QUIT was what it was answering.
  [[noreturn]] void fail_interrupted(const TransportError& error, bool command_sent) {
    reply_outstanding_ = command_sent;
    const bool usable = command_sent && phase_ != Phase::auth && phase_ != Phase::starttls && phase_ != Phase::quit;
    fail(FailureKind::interrupted, error.message(), std::nullopt, {}, usable);
  }

  // The last check before a line goes out: whatever built it, it is one line.
  void refuse_unsafe_line(const std::string& line, const std::string& shown) {
    if (const auto problem = wire_value_problem(WireValue::command_line, line))
      fail(FailureKind::local, "refusing to send '" + shown + "': " + *problem, std::nullopt, {}, true);
  }

  Reply command(Phase phase, const std::string& text) {
    return take_turn(phase, text, text, "the reply to " + text);
  }

  // A server that speaks before being asked is out of step with us: what it
  // said would be taken as the reply to our next command.
  void refuse_unsolicited_data() {
    if (reader_.pending_bytes() > 0)
      fail(FailureKind::protocol, "server sent " + std::to_string(reader_.pending_bytes()) +
                                      " bytes nobody asked for (dialog out of step)",
           std::nullopt, {}, false);
  }

  void expect_positive(const Reply& reply, const std::string& what) {
    if (reply.klass() == 2) return;
    fail(FailureKind::reply, what + " rejected", reply, "2xx");
  }

  void greeting() {
    const Reply reply = take_turn(Phase::banner, std::nullopt, {}, "the greeting");
    report_.greeting = reply;
    if (reply.klass() != 2) fail(FailureKind::reply, "greeting refused", reply, "2xx");
  }

  // -e: as check_smtp, the text may be in the greeting or in the reply to
  // EHLO/HELO (the one after STARTTLS too). Judged once those have arrived; a
  // mismatch is the greeting's failure.
  void expected_text() {
    if (!options_.expect || report_.greeting->raw().find(*options_.expect) != std::string::npos) return;
    for (const auto& entry : report_.transcript) {
      const bool hello_reply = entry.phase == Phase::ehlo || entry.phase == Phase::ehlo_tls;
      if (hello_reply && !entry.cleanup && entry.reply &&
          entry.reply->raw().find(*options_.expect) != std::string::npos)
        return;
    }
    phase_ = Phase::banner;
    command_.clear();
    fail(FailureKind::expect_mismatch,
         options_.banner_only ? "the greeting lacks the expected text"
                              : "the expected text is in neither the greeting nor the EHLO reply",
         *report_.greeting, "'" + *options_.expect + "'");
  }

  // -F, or this machine's FQDN, looked up only when a dialog gets this far.
  const std::string& hello_name() {
    if (hello_name_.empty()) hello_name_ = options_.hello_name.empty() ? local_fqdn() : options_.hello_name;
    return hello_name_;
  }

  void hello(Phase phase) {
    const bool lmtp = options_.hello_verb == HelloVerb::lhlo;
    const std::string verb = lmtp ? "LHLO " : "EHLO ";
    const Reply reply = command(phase, verb + hello_name());
    if (reply.klass() == 2) {
      report_.capabilities = parse_capabilities(reply);
      return;
    }
    if (lmtp || reply.klass() != 5) expect_positive(reply, command_);
    const Reply helo = command(phase, "HELO " + hello_name());
    if (helo.klass() != 2) fail(FailureKind::reply, "EHLO and HELO rejected", helo, "2xx");
    report_.capabilities = Capabilities{};
    report_.capabilities.server_name = helo.lines.empty() ? "" : helo.lines.front().substr(0, helo.lines.front().find(' '));
    report_.used_helo_fallback = true;
  }

  void starttls() {
    phase_ = Phase::starttls;
    command_ = "STARTTLS";
    if (!report_.capabilities.starttls)
      fail(FailureKind::not_offered, "STARTTLS not offered by the server", std::nullopt, "STARTTLS in the EHLO reply");
    const Reply reply = command(Phase::starttls, "STARTTLS");
    if (reply.code != 220) fail(FailureKind::reply, "STARTTLS rejected", reply, "220");
    // RFC 3207: anything the server sent before the handshake would be taken
    // as part of the TLS session's first reply (STARTTLS command injection).
    if (reader_.pending_bytes() > 0)
      fail(FailureKind::protocol, "server sent data after its STARTTLS reply, before the TLS handshake",
           std::nullopt, {}, false);
    handshake();
    announced_certificate_name();
    hello(Phase::ehlo_tls);
  }

  // -H is an address (or a socket) and neither --verify-name nor --sni named
  // the server: the handshake verified the chain and lifetime only. Stock
  // configurations pass $HOSTADDRESS$, and certificates rarely carry IP
  // addresses, so the certificate is compared with what the server calls
  // itself. A mismatch is a WARNING (the evaluation's), unless credentials
  // would follow: they go only to a server whose certificate names it.
  void announced_certificate_name() {
    const TlsChannel* tls = tls_;
    if (!report_.tls || !tls || !options_.tls.verify || !report_.tls->verify_name_source.empty()) return;
    TlsFacts& facts = *report_.tls;
    if (is_ip_literal(options_.host) && tls->certificate_matches(options_.host)) {
      facts.verify_name = options_.host;
      facts.verify_name_source = "-H";
      return;
    }
    for (const auto& [name, source] : announced_names()) {
      facts.announced_names.push_back(name + " (" + source + ")");
      if (!tls->certificate_matches(name)) continue;
      facts.verify_name = name;
      facts.verify_name_source = source;
      return;
    }
    facts.name_mismatch = true;
    if (options_.auth.mechanism.empty()) return;
    phase_ = Phase::tls;
    command_.clear();
    fail(FailureKind::tls_verify,
         "the certificate does not name the server, so the credentials are not sent (-H " + options_.host +
             " is an address: give the server's name with --verify-name)",
         std::nullopt, {}, true);
  }

  // The names the server gave itself, in the greeting and in the first EHLO reply.
  std::vector<std::pair<std::string, std::string>> announced_names() const {
    std::vector<std::pair<std::string, std::string>> names;
    auto add = [&](const std::string& name, const char* source) {
      if (name.empty()) return;
      for (const auto& known : names)
        if (known.first == name) return;
      names.emplace_back(name, source);
    };
    if (report_.greeting && !report_.greeting->lines.empty())
      add(announced_host_name(report_.greeting->lines.front()), "greeting");
    add(announced_host_name(report_.capabilities.server_name), "EHLO reply");
    return names;
  }

  void handshake() {
    phase_ = Phase::tls;
    command_.clear();
    const auto began = Clock::now();
    try {
      auto session = start_tls(connection_.fd(), options_.tls, options_.host, deadline_);
      report_.tls = session->facts();
      tls_ = session.get();
      connection_.upgrade(std::move(session));
      record_phase(Phase::tls, began);
    } catch (const TlsFailure& failure) {
      record_phase(Phase::tls, began);
      if (failure.kind() != TlsFailure::Kind::handshake && failure.kind() != TlsFailure::Kind::local)
        report_.tls = failure.facts();
      const FailureKind kind = failure.kind() == TlsFailure::Kind::verify   ? FailureKind::tls_verify
                               : failure.kind() == TlsFailure::Kind::policy ? FailureKind::tls_policy
                               : failure.kind() == TlsFailure::Kind::local  ? FailureKind::local
                                                                            : FailureKind::tls;
      fail(kind, failure.message(), std::nullopt, {}, false);
    } catch (const TransportError& error) {
      record_phase(Phase::tls, began);
      fail_transport(error, "the TLS handshake");
    }
  }

  std::string choose_mechanism() {
    const Capabilities& caps = report_.capabilities;
    const std::string offered = join(caps.auth_mechanisms, " ");
    if (caps.auth_mechanisms.empty())
      fail(FailureKind::not_offered, "credentials given but the server offers no AUTH", std::nullopt,
           "AUTH in the EHLO reply");
    const std::string wanted = upper(options_.auth.mechanism);
    if (wanted == "AUTO") {
      for (const auto& candidate : supported_sasl_mechanisms())
        if (candidate != "XOAUTH2" && candidate != "OAUTHBEARER" && caps.offers_auth(candidate)) return candidate;
      fail(FailureKind::not_offered, "no password mechanism we speak is offered (server offers: " + offered + ")",
           std::nullopt, "CRAM-MD5, PLAIN or LOGIN");
    }
    if (!caps.offers_auth(wanted))
      fail(FailureKind::not_offered, "AUTH " + wanted + " not offered (server offers: " + offered + ")", std::nullopt,
           wanted);
    return wanted;
  }

  void authenticate() {
    phase_ = Phase::auth;
    command_ = "AUTH";
    if (!connection_.encrypted() && !options_.unix_socket() && !options_.auth.allow_plaintext)
      fail(FailureKind::local,
           "refusing to send credentials over an unencrypted connection (use -S or -s, or --allow-plaintext-auth)",
           std::nullopt, {}, true);
    const std::string name = choose_mechanism();
    auto mechanism = make_sasl_mechanism(name, options_.auth.user, options_.auth.secret, options_.host,
                                         options_.effective_port());
    report_.auth_mechanism = name;
    const auto initial = mechanism->initial_response();
    std::string first = "AUTH " + name;
    if (initial) first += " " + (initial->empty() ? std::string("=") : base64_encode(*initial));
    Reply reply = take_turn(Phase::auth, first, "AUTH " + name + (initial ? " ***" : ""), "the reply to AUTH " + name);
    for (int round = 0; reply.code == 334 && round < 10; ++round) {
      const auto challenge = base64_decode(reply.lines.empty() ? "" : reply.lines.front());
      const auto answer = mechanism->respond(challenge.value_or(""));
      if (!answer) {
        // RFC 4954 4: "*" cancels; the server answers 501.
        take_turn(Phase::auth, std::string("*"), "*", "the reply to the cancelled AUTH " + name);
        command_ = "AUTH " + name;
        fail(FailureKind::protocol, "AUTH " + name + ": the server asked for more than the mechanism has to say",
             reply, "235 after the last step");
      }
      reply = take_turn(Phase::auth, base64_encode(*answer), "***", "the reply to an AUTH " + name + " response");
    }
    command_ = "AUTH " + name;
    if (reply.klass() == 2 && !mechanism->done())
      fail(FailureKind::protocol, "AUTH " + name + " accepted before the credentials were sent", reply,
           "334 until the last step");
    if (reply.code == 235 || reply.klass() == 2) return;
    if (reply.code == 334) fail(FailureKind::protocol, "AUTH " + name + " did not end after 10 rounds", reply, "235");
    fail(reply.klass() == 4 ? FailureKind::reply : FailureKind::auth, "AUTH " + name + " rejected", reply, "235");
  }

  void envelope() {
    const std::string mail = "MAIL FROM:<" + options_.mail_from.value_or("") + ">";
    expect_positive(command(Phase::mail, mail), mail);
    for (const auto& recipient : options_.rcpt_to) {
      const std::string rcpt = "RCPT TO:<" + recipient + ">";
      expect_positive(command(Phase::rcpt, rcpt), rcpt);
    }
  }

  // --send: DATA, the 354 go-ahead, the probe message dot-stuffed, and its
  // final reply, judged like every reply. The phase runs from DATA to that
  // reply; the message is composed first (its digest may load the TLS provider).
  void data() {
    phase_ = Phase::data;
    command_ = "DATA";
    SentMessage sent;
    sent.message = compose_probe_message(ProbeMessageSpec{options_.mail_from.value_or(""), options_.rcpt_to,
                                                          random_probe_token(), std::chrono::system_clock::now(),
                                                          options_.send->body_size});
    const std::string payload = data_payload(sent.message.text);
    sent.payload_bytes = payload.size();
    const Reply go_ahead = command(Phase::data, "DATA");
    if (go_ahead.code != 354) fail(FailureKind::reply, "DATA rejected", go_ahead, "354");
    report_.sent = std::move(sent);
    const std::string shown = "<probe message, " + std::to_string(payload.size()) + " octets>";
    const Reply reply = take_turn(Phase::data, payload, shown, "the reply to the message", false, Outgoing::payload);
    SentMessage& record = *report_.sent;
    if (reply.klass() != 2) fail(FailureKind::reply, "message rejected", reply, "2xx");
    // LMTP (RFC 2033 4.2): one reply per accepted recipient; each must take it.
    for (std::size_t more = 1; options_.hello_verb == HelloVerb::lhlo && more < options_.rcpt_to.size(); ++more) {
      const Reply next = take_turn(Phase::data, std::nullopt, {}, "the LMTP reply for " + options_.rcpt_to[more]);
      if (next.klass() != 2) fail(FailureKind::reply, "message rejected for " + options_.rcpt_to[more], next, "2xx");
    }
    record.accepted_at = Clock::now() - start_;
    record.accepted_time = std::chrono::system_clock::now();
    record.accepted = true;
    record.queue_id = extract_queue_id(reply.text());
  }

  void custom_commands() {
    for (const auto& custom : options_.commands) {
      const Reply reply = command(Phase::command, custom.command);
      if (!custom.expect_regex) {
        if (!reply.positive()) fail(FailureKind::reply, custom.command + " rejected", reply, "2xx or 3xx");
        continue;
      }
      std::optional<ResponseRegex> regex;
      try {
        regex.emplace(*custom.expect_regex);  // checked while parsing options already
      } catch (const RegexError& error) {
        fail(FailureKind::local, "cannot use regex '" + *custom.expect_regex + "': " + error.what(), reply, {}, true);
      }
      if (!regex->matches(reply.raw()))
        fail(FailureKind::response_mismatch, custom.command + " answered unexpectedly", reply,
             "regex '" + *custom.expect_regex + "'");
    }
  }

  // --relay-test: every form, MAIL FROM / RCPT TO / RSET, never DATA. A 421 or a dropped
  // connection ends it (the step's failure, in the relay phase); refusals are its expected answers.
  void relay_test() {
    const RelayTestOptions& relay = *options_.relay_test;
    RelayTestRecord record;
    record.outside_domain = relay.outside_domain;
    record.local_domain = relay_local_domain(relay);
    record.address_literal = address_literal(relay.server_address);
    record.ran_without_auth = !options_.auth.mechanism.empty();
    const std::vector<RelayForm> forms = relay_forms(record.local_domain, record.outside_domain, record.address_literal);
    record.planned = forms.size();
    report_.relay = std::move(record);
    for (const auto& form : forms) {
      report_.relay->attempts.push_back(RelayAttempt{form, std::nullopt, std::nullopt, std::nullopt});
      relay_attempt(report_.relay->attempts.back());
    }
  }

  // A domain the server takes mail for: --domain's, else -H when it is a name, else the name
  // the server announced, else its address literal.
  std::string relay_local_domain(const RelayTestOptions& relay) const {
    if (!relay.local_domain.empty()) return relay.local_domain;
    if (!options_.unix_socket() && !is_ip_literal(options_.host)) return options_.host;
    for (const auto& [name, source] : announced_names())
      if (!name.empty()) return name;
    return address_literal(relay.server_address).empty() ? std::string("localhost") : address_literal(relay.server_address);
  }

  void relay_attempt(RelayAttempt& attempt) {
    const std::string mail = "MAIL FROM:<" + attempt.form.mail_from + ">";
    attempt.mail_reply = relay_command(mail);
    if (attempt.mail_reply->klass() == 2) attempt.rcpt_reply = relay_command("RCPT TO:<" + attempt.form.rcpt_to + ">");
    attempt.rset_reply = relay_command("RSET");
    if (attempt.rset_reply->klass() != 2) fail(FailureKind::reply, "RSET rejected: the relay test cannot go on", *attempt.rset_reply, "2xx");
  }

  Reply relay_command(const std::string& text) {
    const Reply reply = command(Phase::relay, text);
    if (reply.code == 421)
      fail(FailureKind::reply, "the server closed the session during the relay test", reply, "2xx, 4xx or 5xx but 421",
           false);
    return reply;
  }

  void quit() {
    // Bytes nobody asked for came with an earlier reply: that is the earlier
    // step's failure, which -q must not forgive. Named like the check inside
    // take_turn(): by the command that was about to go out.
    phase_ = Phase::quit;
    command_ = "QUIT";
    refuse_unsolicited_data();
    try {
      const Reply reply = command(Phase::quit, "QUIT");
      if (reply.klass() != 2) fail(FailureKind::reply, "QUIT rejected", reply, "2xx");
    } catch (const StepFailure& step) {
      if (!options_.ignore_quit_failure) throw StepFailure{step.failure, false};
      report_.quit_failure = step.failure;
    }
  }

  // After a SIGTERM/SIGINT while a reply was due: QUIT within a short grace
  // (a second signal ends it), reading the reply that was due first.
  void quit_after_interruption() {
    const Deadline grace = deadline_.grace(kQuitGraceAfterSignal);
    if (grace.expired()) return;
    const auto began = Clock::now();
    report_.transcript.push_back(TranscriptEntry{Phase::quit, "QUIT", std::nullopt, began - start_, {}, true});
    TranscriptEntry& entry = report_.transcript.back();
    try {
      connection_.send("QUIT\r\n", grace);
      if (reply_outstanding_) reader_.read_reply(grace);
      entry.reply = reader_.read_reply(grace);
    } catch (const TransportError&) {
    } catch (const ProtocolError&) {
    }
    entry.elapsed = Clock::now() - began;
  }

  // After a failure: say goodbye so the server logs a clean end, within the deadline.
  void polite_quit() {
    if (deadline_.expired()) return;
    try {
      take_turn(Phase::quit, "QUIT", "QUIT", "the reply to QUIT", true);
    } catch (const StepFailure&) {
    }
  }

  Connection& connection_;
  ReplyReader reader_;
  const DialogOptions& options_;
  const Deadline& deadline_;
  Clock::time_point start_;
  DialogRecord& report_;
  Phase phase_ = Phase::banner;
  std::string command_;
  std::string hello_name_;
  bool reply_outstanding_ = false;  // a signal came while a reply was due
  const TlsChannel* tls_ = nullptr;  // owned by connection_ once the handshake passed
};

}  // namespace

void run_dialog(Connection& connection, const DialogOptions& options, const Deadline& deadline,
                Clock::time_point check_start, DialogRecord& report) {
  Dialog(connection, options, deadline, check_start, report).run();
}

}  // namespace smtp_ping
