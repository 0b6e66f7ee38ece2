// MEAN: the average along the reduced axes. Axes and keep_dims as in reduce.h.
//
// float32: sums in float (reduce::SumFloatRows), then divides by the count.
// int32, int64: sums in int64, then divides, truncating toward zero.
// int8, uint8, int16 (quantized; scales may differ): LiteRT's fixed-point
// requantization, measured against its builtin kernels (n = elements per
// output, s_in/s_out the scales, z_in/z_out the zero points):
//   rank-4 int8/uint8 input, keep_dims, axes {1, 2} (spatial mean):
//     y = z_out - round(z_in * s_in / s_out)
//         + MultiplyByQuantizedMultiplier(sum(q), s_in / (s_out * n))
//   otherwise: m = QuantizeMultiplier(s_in / s_out) = (M, shift); with
//     k = min(floor(log2 n), 32, 31 + shift) the division by n is folded into
//     the multiplier with k extra bits: M' = (M << k) / n, and
//     y = z_out + MultiplyByQuantizedMultiplier(sum(q - z_in), M', shift - k)
// The result is clamped to the type's range.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>

#include "ops/quant/quant_math.h"
#include "ops/reduce/reduce.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

class MeanOp : public reduce::ReduceOpBase {
 public:
  explicit MeanOp(bool keep_dims) : ReduceOpBase("MEAN", keep_dims) {}

  Status Eval(OpContext& ctx) override {
    const RtTensor& in = ctx.input(0);
    RtTensor& out = ctx.output(0);
    switch (in.type) {
      case DType::kFloat32: {
        float* y = out.as<float>();
        reduce::SumFloatRows(r_, in.as<float>(), y);
        const float n = static_cast<float>(r_.reduce_count);
        for (int64_t j = 0; j < r_.out_count; ++j) y[j] /= n;
        return Status::Ok();
      }
      case DType::kInt32:
        return IntegerMean<int32_t>(ctx);
      case DType::kInt64:
        return IntegerMean<int64_t>(ctx);
      case DType::kInt8:
        return QuantizedMean<int8_t>(ctx);
      case DType::kUInt8:
        return QuantizedMean<uint8_t>(ctx);
      default:
        return QuantizedMean<int16_t>(ctx);
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
    if (t == DType::kFloat32) return Status::Ok();
    // int64 sums (integer types) or int32 sums (quantized), one per output.
    sums_ = ctx.RequestScratch(std::max<int64_t>(r_.out_count, 1) *
                               sizeof(int64_t));
    if (t == DType::kInt32 || t == DType::kInt64) return Status::Ok();

    reduce::PerTensorQuant qi, qo;
    LITERT_RETURN_IF_ERROR(
        reduce::GetPerTensorQuant(ctx, name_, in, "input", &qi));
    LITERT_RETURN_IF_ERROR(
        reduce::GetPerTensorQuant(ctx, name_, ctx.output(0), "output", &qo));
    reduce::QuantRange(t, &qmin_, &qmax_);
    const int64_t n = std::max<int64_t>(r_.reduce_count, 1);
    const double ratio =
        static_cast<double>(qi.scale) / static_cast<double>(qo.scale);
    spatial_ = (t == DType::kInt8 || t == DType::kUInt8) && in.rank() == 4 &&
               keep_dims_ && r_.reduced[1] && r_.reduced[2] && !r_.reduced[0] &&
               !r_.reduced[3];
    if (spatial_) {
      mult_ = quant::QuantizeMultiplier(ratio / static_cast<double>(n));
      zero_ = 0;
      offset_ = qo.zero_point -
                static_cast<int32_t>(std::round(qi.zero_point * ratio));
    } else {
      const quant::QuantizedMultiplier m = quant::QuantizeMultiplier(ratio);
      int bits = 0;
      while ((int64_t{2} << bits) <= n) ++bits;  // floor(log2 n)
      const int k = std::min({bits, 32, 31 + m.shift});
      mult_.multiplier =
          static_cast<int32_t>((static_cast<int64_t>(m.multiplier) << k) / n);
      mult_.shift = m.shift - k;
      zero_ = qi.zero_point;
      offset_ = qo.zero_point;
    }
    return Status::Ok();
  }

 private:
  template <typename T>
  Status IntegerMean(OpContext& ctx) {
    int64_t* sums = static_cast<int64_t*>(ctx.scratch(sums_));
    reduce::ReduceInto(
        r_, ctx.input(0).as<T>(), int64_t{0},
        [](int64_t a, T b) {
          return static_cast<int64_t>(static_cast<uint64_t>(a) +
                                      static_cast<uint64_t>(b));
        },
        sums);
    T* y = ctx.output(0).as<T>();
    const int64_t n = std::max<int64_t>(r_.reduce_count, 1);
    for (int64_t j = 0; j < r_.out_count; ++j)
      y[j] = static_cast<T>(sums[j] / n);
    return Status::Ok();
  }

  template <typename T>
  Status QuantizedMean(OpContext& ctx) {
    // The builtin kernels hold the sum in int32: wrapping int32 sums, in
    // vector rows (fast/reduce_rows.h).
    int32_t* sums = static_cast<int32_t*>(ctx.scratch(sums_));
    for (int64_t j = 0; j < r_.out_count; ++j) sums[j] = 0;
    const T* x = ctx.input(0).as<T>();
    reduce::ForEachRow(
        r_, [&](int64_t in, int64_t out, int64_t count, int64_t step) {
          if (step != 0) {
            fast::AddRowQuant(sums + out, x + in, count, zero_);
          } else {
            sums[out] = static_cast<int32_t>(
                static_cast<uint32_t>(sums[out]) +
                static_cast<uint32_t>(fast::SumRowQuant(x + in, count, zero_)));
          }
        });
    T* y = ctx.output(0).as<T>();
    for (int64_t j = 0; j < r_.out_count; ++j) {
      const int32_t sum = sums[j];
      const int32_t v =
          quant::MultiplyByQuantizedMultiplier(sum, mult_) + offset_;
      y[j] = static_cast<T>(std::clamp(v, qmin_, qmax_));
    }
    return Status::Ok();
  }

  int sums_ = -1;
  bool spatial_ = false;
  quant::QuantizedMultiplier mult_;
  int32_t zero_ = 0, offset_ = 0, qmin_ = 0, qmax_ = 0;
};

}  // namespace

Result<std::unique_ptr<Op>> CreateMean(const OpInitContext& init) {
  const fb::ReducerOptions* opts =
      init.op != nullptr ? init.op->builtin_options_as_ReducerOptions()
                         : nullptr;
  return std::unique_ptr<Op>(new MeanOp(reduce::KeepDims(opts)));
}

}  // namespace litert
