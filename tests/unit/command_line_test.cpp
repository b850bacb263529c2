#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "option_test_support.hpp"
#include "options/check_config.hpp"

namespace smtp_ping {
namespace {

using namespace option_test;

// SMTP_PING_PASSWORD from the environment would change what -A needs; every
// test starts without it and restores it afterwards.
class CommandLine : public ::testing::Test {
 protected:
  std::string temp_file(const std::string& content) { return files_.create(content); }

 private:
  ClearedEnvironment environment_{"SMTP_PING_PASSWORD"};
  TempFiles files_;
};

// --- defaults and the host ---

TEST_F(CommandLine, DefaultsWithOnlyAHost) {
  const auto config = parse({"-H", "mail.example.org"});
  EXPECT_EQ(config.probe.host, "mail.example.org");
  EXPECT_FALSE(config.probe.port);
  EXPECT_EQ(config.probe.effective_port(), 25);
  EXPECT_EQ(config.probe.family, AddressFamily::any);
  EXPECT_FALSE(config.probe.bind_address);
  EXPECT_EQ(config.probe.timeout, std::chrono::seconds(10));
  EXPECT_FALSE(config.probe.proxy_header);
  EXPECT_FALSE(config.probe.expect);
  EXPECT_EQ(config.probe.hello_verb, HelloVerb::ehlo);
  EXPECT_TRUE(config.probe.hello_name.empty());
  EXPECT_FALSE(config.probe.mail_from);
  EXPECT_TRUE(config.probe.rcpt_to.empty());
  EXPECT_TRUE(config.probe.commands.empty());
  EXPECT_FALSE(config.probe.ignore_quit_failure);
  EXPECT_EQ(config.probe.tls.mode, TlsMode::none);
  EXPECT_TRUE(config.probe.tls.verify);
  EXPECT_TRUE(config.probe.auth.mechanism.empty());
  EXPECT_EQ(config.policy.timeout_state, State::critical);
  EXPECT_FALSE(config.policy.thresholds.total.warning);
  EXPECT_FALSE(config.policy.thresholds.total.critical);
  EXPECT_TRUE(config.policy.thresholds.phases.empty());
  EXPECT_EQ(config.verbosity, 0);
  EXPECT_EQ(config.output, OutputFormat::plugin);
}

TEST_F(CommandLine, LongHostname) { EXPECT_EQ(parse({"--hostname", "mx1"}).probe.host, "mx1"); }
TEST_F(CommandLine, LongHostnameWithEquals) { EXPECT_EQ(parse({"--hostname=mx1"}).probe.host, "mx1"); }
TEST_F(CommandLine, StickyShortHostname) { EXPECT_EQ(parse({"-Hmx1"}).probe.host, "mx1"); }

TEST_F(CommandLine, PositionalHost) {
  const auto config = parse({"mail.example.org", "-p", "587"});
  EXPECT_EQ(config.probe.host, "mail.example.org");
  EXPECT_EQ(config.probe.effective_port(), 587);
}

TEST_F(CommandLine, PositionalHostAfterOptions) { EXPECT_EQ(parse({"-p", "587", "mx2"}).probe.host, "mx2"); }

// check_smtp: the first word is the host when -H is missing; other words are ignored.
TEST_F(CommandLine, SecondPositionalWordIsIgnoredWithANote) {
  const auto config = parse({"mx1", "mx2"});
  EXPECT_EQ(config.probe.host, "mx1");
  ASSERT_EQ(config.notes.size(), 1u);
  EXPECT_TRUE(mentions(config.notes.front(), "'mx2'")) << config.notes.front();
}

TEST_F(CommandLine, UnixSocketHost) {
  const auto config = parse({"-H", "/run/lmtp.sock", "-L"});
  EXPECT_TRUE(config.probe.unix_socket());
  EXPECT_EQ(config.probe.hello_verb, HelloVerb::lhlo);
}

TEST_F(CommandLine, OtherOptionsWithoutHostCheckLocalhost) {
  // check_smtp checks 127.0.0.1 when no host is given.
  EXPECT_EQ(parse({"-p", "25"}).probe.host, "127.0.0.1");
}

TEST_F(CommandLine, NoArgumentsAtAllIsAnError) { EXPECT_FALSE(usage_error({}).empty()); }

TEST_F(CommandLine, EmptyHostIsAnError) { EXPECT_TRUE(mentions(usage_error({"-H", ""}), "-H/--hostname")); }

TEST_F(CommandLine, UnknownOptionIsAnErrorNamingIt) {
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--frobnicate"}), "frobnicate"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-Z"}), "Z"));
}

TEST_F(CommandLine, MissingValueIsAnError) {
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-p"}), "port"));
  EXPECT_FALSE(usage_error({"-H"}).empty());
}

// --- port ---

TEST_F(CommandLine, Port) {
  EXPECT_EQ(parse({"-H", "mx", "-p", "2525"}).probe.port, 2525);
  EXPECT_EQ(parse({"-H", "mx", "--port", "1"}).probe.port, 1);
  EXPECT_EQ(parse({"-H", "mx", "--port=65535"}).probe.port, 65535);
  EXPECT_EQ(parse({"-H", "mx", "-p587"}).probe.port, 587);
}

TEST_F(CommandLine, BadPortsAreErrorsNamingTheOption) {
  for (const char* bad : {"0", "99999", "65536", "abc", "", " ", "-1", "25x", "2 5", "1e3", "100000"}) {
    const auto message = usage_error({"-H", "mx", "-p", bad});
    EXPECT_TRUE(mentions(message, "-p/--port")) << bad << ": " << message;
    EXPECT_TRUE(mentions(message, "'" + std::string(bad) + "'")) << bad << ": " << message;
  }
}

TEST_F(CommandLine, ImplicitTlsDefaultsTo465) {
  EXPECT_EQ(parse({"-H", "mx", "-s"}).probe.effective_port(), 465);
  EXPECT_EQ(parse({"-H", "mx", "-s", "-p", "2465"}).probe.effective_port(), 2465);
  EXPECT_EQ(parse({"-H", "mx", "-S"}).probe.effective_port(), 25);
}

// --- address family, bind, proxy ---

TEST_F(CommandLine, AddressFamily) {
  EXPECT_EQ(parse({"-H", "mx", "-4"}).probe.family, AddressFamily::ipv4);
  EXPECT_EQ(parse({"-H", "mx", "--use-ipv4"}).probe.family, AddressFamily::ipv4);
  EXPECT_EQ(parse({"-H", "mx", "-6"}).probe.family, AddressFamily::ipv6);
  EXPECT_EQ(parse({"-H", "mx", "--use-ipv6"}).probe.family, AddressFamily::ipv6);
  EXPECT_FALSE(usage_error({"-H", "mx", "-4", "-6"}).empty());
}

TEST_F(CommandLine, Bind) {
  EXPECT_EQ(parse({"-H", "mx", "--bind", "127.0.0.1"}).probe.bind_address, std::string("127.0.0.1"));
  EXPECT_EQ(parse({"-H", "mx", "--bind=::1"}).probe.bind_address, std::string("::1"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--bind", "localhost"}), "--bind"));
}

TEST_F(CommandLine, Proxy) {
  EXPECT_TRUE(parse({"-H", "mx", "-r"}).probe.proxy_header);
  EXPECT_TRUE(parse({"-H", "mx", "--proxy"}).probe.proxy_header);
}

// --- dialog ---

TEST_F(CommandLine, Expect) {
  EXPECT_EQ(parse({"-H", "mx", "-e", "ESMTP Postfix"}).probe.expect, std::string("ESMTP Postfix"));
  EXPECT_EQ(parse({"-H", "mx", "--expect=220"}).probe.expect, std::string("220"));
}

TEST_F(CommandLine, FromAndRcpt) {
  const auto config = parse({"-H", "mx", "-f", "probe@example.org", "--rcpt", "a@example.org", "--rcpt=b@example.org"});
  EXPECT_EQ(config.probe.mail_from, std::string("probe@example.org"));
  EXPECT_EQ(config.probe.rcpt_to, (Strings{"a@example.org", "b@example.org"}));
  EXPECT_EQ(parse({"-H", "mx", "--from", "x@y"}).probe.mail_from, std::string("x@y"));
}

TEST_F(CommandLine, AddressesMustBeBare) {
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-f", "<x@y"}), "--from"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-f", "<<x@y>>"}), "--from"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--rcpt", "a@b>"}), "--rcpt"));
  EXPECT_FALSE(usage_error({"-H", "mx", "-f", "x@y\r\nRSET"}).empty());
}

TEST_F(CommandLine, Fqdn) {
  EXPECT_EQ(parse({"-H", "mx", "-F", "probe.example.org"}).probe.hello_name, "probe.example.org");
  EXPECT_EQ(parse({"-H", "mx", "--fqdn=probe.example.org"}).probe.hello_name, "probe.example.org");
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-F", ""}), "-F/--fqdn"));
}

TEST_F(CommandLine, Lmtp) {
  EXPECT_EQ(parse({"-H", "mx", "-L"}).probe.hello_verb, HelloVerb::lhlo);
  EXPECT_EQ(parse({"-H", "mx", "--lmtp"}).probe.hello_verb, HelloVerb::lhlo);
}

TEST_F(CommandLine, IgnoreQuitFailure) {
  EXPECT_TRUE(parse({"-H", "mx", "-q"}).probe.ignore_quit_failure);
  EXPECT_TRUE(parse({"-H", "mx", "--ignore-quit-failure"}).probe.ignore_quit_failure);
}

TEST_F(CommandLine, CommandsAndResponsesPairByPosition) {
  const auto config = parse({"-H", "mx", "-C", "VRFY postmaster", "-R", "^25[02]", "-C", "NOOP", "-R", "^250",
                             "--command", "HELP"});
  ASSERT_EQ(config.probe.commands.size(), 3u);
  EXPECT_EQ(config.probe.commands[0].command, "VRFY postmaster");
  EXPECT_EQ(config.probe.commands[0].expect_regex, std::string("^25[02]"));
  EXPECT_EQ(config.probe.commands[1].command, "NOOP");
  EXPECT_EQ(config.probe.commands[1].expect_regex, std::string("^250"));
  EXPECT_EQ(config.probe.commands[2].command, "HELP");
  EXPECT_FALSE(config.probe.commands[2].expect_regex);
}

TEST_F(CommandLine, ResponsesPairInOrderEvenWhenGivenLater) {
  // check_smtp pairs the n-th -R with the n-th -C, wherever they stand.
  const auto config = parse({"-H", "mx", "-C", "NOOP", "-C", "RSET", "--response", "^250"});
  ASSERT_EQ(config.probe.commands.size(), 2u);
  EXPECT_EQ(config.probe.commands[0].expect_regex, std::string("^250"));
  EXPECT_FALSE(config.probe.commands[1].expect_regex);
}

TEST_F(CommandLine, CommandMustBeOneLine) {
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-C", "NOOP\r\nQUIT"}), "--command"));
}

// --- thresholds ---

TEST_F(CommandLine, TotalThresholds) {
  const auto config = parse({"-H", "mx", "-w", "1", "-c", "2.5"});
  ASSERT_TRUE(config.policy.thresholds.total.warning);
  ASSERT_TRUE(config.policy.thresholds.total.critical);
  EXPECT_EQ(config.policy.thresholds.total.warning->text, "1");
  EXPECT_DOUBLE_EQ(config.policy.thresholds.total.warning->end, 1);
  EXPECT_DOUBLE_EQ(config.policy.thresholds.total.critical->end, 2.5);
}

TEST_F(CommandLine, LongThresholdNames) {
  const auto config = parse({"-H", "mx", "--warning=3", "--critical", "4"});
  EXPECT_DOUBLE_EQ(config.policy.thresholds.total.warning->end, 3);
  EXPECT_DOUBLE_EQ(config.policy.thresholds.total.critical->end, 4);
}

TEST_F(CommandLine, PhaseThresholds) {
  const auto config = parse({"-H", "mx", "-w", "banner=0.5", "-c", "banner=1", "-w", "ehlo_tls=0.2", "-c", "total=9"});
  const auto& phases = config.policy.thresholds.phases;
  ASSERT_EQ(phases.count(Phase::banner), 1u);
  EXPECT_DOUBLE_EQ(phases.at(Phase::banner).warning->end, 0.5);
  EXPECT_DOUBLE_EQ(phases.at(Phase::banner).critical->end, 1);
  ASSERT_EQ(phases.count(Phase::ehlo_tls), 1u);
  EXPECT_DOUBLE_EQ(phases.at(Phase::ehlo_tls).warning->end, 0.2);
  EXPECT_FALSE(phases.at(Phase::ehlo_tls).critical);
  EXPECT_FALSE(config.policy.thresholds.total.warning);
  ASSERT_TRUE(config.policy.thresholds.total.critical);
  EXPECT_DOUBLE_EQ(config.policy.thresholds.total.critical->end, 9);
}

TEST_F(CommandLine, PhaseThresholdWithFullRange) {
  const auto config = parse({"-H", "mx", "-w", "rcpt=@0.1:0.2"});
  const auto& range = *config.policy.thresholds.phases.at(Phase::rcpt).warning;
  EXPECT_TRUE(range.inside);
  EXPECT_DOUBLE_EQ(range.start, 0.1);
  EXPECT_DOUBLE_EQ(range.end, 0.2);
}

TEST_F(CommandLine, RepeatedTotalThresholdKeepsTheLast) {
  EXPECT_DOUBLE_EQ(parse({"-H", "mx", "-w", "1", "-w", "5"}).policy.thresholds.total.warning->end, 5);
}

TEST_F(CommandLine, BadThresholdIsAnErrorNamingTheOption) {
  const auto warning = usage_error({"-H", "mx", "-w", "bad"});
  EXPECT_TRUE(mentions(warning, "-w/--warning")) << warning;
  EXPECT_TRUE(mentions(warning, "'bad'")) << warning;
  const auto critical = usage_error({"-H", "mx", "-c", "5:1"});
  EXPECT_TRUE(mentions(critical, "-c/--critical")) << critical;
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-w", ""}), "-w/--warning"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-w", "banner="}), "-w/--warning"));
}

TEST_F(CommandLine, UnknownPhaseIsAnErrorNamingIt) {
  const auto message = usage_error({"-H", "mx", "-w", "bogus=1"});
  EXPECT_TRUE(mentions(message, "-w/--warning")) << message;
  EXPECT_TRUE(mentions(message, "bogus")) << message;
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-c", "BANNER=1"}), "-c/--critical"));
}

TEST_F(CommandLine, LegacySpellings) {
  const auto config = parse({"-H", "mx", "-to", "5", "-wt", "1", "-ct", "2"});
  EXPECT_EQ(config.probe.timeout, std::chrono::seconds(5));
  EXPECT_DOUBLE_EQ(config.policy.thresholds.total.warning->end, 1);
  EXPECT_DOUBLE_EQ(config.policy.thresholds.total.critical->end, 2);
}

// --- timeout ---

TEST_F(CommandLine, Timeout) {
  EXPECT_EQ(parse({"-H", "mx", "-t", "30"}).probe.timeout, std::chrono::seconds(30));
  EXPECT_EQ(parse({"-H", "mx", "--timeout=1"}).probe.timeout, std::chrono::seconds(1));
}

TEST_F(CommandLine, FractionalTimeout) {
  EXPECT_EQ(parse({"-H", "mx", "-t", "2.5"}).probe.timeout, std::chrono::milliseconds(2500));
  EXPECT_EQ(parse({"-H", "mx", "-t", "0.25"}).probe.timeout, std::chrono::milliseconds(250));
}

// Regression (fixed): a positive timeout below 0.5 ms becomes a 0 ms deadline (every check
// times out at once): parse_timeout() rounds with std::llround(value * 1000)
// after checking "value <= 0" (lib/options/command_line.cpp). Expected: a
// UsageError naming -t/--timeout, or a deadline of at least 1 ms.
TEST_F(CommandLine, TinyTimeoutIsNotZero) {
  try {
    EXPECT_GT(parse({"-H", "mx", "-t", "0.0004"}).probe.timeout.count(), 0);
  } catch (const UsageError& error) {
    EXPECT_TRUE(mentions(error.what(), "-t/--timeout")) << error.what();
  }
}

TEST_F(CommandLine, TimeoutWithState) {
  const auto config = parse({"-H", "mx", "-t", "10:unknown"});
  EXPECT_EQ(config.probe.timeout, std::chrono::seconds(10));
  EXPECT_EQ(config.policy.timeout_state, State::unknown);
  EXPECT_EQ(parse({"-H", "mx", "-t", "3:WARNING"}).policy.timeout_state, State::warning);
  EXPECT_EQ(parse({"-H", "mx", "-t", "3:ok"}).policy.timeout_state, State::ok);
}

TEST_F(CommandLine, BadTimeoutsAreErrorsNamingTheOption) {
  for (const char* bad : {"-1", "abc", "", "10:bogus", "10:", "nan", "inf", "86401", "2.5s"}) {
    const auto message = usage_error({"-H", "mx", "-t", bad});
    EXPECT_TRUE(mentions(message, "-t/--timeout")) << bad << ": " << message;
  }
}

TEST_F(CommandLine, TimeoutState) {
  EXPECT_EQ(parse({"-H", "mx", "--timeout-state", "warning"}).policy.timeout_state, State::warning);
  EXPECT_EQ(parse({"-H", "mx", "--timeout-state=OK"}).policy.timeout_state, State::ok);
  EXPECT_EQ(parse({"-H", "mx", "--timeout-state", "unknown"}).policy.timeout_state, State::unknown);
  EXPECT_EQ(parse({"-H", "mx", "--timeout-state", "critical"}).policy.timeout_state, State::critical);
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--timeout-state", "purple"}), "--timeout-state"));
}

TEST_F(CommandLine, TimeoutStateOptionWinsOverTheTimeoutSuffix) {
  EXPECT_EQ(parse({"-H", "mx", "--timeout-state", "warning", "-t", "5:unknown"}).policy.timeout_state,
            State::warning);
}

// --- verbosity, repetition ---

TEST_F(CommandLine, VerbosityCounts) {
  EXPECT_EQ(parse({"-H", "mx", "-v"}).verbosity, 1);
  EXPECT_EQ(parse({"-H", "mx", "-v", "-v"}).verbosity, 2);
  EXPECT_EQ(parse({"-H", "mx", "-vvv"}).verbosity, 3);
  EXPECT_EQ(parse({"-H", "mx", "-vv", "--verbose"}).verbosity, 3);
}

TEST_F(CommandLine, LastValueWinsForSingleOptions) {
  const auto config = parse({"-H", "mx1", "-p", "25", "-H", "mx2", "-p", "2525", "-e", "a", "-e", "b", "-t", "3",
                             "-t", "4", "-F", "one", "-F", "two", "-f", "a@x", "-f", "b@x"});
  EXPECT_EQ(config.probe.host, "mx2");
  EXPECT_EQ(config.probe.port, 2525);
  EXPECT_EQ(config.probe.expect, std::string("b"));
  EXPECT_EQ(config.probe.timeout, std::chrono::seconds(4));
  EXPECT_EQ(config.probe.hello_name, "two");
  EXPECT_EQ(config.probe.mail_from, std::string("b@x"));
}

TEST_F(CommandLine, RepeatedFlagsAreFine) {
  const auto config = parse({"-H", "mx", "-S", "-S", "-q", "-q", "-r", "--proxy"});
  EXPECT_EQ(config.probe.tls.mode, TlsMode::starttls);
}

// --- TLS ---

TEST_F(CommandLine, TlsModes) {
  EXPECT_EQ(parse({"-H", "mx", "-S"}).probe.tls.mode, TlsMode::starttls);
  EXPECT_EQ(parse({"-H", "mx", "--starttls"}).probe.tls.mode, TlsMode::starttls);
  EXPECT_EQ(parse({"-H", "mx", "-s"}).probe.tls.mode, TlsMode::implicit);
  EXPECT_EQ(parse({"-H", "mx", "--ssl"}).probe.tls.mode, TlsMode::implicit);
  EXPECT_EQ(parse({"-H", "mx", "--tls"}).probe.tls.mode, TlsMode::implicit);
}

TEST_F(CommandLine, StarttlsAndSslExcludeEachOther) {
  const auto message = usage_error({"-H", "mx", "-S", "-s"});
  EXPECT_TRUE(mentions(message, "-S/--starttls")) << message;
  EXPECT_TRUE(mentions(message, "-s/--ssl")) << message;
  EXPECT_FALSE(usage_error({"-H", "mx", "--starttls", "--tls"}).empty());
}

TEST_F(CommandLine, TlsDetails) {
  const std::string cert = temp_file("client certificate PEM"), key = temp_file("client key PEM");
  const auto config = parse({"-H", "mx", "-S", "--sni", "name.example.org", "--no-verify", "--cafile", "/ca.pem",
                             "--capath", "/certs", "--verify-name", "mx.example.org", "--tls-min", "1.2",
                             "--client-cert", cert, "--client-key", key});
  const auto& tls = config.probe.tls;
  EXPECT_EQ(tls.sni, std::string("name.example.org"));
  EXPECT_FALSE(tls.verify);
  EXPECT_EQ(tls.ca_file, std::string("/ca.pem"));
  EXPECT_FALSE(tls.ca_pem) << "--no-verify: the CA file is not read";
  EXPECT_EQ(tls.ca_path, std::string("/certs"));
  EXPECT_EQ(tls.verify_name, std::string("mx.example.org"));
  EXPECT_EQ(tls.min_version, std::string("1.2"));
  EXPECT_EQ(tls.client_cert, cert);
  EXPECT_EQ(tls.client_key, key);
  EXPECT_EQ(tls.client_cert_pem, std::string("client certificate PEM")) << "read while parsing";
  EXPECT_EQ(tls.client_key_pem, std::string("client key PEM"));
}

TEST_F(CommandLine, CaFileIsReadWhenVerifying) {
  const std::string ca = temp_file("CA PEM");
  EXPECT_EQ(parse({"-H", "mx", "-S", "--cafile", ca}).probe.tls.ca_pem, std::string("CA PEM"));
  const auto message = usage_error({"-H", "mx", "-S", "--cafile", "/nonexistent/ca.pem"});
  EXPECT_TRUE(mentions(message, "--cafile")) << message;
}

TEST_F(CommandLine, SniWithoutValueKeepsTheDefault) {
  EXPECT_FALSE(parse({"-H", "mx", "-S", "--sni"}).probe.tls.sni);
}

TEST_F(CommandLine, NoSniSendsNone) { EXPECT_EQ(parse({"-H", "mx", "-S", "--no-sni"}).probe.tls.sni, std::string()); }

TEST_F(CommandLine, TlsMinVersions) {
  EXPECT_EQ(parse({"-H", "mx", "-s", "--tls-min", "TLSv1.3"}).probe.tls.min_version, std::string("1.3"));
  EXPECT_EQ(parse({"-H", "mx", "-s", "--tls-min=1.0"}).probe.tls.min_version, std::string("1.0"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-s", "--tls-min", "1.4"}), "--tls-min"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-s", "--tls-min", "SSLv3"}), "--tls-min"));
}

TEST_F(CommandLine, CertificateDays) {
  const auto one = parse({"-H", "mx", "-S", "-D", "30"});
  EXPECT_EQ(one.policy.thresholds.cert_days_warning, 30);
  // A lone WARN leaves CRIT unset (evaluation still calls an expired certificate CRITICAL).
  EXPECT_FALSE(one.policy.thresholds.cert_days_critical);
  const auto two = parse({"-H", "mx", "-s", "--certificate=30,7"});
  EXPECT_EQ(two.policy.thresholds.cert_days_warning, 30);
  EXPECT_EQ(two.policy.thresholds.cert_days_critical, 7);
  for (const char* bad : {"", "x", "30,", ",7", "30,7,1", "-1", "1000000"})
    EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-S", "-D", bad}), "-D/--certificate")) << bad;
}

TEST_F(CommandLine, IgnoreCertificateExpirationClearsDays) {
  const auto config = parse({"-H", "mx", "-S", "-D", "30,7", "--ignore-certificate-expiration"});
  EXPECT_FALSE(config.policy.thresholds.cert_days_warning);
  EXPECT_FALSE(config.policy.thresholds.cert_days_critical);
}

TEST_F(CommandLine, TlsOptionsNeedTls) {
  for (const Args& extra : {Args{"--cafile", "/ca.pem"}, Args{"--capath", "/certs"},
                            Args{"--verify-name", "mx"}, Args{"--tls-min", "1.2"}, Args{"--client-cert", "/c.pem"}}) {
    Args args{"-H", "mx"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto message = usage_error(args);
    EXPECT_TRUE(mentions(message, "-S/--starttls or -s/--ssl")) << extra.front() << ": " << message;
  }
}

TEST_F(CommandLine, ClientKeyNeedsClientCert) {
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-S", "--client-key", "/k.pem"}), "--client-cert"));
}

// --- AUTH ---

TEST_F(CommandLine, AuthWithPassword) {
  const auto config = parse({"-H", "mx", "-A", "PLAIN", "-U", "alice", "-P", "s3cret"});
  EXPECT_EQ(config.probe.auth.mechanism, "PLAIN");
  EXPECT_EQ(config.probe.auth.user, "alice");
  EXPECT_EQ(config.probe.auth.secret, "s3cret");
  EXPECT_FALSE(config.probe.auth.allow_plaintext);
}

TEST_F(CommandLine, AuthLongNames) {
  const auto config = parse({"-H", "mx", "--authtype=login", "--authuser", "bob", "--authpass=pw",
                             "--allow-plaintext-auth"});
  EXPECT_EQ(config.probe.auth.mechanism, "login");
  EXPECT_EQ(config.probe.auth.user, "bob");
  EXPECT_EQ(config.probe.auth.secret, "pw");
  EXPECT_TRUE(config.probe.auth.allow_plaintext);
}

TEST_F(CommandLine, AllKnownMechanisms) {
  for (const char* mechanism : {"auto", "PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2", "OAUTHBEARER", "cram-md5"})
    EXPECT_EQ(parse({"-H", "mx", "-A", mechanism, "-U", "u", "-P", "p"}).probe.auth.mechanism, mechanism);
}

TEST_F(CommandLine, UnknownMechanismIsAnError) {
  const auto message = usage_error({"-H", "mx", "-A", "GSSAPI", "-U", "u", "-P", "p"});
  EXPECT_TRUE(mentions(message, "-A/--authtype")) << message;
  EXPECT_TRUE(mentions(message, "GSSAPI")) << message;
}

TEST_F(CommandLine, UserAloneMeansAuto) {
  EXPECT_EQ(parse({"-H", "mx", "-U", "u", "-P", "p"}).probe.auth.mechanism, "auto");
}

TEST_F(CommandLine, AuthtypeWithoutUserIsAnError) {
  const auto message = usage_error({"-H", "mx", "-A", "PLAIN", "-P", "p"});
  EXPECT_TRUE(mentions(message, "-U/--authuser")) << message;
}

TEST_F(CommandLine, AuthWithoutSecretIsAnError) {
  const auto message = usage_error({"-H", "mx", "-A", "PLAIN", "-U", "u"});
  EXPECT_TRUE(mentions(message, "secret")) << message;
}

TEST_F(CommandLine, PasswordWithoutAuthIsIgnored) {
  const auto config = parse({"-H", "mx", "-P", "p"});
  EXPECT_TRUE(config.probe.auth.mechanism.empty());
}

TEST_F(CommandLine, PasswordFile) {
  const auto path = temp_file("from-file\nsecond line\n");
  EXPECT_EQ(parse({"-H", "mx", "-A", "PLAIN", "-U", "u", "--password-file", path}).probe.auth.secret, "from-file");
}

TEST_F(CommandLine, PasswordFileWithCrlfAndNoNewline) {
  EXPECT_EQ(parse({"-H", "mx", "-U", "u", "--password-file=" + temp_file("dos\r\n")}).probe.auth.secret, "dos");
  EXPECT_EQ(parse({"-H", "mx", "-U", "u", "--password-file=" + temp_file("bare")}).probe.auth.secret, "bare");
}

TEST_F(CommandLine, MissingPasswordFileIsAnError) {
  const std::string missing = ::testing::TempDir() + "smtp_ping_no_such_file";
  const auto message = usage_error({"-H", "mx", "-U", "u", "--password-file", missing});
  EXPECT_TRUE(mentions(message, "--password-file")) << message;
  EXPECT_TRUE(mentions(message, missing)) << message;
}

TEST_F(CommandLine, PasswordFromEnvironment) {
  ::setenv("SMTP_PING_PASSWORD", "from-env", 1);
  EXPECT_EQ(parse({"-H", "mx", "-A", "LOGIN", "-U", "u"}).probe.auth.secret, "from-env");
}

TEST_F(CommandLine, PasswordPrecedence) {
  ::setenv("SMTP_PING_PASSWORD", "from-env", 1);
  const auto path = temp_file("from-file\n");
  EXPECT_EQ(parse({"-H", "mx", "-U", "u", "-P", "from-option", "--password-file", path}).probe.auth.secret,
            "from-option");
  EXPECT_EQ(parse({"-H", "mx", "-U", "u", "--password-file", path}).probe.auth.secret, "from-file");
  EXPECT_EQ(parse({"-H", "mx", "-U", "u"}).probe.auth.secret, "from-env");
}

// --- series (-n/-i), loss thresholds, DNS server ---

TEST_F(CommandLine, SeriesDefaults) {
  const auto config = parse({"-H", "mx"});
  EXPECT_EQ(config.series.count, 1);
  EXPECT_EQ(config.series.interval, std::chrono::seconds(1));
  EXPECT_FALSE(config.policy.loss_warning);
  EXPECT_FALSE(config.policy.loss_critical);
  EXPECT_FALSE(config.dns_server);
}

TEST_F(CommandLine, Series) {
  const auto config = parse({"-H", "mx", "-n", "5", "-i", "0.5", "--loss-warning", "20", "--loss-critical=60%"});
  EXPECT_EQ(config.series.count, 5);
  EXPECT_EQ(config.series.interval, std::chrono::milliseconds(500));
  EXPECT_EQ(config.policy.loss_warning, 20.0);
  EXPECT_EQ(config.policy.loss_critical, 60.0);
  EXPECT_EQ(parse({"-H", "mx", "--count=1000", "--interval", "0"}).series.count, 1000);
  EXPECT_EQ(parse({"-H", "mx", "--interval", "0"}).series.interval, std::chrono::milliseconds(0));
}

TEST_F(CommandLine, BadSeriesValuesAreErrorsNamingTheOption) {
  for (const char* bad : {"0", "1001", "-1", "abc", "", "2.5", "10000"})
    EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-n", bad}), "-n/--count")) << bad;
  for (const char* bad : {"-1", "3601", "abc", ""})
    EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-i", bad}), "-i/--interval")) << bad;
  for (const char* bad : {"-1", "101", "abc", "%"})
    EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--loss-warning", bad}), "--loss-warning")) << bad;
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--loss-critical", "200"}), "--loss-critical"));
}

TEST_F(CommandLine, DnsServer) {
  EXPECT_EQ(parse({"-H", "mx", "--dns-server", "192.0.2.53:5353"}).dns_server, std::string("192.0.2.53:5353"));
}

// --- output ---

TEST_F(CommandLine, OutputFormats) {
  EXPECT_EQ(parse({"-H", "mx", "--output", "json"}).output, OutputFormat::json);
  EXPECT_EQ(parse({"-H", "mx", "--output=plugin"}).output, OutputFormat::plugin);
  EXPECT_EQ(parse({"-H", "mx", "--output-format", "mp-test-json"}).output, OutputFormat::json);
  EXPECT_EQ(parse({"-H", "mx", "--output-format=json"}).output, OutputFormat::json);
  EXPECT_EQ(parse({"-H", "mx", "--output-format", "multi-line"}).output, OutputFormat::plugin);
}

TEST_F(CommandLine, OutputWinsOverOutputFormat) {
  EXPECT_EQ(parse({"-H", "mx", "--output-format", "json", "--output", "plugin"}).output, OutputFormat::plugin);
}

TEST_F(CommandLine, BadOutputIsAnErrorNamingTheOption) {
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--output", "xml"}), "--output"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--output-format", "xml"}), "--output-format"));
}

// --- check_smtp drop-in: what stock configurations send ---

// Debian's mail.cfg: check_smtp -H '$HOSTADDRESS$' '$ARG1$' with $ARG1$ empty.
TEST_F(CommandLine, EmptyWordAfterTheHostIsIgnored) {
  const auto config = parse({"-H", "192.0.2.25", ""});
  EXPECT_EQ(config.probe.host, "192.0.2.25");
  ASSERT_EQ(config.notes.size(), 1u);
  EXPECT_TRUE(mentions(config.notes.front(), "empty argument"));
}

// A word never replaces -H (before: -H host extra probed "extra").
TEST_F(CommandLine, WordsAfterHostNeverReplaceIt) {
  for (const Args& args : {Args{"-H", "mx", "extra"}, Args{"extra", "-H", "mx"}, Args{"-H", "mx", "a", "", "b"}}) {
    const auto config = parse(args);
    EXPECT_EQ(config.probe.host, "mx") << args.back();
    EXPECT_EQ(config.notes.size(), args.size() - 2) << args.back();
  }
}

// Icinga 2's ITL renders smtp_ignore_quit as "-q true"; the options after the
// word still count (check_smtp would stop reading options at it).
TEST_F(CommandLine, IcingaIgnoreQuitTrue) {
  const auto config = parse({"-H", "mx", "-q", "true", "-t", "15", "-w", "5"});
  EXPECT_EQ(config.probe.host, "mx");
  EXPECT_TRUE(config.probe.ignore_quit_failure);
  EXPECT_EQ(config.probe.timeout, std::chrono::seconds(15));
  EXPECT_TRUE(config.policy.thresholds.total.warning);
  ASSERT_EQ(config.notes.size(), 1u);
  EXPECT_TRUE(mentions(config.notes.front(), "'true'"));
}

TEST_F(CommandLine, EmptyFirstWordWithoutHostIsAnError) {
  EXPECT_TRUE(mentions(usage_error({""}), "-H/--hostname"));
}

// '$ARG1$' = "-p 587": one argument, the value " 587" (getopt + strtol).
TEST_F(CommandLine, OptionAndValueInOneArgument) {
  const auto config = parse({"-H", "mx", "-p 587", "-w 5", "-c 8", "-t 15", "-D 30,14"});
  EXPECT_EQ(config.probe.port, 587);
  EXPECT_EQ(config.policy.thresholds.total.warning->text, "5");
  EXPECT_EQ(config.policy.thresholds.total.critical->text, "8");
  EXPECT_EQ(config.probe.timeout, std::chrono::seconds(15));
  EXPECT_EQ(config.policy.thresholds.cert_days_warning, 30);
  EXPECT_EQ(config.policy.thresholds.cert_days_critical, 14);
}

TEST_F(CommandLine, BlanksAroundNumbersRangesAndDays) {
  const auto config = parse({"-H", "mx", "-S", "--port= 2525 ", "-w", " banner = 0.5 ", "-c", "\t10:20 ", "-D",
                             " 30 , 14 ", "-t", " 2.5 : unknown ", "-n", " 3 ", "-i", " 0.5", "--loss-warning",
                             " 20% ", "--loss-critical", "50 "});
  EXPECT_EQ(config.probe.port, 2525);
  EXPECT_EQ(config.policy.thresholds.phases.at(Phase::banner).warning->text, "0.5");
  EXPECT_EQ(config.policy.thresholds.total.critical->text, "10:20");
  EXPECT_EQ(config.policy.thresholds.cert_days_warning, 30);
  EXPECT_EQ(config.policy.thresholds.cert_days_critical, 14);
  EXPECT_EQ(config.probe.timeout, std::chrono::milliseconds(2500));
  EXPECT_EQ(config.policy.timeout_state, State::unknown);
  EXPECT_EQ(config.series.count, 3);
  EXPECT_EQ(config.series.interval, std::chrono::milliseconds(500));
  EXPECT_EQ(config.policy.loss_warning, 20.0);
  EXPECT_EQ(config.policy.loss_critical, 50.0);
}

TEST_F(CommandLine, BlanksAloneAreNoNumber) {
  for (const char* option : {"-p", "-w", "-t", "-D", "-n"})
    EXPECT_FALSE(usage_error({"-H", "mx", "-S", option, " \t "}).empty()) << option;
}

TEST_F(CommandLine, FromInAngleBrackets) {
  EXPECT_EQ(parse({"-H", "mx", "-f", "<a@b.example>"}).probe.mail_from, std::string("a@b.example"));
  EXPECT_EQ(parse({"-H", "mx", "-f", " <a@b.example> "}).probe.mail_from, std::string("a@b.example"));
  EXPECT_EQ(parse({"-H", "mx", "-f <a@b.example>"}).probe.mail_from, std::string("a@b.example"));
  EXPECT_EQ(parse({"-H", "mx", "--rcpt", "<c@d.example>"}).probe.rcpt_to, (Strings{"c@d.example"}));
}

TEST_F(CommandLine, NullSender) {
  const auto config = parse({"-H", "mx", "-f", "<>", "--rcpt", "postmaster@example.org"});
  EXPECT_EQ(config.probe.mail_from, std::string());
}

// check_smtp 2.3 (Debian 12) turns STARTTLS on for -D.
TEST_F(CommandLine, CertificateDaysAloneTurnStartTlsOn) {
  const auto config = parse({"-H", "mx", "-D", "30,14"});
  EXPECT_EQ(config.probe.tls.mode, TlsMode::starttls);
  ASSERT_EQ(config.notes.size(), 1u);
  EXPECT_TRUE(mentions(config.notes.front(), "STARTTLS")) << config.notes.front();
  EXPECT_EQ(parse({"-H", "mx", "-s", "-D", "30"}).probe.tls.mode, TlsMode::implicit);
  EXPECT_TRUE(parse({"-H", "mx", "-S", "-D", "30"}).notes.empty());
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--banner-only", "-D", "30"}), "-s/--ssl"));
}

TEST_F(CommandLine, TimeoutZeroIsCappedAtSixtySeconds) {
  const auto config = parse({"-H", "mx", "-t", "0"});
  EXPECT_EQ(config.probe.timeout, std::chrono::seconds(60));
  ASSERT_EQ(config.notes.size(), 1u);
  EXPECT_TRUE(mentions(config.notes.front(), "60 s")) << config.notes.front();
  EXPECT_EQ(parse({"-H", "mx", "-t", "0:unknown"}).policy.timeout_state, State::unknown);
}

TEST_F(CommandLine, IgnoreCertificateExpirationReachesVerification) {
  EXPECT_TRUE(parse({"-H", "mx", "-S", "--ignore-certificate-expiration"}).probe.tls.ignore_expiry);
  EXPECT_FALSE(parse({"-H", "mx", "-S"}).probe.tls.ignore_expiry);
}

TEST_F(CommandLine, PerfdataUnreached) {
  EXPECT_FALSE(parse({"-H", "mx"}).omit_unreached_perfdata);
  EXPECT_FALSE(parse({"-H", "mx", "--perfdata-unreached=U"}).omit_unreached_perfdata);
  EXPECT_TRUE(parse({"-H", "mx", "--perfdata-unreached", "omit"}).omit_unreached_perfdata);
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--perfdata-unreached=zero"}), "--perfdata-unreached"));
}

TEST_F(CommandLine, NoNotesForAnOrdinaryCommandLine) {
  EXPECT_TRUE(parse({"-H", "mx", "-p", "25", "-w", "5", "-S", "-D", "30"}).notes.empty());
}

// --- actions ---

TEST_F(CommandLine, Help) {
  EXPECT_EQ(parse_command_line({"-h"}).action, CommandAction::help);
  EXPECT_EQ(parse_command_line({"--help"}).action, CommandAction::help);
  // Help wins over options that would be wrong.
  EXPECT_EQ(parse_command_line({"-p", "0", "--help"}).action, CommandAction::help);
}

TEST_F(CommandLine, Version) {
  EXPECT_EQ(parse_command_line({"-V"}).action, CommandAction::version);
  EXPECT_EQ(parse_command_line({"--version"}).action, CommandAction::version);
  EXPECT_EQ(parse_command_line({"-H", "mx", "-V"}).action, CommandAction::version);
}

TEST_F(CommandLine, HelpTextMentionsEveryLongOption) {
  const std::string help = help_text();
  for (const char* option :
       {"--hostname", "--port", "--use-ipv4", "--use-ipv6", "--bind", "--expect", "--command", "--response", "--from",
        "--rcpt", "--fqdn", "--lmtp", "--ignore-quit-failure", "--warning", "--critical", "--timeout",
        "--timeout-state", "--proxy", "--starttls", "--ssl", "--sni", "--certificate", "--no-verify", "--cafile",
        "--capath", "--verify-name", "--tls-min", "--client-cert", "--client-key", "--authtype", "--authuser",
        "--authpass", "--password-file", "--allow-plaintext-auth", "--output", "--perfdata-unreached", "--verbose", "--extra-opts", "--help",
        "--version", "--domain", "--parallel", "--all-must-pass", "--fcrdns", "--dns-server", "--trust-anchor",
        "--no-dnssec"})
    EXPECT_TRUE(mentions(help, option)) << option;
  EXPECT_TRUE(mentions(help, "SMTP_PING_PASSWORD"));
  EXPECT_TRUE(mentions(help, usage_text()));
}

TEST_F(CommandLine, VersionText) {
  const std::string version = version_text();
  EXPECT_EQ(version.rfind("check_smtp_ping v", 0), 0u) << version;
  EXPECT_EQ(version.back(), '\n');
}

TEST_F(CommandLine, UsageNamesTheProgram) { EXPECT_TRUE(mentions(usage_text(), "check_smtp_ping -H")); }

TEST_F(CommandLine, UsageErrorIsOneLine) {
  for (const Args& args : {Args{"-H", "mx", "-p", "0"}, Args{"-H", "mx", "--nope"}, Args{"-H", "mx", "-w", "x"},
                           Args{"-H", "mx", "-S", "-s"}, Args{"-H", "mx", "-A", "PLAIN"}})
    EXPECT_FALSE(mentions(usage_error(args), "\n")) << args.back();
}

TEST_F(CommandLine, AmbiguousOptionErrorNeverEchoesItsValue) {
  // "--auth" could be --authtype, --authuser or --authpass: the value may be the password.
  const std::string message = usage_error({"-H", "mx", "--auth=Sup3rSecret"});
  EXPECT_TRUE(mentions(message, "--auth")) << message;
  EXPECT_FALSE(mentions(message, "Sup3rSecret")) << message;
}

// --- issue 13: values that reach the wire, files, regexes, names ---

TEST_F(CommandLine, WireValuesAreCheckedWhereTheyAreGiven) {
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-F", "probe\r\nMAIL FROM:<x@y>"}), "-F/--fqdn"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-C", "NOOP\x1b"}), "-C/--command"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-f", "a@b\nRSET"}), "-f/--from"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-A", "XOAUTH2", "-U", "u\x01x", "-P", "t"}), "-U/--authuser"));
}

TEST_F(CommandLine, ABadSecretIsNeverQuoted) {
  const auto message = usage_error({"-H", "mx", "-A", "PLAIN", "-U", "u", "-P", "hunter2\x01x"});
  EXPECT_TRUE(mentions(message, "-P/--authpass")) << message;
  EXPECT_FALSE(mentions(message, "hunter2")) << message;
}

TEST_F(CommandLine, RegexesAreCompiledWhileParsing) {
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-C", "NOOP", "-R", "["}), "-R/--response"));
  const auto message = usage_error({"-H", "mx", "-C", "NOOP", "-R", std::string(20'000, '(')});
  EXPECT_TRUE(mentions(message, "(20000 bytes)")) << "a long value is shortened: " << message.size();
  EXPECT_LT(message.size(), 300u);
}

TEST_F(CommandLine, HostNamesAndAddresses) {
  EXPECT_EQ(parse({"-H", "[::1]"}).probe.host, "::1");
  EXPECT_EQ(parse({"-H", "b\xc3\xbc" "cher.example"}).probe.host, "xn--bcher-kva.example");
  EXPECT_TRUE(mentions(usage_error({"-H", "mx.example.org:587"}), "-p 587"));
  EXPECT_EQ(parse({"-H", "mx", "-F", "pr\xc3\xbc" "fer.example"}).probe.hello_name, "xn--prfer-lva.example");
  EXPECT_EQ(parse({"-H", "mx", "-S", "--verify-name", "[2001:db8::1]"}).probe.tls.verify_name,
            std::string("2001:db8::1"));
}

TEST_F(CommandLine, PasswordFileIsBounded) {
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-U", "u", "--password-file", "/dev/zero"}), "not a regular file"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-U", "u", "--password-file", temp_file(std::string(20'000, 'x'))}),
                       "longer than 16384 bytes"));
  EXPECT_EQ(parse({"-H", "mx", "-U", "u", "--password-file", temp_file("first\n" + std::string(100'000, 'x'))})
                .probe.auth.secret,
            "first");
}

TEST_F(CommandLine, ConfinedFilesForItemKeys) {
  const std::string outside = temp_file("secret\n");
  FileAccess confined;
  confined.only_below = "/nonexistent-smtp-ping-dir";
  try {
    parse_command_line({"-H", "mx", "-U", "u", "--password-file", outside}, kCheckProgram, confined);
    ADD_FAILURE() << "read a file outside";
  } catch (const UsageError& error) {
    EXPECT_TRUE(mentions(error.what(), "is outside /nonexistent-smtp-ping-dir")) << error.what();
  }
}

// --- issues 12 and 13 together: unwrapped and trimmed first, then checked ---

TEST_F(CommandLine, EnvelopeAddressesAreUnwrappedBeforeTheWireCheck) {
  EXPECT_EQ(parse({"-H", "mx", "-f <a@b.example>", "--rcpt", " <c@d.example> "}).probe.rcpt_to,
            (Strings{"c@d.example"}));
  // What is left inside the brackets is judged: no line break, no second pair.
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "-f", "<a@b\r\nRSET>"}), "-f/--from"));
  EXPECT_TRUE(mentions(usage_error({"-H", "mx", "--rcpt", "<<c@d>>"}), "without < and >"));
}

TEST_F(CommandLine, PositionalHostIsCheckedAsMinusH) {
  EXPECT_EQ(parse({"[::1]", "extra"}).probe.host, "::1");
  EXPECT_TRUE(mentions(usage_error({"mx.example.org:587"}), "-p 587"));
  EXPECT_TRUE(mentions(usage_error({"mx\r\nQUIT"}), "-H/--hostname"));
}

// An ignored word is shown at -v and in JSON, unless it may hold the password:
// "-P $USER5$" with a blank in the unquoted secret reaches us split in two.
TEST_F(CommandLine, IgnoredWordsThatMayHoldThePasswordAreNotShown) {
  const auto split = parse({"-H", "mx", "-A", "PLAIN", "-U", "u", "-P", "correct", "horse", "-S", "q"});
  ASSERT_EQ(split.notes.size(), 2u);
  EXPECT_TRUE(mentions(split.notes[0], "may hold the password (not shown)")) << split.notes[0];
  EXPECT_FALSE(mentions(split.notes[0], "horse")) << split.notes[0];
  EXPECT_TRUE(mentions(split.notes[1], "'q'")) << "a word elsewhere is shown: " << split.notes[1];

  const auto inside = parse({"-H", "mx", "-U", "u", "-P", "s3cr3t-token", "x", "s3cr3t-token", "3cr3t"});
  ASSERT_EQ(inside.notes.size(), 3u);
  for (const auto& note : inside.notes) EXPECT_FALSE(mentions(note, "3cr3t")) << note;

  const auto none = parse({"-H", "mx", "-q", "true"});
  ASSERT_EQ(none.notes.size(), 1u);
  EXPECT_TRUE(mentions(none.notes.front(), "'true'"));
}

TEST_F(CommandLine, UsageHasNoPipe) { EXPECT_EQ(usage_text().find('|'), std::string::npos); }

}  // namespace
}  // namespace smtp_ping
