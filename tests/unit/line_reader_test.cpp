#include "line/line_reader.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

namespace smtp_ping {
namespace {

// Hands out its chunks one receive() at a time, then reports the end of the stream.
class ChunkSource final : public ByteSource {
 public:
  explicit ChunkSource(std::vector<std::string> chunks) : chunks_(std::move(chunks)) {}
  std::size_t receive(char* buffer, std::size_t size, const Deadline&) override {
    if (next_ >= chunks_.size()) throw std::runtime_error("end of stream");
    const std::string& chunk = chunks_[next_++];
    const std::size_t count = std::min(size, chunk.size());
    chunk.copy(buffer, count);
    ++receives;
    return count;
  }
  int receives = 0;

 private:
  std::vector<std::string> chunks_;
  std::size_t next_ = 0;
};

Deadline soon() { return Deadline::after(std::chrono::seconds(5)); }

TEST(LineReader, SplitsAtLfWithOrWithoutCrAcrossChunks) {
  ChunkSource source({"220 one\r\n250-tw", "o\n250 three\r", "\n"});
  LineReader reader(source);
  EXPECT_EQ(reader.next_line(soon()), "220 one");
  EXPECT_EQ(reader.next_line(soon()), "250-two");
  EXPECT_EQ(reader.next_line(soon()), "250 three");
  EXPECT_EQ(reader.pending_bytes(), 0u);
}

TEST(LineReader, KeepsWhatFollowsTheLineAsPending) {
  ChunkSource source({"first\r\nsecond\r\nthird"});
  LineReader reader(source);
  EXPECT_EQ(reader.next_line(soon()), "first");
  EXPECT_EQ(reader.pending_bytes(), 13u);
  EXPECT_EQ(source.receives, 1);
  reader.discard_pending();
  EXPECT_EQ(reader.pending_bytes(), 0u);
}

TEST(LineReader, RefusesALineOverTheCapWithAndWithoutItsEnd) {
  ChunkSource ended({std::string(9, 'x') + "\r\n"});
  LineReader capped(ended, 8);
  try {
    capped.next_line(soon());
    FAIL() << "no LineTooLong";
  } catch (const LineTooLong& error) {
    EXPECT_EQ(error.message(), "line longer than 8 bytes");
  }
  ChunkSource endless({std::string(5, 'x'), std::string(5, 'x'), std::string(5, 'x')});
  LineReader unended(endless, 8);
  try {
    unended.next_line(soon());
    FAIL() << "no LineTooLong";
  } catch (const LineTooLong& error) {
    EXPECT_EQ(error.message(), "line longer than 8 bytes without a line end");
  }
  EXPECT_EQ(endless.receives, 2) << "stops reading once past the cap";
}

TEST(LineReader, ALineOfExactlyTheCapPassesItsCrIsNotCounted) {
  ChunkSource source({std::string(8, 'x') + "\r\n"});
  LineReader reader(source, 8);
  EXPECT_EQ(reader.next_line(soon()), std::string(8, 'x'));
}

}  // namespace
}  // namespace smtp_ping
