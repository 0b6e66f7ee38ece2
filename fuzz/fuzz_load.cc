// libFuzzer target: load and verify a model from bytes (see
// docs/robustness.md).
#include "fuzz_driver.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  litert::fuzz::LoadOnly(data, size);
  return 0;
}
