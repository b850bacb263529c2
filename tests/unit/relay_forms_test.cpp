// The relay test's fixed list of forms (lib/smtp/relay_test).
#include <gtest/gtest.h>

#include "smtp/relay_test.hpp"

namespace smtp_ping {
namespace {

TEST(RelayForms, TheFixedList) {
  const auto forms = relay_forms("example.org", "example.net", "[192.0.2.25]");
  ASSERT_EQ(forms.size(), 10u);
  const std::vector<std::pair<std::string, std::string>> expected{
      {"relay-test@example.net", "relay-test@example.net"},
      {"relay-test@example.org", "relay-test@example.net"},
      {"", "relay-test@example.net"},
      {"relay-test@example.org", "relay-test%example.net@example.org"},
      {"relay-test@example.org", "example.net!relay-test@example.org"},
      {"relay-test@example.org", "@example.org:relay-test@example.net"},
      {"relay-test@example.org", "\"relay-test@example.net\"@example.org"},
      {"relay-test@[192.0.2.25]", "relay-test@example.net"},
      {"relay-test@example.org", "relay-test%example.net@[192.0.2.25]"},
      {"relay-test@example.org", "\"relay-test@example.net\"@[192.0.2.25]"},
  };
  for (std::size_t i = 0; i < forms.size(); ++i) {
    EXPECT_EQ(forms[i].mail_from, expected[i].first) << forms[i].name;
    EXPECT_EQ(forms[i].rcpt_to, expected[i].second) << forms[i].name;
    for (std::size_t j = 0; j < i; ++j) EXPECT_NE(forms[i].name, forms[j].name);
  }
  EXPECT_EQ(forms[3].name, "percent hack");
  EXPECT_EQ(forms[4].name, "bang path");
  EXPECT_EQ(forms[5].name, "source route");
  EXPECT_EQ(forms[6].name, "quoted local part");
}

TEST(RelayForms, NoAddressLiteralFormsWithoutAnAddress) {
  EXPECT_EQ(relay_forms("example.org", "example.net", "").size(), 7u);
}

TEST(RelayForms, AddressLiterals) {
  EXPECT_EQ(address_literal("127.0.0.1"), "[127.0.0.1]");
  EXPECT_EQ(address_literal("::1"), "[IPv6:::1]");
  EXPECT_EQ(address_literal(""), "");
}

TEST(RelayForms, AcceptedIsA2xxToTheRecipient) {
  RelayTestRecord record;
  record.attempts.push_back({{"a", "x", "y"}, Reply{250, {"ok"}}, Reply{554, {"5.7.1 Relay access denied"}}, Reply{250, {"ok"}}});
  record.attempts.push_back({{"b", "x", "y"}, Reply{550, {"no"}}, std::nullopt, Reply{250, {"ok"}}});
  EXPECT_EQ(record.first_accepted(), nullptr);
  record.attempts.push_back({{"c", "x", "y"}, Reply{250, {"ok"}}, Reply{250, {"2.1.5 Ok"}}, Reply{250, {"ok"}}});
  ASSERT_NE(record.first_accepted(), nullptr);
  EXPECT_EQ(record.first_accepted()->form.name, "c");
}

}  // namespace
}  // namespace smtp_ping
