#pragma once

// Every word the user reads about a judged check: the result tree in words.
// Evaluation builds data; this file words each finding and fact once.

#include <string>

#include "load/load_plan.hpp"
#include "output/verdict.hpp"
#include "probe/report.hpp"
#include "result/result_node.hpp"

namespace smtp_ping {

// The tree as the plugin text and the JSON v1 fields show it: summary line,
// one long-output line per part, perfdata. Knows "probe" and "series" nodes
// (by their facts); any other node is summed up generically, so a new kind of
// node renders before it gets words of its own.
Verdict describe(const ResultNode& node);

// One finding in words: "banner 0.051s > 0.01", "certificate expires in 9.5 days (...)".
std::string finding_text(const Finding& finding);

// "<message>[: <code> <reply text>][ (expected <expected>)]"
std::string failure_text(const Failure& failure);

// "host:port", "[2001:db8::1]:25" or the socket path, made safe for output.
std::string target_text(const Target& target);

// A load run's pace in words: "concurrency 8", "rate 50/s".
std::string step_pace(const LoadPlan& plan);

}  // namespace smtp_ping
