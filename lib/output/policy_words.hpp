#pragma once

// The words of the mail-policy checks of issue 17 handled here: SPF, DMARC (--auth-records)
// and the relay test (--relay-test).

#include <string>
#include <vector>

#include "result/facts.hpp"
#include "result/findings.hpp"

namespace smtp_ping {

std::string auth_record_problem_text(const AuthRecordProblem& problem);
std::string dmarc_below_floor_text(const DmarcBelowFloor& below);
std::string open_relay_text(const OpenRelay& relay);

// The relay phase in one line: "10 relay forms refused (relay-test@example.net from example.org)".
std::string relay_test_text(const RelayTestRecord& relay);

// One line each for the auth-records node's children: the record, the lookup count, DNSSEC.
std::string spf_text(const SpfFacts& facts);
std::string dmarc_text(const DmarcFacts& facts);

// -v: every answer of the SPF tree and the DMARC lookup, with its DNSSEC status.
std::vector<std::string> auth_records_lines(const policy::AuthRecords& records);

}  // namespace smtp_ping
