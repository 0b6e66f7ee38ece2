// libFuzzer target: load, prepare and invoke a model from bytes with inputs
// derived from them (see docs/robustness.md).
#include "fuzz_driver.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  litert::fuzz::LoadPrepareInvoke(data, size);
  return 0;
}
