// Ways to reach the server: unix sockets, PROXY header, IPv6, source address.
#include <system_error>

#include "integration_support.hpp"

namespace smtp_ping::test {
namespace {

TEST(Transport, UnixSocket) {
  TempDir dir;
  const auto path = dir.file("smtp.sock");
  ScriptedSmtpServer server(ServerScript{}, ListenAddress::unix_socket(path));
  const auto run = run_check({"-H", path, "-F", "me", "-t", "5"}, Millis(10'000));

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_TRUE(server.first_connection().quit);
}

TEST(Transport, ProxyHeaderCarriesTheRealAddresses) {
  ServerScript script;
  script.expect_proxy = true;
  ScriptedSmtpServer server(script);
  const auto run = check(server, {"-r"});

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  const auto record = server.first_connection();
  ASSERT_TRUE(record.proxy_line.has_value());
  EXPECT_EQ(*record.proxy_line, "PROXY TCP4 127.0.0.1 127.0.0.1 " + std::to_string(record.peer_port) + " " +
                                    std::to_string(server.port()));
  EXPECT_FALSE(record.pregreet);
}

TEST(Transport, Ipv6Loopback) {
  std::unique_ptr<ScriptedSmtpServer> server;
  try {
    server = std::make_unique<ScriptedSmtpServer>(ServerScript{}, ListenAddress::tcp("::1"));
  } catch (const std::system_error& error) {
    GTEST_SKIP() << "no ::1 here: " << error.what();
  }
  const auto run = run_check({"-6", "-H", "::1", "-p", std::to_string(server->port()), "-F", "me", "-t", "5"},
                             Millis(10'000));

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_EQ(server->first_connection().peer_address, "::1");
}

TEST(Transport, BindChoosesTheSourceAddress) {
  ScriptedSmtpServer server;
  const auto run = check(server, {"--bind", "127.0.0.2"});

  EXPECT_EQ(run.exit_code, exit_ok) << run.describe();
  EXPECT_EQ(server.first_connection().peer_address, "127.0.0.2");
}

TEST(Transport, RefusedConnectionsByIndex) {
  ServerScript script;
  script.connection(1, ConnectionFault::close);
  ScriptedSmtpServer server(script);
  const auto first = check(server);
  const auto second = check(server);

  EXPECT_EQ(first.exit_code, exit_critical) << first.describe();
  EXPECT_EQ(second.exit_code, exit_ok) << second.describe();
  EXPECT_EQ(server.accepted(), 2);
}

}  // namespace
}  // namespace smtp_ping::test
