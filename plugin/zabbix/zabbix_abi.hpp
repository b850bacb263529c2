#pragma once

// Our own declarations of the Zabbix loadable-module ABI (API version 2), written
// from docs: /work/shared/reference/zabbix-module.md. One binary, built against
// the 6.0 layout, works in 6.0 and 7.0 agents because 7.0 only appends fields.
// Nothing from Zabbix is included or linked.

#include <cstddef>
#include <cstdint>

namespace smtp_ping::zabbix {

constexpr int kModuleApiVersion = 2;
constexpr int kModuleOk = 0;
constexpr int kModuleFail = -1;

constexpr int kSysinfoRetOk = 0;
constexpr int kSysinfoRetFail = 1;

constexpr unsigned kFlagHaveParams = 0x01;  // CF_HAVEPARAMS

// Bits in AgentResult::type (AR_*).
constexpr int kResultUint64 = 0x01;
constexpr int kResultDouble = 0x02;
constexpr int kResultString = 0x04;
constexpr int kResultText = 0x08;
constexpr int kResultMessage = 0x20;

// zbx_request_parameter_type_t
enum RequestParameterType : int { kParameterUndefined = 0, kParameterString = 1, kParameterArray = 2 };

// AGENT_REQUEST (6.0 layout). 7.0 appends `int timeout`, which a 6.0 agent does
// not have: never declare or read it.
struct AgentRequest {
  char* key;
  int nparam;
  char** params;
  std::uint64_t lastlogsize;
  int mtime;
  RequestParameterType* types;
};

struct LogValue {
  char* value;
  char* source;
  int timestamp;
  int severity;
  int logeventid;
};

// AGENT_RESULT (6.0 layout). The agent frees str/text/msg/log with free().
// 7.0 appends `char* bin`: never declare or write it.
struct AgentResult {
  std::uint64_t lastlogsize;
  std::uint64_t ui64;
  double dbl;
  char* str;
  char* text;
  char* msg;
  LogValue* log;
  int type;
  int mtime;
};

using ItemHandler = int (*)(AgentRequest*, AgentResult*);

// ZBX_METRIC. The agent rewrites `flags` in place, so the table must be writable.
struct Metric {
  char* key;
  unsigned flags;
  ItemHandler function;
  char* test_param;
};

static_assert(offsetof(AgentRequest, nparam) == 8 && offsetof(AgentRequest, params) == 16 &&
                  offsetof(AgentRequest, lastlogsize) == 24 && offsetof(AgentRequest, mtime) == 32 &&
                  offsetof(AgentRequest, types) == 40 && sizeof(AgentRequest) == 48,
              "AGENT_REQUEST layout of Zabbix 6.0 (x86-64)");
static_assert(offsetof(AgentResult, ui64) == 8 && offsetof(AgentResult, dbl) == 16 &&
                  offsetof(AgentResult, str) == 24 && offsetof(AgentResult, text) == 32 &&
                  offsetof(AgentResult, msg) == 40 && offsetof(AgentResult, log) == 48 &&
                  offsetof(AgentResult, type) == 56 && offsetof(AgentResult, mtime) == 60 &&
                  sizeof(AgentResult) == 64,
              "AGENT_RESULT layout of Zabbix 6.0 (x86-64)");
static_assert(sizeof(Metric) == 32, "ZBX_METRIC layout (x86-64)");

}  // namespace smtp_ping::zabbix
