// smtp-ping-test-mailbox-server: the scripted IMAP/POP3 server on the command
// line, for manual runs (curl, the plugin). Loopback only.
#include <signal.h>

#include <boost/program_options.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "listen_socket.hpp"
#include "mailbox_server.hpp"

namespace po = boost::program_options;
using namespace smtp_ping::test;

namespace {

struct Settings {
  MailboxScript script;
  MailboxListen listen;
  std::vector<std::string> messages;    // FOLDER=FILE
  std::vector<std::string> deliveries;  // FOLDER=FILE@SECONDS
};

Millis seconds_to_millis(const std::string& text) {
  std::size_t used = 0;
  const double seconds = std::stod(text, &used);
  if (used != text.size() || seconds < 0) throw std::invalid_argument("not a number of seconds: " + text);
  return Millis(static_cast<long long>(seconds * 1000.0 + 0.5));
}

std::pair<std::string, std::string> split_assignment(const std::string& text, const std::string& option) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0)
    throw std::invalid_argument(option + " wants NAME=VALUE, got " + text);
  return {text.substr(0, equals), text.substr(equals + 1)};
}

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::invalid_argument("cannot read " + path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

std::string unescape_newlines(std::string text) {
  for (auto at = text.find("\\n"); at != std::string::npos; at = text.find("\\n", at + 1)) text.replace(at, 2, "\n");
  return text;
}

template <class T>
std::vector<T> many(const po::variables_map& vm, const char* option) {
  return vm.count(option) ? vm[option].as<std::vector<T>>() : std::vector<T>{};
}

po::options_description describe_options() {
  po::options_description options("smtp-ping-test-mailbox-server options");
  options.add_options()("help,h", "this text")("address", po::value<std::string>()->default_value("127.0.0.1"),
                                               "loopback address to listen on")(
      "imap-port", po::value<std::uint16_t>()->default_value(10143), "IMAP (+STARTTLS) port, 0: any free")(
      "pop3-port", po::value<std::uint16_t>()->default_value(10110), "POP3 (+STLS) port, 0: any free")(
      "imaps-port", po::value<std::uint16_t>()->default_value(10993), "IMAPS port (with --tls-cert)")(
      "pop3s-port", po::value<std::uint16_t>()->default_value(10995), "POP3S port (with --tls-cert)")(
      "hostname", po::value<std::string>()->default_value("mailbox.smtp-ping.test"),
      "the name the server calls itself")("user", po::value<std::string>()->default_value("probe@smtp-ping.test"),
                                          "the account's user name")(
      "password", po::value<std::string>()->default_value("mailbox-secret"), "the account's password")(
      "folder", po::value<std::vector<std::string>>()->composing(), "a folder (repeatable; default INBOX and Junk)")(
      "message", po::value<std::vector<std::string>>()->composing(),
      "FOLDER=FILE: a message there at start (repeatable)")(
      "deliver", po::value<std::vector<std::string>>()->composing(), "FOLDER=FILE@SECONDS: a message appearing later")(
      "tls-cert", po::value<std::string>(), "PEM certificate: STARTTLS/STLS and the IMAPS/POP3S listeners")(
      "tls-key", po::value<std::string>(), "PEM private key")(
      "sasl", po::value<std::vector<std::string>>()->composing(),
      "an advertised SASL mechanism (repeatable; default PLAIN)")("no-sasl-ir", "do not offer IMAP SASL-IR")(
      "login-disabled-without-tls", "LOGINDISABLED / no USER before TLS (Dovecot, for non-local clients)")(
      "refuse-login", "fault: every login fails")("no-starttls", "fault: STARTTLS/STLS not offered")(
      "no-uidplus", "fault: no UIDPLUS (UID EXPUNGE is BAD)")(
      "never-delivers", "fault: --deliver messages never appear")("huge-literal", po::value<std::size_t>(),
                                                                  "fault: message bodies are BYTES long")(
      "endless-search", po::value<std::size_t>(), "fault: SEARCH (POP3 LIST/UIDL) answers BYTES long")(
      "wrong-uids", po::value<std::uint32_t>(), "fault: UIDs in answers shifted by N")(
      "drop-mid-fetch", po::value<std::size_t>(), "fault: close after BYTES of message data")(
      "delay", po::value<std::vector<std::string>>()->composing(),
      "COMMAND=SECONDS before the answer (GREETING, \"UID SEARCH\", RETR, *)")(
      "reply", po::value<std::vector<std::string>>()->composing(), "COMMAND=TEXT raw answer ($TAG, \\n between lines)")(
      "lifetime", po::value<std::string>()->default_value("600"), "stop after this many seconds");
  return options;
}

void apply_faults(const po::variables_map& vm, MailboxFaults& faults) {
  faults.refuse_login = vm.count("refuse-login") > 0;
  faults.no_starttls = vm.count("no-starttls") > 0;
  faults.no_uidplus = vm.count("no-uidplus") > 0;
  faults.never_delivers = vm.count("never-delivers") > 0;
  if (vm.count("huge-literal")) faults.huge_literal = vm["huge-literal"].as<std::size_t>();
  if (vm.count("endless-search")) faults.endless_search = vm["endless-search"].as<std::size_t>();
  if (vm.count("wrong-uids")) faults.wrong_uids = vm["wrong-uids"].as<std::uint32_t>();
  if (vm.count("drop-mid-fetch")) faults.drop_mid_fetch = vm["drop-mid-fetch"].as<std::size_t>();
}

Settings parse_settings(const po::variables_map& vm) {
  Settings settings;
  auto& script = settings.script;
  settings.listen = {vm["address"].as<std::string>(), vm["imap-port"].as<std::uint16_t>(),
                     vm["pop3-port"].as<std::uint16_t>(), vm["imaps-port"].as<std::uint16_t>(),
                     vm["pop3s-port"].as<std::uint16_t>()};
  if (!is_loopback(settings.listen.address))
    throw std::invalid_argument("the mailbox server listens on loopback only: " + settings.listen.address);
  script.hostname = vm["hostname"].as<std::string>();
  script.user = vm["user"].as<std::string>();
  script.password = vm["password"].as<std::string>();
  if (vm.count("folder")) script.folders = many<std::string>(vm, "folder");
  if (vm.count("sasl")) script.sasl_mechanisms = many<std::string>(vm, "sasl");
  script.sasl_ir = vm.count("no-sasl-ir") == 0;
  script.login_disabled_without_tls = vm.count("login-disabled-without-tls") > 0;
  if (vm.count("tls-cert") != vm.count("tls-key")) throw std::invalid_argument("--tls-cert and --tls-key go together");
  if (vm.count("tls-cert")) script.tls = TlsSettings{vm["tls-cert"].as<std::string>(), vm["tls-key"].as<std::string>()};
  apply_faults(vm, script.faults);
  for (const auto& item : many<std::string>(vm, "delay")) {
    const auto [command, seconds] = split_assignment(item, "--delay");
    script.delay(command, seconds_to_millis(seconds));
  }
  for (const auto& item : many<std::string>(vm, "reply")) {
    const auto [command, text] = split_assignment(item, "--reply");
    script.reply(command, unescape_newlines(text));
  }
  script.lifetime = seconds_to_millis(vm["lifetime"].as<std::string>());
  settings.messages = many<std::string>(vm, "message");
  settings.deliveries = many<std::string>(vm, "deliver");
  return settings;
}

void fill(Mailbox& mailbox, const Settings& settings) {
  for (const auto& item : settings.messages) {
    const auto [folder, file] = split_assignment(item, "--message");
    mailbox.add(folder, {read_file(file), {}, {}});
  }
  for (const auto& item : settings.deliveries) {
    const auto [folder, spec] = split_assignment(item, "--deliver");
    const auto at = spec.rfind('@');
    if (at == std::string::npos) throw std::invalid_argument("--deliver wants FOLDER=FILE@SECONDS, got " + item);
    mailbox.deliver_after(folder, {read_file(spec.substr(0, at)), {}, {}}, seconds_to_millis(spec.substr(at + 1)));
  }
}

void print_listeners(const MailboxServer& server) {
  for (const char* scheme : {"imap", "pop3", "imaps", "pop3s"}) {
    try {
      std::cout << scheme << " " << server.url(scheme) << "\n";
    } catch (const std::invalid_argument&) {
    }
  }
  std::cout << std::flush;
}

void print_summary(const MailboxServer& server) {
  for (const auto& record : server.connections()) {
    std::cout << "connection " << record.index << (record.protocol == MailProtocol::imap ? " IMAP" : " POP3")
              << " from " << record.peer_address << ":" << record.peer_port << (record.tls ? " TLS" : "")
              << (record.authenticated ? " authenticated" : "") << (record.logout ? " logout" : "") << "\n";
    for (const auto& line : record.lines) std::cout << "  C: " << line << "\n";
  }
}

void serve(const Settings& settings) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the server's threads inherit the mask

  MailboxServer server(settings.script, settings.listen);
  fill(server.mailbox(), settings);
  print_listeners(server);
  const timespec tick{0, 100'000'000};
  while (!server.done() && sigtimedwait(&signals, nullptr, &tick) < 0) {
  }
  server.stop();
  print_summary(server);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const auto options = describe_options();
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, options), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << options << "\n";
      return 0;
    }
    serve(parse_settings(vm));
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "smtp-ping-test-mailbox-server: " << error.what() << "\n";
    return 2;
  }
}
