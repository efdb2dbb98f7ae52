// MemStore: a Store kept entirely in memory (StoreOptions::in_memory).
//
// For tests that open thousands of small, fresh databases (the openCypher
// TCK): opening costs microseconds instead of RocksDB's milliseconds. Each
// family is an immutable sorted map replaced copy-on-write by every Write, so
// iterators see the state of the moment they were made, as RocksDB's do. A
// Write therefore costs O(size of the families it touches): meant for small
// graphs only. The bulk path is not supported.
#pragma once

#include <memory>
#include <string>

#include "storage/store.h"

namespace kg::storage {

std::unique_ptr<Store> NewMemStore(const std::string& name);

}  // namespace kg::storage
