// The function registry: names, arities and implementations of the scalar
// functions, and which names are aggregations (computed by the Aggregate
// operator, not here). Internal to query-lang/.
#pragma once

#include <string>
#include <vector>

#include "query-lang/query_engine.h"

namespace kg::query_lang {

class ExecContext;

using ScalarFn = Value (*)(const std::vector<Value>& args, ExecContext& ctx);

struct FunctionInfo {
  const char* name;  // lower-case
  int min_args;
  int max_args;  // -1: any number
  bool aggregate;
  ScalarFn fn;  // null for aggregations
};

// Looks up a lower-case function name; null when unknown.
const FunctionInfo* FindFunction(const std::string& lower_name);
const std::vector<FunctionInfo>& AllFunctions();

// A document's `published` as a date when it reads as one ("2013-04-20",
// "2013-04-20T10:00:00Z"), else the text as stored (null when empty): what
// provenance(r), mentions(n) and a Document node's `published` hold.
Value PublishedValue(const std::string& published);

}  // namespace kg::query_lang
