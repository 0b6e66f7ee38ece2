// The fast path of float32 CONV_2D (groups of 1): im2col rows into scratch
// (or the input itself for a 1x1 stride-1 convolution), then the packed
// float GEMM of float_gemm.h, bias and clamp per tile, split over the
// interpreter's threads by rows (and output channels when rows are few).
#pragma once

#include <cstddef>
#include <vector>

#include "ops/fast/conv_int8.h"  // ConvInt8Shape: the same geometry

namespace litert {
class ThreadPool;
}

namespace litert::fast {

class ConvFloat {
 public:
  // Shapes and scratch size (runs on every CPU: Highway).
  void Prepare(const ConvInt8Shape& s, int threads);
  // Packs the filter [out_c, k_h, k_w, in_c] once the node is known to run
  // on litert's kernels. False when out of memory.
  bool Pack(const float* filter);
  bool packed() const { return packed_; }
  size_t scratch_bytes() const { return scratch_bytes_; }
  // bias may be null; outputs clamped to [lo, hi].
  void Run(const float* input, const float* bias, float lo, float hi,
           float* output, float* scratch, ThreadPool* pool) const;

 private:
  ConvInt8Shape s_{};
  int k_ = 0;
  bool direct_ = false, packed_ = false;
  int threads_ = 1;
  size_t scratch_bytes_ = 0;
  std::vector<float> packed_filter_;
};

}  // namespace litert::fast
