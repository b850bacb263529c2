#include "smtp/reply_reader.hpp"

#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "common/unique_fd.hpp"
#include "net/connection.hpp"
#include "net/transport_error.hpp"

namespace smtp_ping {
namespace {

using Strings = std::vector<std::string>;

Deadline generous() { return Deadline::after(std::chrono::seconds(10)); }

// A Connection over one end of a socket pair; the test plays the server on the other end.
class ReplyReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    int fds[2];
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds), 0);
    connection_ = std::make_unique<Connection>(UniqueFd(fds[0]));
    peer_ = UniqueFd(fds[1]);
  }

  void server_writes(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t sent = ::send(peer_.get(), bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (sent > 0) {
        done += static_cast<std::size_t>(sent);
        continue;
      }
      ASSERT_TRUE(errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) << "send failed";
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

  // Bytes waiting in the client's receive queue (not yet read by the reader).
  int unread() const {
    int count = -1;
    ::ioctl(connection_->fd(), FIONREAD, &count);
    return count;
  }

  // Writes the pieces one after another, each only after the reader has taken
  // the previous one off the socket, so that every piece arrives in its own recv().
  std::thread server_writes_in_pieces(Strings pieces, bool close_after = false) {
    return std::thread([this, pieces = std::move(pieces), close_after] {
      for (const auto& piece : pieces) {
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (unread() != 0 && std::chrono::steady_clock::now() < give_up)
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        // A short pause more so the reader is back in recv()/poll().
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        server_writes(piece);
      }
      if (close_after) {
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (unread() != 0 && std::chrono::steady_clock::now() < give_up)
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        ::shutdown(peer_.get(), SHUT_WR);
      }
    });
  }

  void server_closes() { peer_.reset(); }

  std::unique_ptr<Connection> connection_;
  UniqueFd peer_;
};

TEST_F(ReplyReaderTest, SingleLine) {
  server_writes("220 mail.example.org ESMTP\r\n");
  ReplyReader reader(*connection_);
  const Reply reply = reader.read_reply(generous());
  EXPECT_EQ(reply.code, 220);
  EXPECT_EQ(reply.lines, (Strings{"mail.example.org ESMTP"}));
  EXPECT_EQ(reader.pending_bytes(), 0u);
}

TEST_F(ReplyReaderTest, MultiLine) {
  server_writes("250-mail.example.org\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250 STARTTLS\r\n");
  ReplyReader reader(*connection_);
  const Reply reply = reader.read_reply(generous());
  EXPECT_EQ(reply.code, 250);
  EXPECT_EQ(reply.lines, (Strings{"mail.example.org", "PIPELINING", "SIZE 10240000", "STARTTLS"}));
  EXPECT_EQ(reader.pending_bytes(), 0u);
}

TEST_F(ReplyReaderTest, BareCodeEndsTheReply) {
  server_writes("250-first\r\n250\r\n");
  ReplyReader reader(*connection_);
  const Reply reply = reader.read_reply(generous());
  EXPECT_EQ(reply.code, 250);
  EXPECT_EQ(reply.lines, (Strings{"first", ""}));
}

TEST_F(ReplyReaderTest, BareLfLineEnds) {
  server_writes("250-one\n250-two\n250 three\n");
  ReplyReader reader(*connection_);
  const Reply reply = reader.read_reply(generous());
  EXPECT_EQ(reply.lines, (Strings{"one", "two", "three"}));
}

TEST_F(ReplyReaderTest, MixedLineEnds) {
  server_writes("250-one\r\n250-two\n250 three\r\n");
  ReplyReader reader(*connection_);
  EXPECT_EQ(reader.read_reply(generous()).lines, (Strings{"one", "two", "three"}));
}

TEST_F(ReplyReaderTest, OnlyTheLastCrIsRemoved) {
  server_writes("250 text\r\r\n");
  ReplyReader reader(*connection_);
  EXPECT_EQ(reader.read_reply(generous()).lines, (Strings{"text\r"}));
}

TEST_F(ReplyReaderTest, CrlfSplitAcrossWrites) {
  ReplyReader reader(*connection_);
  auto server = server_writes_in_pieces({"250-mail.example.org\r", "\n250-PIPE", "LINING\r\n250 DSN", "\r", "\n"});
  const Reply reply = reader.read_reply(generous());
  server.join();
  EXPECT_EQ(reply.code, 250);
  EXPECT_EQ(reply.lines, (Strings{"mail.example.org", "PIPELINING", "DSN"}));
  EXPECT_EQ(reader.pending_bytes(), 0u);
}

TEST_F(ReplyReaderTest, OneByteAtATime) {
  const std::string text = "250-a\r\n250 b\r\n";
  Strings pieces;
  for (char c : text) pieces.emplace_back(1, c);
  ReplyReader reader(*connection_);
  auto server = server_writes_in_pieces(pieces);
  const Reply reply = reader.read_reply(generous());
  server.join();
  EXPECT_EQ(reply.lines, (Strings{"a", "b"}));
}

TEST_F(ReplyReaderTest, CodeSplitAcrossWrites) {
  ReplyReader reader(*connection_);
  auto server = server_writes_in_pieces({"2", "2", "0", " ready", "\r\n"});
  const Reply reply = reader.read_reply(generous());
  server.join();
  EXPECT_EQ(reply.code, 220);
  EXPECT_EQ(reply.lines, (Strings{"ready"}));
}

TEST_F(ReplyReaderTest, TwoRepliesInOneWrite) {
  server_writes("250 first\r\n354 go ahead\r\n");
  ReplyReader reader(*connection_);
  EXPECT_EQ(reader.read_reply(generous()).code, 250);
  EXPECT_EQ(reader.pending_bytes(), std::string("354 go ahead\r\n").size());
  const Reply second = reader.read_reply(generous());
  EXPECT_EQ(second.code, 354);
  EXPECT_EQ(second.lines, (Strings{"go ahead"}));
  EXPECT_EQ(reader.pending_bytes(), 0u);
}

TEST_F(ReplyReaderTest, PendingBytesAfterAReply) {
  server_writes("220 hello\r\n250 out of turn");
  ReplyReader reader(*connection_);
  EXPECT_EQ(reader.read_reply(generous()).code, 220);
  EXPECT_EQ(reader.pending_bytes(), std::string("250 out of turn").size());
  reader.discard_pending();
  EXPECT_EQ(reader.pending_bytes(), 0u);
  server_writes("221 bye\r\n");
  const Reply reply = reader.read_reply(generous());
  EXPECT_EQ(reply.code, 221);
  EXPECT_EQ(reply.lines, (Strings{"bye"}));
}

TEST_F(ReplyReaderTest, PendingPartialLineCompletesLater) {
  server_writes("220 hello\r\n250 pa");
  ReplyReader reader(*connection_);
  EXPECT_EQ(reader.read_reply(generous()).code, 220);
  EXPECT_EQ(reader.pending_bytes(), 6u);
  server_writes("rtial\r\n");
  EXPECT_EQ(reader.read_reply(generous()).lines, (Strings{"partial"}));
}

TEST_F(ReplyReaderTest, ChangedCodeIsAProtocolError) {
  server_writes("250-mail.example.org\r\n251 oops\r\n");
  ReplyReader reader(*connection_);
  try {
    reader.read_reply(generous());
    FAIL() << "no exception";
  } catch (const ProtocolError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("250"), std::string::npos) << message;
    EXPECT_NE(message.find("251"), std::string::npos) << message;
  }
}

TEST_F(ReplyReaderTest, ChangedClassIsAProtocolError) {
  server_writes("250-ok\r\n550 no\r\n");
  ReplyReader reader(*connection_);
  EXPECT_THROW(reader.read_reply(generous()), ProtocolError);
}

TEST_F(ReplyReaderTest, GarbageIsAProtocolErrorQuotingTheLine) {
  server_writes("HTTP/1.1 400 Bad Request\r\n");
  ReplyReader reader(*connection_);
  try {
    reader.read_reply(generous());
    FAIL() << "no exception";
  } catch (const ProtocolError& error) {
    EXPECT_NE(std::string(error.what()).find("HTTP/1.1 400 Bad Request"), std::string::npos) << error.what();
  }
}

TEST_F(ReplyReaderTest, EmptyLineIsAProtocolError) {
  server_writes("\r\n");
  ReplyReader reader(*connection_);
  EXPECT_THROW(reader.read_reply(generous()), ProtocolError);
}

TEST_F(ReplyReaderTest, GarbageContinuationIsAProtocolError) {
  server_writes("250-ok\r\nnot a reply\r\n");
  ReplyReader reader(*connection_);
  EXPECT_THROW(reader.read_reply(generous()), ProtocolError);
}

TEST_F(ReplyReaderTest, BadSeparatorIsAProtocolError) {
  server_writes("250_ok\r\n");
  ReplyReader reader(*connection_);
  EXPECT_THROW(reader.read_reply(generous()), ProtocolError);
}

TEST_F(ReplyReaderTest, QuotedGarbageIsCut) {
  server_writes(std::string(1000, 'x') + "\r\n");
  ReplyReader reader(*connection_);
  try {
    reader.read_reply(generous());
    FAIL() << "no exception";
  } catch (const ProtocolError& error) {
    EXPECT_LT(std::string(error.what()).size(), 400u);
  }
}

TEST_F(ReplyReaderTest, LineAtTheLimitIsAccepted) {
  ReplyLimits limits;
  limits.max_line_bytes = 64;
  const std::string line = "250 " + std::string(60, 'a');  // 64 bytes
  server_writes(line + "\n");
  ReplyReader reader(*connection_, limits);
  EXPECT_EQ(reader.read_reply(generous()).lines, (Strings{std::string(60, 'a')}));
}

TEST_F(ReplyReaderTest, OverlongLineIsAProtocolError) {
  ReplyLimits limits;
  limits.max_line_bytes = 64;
  server_writes("250 " + std::string(100, 'a') + "\r\n");
  ReplyReader reader(*connection_, limits);
  try {
    reader.read_reply(generous());
    FAIL() << "no exception";
  } catch (const ProtocolError& error) {
    EXPECT_NE(std::string(error.what()).find("64"), std::string::npos) << error.what();
  }
}

TEST_F(ReplyReaderTest, OverlongLineWithoutLineEndIsAProtocolErrorNotATimeout) {
  ReplyLimits limits;
  limits.max_line_bytes = 64;
  server_writes("250 " + std::string(100, 'a'));  // never ends
  ReplyReader reader(*connection_, limits);
  EXPECT_THROW(reader.read_reply(generous()), ProtocolError);
}

TEST_F(ReplyReaderTest, DefaultLimitRefusesAHugeLine) {
  server_writes("250 " + std::string(20 * 1024, 'a'));
  ReplyReader reader(*connection_);
  EXPECT_THROW(reader.read_reply(generous()), ProtocolError);
}

TEST_F(ReplyReaderTest, DefaultLimitAcceptsLinesLongerThan512) {
  const std::string text(4000, 'b');
  server_writes("250 " + text + "\r\n");
  ReplyReader reader(*connection_);
  EXPECT_EQ(reader.read_reply(generous()).lines, (Strings{text}));
}

TEST_F(ReplyReaderTest, LineCountAtTheLimitIsAccepted) {
  ReplyLimits limits;
  limits.max_lines = 3;
  server_writes("250-a\r\n250-b\r\n250 c\r\n");
  ReplyReader reader(*connection_, limits);
  EXPECT_EQ(reader.read_reply(generous()).lines.size(), 3u);
}

TEST_F(ReplyReaderTest, TooManyLinesIsAProtocolError) {
  ReplyLimits limits;
  limits.max_lines = 3;
  server_writes("250-a\r\n250-b\r\n250-c\r\n250 d\r\n");
  ReplyReader reader(*connection_, limits);
  try {
    reader.read_reply(generous());
    FAIL() << "no exception";
  } catch (const ProtocolError& error) {
    EXPECT_NE(std::string(error.what()).find("3"), std::string::npos) << error.what();
  }
}

TEST_F(ReplyReaderTest, EndlessContinuationIsRefusedByTheDefaultLineLimit) {
  std::string flood;
  for (int i = 0; i < 1100; ++i) flood += "250-x\r\n";
  server_writes(flood);
  ReplyReader reader(*connection_);
  EXPECT_THROW(reader.read_reply(generous()), ProtocolError);
}

TEST_F(ReplyReaderTest, TooLargeReplyIsAProtocolError) {
  ReplyLimits limits;
  limits.max_reply_bytes = 100;
  std::string text;
  for (int i = 0; i < 10; ++i) text += "250-" + std::string(20, 'z') + "\r\n";
  text += "250 end\r\n";
  server_writes(text);
  ReplyReader reader(*connection_, limits);
  EXPECT_THROW(reader.read_reply(generous()), ProtocolError);
}

TEST_F(ReplyReaderTest, EndOfStreamIsClosed) {
  server_closes();
  ReplyReader reader(*connection_);
  try {
    reader.read_reply(generous());
    FAIL() << "no exception";
  } catch (const TransportError& error) {
    EXPECT_EQ(error.kind(), TransportError::Kind::closed);
  }
}

TEST_F(ReplyReaderTest, EndOfStreamInsideAReplyIsClosed) {
  server_writes("250-first\r\n250-sec");
  server_closes();
  ReplyReader reader(*connection_);
  try {
    reader.read_reply(generous());
    FAIL() << "no exception";
  } catch (const TransportError& error) {
    EXPECT_EQ(error.kind(), TransportError::Kind::closed);
  }
}

TEST_F(ReplyReaderTest, EndOfStreamAfterALaterWrite) {
  ReplyReader reader(*connection_);
  auto server = server_writes_in_pieces({"250-a\r\n"}, /*close_after=*/true);
  try {
    reader.read_reply(generous());
    FAIL() << "no exception";
  } catch (const TransportError& error) {
    EXPECT_EQ(error.kind(), TransportError::Kind::closed);
  }
  server.join();
}

TEST_F(ReplyReaderTest, ReplyBeforeEndOfStreamIsStillRead) {
  server_writes("221 bye\r\n");
  server_closes();
  ReplyReader reader(*connection_);
  EXPECT_EQ(reader.read_reply(generous()).code, 221);
  EXPECT_THROW(reader.read_reply(generous()), TransportError);
}

TEST_F(ReplyReaderTest, SilenceIsATimeout) {
  ReplyReader reader(*connection_);
  try {
    reader.read_reply(Deadline::after(std::chrono::milliseconds(20)));
    FAIL() << "no exception";
  } catch (const TransportError& error) {
    EXPECT_EQ(error.kind(), TransportError::Kind::timeout);
  }
}

TEST_F(ReplyReaderTest, IncompleteReplyIsATimeout) {
  server_writes("250-first\r\n250 no line end");
  ReplyReader reader(*connection_);
  try {
    reader.read_reply(Deadline::after(std::chrono::milliseconds(20)));
    FAIL() << "no exception";
  } catch (const TransportError& error) {
    EXPECT_EQ(error.kind(), TransportError::Kind::timeout);
  }
}

TEST_F(ReplyReaderTest, PassedDeadlineIsATimeout) {
  ReplyReader reader(*connection_);
  try {
    reader.read_reply(Deadline(Clock::now() - std::chrono::seconds(1)));
    FAIL() << "no exception";
  } catch (const TransportError& error) {
    EXPECT_EQ(error.kind(), TransportError::Kind::timeout);
  }
}

TEST_F(ReplyReaderTest, ReplyReadAfterTheDeadlineIsATimeout) {
  // Whenever it came, a reply first seen after the deadline is late: a check
  // that took longer than -t is never OK.
  server_writes("250 ok\r\n");
  ReplyReader reader(*connection_);
  try {
    reader.read_reply(Deadline(Clock::now() - std::chrono::seconds(1)));
    ADD_FAILURE() << "a reply after the deadline was taken";
  } catch (const TransportError& error) {
    EXPECT_EQ(error.kind(), TransportError::Kind::timeout);
  }
}

TEST_F(ReplyReaderTest, ReplyAlreadyReadIsKeptAfterTheDeadline) {
  // Lines received in time and still buffered need no waiting.
  server_writes("250-one\r\n250 two\r\n354 go\r\n");
  ReplyReader reader(*connection_);
  EXPECT_EQ(reader.read_reply(Deadline::after(std::chrono::seconds(5))).code, 250);
  EXPECT_EQ(reader.read_reply(Deadline(Clock::now() - std::chrono::seconds(1))).code, 354);
}

}  // namespace
}  // namespace smtp_ping
