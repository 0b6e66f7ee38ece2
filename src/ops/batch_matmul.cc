// BATCH_MATMUL reference kernel: plain loops, the fallback and test oracle
// (DESIGN.md rule 2).
//
//   lhs    [..., M, K]   ([..., K, M] with adj_x)
//   rhs    [..., K, N]   ([..., N, K] with adj_y)
//   output [..., M, N]   batch dimensions broadcast NumPy-style
//
// Types (lhs / rhs / output):
//   float32 / float32 / float32
//   int8 / int8 / int8      per-tensor scales, any zero points; int32
//   accumulator,
//                           LiteRT's double-rounding requantization
//   int16 / int16 / int16   per-tensor, zero points 0; int64 accumulator, Q15
//   rounding int16 / int8 / int16    16x8: int8 rhs per-tensor or per output
//   column (the
//                           quantizer's static w8a16 einsums), zero points 0;
//                           as int16
//   float32 / int8 / float32  hybrid (dynamic range): see the hybrid section
//   below
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/thread_pool.h"
#include "ops/broadcast.h"
#include "ops/fast/conv_tiles.h"
#include "ops/fast/float_gemm.h"
#include "ops/fast/hybrid_int8.h"
#include "ops/fast/int8_gemm.h"
#include "ops/op.h"
#include "ops/op_util.h"
#include "ops/quant/per_channel.h"
#include "ops/quant/quant_math.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

struct BatchMatMulOptions {
  bool adj_x = false;
  bool adj_y = false;
  bool asymmetric_quantize_inputs = false;  // hybrid only
};

enum class BmmTypes { kFloat32, kInt8, kInt16, kInt16x8, kHybrid };

constexpr int kMaxBatchRank = kMaxBroadcastRank - 2;

// Maps an output batch index to the lhs and rhs matrix indices (0 stride where
// a side is broadcast).
struct BatchMap {
  int rank = 0;
  int32_t dims[kMaxBatchRank] = {};
  int64_t lhs_stride[kMaxBatchRank] = {};
  int64_t rhs_stride[kMaxBatchRank] = {};
  int64_t count = 1;

  void Offsets(int64_t b, int64_t* lhs, int64_t* rhs) const {
    *lhs = 0;
    *rhs = 0;
    for (int i = rank - 1; i >= 0; --i) {
      const int64_t c = b % dims[i];
      b /= dims[i];
      *lhs += c * lhs_stride[i];
      *rhs += c * rhs_stride[i];
    }
  }
};

// Strides (in matrices) of `batch` right-aligned to the output batch dims
// `out`.
void FillBatchStrides(const Shape& batch, const Shape& out, int64_t* strides) {
  const int pad = static_cast<int>(out.size() - batch.size());
  int64_t stride = 1;
  for (int i = static_cast<int>(out.size()) - 1; i >= 0; --i) {
    const int32_t d = i < pad ? 1 : batch[i - pad];
    strides[i] = (d == 1 && out[i] != 1) ? 0 : stride;
    stride *= d;
  }
}

// ---------------------------------------------------------------------------
// Hybrid (float lhs, int8 rhs): LiteRT's dynamic-range path, kept apart from
// the integer and float kernels.
//
// Each lhs row (the K values that meet one output row) is quantized on the fly
// to int8, symmetric (scale max|x| / 127, values in [-127, 127]) or, with
// asymmetric_quantize_inputs, asymmetric (range [min(x, 0), max(x, 0)] over 255
// steps, zero point nudged to an integer); the integer dot product with the
// int8 rhs is then scaled by row_scale * rhs_scale, in float, as LiteRT's
// builtin kernels do. The rhs must be symmetric, per-tensor or per-channel
// along N (one scale per output column).

struct QuantizedRow {
  float scale = 1.f;
  int32_t zero_point = 0;
};

// LiteRT's symmetric row quantization: float arithmetic, rounding half away
// from zero.
QuantizedRow QuantizeRowSymmetric(const float* x, int64_t stride, int k,
                                  int8_t* q) {
  float lo = 0.f, hi = 0.f;
  for (int i = 0; i < k; ++i) {
    const float v = x[i * stride];
    if (i == 0 || v < lo) lo = v;
    if (i == 0 || v > hi) hi = v;
  }
  const float range = std::max(std::fabs(lo), std::fabs(hi));
  QuantizedRow r;
  if (range == 0.f) {
    std::memset(q, 0, static_cast<size_t>(k));
    return r;
  }
  r.scale = range / 127.f;
  const float inv = 127.f / range;
  for (int i = 0; i < k; ++i) {
    const float v = std::round(x[i * stride] * inv);
    q[i] = static_cast<int8_t>(std::clamp(v, -127.f, 127.f));
  }
  return r;
}

// LiteRT's asymmetric row quantization: the range always includes 0; scale and
// zero point are found in double, the values quantized in float.
QuantizedRow QuantizeRowAsymmetric(const float* x, int64_t stride, int k,
                                   int8_t* q) {
  float lo = 0.f, hi = 0.f;
  for (int i = 0; i < k; ++i) {
    const float v = x[i * stride];
    if (i == 0 || v < lo) lo = v;
    if (i == 0 || v > hi) hi = v;
  }
  const double rmin = std::min(0.f, lo), rmax = std::max(0.f, hi);
  QuantizedRow r;
  if (rmin == rmax) {
    std::memset(q, 0, static_cast<size_t>(k));
    return r;
  }
  constexpr double kQMin = -128, kQMax = 127;
  const double scale = (rmax - rmin) / (kQMax - kQMin);
  // The zero point from whichever end of the range loses less precision.
  const double from_min = kQMin - rmin / scale, from_max = kQMax - rmax / scale;
  const double err_min = std::fabs(kQMin) + std::fabs(rmin / scale);
  const double err_max = std::fabs(kQMax) + std::fabs(rmax / scale);
  const double zp = err_min < err_max ? from_min : from_max;
  int32_t nudged =
      zp <= kQMin ? -128
                  : (zp >= kQMax ? 127 : static_cast<int32_t>(std::round(zp)));
  r.scale = static_cast<float>(scale);
  r.zero_point = nudged;
  const float inv = 1.f / r.scale;
  for (int i = 0; i < k; ++i) {
    const float v =
        std::round(static_cast<float>(nudged) + x[i * stride] * inv);
    q[i] = static_cast<int8_t>(std::clamp(v, -128.f, 127.f));
  }
  return r;
}

struct HybridParams {
  std::vector<float> rhs_scales;  // 1, or N (per output column)
  bool asymmetric = false;
};

// out[b, m, n] for the hybrid path. `q_row` is K bytes of scratch.
void EvalHybridBatchMatMul(const HybridParams& p, const BatchMap& map,
                           int m_size, int k_size, int n_size, bool adj_x,
                           bool adj_y, const float* lhs, const int8_t* rhs,
                           int8_t* q_row, float* out) {
  const int64_t lhs_matrix = int64_t{m_size} * k_size;
  const int64_t rhs_matrix = int64_t{k_size} * n_size;
  const int64_t lhs_k_stride = adj_x ? m_size : 1;
  for (int64_t b = 0; b < map.count; ++b) {
    int64_t lb = 0, rb = 0;
    map.Offsets(b, &lb, &rb);
    const float* l = lhs + lb * lhs_matrix;
    const int8_t* r = rhs + rb * rhs_matrix;
    for (int m = 0; m < m_size; ++m) {
      const float* row = l + (adj_x ? m : int64_t{m} * k_size);
      const QuantizedRow qr =
          p.asymmetric ? QuantizeRowAsymmetric(row, lhs_k_stride, k_size, q_row)
                       : QuantizeRowSymmetric(row, lhs_k_stride, k_size, q_row);
      const bool per_channel = p.rhs_scales.size() > 1;
      for (int n = 0; n < n_size; ++n) {
        const float factor = qr.scale * p.rhs_scales[per_channel ? n : 0];
        int64_t total = 0;
        for (int k = 0; k < k_size; ++k) {
          const int32_t w =
              adj_y ? r[int64_t{n} * k_size + k] : r[int64_t{k} * n_size + n];
          total += (int32_t{q_row[k]} - qr.zero_point) * w;
        }
        // LiteRT sums in int32: wrap like it rather than overflow.
        const int32_t acc = static_cast<int32_t>(total);
        out[(b * m_size + m) * int64_t{n_size} + n] =
            factor * static_cast<float>(acc);
      }
    }
  }
}

// ---------------------------------------------------------------------------

class BatchMatMul : public Op {
 public:
  explicit BatchMatMul(const BatchMatMulOptions& options) : options_(options) {}
  Status Prepare(OpContext& ctx) override;
  Status Finalize(OpContext& ctx) override;
  Status Eval(OpContext& ctx) override;

 private:
  void EvalFloatFast(OpContext& ctx, const float* lhs, const float* rhs,
                     float* out);
  Status PrepareQuantized(OpContext& ctx, const RtTensor& lhs,
                          const RtTensor& rhs, const RtTensor& output,
                          int rhs_rank);
  template <typename T, typename RhsT, typename AccT>
  void EvalInteger(const T* lhs, const RhsT* rhs, T* out) const;
  void EvalFloat(const float* lhs, const float* rhs, float* out) const;

  // Element (m, k) of a lhs matrix and (k, n) of a rhs matrix, honouring
  // adj_x/adj_y.
  int64_t LhsIndex(int m, int k) const {
    return options_.adj_x ? int64_t{k} * m_ + m : int64_t{m} * k_ + k;
  }
  int64_t RhsIndex(int k, int n) const {
    return options_.adj_y ? int64_t{n} * k_ + k : int64_t{k} * n_ + n;
  }

  BatchMatMulOptions options_;
  BmmTypes types_ = BmmTypes::kFloat32;
  BatchMap map_;
  int m_ = 0, k_ = 0, n_ = 0;
  // Integer paths.
  // One per output column (per-channel rhs), or one for all.
  std::vector<quant::QuantizedMultiplier> multipliers_;
  int32_t lhs_zp_ = 0, rhs_zp_ = 0, out_zp_ = 0, out_min_ = 0, out_max_ = 0;
  // Hybrid path.
  HybridParams hybrid_;
  int q_row_scratch_ = -1;
  // float32 fast path: every rhs matrix packed (fast/float_gemm.h), once in
  // Finalize for a constant rhs, else into scratch at each Eval.
  bool fast_float_ = false;
  int64_t rhs_matrices_ = 0;
  std::vector<float> packed_rhs_;
  int packed_scratch_ = -1;
  // Hybrid fast path: one constant rhs matrix, each quantized lhs row through
  // fast::HybridInt8 (the same formula; no bias, no clamp).
  void EvalHybridFast(OpContext& ctx, const float* lhs, float* out) const;
  bool fast_hybrid_wanted_ = false;
  std::unique_ptr<fast::HybridInt8> fast_hybrid_;
  // int8 and int16x8 fast path (fast/int8_gemm.h): one constant rhs matrix
  // with zero point 0, every lhs matrix its own (rows contiguous, no adj_x).
  void PrepareFastInteger(const RtTensor& lhs, const RtTensor& rhs);
  bool fast_int_wanted_ = false;
  fast::Int8Requant fast_int_rq_;
  std::unique_ptr<fast::PackedInt8Weights> fast_int_;
};

void BatchMatMul::PrepareFastInteger(const RtTensor& lhs, const RtTensor& rhs) {
  fast_int_.reset();
  fast_int_wanted_ = false;
  const bool int16 = types_ == BmmTypes::kInt16x8;
  if ((!int16 && types_ != BmmTypes::kInt8) || !rhs.is_constant() ||
      rhs_zp_ != 0 || options_.adj_x || m_ <= 0 || k_ <= 0 || n_ <= 0 ||
      k_ % 4 != 0 ||  // rows are read in whole words
      rhs.num_elements() != int64_t{k_} * n_ ||
      lhs.num_elements() != map_.count * m_ * int64_t{k_} ||
      map_.count * m_ > (int64_t{1} << 30) ||
      (int16 && k_ >= 512)) {  // int16 x int8 sums must stay within int32
    return;
  }
  fast::Int8Requant rq;
  rq.mode = int16 ? fast::Requant::kQ15 : fast::Requant::kDoubleRounding;
  for (int n = 0; n < n_; ++n) {
    const quant::QuantizedMultiplier& q =
        multipliers_[multipliers_.size() > 1 ? n : 0];
    if (q.shift > 0) return;  // the reference handles large multipliers
    if (int16) {
      // As MultiplyByQuantizedMultiplierQ15: the multiplier rounded to Q15.
      rq.multiplier.push_back(q.multiplier < 0x7FFF0000
                                  ? (q.multiplier + (1 << 15)) >> 16
                                  : 0x7FFF);
      rq.right_shift.push_back(15 - q.shift);
    } else {
      rq.multiplier.push_back(q.multiplier);
      rq.right_shift.push_back(-q.shift);
    }
  }
  const size_t padded = size_t(n_ + 15) / 16 * 16;
  rq.multiplier.resize(padded, 0);
  rq.right_shift.resize(padded, int16 ? 15 : 0);
  rq.output_zero_point = out_zp_;
  rq.act_min = out_min_;
  rq.act_max = out_max_;
  fast_int_rq_ = std::move(rq);
  fast_int_wanted_ = true;
}

Status BatchMatMul::Finalize(OpContext& ctx) {
  if ((fast_hybrid_wanted_ && !fast_hybrid_) ||
      (fast_int_wanted_ && !fast_int_)) {
    // The kernels take the weights as [n, k] rows: the constant rhs as it is
    // with adj_y, else transposed.
    const int8_t* r = ctx.input(1).as<int8_t>();
    std::vector<int8_t> rows;
    try {
      if (!options_.adj_y) {
        rows.resize(size_t(n_) * k_);
        for (int k = 0; k < k_; ++k) {
          for (int n = 0; n < n_; ++n)
            rows[size_t(n) * k_ + k] = r[RhsIndex(k, n)];
        }
        r = rows.data();
      }
    } catch (const std::bad_alloc&) {
      return Status::Ok();  // out of memory: the reference runs
    }
    if (fast_hybrid_wanted_) {
      std::vector<float> scales(n_);  // one per row
      for (int n = 0; n < n_; ++n) {
        scales[n] = hybrid_.rhs_scales[hybrid_.rhs_scales.size() > 1 ? n : 0];
      }
      auto f = std::make_unique<fast::HybridInt8>();
      if (f->Pack(r, n_, k_, scales)) fast_hybrid_ = std::move(f);
    } else {
      auto f = std::make_unique<fast::PackedInt8Weights>();
      if (f->Pack(r, n_, k_, nullptr, lhs_zp_, types_ == BmmTypes::kInt16x8)) {
        fast_int_ = std::move(f);
      }
    }
  }
  packed_rhs_.clear();
  if (!fast_float_ || !ctx.input(1).is_constant()) return Status::Ok();
  const size_t one = fast::PackedFloatSize(k_, n_);
  try {
    packed_rhs_.resize(one * rhs_matrices_);
  } catch (const std::bad_alloc&) {
    return ctx.Error("out of memory packing the constant rhs");
  }
  const float* r = ctx.input(1).as<float>();
  const int64_t b_k = options_.adj_y ? 1 : n_, b_n = options_.adj_y ? k_ : 1;
  for (int64_t i = 0; i < rhs_matrices_; ++i) {
    fast::PackFloatB(r + i * int64_t{k_} * n_, b_k, b_n, k_, n_,
                     packed_rhs_.data() + i * one);
  }
  return Status::Ok();
}

void BatchMatMul::EvalHybridFast(OpContext& ctx, const float* lhs,
                                 float* out) const {
  auto* q_row = static_cast<int8_t*>(ctx.scratch(q_row_scratch_));
  auto* words = reinterpret_cast<uint32_t*>(
      q_row + (static_cast<size_t>(k_) + 63) / 64 * 64);
  const int64_t lhs_matrix = int64_t{m_} * k_;
  const int64_t lhs_k_stride = options_.adj_x ? m_ : 1;
  constexpr float kInf = std::numeric_limits<float>::infinity();
  for (int64_t b = 0; b < map_.count; ++b) {
    int64_t lb = 0, rb = 0;
    map_.Offsets(b, &lb, &rb);
    const float* l = lhs + lb * lhs_matrix;
    for (int m = 0; m < m_; ++m) {
      const float* row = l + (options_.adj_x ? m : int64_t{m} * k_);
      const QuantizedRow qr =
          hybrid_.asymmetric
              ? QuantizeRowAsymmetric(row, lhs_k_stride, k_, q_row)
              : QuantizeRowSymmetric(row, lhs_k_stride, k_, q_row);
      fast_hybrid_->Run(q_row, qr.zero_point, qr.scale, nullptr, -kInf, kInf,
                        words, out + (b * m_ + m) * int64_t{n_},
                        ctx.thread_pool());
    }
  }
}

// Rows in tiles of 48 and columns in chunks of 64, over every output matrix,
// split across the interpreter's threads.
void BatchMatMul::EvalFloatFast(OpContext& ctx, const float* lhs,
                                const float* rhs, float* out) {
  const size_t one = fast::PackedFloatSize(k_, n_);
  const float* packed = packed_rhs_.data();
  if (packed_rhs_.empty()) {
    float* dst = static_cast<float*>(ctx.scratch(packed_scratch_));
    const int64_t b_k = options_.adj_y ? 1 : n_, b_n = options_.adj_y ? k_ : 1;
    for (int64_t i = 0; i < rhs_matrices_; ++i) {
      fast::PackFloatB(rhs + i * int64_t{k_} * n_, b_k, b_n, k_, n_,
                       dst + i * one);
    }
    packed = dst;
  }
  const int64_t a_m = options_.adj_x ? 1 : k_, a_k = options_.adj_x ? m_ : 1;
  constexpr int kRows = 48, kCols = 64;
  const int64_t m_tiles = (m_ + kRows - 1) / kRows;
  const int64_t n_chunks = (n_ + kCols - 1) / kCols;
  auto work = [&](size_t begin, size_t end, int) {
    for (size_t item = begin; item < end; ++item) {
      const int64_t b = item / (m_tiles * n_chunks);
      const int64_t rest = item % (m_tiles * n_chunks);
      const int m0 = static_cast<int>(rest / n_chunks) * kRows;
      const int n0 = static_cast<int>(rest % n_chunks) * kCols;
      int64_t lb = 0, rb = 0;
      map_.Offsets(b, &lb, &rb);
      const float* a = lhs + lb * int64_t{m_} * k_ +
                       (options_.adj_x ? m0 : int64_t{m0} * k_);
      fast::FloatGemm(a, a_m, a_k, std::min(kRows, m_ - m0), k_,
                      packed + rb * one, n0, std::min(n_, n0 + kCols),
                      out + (b * m_ + m0) * int64_t{n_}, n_);
    }
  };
  const size_t items = size_t(map_.count * m_tiles * n_chunks);
  if (ThreadPool* pool =
          PoolForWork(ctx.thread_pool(), map_.count * m_ * int64_t{n_} * k_)) {
    pool->ParallelFor(items, 1, work);
  } else {
    work(0, items, 0);
  }
}

Status BatchMatMul::Prepare(OpContext& ctx) {
  LITERT_CHECK_OP(ctx, ctx.num_inputs() == 2 && ctx.num_outputs() == 1,
                  "expects 2 inputs (lhs, rhs) and 1 output, has " +
                      std::to_string(ctx.num_inputs()) + " inputs and " +
                      std::to_string(ctx.num_outputs()) + " outputs");
  LITERT_CHECK_OP(ctx, ctx.has_input(0) && ctx.has_input(1),
                  "lhs and rhs are required");
  const RtTensor& lhs = ctx.input(0);
  const RtTensor& rhs = ctx.input(1);
  RtTensor& output = ctx.output(0);
  for (const RtTensor* t : {&lhs, &rhs}) {
    LITERT_CHECK_OP(ctx, t->rank() >= 2 && t->rank() <= kMaxBroadcastRank,
                    std::string(t == &lhs ? "lhs" : "rhs") +
                        " must have rank 2 to " +
                        std::to_string(kMaxBroadcastRank) + ", has shape " +
                        ShapeToString(t->shape));
    for (int32_t d : t->shape) {
      LITERT_CHECK_OP(ctx, d >= 0, "inputs must not have negative dimensions");
    }
  }
  const int lr = lhs.rank(), rr = rhs.rank();
  m_ = options_.adj_x ? lhs.dim(lr - 1) : lhs.dim(lr - 2);
  const int lhs_k = options_.adj_x ? lhs.dim(lr - 2) : lhs.dim(lr - 1);
  const int rhs_k = options_.adj_y ? rhs.dim(rr - 1) : rhs.dim(rr - 2);
  n_ = options_.adj_y ? rhs.dim(rr - 2) : rhs.dim(rr - 1);
  LITERT_CHECK_OP(
      ctx, lhs_k == rhs_k,
      "contraction sizes differ: lhs " + ShapeToString(lhs.shape) +
          (options_.adj_x ? " (adj_x)" : "") + " has " + std::to_string(lhs_k) +
          ", rhs " + ShapeToString(rhs.shape) +
          (options_.adj_y ? " (adj_y)" : "") + " has " + std::to_string(rhs_k));
  k_ = lhs_k;

  const Shape lhs_batch(lhs.shape.begin(), lhs.shape.end() - 2);
  const Shape rhs_batch(rhs.shape.begin(), rhs.shape.end() - 2);
  Shape out_batch;
  LITERT_CHECK_OP(ctx, BroadcastShapes(lhs_batch, rhs_batch, &out_batch),
                  "batch dimensions of lhs " + ShapeToString(lhs.shape) +
                      " and rhs " + ShapeToString(rhs.shape) +
                      " do not broadcast");
  BatchMap map;
  map.rank = static_cast<int>(out_batch.size());
  for (int i = 0; i < map.rank; ++i) {
    map.dims[i] = out_batch[i];
    map.count *= out_batch[i];
  }
  FillBatchStrides(lhs_batch, out_batch, map.lhs_stride);
  FillBatchStrides(rhs_batch, out_batch, map.rhs_stride);
  map_ = map;

  const DType lt = lhs.type, rt = rhs.type, ot = output.type;
  if (lt == DType::kFloat32 && rt == DType::kFloat32 && ot == DType::kFloat32) {
    types_ = BmmTypes::kFloat32;
  } else if (lt == DType::kInt8 && rt == DType::kInt8 && ot == DType::kInt8) {
    types_ = BmmTypes::kInt8;
  } else if (lt == DType::kInt16 && rt == DType::kInt16 &&
             ot == DType::kInt16) {
    types_ = BmmTypes::kInt16;
  } else if (lt == DType::kInt16 && rt == DType::kInt8 && ot == DType::kInt16) {
    types_ = BmmTypes::kInt16x8;
  } else if (lt == DType::kFloat32 && rt == DType::kInt8 &&
             ot == DType::kFloat32) {
    types_ = BmmTypes::kHybrid;
  } else {
    return ctx.Error(
        "unsupported dtype combination: lhs " + DTypeName(lt) + ", rhs " +
        DTypeName(rt) + ", output " + DTypeName(ot) +
        "; supported: float32/float32/float32, int8/int8/int8, "
        "int16/int16/int16, int16/int8/int16, float32/int8/float32 (hybrid)");
  }
  if (types_ == BmmTypes::kHybrid) {
    const size_t scales = rhs.quant.scale.size();
    const int n_axis = options_.adj_y ? rr - 2 : rr - 1;
    LITERT_CHECK_OP(
        ctx,
        scales == 1 || (static_cast<int64_t>(scales) == n_ &&
                        rhs.quant.quantized_dimension == n_axis),
        "hybrid rhs '" + rhs.name + "' needs one quantization scale or " +
            std::to_string(n_) + " along dimension " + std::to_string(n_axis) +
            " (one per output column), has " + std::to_string(scales) +
            " along dimension " +
            std::to_string(rhs.quant.quantized_dimension));
    for (int64_t zp : rhs.quant.zero_point) {
      LITERT_CHECK_OP(
          ctx, zp == 0,
          "hybrid rhs '" + rhs.name + "' must be symmetric (zero point 0)");
    }
    for (float sc : rhs.quant.scale) {
      LITERT_CHECK_OP(ctx, quant::internal::ValidScale(sc),
                      "hybrid rhs scales must be positive and finite");
    }
    hybrid_.rhs_scales = rhs.quant.scale;
    hybrid_.asymmetric = options_.asymmetric_quantize_inputs;
    // The row, then (fast path) fast::HybridInt8's words: k / 2 + 2 uint32.
    q_row_scratch_ = ctx.RequestScratch(
        (static_cast<size_t>(std::max(k_, 1)) + 63) / 64 * 64 +
        2 * static_cast<size_t>(k_) + 16);
    fast_hybrid_.reset();
    // One constant rhs matrix shared by every batch; int32 sums stay exact.
    fast_hybrid_wanted_ = rhs.is_constant() &&
                          rhs.num_elements() == int64_t{k_} * n_ && k_ > 0 &&
                          k_ < 65536 && n_ > 0;
  } else if (types_ != BmmTypes::kFloat32) {
    LITERT_RETURN_IF_ERROR(PrepareQuantized(ctx, lhs, rhs, output, rr));
  }
  Shape out_shape = out_batch;
  out_shape.push_back(m_);
  out_shape.push_back(n_);
  ctx.SetOutputShape(0, std::move(out_shape));
  fast_float_ = types_ == BmmTypes::kFloat32 && m_ > 0 && n_ > 0 && k_ > 0 &&
                map_.count > 0;
  packed_scratch_ = -1;
  if (fast_float_) {
    rhs_matrices_ = rhs.num_elements() / (int64_t{k_} * n_);
    if (!rhs.is_constant()) {
      packed_scratch_ = ctx.RequestScratch(fast::PackedFloatSize(k_, n_) *
                                           rhs_matrices_ * sizeof(float));
    }
  }
  return Status::Ok();
}

Status BatchMatMul::PrepareQuantized(OpContext& ctx, const RtTensor& lhs,
                                     const RtTensor& rhs,
                                     const RtTensor& output, int rhs_rank) {
  // 16x8 takes an rhs scale per output column (along the N axis) too.
  const int n_axis = options_.adj_y ? rhs_rank - 2 : rhs_rank - 1;
  const bool per_column =
      types_ == BmmTypes::kInt16x8 && rhs.quant.scale.size() > 1;
  for (const RtTensor* t : {&lhs, &rhs, &output}) {
    const size_t want = t == &rhs && per_column ? static_cast<size_t>(n_) : 1;
    LITERT_CHECK_OP(
        ctx,
        t->quant.scale.size() == want && t->quant.zero_point.size() <= want,
        "tensor '" + t->name + "' needs " +
            (types_ == BmmTypes::kInt16x8 && t == &rhs
                 ? "one quantization scale or " + std::to_string(n_) +
                       " (one per output column)"
                 : std::string("one (per-tensor) quantization scale")) +
            ", has " + std::to_string(t->quant.scale.size()));
    for (float sc : t->quant.scale) {
      LITERT_CHECK_OP(ctx, quant::internal::ValidScale(sc),
                      "tensor '" + t->name +
                          "' has a scale that is not positive and finite");
    }
  }
  LITERT_CHECK_OP(ctx, !per_column || rhs.quant.quantized_dimension == n_axis,
                  "rhs '" + rhs.name + "' is quantized along dimension " +
                      std::to_string(rhs.quant.quantized_dimension) +
                      "; per-column scales must be along its N dimension " +
                      std::to_string(n_axis));
  auto zp = [](const RtTensor& t) {
    int64_t v = 0;
    for (int64_t z : t.quant.zero_point)
      v = z != 0 ? z : v;  // a non-zero one, if any
    return v;
  };
  const bool int8 = types_ == BmmTypes::kInt8;
  out_min_ = int8 ? QMin<int8_t>() : QMin<int16_t>();
  out_max_ = int8 ? QMax<int8_t>() : QMax<int16_t>();
  for (const RtTensor* t : {&lhs, &rhs, &output}) {
    LITERT_CHECK_OP(
        ctx, zp(*t) >= out_min_ && zp(*t) <= out_max_,
        "tensor '" + t->name + "' has a zero point outside its type's range");
    LITERT_CHECK_OP(ctx, int8 || zp(*t) == 0,
                    "int16 tensors need zero point 0 (symmetric), '" + t->name +
                        "' has " + std::to_string(zp(*t)));
  }
  lhs_zp_ = static_cast<int32_t>(zp(lhs));
  rhs_zp_ = static_cast<int32_t>(zp(rhs));
  out_zp_ = static_cast<int32_t>(zp(output));
  multipliers_.clear();
  for (float rhs_scale : rhs.quant.scale) {
    const double real = static_cast<double>(lhs.quant.scale[0]) * rhs_scale /
                        output.quant.scale[0];
    multipliers_.push_back(quant::QuantizeMultiplier(real));
  }
  PrepareFastInteger(lhs, rhs);
  return Status::Ok();
}

Status BatchMatMul::Eval(OpContext& ctx) {
  const RtTensor& lhs = ctx.input(0);
  const RtTensor& rhs = ctx.input(1);
  RtTensor& output = ctx.output(0);
  switch (types_) {
    case BmmTypes::kFloat32:
      if (fast_float_ && (!packed_rhs_.empty() || packed_scratch_ >= 0)) {
        EvalFloatFast(ctx, lhs.as<float>(), rhs.as<float>(),
                      output.as<float>());
        break;
      }
      EvalFloat(lhs.as<float>(), rhs.as<float>(), output.as<float>());
      break;
    case BmmTypes::kInt8:
      if (fast_int_) {
        fast::RunPackedRows(*fast_int_, lhs.as<int8_t>(),
                            static_cast<int>(map_.count * m_), fast_int_rq_,
                            output.as<int8_t>(), ctx.thread_pool());
        break;
      }
      EvalInteger<int8_t, int8_t, int32_t>(lhs.as<int8_t>(), rhs.as<int8_t>(),
                                           output.as<int8_t>());
      break;
    case BmmTypes::kInt16:
      EvalInteger<int16_t, int16_t, int64_t>(
          lhs.as<int16_t>(), rhs.as<int16_t>(), output.as<int16_t>());
      break;
    case BmmTypes::kInt16x8:
      if (fast_int_) {
        fast::RunPackedRows(*fast_int_, lhs.as<int16_t>(),
                            static_cast<int>(map_.count * m_), fast_int_rq_,
                            output.as<int16_t>(), ctx.thread_pool());
        break;
      }
      EvalInteger<int16_t, int8_t, int64_t>(lhs.as<int16_t>(), rhs.as<int8_t>(),
                                            output.as<int16_t>());
      break;
    case BmmTypes::kHybrid:
      if (fast_hybrid_) {
        EvalHybridFast(ctx, lhs.as<float>(), output.as<float>());
        break;
      }
      EvalHybridBatchMatMul(hybrid_, map_, m_, k_, n_, options_.adj_x,
                            options_.adj_y, lhs.as<float>(), rhs.as<int8_t>(),
                            static_cast<int8_t*>(ctx.scratch(q_row_scratch_)),
                            output.as<float>());
      break;
  }
  return Status::Ok();
}

void BatchMatMul::EvalFloat(const float* lhs, const float* rhs,
                            float* out) const {
  const int64_t lhs_matrix = int64_t{m_} * k_, rhs_matrix = int64_t{k_} * n_;
  for (int64_t b = 0; b < map_.count; ++b) {
    int64_t lb = 0, rb = 0;
    map_.Offsets(b, &lb, &rb);
    const float* l = lhs + lb * lhs_matrix;
    const float* r = rhs + rb * rhs_matrix;
    float* o = out + b * int64_t{m_} * n_;
    for (int m = 0; m < m_; ++m) {
      for (int n = 0; n < n_; ++n) {
        float acc = 0.f;
        for (int k = 0; k < k_; ++k)
          acc += l[LhsIndex(m, k)] * r[RhsIndex(k, n)];
        o[int64_t{m} * n_ + n] = acc;
      }
    }
  }
}

// AccT is LiteRT's accumulator: int32 for int8 (wrapping on overflow,
// reproduced by truncating the int64 sum) with double rounding; int64 for int16
// with Q15 rounding.
template <typename T, typename RhsT, typename AccT>
void BatchMatMul::EvalInteger(const T* lhs, const RhsT* rhs, T* out) const {
  const int64_t lhs_matrix = int64_t{m_} * k_, rhs_matrix = int64_t{k_} * n_;
  for (int64_t b = 0; b < map_.count; ++b) {
    int64_t lb = 0, rb = 0;
    map_.Offsets(b, &lb, &rb);
    const T* l = lhs + lb * lhs_matrix;
    const RhsT* r = rhs + rb * rhs_matrix;
    T* o = out + b * int64_t{m_} * n_;
    for (int m = 0; m < m_; ++m) {
      for (int n = 0; n < n_; ++n) {
        int64_t sum = 0;
        for (int k = 0; k < k_; ++k) {
          sum += int64_t{int32_t{l[LhsIndex(m, k)]} - lhs_zp_} *
                 (int32_t{r[RhsIndex(k, n)]} - rhs_zp_);
        }
        const AccT acc = static_cast<AccT>(sum);
        const quant::QuantizedMultiplier& q =
            multipliers_[multipliers_.size() > 1 ? n : 0];
        int64_t v;
        if constexpr (sizeof(AccT) == 4) {
          v = quant::MultiplyByQuantizedMultiplier(acc, q);
        } else {
          v = quant::MultiplyByQuantizedMultiplierQ15(acc, q);
        }
        v += out_zp_;
        o[int64_t{m} * n_ + n] =
            static_cast<T>(std::clamp<int64_t>(v, out_min_, out_max_));
      }
    }
  }
}

}  // namespace

Result<std::unique_ptr<Op>> CreateBatchMatMul(const OpInitContext& init) {
  BatchMatMulOptions o;  // schema defaults when the file has no options table
  const fb::BatchMatMulOptions* fo =
      init.op != nullptr ? init.op->builtin_options_as_BatchMatMulOptions()
                         : nullptr;
  if (fo != nullptr) {
    o.adj_x = fo->adj_x();
    o.adj_y = fo->adj_y();
    o.asymmetric_quantize_inputs = fo->asymmetric_quantize_inputs();
  }
  return std::unique_ptr<Op>(new BatchMatMul(o));
}

}  // namespace litert
