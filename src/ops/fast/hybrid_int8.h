// The fast path of hybrid FULLY_CONNECTED with int8 weights (per-tensor or
// per-channel scales) and float activations, bit-exact with the reference:
// the int32 dot products of the quantized input row and 16 weight rows at a
// time (AVX-512 VNNI, or Highway's pairwise int16 products on other CPUs,
// hybrid_hwy.cc), then float(sum) * (input scale * weight scale) + bias.
#pragma once

#include <cstdint>
#include <vector>

namespace litert {
class ThreadPool;
}

namespace litert::fast {

class HybridInt8 {
 public:
  // w: [units, depth] int8; unit_scale: [units]. Needs depth below 65536
  // (int32 sums stay exact). False when out of memory.
  bool Pack(const int8_t* w, int units, int depth,
            const std::vector<float>& unit_scale);
  // One quantized input row (q, zero point, scale) -> out[units] =
  // clamp(float(sum (q - zp) * w) * (scale * unit_scale) + bias). `words` is
  // scratch of depth / 2 + 2 uint32.
  void Run(const int8_t* q, int32_t zero_point, float scale, const float* bias,
           float lo, float hi, uint32_t* words, float* out,
           ThreadPool* pool) const;

 private:
  void RunPairs(const int8_t* q, int32_t zero_point, float scale,
                const float* bias, float lo, float hi, uint32_t* words,
                float* out, ThreadPool* pool) const;

  int units_ = 0, depth_ = 0, kp_ = 0, unit_blocks_ = 0;
  bool vnni_ = false;
  // VNNI: [unit blocks][kp / 4][16][4]; Highway: [unit blocks][kp / 2][16][2]
  std::vector<int8_t> packed_;
  std::vector<int32_t> colsum_;    // [unit blocks * 16] sum_k w[u][k]
  std::vector<float> unit_scale_;  // [unit blocks * 16]
};

}  // namespace litert::fast
