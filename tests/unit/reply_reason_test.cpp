#include "evaluation/reply_reason.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "reply_test_support.hpp"

namespace smtp_ping {
namespace {

using reply_test::reply_from;
using R = ReplyReason;
using B = ReasonBasis;

// A reply as a server family sends it (docs/replies.md names the source of
// each text), and what it must be recognised as, from what.
struct RealReply {
  const char* family;
  const char* raw;
  ReplyReason reason;
  ReasonBasis basis;
};

const std::vector<RealReply>& real_replies() {
  static const std::vector<RealReply> replies = {
      // Postfix (smtpd, postscreen, cleanup; default texts)
      {"postfix", "450 4.2.0 <probe@example.org>: Recipient address rejected: Greylisted, see "
                  "http://postgrey.schweikert.ch/help/example.org.html", R::greylisted, B::text},
      {"postfix", "421 4.7.0 mail.example.org Error: too many connections from 192.0.2.10", R::rate_limited, B::text},
      {"postfix", "450 4.7.1 Error: too much mail from 192.0.2.10", R::rate_limited, B::text},
      {"postfix", "452 4.5.3 Error: too many recipients", R::rate_limited, B::enhanced_code},
      {"postfix", "450 4.7.1 Error: too many AUTH commands from 192.0.2.10", R::rate_limited, B::text},
      {"postfix", "421 4.3.2 All server ports are busy", R::service_unavailable, B::enhanced_code},
      {"postfix", "552 5.3.4 Message file too big", R::message_too_big, B::enhanced_code},
      {"postfix", "554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org; "
                  "https://www.spamhaus.org/query/ip/192.0.2.10", R::blocked_listed, B::text},
      {"postfix", "450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.10]", R::blocked_listed, B::text},
      {"postfix", "450 4.7.25 Client host rejected: cannot find your hostname, [192.0.2.10]", R::blocked_listed,
       B::enhanced_code},
      {"postfix", "535 5.7.8 Error: authentication failed: authentication failure", R::authentication_failed,
       B::enhanced_code},
      {"postfix", "553 5.7.1 <probe@example.org>: Sender address rejected: not logged in", R::authentication_required,
       B::text},
      {"postfix", "530 5.7.0 Must issue a STARTTLS command first", R::tls_required, B::text},
      {"postfix", "504 5.5.4 Encryption required for requested authentication mechanism", R::tls_required, B::text},
      {"postfix", "550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown in local recipient table",
       R::mailbox_unknown, B::enhanced_code},
      {"postfix", "554 5.7.1 <someone@elsewhere.example>: Relay access denied", R::relay_denied, B::text},
      {"postfix", "552 5.3.4 Message size exceeds fixed limit", R::message_too_big, B::enhanced_code},
      {"postfix", "550 5.7.1 Message content rejected", R::policy_rejection, B::text},
      {"postfix", "554 5.7.1 <nobody@example.org>: Recipient address rejected: Access denied", R::policy_rejection,
       B::enhanced_code},
      {"postfix", "450 4.1.8 <probe@nonexistent.example>: Sender address rejected: Domain not found",
       R::sender_rejected, B::enhanced_code},
      {"postfix", "553 5.7.1 <probe@example.org>: Sender address rejected: not owned by user other", R::sender_rejected,
       B::text},
      {"postfix", "501 5.5.4 Syntax: MAIL FROM:<address>", R::syntax_error, B::text},
      {"postfix", "501 5.5.4 Bad message size syntax", R::syntax_error, B::text},
      {"postfix", "503 5.5.1 Error: need RCPT command", R::syntax_error, B::text},
      {"postfix", "500 5.5.2 Error: command not recognized", R::syntax_error, B::text},
      {"postfix", "452 4.3.1 Insufficient system storage", R::temporary_local_error, B::enhanced_code},
      {"postfix", "451 4.3.5 Server configuration error", R::temporary_local_error, B::enhanced_code},
      {"postfix", "451 4.3.0 Error: queue file write error", R::temporary_local_error, B::text},
      {"postfix", "421 4.3.2 Service currently unavailable", R::service_unavailable, B::enhanced_code},
      {"postfix", "554 mail.example.org ESMTP not accepting connections", R::service_unavailable, B::text},

      // Exim (default configuration; no enhanced codes)
      {"exim", "451 192.0.2.10 is not yet authorized to deliver mail from <probe@example.org> to "
               "<user@example.org>. Please try later.", R::greylisted, B::text},
      {"exim", "421 mx.example.org: Too many concurrent SMTP connections; please try again later", R::rate_limited,
       B::text},
      {"exim", "550 rejected because 192.0.2.10 is in a black list at zen.spamhaus.org", R::blocked_listed, B::text},
      {"exim", "535 Incorrect authentication data", R::authentication_failed, B::text},
      {"exim", "550 Unknown user", R::mailbox_unknown, B::text},
      {"exim", "550 Unrouteable address", R::mailbox_unknown, B::text},
      {"exim", "550 relay not permitted", R::relay_denied, B::text},
      {"exim", "552 Message size exceeds maximum permitted", R::message_too_big, B::text},
      {"exim", "550 Administrative prohibition", R::policy_rejection, B::text},
      {"exim", "550-Verification failed for <probe@example.org>\n550-Unrouteable address\n550 Sender verify failed",
       R::sender_rejected, B::text},
      {"exim", "451 Temporary local problem - please try later", R::temporary_local_error, B::text},
      {"exim", "501 <probe@>: missing or malformed local part", R::syntax_error, B::reply_code},

      // Microsoft 365 / TranscriptEntry Online (NDR texts)
      {"microsoft", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
       R::mailbox_unknown, B::enhanced_code},
      {"microsoft", "550 5.4.1 Recipient address rejected: Access denied. AS(201806281) "
                    "[BN8NAM12FT058.eop-nam12.prod.protection.outlook.com]", R::mailbox_unknown, B::text},
      {"microsoft", "550 5.7.606 Access denied, banned sending IP [192.0.2.10]. To request removal from this list "
                    "please visit https://sender.office.com/ and follow the directions.", R::blocked_listed, B::text},
      {"microsoft", "550 5.7.1 Unfortunately, messages from [192.0.2.10] weren't sent. Please contact your Internet "
                    "service provider since part of their network is on our block list (AS3150).", R::blocked_listed,
       B::text},
      {"microsoft", "451 4.7.500 Server busy. Please try again later from [192.0.2.10]. (S77719)", R::rate_limited,
       B::text},
      {"microsoft", "421 4.3.2 The maximum number of concurrent server connections has exceeded a limit, closing "
                    "transmission channel", R::rate_limited, B::text},
      {"microsoft", "432 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded", R::rate_limited, B::text},
      {"microsoft", "550 5.7.64 TenantAttribution; Relay Access Denied", R::relay_denied, B::text},
      {"microsoft", "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain", R::relay_denied, B::text},
      {"microsoft", "530 5.7.57 Client not authenticated to send mail during MAIL FROM", R::authentication_required,
       B::text},
      {"microsoft", "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.",
       R::authentication_failed, B::text},
      {"microsoft", "535 5.7.3 Authentication unsuccessful", R::authentication_failed, B::text},
      {"microsoft", "451 5.7.3 STARTTLS is required to send mail", R::tls_required, B::text},
      {"microsoft", "552 5.3.4 Message size exceeds fixed maximum message size", R::message_too_big, B::enhanced_code},
      {"microsoft", "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException."
                    "MapiExceptionShutoffQuotaExceeded", R::mailbox_full, B::enhanced_code},
      {"microsoft", "550 5.7.1 Message rejected as spam by Content Filtering.", R::policy_rejection, B::text},
      {"microsoft", "550 5.7.509 Access denied, sending domain [example.org] does not pass DMARC verification and has "
                    "a DMARC policy of reject.", R::sender_rejected, B::text},
      {"microsoft", "550 5.7.23 The message was rejected because of Sender Policy Framework violation",
       R::sender_rejected, B::enhanced_code},

      // Gmail / Google Workspace (multi-line, the code repeated on every line)
      {"gmail", "550-5.1.1 The email account that you tried to reach does not exist. Please try\n"
                "550-5.1.1 double-checking the recipient's email address for typos or\n"
                "550-5.1.1 unnecessary spaces. Learn more at\n"
                "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser", R::mailbox_unknown, B::enhanced_code},
      {"gmail", "452-4.2.2 The recipient's inbox is out of storage space. Please direct the\n"
                "452-4.2.2 recipient to\n452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp", R::mailbox_full,
       B::enhanced_code},
      {"gmail", "552-5.2.2 The email account that you tried to reach is over quota.", R::mailbox_full, B::enhanced_code},
      {"gmail", "550-5.2.1 The email account that you tried to reach is disabled.", R::mailbox_disabled,
       B::enhanced_code},
      {"gmail", "450-4.2.1 The user you are trying to contact is receiving mail at a rate that\n"
                "450-4.2.1 prevents additional messages from being delivered. Please resend your\n"
                "450 4.2.1 message at a later time.", R::rate_limited, B::text},
      {"gmail", "421-4.7.0 [192.0.2.10] Our system has detected an unusual rate of\n"
                "421-4.7.0 unsolicited mail originating from your IP address.", R::rate_limited, B::text},
      {"gmail", "421-4.7.28 [192.0.2.10] Gmail has detected an unusual rate of unsolicited mail.", R::rate_limited,
       B::text},
      {"gmail", "552-5.3.4 Your message exceeded Google's message size limits.", R::message_too_big, B::enhanced_code},
      {"gmail", "530-5.7.0 Authentication Required. Learn more at\n"
                "530 5.7.0  https://support.google.com/mail/?p=WantAuthError", R::authentication_required, B::text},
      {"gmail", "535-5.7.8 Username and Password not accepted. Learn more at\n"
                "535 5.7.8  https://support.google.com/mail/?p=BadCredentials", R::authentication_failed,
       B::enhanced_code},
      {"gmail", "530 5.7.0 Must issue a STARTTLS command first.", R::tls_required, B::text},
      {"gmail", "421 4.7.0 TLS required for RCPT domain, closing connection.", R::tls_required, B::text},
      {"gmail", "550-5.7.1 [192.0.2.10] The IP you're using to send mail is not authorized to\n"
                "550-5.7.1 send email directly to our servers. Please use the SMTP relay at your\n"
                "550 5.7.1 service provider instead.", R::blocked_listed, B::text},
      {"gmail", "421 4.7.0 IP not in whitelist for RCPT domain, closing connection.", R::blocked_listed, B::text},
      {"gmail", "550-5.7.25 The IP address sending this message does not have a PTR record setup", R::blocked_listed,
       B::enhanced_code},
      {"gmail", "550-5.7.1 [192.0.2.10] Our system has detected that this message is\n"
                "550 5.7.1 likely unsolicited mail.", R::policy_rejection, B::text},
      {"gmail", "550-5.7.26 Unauthenticated email from example.org is not accepted due to domain's\n"
                "550 5.7.26 DMARC policy.", R::sender_rejected, B::enhanced_code},
      {"gmail", "550 5.7.0 Mail relay denied [192.0.2.10]. Invalid credentials for relay for one of the domains in: "
                "example.org", R::relay_denied, B::text},
      {"gmail", "421 4.3.0 Temporary System Problem. Try again later", R::temporary_local_error, B::text},
      {"gmail", "421 4.7.0 Try again later, closing connection.", R::service_unavailable, B::reply_code},

      // Sendmail (srvrsmtp.c, proto.m4 and feature texts)
      {"sendmail", "421 4.3.2 Connection rate limit exceeded.", R::rate_limited, B::text},
      {"sendmail", "421 4.3.2 Too many open connections.", R::rate_limited, B::text},
      {"sendmail", "550 5.7.1 Rejected: 192.0.2.10 listed at zen.spamhaus.org", R::blocked_listed, B::text},
      {"sendmail", "535 5.7.0 authentication failed", R::authentication_failed, B::text},
      {"sendmail", "454 4.5.4 Temporary authentication failure", R::authentication_failed, B::text},
      {"sendmail", "503 5.7.0 Authentication required.", R::authentication_required, B::text},
      {"sendmail", "550 5.1.1 <nobody@example.org>... User unknown", R::mailbox_unknown, B::enhanced_code},
      {"sendmail", "550 5.7.1 <someone@elsewhere.example>... Relaying denied. Proper authentication required.",
       R::relay_denied, B::text},
      {"sendmail", "552 5.2.3 Message size exceeds maximum value", R::message_too_big, B::enhanced_code},
      {"sendmail", "550 5.7.1 Access denied", R::policy_rejection, B::enhanced_code},
      {"sendmail", "553 5.1.8 <probe@nonexistent.example>... Domain of sender address probe@nonexistent.example does "
                   "not exist", R::sender_rejected, B::enhanced_code},
      {"sendmail", "550 Mailbox disabled for this recipient", R::mailbox_disabled, B::text},
      {"sendmail", "452 4.4.5 Insufficient disk space; try again later", R::temporary_local_error, B::text},
      {"sendmail", "451 4.3.0 Temporary system failure. Please try again later.", R::temporary_local_error, B::text},
      {"sendmail", "451 4.7.1 Greylisting in action, please come back later", R::greylisted, B::text},  // milter-greylist

      // Dovecot LMTP and submission
      {"dovecot", "550 5.1.1 <nobody@example.org> User doesn't exist: nobody@example.org", R::mailbox_unknown,
       B::enhanced_code},
      {"dovecot", "552 5.2.2 <user@example.org> Quota exceeded (mailbox for user is full)", R::mailbox_full,
       B::enhanced_code},
      {"dovecot", "452 4.2.2 <user@example.org> Quota exceeded (mailbox for user is full)", R::mailbox_full,
       B::enhanced_code},
      {"dovecot", "451 4.3.0 <user@example.org> Temporary internal error", R::temporary_local_error, B::text},
      {"dovecot", "451 4.3.0 <user@example.org> Temporary user lookup failure", R::temporary_local_error, B::text},
      {"dovecot", "535 5.7.8 Authentication failed", R::authentication_failed, B::enhanced_code},

      // Greylisting implementations and filters
      {"rspamd", "451 4.7.1 Try again later", R::greylisted, B::text},
      {"rspamd", "451 4.7.1 Try again later: 2024-05-01 12:00:00", R::greylisted, B::text},
      {"rspamd", "554 5.7.1 Spam message rejected", R::policy_rejection, B::text},
      {"spamd", "451 Temporary failure, please try again later.", R::greylisted, B::text},
  };
  return replies;
}

void expect_recognised(const RealReply& real) {
  const Reply reply = reply_from(real.raw);
  const ReplyClassification got = classify_reply(reply);
  EXPECT_EQ(got.reason, real.reason) << real.family << ": " << real.raw;
  EXPECT_EQ(got.basis, real.basis) << real.family << ": " << real.raw;
}

TEST(ReplyReason, RecognisesRealServerReplies) {
  for (const auto& real : real_replies()) expect_recognised(real);
}

TEST(ReplyReason, EveryReasonAndEveryServerFamilyHasARealReply) {
  std::set<ReplyReason> reasons;
  std::set<std::string> families;
  for (const auto& real : real_replies()) {
    reasons.insert(real.reason);
    families.insert(real.family);
  }
  for (const R reason : {R::greylisted, R::rate_limited, R::blocked_listed, R::authentication_failed,
                         R::authentication_required, R::tls_required, R::mailbox_unknown, R::mailbox_full,
                         R::mailbox_disabled, R::relay_denied, R::message_too_big, R::policy_rejection,
                         R::sender_rejected, R::syntax_error, R::service_unavailable, R::temporary_local_error})
    EXPECT_EQ(reasons.count(reason), 1u) << static_cast<int>(reason);
  for (const char* family : {"postfix", "exim", "microsoft", "gmail", "sendmail", "dovecot", "rspamd"})
    EXPECT_EQ(families.count(family), 1u) << family;
}

TEST(ReplyReason, ReplyCodeAloneWhenThereIsNoEnhancedCodeAndNoKnownText) {
  const struct {
    const char* raw;
    ReplyReason reason;
  } cases[] = {
      {"421 mx.example.org closing", R::service_unavailable},
      {"432 x", R::authentication_failed},
      {"451 x", R::temporary_local_error},
      {"452 x", R::temporary_local_error},
      {"500 x", R::syntax_error},
      {"501 x", R::syntax_error},
      {"502 x", R::syntax_error},
      {"503 x", R::syntax_error},
      {"504 x", R::syntax_error},
      {"521 mx.example.org", R::service_unavailable},
      {"530 x", R::authentication_required},
      {"534 x", R::authentication_failed},
      {"535 x", R::authentication_failed},
      {"538 x", R::tls_required},
      {"551 User not local; please try <user@elsewhere.example>", R::relay_denied},
      {"555 x", R::syntax_error},
      {"556 example.org", R::mailbox_unknown},
  };
  for (const auto& c : cases) {
    const auto got = classify_reply(reply_from(c.raw));
    EXPECT_EQ(got.reason, c.reason) << c.raw;
    EXPECT_EQ(got.basis, B::reply_code) << c.raw;
  }
}

TEST(ReplyReason, UnknownWhenNothingIsRecognised) {
  for (const char* raw : {"550 x", "450 x", "554 Transaction failed", "550 5.0.0 x", "450 4.0.0 x", "550 5.2.4 x",
                          "550", "553 x"}) {
    const auto got = classify_reply(reply_from(raw));
    EXPECT_EQ(got.reason, R::unknown) << raw;
    EXPECT_EQ(got.basis, B::none) << raw;
  }
}

TEST(ReplyReason, PositiveRepliesHaveNoReason) {
  for (const char* raw : {"250 2.1.5 Ok", "220 mx.example.org ESMTP greylisting enabled", "354 End data with .",
                          "235 2.7.0 Authentication successful"}) {
    const auto got = classify_reply(reply_from(raw));
    EXPECT_EQ(got.reason, R::unknown) << raw;
    EXPECT_EQ(got.basis, B::none) << raw;
  }
}

TEST(ReplyReason, EnhancedCodeFallbackAfterTextAndReplyCode) {
  // No text pattern, no rule for the reply code: the registry's subject decides.
  EXPECT_EQ(classify_reply(reply_from("550 5.7.1 go away")).reason, R::policy_rejection);
  EXPECT_EQ(classify_reply(reply_from("550 5.7.1 go away")).basis, B::enhanced_code);
  EXPECT_EQ(classify_reply(reply_from("554 5.6.0 x")).reason, R::policy_rejection);
  EXPECT_EQ(classify_reply(reply_from("450 4.4.3 x")).reason, R::temporary_local_error);
  EXPECT_EQ(classify_reply(reply_from("550 5.1.4 x")).reason, R::mailbox_unknown);
  // The reply code comes before a fallback enhanced code: 530 5.7.0 is "authentication required".
  EXPECT_EQ(classify_reply(reply_from("530 5.7.0 x")).reason, R::authentication_required);
  EXPECT_EQ(classify_reply(reply_from("530 5.7.0 x")).basis, B::reply_code);
}

TEST(ReplyReason, DecisiveEnhancedCodeWinsOverText) {
  // The text would say "relay", the registry's code is specific.
  const auto got = classify_reply(reply_from("550 5.1.1 <x@example.org>: unknown here, we do not relay"));
  EXPECT_EQ(got.reason, R::mailbox_unknown);
  EXPECT_EQ(got.basis, B::enhanced_code);
}

TEST(ReplyReason, EveryDecisiveRegistryCodeWithoutText) {
  const struct {
    const char* raw;
    ReplyReason reason;
  } cases[] = {
      {"550 5.1.1 x", R::mailbox_unknown},        {"550 5.1.2 x", R::mailbox_unknown},
      {"501 5.1.3 x", R::syntax_error},           {"550 5.1.6 x", R::mailbox_unknown},
      {"501 5.1.7 x", R::sender_rejected},        {"550 5.1.8 x", R::sender_rejected},
      {"556 5.1.10 x", R::mailbox_unknown},       {"550 5.2.1 x", R::mailbox_disabled},
      {"552 5.2.2 x", R::mailbox_full},           {"552 5.2.3 x", R::message_too_big},
      {"452 4.3.1 x", R::temporary_local_error},  {"421 4.3.2 x", R::service_unavailable},
      {"552 5.3.4 x", R::message_too_big},        {"451 4.3.5 x", R::temporary_local_error},
      {"452 4.5.3 x", R::rate_limited},           {"500 5.5.6 x", R::authentication_failed},
      {"535 5.7.8 x", R::authentication_failed},  {"534 5.7.9 x", R::authentication_failed},
      {"523 5.7.10 x", R::tls_required},          {"538 5.7.11 x", R::tls_required},
      {"432 4.7.12 x", R::authentication_failed}, {"525 5.7.13 x", R::authentication_failed},
      {"552 5.7.16 x", R::message_too_big},       {"550 5.7.20 x", R::sender_rejected},
      {"550 5.7.21 x", R::sender_rejected},       {"550 5.7.22 x", R::sender_rejected},
      {"550 5.7.23 x", R::sender_rejected},       {"451 4.7.24 x", R::sender_rejected},
      {"550 5.7.25 x", R::blocked_listed},        {"550 5.7.26 x", R::sender_rejected},
      {"550 5.7.27 x", R::sender_rejected},       {"450 4.7.28 x", R::rate_limited},
      {"550 5.7.29 x", R::sender_rejected},       {"550 5.7.30 x", R::tls_required},
  };
  for (const auto& c : cases) {
    const auto got = classify_reply(reply_from(c.raw));
    EXPECT_EQ(got.reason, c.reason) << c.raw;
    EXPECT_EQ(got.basis, B::enhanced_code) << c.raw;
  }
}

TEST(ReplyReason, ContradictingEnhancedCodeIsNotTrusted) {
  // 550 with a transient-class code: the code says "mailbox full", the reply code not.
  const auto full = classify_reply(reply_from("550 4.2.2 x"));
  EXPECT_EQ(full.reason, R::unknown);
  EXPECT_EQ(full.basis, B::none);
  // 451 with a permanent-class code: only the reply code and the text count.
  const auto local = classify_reply(reply_from("451 5.1.1 x"));
  EXPECT_EQ(local.reason, R::temporary_local_error);
  EXPECT_EQ(local.basis, B::reply_code);
  // The Microsoft 365 reply: the text decides.
  EXPECT_EQ(classify_reply(reply_from("451 5.7.3 STARTTLS is required to send mail")).reason, R::tls_required);
}

TEST(ReplyReason, ExplicitArgumentsAsFromAReply) {
  const auto got = classify_reply(550, EnhancedStatus{5, 1, 1}, "5.1.1 whatever");
  EXPECT_EQ(got.reason, R::mailbox_unknown);
  EXPECT_EQ(got.basis, B::enhanced_code);
  EXPECT_EQ(classify_reply(550, std::nullopt, "5.1.1 User unknown").reason, R::mailbox_unknown);
  EXPECT_EQ(classify_reply(550, std::nullopt, "").reason, R::unknown);
}

TEST(ReplyReason, TextIsMatchedCaseInsensitively) {
  EXPECT_EQ(classify_reply(reply_from("550 USER UNKNOWN")).reason, R::mailbox_unknown);
  EXPECT_EQ(classify_reply(reply_from("554 rElAy AcCeSs DeNiEd")).reason, R::relay_denied);
  EXPECT_EQ(classify_reply(reply_from("450 4.2.0 GREYLISTED")).reason, R::greylisted);
}

TEST(ReplyReason, BlanksAndLineBreaksFoldIntoOneSpace) {
  EXPECT_EQ(classify_reply(reply_from("550 user \t  unknown")).reason, R::mailbox_unknown);
  // A phrase broken across lines, each with the code repeated (as Gmail does).
  EXPECT_EQ(classify_reply(reply_from("550-5.7.1 Relay access\n550 5.7.1 denied")).reason, R::relay_denied);
  EXPECT_EQ(classify_reply(reply_from("554-Relay access\n554 denied")).reason, R::relay_denied);
}

TEST(ReplyReason, GreylistingOnlyForTemporaryReplies) {
  EXPECT_EQ(classify_reply(reply_from("550 5.7.1 greylisted")).reason, R::policy_rejection);
  // "Try again later" alone is rspamd's greylisting only as a 450/451 reply that starts with it.
  EXPECT_EQ(classify_reply(reply_from("421 4.7.0 Try again later, closing connection.")).reason,
            R::service_unavailable);
  EXPECT_EQ(classify_reply(reply_from("451 4.7.1 <x@example.org>: Recipient address rejected: Try again later"))
                .reason,
            R::policy_rejection);
}

TEST(ReplyReason, TemporaryLocalErrorTextsOnlyForTemporaryReplies) {
  EXPECT_EQ(classify_reply(reply_from("451 Temporary local problem - please try later")).reason,
            R::temporary_local_error);
  EXPECT_EQ(classify_reply(reply_from("554 Temporary local problem")).reason, R::unknown);
}

// Hostile replies: any bytes, any length. The reply reader caps a reply at
// 256 KiB; the classifier must stay correct and bounded whatever it gets.

TEST(ReplyReasonHostile, LongTextIsSearchedOnlyAtItsStart) {
  const std::string filler(300 * 1024, 'a');
  Reply reply{550, {"5.7.1 " + filler + " user unknown"}};
  EXPECT_EQ(classify_reply(reply).reason, R::policy_rejection);  // the phrase lies beyond the limit
  reply.lines = {"user unknown " + filler};
  EXPECT_EQ(classify_reply(reply).reason, R::mailbox_unknown);
}

TEST(ReplyReasonHostile, ThePhraseJustInsideTheLimitCounts) {
  const std::string phrase = "user unknown";
  const std::string head(kReasonTextLimit - phrase.size() - 1, 'x');
  Reply reply{550, {head + " " + phrase + " and more"}};
  EXPECT_EQ(classify_reply(reply).reason, R::mailbox_unknown);
  reply.lines = {head + "xx " + phrase};
  EXPECT_EQ(classify_reply(reply).reason, R::unknown);
}

TEST(ReplyReasonHostile, BlanksDoNotCountTowardsTheLimit) {
  const std::string blanks(200 * 1024, ' ');
  const Reply reply{550, {blanks + "user" + blanks + "unknown"}};
  EXPECT_EQ(classify_reply(reply).reason, R::mailbox_unknown);
}

TEST(ReplyReasonHostile, ManyLines) {
  Reply reply{550, std::vector<std::string>(100000, "abc")};
  reply.lines.back() = "user unknown";
  EXPECT_EQ(classify_reply(reply).reason, R::unknown);
  reply.lines.front() = "user unknown";
  EXPECT_EQ(classify_reply(reply).reason, R::mailbox_unknown);
}

TEST(ReplyReasonHostile, NulAndControlBytesAreBlanks) {
  EXPECT_EQ(classify_reply(Reply{550, {std::string("No\0such\x01user", 12)}}).reason, R::mailbox_unknown);
  EXPECT_EQ(classify_reply(Reply{550, {std::string(1000, '\0')}}).reason, R::unknown);
  EXPECT_EQ(classify_reply(Reply{550, {std::string("5.1.1\0User unknown", 18)}}).basis, B::text);
}

TEST(ReplyReasonHostile, InvalidUtf8AroundAPhrase) {
  EXPECT_EQ(classify_reply(Reply{552, {"\xff\xfe\xc3 Quota exceeded \xe2\x82"}}).reason, R::mailbox_full);
  EXPECT_EQ(classify_reply(Reply{550, {"\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80"}}).reason, R::unknown);
  // Bytes above 0x7F are never folded to ASCII: no match through them.
  EXPECT_EQ(classify_reply(Reply{550, {"user\xc2\xa0unknown"}}).reason, R::unknown);
}

TEST(ReplyReasonHostile, CodesOutsideTheFailureRange) {
  EXPECT_EQ(classify_reply(Reply{0, {"user unknown"}}).reason, R::unknown);
  EXPECT_EQ(classify_reply(Reply{999, {"user unknown"}}).reason, R::unknown);
  EXPECT_EQ(classify_reply(Reply{-550, {"user unknown"}}).reason, R::unknown);
}

}  // namespace
}  // namespace smtp_ping
