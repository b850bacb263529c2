#pragma once

#include <condition_variable>
#include <mutex>
#include <vector>

#include "scripted_smtp_server.hpp"

namespace smtp_ping::test {

// The connection records of one server, shared by its threads and the test.
// A record type has an `int index` (1-based, set here).
template <class Record>
class RecordBookOf {
 public:
  int open(Record record) {
    std::lock_guard lock(mutex_);
    record.index = static_cast<int>(records_.size()) + 1;
    records_.push_back(std::move(record));
    return records_.back().index;
  }

  template <class Change>
  void update(int index, Change change) {
    {
      std::lock_guard lock(mutex_);
      change(records_.at(static_cast<std::size_t>(index - 1)));
    }
    changed_.notify_all();
  }

  std::vector<Record> snapshot() const {
    std::lock_guard lock(mutex_);
    return records_;
  }

  template <class Predicate>
  bool wait_until(Millis timeout, Predicate done) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return done(records_); });
  }

  void notify() const { changed_.notify_all(); }

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<Record> records_;
};

// One connection's view of the book.
template <class Record>
class ConnectionLogOf {
 public:
  ConnectionLogOf(RecordBookOf<Record>& book, int index) : book_(book), index_(index) {}
  template <class Change>
  void update(Change change) {
    book_.update(index_, change);
  }
  int index() const { return index_; }

 private:
  RecordBookOf<Record>& book_;
  int index_;
};

using RecordBook = RecordBookOf<ConnectionRecord>;
using ConnectionLog = ConnectionLogOf<ConnectionRecord>;

}  // namespace smtp_ping::test
