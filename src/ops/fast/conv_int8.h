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

// The fast shape of a prepared conv-like op's geometry (same field names).
template <typename Geometry>
ConvInt8Shape ConvInt8ShapeOf(const Geometry& g, int32_t input_zero_point) {
  return ConvInt8Shape{g.batches,    g.in_h,     g.in_w,     g.in_c,
                       g.out_h,      g.out_w,    g.out_c,    g.k_h,
                       g.k_w,        g.stride_h, g.stride_w, g.dilation_h,
                       g.dilation_w, g.pad_h,    g.pad_w,    input_zero_point};
}

class ConvInt8 {
 public:
  // Fixes shapes and the scratch size.
  void Prepare(const ConvInt8Shape& s, Int8Requant requant, int threads);
  // Packs the filter [out_c, k_h, k_w, in_c] and bias (once the node is known
  // to run on litert's kernels). False when out of memory.
  bool Pack(const int8_t* filter, const int32_t* bias);
  bool packed() const { return packed_; }
  // Scratch Run needs (im2col rows of every thread); 0 for direct 1x1.
  size_t scratch_bytes() const { return scratch_bytes_; }
  void Run(const int8_t* input, int8_t* output, int8_t* scratch,
           ThreadPool* pool) const;

 private:
  ConvInt8Shape s_{};
  PackedInt8Weights weights_;
  Int8Requant rq_;
  bool direct_ = false;  // the input rows are the matrix rows
  bool packed_ = false;
  int threads_ = 1;
  size_t scratch_bytes_ = 0;
};

}  // namespace litert::fast
