// NEG: out = -x. float32, and int8/int16/int32/int64 as plain integers: like
// the official runtime, quantization parameters are ignored (the raw values
// are negated) and the most negative value wraps to itself (-(-128) = -128).
#include <memory>
#include <type_traits>

#include "ops/unary/unary_common.h"

namespace litert {
namespace {

class NegOp : public unary::ElementwiseUnaryOp<NegOp> {
 public:
  static constexpr char kName[] = "NEG";
  Status PrepareType(OpContext& ctx, const RtTensor& in, const RtTensor&) {
    switch (in.type) {
      case DType::kFloat32:
        UseFastFloat(fast::FloatUnaryOp::kNeg);
        return Status::Ok();
      case DType::kInt8:
        UsePlain<int8_t>();
        return Status::Ok();
      case DType::kInt16:
        UsePlain<int16_t>();
        return Status::Ok();
      case DType::kInt32:
        UsePlain<int32_t>();
        return Status::Ok();
      case DType::kInt64:
        UsePlain<int64_t>();
        return Status::Ok();
      default:
        return Unsupported(ctx, in.type, "float32, int8, int16, int32, int64");
    }
  }
  template <typename T>
  T Apply(T x) const {
    if constexpr (std::is_floating_point_v<T>) {
      return -x;
    } else {
      // Two's complement negation without signed overflow.
      using U = std::make_unsigned_t<T>;
      return static_cast<T>(static_cast<U>(U{0} - static_cast<U>(x)));
    }
  }
};

}  // namespace

Result<std::unique_ptr<Op>> CreateNeg(const OpInitContext&) {
  return std::unique_ptr<Op>(new NegOp);
}

}  // namespace litert
