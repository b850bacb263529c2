// Issue 13: one bounded reader for every file the user names.
#include "common/user_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

namespace smtp_ping {
namespace {

namespace fs = std::filesystem;

class UserFile : public testing::Test {
 protected:
  UserFile() {
    fs::create_directories(allowed_);
    fs::create_directories(outside_);
  }
  ~UserFile() override { fs::remove_all(root_); }

  std::string write(const fs::path& path, const std::string& content) {
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }
  FileContent read(const std::string& path, std::size_t max = 1024, const FileAccess& access = {}) {
    return read_user_file(path, max, access, Deadline::after(std::chrono::seconds(2)));
  }
  std::string refusal(const std::string& path, const FileAccess& access = {}) {
    try {
      read(path, 1024, access);
    } catch (const FileError& error) {
      return error.what();
    }
    return {};
  }
  FileAccess confined() const { return FileAccess{allowed_.string(), "AllowedFileDirectory in x.conf", {}}; }

  fs::path root_ = fs::temp_directory_path() / ("smtp-ping-user-file-" + std::to_string(::getpid()));
  fs::path allowed_ = root_ / "allowed";
  fs::path outside_ = root_ / "outside";
};

TEST_F(UserFile, ReadsARegularFileWhole) {
  const auto content = read(write(allowed_ / "a", "secret\n"));
  EXPECT_EQ(content.bytes, "secret\n");
  EXPECT_TRUE(content.complete);
}

TEST_F(UserFile, ReadsAtMostTheLimit) {
  const auto content = read(write(allowed_ / "big", std::string(5000, 'x')), 100);
  EXPECT_EQ(content.bytes.size(), 100u);
  EXPECT_FALSE(content.complete);
  EXPECT_TRUE(read(write(allowed_ / "exact", std::string(100, 'x')), 100).complete);
}

TEST_F(UserFile, RefusesWhatIsNoRegularFileWithoutReadingIt) {
  EXPECT_NE(refusal("/dev/zero").find("a character device"), std::string::npos);
  EXPECT_NE(refusal(allowed_.string()).find("a directory"), std::string::npos);
  const std::string fifo = (allowed_ / "fifo").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_NE(refusal(fifo).find("a FIFO"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  EXPECT_NE(refusal((allowed_ / "missing").string()).find("No such file"), std::string::npos);
}

TEST_F(UserFile, ConfinedNamesStayBelowTheDirectory) {
  write(allowed_ / "inside", "in");
  write(outside_ / "stolen", "out");
  EXPECT_EQ(read("inside", 1024, confined()).bytes, "in");
  EXPECT_EQ(read((allowed_ / "inside").string(), 1024, confined()).bytes, "in");
  for (const std::string& path : {(outside_ / "stolen").string(), std::string("../outside/stolen"),
                                  (allowed_ / ".." / "outside" / "stolen").string(), std::string("/etc/passwd"),
                                  std::string("/")}) {
    const std::string why = refusal(path, confined());
    EXPECT_NE(why.find("is outside " + allowed_.string()), std::string::npos) << path << ": " << why;
    EXPECT_NE(why.find("AllowedFileDirectory in x.conf"), std::string::npos) << why;
  }
}

TEST_F(UserFile, NoExistenceOracleOutside) {
  // Outside, a missing file and a present one get the same answer.
  EXPECT_EQ(refusal("/no/such/file", confined()).find("No such file"), std::string::npos);
}

TEST_F(UserFile, ASymlinkOutOfTheDirectoryIsRefused) {
  write(outside_ / "stolen", "out");
  fs::create_symlink(outside_ / "stolen", allowed_ / "link");
  EXPECT_NE(refusal("link", confined()).find("is outside"), std::string::npos);
  write(allowed_ / "real", "in");
  fs::create_symlink(allowed_ / "real", allowed_ / "inner-link");
  EXPECT_EQ(read("inner-link", 1024, confined()).bytes, "in") << "a link that stays inside is fine";
}

TEST_F(UserFile, ARefusalStopsEverything) {
  const FileAccess none{allowed_.string(), {}, "smtp_ping.so reads no files: bad settings"};
  EXPECT_NE(refusal(write(allowed_ / "a", "x"), none).find("bad settings"), std::string::npos);
}

TEST_F(UserFile, StandardInputIsRefusedWhenConfined) {
  EXPECT_THROW(read_standard_input(100, confined(), Deadline::after(std::chrono::seconds(1))), FileError);
}

}  // namespace
}  // namespace smtp_ping
