// float32 matrix products (Highway: SSE4, AVX2, AVX-512, NEON, picked at run
// time): the fast path beside the reference kernels of CONV_2D,
// FULLY_CONNECTED and BATCH_MATMUL (DESIGN.md rule 2).
//
//   C[m, n] = sum_k A(m, k) * B(k, n)
//
// B is packed into blocks of 16 columns, [n_blocks][K][16] (zero padded), so
// that one row of a block is one vector; A is read in place through two
// strides (A(m, k) = a[m * a_m + k * a_k]), which covers a transposed lhs.
// Sums run in a different order than the reference loops (and fused), so
// results differ in the last bits.
#pragma once

#include <cstddef>
#include <cstdint>

namespace litert {
class ThreadPool;
}

namespace litert::fast {

// Floats a packed B of k x n takes.
inline size_t PackedFloatSize(int k, int n) {
  return size_t((n + 15) / 16) * 16 * size_t(k);
}

// B(k, n) = b[k * b_k + n * b_n].
void PackFloatB(const float* b, int64_t b_k, int64_t b_n, int k, int n,
                float* packed);

// Rows [0, m) and columns [n_begin, n_end) of C (n_begin a multiple of 16),
// row stride ldc.
void FloatGemm(const float* a, int64_t a_m, int64_t a_k, int m, int k,
               const float* packed_b, int n_begin, int n_end, float* c,
               int64_t ldc);

// Rows [0, rows) of c (row stride ldc), columns [n0, n1): add bias (may be
// null), clamp to [lo, hi] (a NaN stays NaN, as in the reference kernels).
inline void BiasClampRows(float* c, int64_t ldc, int rows, int n0, int n1,
                          const float* bias, float lo, float hi) {
  for (int r = 0; r < rows; ++r) {
    float* y = c + r * ldc;
    for (int j = n0; j < n1; ++j) {
      const float v = y[j] + (bias ? bias[j] : 0.f);
      y[j] = v < lo ? lo : (v > hi ? hi : v);
    }
  }
}

// C = clamp(A * B + bias, lo, hi) for rows [0, m) of A (row stride a_m,
// contiguous rows of k) and all n columns, split over the pool's threads by
// row tiles and column chunks. bias may be null.
void FloatGemmBiasClamp(const float* a, int64_t a_m, int m, int k,
                        const float* packed_b, int n, const float* bias,
                        float lo, float hi, float* c, ThreadPool* pool);

}  // namespace litert::fast
