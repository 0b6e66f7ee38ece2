#include "delegates/delegate.h"
#include "delegates/xnnpack/xnnpack_delegate.h"

namespace litert {

Result<std::vector<std::unique_ptr<Delegate>>> CreateDelegates(
    const InterpreterOptions& options, ThreadPool* pool) {
  std::vector<std::unique_ptr<Delegate>> out;
  if (options.use_gpu) {
    return Status::Error(
        "the GPU delegate is not available in this build of litert yet; load "
        "with use_gpu=false");
  }
  if (options.use_xnnpack) {
    auto xnn = CreateXnnpackDelegate(pool);
    if (!xnn.ok()) return xnn.status();
    out.push_back(std::move(xnn).value());
  }
  return out;
}

}  // namespace litert
