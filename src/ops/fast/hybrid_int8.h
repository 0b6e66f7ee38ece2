// The fast path of hybrid FULLY_CONNECTED with int8 weights (per-tensor or
// per-channel scales) and float activations, bit-exact with the reference:
// the int32 dot products of the quantized input row and 16 weight rows at a
// time by AVX-512 VNNI, then float(sum) * (input scale * weight scale) + bias.
#pragma once

#include <cstdint>
#include <vector>

namespace litert {
class ThreadPool;
}

namespace litert::fast {

class HybridInt8 {
 public:
  // w: [units, depth] int8; unit_scale: [units]. Needs HasInt8Vnni() and
  // depth below 65536 (int32 sums stay exact). False when out of memory.
  bool Pack(const int8_t* w, int units, int depth,
            const std::vector<float>& unit_scale);
  // One quantized input row (q, zero point, scale) -> out[units] =
  // clamp(float(sum (q - zp) * w) * (scale * unit_scale) + bias). `words` is
  // scratch of depth / 4 + 1 uint32.
  void Run(const int8_t* q, int32_t zero_point, float scale, const float* bias,
           float lo, float hi, uint32_t* words, float* out,
           ThreadPool* pool) const;

 private:
  int units_ = 0, depth_ = 0, kp_ = 0, unit_blocks_ = 0;
  std::vector<int8_t> packed_;     // [unit blocks][kp / 4][16][4]
  std::vector<int32_t> colsum_;    // [unit blocks * 16] sum_k w[u][k]
  std::vector<float> unit_scale_;  // [unit blocks * 16]
};

}  // namespace litert::fast
