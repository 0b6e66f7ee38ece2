// DEPTHWISE_CONV_2D reference kernel: plain loops, the fallback and test oracle
// (DESIGN.md rule 2).
//
//   input  [N, H, W, Cin]
//   filter [1, KH, KW, Cout]   Cout = Cin * depth_multiplier
//   bias   [Cout]              optional (input 2)
//   output [N, OH, OW, Cout]
//
// Output channel oc = ic * depth_multiplier + m reads input channel ic only.
// The multiplier is Cout / Cin: LiteRT ignores the option's depth_multiplier
// and so do we. Window positions in the padding are skipped. Per-channel filter
// scales run along dimension 3.
//
// Hybrid (float32 input and output, INT8 filter with one scale per output
// channel, as LiteRT requires): each batch image [H, W, Cin] is quantized to
// int8 on the fly (always asymmetrically, as LiteRT's kernel does), convolved
// in integers and rescaled to float (quant/hybrid.h).
#include <cstdint>
#include <limits>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "core/thread_pool.h"
#include "ops/fast/conv_int8.h"
#include "ops/fast/depthwise_float.h"
#include "ops/fast/depthwise_int8.h"
#include "ops/fast/float_gemm.h"
#include "ops/op.h"
#include "ops/op_util.h"
#include "ops/option_checks.h"
#include "ops/quant/hybrid.h"
#include "ops/quant/per_channel.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

struct DepthwiseOptions {
  int padding = 0;  // PaddingType code
  int stride_w = 0;
  int stride_h = 0;
  int dilation_w = 1;
  int dilation_h = 1;
  int activation = 0;  // Activation code
};

// Shapes and padding fixed in Prepare.
struct DepthwiseGeometry {
  int batches = 0, in_h = 0, in_w = 0, in_c = 0;
  int out_h = 0, out_w = 0, out_c = 0;
  int k_h = 0, k_w = 0, depth_multiplier = 1;
  int stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  int pad_h = 0, pad_w = 0;
};

// Checks that one spatial axis's window arithmetic stays within int, then
// computes it.
bool CheckedWindow(PaddingType padding, int in, int k, int stride, int dilation,
                   WindowDim* w) {
  const int64_t effective = int64_t{k - 1} * dilation + 1;
  const int64_t limit = std::numeric_limits<int32_t>::max();
  if (effective + in > limit || int64_t{in} + stride > limit) return false;
  *w = ComputeWindow(padding, in, k, stride, dilation);
  return true;
}

class DepthwiseConv2D : public Op {
 public:
  explicit DepthwiseConv2D(const DepthwiseOptions& options)
      : options_(options) {}
  Status Prepare(OpContext& ctx) override;
  Status Eval(OpContext& ctx) override;
  Status Finalize(OpContext& ctx) override;

 private:
  void EvalFloat(const RtTensor& input, const RtTensor& filter,
                 const RtTensor* bias, RtTensor& output) const;
  template <typename InT, typename AccT, typename BiasT>
  void EvalQuantized(const RtTensor& input, const RtTensor& filter,
                     const RtTensor* bias, RtTensor& output) const;
  Status PrepareHybrid(OpContext& ctx);
  void EvalHybrid(const RtTensor& input, const RtTensor& filter,
                  const RtTensor* bias, RtTensor& output,
                  int8_t* image_q) const;

  DepthwiseOptions options_;
  DepthwiseGeometry g_;
  quant::ConvTypes types_ = quant::ConvTypes::kFloat32;
  bool hybrid_ = false;  // float32 input and output, INT8/INT4 weights
  float float_min_ = 0.f, float_max_ = 0.f;
  quant::ConvRequant requant_;
  // Hybrid only.
  std::vector<float> channel_scale_;  // [Cout]
  int image_scratch_ = -1;            // [H, W, Cin] int8: one quantized image
  // The fast paths (int8 and int16x8) when prepared and packed.
  template <typename T>
  bool RunFast(OpContext& ctx, const RtTensor& input, RtTensor& output) {
    if (fast_ && fast_->packed()) {
      fast_->Run(input.as<T>(), output.as<T>(), ctx.thread_pool());
      return true;
    }
    if (fast_conv_ && fast_conv_->packed()) {
      fast_conv_->Run(input.as<T>(), output.as<T>(),
                      fast_conv_scratch_ >= 0
                          ? static_cast<T*>(ctx.scratch(fast_conv_scratch_))
                          : nullptr,
                      ctx.thread_pool());
      return true;
    }
    return false;
  }
  // A depth multiplier of 1: the fast path.
  std::unique_ptr<fast::DepthwiseInt8> fast_;
  // int8 with one input channel: a convolution with `depth_multiplier`
  // output channels, run by the fast CONV_2D path.
  std::unique_ptr<fast::ConvInt8> fast_conv_;
  int fast_conv_scratch_ = -1;
};

Status DepthwiseConv2D::Finalize(OpContext& ctx) {
  if (!fast_ && !fast_conv_) return Status::Ok();
  const RtTensor* bias_t = ctx.has_input(2) ? &ctx.input(2) : nullptr;
  // int64 biases (int16x8) were checked in Prepare to fit in int32.
  std::vector<int32_t> bias32;
  if (bias_t != nullptr && bias_t->type == DType::kInt64) {
    bias32.assign(bias_t->as<int64_t>(), bias_t->as<int64_t>() + g_.out_c);
  }
  const int32_t* bias = bias_t == nullptr ? nullptr
                        : bias32.empty()  ? bias_t->as<int32_t>()
                                          : bias32.data();
  if (fast_ && !fast_->packed()) {
    if (!fast_->Pack(ctx.input(1).as<int8_t>(), bias)) {
      fast_.reset();  // out of memory for the widened copy: the reference runs
    }
  }
  if (fast_conv_ && !fast_conv_->packed()) {
    // [1, k_h, k_w, M] -> the convolution's [M, k_h, k_w, 1].
    const int taps = g_.k_h * g_.k_w, m = g_.out_c;
    const int8_t* w = ctx.input(1).as<int8_t>();
    std::vector<int8_t> filter;
    try {
      filter.resize(size_t(taps) * m);
    } catch (const std::bad_alloc&) {
      fast_conv_.reset();
      return Status::Ok();
    }
    for (int t = 0; t < taps; ++t) {
      for (int o = 0; o < m; ++o)
        filter[size_t(o) * taps + t] = w[size_t(t) * m + o];
    }
    if (!fast_conv_->Pack(filter.data(), bias)) {
      fast_conv_.reset();  // out of memory for the packed copy
    }
  }
  return Status::Ok();
}

Status DepthwiseConv2D::Prepare(OpContext& ctx) {
  LITERT_CHECK_OP(
      ctx,
      ctx.num_inputs() >= 2 && ctx.num_inputs() <= 3 && ctx.num_outputs() == 1,
      "expects 2 or 3 inputs (input, filter, optional bias) and 1 output, "
      "has " +
          std::to_string(ctx.num_inputs()) + " inputs and " +
          std::to_string(ctx.num_outputs()) + " outputs");
  LITERT_CHECK_OP(ctx, ctx.has_input(0) && ctx.has_input(1),
                  "input and filter are required");
  LITERT_RETURN_IF_ERROR(CheckPaddingAndStrides(
      ctx, options_.padding, options_.stride_h, options_.stride_w));
  LITERT_RETURN_IF_ERROR(
      CheckDilation(ctx, options_.dilation_h, options_.dilation_w));
  LITERT_RETURN_IF_ERROR(CheckClampActivation(ctx, options_.activation));
  const auto act = static_cast<Activation>(options_.activation);

  const RtTensor& input = ctx.input(0);
  const RtTensor& filter = ctx.input(1);
  const RtTensor* bias = ctx.has_input(2) ? &ctx.input(2) : nullptr;
  RtTensor& output = ctx.output(0);
  LITERT_CHECK_OP(ctx, input.rank() == 4,
                  "input must have rank 4 [N, H, W, C], has shape " +
                      ShapeToString(input.shape));
  LITERT_CHECK_OP(ctx, filter.rank() == 4 && filter.dim(0) == 1,
                  "filter must have shape [1, KH, KW, Cout], has shape " +
                      ShapeToString(filter.shape));
  for (int d = 0; d < 4; ++d) {
    LITERT_CHECK_OP(ctx, input.dim(d) >= 0, "input has a negative dimension");
    LITERT_CHECK_OP(ctx, filter.dim(d) > 0,
                    "filter dimensions must be positive, has shape " +
                        ShapeToString(filter.shape));
  }
  DepthwiseGeometry g;
  g.batches = input.dim(0);
  g.in_h = input.dim(1);
  g.in_w = input.dim(2);
  g.in_c = input.dim(3);
  g.k_h = filter.dim(1);
  g.k_w = filter.dim(2);
  g.out_c = filter.dim(3);
  LITERT_CHECK_OP(ctx, g.in_c > 0 && g.out_c % g.in_c == 0,
                  "filter's output channels (" + std::to_string(g.out_c) +
                      ") must be a positive multiple of the input channels (" +
                      std::to_string(g.in_c) + ")");
  g.depth_multiplier = g.out_c / g.in_c;
  if (bias != nullptr) {
    LITERT_CHECK_OP(ctx, bias->num_elements() == g.out_c,
                    "bias must have " + std::to_string(g.out_c) +
                        " elements (one per output " + "channel), has shape " +
                        ShapeToString(bias->shape));
  }

  hybrid_ = quant::IsHybrid(input, filter, bias, output);
  if (!hybrid_) {
    std::string type_error =
        quant::ClassifyConvTypes(input, filter, bias, output, &types_);
    LITERT_CHECK_OP(ctx, type_error.empty(), type_error);
    LITERT_CHECK_OP(
        ctx, types_ != quant::ConvTypes::kUInt8,
        "uint8 DEPTHWISE_CONV_2D is not supported (uint8 is supported by "
        "CONV_2D only; int8 per-tensor or per-channel is)");
  }
  // LiteRT's int16 depthwise kernel only has the int64-bias, int64-accumulator
  // form.
  if (types_ == quant::ConvTypes::kInt16Acc32) {
    LITERT_CHECK_OP(
        ctx, bias == nullptr,
        "int16 input needs an int64 bias for DEPTHWISE_CONV_2D, bias is int32");
    types_ = quant::ConvTypes::kInt16Acc64;
  }

  const auto padding = static_cast<PaddingType>(options_.padding);
  g.stride_h = options_.stride_h;
  g.stride_w = options_.stride_w;
  g.dilation_h = options_.dilation_h;
  g.dilation_w = options_.dilation_w;
  WindowDim wh, ww;
  LITERT_CHECK_OP(
      ctx,
      CheckedWindow(padding, g.in_h, g.k_h, g.stride_h, g.dilation_h, &wh) &&
          CheckedWindow(padding, g.in_w, g.k_w, g.stride_w, g.dilation_w, &ww),
      "window size, stride or dilation is too large");
  g.out_h = wh.out;
  g.out_w = ww.out;
  g.pad_h = wh.pad_before;
  g.pad_w = ww.pad_before;
  g_ = g;

  if (hybrid_) {
    FloatActivationRange(act, &float_min_, &float_max_);
    LITERT_RETURN_IF_ERROR(PrepareHybrid(ctx));
  } else if (types_ == quant::ConvTypes::kFloat32) {
    FloatActivationRange(act, &float_min_, &float_max_);
  } else {
    const bool is_int8 = types_ == quant::ConvTypes::kInt8;
    std::string quant_error = quant::PrepareConvRequant(
        input, filter, output, g.out_c, /*channel_dim=*/3, act,
        is_int8 ? QMin<int8_t>() : QMin<int16_t>(),
        is_int8 ? QMax<int8_t>() : QMax<int16_t>(), &requant_);
    LITERT_CHECK_OP(ctx, quant_error.empty(), quant_error);
    fast_.reset();
    fast_conv_.reset();
    fast_conv_scratch_ = -1;
    const RtTensor* bias = ctx.has_input(2) ? &ctx.input(2) : nullptr;
    fast::Int8Requant rq;
    // int16x8 with int64 biases: the kernels sum in int32, exact when every
    // sum of k_h * k_w products (each below 2^22 in size) plus the bias fits.
    bool sums_fit = true;
    if (types_ == quant::ConvTypes::kInt16Acc64) {
      int64_t max_bias = 0;
      for (int c = 0; bias != nullptr && c < g.out_c; ++c) {
        max_bias = std::max(max_bias, std::abs(bias->as<int64_t>()[c]));
      }
      sums_fit = max_bias < (int64_t{1} << 30) &&
                 (int64_t{g.k_h} * g.k_w << 22) < (int64_t{1} << 30);
    }
    if (sums_fit && filter.is_constant() &&
        (bias == nullptr || bias->is_constant()) &&
        requant_.filter_zero_point == 0 && g.batches * g.out_h * g.out_w > 0 &&
        fast::MakeInt8Requant(requant_, &rq)) {
      if (types_ == quant::ConvTypes::kInt16Acc64) fast::MakeQ15Requant(&rq);
      const fast::ConvInt8Shape shape =
          fast::ConvInt8ShapeOf(g, requant_.input_zero_point);
      if (g.depth_multiplier == 1) {
        fast_ = std::make_unique<fast::DepthwiseInt8>();
        fast_->Prepare(shape, std::move(rq));
      } else if (g.in_c == 1) {
        fast_conv_ = std::make_unique<fast::ConvInt8>();
        fast_conv_->Prepare(
            shape, std::move(rq),
            ctx.thread_pool() ? ctx.thread_pool()->threads() : 1, !is_int8);
        if (fast_conv_->scratch_bytes() > 0) {
          fast_conv_scratch_ = ctx.RequestScratch(fast_conv_->scratch_bytes());
        }
      }
    }
  }
  ctx.SetOutputShape(0, {g.batches, g.out_h, g.out_w, g.out_c});
  return Status::Ok();
}

Status DepthwiseConv2D::Eval(OpContext& ctx) {
  const RtTensor& input = ctx.input(0);
  const RtTensor& filter = ctx.input(1);
  const RtTensor* bias = ctx.has_input(2) ? &ctx.input(2) : nullptr;
  RtTensor& output = ctx.output(0);
  if (hybrid_) {
    EvalHybrid(input, filter, bias, output,
               static_cast<int8_t*>(ctx.scratch(image_scratch_)));
    return Status::Ok();
  }
  switch (types_) {
    case quant::ConvTypes::kFloat32:
      if (g_.depth_multiplier == 1) {
        fast::DepthwiseFloat(
            fast::ConvInt8ShapeOf(g_, 0), input.as<float>(), filter.as<float>(),
            bias != nullptr ? bias->as<float>() : nullptr, float_min_,
            float_max_, output.as<float>(), ctx.thread_pool());
        break;
      }
      EvalFloat(input, filter, bias, output);
      break;
    case quant::ConvTypes::kInt8:
      if (RunFast<int8_t>(ctx, input, output)) break;
      EvalQuantized<int8_t, int32_t, int32_t>(input, filter, bias, output);
      break;
    case quant::ConvTypes::kInt16Acc32:
      if (RunFast<int16_t>(ctx, input, output)) break;
      EvalQuantized<int16_t, int32_t, int32_t>(input, filter, bias, output);
      break;
    case quant::ConvTypes::kInt16Acc64:
      if (RunFast<int16_t>(ctx, input, output)) break;
      EvalQuantized<int16_t, int64_t, int64_t>(input, filter, bias, output);
      break;
    case quant::ConvTypes::kUInt8:  // refused in Prepare
      return ctx.Error("uint8 is not supported by this op");
  }
  return Status::Ok();
}

Status DepthwiseConv2D::PrepareHybrid(OpContext& ctx) {
  const RtTensor& filter = ctx.input(1);
  LITERT_CHECK_OP(ctx,
                  ctx.input(0).quant.empty() && ctx.output(0).quant.empty(),
                  "hybrid DEPTHWISE_CONV_2D needs an unquantized float32 input "
                  "and output");
  LITERT_CHECK_OP(ctx, filter.type == DType::kInt8,
                  "hybrid DEPTHWISE_CONV_2D supports int8 filters only, '" +
                      filter.name + "' is " + DTypeName(filter.type));
  LITERT_CHECK_OP(
      ctx,
      !filter.quant.is_blockwise() &&
          filter.quant.scale.size() == static_cast<size_t>(g_.out_c),
      "hybrid filter '" + filter.name +
          "' needs one scale per output channel (" + std::to_string(g_.out_c) +
          ") along dimension 3, has " +
          std::to_string(filter.quant.scale.size()));
  std::string error = quant::PrepareHybridWeightScales(
      filter, g_.out_c, /*channel_dim=*/3, &channel_scale_);
  LITERT_CHECK_OP(ctx, error.empty(), error);
  const int64_t image = int64_t{g_.in_h} * g_.in_w * g_.in_c;
  image_scratch_ = ctx.RequestScratch(static_cast<size_t>(image));
  return Status::Ok();
}

void DepthwiseConv2D::EvalHybrid(const RtTensor& input, const RtTensor& filter,
                                 const RtTensor* bias, RtTensor& output,
                                 int8_t* image_q) const {
  const DepthwiseGeometry& g = g_;
  const float* in = input.as<float>();
  const int8_t* w = filter.as<int8_t>();
  const float* b = bias != nullptr ? bias->as<float>() : nullptr;
  float* out = output.as<float>();
  const int64_t image = int64_t{g.in_h} * g.in_w * g.in_c;
  for (int n = 0; n < g.batches; ++n) {
    const quant::InputQuantization iq =
        quant::QuantizeInputAsymmetric(in + n * image, image, image_q);
    for (int oy = 0; oy < g.out_h; ++oy) {
      for (int ox = 0; ox < g.out_w; ++ox) {
        const int iy0 = oy * g.stride_h - g.pad_h;
        const int ix0 = ox * g.stride_w - g.pad_w;
        for (int oc = 0; oc < g.out_c; ++oc) {
          const int ic = oc / g.depth_multiplier;
          // Padding is skipped: a real 0, which is what LiteRT computes.
          int64_t sum = 0;
          for (int ky = 0; ky < g.k_h; ++ky) {
            const int iy = iy0 + ky * g.dilation_h;
            if (iy < 0 || iy >= g.in_h) continue;
            for (int kx = 0; kx < g.k_w; ++kx) {
              const int ix = ix0 + kx * g.dilation_w;
              if (ix < 0 || ix >= g.in_w) continue;
              const int32_t x =
                  image_q[(int64_t{iy} * g.in_w + ix) * g.in_c + ic];
              sum += (x - iq.zero_point) *
                     int32_t{w[(int64_t{ky} * g.k_w + kx) * g.out_c + oc]};
            }
          }
          float acc = static_cast<float>(sum) * (iq.scale * channel_scale_[oc]);
          if (b != nullptr) acc += b[oc];
          acc = acc < float_min_ ? float_min_
                                 : (acc > float_max_ ? float_max_ : acc);
          out[((int64_t{n} * g.out_h + oy) * g.out_w + ox) * g.out_c + oc] =
              acc;
        }
      }
    }
  }
}

void DepthwiseConv2D::EvalFloat(const RtTensor& input, const RtTensor& filter,
                                const RtTensor* bias, RtTensor& output) const {
  const DepthwiseGeometry& g = g_;
  const float* in = input.as<float>();
  const float* w = filter.as<float>();
  const float* b = bias != nullptr ? bias->as<float>() : nullptr;
  float* out = output.as<float>();
  for (int n = 0; n < g.batches; ++n) {
    for (int oy = 0; oy < g.out_h; ++oy) {
      for (int ox = 0; ox < g.out_w; ++ox) {
        const int iy0 = oy * g.stride_h - g.pad_h;
        const int ix0 = ox * g.stride_w - g.pad_w;
        for (int oc = 0; oc < g.out_c; ++oc) {
          const int ic = oc / g.depth_multiplier;
          float acc = 0.f;
          for (int ky = 0; ky < g.k_h; ++ky) {
            const int iy = iy0 + ky * g.dilation_h;
            if (iy < 0 || iy >= g.in_h) continue;
            for (int kx = 0; kx < g.k_w; ++kx) {
              const int ix = ix0 + kx * g.dilation_w;
              if (ix < 0 || ix >= g.in_w) continue;
              acc +=
                  in[((int64_t{n} * g.in_h + iy) * g.in_w + ix) * g.in_c + ic] *
                  w[(int64_t{ky} * g.k_w + kx) * g.out_c + oc];
            }
          }
          if (b != nullptr) acc += b[oc];
          acc = acc < float_min_ ? float_min_
                                 : (acc > float_max_ ? float_max_ : acc);
          out[((int64_t{n} * g.out_h + oy) * g.out_w + ox) * g.out_c + oc] =
              acc;
        }
      }
    }
  }
}

// AccT is the accumulator LiteRT uses for the combination: int32 wraps on
// overflow like LiteRT's, which the int64 sum reproduces by truncation; int64
// keeps the full sum.
template <typename InT, typename AccT, typename BiasT>
void DepthwiseConv2D::EvalQuantized(const RtTensor& input,
                                    const RtTensor& filter,
                                    const RtTensor* bias,
                                    RtTensor& output) const {
  const DepthwiseGeometry& g = g_;
  const InT* in = input.as<InT>();
  const int8_t* w = filter.as<int8_t>();
  const BiasT* b = bias != nullptr ? bias->as<BiasT>() : nullptr;
  InT* out = output.as<InT>();
  const int32_t in_zp = requant_.input_zero_point;
  for (int n = 0; n < g.batches; ++n) {
    for (int oy = 0; oy < g.out_h; ++oy) {
      for (int ox = 0; ox < g.out_w; ++ox) {
        const int iy0 = oy * g.stride_h - g.pad_h;
        const int ix0 = ox * g.stride_w - g.pad_w;
        for (int oc = 0; oc < g.out_c; ++oc) {
          const int ic = oc / g.depth_multiplier;
          int64_t sum = 0;
          for (int ky = 0; ky < g.k_h; ++ky) {
            const int iy = iy0 + ky * g.dilation_h;
            if (iy < 0 || iy >= g.in_h) continue;
            for (int kx = 0; kx < g.k_w; ++kx) {
              const int ix = ix0 + kx * g.dilation_w;
              if (ix < 0 || ix >= g.in_w) continue;
              const int32_t x =
                  in[((int64_t{n} * g.in_h + iy) * g.in_w + ix) * g.in_c + ic];
              sum += (x - in_zp) *
                     int32_t{w[(int64_t{ky} * g.k_w + kx) * g.out_c + oc]};
            }
          }
          // Wrapping add: a hostile int64 bias must not be undefined behaviour.
          if (b != nullptr)
            sum =
                static_cast<int64_t>(uint64_t(sum) + uint64_t(int64_t{b[oc]}));
          const AccT acc = static_cast<AccT>(sum);
          out[((int64_t{n} * g.out_h + oy) * g.out_w + ox) * g.out_c + oc] =
              static_cast<InT>(quant::RequantizeConvAcc(
                  acc, requant_.multiplier[oc], requant_));
        }
      }
    }
  }
}

}  // namespace

Result<std::unique_ptr<Op>> CreateDepthwiseConv2D(const OpInitContext& init) {
  DepthwiseOptions o;  // schema defaults when the file has no options table
  const fb::DepthwiseConv2DOptions* fo =
      init.op != nullptr ? init.op->builtin_options_as_DepthwiseConv2DOptions()
                         : nullptr;
  if (fo != nullptr) {
    o.padding = fo->padding();
    o.stride_w = fo->stride_w();
    o.stride_h = fo->stride_h();
    o.dilation_w = fo->dilation_w_factor();
    o.dilation_h = fo->dilation_h_factor();
    o.activation = fo->fused_activation_function();
  }
  return std::unique_ptr<Op>(new DepthwiseConv2D(o));
}

}  // namespace litert
