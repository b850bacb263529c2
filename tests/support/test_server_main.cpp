// smtp-ping-test-server: the scripted SMTP server on the command line, for
// demos (README quick start) and manual tests. Loopback and unix sockets only.
#include <signal.h>

#include <boost/program_options.hpp>

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "scripted_smtp_server.hpp"

namespace po = boost::program_options;
using namespace smtp_ping::test;

namespace {

struct Settings {
  ServerScript script;
  ListenAddress listen = ListenAddress::loopback(2525);
};

Millis seconds_to_millis(const std::string& text) {
  std::size_t used = 0;
  const double seconds = std::stod(text, &used);
  if (used != text.size() || seconds < 0) throw std::invalid_argument("not a number of seconds: " + text);
  return Millis(static_cast<long long>(seconds * 1000.0 + 0.5));
}

std::pair<std::string, std::string> split_assignment(const std::string& text, const std::string& option) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0) throw std::invalid_argument(option + " wants VERB=VALUE, got " + text);
  std::string verb = text.substr(0, equals);
  for (auto& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return {verb, text.substr(equals + 1)};
}

// "\n" written as two characters separates the lines of a multi-line reply.
std::string unescape_newlines(std::string text) {
  for (auto at = text.find("\\n"); at != std::string::npos; at = text.find("\\n", at + 1)) text.replace(at, 2, "\n");
  return text;
}

Fault parse_fault(const std::string& kind) {
  if (kind == "stall") return Fault::stall();
  if (kind == "close") return Fault::close();
  if (kind == "reset") return Fault::reset();
  if (kind == "garbage") return Fault::garbage();
  if (kind == "huge") return Fault::huge();
  throw std::invalid_argument("unknown fault " + kind + " (stall, close, reset, garbage, huge)");
}

ListenAddress parse_listen(const std::string& text) {
  if (!text.empty() && text.front() == '/') return ListenAddress::unix_socket(text);
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) throw std::invalid_argument("--listen wants ADDRESS:PORT or /path, got " + text);
  std::string address = text.substr(0, colon);
  if (address.size() > 2 && address.front() == '[') address = address.substr(1, address.size() - 2);
  const int port = std::stoi(text.substr(colon + 1));
  if (port < 0 || port > 65535) throw std::invalid_argument("port out of range: " + text);
  if (address != "::1" && address.rfind("127.", 0) != 0)
    throw std::invalid_argument("the test server listens on loopback only: " + address);
  return ListenAddress::tcp(address, static_cast<std::uint16_t>(port));
}

// LINES lines of exactly BYTES bytes each ("220-host x...x", ..., "220 x...x").
std::vector<std::string> filled_reply(const std::string& code, const std::string& hostname, const std::string& size) {
  const auto times = size.find('x');
  if (times == std::string::npos) throw std::invalid_argument("--fill-reply wants VERB=LINESxBYTES, got " + size);
  const int lines = std::stoi(size.substr(0, times));
  const auto bytes = static_cast<std::size_t>(std::stoul(size.substr(times + 1)));
  if (lines < 1 || lines > 100'000 || bytes < 8 || bytes > (1u << 20))
    throw std::invalid_argument("--fill-reply: 1-100000 lines of 8 bytes to 1 MiB");
  std::vector<std::string> reply;
  for (int i = 0; i < lines; ++i) {
    std::string line = code + (i + 1 == lines ? " " : "-") + (i == 0 ? hostname + " " : "X" + std::to_string(i) + "-");
    line.resize(bytes, 'x');
    reply.push_back(std::move(line));
  }
  return reply;
}

Step& step_of(ServerScript& script, const std::string& verb) {
  return verb == "GREETING" ? script.greeting : script.commands[verb];
}

std::vector<int> parse_indexes(const std::string& text) {
  std::vector<int> indexes;
  std::stringstream list(text);
  for (std::string item; std::getline(list, item, ',');) indexes.push_back(std::stoi(item));
  return indexes;
}

po::options_description describe_options() {
  po::options_description options("smtp-ping-test-server options");
  options.add_options()
      ("help,h", "this text")
      ("listen", po::value<std::string>()->default_value("127.0.0.1:2525"), "ADDRESS:PORT (port 0: any free) or /unix/socket/path")
      ("hostname", po::value<std::string>()->default_value("demo.smtp-ping.test"), "the name the server calls itself")
      ("greeting", po::value<std::string>(), "greeting reply, lines separated by \\n (default: 220 HOSTNAME ESMTP smtp-ping test server)")
      ("greeting-delay", po::value<std::string>(), "seconds before the greeting")
      ("greeting-trickle", po::value<std::string>(), "seconds between the greeting's bytes")
      ("reply", po::value<std::vector<std::string>>()->composing(), "VERB=\"CODE TEXT\" (repeatable; VERB may be * or .)")
      ("delay", po::value<std::vector<std::string>>()->composing(), "VERB=SECONDS before the reply (repeatable)")
      ("fault", po::value<std::vector<std::string>>()->composing(), "VERB=stall|close|reset|garbage|huge (VERB may be greeting)")
      ("fill-reply", po::value<std::vector<std::string>>()->composing(),
       "VERB=LINESxBYTES: a reply of LINES lines of exactly BYTES bytes, code included, printable ASCII "
       "(VERB may be greeting); greeting=16x16384 and EHLO=16x16384 are the largest replies smtp-ping accepts")
      ("refuse", po::value<std::string>(), "connection numbers to close at once, e.g. 2,4")
      ("throttle-after", po::value<int>(), "connections after this many get a 421 greeting (Postfix anvil's words)")
      ("delay-per-open-connection", po::value<double>(), "seconds the greeting waits for every other open connection")
      ("random-451", po::value<int>(), "PERCENT of connections whose RCPT gets 451 (a fixed pick per connection)")
      ("proxy", "expect a HAProxy PROXY v1 line first")
      ("tls-cert", po::value<std::string>(), "PEM certificate: offer STARTTLS")
      ("tls-key", po::value<std::string>(), "PEM private key")
      ("implicit-tls", "TLS right after connect (SMTPS) instead of STARTTLS")
      ("auth-user", po::value<std::string>(), "offer AUTH for this user")
      ("auth-secret", po::value<std::string>(), "password or bearer token of --auth-user")
      ("max-connections", po::value<int>()->default_value(0), "stop after this many connections (0: no limit)")
      ("lifetime", po::value<std::string>()->default_value("600"), "stop after this many seconds");
  return options;
}

void apply_steps(const po::variables_map& vm, ServerScript& script) {
  if (vm.count("greeting")) script.greeting.lines = reply(unescape_newlines(vm["greeting"].as<std::string>())).lines;
  if (vm.count("greeting-delay")) script.greeting.delay = seconds_to_millis(vm["greeting-delay"].as<std::string>());
  if (vm.count("greeting-trickle")) script.greeting.trickle = seconds_to_millis(vm["greeting-trickle"].as<std::string>());
  auto each = [&](const char* option, auto apply) {
    if (!vm.count(option)) return;
    for (const auto& item : vm[option].as<std::vector<std::string>>()) {
      const auto [verb, value] = split_assignment(item, std::string("--") + option);
      apply(step_of(script, verb), value);
    }
  };
  each("reply", [](Step& step, const std::string& text) { step.lines = reply(unescape_newlines(text)).lines; });
  each("delay", [](Step& step, const std::string& text) { step.delay = seconds_to_millis(text); });
  each("fault", [](Step& step, const std::string& kind) { step.fault = parse_fault(kind); });
  if (vm.count("fill-reply"))
    for (const auto& item : vm["fill-reply"].as<std::vector<std::string>>()) {
      const auto [verb, size] = split_assignment(item, "--fill-reply");
      step_of(script, verb).lines = filled_reply(verb == "GREETING" ? "220" : "250", script.hostname, size);
    }
}

void apply_security(const po::variables_map& vm, ServerScript& script) {
  if (vm.count("tls-cert") != vm.count("tls-key")) throw std::invalid_argument("--tls-cert and --tls-key go together");
  if (vm.count("tls-cert"))
    script.tls = TlsSettings{vm["tls-cert"].as<std::string>(), vm["tls-key"].as<std::string>(),
                             vm.count("implicit-tls") > 0, TlsFault::none};
  if (vm.count("auth-user")) {
    AuthSettings auth;
    auth.user = vm["auth-user"].as<std::string>();
    auth.secret = vm.count("auth-secret") ? vm["auth-secret"].as<std::string>() : "";
    script.auth = auth;
  }
}

Settings parse_settings(const po::variables_map& vm) {
  Settings settings;
  auto& script = settings.script;
  script.hostname = vm["hostname"].as<std::string>();
  settings.listen = parse_listen(vm["listen"].as<std::string>());
  apply_steps(vm, script);
  apply_security(vm, script);
  if (vm.count("throttle-after")) script.throttle_after = vm["throttle-after"].as<int>();
  if (vm.count("delay-per-open-connection"))
    script.delay_per_open_connection = Millis(static_cast<long>(vm["delay-per-open-connection"].as<double>() * 1000));
  if (vm.count("random-451")) script.random_451_percent = vm["random-451"].as<int>();
  if (vm.count("refuse"))
    for (const int index : parse_indexes(vm["refuse"].as<std::string>())) script.connection(index, ConnectionFault::close);
  script.expect_proxy = vm.count("proxy") > 0;
  script.max_connections = vm["max-connections"].as<int>();
  script.lifetime = seconds_to_millis(vm["lifetime"].as<std::string>());
  return settings;
}

void print_summary(const ScriptedSmtpServer& server) {
  for (const auto& record : server.connections()) {
    std::cout << "connection " << record.index << " from " << record.peer_address << ":" << record.peer_port
              << (record.pregreet ? " (pregreet)" : "") << (record.quit ? " QUIT" : "") << "\n";
    if (record.proxy_line) std::cout << "  " << *record.proxy_line << "\n";
    for (const auto& line : record.lines) std::cout << "  C: " << line << "\n";
  }
}

// Runs until the server is done or SIGINT/SIGTERM arrives.
void serve(const Settings& settings) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the server's threads inherit the mask

  ScriptedSmtpServer server(settings.script, settings.listen);
  std::cout << "listening on " << server.address() << std::endl;
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
    std::cerr << "smtp-ping-test-server: " << error.what() << "\n";
    return 2;
  }
}
