// FULLY_CONNECTED reference kernel: plain loops, the fallback and test oracle
// (DESIGN.md rule 2).
//
//   input   [..., K]  read as [B, K], B = elements / K
//   weights [N, K]
//   bias    [N]       optional (input 2, may be -1)
//   output  [B, N]; with keep_num_dims, the input's shape with last dim N
//
// Per-channel weight scales run along dimension 0 (one per output unit).
//
// Hybrid (float32 input and output, INT8 or INT4 weights: per-tensor,
// per-channel or blockwise): each input row is quantized to int8 on the fly,
// multiplied in integers and rescaled to float (quant/hybrid.h).
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "ops/fast/blockwise_int4.h"
#include "ops/fast/conv_tiles.h"
#include "ops/fast/float_gemm.h"
#include "ops/fast/hybrid_int8.h"
#include "ops/fast/int8_gemm.h"
#include "ops/op.h"
#include "ops/op_util.h"
#include "ops/option_checks.h"
#include "ops/quant/hybrid.h"
#include "ops/quant/per_channel.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

struct FullyConnectedOptions {
  int activation = 0;  // Activation code
  // FullyConnectedOptionsWeightsFormat code; only DEFAULT (0) is implemented.
  int weights_format = 0;
  bool keep_num_dims = false;
  bool asymmetric_quantize_inputs = false;
};

class FullyConnected : public Op {
 public:
  explicit FullyConnected(const FullyConnectedOptions& options)
      : options_(options) {}
  Status Prepare(OpContext& ctx) override;
  Status Finalize(OpContext& ctx) override;
  Status Eval(OpContext& ctx) override;

 private:
  void EvalFloat(const RtTensor& input, const RtTensor& weights,
                 const RtTensor* bias, RtTensor& output) const;
  template <typename InT, typename AccT, typename BiasT>
  void EvalQuantized(const RtTensor& input, const RtTensor& weights,
                     const RtTensor* bias, RtTensor& output) const;
  Status PrepareHybrid(OpContext& ctx);
  template <typename WeightReader>
  void EvalHybrid(const RtTensor& input, WeightReader w, const RtTensor* bias,
                  RtTensor& output, int8_t* row_q) const;

  FullyConnectedOptions options_;
  int64_t batches_ = 0;  // B
  int units_ = 0;        // N
  int depth_ = 0;        // K
  quant::ConvTypes types_ = quant::ConvTypes::kFloat32;
  bool hybrid_ = false;  // float32 input and output, INT8/INT4 weights
  float float_min_ = 0.f, float_max_ = 0.f;
  quant::ConvRequant requant_;
  // Hybrid only.
  quant::HybridInputQuant input_quant_ = quant::HybridInputQuant::kAsymmetric;
  std::vector<float> unit_scale_;      // [N]; empty for blockwise weights
  quant::BlockwiseWeights blockwise_;  // block_size 0 unless blockwise
  // Blockwise weights XNNPACK would take (blockwise_.bfloat16_scales): its
  // packed constants; the row then follows quant::XnnpackBlockwiseDot.
  quant::XnnpackBlockwisePacking xnnpack_blockwise_;
  int row_scratch_ = -1;  // [K] int8: one quantized input row
  // INT4 blockwise weights in XNNPACK's numerics (VNNI or Highway kernel).
  std::unique_ptr<fast::BlockwiseInt4> fast_blockwise_;
  bool fast_blockwise_wanted_ = false;
  int words_scratch_ = -1;  // [K / 2 + 2] uint32 for the fast hybrid kernels
  // Hybrid with int8 weights (not blockwise): VNNI or Highway kernel.
  std::unique_ptr<fast::HybridInt8> fast_hybrid_;
  bool fast_hybrid_wanted_ = false;
  // float32 with constant weights: packed once.
  bool fast_float_wanted_ = false;
  std::vector<float> packed_weights_;
  // int8 and int16x8 with constant symmetric weights: the integer matrix
  // product (VNNI or Highway; int16 activations: Highway) with LiteRT's single
  // rounding; packed once.
  bool fast_int8_wanted_ = false;
  fast::Int8Requant fast_int8_rq_;
  std::unique_ptr<fast::PackedInt8Weights> fast_int8_;
};

// The fast int8 path's requantization, or false when a unit needs a left
// shift (the reference handles those).
bool MakeSingleRoundingRequant(const quant::ConvRequant& r, int units,
                               fast::Int8Requant* out) {
  *out = fast::Int8Requant{};
  out->mode = fast::Requant::kSingleRounding;
  for (const auto& q : r.multiplier) {
    if (q.shift > 0) return false;
    out->multiplier.push_back(q.multiplier);
    out->right_shift.push_back(31 - q.shift);
  }
  // The kernels read whole blocks of 16 units.
  const size_t padded = size_t(units + 15) / 16 * 16;
  out->multiplier.resize(padded, 0);
  out->right_shift.resize(padded, 31);
  out->output_zero_point = r.output_zero_point;
  out->act_min = r.act_min;
  out->act_max = r.act_max;
  return true;
}

Status FullyConnected::Finalize(OpContext& ctx) {
  if (fast_float_wanted_ && packed_weights_.empty()) {
    try {
      packed_weights_.assign(fast::PackedFloatSize(depth_, units_), 0.f);
      // B(k, n) = weights[n][k]: the weight rows are the output units.
      fast::PackFloatB(ctx.input(1).as<float>(), 1, depth_, depth_, units_,
                       packed_weights_.data());
    } catch (const std::bad_alloc&) {
      packed_weights_.clear();  // the reference runs
    }
  }
  if (fast_int8_wanted_ && !fast_int8_) {
    auto f = std::make_unique<fast::PackedInt8Weights>();
    const RtTensor* bias = ctx.has_input(2) ? &ctx.input(2) : nullptr;
    // int64 biases (int16x8) were checked in Prepare to fit in int32.
    std::vector<int32_t> bias32;
    if (bias != nullptr && bias->type == DType::kInt64) {
      const int64_t* b = bias->as<int64_t>();
      bias32.assign(b, b + units_);
    }
    const int32_t* b32 = bias == nullptr  ? nullptr
                         : bias32.empty() ? bias->as<int32_t>()
                                          : bias32.data();
    if (f->Pack(ctx.input(1).as<int8_t>(), units_, depth_, b32,
                requant_.input_zero_point, types_ != quant::ConvTypes::kInt8)) {
      fast_int8_ = std::move(f);
    }  // else out of memory for the packed copy: the reference runs
  }
  if (fast_hybrid_wanted_ && !fast_hybrid_) {
    auto f = std::make_unique<fast::HybridInt8>();
    if (f->Pack(ctx.input(1).as<int8_t>(), units_, depth_, unit_scale_)) {
      fast_hybrid_ = std::move(f);
    }  // else out of memory for the packed copy: the reference runs
  }
  if (!fast_blockwise_wanted_ || fast_blockwise_) return Status::Ok();
  auto f = std::make_unique<fast::BlockwiseInt4>();
  if (f->Pack(ctx.input(1).as<uint8_t>(), units_, depth_, blockwise_.block_size,
              xnnpack_blockwise_.scale16, xnnpack_blockwise_.kernel_sum)) {
    fast_blockwise_ = std::move(f);
  }  // else out of memory for the packed copy: the reference runs
  return Status::Ok();
}

Status FullyConnected::Prepare(OpContext& ctx) {
  LITERT_CHECK_OP(
      ctx,
      ctx.num_inputs() >= 2 && ctx.num_inputs() <= 3 && ctx.num_outputs() == 1,
      "expects 2 or 3 inputs (input, weights, optional bias) and 1 output, "
      "has " +
          std::to_string(ctx.num_inputs()) + " inputs and " +
          std::to_string(ctx.num_outputs()) + " outputs");
  LITERT_CHECK_OP(ctx, ctx.has_input(0) && ctx.has_input(1),
                  "input and weights are required");
  LITERT_CHECK_OP(ctx, options_.weights_format == 0,
                  "weights_format " + std::to_string(options_.weights_format) +
                      " is not supported (only DEFAULT)");
  LITERT_RETURN_IF_ERROR(CheckClampActivation(ctx, options_.activation));
  const auto act = static_cast<Activation>(options_.activation);

  const RtTensor& input = ctx.input(0);
  const RtTensor& weights = ctx.input(1);
  const RtTensor* bias = ctx.has_input(2) ? &ctx.input(2) : nullptr;
  RtTensor& output = ctx.output(0);
  LITERT_CHECK_OP(
      ctx, weights.rank() == 2 && weights.dim(0) > 0 && weights.dim(1) > 0,
      "weights must have shape [units, depth] with positive sizes, has shape " +
          ShapeToString(weights.shape));
  units_ = weights.dim(0);
  depth_ = weights.dim(1);
  for (int32_t d : input.shape) {
    LITERT_CHECK_OP(ctx, d >= 0, "input has a negative dimension");
  }
  const int64_t elements = input.num_elements();
  LITERT_CHECK_OP(ctx, elements % depth_ == 0,
                  "input shape " + ShapeToString(input.shape) +
                      " does not split into rows of the weights' depth " +
                      std::to_string(depth_));
  batches_ = elements / depth_;
  if (bias != nullptr) {
    LITERT_CHECK_OP(ctx, bias->num_elements() == units_,
                    "bias must have " + std::to_string(units_) +
                        " elements (one per unit), " + "has shape " +
                        ShapeToString(bias->shape));
  }

  hybrid_ = quant::IsHybrid(input, weights, bias, output);
  if (!hybrid_) {
    std::string type_error =
        quant::ClassifyConvTypes(input, weights, bias, output, &types_);
    LITERT_CHECK_OP(ctx, type_error.empty(), type_error);
    LITERT_CHECK_OP(
        ctx, types_ != quant::ConvTypes::kUInt8,
        "uint8 FULLY_CONNECTED is not supported (uint8 is supported by "
        "CONV_2D only; int8 per-tensor or per-channel is)");
  }

  if (hybrid_) {
    FloatActivationRange(act, &float_min_, &float_max_);
    LITERT_RETURN_IF_ERROR(PrepareHybrid(ctx));
  } else if (types_ == quant::ConvTypes::kFloat32) {
    FloatActivationRange(act, &float_min_, &float_max_);
    packed_weights_.clear();
    fast_float_wanted_ = weights.is_constant() && batches_ > 0 &&
                         batches_ <= (int64_t{1} << 30) && units_ > 0 &&
                         depth_ > 0;
  } else {
    const bool is_int8 = types_ == quant::ConvTypes::kInt8;
    std::string quant_error = quant::PrepareConvRequant(
        input, weights, output, units_, /*channel_dim=*/0, act,
        is_int8 ? QMin<int8_t>() : QMin<int16_t>(),
        is_int8 ? QMax<int8_t>() : QMax<int16_t>(), &requant_);
    LITERT_CHECK_OP(ctx, quant_error.empty(), quant_error);
    fast_int8_.reset();
    const RtTensor* bias = ctx.has_input(2) ? &ctx.input(2) : nullptr;
    // Rows are read in whole words: depth a multiple of 4.
    fast_int8_wanted_ =
        weights.is_constant() && (bias == nullptr || bias->is_constant()) &&
        requant_.filter_zero_point == 0 && depth_ % 4 == 0 && units_ > 0 &&
        batches_ > 0 && batches_ <= (int64_t{1} << 30) &&
        MakeSingleRoundingRequant(requant_, units_, &fast_int8_rq_);
    if (types_ == quant::ConvTypes::kInt16Acc64 && fast_int8_wanted_) {
      // The kernel sums in int32: exact when every sum of depth products
      // (each below 2^22 in size) plus the bias stays inside int32.
      int64_t max_bias = 0;
      for (int u = 0; bias != nullptr && u < units_; ++u) {
        max_bias = std::max(max_bias, std::abs(bias->as<int64_t>()[u]));
      }
      fast_int8_wanted_ = max_bias < (int64_t{1} << 30) &&
                          int64_t{depth_} << 22 < (int64_t{1} << 30);
    }
  }

  if (options_.keep_num_dims) {
    LITERT_CHECK_OP(
        ctx, input.rank() >= 1 && input.shape.back() == depth_,
        "with keep_num_dims the input's last dimension must equal the weights' "
        "depth " +
            std::to_string(depth_) + ", input has shape " +
            ShapeToString(input.shape));
    Shape shape = input.shape;
    shape.back() = units_;
    ctx.SetOutputShape(0, std::move(shape));
  } else {
    LITERT_CHECK_OP(ctx, batches_ <= std::numeric_limits<int32_t>::max(),
                    "input has too many rows");
    ctx.SetOutputShape(0, {static_cast<int32_t>(batches_), units_});
  }
  return Status::Ok();
}

Status FullyConnected::Eval(OpContext& ctx) {
  const RtTensor& input = ctx.input(0);
  const RtTensor& weights = ctx.input(1);
  const RtTensor* bias = ctx.has_input(2) ? &ctx.input(2) : nullptr;
  RtTensor& output = ctx.output(0);
  if (hybrid_) {
    auto* row_q = static_cast<int8_t*>(ctx.scratch(row_scratch_));
    if (fast_blockwise_) {
      const float* in = input.as<float>();
      const float* b = bias != nullptr ? bias->as<float>() : nullptr;
      auto* words = static_cast<uint32_t*>(ctx.scratch(words_scratch_));
      for (int64_t r = 0; r < batches_; ++r) {
        const quant::InputQuantization iq =
            quant::QuantizeInputXnnpack(in + r * depth_, depth_, row_q);
        fast_blockwise_->Run(row_q, iq.zero_point, iq.scale, b, float_min_,
                             float_max_, words, output.as<float>() + r * units_,
                             ctx.thread_pool());
      }
      return Status::Ok();
    }
    if (fast_hybrid_) {
      const float* in = input.as<float>();
      const float* b = bias != nullptr ? bias->as<float>() : nullptr;
      auto* words = static_cast<uint32_t*>(ctx.scratch(words_scratch_));
      for (int64_t r = 0; r < batches_; ++r) {
        const quant::InputQuantization iq =
            quant::QuantizeInput(input_quant_, in + r * depth_, depth_, row_q);
        fast_hybrid_->Run(row_q, iq.zero_point, iq.scale, b, float_min_,
                          float_max_, words, output.as<float>() + r * units_,
                          ctx.thread_pool());
      }
      return Status::Ok();
    }
    if (weights.type == DType::kInt4) {
      EvalHybrid(input, quant::Int4WeightReader{weights.as<uint8_t>()}, bias,
                 output, row_q);
    } else {
      EvalHybrid(input, quant::Int8WeightReader{weights.as<int8_t>()}, bias,
                 output, row_q);
    }
    return Status::Ok();
  }
  switch (types_) {
    case quant::ConvTypes::kFloat32:
      if (!packed_weights_.empty()) {
        fast::FloatGemmBiasClamp(
            input.as<float>(), depth_, static_cast<int>(batches_), depth_,
            packed_weights_.data(), units_,
            bias != nullptr ? bias->as<float>() : nullptr, float_min_,
            float_max_, output.as<float>(), ctx.thread_pool());
        break;
      }
      EvalFloat(input, weights, bias, output);
      break;
    case quant::ConvTypes::kInt8:
      if (fast_int8_) {
        fast::RunPackedRows(*fast_int8_, input.as<int8_t>(),
                            static_cast<int>(batches_), fast_int8_rq_,
                            output.as<int8_t>(), ctx.thread_pool());
        break;
      }
      EvalQuantized<int8_t, int32_t, int32_t>(input, weights, bias, output);
      break;
    case quant::ConvTypes::kInt16Acc32:
    case quant::ConvTypes::kInt16Acc64:
      if (fast_int8_) {
        fast::RunPackedRows(*fast_int8_, input.as<int16_t>(),
                            static_cast<int>(batches_), fast_int8_rq_,
                            output.as<int16_t>(), ctx.thread_pool());
        break;
      }
      if (types_ == quant::ConvTypes::kInt16Acc32) {
        EvalQuantized<int16_t, int32_t, int32_t>(input, weights, bias, output);
      } else {
        EvalQuantized<int16_t, int64_t, int64_t>(input, weights, bias, output);
      }
      break;
    case quant::ConvTypes::kUInt8:  // refused in Prepare
      return ctx.Error("uint8 is not supported by this op");
  }
  return Status::Ok();
}

Status FullyConnected::PrepareHybrid(OpContext& ctx) {
  const RtTensor& weights = ctx.input(1);
  const RtTensor* bias = ctx.has_input(2) ? &ctx.input(2) : nullptr;
  LITERT_CHECK_OP(ctx,
                  ctx.input(0).quant.empty() && ctx.output(0).quant.empty(),
                  "hybrid FULLY_CONNECTED needs an unquantized float32 input "
                  "and output");
  const bool xnnpack = quant::XnnpackTakesHybrid(weights, bias, depth_);
  blockwise_ = {};
  unit_scale_.clear();
  if (weights.quant.is_blockwise()) {
    std::string error =
        quant::PrepareBlockwiseWeights(ctx, 1, units_, depth_, &blockwise_);
    LITERT_CHECK_OP(ctx, error.empty(), error);
    // XNNPACK takes INT4 blockwise weights in blocks of multiples of 32, and
    // stores their scales as bfloat16. Both paths quantize the input
    // asymmetrically, whatever the option says.
    blockwise_.bfloat16_scales = xnnpack && weights.type == DType::kInt4 &&
                                 blockwise_.block_size % 32 == 0;
    input_quant_ = quant::HybridInputQuant::kAsymmetric;
    xnnpack_blockwise_ = {};
    if (blockwise_.bfloat16_scales) {
      LITERT_CHECK_OP(ctx, weights.data != nullptr,
                      "constant weights '" + weights.name + "' have no data");
      xnnpack_blockwise_ = quant::PackXnnpackBlockwise(
          blockwise_, quant::Int4WeightReader{weights.as<uint8_t>()}, units_,
          depth_);
    }
  } else {
    LITERT_CHECK_OP(
        ctx, !weights.quant.empty(),
        "hybrid weights '" + weights.name + "' have no quantization scale");
    std::string error = quant::PrepareHybridWeightScales(
        weights, units_, /*channel_dim=*/0, &unit_scale_);
    LITERT_CHECK_OP(ctx, error.empty(), error);
    input_quant_ = options_.asymmetric_quantize_inputs || xnnpack
                       ? quant::HybridInputQuant::kAsymmetric
                       : quant::HybridInputQuant::kSymmetric;
  }
  row_scratch_ = ctx.RequestScratch(static_cast<size_t>(depth_));
  fast_hybrid_.reset();
  fast_hybrid_wanted_ = !weights.quant.is_blockwise() &&
                        weights.type == DType::kInt8 && weights.is_constant() &&
                        depth_ < 65536 &&
                        static_cast<int>(unit_scale_.size()) == units_;
  fast_blockwise_.reset();
  fast_blockwise_wanted_ =
      blockwise_.bfloat16_scales && blockwise_.block_size % 8 == 0;
  if (fast_blockwise_wanted_ || fast_hybrid_wanted_) {
    words_scratch_ = ctx.RequestScratch(2 * static_cast<size_t>(depth_) + 16);
  }
  return Status::Ok();
}

template <typename WeightReader>
void FullyConnected::EvalHybrid(const RtTensor& input, WeightReader w,
                                const RtTensor* bias, RtTensor& output,
                                int8_t* row_q) const {
  const float* in = input.as<float>();
  const float* b = bias != nullptr ? bias->as<float>() : nullptr;
  float* out = output.as<float>();
  const int block = blockwise_.block_size;
  const bool xnnpack_blockwise = blockwise_.bfloat16_scales;
  for (int64_t r = 0; r < batches_; ++r) {
    const quant::InputQuantization iq =
        xnnpack_blockwise
            ? quant::QuantizeInputXnnpack(in + r * depth_, depth_, row_q)
            : quant::QuantizeInput(input_quant_, in + r * depth_, depth_,
                                   row_q);
    for (int u = 0; u < units_; ++u) {
      const int64_t w0 = int64_t{u} * depth_;
      float acc;
      if (xnnpack_blockwise) {
        acc = quant::XnnpackBlockwiseDot(xnnpack_blockwise_, blockwise_, w, u,
                                         depth_, row_q, iq);
      } else if (block == 0) {
        int64_t sum = 0;
        for (int k = 0; k < depth_; ++k)
          sum += (int32_t{row_q[k]} - iq.zero_point) * w(w0 + k);
        acc = static_cast<float>(sum) * (iq.scale * unit_scale_[u]);
      } else {
        float blocks_sum = 0.f;
        for (int k0 = 0, j = 0; k0 < depth_; k0 += block, ++j) {
          int64_t sum = 0;
          for (int k = k0; k < k0 + block; ++k)
            sum += (int32_t{row_q[k]} - iq.zero_point) * w(w0 + k);
          blocks_sum += static_cast<float>(sum) * blockwise_.Scale(u, j);
        }
        acc = blocks_sum * iq.scale;
      }
      if (b != nullptr) acc += b[u];
      out[r * units_ + u] =
          acc < float_min_ ? float_min_ : (acc > float_max_ ? float_max_ : acc);
    }
  }
}

void FullyConnected::EvalFloat(const RtTensor& input, const RtTensor& weights,
                               const RtTensor* bias, RtTensor& output) const {
  const float* in = input.as<float>();
  const float* w = weights.as<float>();
  const float* b = bias != nullptr ? bias->as<float>() : nullptr;
  float* out = output.as<float>();
  for (int64_t r = 0; r < batches_; ++r) {
    const float* x = in + r * depth_;
    for (int u = 0; u < units_; ++u) {
      const float* wu = w + int64_t{u} * depth_;
      float acc = 0.f;
      for (int k = 0; k < depth_; ++k) acc += x[k] * wu[k];
      if (b != nullptr) acc += b[u];
      out[r * units_ + u] =
          acc < float_min_ ? float_min_ : (acc > float_max_ ? float_max_ : acc);
    }
  }
}

// AccT is the accumulator LiteRT uses for the combination: int32 wraps on
// overflow like LiteRT's, which the int64 sum reproduces by truncation; int64
// keeps the full sum.
template <typename InT, typename AccT, typename BiasT>
void FullyConnected::EvalQuantized(const RtTensor& input,
                                   const RtTensor& weights,
                                   const RtTensor* bias,
                                   RtTensor& output) const {
  const InT* in = input.as<InT>();
  const int8_t* w = weights.as<int8_t>();
  const BiasT* b = bias != nullptr ? bias->as<BiasT>() : nullptr;
  InT* out = output.as<InT>();
  const int32_t in_zp = requant_.input_zero_point;
  for (int64_t r = 0; r < batches_; ++r) {
    const InT* x = in + r * depth_;
    for (int u = 0; u < units_; ++u) {
      const int8_t* wu = w + int64_t{u} * depth_;
      int64_t sum = 0;
      for (int k = 0; k < depth_; ++k)
        sum += (int32_t{x[k]} - in_zp) * int32_t{wu[k]};
      // Wrapping add: a hostile int64 bias must not be undefined behaviour.
      if (b != nullptr)
        sum = static_cast<int64_t>(uint64_t(sum) + uint64_t(int64_t{b[u]}));
      const AccT acc = static_cast<AccT>(sum);
      out[r * units_ + u] = static_cast<InT>(quant::RequantizeFullyConnectedAcc(
          acc, requant_.multiplier[u], requant_));
    }
  }
}

}  // namespace

Result<std::unique_ptr<Op>> CreateFullyConnected(const OpInitContext& init) {
  FullyConnectedOptions
      o;  // schema defaults when the file has no options table
  const fb::FullyConnectedOptions* fo =
      init.op != nullptr ? init.op->builtin_options_as_FullyConnectedOptions()
                         : nullptr;
  if (fo != nullptr) {
    o.activation = fo->fused_activation_function();
    o.weights_format = static_cast<int>(fo->weights_format());
    o.keep_num_dims = fo->keep_num_dims();
    o.asymmetric_quantize_inputs = fo->asymmetric_quantize_inputs();
  }
  return std::unique_ptr<Op>(new FullyConnected(o));
}

}  // namespace litert
