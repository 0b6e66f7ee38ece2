// float32 matrix products with AVX-512 FMA and runtime dispatch: the fast
// path beside the reference kernels of BATCH_MATMUL (DESIGN.md rule 2).
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

namespace litert::fast {

// True when this CPU has AVX-512 F (checked once).
bool HasFloatAvx512();

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

}  // namespace litert::fast
