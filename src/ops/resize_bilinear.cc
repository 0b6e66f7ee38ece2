// RESIZE_BILINEAR over NHWC: each output pixel blends the 4 nearest input
// pixels.
//
//   input  [n, h, w, c]   float32, int8, uint8, int16
//   size   [2]            int32 (new_h, new_w), each >= 1
//   output [n, new_h, new_w, c]
//
// Source coordinate of output row y (columns alike), scale = h / new_h, or
// (h-1)/(new_h-1) with align_corners and new_h > 1:
//   half_pixel_centers: in_y = (y + 0.5) * scale - 0.5, else in_y = y * scale
//   y0 = max(floor(in_y), 0), y1 = min(ceil(in_y), h - 1), dy = in_y - y0
// align_corners and half_pixel_centers together are refused (as LiteRT).
//
// Numerics follow LiteRT's builtin kernels, found by experiment against them:
//   float32: the blend in float.
//   uint8:   the blend in float, rounded to nearest.
//   int8, int16: 10-bit fixed point: scale_q = round(scale * 1024);
//     in_y_q = y * scale_q (+ scale_q / 2 - 512 with half_pixel_centers),
//     y0 = max(in_y_q / 1024, 0), y1 = min(ceil(in_y_q / 1024), h - 1),
//     the four weights products of (1024 - f) and f with f = in_y_q - y0*1024,
//     and the 20-bit sum rounded half away from zero.
// Quantized tensors are interpolated on their raw values (LiteRT does not
// requantize between input and output).
// float32 runs the fast path of ops/fast/resize_bilinear.h (the same source
// positions, the blend up to float rounding); the other types the reference
// kernels below.
// The output shape depends on size's values: when they are not known in
// Prepare, the node runs its Prepare at run time.
#include "ops/fast/resize_bilinear.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>

#include "ops/index_util.h"
#include "ops/op.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

class ResizeBilinearOp : public Op {
 public:
  ResizeBilinearOp(bool align_corners, bool half_pixel)
      : align_corners_(align_corners), half_pixel_(half_pixel) {}

  Status Prepare(OpContext& ctx) override {
    LITERT_CHECK_OP(
        ctx, ctx.num_inputs() == 2 && ctx.has_input(0) && ctx.has_input(1),
        "RESIZE_BILINEAR expects 2 inputs (input, size), got " +
            std::to_string(ctx.num_inputs()));
    LITERT_CHECK_OP(ctx, ctx.num_outputs() == 1,
                    "RESIZE_BILINEAR expects 1 output, got " +
                        std::to_string(ctx.num_outputs()));
    const RtTensor& in = ctx.input(0);
    const RtTensor& size = ctx.input(1);
    LITERT_RETURN_IF_ERROR(idx::CheckTypeIn(
        ctx, "RESIZE_BILINEAR input", in.type,
        {DType::kFloat32, DType::kInt8, DType::kUInt8, DType::kInt16}));
    LITERT_CHECK_OP(ctx, ctx.output(0).type == in.type,
                    "RESIZE_BILINEAR output has type " +
                        DTypeName(ctx.output(0).type) + ", expected " +
                        DTypeName(in.type) + " like the input");
    LITERT_CHECK_OP(ctx, in.rank() == 4,
                    "RESIZE_BILINEAR input must be 4-D [batch, height, width, "
                    "channels], got " +
                        ShapeToString(in.shape));
    LITERT_CHECK_OP(
        ctx, size.type == DType::kInt32 && size.rank() == 1 && size.dim(0) == 2,
        "RESIZE_BILINEAR size must be int32 [2], got " + DTypeName(size.type) +
            " " + ShapeToString(size.shape));
    LITERT_CHECK_OP(ctx, !(align_corners_ && half_pixel_),
                    "RESIZE_BILINEAR align_corners and half_pixel_centers "
                    "cannot both be set");
    if (!ctx.InputDataKnown(1)) {
      ctx.DeferToRunTime();
      return Status::Ok();
    }
    const int32_t oh = size.as<int32_t>()[0], ow = size.as<int32_t>()[1];
    LITERT_CHECK_OP(ctx, oh >= 1 && ow >= 1,
                    "RESIZE_BILINEAR size must be positive, got [" +
                        std::to_string(oh) + ", " + std::to_string(ow) + "]");
    ctx.SetOutputShape(0, Shape{in.dim(0), oh, ow, in.dim(3)});
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    switch (ctx.input(0).type) {
      case DType::kFloat32: {
        const RtTensor& in = ctx.input(0);
        RtTensor& out = ctx.output(0);
        const fast::ResizeShape s{in.dim(0),      in.dim(1),  in.dim(2),
                                  in.dim(3),      out.dim(1), out.dim(2),
                                  align_corners_, half_pixel_};
        fast::ResizeBilinearFloat(s, in.as<float>(), out.as<float>(),
                                  ctx.thread_pool());
        break;
      }
      case DType::kUInt8:
        ResizeFloat<uint8_t>(ctx.input(0), ctx.output(0));
        break;
      case DType::kInt8:
        ResizeFixed<int8_t>(ctx.input(0), ctx.output(0));
        break;
      case DType::kInt16:
        ResizeFixed<int16_t>(ctx.input(0), ctx.output(0));
        break;
      default:
        return ctx.Error("RESIZE_BILINEAR: unexpected type " +
                         DTypeName(ctx.input(0).type));
    }
    return Status::Ok();
  }

 private:
  float Scale(int32_t in, int32_t out) const {
    if (align_corners_ && out > 1) {
      return static_cast<float>(in - 1) / static_cast<float>(out - 1);
    }
    return static_cast<float>(in) / static_cast<float>(out);
  }

  // Float source coordinate and its two neighbours.
  struct Src {
    float pos;
    int32_t lo, hi;
  };
  Src SourceFloat(int32_t i, float scale, int32_t in_size) const {
    const float pos = half_pixel_
                          ? (static_cast<float>(i) + 0.5f) * scale - 0.5f
                          : static_cast<float>(i) * scale;
    const int32_t lo = std::max(static_cast<int32_t>(std::floor(pos)), 0);
    const int32_t hi =
        std::min(static_cast<int32_t>(std::ceil(pos)), in_size - 1);
    return {pos, lo, hi};
  }

  template <typename T>
  void ResizeFloat(const RtTensor& in, RtTensor& out) const {
    const int32_t batch = in.dim(0), h = in.dim(1), w = in.dim(2),
                  c = in.dim(3);
    const int32_t oh = out.dim(1), ow = out.dim(2);
    const float hs = Scale(h, oh), ws = Scale(w, ow);
    const T* x = in.as<T>();
    T* y = out.as<T>();
    for (int32_t b = 0; b < batch; ++b) {
      for (int32_t oy = 0; oy < oh; ++oy) {
        const Src sy = SourceFloat(oy, hs, h);
        const float dy = sy.pos - static_cast<float>(sy.lo);
        for (int32_t ox = 0; ox < ow; ++ox) {
          const Src sx = SourceFloat(ox, ws, w);
          const float dx = sx.pos - static_cast<float>(sx.lo);
          const T* p00 =
              x + ((static_cast<int64_t>(b) * h + sy.lo) * w + sx.lo) * c;
          const T* p01 =
              x + ((static_cast<int64_t>(b) * h + sy.lo) * w + sx.hi) * c;
          const T* p10 =
              x + ((static_cast<int64_t>(b) * h + sy.hi) * w + sx.lo) * c;
          const T* p11 =
              x + ((static_cast<int64_t>(b) * h + sy.hi) * w + sx.hi) * c;
          for (int32_t k = 0; k < c; ++k) {
            const float v = static_cast<float>(p00[k]) * (1 - dy) * (1 - dx) +
                            static_cast<float>(p10[k]) * dy * (1 - dx) +
                            static_cast<float>(p01[k]) * (1 - dy) * dx +
                            static_cast<float>(p11[k]) * dy * dx;
            if constexpr (std::is_same_v<T, float>) {
              *y++ = v;
            } else {
              *y++ = static_cast<T>(std::clamp(std::round(v), 0.f, 255.f));
            }
          }
        }
      }
    }
  }

  // Fixed-point source coordinate (10 fractional bits) and its neighbours.
  struct SrcQ {
    int64_t pos, lo, hi;
  };
  SrcQ SourceFixed(int64_t i, int64_t scale_q, int64_t in_size) const {
    const int64_t pos =
        half_pixel_ ? i * scale_q + scale_q / 2 - (1 << 9) : i * scale_q;
    const int64_t lo = std::max<int64_t>(pos / (1 << 10), 0);
    const int64_t hi =
        std::min<int64_t>((pos + (1 << 10) - 1) / (1 << 10), in_size - 1);
    return {pos, lo, hi};
  }

  template <typename T>
  void ResizeFixed(const RtTensor& in, RtTensor& out) const {
    const int32_t batch = in.dim(0), h = in.dim(1), w = in.dim(2),
                  c = in.dim(3);
    const int32_t oh = out.dim(1), ow = out.dim(2);
    const int64_t hs =
        static_cast<int64_t>(std::round(Scale(h, oh) * (1 << 10)));
    const int64_t ws =
        static_cast<int64_t>(std::round(Scale(w, ow) * (1 << 10)));
    const T* x = in.as<T>();
    T* y = out.as<T>();
    constexpr int64_t kOne = 1 << 10;
    for (int32_t b = 0; b < batch; ++b) {
      for (int32_t oy = 0; oy < oh; ++oy) {
        const SrcQ sy = SourceFixed(oy, hs, h);
        const int64_t fy = sy.pos - sy.lo * kOne;
        for (int32_t ox = 0; ox < ow; ++ox) {
          const SrcQ sx = SourceFixed(ox, ws, w);
          const int64_t fx = sx.pos - sx.lo * kOne;
          const T* p00 =
              x + ((static_cast<int64_t>(b) * h + sy.lo) * w + sx.lo) * c;
          const T* p01 =
              x + ((static_cast<int64_t>(b) * h + sy.lo) * w + sx.hi) * c;
          const T* p10 =
              x + ((static_cast<int64_t>(b) * h + sy.hi) * w + sx.lo) * c;
          const T* p11 =
              x + ((static_cast<int64_t>(b) * h + sy.hi) * w + sx.hi) * c;
          for (int32_t k = 0; k < c; ++k) {
            const int64_t acc = p00[k] * (kOne - fy) * (kOne - fx) +
                                p10[k] * fy * (kOne - fx) +
                                p01[k] * (kOne - fy) * fx + p11[k] * fy * fx;
            constexpr int64_t kHalf = int64_t{1} << 19;
            const int64_t v =
                acc >= 0 ? (acc + kHalf) >> 20 : -((-acc + kHalf) >> 20);
            *y++ = static_cast<T>(
                std::clamp<int64_t>(v, std::numeric_limits<T>::min(),
                                    std::numeric_limits<T>::max()));
          }
        }
      }
    }
  }

  bool align_corners_, half_pixel_;
};

}  // namespace

Result<std::unique_ptr<Op>> CreateResizeBilinear(const OpInitContext& init) {
  const fb::ResizeBilinearOptions* o =
      init.op != nullptr ? init.op->builtin_options_as_ResizeBilinearOptions()
                         : nullptr;
  return std::unique_ptr<Op>(new ResizeBilinearOp(
      o ? o->align_corners() : false, o ? o->half_pixel_centers() : false));
}

}  // namespace litert
