// MINIMUM: out = min(a, b), NumPy broadcasting up to rank 6.
// Quantized inputs are compared as stored values, without requantization,
// exactly as LiteRT does (it ignores differing scales and zero points).
// Where either is NaN (or for 0 against -0) the result is b, like LiteRT.
#include <memory>

#include "ops/binary/binary_op.h"

namespace litert {
namespace {

struct MinOf {
  static constexpr fast::FloatBinaryOp kFloatFast = fast::FloatBinaryOp::kMin;
  template <typename T>
  T operator()(T x, T y) const {
    return x < y ? x : y;
  }
};

}  // namespace

Result<std::unique_ptr<Op>> CreateMinimum(const OpInitContext&) {
  return binary::MakePlainBinaryOp<MinOf>(
      "MINIMUM", {DType::kFloat32, DType::kInt32, DType::kInt64, DType::kInt8,
                  DType::kUInt8, DType::kInt16});
}

}  // namespace litert
