#include "evaluation/reply_reason.hpp"

#include <bitset>
#include <string>

#include "smtp/reply.hpp"

// The tables below are documented entry by entry, with their sources, in
// docs/replies.md. Keep the two in step.

namespace smtp_ping {
namespace {

using R = ReplyReason;

// ---------------------------------------------------------------------------
// Enhanced status codes (RFC 3463, RFC 5248 and the IANA registry).

enum class Weight {
  decisive,  // the registry's meaning is specific and servers use it so: wins over the text
  fallback,  // used only when neither the text nor the reply code says more
};

struct CodeRule {
  int klass;    // 4 or 5, or 0 for either
  int subject;
  int detail;   // -1: any detail of the subject
  ReplyReason reason;
  Weight weight;
};

constexpr CodeRule kCodeRules[] = {
    {0, 1, 1, R::mailbox_unknown, Weight::decisive},    // bad destination mailbox address
    {0, 1, 2, R::mailbox_unknown, Weight::decisive},    // bad destination system address
    {0, 1, 3, R::syntax_error, Weight::decisive},       // bad destination mailbox address syntax
    {0, 1, 4, R::mailbox_unknown, Weight::fallback},    // destination mailbox address ambiguous
    {0, 1, 6, R::mailbox_unknown, Weight::decisive},    // mailbox has moved, no forwarding address
    {0, 1, 7, R::sender_rejected, Weight::decisive},    // bad sender's mailbox address syntax
    {0, 1, 8, R::sender_rejected, Weight::decisive},    // bad sender's system address
    {0, 1, 10, R::mailbox_unknown, Weight::decisive},   // recipient address has null MX
    {0, 2, 1, R::mailbox_disabled, Weight::decisive},   // mailbox disabled, not accepting messages
    {0, 2, 2, R::mailbox_full, Weight::decisive},       // mailbox full
    {0, 2, 3, R::message_too_big, Weight::decisive},    // message length exceeds administrative limit
    {4, 3, 1, R::temporary_local_error, Weight::decisive},  // mail system full
    {0, 3, 2, R::service_unavailable, Weight::decisive},    // system not accepting network messages
    {0, 3, 4, R::message_too_big, Weight::decisive},        // message too big for system
    {4, 3, 5, R::temporary_local_error, Weight::decisive},  // system incorrectly configured
    {4, 3, -1, R::temporary_local_error, Weight::fallback},  // mail system status
    {4, 4, -1, R::temporary_local_error, Weight::fallback},  // network and routing status
    {0, 5, 1, R::syntax_error, Weight::fallback},             // invalid command
    {0, 5, 2, R::syntax_error, Weight::fallback},             // syntax error
    {0, 5, 3, R::rate_limited, Weight::decisive},             // too many recipients
    {0, 5, 4, R::syntax_error, Weight::fallback},             // invalid command arguments
    {0, 5, 5, R::syntax_error, Weight::fallback},             // wrong protocol version
    {0, 5, 6, R::authentication_failed, Weight::decisive},    // authentication exchange line too long
    {0, 6, -1, R::policy_rejection, Weight::fallback},        // message content or media
    {0, 7, 8, R::authentication_failed, Weight::decisive},    // authentication credentials invalid
    {0, 7, 9, R::authentication_failed, Weight::decisive},    // authentication mechanism too weak
    {0, 7, 10, R::tls_required, Weight::decisive},            // encryption needed
    {0, 7, 11, R::tls_required, Weight::decisive},            // encryption required for the mechanism
    {0, 7, 12, R::authentication_failed, Weight::decisive},   // a password transition is needed
    {0, 7, 13, R::authentication_failed, Weight::decisive},   // user account disabled
    {0, 7, 16, R::message_too_big, Weight::decisive},         // too big for the specified priority
    {0, 7, 20, R::sender_rejected, Weight::decisive},         // no passing DKIM signature
    {0, 7, 21, R::sender_rejected, Weight::decisive},         // no acceptable DKIM signature
    {0, 7, 22, R::sender_rejected, Weight::decisive},         // no author-matched DKIM signature
    {0, 7, 23, R::sender_rejected, Weight::decisive},         // SPF validation failed
    {0, 7, 24, R::sender_rejected, Weight::decisive},         // SPF validation error
    {0, 7, 25, R::blocked_listed, Weight::decisive},          // reverse DNS validation failed
    {0, 7, 26, R::sender_rejected, Weight::decisive},         // multiple authentication checks failed
    {0, 7, 27, R::sender_rejected, Weight::decisive},         // sender address has null MX
    {0, 7, 28, R::rate_limited, Weight::decisive},            // mail flood detected
    {0, 7, 29, R::sender_rejected, Weight::decisive},         // ARC validation failure
    {0, 7, 30, R::tls_required, Weight::decisive},            // REQUIRETLS support required
    {0, 7, 1, R::policy_rejection, Weight::fallback},         // delivery not authorized, message refused
    {0, 7, -1, R::policy_rejection, Weight::fallback},        // security or policy status
};

bool rule_matches(const CodeRule& rule, const EnhancedStatus& status, bool whole_subject) {
  if (rule.klass != 0 && rule.klass != status.klass) return false;
  if (rule.subject != status.subject) return false;
  return whole_subject ? rule.detail == -1 : rule.detail == status.detail;
}

// The rule for exactly this detail, else the one for its whole subject.
const CodeRule* code_rule(const EnhancedStatus& status) {
  for (const bool whole_subject : {false, true})
    for (const auto& rule : kCodeRules)
      if (rule_matches(rule, status, whole_subject)) return &rule;
  return nullptr;
}

// ---------------------------------------------------------------------------
// Basic reply codes (RFC 5321 4.2.2/4.2.3, RFC 4954 6, RFC 3207 4, RFC 7504).

struct BasicRule {
  int code;
  ReplyReason reason;
  // A generic code ("451 local error in processing") says less than the
  // subject of an enhanced code sent with it ("451 4.7.1" is a policy refusal).
  bool generic = false;
};

constexpr BasicRule kBasicRules[] = {
    {421, R::service_unavailable},     // service not available, closing transmission channel
    {432, R::authentication_failed},   // a password transition is needed (RFC 4954)
    {451, R::temporary_local_error, true},  // local error in processing
    {452, R::temporary_local_error, true},  // insufficient system storage
    {500, R::syntax_error},            // syntax error, command unrecognized
    {501, R::syntax_error},            // syntax error in parameters or arguments
    {502, R::syntax_error},            // command not implemented
    {503, R::syntax_error},            // bad sequence of commands
    {504, R::syntax_error},            // command parameter not implemented
    {521, R::service_unavailable},     // host does not accept mail (RFC 7504)
    {530, R::authentication_required}, // authentication required (RFC 4954)
    {534, R::authentication_failed},   // authentication mechanism is too weak (RFC 4954)
    {535, R::authentication_failed},   // authentication credentials invalid (RFC 4954)
    {538, R::tls_required},            // encryption required for the mechanism (RFC 4954)
    {551, R::relay_denied},            // user not local; please try <forward-path>
    {555, R::syntax_error},            // MAIL/RCPT parameters not recognized or not implemented
    {556, R::mailbox_unknown},         // domain does not accept mail (RFC 7504)
};

const BasicRule* basic_rule(int code) {
  for (const auto& rule : kBasicRules)
    if (rule.code == code) return &rule;
  return nullptr;
}

// ---------------------------------------------------------------------------
// Text patterns of real servers: lower case, blanks as single spaces.

struct TextPattern {
  std::string_view needle;
  ReplyReason reason;
  bool at_start = false;  // the text must begin with it
  int klass = 0;          // only for 4xx (4) or 5xx (5) replies; 0 for both
  int code = 0;           // only for this reply code; 0 for any
  int subject = -1;       // only with a trusted enhanced code X.subject.detail; -1 for any
  int detail = -1;

  constexpr TextPattern starting() const {
    TextPattern p = *this;
    p.at_start = true;
    return p;
  }
  constexpr TextPattern for_class(int reply_class) const {
    TextPattern p = *this;
    p.klass = reply_class;
    return p;
  }
  constexpr TextPattern for_code(int reply_code) const {
    TextPattern p = *this;
    p.code = reply_code;
    return p;
  }
  constexpr TextPattern with_enhanced(int status_subject, int status_detail) const {
    TextPattern p = *this;
    p.subject = status_subject;
    p.detail = status_detail;
    return p;
  }
};

constexpr TextPattern says(std::string_view needle, ReplyReason reason) { return {needle, reason}; }

// Greylisting and rate limiting are more specific than any enhanced code a
// server sends with them (Gmail's "450 4.2.1 ... receiving mail at a rate",
// Microsoft's "421 4.3.2 The maximum number of concurrent server connections"):
// these patterns win over everything else.
constexpr TextPattern kOverridingPatterns[] = {
    says("greylist", R::greylisted).for_class(4),
    says("graylist", R::greylisted).for_class(4),
    says("grey-list", R::greylisted).for_class(4),
    says("gray-list", R::greylisted).for_class(4),
    says("grey list", R::greylisted).for_class(4),
    says("gray list", R::greylisted).for_class(4),
    says("is not yet authorized to deliver mail from", R::greylisted).for_class(4),  // greylistd
    says("try again later", R::greylisted).starting().for_code(451),                // rspamd
    says("try again later", R::greylisted).starting().for_code(450),
    says("temporary failure, please try again later", R::greylisted).starting().for_code(451),  // OpenBSD spamd

    says("rate limit", R::rate_limited),
    says("rate-limit", R::rate_limited),
    says("ratelimit", R::rate_limited),
    says("unusual rate", R::rate_limited),               // Gmail
    says("receiving mail at a rate", R::rate_limited),   // Gmail
    says("receiving mail too quickly", R::rate_limited), // Gmail
    says("sending rate", R::rate_limited),
    says("too many connections", R::rate_limited),       // Postfix, Exim
    says("too many concurrent", R::rate_limited),        // Exim
    says("maximum number of concurrent", R::rate_limited),  // Microsoft
    says("too many new tls sessions", R::rate_limited),  // Postfix
    says("too many messages", R::rate_limited),
    says("too much mail", R::rate_limited),              // Postfix
    says("too many recipients from", R::rate_limited),   // Postfix
    says("too many auth commands", R::rate_limited),     // Postfix
    says("too many open connections", R::rate_limited),  // Sendmail
    says("too many smtp sessions", R::rate_limited),
    says("connection rate", R::rate_limited),            // Sendmail
    says("server busy", R::rate_limited),                // Microsoft, Gmail
    says("server too busy", R::rate_limited),
    says("thread limit exceeded", R::rate_limited),      // Microsoft
    says("relay limit exceeded", R::rate_limited),       // Gmail
    says("sending quota", R::rate_limited),              // Microsoft
    says("sending limit", R::rate_limited),
    says("slow down", R::rate_limited),
};

// In order: the first match wins.
constexpr TextPattern kTextPatterns[] = {
    says("must issue a starttls command first", R::tls_required),  // RFC 3207, Postfix, Gmail
    says("starttls is required", R::tls_required),                 // Microsoft
    says("starttls required", R::tls_required),
    says("tls required", R::tls_required),                         // Gmail
    says("tls is required", R::tls_required),
    says("encryption required", R::tls_required),                  // Postfix
    says("must use tls", R::tls_required),

    says("relay access denied", R::relay_denied),       // Postfix, Microsoft
    says("relaying denied", R::relay_denied),           // Sendmail
    says("relaying temporarily denied", R::relay_denied),  // Sendmail
    says("relay not permitted", R::relay_denied),       // Exim
    says("unable to relay", R::relay_denied),           // Microsoft
    says("relay denied", R::relay_denied),              // Gmail
    says("relaying not allowed", R::relay_denied),
    says("relay not allowed", R::relay_denied),
    says("relaying disallowed", R::relay_denied),
    says("we do not relay", R::relay_denied),
    says("not permitted to relay", R::relay_denied),

    says("authentication required", R::authentication_required),  // RFC 4954, Gmail, Sendmail
    says("authentication is required", R::authentication_required),
    says("not authenticated", R::authentication_required),         // Microsoft, Sendmail
    says("must authenticate", R::authentication_required),
    says("not logged in", R::authentication_required),             // Postfix

    says("authentication failed", R::authentication_failed),        // Postfix, Sendmail, Dovecot
    says("authentication failure", R::authentication_failed),       // RFC 4954, Postfix
    says("authentication unsuccessful", R::authentication_failed),  // Microsoft
    says("authentication credentials invalid", R::authentication_failed),
    says("incorrect authentication data", R::authentication_failed),  // Exim
    says("username and password not accepted", R::authentication_failed),  // Gmail
    says("invalid credentials", R::authentication_failed),

    says("not listed in", R::mailbox_unknown),  // Domino: "not listed in Domino Directory"

    says("blocked using", R::blocked_listed),    // Postfix default_rbl_reply
    says("blocklist", R::blocked_listed),
    says("block list", R::blocked_listed),       // Microsoft
    says("blacklist", R::blocked_listed),
    says("black list", R::blocked_listed),       // Exim
    says("dnsbl", R::blocked_listed),
    says("spamhaus", R::blocked_listed),
    says("spamcop", R::blocked_listed),
    says("barracudacentral", R::blocked_listed),
    says("listed at", R::blocked_listed),        // Sendmail
    says("listed in", R::blocked_listed),
    says("listed on", R::blocked_listed),
    says("reputation", R::blocked_listed),       // Gmail, Microsoft
    says("banned sending ip", R::blocked_listed),  // Microsoft
    says("not accepted from this ip", R::blocked_listed),  // Microsoft
    says("ip you're using to send mail is not authorized", R::blocked_listed),  // Gmail
    says("client host rejected", R::blocked_listed),  // Postfix
    says("blocked - see", R::blocked_listed),    // Proofpoint
    says("not in whitelist", R::blocked_listed), // Gmail

    says("sender address rejected", R::sender_rejected),  // Postfix
    says("sender verify failed", R::sender_rejected),     // Exim
    says("verification failed for", R::sender_rejected),  // Exim
    says("domain of sender address", R::sender_rejected), // Sendmail
    says("sender rejected", R::sender_rejected),
    says("sender denied", R::sender_rejected),
    says("not owned by user", R::sender_rejected),        // Postfix
    says("sender policy framework", R::sender_rejected),  // Microsoft
    says("spf", R::sender_rejected),
    says("dmarc", R::sender_rejected),                    // Gmail, Microsoft

    says("recipient address rejected: access denied", R::mailbox_unknown).with_enhanced(4, 1),  // Microsoft
    says("user unknown", R::mailbox_unknown),        // Postfix, Sendmail
    says("unknown user", R::mailbox_unknown),        // Exim
    says("no such user", R::mailbox_unknown),
    says("no such recipient", R::mailbox_unknown),
    says("no such mailbox", R::mailbox_unknown),
    says("unknown recipient", R::mailbox_unknown),
    says("recipient unknown", R::mailbox_unknown),
    says("recipient not found", R::mailbox_unknown), // Microsoft
    says("recipientnotfound", R::mailbox_unknown),   // Microsoft
    says("mailbox not found", R::mailbox_unknown),
    says("addressee unknown", R::mailbox_unknown),
    says("unrouteable address", R::mailbox_unknown), // Exim
    says("does not exist", R::mailbox_unknown),      // Gmail
    says("doesn't exist", R::mailbox_unknown),       // Dovecot

    says("mailbox full", R::mailbox_full),           // Microsoft
    says("mailbox is full", R::mailbox_full),        // Dovecot, Exim
    says("quota exceeded", R::mailbox_full),         // Dovecot
    says("over quota", R::mailbox_full),             // Gmail
    says("overquota", R::mailbox_full),
    says("out of storage space", R::mailbox_full),   // Gmail
    says("inbox is full", R::mailbox_full),
    says("exceeded storage allocation", R::mailbox_full),  // RFC 5321 552
    says("mailbox size limit", R::mailbox_full),

    says("mailbox disabled", R::mailbox_disabled),   // Sendmail
    says("mailbox is disabled", R::mailbox_disabled),
    says("account disabled", R::mailbox_disabled),
    says("account is disabled", R::mailbox_disabled),
    says("account has been disabled", R::mailbox_disabled),
    says("tried to reach is disabled", R::mailbox_disabled),  // Gmail
    says("mailbox is inactive", R::mailbox_disabled),
    says("account is inactive", R::mailbox_disabled),
    says("account suspended", R::mailbox_disabled),
    says("account has been suspended", R::mailbox_disabled),

    says("syntax", R::syntax_error),                 // Postfix, Sendmail, RFC 5321 500/501
    says("command unrecognized", R::syntax_error),
    says("command not recognized", R::syntax_error), // Postfix
    says("unrecognized command", R::syntax_error),
    says("command not implemented", R::syntax_error),
    says("bad sequence of commands", R::syntax_error),
    says("need fully-qualified", R::syntax_error),   // Postfix
    says("send helo/ehlo first", R::syntax_error),   // Postfix
    says("need mail command", R::syntax_error),      // Postfix
    says("need rcpt command", R::syntax_error),      // Postfix

    says("message size", R::message_too_big),        // Postfix, Sendmail, Exim, Microsoft, Gmail
    says("size exceeds", R::message_too_big),
    says("too big", R::message_too_big),             // Postfix "message file too big"
    says("too large", R::message_too_big),
    says("size limit", R::message_too_big),

    says("temporary local problem", R::temporary_local_error).for_class(4),   // Exim
    says("temporary internal error", R::temporary_local_error).for_class(4),  // Dovecot
    says("temporary system failure", R::temporary_local_error).for_class(4),  // Sendmail
    says("temporary system problem", R::temporary_local_error).for_class(4),  // Gmail
    says("temporary lookup", R::temporary_local_error).for_class(4),          // Postfix
    says("temporary user lookup", R::temporary_local_error).for_class(4),     // Dovecot
    says("local error in processing", R::temporary_local_error).for_class(4), // RFC 5321 451
    says("insufficient system storage", R::temporary_local_error).for_class(4),  // Postfix, RFC 5321
    says("insufficient disk space", R::temporary_local_error).for_class(4),   // Sendmail
    says("server configuration", R::temporary_local_error).for_class(4),      // Postfix
    says("mail system error", R::temporary_local_error).for_class(4),         // Postfix
    says("queue file write error", R::temporary_local_error).for_class(4),    // Postfix
    says("server local error", R::temporary_local_error).for_class(4),        // Postfix

    says("shutting down", R::service_unavailable),       // a server stopping (RFC 5321 3.8)
    says("service not available", R::service_unavailable),  // RFC 5321 421
    says("service unavailable", R::service_unavailable),    // Postfix
    says("service temporarily unavailable", R::service_unavailable),
    says("no smtp service", R::service_unavailable),         // RFC 5321 3.1
    says("not accepting connections", R::service_unavailable),  // Postfix

    says("spam", R::policy_rejection),               // rspamd, Microsoft, Gmail
    says("unsolicited", R::policy_rejection),        // Gmail
    says("virus", R::policy_rejection),
    says("malware", R::policy_rejection),
    says("content filter", R::policy_rejection),     // Microsoft
    says("content rejected", R::policy_rejection),
    says("administrative prohibition", R::policy_rejection),  // Exim
    says("policy", R::policy_rejection),             // Gmail, Sendmail, Microsoft
};

bool pattern_applies(const TextPattern& pattern, int code, const std::optional<EnhancedStatus>& status) {
  if (pattern.klass != 0 && pattern.klass != code / 100) return false;
  if (pattern.code != 0 && pattern.code != code) return false;
  if (pattern.subject >= 0 && (!status || status->subject != pattern.subject || status->detail != pattern.detail))
    return false;
  return true;
}

// The pairs of adjacent bytes in a text. A needle with a pair the text lacks
// cannot occur in it: most patterns then cost a few bit tests instead of a
// search, whatever the text repeats.
class BytePairs {
 public:
  explicit BytePairs(std::string_view text) {
    for (std::size_t i = 0; i + 1 < text.size(); ++i) pairs_.set(index(text[i], text[i + 1]));
  }

  bool may_contain(std::string_view needle) const {
    for (std::size_t i = 0; i + 1 < needle.size(); ++i)
      if (!pairs_.test(index(needle[i], needle[i + 1]))) return false;
    return true;
  }

 private:
  static std::size_t index(char a, char b) {
    return static_cast<std::size_t>(static_cast<unsigned char>(a)) << 8 | static_cast<unsigned char>(b);
  }
  std::bitset<65536> pairs_;
};

// A plain substring search that tests two bytes before it compares the rest.
bool contains(std::string_view text, std::string_view needle) {
  if (needle.size() < 2) return text.find(needle) != std::string_view::npos;
  if (needle.size() > text.size()) return false;
  const std::size_t last = text.size() - needle.size();
  for (std::size_t at = 0; at <= last; ++at)
    if (text[at] == needle[0] && text[at + 1] == needle[1] &&
        text.compare(at + 2, needle.size() - 2, needle.substr(2)) == 0)
      return true;
  return false;
}

struct SearchedText {
  std::string_view text;
  BytePairs pairs;
};

bool pattern_found(const TextPattern& pattern, const SearchedText& searched) {
  if (pattern.at_start) return searched.text.substr(0, pattern.needle.size()) == pattern.needle;
  return searched.pairs.may_contain(pattern.needle) && contains(searched.text, pattern.needle);
}

template <std::size_t N>
std::optional<ReplyReason> first_match(const TextPattern (&patterns)[N], int code,
                                       const std::optional<EnhancedStatus>& status, const SearchedText& searched) {
  for (const auto& pattern : patterns)
    if (pattern_applies(pattern, code, status) && pattern_found(pattern, searched)) return pattern.reason;
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// The text as it is searched: lower case ASCII, every run of blanks and
// control bytes one space, the enhanced code at the start of each line taken
// off (multi-line replies repeat it, and a phrase may run across lines), at
// most kReasonTextLimit bytes.

class FoldedText {
 public:
  FoldedText() { text_.reserve(256); }

  void add_line(std::string_view line) {
    space_pending_ = !text_.empty();
    line.remove_prefix(enhanced_status_length(line));
    for (const char c : line) {
      if (text_.size() >= kReasonTextLimit) return;
      const auto byte = static_cast<unsigned char>(c);
      if (byte <= ' ' || byte == 0x7F) {
        space_pending_ = !text_.empty();
        continue;
      }
      if (space_pending_) {
        text_ += ' ';
        space_pending_ = false;
        if (text_.size() >= kReasonTextLimit) return;
      }
      text_ += (byte >= 'A' && byte <= 'Z') ? static_cast<char>(byte - 'A' + 'a') : c;
    }
  }

  bool full() const { return text_.size() >= kReasonTextLimit; }
  std::string_view view() const { return text_; }

 private:
  std::string text_;
  bool space_pending_ = false;
};

ReplyClassification classify_search_text(int code, const std::optional<EnhancedStatus>& status,
                                         std::string_view text) {
  if (code < 400 || code > 599) return {};
  const SearchedText searched{text, BytePairs(text)};
  if (const auto reason = first_match(kOverridingPatterns, code, status, searched))
    return {*reason, ReasonBasis::text};

  const CodeRule* rule = status ? code_rule(*status) : nullptr;
  if (rule && rule->weight == Weight::decisive) return {rule->reason, ReasonBasis::enhanced_code};
  if (const auto reason = first_match(kTextPatterns, code, status, searched)) return {*reason, ReasonBasis::text};
  const BasicRule* basic = basic_rule(code);
  if (basic && !basic->generic) return {basic->reason, ReasonBasis::reply_code};
  if (rule) return {rule->reason, ReasonBasis::enhanced_code};
  if (basic) return {basic->reason, ReasonBasis::reply_code};
  return {};
}

}  // namespace

ReplyClassification classify_reply(int code, std::optional<EnhancedStatus> trusted_status, std::string_view text) {
  FoldedText search;
  search.add_line(text);
  return classify_search_text(code, trusted_status, search.view());
}

ReplyClassification classify_reply(const Reply& reply) {
  FoldedText search;
  for (const auto& line : reply.lines) {
    if (search.full()) break;
    search.add_line(line);
  }
  return classify_search_text(reply.code, reply_status(reply).trusted(), search.view());
}

}  // namespace smtp_ping
