// Internal to storage/: what the Store implementations share.
#pragma once

#include <string>
#include <vector>

#include "storage/store.h"

namespace kg::storage {

struct WriteBatch::Rep {
  struct Op {
    bool put;
    Family family;
    std::string key;
    std::string value;
  };
  std::vector<Op> ops;
  size_t bytes = 0;
};

struct WriteBatchAccess {
  using Op = WriteBatch::Rep::Op;
  static const std::vector<Op>& ops(const WriteBatch& b) { return b.rep_->ops; }
};

inline const std::vector<WriteBatchAccess::Op>& BatchOps(const WriteBatch& b) {
  return WriteBatchAccess::ops(b);
}

}  // namespace kg::storage
