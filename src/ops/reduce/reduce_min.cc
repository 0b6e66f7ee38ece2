// REDUCE_MIN: the smallest element along the reduced axes (the type's largest
// value when there are none). Axes and keep_dims as in reduce.h; types
// and quantization as in ExtremumOp there.
#include <algorithm>
#include <limits>
#include <memory>

#include "ops/reduce/reduce.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

struct Min {
  static constexpr bool kMax = false;
  template <typename T>
  static T Empty() {
    return std::numeric_limits<T>::max();
  }
  template <typename T>
  T operator()(T a, T b) const {
    return std::min(a, b);
  }
};

}  // namespace

Result<std::unique_ptr<Op>> CreateReduceMin(const OpInitContext& init) {
  const fb::ReducerOptions* opts =
      init.op != nullptr ? init.op->builtin_options_as_ReducerOptions()
                         : nullptr;
  return std::unique_ptr<Op>(
      new reduce::ExtremumOp<Min>("REDUCE_MIN", reduce::KeepDims(opts)));
}

}  // namespace litert
