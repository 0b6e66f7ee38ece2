// The fast path of int8 and int16x8 DEPTHWISE_CONV_2D with a depth
// multiplier of 1:
// a vector of channels at a time in int32 lanes (Highway, every target),
// weights widened once, split over the interpreter's threads by output rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ops/fast/conv_int8.h"
#include "ops/fast/int8_gemm.h"

namespace litert::fast {

class DepthwiseInt8 {
 public:
  // s.in_c == s.out_c (one filter per channel).
  void Prepare(const ConvInt8Shape& s, Int8Requant requant);
  // Widens the filter [1, k_h, k_w, C] and bias once the node is known to run
  // on litert's kernels. False when out of memory.
  bool Pack(const int8_t* filter, const int32_t* bias);
  bool packed() const { return packed_; }
  void Run(const int8_t* input, int8_t* output, ThreadPool* pool) const {
    RunRows(input, output, pool);
  }
  // int16 activations and outputs (int32 sums: the caller checks they fit).
  void Run(const int16_t* input, int16_t* output, ThreadPool* pool) const {
    RunRows(input, output, pool);
  }

 private:
  template <typename T>
  void RunRows(const T* input, T* output, ThreadPool* pool) const;

  ConvInt8Shape s_{};
  Int8Requant rq_;
  int c_padded_ = 0;
  std::vector<int32_t> weights_;  // [k_h * k_w][c_padded]
  std::vector<int32_t> bias_;     // [c_padded]
  bool packed_ = false;
};

}  // namespace litert::fast
