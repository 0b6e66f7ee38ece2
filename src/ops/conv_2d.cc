// CONV_2D reference kernel: plain loops, the fallback and test oracle
// (DESIGN.md rule 2).
//
//   input  [N, H, W, Cin]
//   filter [Cout, KH, KW, Cin / groups]   groups = Cin / filter's last dim
//   bias   [Cout]                          optional (input 2)
//   output [N, OH, OW, Cout]
//
// Output channel oc belongs to group oc / (Cout / groups) and sees that group's
// slice of input channels. Window positions that fall in the padding are
// skipped (for quantized inputs that is the same as padding with the input zero
// point).
//
// Hybrid (float32 input and output, INT8 or INT4 filter, per-tensor or
// per-channel): each batch image [H, W, Cin] is quantized to int8 on the fly,
// convolved in integers and rescaled to float (quant/hybrid.h).
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/thread_pool.h"
#include "ops/fast/conv_float.h"
#include "ops/fast/conv_int8.h"
#include "ops/fast/conv_tiles.h"
#include "ops/fast/float_gemm.h"
#include "ops/fast/hybrid_int8.h"
#include "ops/op.h"
#include "ops/op_util.h"
#include "ops/option_checks.h"
#include "ops/quant/hybrid.h"
#include "ops/quant/per_channel.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

struct Conv2DOptions {
  int padding = 0;  // PaddingType code
  int stride_w = 0;
  int stride_h = 0;
  int dilation_w = 1;
  int dilation_h = 1;
  int activation = 0;  // Activation code
};

// Shapes and padding fixed in Prepare.
struct ConvGeometry {
  int batches = 0, in_h = 0, in_w = 0, in_c = 0;
  int out_h = 0, out_w = 0, out_c = 0;
  int k_h = 0, k_w = 0, filter_c = 0;  // filter_c = input channels per group
  int out_c_per_group = 0;
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

class Conv2D : public Op {
 public:
  explicit Conv2D(const Conv2DOptions& options) : options_(options) {}
  Status Prepare(OpContext& ctx) override;
  Status Eval(OpContext& ctx) override;
  Status Finalize(OpContext& ctx) override;

 private:
  void EvalFloat(const RtTensor& input, const RtTensor& filter,
                 const RtTensor* bias, RtTensor& output) const;
  template <typename InT, typename FilterT, typename AccT, typename BiasT>
  void EvalQuantized(const RtTensor& input, const RtTensor& filter,
                     const RtTensor* bias, RtTensor& output) const;
  Status PrepareHybrid(OpContext& ctx);
  template <typename WeightReader>
  void EvalHybrid(const RtTensor& input, WeightReader w, const RtTensor* bias,
                  RtTensor& output, int8_t* image_q) const;

  Conv2DOptions options_;
  ConvGeometry g_;
  quant::ConvTypes types_ = quant::ConvTypes::kFloat32;
  bool hybrid_ = false;  // float32 input and output, INT8/INT4 weights
  float float_min_ = 0.f, float_max_ = 0.f;
  quant::ConvRequant requant_;
  // Hybrid only.
  quant::HybridInputQuant input_quant_ = quant::HybridInputQuant::kAsymmetric;
  std::vector<float> channel_scale_;  // [Cout]
  int image_scratch_ = -1;            // [H, W, Cin] int8: one quantized image
  // Hybrid with int8 weights and one group: every output pixel's quantized
  // window times the weights through fast::HybridInt8 (the same formula).
  void EvalHybridFast(const RtTensor& input, const RtTensor* bias,
                      RtTensor& output, int8_t* image_q, uint8_t* rows,
                      ThreadPool* pool) const;
  std::unique_ptr<fast::HybridInt8> fast_hybrid_;
  bool fast_hybrid_wanted_ = false;
  int hybrid_rows_scratch_ = -1;  // per thread: window words, then the window
  size_t hybrid_row_bytes_ = 0;
  int hybrid_threads_ = 1;
  // int8 with one group on a CPU with VNNI: the fast path.
  bool PrepareFastInt8(OpContext& ctx);
  // The int8 / int16x8 fast path when prepared and packed.
  template <typename T>
  bool RunFast(OpContext& ctx, const RtTensor& input, RtTensor& output) {
    if (!fast_ || !fast_->packed()) return false;
    fast_->Run(input.as<T>(), output.as<T>(),
               fast_scratch_ >= 0 ? static_cast<T*>(ctx.scratch(fast_scratch_))
                                  : nullptr,
               ctx.thread_pool());
    return true;
  }
  std::unique_ptr<fast::ConvInt8> fast_;
  // float32 with one group on a CPU with AVX-512: the fast path.
  std::unique_ptr<fast::ConvFloat> fast_float_;
  int fast_scratch_ = -1;
};

bool Conv2D::PrepareFastInt8(OpContext& ctx) {
  fast_.reset();
  fast_scratch_ = -1;
  const RtTensor& filter = ctx.input(1);
  const RtTensor* bias = ctx.has_input(2) ? &ctx.input(2) : nullptr;
  const ConvGeometry& g = g_;
  const bool int16 = types_ == quant::ConvTypes::kInt16Acc32 ||
                     types_ == quant::ConvTypes::kInt16Acc64;
  if ((types_ != quant::ConvTypes::kInt8 && !int16) || g.filter_c != g.in_c ||
      !filter.is_constant() || (bias != nullptr && !bias->is_constant()) ||
      requant_.filter_zero_point != 0 || g.batches * g.out_h * g.out_w == 0) {
    return false;
  }
  fast::Int8Requant rq;
  if (!fast::MakeInt8Requant(requant_, &rq)) return false;
  if (types_ == quant::ConvTypes::kInt16Acc64) {
    // The kernel sums in int32: exact when every sum of k_h * k_w * in_c
    // products (each below 2^22 in size) plus the bias stays inside int32.
    int64_t max_bias = 0;
    for (int c = 0; bias != nullptr && c < g.out_c; ++c) {
      max_bias = std::max(max_bias, std::abs(bias->as<int64_t>()[c]));
    }
    if (max_bias >= (int64_t{1} << 30) ||
        (int64_t{g.k_h} * g.k_w * g.in_c << 22) >= (int64_t{1} << 30)) {
      return false;
    }
    fast::MakeQ15Requant(&rq);
  }
  const fast::ConvInt8Shape shape =
      fast::ConvInt8ShapeOf(g, requant_.input_zero_point);
  auto f = std::make_unique<fast::ConvInt8>();
  f->Prepare(shape, std::move(rq),
             ctx.thread_pool() ? ctx.thread_pool()->threads() : 1, int16);
  if (f->scratch_bytes() > 0) {
    fast_scratch_ = ctx.RequestScratch(f->scratch_bytes());
  }
  fast_ = std::move(f);
  return true;
}

Status Conv2D::Finalize(OpContext& ctx) {
  if (fast_hybrid_wanted_ && !fast_hybrid_) {
    auto f = std::make_unique<fast::HybridInt8>();
    if (f->Pack(ctx.input(1).as<int8_t>(), g_.out_c, g_.k_h * g_.k_w * g_.in_c,
                channel_scale_)) {
      fast_hybrid_ = std::move(f);
    }  // else out of memory for the packed copy: the reference runs
  }
  if (fast_float_ && !fast_float_->packed() &&
      !fast_float_->Pack(ctx.input(1).as<float>())) {
    fast_float_.reset();  // out of memory for the packed copy
  }
  if (fast_ && !fast_->packed()) {
    const RtTensor* bias = ctx.has_input(2) ? &ctx.input(2) : nullptr;
    // int64 biases (int16x8) were checked in Prepare to fit in int32.
    std::vector<int32_t> bias32;
    if (bias != nullptr && bias->type == DType::kInt64) {
      bias32.assign(bias->as<int64_t>(), bias->as<int64_t>() + g_.out_c);
    }
    const int32_t* b32 = bias == nullptr  ? nullptr
                         : bias32.empty() ? bias->as<int32_t>()
                                          : bias32.data();
    if (!fast_->Pack(ctx.input(1).as<int8_t>(), b32)) {
      fast_.reset();  // out of memory for the packed copy: the reference runs
    }
  }
  return Status::Ok();
}

Status Conv2D::Prepare(OpContext& ctx) {
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
  LITERT_CHECK_OP(ctx, filter.rank() == 4,
                  "filter must have rank 4 [Cout, KH, KW, Cin], has shape " +
                      ShapeToString(filter.shape));
  for (int d = 0; d < 4; ++d) {
    LITERT_CHECK_OP(ctx, input.dim(d) >= 0, "input has a negative dimension");
    LITERT_CHECK_OP(ctx, filter.dim(d) > 0,
                    "filter dimensions must be positive, has shape " +
                        ShapeToString(filter.shape));
  }
  ConvGeometry g;
  g.batches = input.dim(0);
  g.in_h = input.dim(1);
  g.in_w = input.dim(2);
  g.in_c = input.dim(3);
  g.out_c = filter.dim(0);
  g.k_h = filter.dim(1);
  g.k_w = filter.dim(2);
  g.filter_c = filter.dim(3);
  LITERT_CHECK_OP(ctx, g.in_c % g.filter_c == 0,
                  "input channels (" + std::to_string(g.in_c) +
                      ") must be a multiple of the filter's input channels (" +
                      std::to_string(g.filter_c) + ")");
  const int groups = g.in_c / g.filter_c;
  LITERT_CHECK_OP(ctx, groups > 0 && g.out_c % groups == 0,
                  "output channels (" + std::to_string(g.out_c) +
                      ") must be a multiple of the number of groups (" +
                      std::to_string(groups) + ")");
  g.out_c_per_group = g.out_c / groups;
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
    fast_float_.reset();
    fast_scratch_ = -1;
    if (g.filter_c == g.in_c && filter.is_constant() &&
        g.batches * g.out_h * g.out_w > 0) {
      fast_float_ = std::make_unique<fast::ConvFloat>();
      fast_float_->Prepare(
          fast::ConvInt8ShapeOf(g, 0),
          ctx.thread_pool() ? ctx.thread_pool()->threads() : 1);
      if (fast_float_->scratch_bytes() > 0) {
        fast_scratch_ = ctx.RequestScratch(fast_float_->scratch_bytes());
      }
    }
  } else {
    const bool is_int8 = types_ == quant::ConvTypes::kInt8;
    const bool is_uint8 = types_ == quant::ConvTypes::kUInt8;
    std::string quant_error = quant::PrepareConvRequant(
        input, filter, output, g.out_c, /*channel_dim=*/0, act,
        is_uint8  ? QMin<uint8_t>()
        : is_int8 ? QMin<int8_t>()
                  : QMin<int16_t>(),
        is_uint8  ? QMax<uint8_t>()
        : is_int8 ? QMax<int8_t>()
                  : QMax<int16_t>(),
        &requant_);
    LITERT_CHECK_OP(ctx, quant_error.empty(), quant_error);
    PrepareFastInt8(ctx);
  }
  ctx.SetOutputShape(0, {g.batches, g.out_h, g.out_w, g.out_c});
  return Status::Ok();
}

Status Conv2D::Eval(OpContext& ctx) {
  const RtTensor& input = ctx.input(0);
  const RtTensor& filter = ctx.input(1);
  const RtTensor* bias = ctx.has_input(2) ? &ctx.input(2) : nullptr;
  RtTensor& output = ctx.output(0);
  if (hybrid_) {
    auto* image_q = static_cast<int8_t*>(ctx.scratch(image_scratch_));
    if (fast_hybrid_) {
      EvalHybridFast(input, bias, output, image_q,
                     static_cast<uint8_t*>(ctx.scratch(hybrid_rows_scratch_)),
                     ctx.thread_pool());
      return Status::Ok();
    }
    if (filter.type == DType::kInt4) {
      EvalHybrid(input, quant::Int4WeightReader{filter.as<uint8_t>()}, bias,
                 output, image_q);
    } else {
      EvalHybrid(input, quant::Int8WeightReader{filter.as<int8_t>()}, bias,
                 output, image_q);
    }
    return Status::Ok();
  }
  switch (types_) {
    case quant::ConvTypes::kFloat32:
      if (fast_float_ && fast_float_->packed()) {
        fast_float_->Run(
            input.as<float>(), bias != nullptr ? bias->as<float>() : nullptr,
            float_min_, float_max_, output.as<float>(),
            fast_scratch_ >= 0 ? static_cast<float*>(ctx.scratch(fast_scratch_))
                               : nullptr,
            ctx.thread_pool());
        break;
      }
      EvalFloat(input, filter, bias, output);
      break;
    case quant::ConvTypes::kInt8:
      if (RunFast<int8_t>(ctx, input, output)) break;
      EvalQuantized<int8_t, int8_t, int32_t, int32_t>(input, filter, bias,
                                                      output);
      break;
    case quant::ConvTypes::kUInt8:
      EvalQuantized<uint8_t, uint8_t, int32_t, int32_t>(input, filter, bias,
                                                        output);
      break;
    case quant::ConvTypes::kInt16Acc32:
      if (RunFast<int16_t>(ctx, input, output)) break;
      EvalQuantized<int16_t, int8_t, int32_t, int32_t>(input, filter, bias,
                                                       output);
      break;
    case quant::ConvTypes::kInt16Acc64:
      if (RunFast<int16_t>(ctx, input, output)) break;
      EvalQuantized<int16_t, int8_t, int64_t, int64_t>(input, filter, bias,
                                                       output);
      break;
  }
  return Status::Ok();
}

Status Conv2D::PrepareHybrid(OpContext& ctx) {
  const RtTensor& filter = ctx.input(1);
  const RtTensor* bias = ctx.has_input(2) ? &ctx.input(2) : nullptr;
  LITERT_CHECK_OP(
      ctx, ctx.input(0).quant.empty() && ctx.output(0).quant.empty(),
      "hybrid CONV_2D needs an unquantized float32 input and output");
  LITERT_CHECK_OP(ctx, !filter.quant.is_blockwise(),
                  "blockwise filter '" + filter.name +
                      "': CONV_2D supports per-tensor and per-channel scales "
                      "only");
  LITERT_CHECK_OP(
      ctx, !filter.quant.empty(),
      "hybrid filter '" + filter.name + "' has no quantization scale");
  std::string error = quant::PrepareHybridWeightScales(
      filter, g_.out_c, /*channel_dim=*/0, &channel_scale_);
  LITERT_CHECK_OP(ctx, error.empty(), error);
  // LiteRT's builtin kernel quantizes per-tensor hybrids symmetrically,
  // per-channel ones asymmetrically; XNNPACK always asymmetrically.
  // XNNPACK takes INT4 filters only with a scale per output channel (seen with
  // the oracle: a one-channel INT4 filter runs on the builtin kernel).
  const bool xnnpack =
      quant::XnnpackTakesHybrid(filter, bias, g_.filter_c) &&
      (filter.type != DType::kInt4 || filter.quant.per_channel());
  input_quant_ = filter.quant.per_channel() || xnnpack
                     ? quant::HybridInputQuant::kAsymmetric
                     : quant::HybridInputQuant::kSymmetric;
  const int64_t image = int64_t{g_.in_h} * g_.in_w * g_.in_c;
  image_scratch_ = ctx.RequestScratch(static_cast<size_t>(image));
  fast_hybrid_.reset();
  const int64_t k = int64_t{g_.k_h} * g_.k_w * g_.in_c;
  fast_hybrid_wanted_ = filter.type == DType::kInt8 && filter.is_constant() &&
                        (bias == nullptr || bias->is_constant()) &&
                        g_.filter_c == g_.in_c && k < 65536 &&
                        int64_t{g_.batches} * g_.out_h * g_.out_w > 0;
  if (fast_hybrid_wanted_) {
    hybrid_threads_ = ctx.thread_pool() ? ctx.thread_pool()->threads() : 1;
    // HybridInt8's words (k / 2 + 2 uint32), then the window (k bytes).
    hybrid_row_bytes_ = (static_cast<size_t>(3 * k) + 16 + 63) / 64 * 64;
    hybrid_rows_scratch_ =
        ctx.RequestScratch(hybrid_row_bytes_ * hybrid_threads_);
  }
  return Status::Ok();
}

void Conv2D::EvalHybridFast(const RtTensor& input, const RtTensor* bias,
                            RtTensor& output, int8_t* image_q, uint8_t* rows,
                            ThreadPool* pool) const {
  const ConvGeometry& g = g_;
  const int k = g.k_h * g.k_w * g.in_c;
  const int pixels = g.out_h * g.out_w;
  const int64_t image = int64_t{g.in_h} * g.in_w * g.in_c;
  const float* b = bias != nullptr ? bias->as<float>() : nullptr;
  // A pool bigger than Prepare saw would overrun the scratch: one thread.
  if (pool != nullptr && pool->threads() > hybrid_threads_) pool = nullptr;
  pool = PoolForWork(pool, int64_t{pixels} * g.out_c * k);
  for (int n = 0; n < g.batches; ++n) {
    const quant::InputQuantization iq = quant::QuantizeInput(
        input_quant_, input.as<float>() + n * image, image, image_q);
    fast::ConvInt8Shape s = fast::ConvInt8ShapeOf(g, iq.zero_point);
    s.batches = 1;
    float* out = output.as<float>() + int64_t{n} * pixels * g.out_c;
    auto work = [&](size_t begin, size_t end, int range) {
      uint8_t* scratch = rows + size_t(range) * hybrid_row_bytes_;
      auto* words = reinterpret_cast<uint32_t*>(scratch);
      int8_t* window = reinterpret_cast<int8_t*>(scratch + 2 * size_t(k) + 16);
      for (size_t p = begin; p < end; ++p) {
        // Padding as the zero point: a real 0, as the reference skips it.
        fast::Im2ColRows(s, image_q, static_cast<int>(p), 1, k,
                         static_cast<int8_t>(iq.zero_point), window);
        fast_hybrid_->Run(window, iq.zero_point, iq.scale, b, float_min_,
                          float_max_, words, out + p * g.out_c, nullptr);
      }
    };
    if (pool == nullptr || pool->threads() <= 1) {
      work(0, pixels, 0);
    } else {
      pool->ParallelFor(pixels, 1, work);
    }
  }
}

template <typename WeightReader>
void Conv2D::EvalHybrid(const RtTensor& input, WeightReader w,
                        const RtTensor* bias, RtTensor& output,
                        int8_t* image_q) const {
  const ConvGeometry& g = g_;
  const float* in = input.as<float>();
  const float* b = bias != nullptr ? bias->as<float>() : nullptr;
  float* out = output.as<float>();
  const int64_t image = int64_t{g.in_h} * g.in_w * g.in_c;
  for (int n = 0; n < g.batches; ++n) {
    const quant::InputQuantization iq =
        quant::QuantizeInput(input_quant_, in + n * image, image, image_q);
    for (int oy = 0; oy < g.out_h; ++oy) {
      for (int ox = 0; ox < g.out_w; ++ox) {
        const int iy0 = oy * g.stride_h - g.pad_h;
        const int ix0 = ox * g.stride_w - g.pad_w;
        for (int oc = 0; oc < g.out_c; ++oc) {
          const int ic0 = (oc / g.out_c_per_group) * g.filter_c;
          // Padding is skipped: a real 0, which is what LiteRT computes.
          int64_t sum = 0;
          for (int ky = 0; ky < g.k_h; ++ky) {
            const int iy = iy0 + ky * g.dilation_h;
            if (iy < 0 || iy >= g.in_h) continue;
            for (int kx = 0; kx < g.k_w; ++kx) {
              const int ix = ix0 + kx * g.dilation_w;
              if (ix < 0 || ix >= g.in_w) continue;
              const int8_t* x =
                  image_q + (int64_t{iy} * g.in_w + ix) * g.in_c + ic0;
              const int64_t f0 =
                  ((int64_t{oc} * g.k_h + ky) * g.k_w + kx) * g.filter_c;
              for (int ic = 0; ic < g.filter_c; ++ic) {
                sum += (int32_t{x[ic]} - iq.zero_point) * w(f0 + ic);
              }
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

void Conv2D::EvalFloat(const RtTensor& input, const RtTensor& filter,
                       const RtTensor* bias, RtTensor& output) const {
  const ConvGeometry& g = g_;
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
          const int ic0 = (oc / g.out_c_per_group) * g.filter_c;
          float acc = 0.f;
          for (int ky = 0; ky < g.k_h; ++ky) {
            const int iy = iy0 + ky * g.dilation_h;
            if (iy < 0 || iy >= g.in_h) continue;
            for (int kx = 0; kx < g.k_w; ++kx) {
              const int ix = ix0 + kx * g.dilation_w;
              if (ix < 0 || ix >= g.in_w) continue;
              const float* x =
                  in + ((int64_t{n} * g.in_h + iy) * g.in_w + ix) * g.in_c +
                  ic0;
              const float* f =
                  w + ((int64_t{oc} * g.k_h + ky) * g.k_w + kx) * g.filter_c;
              for (int ic = 0; ic < g.filter_c; ++ic) acc += x[ic] * f[ic];
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
template <typename InT, typename FilterT, typename AccT, typename BiasT>
void Conv2D::EvalQuantized(const RtTensor& input, const RtTensor& filter,
                           const RtTensor* bias, RtTensor& output) const {
  const ConvGeometry& g = g_;
  const InT* in = input.as<InT>();
  const FilterT* w = filter.as<FilterT>();
  const BiasT* b = bias != nullptr ? bias->as<BiasT>() : nullptr;
  InT* out = output.as<InT>();
  const int32_t in_zp = requant_.input_zero_point;
  const int32_t f_zp = requant_.filter_zero_point;
  for (int n = 0; n < g.batches; ++n) {
    for (int oy = 0; oy < g.out_h; ++oy) {
      for (int ox = 0; ox < g.out_w; ++ox) {
        const int iy0 = oy * g.stride_h - g.pad_h;
        const int ix0 = ox * g.stride_w - g.pad_w;
        for (int oc = 0; oc < g.out_c; ++oc) {
          const int ic0 = (oc / g.out_c_per_group) * g.filter_c;
          int64_t sum = 0;
          for (int ky = 0; ky < g.k_h; ++ky) {
            const int iy = iy0 + ky * g.dilation_h;
            if (iy < 0 || iy >= g.in_h) continue;
            for (int kx = 0; kx < g.k_w; ++kx) {
              const int ix = ix0 + kx * g.dilation_w;
              if (ix < 0 || ix >= g.in_w) continue;
              const InT* x =
                  in + ((int64_t{n} * g.in_h + iy) * g.in_w + ix) * g.in_c +
                  ic0;
              const FilterT* f =
                  w + ((int64_t{oc} * g.k_h + ky) * g.k_w + kx) * g.filter_c;
              for (int ic = 0; ic < g.filter_c; ++ic) {
                sum += (int32_t{x[ic]} - in_zp) * (int32_t{f[ic]} - f_zp);
              }
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

Result<std::unique_ptr<Op>> CreateConv2D(const OpInitContext& init) {
  Conv2DOptions o;  // schema defaults when the file has no options table
  const fb::Conv2DOptions* fo =
      init.op != nullptr ? init.op->builtin_options_as_Conv2DOptions()
                         : nullptr;
  if (fo != nullptr) {
    o.padding = fo->padding();
    o.stride_w = fo->stride_w();
    o.stride_h = fo->stride_h();
    o.dilation_w = fo->dilation_w_factor();
    o.dilation_h = fo->dilation_h_factor();
    o.activation = fo->fused_activation_function();
  }
  return std::unique_ptr<Op>(new Conv2D(o));
}

}  // namespace litert
