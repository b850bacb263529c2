// Issue 12: what a grapher and a migrating admin read in a verdict: one label
// set per command line ("U" for phases not reached), cert_days as ranges, the
// certificate name checked against what the server announced.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "evaluation/certificate_lifetime.hpp"
#include "judging_support.hpp"
#include "output/plugin_output.hpp"
#include "probe/planned_phases.hpp"
#include "tls/certificate_name.hpp"

namespace smtp_ping {
namespace {

using std::chrono::microseconds;
using Phases = std::vector<Phase>;

std::vector<std::string> labels(const Verdict& verdict) {
  std::vector<std::string> found;
  for (const auto& datum : verdict.perfdata) found.push_back(datum.label);
  return found;
}

const PerfDatum* datum(const Verdict& verdict, const std::string& label) {
  for (const auto& item : verdict.perfdata)
    if (item.label == label) return &item;
  return nullptr;
}

// ---- planned_phases ----

TEST(PlannedPhases, FollowTheOptions) {
  ProbeOptions plain;
  EXPECT_EQ(planned_phases(plain), (Phases{Phase::dns, Phase::connect, Phase::banner, Phase::ehlo, Phase::quit}));

  ProbeOptions full;
  full.tls.mode = TlsMode::starttls;
  full.auth.mechanism = "auto";
  full.mail_from = "";
  full.rcpt_to = {"a@b"};
  full.commands = {CustomCommand{"NOOP", std::nullopt}};
  EXPECT_EQ(planned_phases(full), (Phases{Phase::dns, Phase::connect, Phase::banner, Phase::ehlo, Phase::starttls,
                                          Phase::tls, Phase::ehlo_tls, Phase::auth, Phase::mail, Phase::rcpt,
                                          Phase::command, Phase::quit}));

  ProbeOptions smtps_banner;
  smtps_banner.host = "/run/smtp.sock";
  smtps_banner.tls.mode = TlsMode::implicit;
  smtps_banner.banner_only = true;
  EXPECT_EQ(planned_phases(smtps_banner), (Phases{Phase::connect, Phase::tls, Phase::banner, Phase::quit}));
}

// ---- perfdata of phases not reached ----

Report refused_report() {
  Report report;
  report.target = Target{"127.0.0.1", 25, false, "", "", TlsMode::starttls};
  ProbeOptions options;
  options.tls.mode = TlsMode::starttls;
  report.planned_phases = planned_phases(options);
  report.phases = {{Phase::dns, microseconds(0), microseconds(5)}, {Phase::connect, microseconds(5), microseconds(100)}};
  report.total = microseconds(110);
  report.failure = Failure{Phase::connect, FailureKind::connect, "Connection refused", std::nullopt, "", ""};
  return report;
}

TEST(UnreachedPhases, AreUndeterminedWithTheirThresholds) {
  EvaluationPolicy policy;
  policy.thresholds.phases[Phase::banner].warning = parse_range("1");
  policy.thresholds.cert_days_warning = 30;
  policy.thresholds.cert_days_critical = 14;
  const Verdict verdict = evaluate(refused_report(), policy);
  EXPECT_EQ(labels(verdict), (std::vector<std::string>{"dns", "connect", "banner", "ehlo", "starttls", "tls",
                                                       "ehlo_tls", "quit", "total", "cert_days"}));
  ASSERT_NE(datum(verdict, "banner"), nullptr);
  EXPECT_TRUE(datum(verdict, "banner")->undetermined);
  EXPECT_FALSE(datum(verdict, "connect")->undetermined);
  const std::string perfdata = render_perfdata(verdict);
  EXPECT_NE(perfdata.find("'banner'=U;1;;0"), std::string::npos) << perfdata;
  EXPECT_NE(perfdata.find("'cert_days'=U;30:;14:"), std::string::npos) << perfdata;
  EXPECT_NE(perfdata.find("'connect'=0.000100s;;;0"), std::string::npos) << perfdata;
}

TEST(UnreachedPhases, SeriesWithoutAnswersKeepsItsLabels) {
  const std::vector<Report> reports{refused_report(), refused_report()};
  const SeriesStats stats = compute_series_stats(reports);
  const Verdict verdict = evaluate_series(reports, stats, EvaluationPolicy{});
  EXPECT_EQ(labels(verdict), (std::vector<std::string>{"rta", "rtmin", "rtmax", "jitter", "pl", "dns", "connect",
                                                       "banner", "ehlo", "starttls", "tls", "ehlo_tls", "quit",
                                                       "cert_days"}));
  EXPECT_NE(render_perfdata(verdict).find("'rta'=U;;;0 "), std::string::npos) << render_perfdata(verdict);
}

// ---- certificate lifetime ----

std::optional<TlsFacts> certificate(double days) {
  TlsFacts facts;
  facts.cert_days = days;
  facts.not_after = "2030-01-01T00:00:00Z";
  return facts;
}

TEST(CertificateLifetime, RangesThatAlertBelow) {
  Thresholds thresholds;
  thresholds.cert_days_warning = 30;
  thresholds.cert_days_critical = 14;
  const auto judged = judge_certificate_lifetime(TlsMode::starttls, certificate(396.004), thresholds);
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->state(), State::ok);
  EXPECT_EQ(judged->datum.value, 396.0);
  EXPECT_EQ(judged->datum.warning, "30:");
  EXPECT_EQ(judged->datum.critical, "14:");
  EXPECT_EQ(judge_certificate_lifetime(TlsMode::starttls, certificate(20), thresholds)->state(), State::warning);
  EXPECT_EQ(judge_certificate_lifetime(TlsMode::starttls, certificate(13.9), thresholds)->state(), State::critical);
}

TEST(CertificateLifetime, LoneWarningHasNoCriticalFieldButExpiredIsCritical) {
  Thresholds thresholds;
  thresholds.cert_days_warning = 30;
  const auto fine = judge_certificate_lifetime(TlsMode::implicit, certificate(10), thresholds);
  EXPECT_EQ(fine->state(), State::warning);
  EXPECT_EQ(fine->datum.critical, "");
  const auto expired = judge_certificate_lifetime(TlsMode::implicit, certificate(-2), thresholds);
  EXPECT_EQ(expired->state(), State::critical);
  ASSERT_TRUE(expired->expiry);
  const std::string note = finding_text(*expired->expiry);
  EXPECT_NE(note.find("expired 2.0 days ago"), std::string::npos) << note;
}

TEST(CertificateLifetime, NoneWithoutTlsUndeterminedWithoutACertificate) {
  EXPECT_FALSE(judge_certificate_lifetime(TlsMode::none, std::nullopt, Thresholds{}));
  const auto unseen = judge_certificate_lifetime(TlsMode::starttls, std::nullopt, Thresholds{});
  ASSERT_TRUE(unseen);
  EXPECT_TRUE(unseen->datum.undetermined);
}

// ---- certificate name ----

TEST(CertificateName, WhichNameAndWhoGaveIt) {
  TlsOptions options;
  EXPECT_EQ(certificate_name(options, "mx.example.org").name, "mx.example.org");
  EXPECT_EQ(certificate_name(options, "mx.example.org").source, "-H");
  EXPECT_EQ(certificate_name(options, "192.0.2.1").name, "");
  EXPECT_EQ(certificate_name(options, "2001:db8::1").name, "");
  EXPECT_EQ(certificate_name(options, "/run/smtp.sock").name, "");
  options.sni = "mail.example.org";
  EXPECT_EQ(certificate_name(options, "192.0.2.1").name, "mail.example.org");
  EXPECT_EQ(certificate_name(options, "192.0.2.1").source, "--sni");
  EXPECT_EQ(certificate_name(options, "mx.example.org").source, "-H");
  options.verify_name = "other.example.org";
  EXPECT_EQ(certificate_name(options, "mx.example.org").name, "other.example.org");
  EXPECT_EQ(certificate_name(options, "mx.example.org").source, "--verify-name");
  options = TlsOptions{};
  options.sni = "";  // --no-sni
  EXPECT_EQ(certificate_name(options, "192.0.2.1").name, "");
}

TEST(CertificateName, AnnouncedHostName) {
  EXPECT_EQ(announced_host_name("mail.example.org ESMTP Postfix"), "mail.example.org");
  EXPECT_EQ(announced_host_name("mail.example.org."), "mail.example.org");
  EXPECT_EQ(announced_host_name("MX-1.Example.ORG Hello probe"), "MX-1.Example.ORG");
  for (const char* none : {"ESMTP ready", "[192.0.2.1] ESMTP", "localhost ESMTP", "", "-bad.example.org",
                           "bad-.example.org", "a..b", "*.example.org", "ma\xc3\xafl.example.org"})
    EXPECT_EQ(announced_host_name(none), "") << none;
}

TEST(CertificateName, MismatchIsAWarningNamingBoth) {
  Report report = refused_report();
  report.failure.reset();
  TlsFacts facts;
  facts.subject = "CN=mail.example.org";
  facts.subject_alt_names = {"DNS:mail.example.org"};
  facts.announced_names = {"other.example.org (greeting)"};
  facts.name_mismatch = true;
  report.tls = facts;
  const auto warning = certificate_name_finding(report);
  ASSERT_TRUE(warning);
  EXPECT_EQ(warning->state, State::warning);
  const std::string text = finding_text(*warning);
  EXPECT_NE(text.find("DNS:mail.example.org"), std::string::npos) << text;
  EXPECT_NE(text.find("other.example.org (greeting)"), std::string::npos) << text;
  EXPECT_EQ(evaluate(report, EvaluationPolicy{}).state, State::warning);
  report.tls->name_mismatch = false;
  EXPECT_FALSE(certificate_name_finding(report));
}

}  // namespace
}  // namespace smtp_ping
