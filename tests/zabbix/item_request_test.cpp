#include "item_request.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "module_settings.hpp"
#include "mx_discovery.hpp"

namespace smtp_ping::zabbix {
namespace {

using std::chrono::milliseconds;
using Arguments = std::vector<std::string>;

const FileAccess kAnywhere{};

std::vector<KeyParameter> params(std::initializer_list<std::string> texts) {
  std::vector<KeyParameter> parameters;
  for (const std::string& text : texts) parameters.push_back({text, false});
  return parameters;
}

std::string error_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const ItemError& error) {
    return error.what();
  }
  return "no ItemError";
}

TEST(CheckArguments, HostOnly) {
  EXPECT_EQ(check_arguments(params({"mail.example.org"})), Arguments{"--hostname=mail.example.org"});
}

TEST(CheckArguments, PortTlsAndShellSplitOptions) {
  EXPECT_EQ(check_arguments(params({"127.0.0.1", "587", "starttls", "-w 1 --fqdn='probe host' -c \"2\""})),
            (Arguments{"--hostname=127.0.0.1", "--port=587", "--starttls", "-w", "1", "--fqdn=probe host", "-c", "2"}));
  EXPECT_EQ(check_arguments(params({"h", "", "implicit", ""})), (Arguments{"--hostname=h", "--ssl"}));
  EXPECT_EQ(check_arguments(params({"h", "", "none"})), (Arguments{"--hostname=h"}));
}

TEST(CheckArguments, HostThatLooksLikeAnOptionStaysTheHost) {
  EXPECT_EQ(check_arguments(params({"-v"})), Arguments{"--hostname=-v"});
}

TEST(CheckArguments, RejectsMissingHost) {
  EXPECT_EQ(error_of([] { check_arguments({}); }), "Invalid first parameter: host is required.");
  EXPECT_EQ(error_of([] { check_arguments(params({""})); }), "Invalid first parameter: host is required.");
}

TEST(CheckArguments, RejectsBadPortTlsArraysAndExtraParameters) {
  EXPECT_EQ(error_of([] { check_arguments(params({"h", "99999"})); }),
            "Invalid second parameter: port must be 1-65535, got '99999'.");
  EXPECT_NE(error_of([] { check_arguments(params({"h", "25x"})); }).find("port must be 1-65535"), std::string::npos);
  EXPECT_NE(error_of([] { check_arguments(params({"h", "", "maybe"})); }).find("TLS mode"), std::string::npos);
  EXPECT_NE(error_of([] { check_arguments({{"h", false}, {"a,b", true}}); }).find("array"), std::string::npos);
  EXPECT_NE(error_of([] { check_arguments(params({"h", "", "", "", "x"})); }).find("Too many"), std::string::npos);
}

TEST(CallBudget, AgentTimeoutMinusMarginCapsTheCheckTimeout) {
  EXPECT_EQ(call_budget(milliseconds(3'000), milliseconds(10'000)), milliseconds(2'700));
  EXPECT_EQ(call_budget(milliseconds(3'000), milliseconds(1'000)), milliseconds(1'000));
  EXPECT_EQ(call_budget(milliseconds(30'000), milliseconds(60'000)), milliseconds(29'500));
  EXPECT_EQ(call_budget(milliseconds(1'000), milliseconds(10'000)), milliseconds(900));
}

TEST(CheckConfig, ParsesThroughTheSharedOptionLanguage) {
  const CheckConfig config = check_config(params({"127.0.0.1", "2525", "", "-t 1.5"}), milliseconds(3'000), kAnywhere);
  EXPECT_EQ(config.probe.host, "127.0.0.1");
  EXPECT_EQ(config.probe.effective_port(), 2525);
  EXPECT_EQ(config.probe.timeout, milliseconds(1'500));
  EXPECT_EQ(check_config(params({"h"}), milliseconds(3'000), kAnywhere).probe.timeout, milliseconds(2'700));
  EXPECT_EQ(check_config(params({"h", "", "starttls"}), milliseconds(3'000), kAnywhere).probe.tls.mode, TlsMode::starttls);
  // -t 0 (check_smtp: no limit) is 60 s, still cut to the item's time.
  EXPECT_EQ(check_config(params({"h", "", "", "-t 0"}), milliseconds(3'000), kAnywhere).probe.timeout,
            milliseconds(2'700));
}

TEST(CheckConfig, UnknownOptionIsAnItemError) {
  const std::string message = error_of([] { check_config(params({"h", "", "", "--nope"}), milliseconds(3'000), kAnywhere); });
  EXPECT_EQ(message.rfind("Invalid options: ", 0), 0u) << message;
  EXPECT_NE(message.find("nope"), std::string::npos) << message;
  EXPECT_NE(error_of([] { check_config(params({"h", "", "", "--help"}), milliseconds(3'000), kAnywhere); }).find("--help"),
            std::string::npos);
}

TEST(CheckConfig, LoadModeIsNoItem) {
  const std::string message =
      error_of([] { check_config(params({"h", "", "", "--load --concurrency 5 --sessions 100"}), milliseconds(3'000), kAnywhere); });
  EXPECT_EQ(message.rfind("Invalid options: --load is not offered in an item key", 0), 0u) << message;
}

TEST(MxDiscoveryRequest, DnsServerAndTimeout) {
  const auto request =
      mx_discovery_request(params({"example.test", "--dns-server 127.0.0.1:5353 -t 2"}), milliseconds(3'000), kAnywhere);
  EXPECT_EQ(request.domain, "example.test");
  ASSERT_TRUE(request.dns.forwarder);
  EXPECT_EQ(request.dns.forwarder->address, "127.0.0.1");
  EXPECT_EQ(request.dns.forwarder->port, 5353);
  EXPECT_EQ(request.timeout, milliseconds(2'000));
  const auto defaults = mx_discovery_request(params({"example.test"}), milliseconds(3'000), kAnywhere);
  EXPECT_FALSE(defaults.dns.forwarder);
  EXPECT_TRUE(defaults.dns.trust_anchor_files.empty());
  EXPECT_TRUE(defaults.dns.root_trust_anchor);
  EXPECT_FALSE(mx_discovery_request(params({"d", "--no-dnssec"}), milliseconds(3'000), kAnywhere).dns.root_trust_anchor);
  EXPECT_TRUE(defaults.families.ipv4 && defaults.families.ipv6);
  EXPECT_EQ(defaults.timeout, milliseconds(2'700));
  EXPECT_EQ(mx_discovery_request(params({"d", "--dns-server=192.0.2.1"}), milliseconds(3'000), kAnywhere).dns.forwarder->port, 53);
  // With agent Timeout=1 the whole discovery has 0.9 s.
  EXPECT_EQ(mx_discovery_request(params({"d"}), milliseconds(1'000), kAnywhere).timeout, milliseconds(900));
}

TEST(MxDiscoveryRequest, IPv6ResolverAndFamilies) {
  const auto bracketed = mx_discovery_request(params({"d", "--dns-server=[::1]:5353 -6"}), milliseconds(3'000), kAnywhere);
  ASSERT_TRUE(bracketed.dns.forwarder);
  EXPECT_EQ(bracketed.dns.forwarder->address, "::1");
  EXPECT_EQ(bracketed.dns.forwarder->port, 5353);
  EXPECT_FALSE(bracketed.families.ipv4);
  EXPECT_TRUE(bracketed.families.ipv6);
  const auto bare = mx_discovery_request(params({"d", "--dns-server=2001:db8::53 -4"}), milliseconds(3'000), kAnywhere);
  EXPECT_EQ(bare.dns.forwarder->address, "2001:db8::53");
  EXPECT_EQ(bare.dns.forwarder->port, 53);
  EXPECT_TRUE(bare.families.ipv4);
  EXPECT_FALSE(bare.families.ipv6);
}

TEST(MxDiscoveryRequest, RejectsBadInput) {
  EXPECT_EQ(error_of([] { mx_discovery_request({}, milliseconds(3'000), kAnywhere); }),
            "Invalid first parameter: domain is required.");
  EXPECT_NE(error_of([] { mx_discovery_request(params({"d", "--nope"}), milliseconds(3'000), kAnywhere); }).find("nope"),
            std::string::npos);
  EXPECT_NE(error_of([] { mx_discovery_request(params({"d", "--dns-server ns.example"}), milliseconds(3'000), kAnywhere); })
                .find("--dns-server"),
            std::string::npos);
  EXPECT_NE(error_of([] { mx_discovery_request(params({"d", "--dns-server 127.0.0.1:0"}), milliseconds(3'000), kAnywhere); })
                .find("port"),
            std::string::npos);
  EXPECT_NE(error_of([] { mx_discovery_request(params({"d", "-t -1"}), milliseconds(3'000), kAnywhere); }).find("timeout"),
            std::string::npos);
  EXPECT_NE(error_of([] { mx_discovery_request(params({"d", "", "x"}), milliseconds(3'000), kAnywhere); }).find("Too many"),
            std::string::npos);
}

// Issue 13: a key names files only below the module's AllowedFileDirectory.
class ConfinedFiles : public testing::Test {
 protected:
  ConfinedFiles() {
    std::filesystem::create_directories(allowed_);
    std::filesystem::create_directories(outside_);
    std::ofstream(allowed_ / "relay.pass") << "inside\n";
    std::ofstream(outside_ / "stolen.pass") << "outside\n";
  }
  ~ConfinedFiles() override { std::filesystem::remove_all(root_); }
  FileAccess confined() const { return FileAccess{allowed_.string(), "AllowedFileDirectory in test.conf", {}}; }
  std::vector<KeyParameter> with_password_file(const std::string& path) const {
    return params({"h", "", "", "-A PLAIN -U u --allow-plaintext-auth --password-file=" + path});
  }

  std::filesystem::path root_ = std::filesystem::temp_directory_path() /
                                ("smtp-ping-confined-" + std::to_string(::getpid()));
  std::filesystem::path allowed_ = root_ / "allowed";
  std::filesystem::path outside_ = root_ / "outside";
};

TEST_F(ConfinedFiles, InsideByNameOrPath) {
  EXPECT_EQ(check_config(with_password_file("relay.pass"), milliseconds(3'000), confined()).probe.auth.secret, "inside");
  EXPECT_EQ(check_config(with_password_file((allowed_ / "relay.pass").string()), milliseconds(3'000), confined())
                .probe.auth.secret,
            "inside");
}

TEST_F(ConfinedFiles, OutsideIsAnItemErrorNamingTheDirectory) {
  for (const std::string& path : {(outside_ / "stolen.pass").string(), std::string("../outside/stolen.pass"),
                                  std::string("/etc/passwd"), (allowed_ / "../outside/stolen.pass").string()}) {
    const std::string message = error_of([&] { check_config(with_password_file(path), milliseconds(3'000), confined()); });
    EXPECT_NE(message.find("--password-file"), std::string::npos) << message;
    EXPECT_NE(message.find("is outside " + allowed_.string()), std::string::npos) << message;
    EXPECT_NE(message.find("AllowedFileDirectory in test.conf"), std::string::npos) << message;
  }
}

TEST_F(ConfinedFiles, ARefusalStopsEveryFile) {
  const FileAccess none{allowed_.string(), "", "smtp_ping.so reads no files: test"};
  const std::string message = error_of([&] { check_config(with_password_file("relay.pass"), milliseconds(3'000), none); });
  EXPECT_NE(message.find("reads no files: test"), std::string::npos) << message;
  EXPECT_EQ(check_config(params({"h"}), milliseconds(3'000), none).probe.host, "h") << "keys without files still work";
}

TEST_F(ConfinedFiles, TrustAnchorInsideIsTakenOutsideIsRefused) {
  std::ofstream(allowed_ / "test.key") << ". IN DS 1 8 2 00\n";
  std::ofstream(outside_ / "test.key") << ". IN DS 1 8 2 00\n";
  const auto inside = mx_discovery_request(params({"d", "--trust-anchor=test.key --trust-anchor " +
                                                             (allowed_ / "test.key").string()}),
                                           milliseconds(3'000), confined());
  EXPECT_EQ(inside.dns.trust_anchor_files,
            (std::vector<std::string>{(allowed_ / "test.key").string(), (allowed_ / "test.key").string()}));
  for (const std::string& path : {(outside_ / "test.key").string(), std::string("../outside/test.key")}) {
    const std::string message = error_of(
        [&] { mx_discovery_request(params({"d", "--trust-anchor=" + path}), milliseconds(3'000), confined()); });
    EXPECT_NE(message.find("--trust-anchor"), std::string::npos) << message;
    EXPECT_NE(message.find("is outside " + allowed_.string()), std::string::npos) << message;
  }
  EXPECT_NE(error_of([&] { mx_discovery_request(params({"d", "--trust-anchor=missing.key"}), milliseconds(3'000), confined()); })
                .find("cannot read"),
            std::string::npos);
  EXPECT_NE(error_of([&] { mx_discovery_request(params({"d", "--trust-anchor=/dev/zero"}), milliseconds(3'000), kAnywhere); })
                .find("not a regular file"),
            std::string::npos);
  EXPECT_NE(error_of([&] { mx_discovery_request(params({"d", "--trust-anchor"}), milliseconds(3'000), kAnywhere); })
                .find("needs a file"),
            std::string::npos);
  EXPECT_NE(error_of([&] { mx_discovery_request(params({"d", "--no-dnssec --trust-anchor=test.key"}), milliseconds(3'000), confined()); })
                .find("exclude each other"),
            std::string::npos);
}

TEST(ModuleSettings, DefaultAndChosenDirectory) {
  const auto defaults = module_settings_from("# nothing set\n\n", "/x.conf");
  EXPECT_EQ(defaults.files.only_below, "/etc/zabbix/smtp-ping/");
  EXPECT_TRUE(defaults.files.refusal.empty());
  EXPECT_EQ(defaults.files.where_set, "AllowedFileDirectory in /x.conf");
  const auto chosen = module_settings_from(" AllowedFileDirectory = /srv/secrets \n", "/x.conf");
  EXPECT_EQ(chosen.files.only_below, "/srv/secrets");
  EXPECT_TRUE(chosen.files.refusal.empty());
}

TEST(ModuleSettings, MistakesRefuseEveryFileAndSayWhy) {
  for (const char* text : {"AllowedFileDirectory=\n", "AllowedFileDirectory=relative/dir\n", "Nonsense=1\n",
                           "AllowedFileDirectory\n"}) {
    const auto settings = module_settings_from(text, "/x.conf");
    EXPECT_NE(settings.files.refusal.find("/x.conf"), std::string::npos) << text << ": " << settings.files.refusal;
  }
}

resolver::Answer address_answer(const std::string& name, resolver::RecordType type,
                                std::vector<std::string> addresses, resolver::DnssecStatus dnssec) {
  resolver::Answer answer;
  answer.query = {name, type};
  answer.outcome = resolver::Outcome::answered;
  answer.rcode = resolver::rcode::noerror;
  answer.dnssec = dnssec;
  for (std::string& address : addresses) answer.records.push_back(resolver::AddressRecord{std::move(address)});
  return answer;
}

resolver::Answer servfail(const std::string& name, resolver::RecordType type) {
  resolver::Answer answer;
  answer.query = {name, type};
  answer.outcome = resolver::Outcome::answered;
  answer.rcode = resolver::rcode::servfail;
  answer.dnssec = resolver::DnssecStatus::bogus;
  answer.why_bogus = "signature crypto failed";
  return answer;
}

// mx1: two A (secure), no AAAA; mx2: one A, its AAAA SERVFAIL (bogus); mx3: nothing at all.
resolver::MailDomain sample_domain() {
  using resolver::DnssecStatus;
  using resolver::RecordType;
  resolver::MailDomain domain;
  domain.mx.kind = resolver::MxKind::exchanges;
  domain.mx.answer.dnssec = DnssecStatus::secure;
  domain.exchanges.push_back({{10, "mx1.example.test"},
                              address_answer("mx1.example.test", RecordType::a, {"127.0.0.2", "127.0.0.1"}, DnssecStatus::secure),
                              address_answer("mx1.example.test", RecordType::aaaa, {}, DnssecStatus::secure)});
  domain.exchanges.push_back({{20, "mx2.example.test"},
                              address_answer("mx2.example.test", RecordType::a, {"127.0.0.3"}, DnssecStatus::insecure),
                              servfail("mx2.example.test", RecordType::aaaa)});
  domain.exchanges.push_back({{30, "mx3.example.test"}, std::nullopt, std::nullopt});
  return domain;
}

TEST(MxDiscoveryJson, OneObjectPerExchangeWithStringValues) {
  const auto rows = nlohmann::json::parse(mx_discovery_json(sample_domain()));
  ASSERT_TRUE(rows.is_array());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (nlohmann::json{{"{#MX.HOST}", "mx1.example.test"},
                                     {"{#MX.PREFERENCE}", "10"},
                                     {"{#MX.ADDRESSES}", "127.0.0.1,127.0.0.2"},
                                     {"{#MX.DNSSEC}", "secure"},
                                     {"{#MX.DNS.PROBLEMS}", ""}}));
  EXPECT_EQ(rows[1]["{#MX.ADDRESSES}"], "127.0.0.3") << "the A that resolved stays";
  EXPECT_EQ(rows[1]["{#MX.DNSSEC}"], "bogus");
  EXPECT_EQ(rows[1]["{#MX.DNS.PROBLEMS}"], "AAAA mx2.example.test: SERVFAIL (bogus: signature crypto failed)");
  EXPECT_EQ(rows[2]["{#MX.ADDRESSES}"], "");
  EXPECT_EQ(rows[2]["{#MX.DNS.PROBLEMS}"], "");
  EXPECT_EQ(mx_discovery_json({}), "[]");
}

TEST(MxTargetsJson, OneObjectPerExchangeAndAddress) {
  const auto rows = nlohmann::json::parse(mx_targets_json(sample_domain()));
  ASSERT_TRUE(rows.is_array());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (nlohmann::json{{"{#MX.HOST}", "mx1.example.test"},
                                     {"{#MX.PREFERENCE}", "10"},
                                     {"{#MX.ADDRESS}", "127.0.0.1"},
                                     {"{#MX.FAMILY}", "ipv4"},
                                     {"{#MX.DNSSEC}", "secure"},
                                     {"{#MX.DNS.PROBLEMS}", ""}}));
  EXPECT_EQ(rows[1]["{#MX.ADDRESS}"], "127.0.0.2");
  EXPECT_EQ(rows[2]["{#MX.HOST}"], "mx2.example.test");
  EXPECT_EQ(rows[2]["{#MX.ADDRESS}"], "127.0.0.3");
  EXPECT_EQ(rows[2]["{#MX.DNSSEC}"], "insecure") << "the weaker of the MX (secure) and the A (insecure)";
  EXPECT_EQ(rows[2]["{#MX.DNS.PROBLEMS}"], "AAAA mx2.example.test: SERVFAIL (bogus: signature crypto failed)");
  EXPECT_EQ(mx_targets_json({}), "[]");
}

TEST(MxTargetsJson, IPv6RowsNameTheirFamily) {
  resolver::MailDomain domain;
  domain.mx.kind = resolver::MxKind::implicit;
  domain.mx.answer.dnssec = resolver::DnssecStatus::indeterminate;
  domain.exchanges.push_back({{0, "plain.test"},
                              std::nullopt,
                              address_answer("plain.test", resolver::RecordType::aaaa, {"::2"}, resolver::DnssecStatus::secure)});
  const auto rows = nlohmann::json::parse(mx_targets_json(domain));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["{#MX.FAMILY}"], "ipv6");
  EXPECT_EQ(rows[0]["{#MX.PREFERENCE}"], "0");
  EXPECT_EQ(rows[0]["{#MX.DNSSEC}"], "indeterminate");
}

}  // namespace
}  // namespace smtp_ping::zabbix
