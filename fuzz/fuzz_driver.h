// What the fuzz targets run on one input, shared with the regression test
// that replays every checked-in crash file
// (tests/model/fuzz_regression_test.cc).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "litert/interpreter.h"

namespace litert::fuzz {

// The limits the fuzzers run under: small enough that libFuzzer's memory and
// time limits are never the first thing a hostile model meets.
InterpreterOptions FuzzOptions(bool use_xnnpack);

// Loads and verifies `size` bytes as a model. Returns "ok" or the error text.
std::string LoadOnly(const uint8_t* data, size_t size);

// Loads, creates an interpreter, allocates, fills every input of every
// signature (or subgraph 0) with values derived from the bytes, invokes and
// reads every output. XNNPACK is on for half the inputs (by a hash of the
// bytes). Returns "ok" or the first error text.
std::string LoadPrepareInvoke(const uint8_t* data, size_t size);

}  // namespace litert::fuzz
