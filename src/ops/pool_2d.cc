// MAX_POOL_2D and AVERAGE_POOL_2D over NHWC tensors.
//
//   input [batch, in_h, in_w, channels] -> [batch, out_h, out_w, channels]
//   out_h, out_w and the padding before the first row/column come from
//   ComputeWindow (SAME or VALID). Windows only count positions inside the
//   input: padding is never read.
//
// float32: max, or sum / count, then the fused clamp.
// int8/uint8/int16: the raw values are pooled (input and output share scale
// and zero point, as LiteRT assumes). Average: sum / count rounded half away
// from zero, i.e. with C++ division
//   (sum + count/2) / count for sum > 0, (sum - count/2) / count otherwise,
// then the fused clamp on the output's quantized range.
// float32, int8 and uint8 run the fast paths of ops/fast/pool.h (the same
// results); int16 and the cases they leave run the reference kernels below.
#include <algorithm>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>

#include "ops/fast/pool.h"
#include "ops/op.h"
#include "ops/op_util.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

enum class PoolKind { kMax, kAverage };

struct PoolOptions {
  int padding = 0;
  int stride_w = 0, stride_h = 0;
  int filter_w = 0, filter_h = 0;
  Activation act = Activation::kNone;
};

class Pool2DOp : public Op {
 public:
  Pool2DOp(PoolKind kind, PoolOptions opts)
      : kind_(kind),
        opts_(opts),
        name_(kind == PoolKind::kMax ? "MAX_POOL_2D" : "AVERAGE_POOL_2D") {}

  Status Prepare(OpContext& ctx) override {
    LITERT_CHECK_OP(
        ctx, ctx.num_inputs() == 1 && ctx.has_input(0),
        name_ + " expects 1 input, got " + std::to_string(ctx.num_inputs()));
    LITERT_CHECK_OP(
        ctx, ctx.num_outputs() == 1,
        name_ + " expects 1 output, got " + std::to_string(ctx.num_outputs()));
    const RtTensor& in = ctx.input(0);
    const RtTensor& out = ctx.output(0);
    type_ = in.type;
    LITERT_CHECK_OP(ctx,
                    type_ == DType::kFloat32 || type_ == DType::kInt8 ||
                        type_ == DType::kUInt8 || type_ == DType::kInt16,
                    name_ + " does not support input type " + DTypeName(type_) +
                        " (float32, int8, uint8, int16)");
    LITERT_CHECK_OP(ctx, out.type == type_,
                    name_ + " output has type " + DTypeName(out.type) +
                        ", expected " + DTypeName(type_) + " like the input");
    LITERT_CHECK_OP(
        ctx, in.rank() == 4,
        name_ + " input must be 4-D [batch, height, width, channels], got " +
            ShapeToString(in.shape));
    LITERT_CHECK_OP(ctx, opts_.padding == 0 || opts_.padding == 1,
                    name_ + " padding " + std::to_string(opts_.padding) +
                        " is not SAME (0) or VALID (1)");
    LITERT_CHECK_OP(ctx, opts_.stride_w > 0 && opts_.stride_h > 0,
                    name_ + " strides must be positive, got stride_h " +
                        std::to_string(opts_.stride_h) + ", stride_w " +
                        std::to_string(opts_.stride_w));
    LITERT_CHECK_OP(ctx, opts_.filter_w > 0 && opts_.filter_h > 0,
                    name_ + " filter size must be positive, got " +
                        std::to_string(opts_.filter_h) + "x" +
                        std::to_string(opts_.filter_w));
    // Keeps all window arithmetic far from int overflow.
    constexpr int kMaxWindow = 1 << 20;
    LITERT_CHECK_OP(
        ctx,
        opts_.stride_w <= kMaxWindow && opts_.stride_h <= kMaxWindow &&
            opts_.filter_w <= kMaxWindow && opts_.filter_h <= kMaxWindow,
        name_ + " strides and filter sizes above 2^20 are not supported");
    LITERT_CHECK_OP(ctx, IsClampActivation(opts_.act),
                    name_ + " fused activation " +
                        std::to_string(static_cast<int>(opts_.act)) +
                        " is not supported (NONE, RELU, RELU_N1_TO_1, RELU6)");
    const auto padding = static_cast<PaddingType>(opts_.padding);
    const WindowDim h =
        ComputeWindow(padding, in.dim(1), opts_.filter_h, opts_.stride_h, 1);
    const WindowDim w =
        ComputeWindow(padding, in.dim(2), opts_.filter_w, opts_.stride_w, 1);
    pad_h_ = h.pad_before;
    pad_w_ = w.pad_before;
    ctx.SetOutputShape(0, Shape{in.dim(0), h.out, w.out, in.dim(3)});

    if (type_ != DType::kFloat32) {
      LITERT_CHECK_OP(ctx,
                      out.quant.scale.size() == 1 && out.quant.scale[0] > 0.f,
                      name_ + " output needs one positive quantization scale");
      const int32_t zp = out.quant.zero_point.empty()
                             ? 0
                             : static_cast<int32_t>(out.quant.zero_point[0]);
      int32_t qmin = QMin<int8_t>(), qmax = QMax<int8_t>();
      if (type_ == DType::kUInt8) {
        qmin = QMin<uint8_t>();
        qmax = QMax<uint8_t>();
      } else if (type_ == DType::kInt16) {
        qmin = QMin<int16_t>();
        qmax = QMax<int16_t>();
      }
      QuantizedActivationRange(opts_.act, out.quant.scale[0], zp, qmin, qmax,
                               &qlo_, &qhi_);
    }
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    switch (type_) {
      case DType::kFloat32:
        PoolFloatFast(ctx.input(0), ctx.output(0), ctx.thread_pool());
        break;
      case DType::kInt8:
        if (!PoolQuantizedFast<int8_t>(ctx.input(0), ctx.output(0),
                                       ctx.thread_pool())) {
          PoolQuantized<int8_t>(ctx.input(0), ctx.output(0));
        }
        break;
      case DType::kUInt8:
        if (!PoolQuantizedFast<uint8_t>(ctx.input(0), ctx.output(0),
                                        ctx.thread_pool())) {
          PoolQuantized<uint8_t>(ctx.input(0), ctx.output(0));
        }
        break;
      case DType::kInt16:
        PoolQuantized<int16_t>(ctx.input(0), ctx.output(0));
        break;
      default:
        return ctx.Error(name_ + ": unexpected type " + DTypeName(type_));
    }
    return Status::Ok();
  }

 private:
  fast::PoolShape FastShape(const RtTensor& in, const RtTensor& out) const {
    return fast::PoolShape{in.dim(0),      in.dim(1),      in.dim(2),
                           in.dim(3),      out.dim(1),     out.dim(2),
                           opts_.filter_h, opts_.filter_w, opts_.stride_h,
                           opts_.stride_w, pad_h_,         pad_w_};
  }

  // The fast paths (ops/fast/pool.h): the same results as the reference
  // below.
  void PoolFloatFast(const RtTensor& in, RtTensor& out,
                     ThreadPool* pool) const {
    float lo, hi;
    FloatActivationRange(opts_.act, &lo, &hi);
    const fast::PoolShape s = FastShape(in, out);
    if (kind_ == PoolKind::kMax) {
      fast::MaxPoolFloat(s, in.as<float>(), lo, hi, out.as<float>(), pool);
    } else {
      fast::AveragePoolFloat(s, in.as<float>(), lo, hi, out.as<float>(), pool);
    }
  }

  // False where the fast path does not cover the case (a clamp range outside
  // the type's, an average over more than 2^16 positions).
  template <typename T>
  bool PoolQuantizedFast(const RtTensor& in, RtTensor& out,
                         ThreadPool* pool) const {
    if (qlo_ < QMin<T>() || qlo_ > QMax<T>() || qhi_ < QMin<T>() ||
        qhi_ > QMax<T>()) {
      return false;
    }
    const fast::PoolShape s = FastShape(in, out);
    if (kind_ == PoolKind::kAverage && !fast::QuantizedAveragePoolFits(s)) {
      return false;
    }
    if constexpr (std::is_same_v<T, int8_t>) {
      (kind_ == PoolKind::kMax ? fast::MaxPoolInt8 : fast::AveragePoolInt8)(
          s, in.as<int8_t>(), qlo_, qhi_, out.as<int8_t>(), pool);
    } else {
      (kind_ == PoolKind::kMax ? fast::MaxPoolUInt8 : fast::AveragePoolUInt8)(
          s, in.as<uint8_t>(), qlo_, qhi_, out.as<uint8_t>(), pool);
    }
    return true;
  }

  // Calls visit(out_offset, window) for every output element, where window(f)
  // calls f(value) for each input value under the window, in the input's
  // element type.
  template <typename T, typename Visit>
  void ForEachWindow(const RtTensor& in, const RtTensor& out,
                     Visit&& visit) const {
    const int batch = in.dim(0), in_h = in.dim(1), in_w = in.dim(2),
              channels = in.dim(3);
    const int out_h = out.dim(1), out_w = out.dim(2);
    const T* x = in.as<T>();
    int64_t o = 0;
    for (int b = 0; b < batch; ++b) {
      for (int oy = 0; oy < out_h; ++oy) {
        const int y0 = oy * opts_.stride_h - pad_h_;
        const int fy_begin = std::max(0, -y0);
        const int fy_end = std::min(opts_.filter_h, in_h - y0);
        for (int ox = 0; ox < out_w; ++ox) {
          const int x0 = ox * opts_.stride_w - pad_w_;
          const int fx_begin = std::max(0, -x0);
          const int fx_end = std::min(opts_.filter_w, in_w - x0);
          for (int c = 0; c < channels; ++c, ++o) {
            auto window = [&](auto&& f) {
              for (int fy = fy_begin; fy < fy_end; ++fy) {
                const int64_t row =
                    (static_cast<int64_t>(b) * in_h + y0 + fy) * in_w;
                for (int fx = fx_begin; fx < fx_end; ++fx) {
                  f(x[(row + x0 + fx) * channels + c]);
                }
              }
            };
            visit(o, window);
          }
        }
      }
    }
  }

  void PoolFloat(const RtTensor& in, RtTensor& out) const {
    float lo, hi;
    FloatActivationRange(opts_.act, &lo, &hi);
    float* y = out.as<float>();
    ForEachWindow<float>(in, out, [&](int64_t o, auto&& window) {
      float result;
      if (kind_ == PoolKind::kMax) {
        result = std::numeric_limits<float>::lowest();
        window([&](float v) { result = std::max(result, v); });
      } else {
        float sum = 0.f;
        int count = 0;
        window([&](float v) {
          sum += v;
          ++count;
        });
        // SAME/VALID output sizes never give an empty window; guard anyway.
        result = count > 0 ? sum / static_cast<float>(count) : 0.f;
      }
      y[o] = std::min(std::max(result, lo), hi);
    });
  }

  template <typename T>
  void PoolQuantized(const RtTensor& in, RtTensor& out) const {
    T* y = out.as<T>();
    ForEachWindow<T>(in, out, [&](int64_t o, auto&& window) {
      int32_t result;
      if (kind_ == PoolKind::kMax) {
        result = QMin<T>();
        window([&](T v) { result = std::max<int32_t>(result, v); });
      } else {
        int64_t sum = 0;
        int64_t count = 0;
        window([&](T v) {
          sum += v;
          ++count;
        });
        if (count == 0) {
          result = 0;
        } else {
          result = static_cast<int32_t>(sum > 0 ? (sum + count / 2) / count
                                                : (sum - count / 2) / count);
        }
      }
      y[o] = static_cast<T>(std::min(std::max(result, qlo_), qhi_));
    });
  }

  PoolKind kind_;
  PoolOptions opts_;
  std::string name_;
  DType type_ = DType::kFloat32;
  int pad_h_ = 0, pad_w_ = 0;
  int32_t qlo_ = 0, qhi_ = 0;
};

PoolOptions ParsePoolOptions(const OpInitContext& init) {
  PoolOptions p;
  const fb::Pool2DOptions* o = init.op != nullptr
                                   ? init.op->builtin_options_as_Pool2DOptions()
                                   : nullptr;
  if (o != nullptr) {
    p.padding = o->padding();
    p.stride_w = o->stride_w();
    p.stride_h = o->stride_h();
    p.filter_w = o->filter_width();
    p.filter_h = o->filter_height();
    p.act = static_cast<Activation>(o->fused_activation_function());
  }
  return p;
}

}  // namespace

Result<std::unique_ptr<Op>> CreateMaxPool2D(const OpInitContext& init) {
  return std::unique_ptr<Op>(
      new Pool2DOp(PoolKind::kMax, ParsePoolOptions(init)));
}

Result<std::unique_ptr<Op>> CreateAveragePool2D(const OpInitContext& init) {
  return std::unique_ptr<Op>(
      new Pool2DOp(PoolKind::kAverage, ParsePoolOptions(init)));
}

}  // namespace litert
