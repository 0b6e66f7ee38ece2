// The fast path of int8 CONV_2D (groups of 1): im2col rows into scratch (or
// the input itself for a 1x1 stride-1 convolution), then the matrix product
// of int8_gemm.h (VNNI, or Highway on other CPUs), split over the interpreter's
// threads by rows (and by output channels when rows are few).
#pragma once

#include <cstddef>
#include <cstdint>

#include "ops/fast/int8_gemm.h"
#include "ops/quant/per_channel.h"

namespace litert {
class ThreadPool;
}

namespace litert::fast {

struct ConvInt8Shape {
  int batches, in_h, in_w, in_c;
  int out_h, out_w, out_c;
  int k_h, k_w, stride_h, stride_w, dilation_h, dilation_w, pad_h, pad_w;
  int32_t input_zero_point;
};

// The fast paths' requantization of a conv-like op's LiteRT parameters;
// false when a channel needs a left shift (the reference handles those).
inline bool MakeInt8Requant(const quant::ConvRequant& r, Int8Requant* out) {
  *out = Int8Requant{};
  for (const auto& q : r.multiplier) {
    if (q.shift > 0) return false;
    out->multiplier.push_back(q.multiplier);
    out->right_shift.push_back(-q.shift);
  }
  out->output_zero_point = r.output_zero_point;
  out->act_min = r.act_min;
  out->act_max = r.act_max;
  return true;
}

// Turns MakeInt8Requant's double-rounding parameters into LiteRT's Q15 ones
// (int16 activations with an int64 bias): the multiplier rounded to Q15 and
// a shift of 15 more bits.
inline void MakeQ15Requant(Int8Requant* rq) {
  rq->mode = Requant::kQ15;
  for (size_t i = 0; i < rq->multiplier.size(); ++i) {
    const int32_t m = rq->multiplier[i];
    rq->multiplier[i] = m < 0x7FFF0000 ? (m + (1 << 15)) >> 16 : 0x7FFF;
    rq->right_shift[i] += 15;
  }
}

// The fast shape of a prepared conv-like op's geometry (same field names).
template <typename Geometry>
ConvInt8Shape ConvInt8ShapeOf(const Geometry& g, int32_t input_zero_point) {
  return ConvInt8Shape{g.batches,    g.in_h,     g.in_w,     g.in_c,
                       g.out_h,      g.out_w,    g.out_c,    g.k_h,
                       g.k_w,        g.stride_h, g.stride_w, g.dilation_h,
                       g.dilation_w, g.pad_h,    g.pad_w,    input_zero_point};
}

// The int8 fast path of CONV_2D, and with `int16` its int16x8 one (int16
// activations and outputs, int8 weights; the Highway kernel).
class ConvInt8 {
 public:
  // Fixes shapes and the scratch size.
  void Prepare(const ConvInt8Shape& s, Int8Requant requant, int threads,
               bool int16 = false);
  // Packs the filter [out_c, k_h, k_w, in_c] and bias (once the node is known
  // to run on litert's kernels). False when out of memory.
  bool Pack(const int8_t* filter, const int32_t* bias);
  bool packed() const { return packed_; }
  // Scratch Run needs (im2col rows of every thread); 0 for direct 1x1.
  size_t scratch_bytes() const { return scratch_bytes_; }
  void Run(const int8_t* input, int8_t* output, int8_t* scratch,
           ThreadPool* pool) const {
    RunRows(input, output, scratch, pool);
  }
  void Run(const int16_t* input, int16_t* output, int16_t* scratch,
           ThreadPool* pool) const {
    RunRows(input, output, scratch, pool);
  }

 private:
  template <typename T>
  void RunRows(const T* input, T* output, T* scratch, ThreadPool* pool) const;

  ConvInt8Shape s_{};
  PackedInt8Weights weights_;
  Int8Requant rq_;
  bool direct_ = false;  // the input rows are the matrix rows
  bool packed_ = false;
  bool int16_ = false;
  int threads_ = 1;
  size_t scratch_bytes_ = 0;
};

}  // namespace litert::fast
