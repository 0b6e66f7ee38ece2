// The fast path of hybrid FULLY_CONNECTED with INT4 blockwise weights in
// XNNPACK's numerics (quant::XnnpackBlockwiseDot, bit for bit): 16 output
// units at a time, their int4 weights unpacked in registers and multiplied
// with the quantized input row by AVX-512 VNNI (or Highway's pairwise int16
// products on other CPUs, hybrid_hwy.cc), one float FMA per block.
//
// Weights stay 4-bit: packed once, for VNNI into [unit blocks of 16][depth /
// 8][16 units][4 bytes], each byte holding elements 2j (low nibble) and 2j + 1
// (high nibble) of a group of 8, so the low nibbles meet the input's even
// elements and the high nibbles its odd ones; for Highway into [unit
// blocks][depth / 2][16 units], one byte (2j low, 2j + 1 high) per unit.
#pragma once

#include <cstdint>
#include <vector>

namespace litert {
class ThreadPool;
}

namespace litert::fast {

class BlockwiseInt4 {
 public:
  // w: [units, depth] INT4 (element 2i in the low nibble, rows contiguous);
  // scale16 [units, depth / block] and kernel_sum [units] as
  // quant::PackXnnpackBlockwise makes them. Needs depth % block == 0 and
  // block a multiple of 8. False when out of memory.
  bool Pack(const uint8_t* w, int units, int depth, int block,
            const std::vector<float>& scale16,
            const std::vector<float>& kernel_sum);

  // One input row quantized by quant::QuantizeInputXnnpack (q, zero point,
  // scale) -> out[units] = clamp(dot * scale + bias). `words` is scratch of
  // depth / 2 uint32.
  void Run(const int8_t* q, int32_t zero_point, float scale, const float* bias,
           float lo, float hi, uint32_t* words, float* out,
           ThreadPool* pool) const;

 private:
  void RunPairs(const int8_t* q, int32_t zero_point, float scale,
                const float* bias, float lo, float hi, uint32_t* words,
                float* out, ThreadPool* pool) const;

  int units_ = 0, depth_ = 0, block_ = 0, blocks_ = 0, unit_blocks_ = 0;
  bool vnni_ = false;
  std::vector<uint8_t> packed_;    // see above
  std::vector<float> scales_;      // [unit blocks][blocks][16]
  std::vector<float> kernel_sum_;  // [unit blocks * 16]
};

}  // namespace litert::fast
