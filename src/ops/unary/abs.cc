// ABS: out = |x|.
//
//   float32; int32 and unquantized int16 as plain integers (the most negative
//   value wraps to itself).
//   int8 and int16 quantized, as LiteRT: v = |q - zp_in|; with equal scales
//   out = v + zp_out, else out = MBQM(v, s_in / s_out) + zp_out (the ratio
//   formed in float), clamped to the type. int8 is a 256-entry table.
#include <cstdlib>
#include <memory>
#include <type_traits>

#include "ops/quant/quant_math.h"
#include "ops/unary/unary_common.h"

namespace litert {
namespace {

class AbsOp : public unary::ElementwiseUnaryOp<AbsOp> {
 public:
  static constexpr char kName[] = "ABS";
  Status PrepareType(OpContext& ctx, const RtTensor& in, const RtTensor& out) {
    switch (in.type) {
      case DType::kFloat32:
        UseFastFloat(fast::FloatUnaryOp::kAbs);
        return Status::Ok();
      case DType::kInt32:
        UsePlain<int32_t>();
        return Status::Ok();
      case DType::kInt8:
      case DType::kInt16:
        if (in.type == DType::kInt16 && in.quant.empty()) {
          UsePlain<int16_t>();
          return Status::Ok();
        }
        LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, in, out));
        rescale_ = in_q_.scale != out_q_.scale;
        multiplier_ = quant::QuantizeMultiplier(in_q_.scale / out_q_.scale);
        if (in.type == DType::kInt8) {
          UseTable<int8_t>([this](int32_t q) { return Quantized(q); });
        } else {
          UseInt16();
        }
        return Status::Ok();
      default:
        return Unsupported(ctx, in.type,
                           "float32, int32, int16, quantized int8 and int16");
    }
  }

  template <typename T>
  T Apply(T x) const {
    if constexpr (std::is_floating_point_v<T>) {
      return std::fabs(x);
    } else {
      using U = std::make_unsigned_t<T>;
      return x < 0 ? static_cast<T>(static_cast<U>(U{0} - static_cast<U>(x)))
                   : x;
    }
  }
  int16_t Int16(int16_t q) const {
    return static_cast<int16_t>(
        std::clamp<int32_t>(Quantized(q), QMin<int16_t>(), QMax<int16_t>()));
  }

 private:
  int32_t Quantized(int32_t q) const {
    const int32_t v = std::abs(q - in_q_.zero_point);
    return (rescale_ ? quant::MultiplyByQuantizedMultiplier(v, multiplier_)
                     : v) +
           out_q_.zero_point;
  }

  bool rescale_ = false;
  quant::QuantizedMultiplier multiplier_;
};

}  // namespace

Result<std::unique_ptr<Op>> CreateAbs(const OpInitContext&) {
  return std::unique_ptr<Op>(new AbsOp);
}

}  // namespace litert
