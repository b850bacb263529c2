#include "output/status_meaning.hpp"

#include <string_view>

// Sources of every entry: docs/replies.md ("Enhanced status codes", "Reply codes").

namespace smtp_ping {
namespace {

struct Subject {
  int subject;
  std::string_view name;     // the registry's subject sub-code, in short
  std::string_view general;  // what any detail of it is about
};

constexpr Subject kSubjects[] = {
    {0, "other or undefined status", "no further detail is given"},
    {1, "addressing", "something about the sender or recipient address"},
    {2, "mailbox", "something about the recipient's mailbox"},
    {3, "mail system", "something about the receiving mail system"},
    {4, "network and routing", "something about the network or the routing of the message"},
    {5, "mail delivery protocol", "something about the SMTP dialog"},
    {6, "message content or media", "something about the content of the message"},
    {7, "security or policy", "something about security or policy"},
};

struct Detail {
  int subject;
  int detail;
  std::string_view meaning;
};

constexpr Detail kDetails[] = {
    {0, 0, "no further detail is given"},
    {1, 0, "something about an address"},
    {1, 1, "the destination mailbox does not exist"},
    {1, 2, "the destination domain does not exist or takes no mail"},
    {1, 3, "the destination address is malformed"},
    {1, 4, "the destination address is ambiguous"},
    {1, 5, "the destination address is valid"},
    {1, 6, "the mailbox has moved and left no forwarding address"},
    {1, 7, "the sender address is malformed"},
    {1, 8, "the sender's domain does not exist or takes no mail"},
    {1, 9, "the message was relayed to a mailer that does not speak this protocol"},
    {1, 10, "the recipient's domain has a null MX and takes no mail"},
    {2, 0, "something about the mailbox"},
    {2, 1, "the mailbox is disabled and takes no messages"},
    {2, 2, "the mailbox is full"},
    {2, 3, "the message is longer than this mailbox allows"},
    {2, 4, "a mailing list could not be expanded"},
    {3, 0, "something about the mail system"},
    {3, 1, "the mail system's storage is full"},
    {3, 2, "the system is not accepting messages now"},
    {3, 3, "the system lacks a feature the message needs"},
    {3, 4, "the message is larger than the system allows"},
    {3, 5, "the system is not configured to accept this message"},
    {3, 6, "the requested priority was changed"},
    {4, 0, "something about the network or routing"},
    {4, 1, "the next host did not answer"},
    {4, 2, "the connection broke down"},
    {4, 3, "a directory server (such as DNS) failed"},
    {4, 4, "no route to the destination could be found"},
    {4, 5, "the mail system is congested"},
    {4, 6, "a routing loop was detected"},
    {4, 7, "the message is too old: its delivery time expired"},
    {5, 0, "something about the protocol"},
    {5, 1, "a command was invalid or out of sequence"},
    {5, 2, "a command could not be understood"},
    {5, 3, "the message has too many recipients"},
    {5, 4, "a command's arguments were invalid"},
    {5, 5, "the protocol versions do not match"},
    {5, 6, "an authentication exchange line was too long"},
    {6, 0, "something about the content of the message"},
    {6, 1, "the message's media type is not supported"},
    {6, 2, "the content would need converting, which is not allowed"},
    {6, 3, "the content would need converting, which is not possible"},
    {6, 4, "the content was converted and lost data"},
    {6, 5, "converting the content failed"},
    {6, 6, "the message content could not be fetched"},
    {6, 7, "non-ASCII addresses are not allowed for this sender or recipient"},
    {6, 8, "a UTF-8 reply is needed but the client does not allow one"},
    {6, 9, "a message with UTF-8 headers cannot be passed on"},
    {6, 10, "a UTF-8 reply is needed but the client does not allow one (deprecated duplicate of X.6.8)"},
    {7, 0, "something about security or policy"},
    {7, 1, "delivery is not authorized: the message was refused"},
    {7, 2, "sending to this mailing list is not allowed"},
    {7, 3, "a required security conversion is not possible"},
    {7, 4, "security features of the message are not supported"},
    {7, 5, "a cryptographic operation failed"},
    {7, 6, "a cryptographic algorithm is not supported"},
    {7, 7, "the message failed an integrity check"},
    {7, 8, "the authentication credentials are invalid"},
    {7, 9, "the authentication mechanism is too weak"},
    {7, 10, "encryption is needed"},
    {7, 11, "this authentication mechanism needs an encrypted connection"},
    {7, 12, "a password transition is needed"},
    {7, 13, "the user account is disabled"},
    {7, 14, "a trust relationship is required"},
    {7, 15, "the priority level is too low"},
    {7, 16, "the message is too big for its priority"},
    {7, 17, "the mailbox has changed owner"},
    {7, 18, "the domain has changed owner"},
    {7, 19, "the RRVS check could not be completed"},
    {7, 20, "no passing DKIM signature was found"},
    {7, 21, "no acceptable DKIM signature was found"},
    {7, 22, "no valid DKIM signature matching the author was found"},
    {7, 23, "SPF validation failed"},
    {7, 24, "SPF validation failed with an error"},
    {7, 25, "reverse DNS validation failed"},
    {7, 26, "several authentication checks failed"},
    {7, 27, "the sender address has a null MX"},
    {7, 28, "a mail flood was detected"},
    {7, 29, "ARC validation failed"},
    {7, 30, "REQUIRETLS support is required"},
};

std::string_view class_words(int klass) {
  switch (klass) {
    case 2: return "success";
    case 3: return "intermediate reply";
    case 4: return "temporary failure";
    case 5: return "permanent failure";
    default: return "unknown class";
  }
}

const Subject* find_subject(int subject) {
  for (const auto& entry : kSubjects)
    if (entry.subject == subject) return &entry;
  return nullptr;
}

const Detail* find_detail(int subject, int detail) {
  for (const auto& entry : kDetails)
    if (entry.subject == subject && entry.detail == detail) return &entry;
  return nullptr;
}

struct CodeWords {
  int code;
  std::string_view meaning;
};

constexpr CodeWords kReplyCodes[] = {
    {421, "the service is not available and the server closes the connection"},
    {432, "a password transition is needed"},
    {450, "mailbox unavailable (busy, or refused for now)"},
    {451, "the server had a local error while processing"},
    {452, "the server has not enough storage"},
    {454, "TLS or authentication is not available for now"},
    {455, "the server cannot accommodate the parameters"},
    {500, "command not recognized"},
    {501, "syntax error in parameters or arguments"},
    {502, "command not implemented"},
    {503, "bad sequence of commands"},
    {504, "command parameter not implemented"},
    {521, "the host does not accept mail"},
    {530, "authentication (or TLS) is required first"},
    {534, "the authentication mechanism is too weak"},
    {535, "the authentication credentials are invalid"},
    {538, "this authentication mechanism needs an encrypted connection"},
    {550, "mailbox unavailable (not found, not accessible, or refused by policy)"},
    {551, "user not local"},
    {552, "exceeded storage allocation"},
    {553, "mailbox name not allowed"},
    {554, "transaction failed (or, as a greeting, no SMTP service here)"},
    {555, "MAIL FROM/RCPT TO parameters not recognized or not implemented"},
    {556, "the domain does not accept mail"},
};

}  // namespace

std::string enhanced_status_meaning(const EnhancedStatus& status) {
  std::string out(class_words(status.klass));
  const Subject* subject = find_subject(status.subject);
  if (!subject) return out + ", unregistered subject " + std::to_string(status.subject);
  out += ", ";
  out += subject->name;
  out += ": ";
  if (const Detail* detail = find_detail(status.subject, status.detail)) {
    out += detail->meaning;
    return out;
  }
  out += subject->general;
  out += " (detail " + std::to_string(status.detail) + " is not registered)";
  return out;
}

std::string reply_code_meaning(int code) {
  std::string out(class_words(code / 100));
  for (const auto& entry : kReplyCodes)
    if (entry.code == code) return out + ": " + std::string(entry.meaning);
  return out;
}

}  // namespace smtp_ping
