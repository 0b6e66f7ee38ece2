// int8 x int8 -> int8 matrix products for the quantized conv-like ops: the
// fast path beside the reference kernels (DESIGN.md rule 2), tested against
// them.
//
//   C[m, n] = requantize( sum_k (A[m, k] - a_zp) * W[n, k] + bias[n] )
//
// A: rows of K int8 (activations), W: [N, K] int8 weights (symmetric),
// packed once, in one of two layouts chosen at packing:
//   - AVX-512 VNNI CPUs (vpdpbusd): bytes. vpdpbusd multiplies unsigned by
//     signed bytes, so A is read as A + 128 (a flip of the sign bit) and the
//     extra 128 * sum_k W[n, k], with the zero point's a_zp * sum_k W[n, k],
//     is taken off the bias at packing.
//   - every other CPU (Highway, int8_gemm_hwy.cc: SSE4, AVX2, AVX-512, NEON):
//     int16 pairs of k, multiplied with (A - a_zp) pairs into int32.
// int32 sums wrap as in LiteRT's kernels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace litert::fast {

// True when this CPU has AVX-512 F/BW/VL and VNNI (checked once).
bool HasInt8Vnni();
// Whether weights packed now take the VNNI kernel: HasInt8Vnni() unless a
// test turned it off to run the Highway kernel on every target.
bool UseInt8Vnni();
void SetInt8VnniForTest(bool allowed);

// How an int32 accumulator becomes an output quantum, per output channel.
enum class Requant {
  kDoubleRounding,  // LiteRT's conv kernels: SRDHM, then a rounding shift
  kSingleRounding,  // LiteRT's FULLY_CONNECTED: acc * multiplier / 2^shift
                    // rounded once, ties away from zero (right_shift holds
                    // the whole shift, 31 + the multiplier's right shift)
  kQ15,             // LiteRT's int16 x int8 kernels: acc * multiplier (the
                    // Q31 one rounded to Q15) >> right_shift, ties upward
  kFloat,           // XNNPACK's: float(acc) * scale, round half to even
};

struct Int8Requant {
  Requant mode = Requant::kDoubleRounding;
  std::vector<int32_t> multiplier;   // [N] Q31, k*Rounding
  std::vector<int32_t> right_shift;  // [N] >= 0 (single rounding: >= 31)
  std::vector<float> scale;          // [N] kFloat
  int32_t output_zero_point = 0;
  int32_t act_min = -128, act_max = 127;
};

class PackedInt8Weights {
 public:
  // w: [n, k] row-major int8; bias: [n] or null; a_zp: the activations' zero
  // point. `int16_activations`: for RunInt16 (the Highway layout on every
  // CPU). Returns false when out of memory.
  bool Pack(const int8_t* w, int n, int k, const int32_t* bias, int32_t a_zp,
            bool int16_activations = false);
  bool vnni() const { return vnni_; }
  int n() const { return n_; }
  int k() const { return k_; }
  // K rounded up to a multiple of 4: the bytes of an A row the kernel reads.
  int k_padded() const { return kp_; }

  // Rows [0, m) of A (row stride lda >= k_padded() bytes; bytes past k in a
  // row may hold anything) times the weights' output channels
  // [n_begin, n_end) (multiples of 16 but for the last), requantized into C
  // (row stride ldc).
  void Run(const int8_t* a, size_t lda, int m, int n_begin, int n_end,
           const Int8Requant& rq, int8_t* c, size_t ldc) const;
  // The same with int16 activations and outputs (weights packed with
  // int16_activations; the int32 sums must not overflow: k * 2^22 < 2^31).
  void RunInt16(const int16_t* a, size_t lda, int m, int n_begin, int n_end,
                const Int8Requant& rq, int16_t* c, size_t ldc) const;

 private:
  // The Highway kernel (int8_gemm_hwy.cc).
  void RunPairs(const int8_t* a, size_t lda, int m, int n_begin, int n_end,
                const Int8Requant& rq, int8_t* c, size_t ldc) const;

  int n_ = 0, k_ = 0, kp_ = 0, n_blocks_ = 0;
  bool vnni_ = false;
  int32_t a_zp_ = 0;
  std::vector<int8_t> packed_;     // VNNI: [n_blocks][kp / 4][16][4]
  std::vector<int16_t> packed16_;  // Highway: [n_blocks][kp / 2][16][2]
  std::vector<int32_t> bias_;      // [n_blocks * 16], VNNI: with corrections
};

}  // namespace litert::fast
