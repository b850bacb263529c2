// The strict SPF parser (lib/policy/spf_record, RFC 7208 §12).
#include <gtest/gtest.h>

#include "policy/spf_record.hpp"

namespace smtp_ping::policy {
namespace {

SpfSyntaxProblem problem_of(const std::string& record) {
  const SpfRecord parsed = parse_spf_record(record);
  EXPECT_FALSE(parsed.valid()) << record;
  return parsed.error ? parsed.error->problem : SpfSyntaxProblem::bad_character;
}

TEST(SpfRecord, RecognisesTheVersion) {
  EXPECT_TRUE(is_spf_record("v=spf1"));
  EXPECT_TRUE(is_spf_record("v=spf1 -all"));
  EXPECT_TRUE(is_spf_record("V=SPF1 mx"));
  EXPECT_FALSE(is_spf_record("v=spf10 -all"));
  EXPECT_FALSE(is_spf_record("v=spf2.0/pra"));
  EXPECT_FALSE(is_spf_record("spf1 -all"));
  EXPECT_FALSE(is_spf_record("v=DMARC1; p=none"));
}

TEST(SpfRecord, ParsesEveryMechanismAndQualifier) {
  const SpfRecord record = parse_spf_record(
      "v=spf1 +a -mx ~ptr ?exists:%{i}.bl.example.org ip4:192.0.2.0/24 ip6:2001:db8::/32 a:mail.example.org/24//64 "
      "mx//64 include:_spf.example.net redirect=_spf.example.com exp=explain.%{d} foo-bar=%{l}x  ");
  ASSERT_TRUE(record.valid()) << spf_syntax_problem_name(record.error->problem) << " " << record.error->term;
  ASSERT_EQ(record.terms.size(), 12u);
  EXPECT_EQ(record.terms[0].kind, SpfTermKind::a);
  EXPECT_EQ(record.terms[0].qualifier, SpfQualifier::pass);
  EXPECT_EQ(record.terms[1].qualifier, SpfQualifier::fail);
  EXPECT_EQ(record.terms[2].qualifier, SpfQualifier::softfail);
  EXPECT_EQ(record.terms[3].qualifier, SpfQualifier::neutral);
  EXPECT_TRUE(record.terms[3].has_macros);
  EXPECT_EQ(record.terms[6].domain_spec, "mail.example.org");
  EXPECT_EQ(record.terms[8].domain_spec, "_spf.example.net");
  EXPECT_EQ(record.terms[9].kind, SpfTermKind::redirect);
  EXPECT_EQ(record.terms[10].kind, SpfTermKind::exp);
  EXPECT_EQ(record.terms[11].kind, SpfTermKind::unknown_modifier);
  EXPECT_FALSE(record.has_all());
}

TEST(SpfRecord, MechanismNamesIgnoreCase) {
  EXPECT_TRUE(parse_spf_record("v=spf1 MX A:Mail.Example.ORG INCLUDE:x.example -ALL").valid());
}

TEST(SpfRecord, CountsTheDnsQueryingTerms) {
  const SpfRecord record = parse_spf_record("v=spf1 a mx ptr exists:x.example include:y.example ip4:192.0.2.1 "
                                            "ip6:::1 exp=z.example redirect=r.example -all");
  ASSERT_TRUE(record.valid());
  int lookups = 0;
  for (const auto& term : record.terms) lookups += counts_as_lookup(term) ? 1 : 0;
  EXPECT_EQ(lookups, 6);
  EXPECT_TRUE(record.has_all());
}

TEST(SpfRecord, TheFixturesBrokenRecord) {
  const SpfRecord record = parse_spf_record("v=spf1 ip4:127.0.0.256 mx:: ~al");
  ASSERT_TRUE(record.error);
  EXPECT_EQ(record.error->problem, SpfSyntaxProblem::bad_ip4);
  EXPECT_EQ(record.error->term_index, 1u);
  EXPECT_EQ(record.error->term, "ip4:127.0.0.256");
  EXPECT_EQ(problem_of("v=spf1 mx:: -all"), SpfSyntaxProblem::bad_domain_spec);
  EXPECT_EQ(problem_of("v=spf1 ~al"), SpfSyntaxProblem::unknown_mechanism);
}

TEST(SpfRecord, RefusesWhatTheGrammarDoesNot) {
  EXPECT_EQ(problem_of("v=spf1 all:x.example"), SpfSyntaxProblem::unexpected_argument);
  EXPECT_EQ(problem_of("v=spf1 include"), SpfSyntaxProblem::missing_argument);
  EXPECT_EQ(problem_of("v=spf1 include:"), SpfSyntaxProblem::bad_domain_spec);
  EXPECT_EQ(problem_of("v=spf1 include:localhost"), SpfSyntaxProblem::bad_domain_spec);  // no top label
  EXPECT_EQ(problem_of("v=spf1 include:example.123"), SpfSyntaxProblem::bad_domain_spec);
  EXPECT_EQ(problem_of("v=spf1 a:x..example.org"), SpfSyntaxProblem::bad_domain_spec);
  EXPECT_EQ(problem_of("v=spf1 ip4:192.0.2.1/33"), SpfSyntaxProblem::bad_cidr);
  EXPECT_EQ(problem_of("v=spf1 ip4:192.0.2.1/08"), SpfSyntaxProblem::bad_cidr);
  EXPECT_EQ(problem_of("v=spf1 ip4:192.0.2"), SpfSyntaxProblem::bad_ip4);
  EXPECT_EQ(problem_of("v=spf1 ip4:192.0.2.01"), SpfSyntaxProblem::bad_ip4);
  EXPECT_EQ(problem_of("v=spf1 ip6:2001:db8::g"), SpfSyntaxProblem::bad_ip6);
  EXPECT_EQ(problem_of("v=spf1 ip6:2001:db8::/129"), SpfSyntaxProblem::bad_cidr);
  EXPECT_EQ(problem_of("v=spf1 a/33"), SpfSyntaxProblem::bad_cidr);
  EXPECT_EQ(problem_of("v=spf1 mx//129"), SpfSyntaxProblem::bad_cidr);
  EXPECT_EQ(problem_of("v=spf1 exists:%{x}.example.org"), SpfSyntaxProblem::bad_macro);
  EXPECT_EQ(problem_of("v=spf1 exists:%{c}.example.org"), SpfSyntaxProblem::bad_macro);  // c only in exp text
  EXPECT_EQ(problem_of("v=spf1 exists:%{i.example.org"), SpfSyntaxProblem::bad_macro);
  EXPECT_EQ(problem_of("v=spf1 a:50%.example.org"), SpfSyntaxProblem::bad_macro);
  EXPECT_EQ(problem_of("v=spf1 redirect=a.example redirect=b.example"), SpfSyntaxProblem::duplicate_modifier);
  EXPECT_EQ(problem_of("v=spf1 exp=a.example exp=b.example"), SpfSyntaxProblem::duplicate_modifier);
  EXPECT_EQ(problem_of("v=spf1 redirect="), SpfSyntaxProblem::missing_argument);
  EXPECT_EQ(problem_of("v=spf1 1abc=x"), SpfSyntaxProblem::bad_modifier_name);
  EXPECT_EQ(problem_of("v=spf1 -all\tmx"), SpfSyntaxProblem::bad_character);
  EXPECT_EQ(problem_of("v=spf1 +-all"), SpfSyntaxProblem::unknown_mechanism);
}

TEST(SpfRecord, MacrosAreAcceptedBySyntax) {
  for (const char* record : {"v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d}", "v=spf1 include:%{d2}", "v=spf1 a:%%.example.org",
                             "v=spf1 exists:%{S}.%{L}.%{O}.%{D}.%{I}.%{P}.%{H}.%{V}.example.org",
                             "v=spf1 a:%-%_.example.org", "v=spf1 include:x.%{d}"}) {
    const SpfRecord parsed = parse_spf_record(record);
    EXPECT_TRUE(parsed.valid()) << record;
  }
  EXPECT_TRUE(parse_spf_record("v=spf1 include:x.%{d}").terms[0].has_macros);
  EXPECT_FALSE(parse_spf_record("v=spf1 a:%%.example.org").terms[0].has_macros);
}

TEST(SpfRecord, EmptyRecordIsValid) {
  EXPECT_TRUE(parse_spf_record("v=spf1").valid());
  EXPECT_TRUE(parse_spf_record("v=spf1   ").valid());
  EXPECT_TRUE(parse_spf_record("v=spf1").terms.empty());
}

}  // namespace
}  // namespace smtp_ping::policy
