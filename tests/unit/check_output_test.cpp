#include "output/check_output.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "judging_support.hpp"

namespace smtp_ping {
namespace {

using nlohmann::json;
using std::chrono::microseconds;

// A STARTTLS check that ended at EHLO: tls and ehlo_tls were not reached ("U").
CheckResult check_ended_before_tls() {
  Report report;
  report.target = Target{"127.0.0.1", 25, false, "127.0.0.1", "127.0.0.1:40000", TlsMode::starttls};
  report.phases = {{Phase::dns, microseconds(0), microseconds(1)},
                   {Phase::connect, microseconds(1), microseconds(120)},
                   {Phase::banner, microseconds(121), microseconds(2100)},
                   {Phase::ehlo, microseconds(2221), microseconds(400)}};
  report.total = microseconds(2700);
  report.failure = Failure{Phase::starttls, FailureKind::reply, "STARTTLS refused",
                           Reply{454, {"4.7.0 TLS not available"}}, "STARTTLS", "220"};
  CheckResult result;
  result.reports.push_back(report);
  result.tree = judged_check(report, EvaluationPolicy{});
  return result;
}

bool has_undetermined(const json& node) {
  for (const auto& datum : node["perfdata"])
    if (datum["value"].is_null()) return true;
  for (const auto& child : node["checks"])
    if (has_undetermined(child)) return true;
  return false;
}

TEST(CheckOutput, UnreachedPhasesAreUByDefault) {
  const CheckResult result = check_ended_before_tls();
  const std::string text = render_check(result, OutputOptions{});
  EXPECT_NE(text.find("=U"), std::string::npos) << text;
  OutputOptions as_json;
  as_json.output = OutputFormat::json;
  EXPECT_TRUE(has_undetermined(json::parse(render_check(result, as_json))));
}

TEST(CheckOutput, OmitLeavesOutUnreachedPhasesInTextAndInEveryJsonNode) {
  const CheckResult result = check_ended_before_tls();
  OutputOptions options;
  options.omit_unreached_perfdata = true;
  const std::string text = render_check(result, options);
  EXPECT_EQ(text.find("=U"), std::string::npos) << text;
  EXPECT_NE(text.find("'banner'="), std::string::npos) << text;
  options.output = OutputFormat::json;
  const json out = json::parse(render_check(result, options));
  EXPECT_FALSE(has_undetermined(out)) << out.dump();
  EXPECT_FALSE(out["perfdata"].empty());
}

TEST(CheckOutput, JsonPerfdataCarriesMinAndMaxLikeTheText) {
  CheckResult result = check_ended_before_tls();
  result.tree.perfdata.push_back(PerfDatum{"loss", 25, "%", "", "", 0.0, 100.0, false});
  settle(result.tree);
  EXPECT_NE(render_check(result, OutputOptions{}).find("'loss'=25%;;;0;100"), std::string::npos);
  OutputOptions as_json;
  as_json.output = OutputFormat::json;
  const json out = json::parse(render_check(result, as_json));
  bool found = false;
  for (const auto& datum : out["perfdata"])
    if (datum["label"] == "loss") {
      found = true;
      EXPECT_EQ(datum["min"], 0);
      EXPECT_EQ(datum["max"], 100);
    }
  EXPECT_TRUE(found) << out.dump();
}

}  // namespace
}  // namespace smtp_ping
