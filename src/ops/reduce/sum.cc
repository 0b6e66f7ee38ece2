// SUM: the sum along the reduced axes. Axes and keep_dims as in reduce.h.
//
// float32: sums in float (reduce::SumFloatRows: 16 partial sums along a
// reduced innermost axis, so not in input order). int32, int64: sums in the
// element type (wrapping on overflow). int8, uint8, int16 (quantized; scales
// may differ): LiteRT's builtin kernels rescale the int32 sum of stored values
// in float, measured against them (n = elements per output):
//   scale = s_in / s_out (float), bias = -z_in * scale * n
//   y = clamp(round_half_away(sum(q) * scale + bias) + z_out)
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>

#include "ops/reduce/reduce.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

class SumOp : public reduce::ReduceOpBase {
 public:
  explicit SumOp(bool keep_dims) : ReduceOpBase("SUM", keep_dims) {}

  Status Eval(OpContext& ctx) override {
    switch (ctx.input(0).type) {
      case DType::kFloat32:
        reduce::SumFloatRows(r_, ctx.input(0).as<float>(),
                             ctx.output(0).as<float>());
        return Status::Ok();
      case DType::kInt32:
        return Plain<int32_t>(ctx);
      case DType::kInt64:
        return Plain<int64_t>(ctx);
      case DType::kInt8:
        return Quantized<int8_t>(ctx);
      case DType::kUInt8:
        return Quantized<uint8_t>(ctx);
      default:
        return Quantized<int16_t>(ctx);
    }
  }

 protected:
  Status CheckTypes(OpContext& ctx) override {
    return CheckSameType(ctx,
                         {DType::kFloat32, DType::kInt32, DType::kInt64,
                          DType::kInt8, DType::kUInt8, DType::kInt16},
                         "float32, int32, int64, int8, uint8, int16");
  }

  Status PrepareKernel(OpContext& ctx) override {
    const RtTensor& in = ctx.input(0);
    const DType t = in.type;
    if (t != DType::kInt8 && t != DType::kUInt8 && t != DType::kInt16) {
      return Status::Ok();
    }
    reduce::PerTensorQuant qi, qo;
    LITERT_RETURN_IF_ERROR(
        reduce::GetPerTensorQuant(ctx, name_, in, "input", &qi));
    LITERT_RETURN_IF_ERROR(
        reduce::GetPerTensorQuant(ctx, name_, ctx.output(0), "output", &qo));
    reduce::QuantRange(t, &qmin_, &qmax_);
    scale_ = qi.scale / qo.scale;
    bias_ = -static_cast<float>(qi.zero_point) * scale_ *
            static_cast<float>(r_.reduce_count);
    zero_out_ = qo.zero_point;
    sums_ = ctx.RequestScratch(std::max<int64_t>(r_.out_count, 1) *
                               sizeof(int32_t));
    return Status::Ok();
  }

 private:
  template <typename T>
  Status Plain(OpContext& ctx) {
    reduce::ReduceInto(
        r_, ctx.input(0).as<T>(), T{0},
        [](T a, T b) -> T {
          if constexpr (std::is_integral_v<T>) {
            // Two's complement wrap, without signed overflow.
            using U = std::make_unsigned_t<T>;
            return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
          } else {
            return a + b;
          }
        },
        ctx.output(0).as<T>());
    return Status::Ok();
  }

  template <typename T>
  Status Quantized(OpContext& ctx) {
    int32_t* sums = static_cast<int32_t*>(ctx.scratch(sums_));
    reduce::ReduceInto(
        r_, ctx.input(0).as<T>(), int32_t{0},
        [](int32_t a, T b) { return a + b; }, sums);
    T* y = ctx.output(0).as<T>();
    for (int64_t j = 0; j < r_.out_count; ++j) {
      const float real =
          std::round(static_cast<float>(sums[j]) * scale_ + bias_);
      // Bounded before the cast so that extreme scales cannot overflow.
      const int32_t v =
          static_cast<int32_t>(std::clamp(real, -1e9f, 1e9f)) + zero_out_;
      y[j] = static_cast<T>(std::clamp(v, qmin_, qmax_));
    }
    return Status::Ok();
  }

  int sums_ = -1;
  float scale_ = 1.f, bias_ = 0.f;
  int32_t zero_out_ = 0, qmin_ = 0, qmax_ = 0;
};

}  // namespace

Result<std::unique_ptr<Op>> CreateSum(const OpInitContext& init) {
  const fb::ReducerOptions* opts =
      init.op != nullptr ? init.op->builtin_options_as_ReducerOptions()
                         : nullptr;
  return std::unique_ptr<Op>(new SumOp(reduce::KeepDims(opts)));
}

}  // namespace litert
