// Status and Result<T>: how kg reports recoverable failures.
//
// Every operation that can fail because of its input or its environment
// (a missing file, bad UTF-8, a corrupt store, a query error) returns a Status
// or a Result<T> instead of throwing. Callers must look at them ([[nodiscard]]).
// Exceptions are kept for programming errors and for unwinding out of a query
// (see query-lang/), and never cross a module's public API.
//
//   kg::Result<Document> doc = reader.Read(path);
//   if (!doc.ok()) return doc.status();
//   Use(*doc);
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace kg {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk = 0,
    kNotFound,         // the thing asked for does not exist
    kInvalidArgument,  // the caller's input is wrong (bad file, bad query...)
    kCorruption,       // stored data is inconsistent
    kIOError,          // the operating system or RocksDB failed
    kNotSupported,     // a valid request kg does not handle
    kCancelled,        // stopped by the user or a timeout
    kAlreadyExists,
    kBusy,             // another process holds the database's write lock
  };

  Status() = default;
  static Status OK() { return Status(); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status InvalidArgument(std::string msg) {
    return Status(Code::kInvalidArgument, std::move(msg));
  }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status IOError(std::string msg) { return Status(Code::kIOError, std::move(msg)); }
  static Status NotSupported(std::string msg) {
    return Status(Code::kNotSupported, std::move(msg));
  }
  static Status Cancelled(std::string msg) { return Status(Code::kCancelled, std::move(msg)); }
  static Status AlreadyExists(std::string msg) {
    return Status(Code::kAlreadyExists, std::move(msg));
  }

  static Status Busy(std::string msg) { return Status(Code::kBusy, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsInvalidArgument() const { return code_ == Code::kInvalidArgument; }
  bool IsCorruption() const { return code_ == Code::kCorruption; }
  bool IsCancelled() const { return code_ == Code::kCancelled; }
  bool IsBusy() const { return code_ == Code::kBusy; }
  const std::string& message() const { return message_; }

  // "NotFound: no document abc" or "OK".
  std::string ToString() const;

  // Returns a copy with "context: " put in front of the message.
  Status WithContext(const std::string& context) const {
    if (ok()) return *this;
    return Status(code_, context + ": " + message_);
  }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value or the Status explaining why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok() && "a Result built from a Status must carry an error");
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace kg

// Returns early from the enclosing function when `expr` yields an error Status.
#define KG_RETURN_IF_ERROR(expr)               \
  do {                                         \
    ::kg::Status kg_status_ = (expr);          \
    if (!kg_status_.ok()) return kg_status_;   \
  } while (0)
