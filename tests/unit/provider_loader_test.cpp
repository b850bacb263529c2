#include "provider/provider_loader.hpp"

#include <gtest/gtest.h>

#include <string>

namespace smtp_ping::provider {
namespace {

constexpr char kTestBuild[] = "provider-loader-test";
constexpr Header kExpected{kTestBuild, 64, {1, 2, 3, 0}};

TEST(ProviderLoader, AMissingModuleIsUnavailableAndEveryPathTriedIsNamed) {
  const Module absent{"test support", "smtp-ping-no-such-provider.so", "smtp_ping_no_such_module"};
  const Loaded loaded = load(absent, kExpected);
  EXPECT_EQ(loaded.table, nullptr);
  EXPECT_NE(loaded.problem.find(installed_directory() + "/smtp-ping-no-such-provider.so"), std::string::npos)
      << loaded.problem;
}

TEST(ProviderLoader, AModuleWithoutTheEntryPointIsFromAnotherBuild) {
  // The TLS provider of this build tree, asked for an entry point it does not export.
  const Module wrong_entry{"test support", "smtp-ping-tls.so", "smtp_ping_other_module"};
  const Loaded loaded = load(wrong_entry, kExpected);
  EXPECT_EQ(loaded.table, nullptr);
  EXPECT_FALSE(loaded.problem.empty());
}

TEST(ProviderHeader, DiffersInBuildTableOrAnyValueSize) {
  const Header same{kTestBuild, 64, {1, 2, 3, 0}};
  EXPECT_TRUE(same == kExpected);
  EXPECT_FALSE((Header{"provider-loader-tes", 64, {1, 2, 3, 0}} == kExpected));
  EXPECT_FALSE((Header{kTestBuild, 65, {1, 2, 3, 0}} == kExpected));
  EXPECT_FALSE((Header{kTestBuild, 64, {1, 2, 4, 0}} == kExpected));
}

}  // namespace
}  // namespace smtp_ping::provider
