// The XNNPACK delegate: runs the nodes this XNNPACK version supports as
// XNNPACK subgraphs on the interpreter's thread pool.
#pragma once

#include <memory>

#include "delegates/delegate.h"

namespace litert {

Result<std::unique_ptr<Delegate>> CreateXnnpackDelegate(ThreadPool* pool);

}  // namespace litert
