// REDUCE_MAX: the largest element along the reduced axes (the type's lowest
// value when there are none). Axes and keep_dims as in reduce.h; types
// and quantization as in ExtremumOp there.
#include <algorithm>
#include <limits>
#include <memory>

#include "ops/reduce/reduce.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

struct Max {
  static constexpr bool kMax = true;
  template <typename T>
  static T Empty() {
    return std::numeric_limits<T>::lowest();
  }
  template <typename T>
  T operator()(T a, T b) const {
    return std::max(a, b);
  }
};

}  // namespace

Result<std::unique_ptr<Op>> CreateReduceMax(const OpInitContext& init) {
  const fb::ReducerOptions* opts =
      init.op != nullptr ? init.op->builtin_options_as_ReducerOptions()
                         : nullptr;
  return std::unique_ptr<Op>(
      new reduce::ExtremumOp<Max>("REDUCE_MAX", reduce::KeepDims(opts)));
}

}  // namespace litert
