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

TEST(MxDiscoveryRequest, DnsServerAndTimeout) {
  const auto request =
      mx_discovery_request(params({"example.test", "--dns-server 127.0.0.1:5353 -t 2"}), milliseconds(3'000), kAnywhere);
  EXPECT_EQ(request.domain, "example.test");
  ASSERT_TRUE(request.lookup.server);
  EXPECT_EQ(request.lookup.server->address, "127.0.0.1");
  EXPECT_EQ(request.lookup.server->port, 5353);
  EXPECT_EQ(request.timeout, milliseconds(2'000));
  const auto defaults = mx_discovery_request(params({"example.test"}), milliseconds(3'000), kAnywhere);
  EXPECT_FALSE(defaults.lookup.server);
  EXPECT_EQ(defaults.timeout, milliseconds(2'700));
  EXPECT_EQ(mx_discovery_request(params({"d", "--dns-server=192.0.2.1"}), milliseconds(3'000), kAnywhere).lookup.server->port, 53);
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

TEST(MxDiscoveryJson, OneObjectPerExchangeWithStringValues) {
  const std::vector<MailExchange> exchanges{{10, "mx1.example.test", {"127.0.0.1"}},
                                            {20, "mx2.example.test", {"127.0.0.2", "::2"}},
                                            {30, "mx3.example.test", {}}};
  const auto rows = nlohmann::json::parse(mx_discovery_json(exchanges));
  ASSERT_TRUE(rows.is_array());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (nlohmann::json{{"{#MX.HOST}", "mx2.example.test"},
                                     {"{#MX.PREFERENCE}", "20"},
                                     {"{#MX.ADDRESSES}", "127.0.0.2,::2"}}));
  EXPECT_EQ(rows[2]["{#MX.ADDRESSES}"], "");
  EXPECT_EQ(mx_discovery_json({}), "[]");
}

}  // namespace
}  // namespace smtp_ping::zabbix
