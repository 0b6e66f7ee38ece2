#include "ops/fast/float_gemm.h"

#include <immintrin.h>

#include <algorithm>

#include "core/thread_pool.h"

#define LITERT_AVX512F __attribute__((target("avx512f")))

namespace litert::fast {

bool HasFloatAvx512() {
  static const bool has = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") != 0;
  }();
  return has;
}

void PackFloatB(const float* b, int64_t b_k, int64_t b_n, int k, int n,
                float* packed) {
  const int blocks = (n + 15) / 16;
  for (int blk = 0; blk < blocks; ++blk) {
    float* dst = packed + size_t(blk) * k * 16;
    const int n0 = blk * 16, valid = std::min(16, n - n0);
    for (int kk = 0; kk < k; ++kk) {
      const float* src = b + kk * b_k + n0 * b_n;
      int j = 0;
      for (; j < valid; ++j) dst[size_t(kk) * 16 + j] = src[j * b_n];
      for (; j < 16; ++j) dst[size_t(kk) * 16 + j] = 0.f;
    }
  }
}

namespace {

template <int MR, int NB>
LITERT_AVX512F void Tile(const float* a, int64_t a_m, int64_t a_k, int k,
                         const float* b, size_t b_block, int n0, int n_end,
                         float* c, int64_t ldc) {
  __m512 acc[MR][NB];
  for (int r = 0; r < MR; ++r)
    for (int j = 0; j < NB; ++j) acc[r][j] = _mm512_setzero_ps();
  for (int kk = 0; kk < k; ++kk) {
    __m512 bv[NB];
    for (int j = 0; j < NB; ++j) {
      bv[j] = _mm512_loadu_ps(b + j * b_block + size_t(kk) * 16);
    }
    for (int r = 0; r < MR; ++r) {
      const __m512 av = _mm512_set1_ps(a[r * a_m + kk * a_k]);
      for (int j = 0; j < NB; ++j) {
        acc[r][j] = _mm512_fmadd_ps(av, bv[j], acc[r][j]);
      }
    }
  }
  for (int j = 0; j < NB; ++j) {
    const int n = n0 + 16 * j;
    const int valid = std::min(16, n_end - n);
    const __mmask16 mask = valid >= 16 ? 0xFFFF : (1u << valid) - 1;
    for (int r = 0; r < MR; ++r) {
      _mm512_mask_storeu_ps(c + r * ldc + n, mask, acc[r][j]);
    }
  }
}

template <int NB>
LITERT_AVX512F void Rows(const float* a, int64_t a_m, int64_t a_k, int m, int k,
                         const float* b, size_t b_block, int n0, int n_end,
                         float* c, int64_t ldc) {
  int r = 0;
  for (; r + 6 <= m; r += 6) {
    Tile<6, NB>(a + r * a_m, a_m, a_k, k, b, b_block, n0, n_end, c + r * ldc,
                ldc);
  }
  const float* ar = a + r * a_m;
  float* cr = c + r * ldc;
  switch (m - r) {
    case 1:
      Tile<1, NB>(ar, a_m, a_k, k, b, b_block, n0, n_end, cr, ldc);
      break;
    case 2:
      Tile<2, NB>(ar, a_m, a_k, k, b, b_block, n0, n_end, cr, ldc);
      break;
    case 3:
      Tile<3, NB>(ar, a_m, a_k, k, b, b_block, n0, n_end, cr, ldc);
      break;
    case 4:
      Tile<4, NB>(ar, a_m, a_k, k, b, b_block, n0, n_end, cr, ldc);
      break;
    case 5:
      Tile<5, NB>(ar, a_m, a_k, k, b, b_block, n0, n_end, cr, ldc);
      break;
    default:
      break;
  }
}

}  // namespace

void FloatGemm(const float* a, int64_t a_m, int64_t a_k, int m, int k,
               const float* packed_b, int n_begin, int n_end, float* c,
               int64_t ldc) {
  const size_t b_block = size_t(k) * 16;
  for (int n0 = n_begin; n0 < n_end; n0 += 64) {
    const float* b = packed_b + size_t(n0 / 16) * b_block;
    const int left = n_end - n0;
    if (left > 48) {
      Rows<4>(a, a_m, a_k, m, k, b, b_block, n0, n_end, c, ldc);
    } else if (left > 32) {
      Rows<3>(a, a_m, a_k, m, k, b, b_block, n0, n_end, c, ldc);
    } else if (left > 16) {
      Rows<2>(a, a_m, a_k, m, k, b, b_block, n0, n_end, c, ldc);
    } else {
      Rows<1>(a, a_m, a_k, m, k, b, b_block, n0, n_end, c, ldc);
    }
  }
}

void FloatGemmBiasClamp(const float* a, int64_t a_m, int m, int k,
                        const float* packed_b, int n, const float* bias,
                        float lo, float hi, float* c, ThreadPool* pool) {
  constexpr int kRows = 48, kCols = 64;
  const int m_tiles = (m + kRows - 1) / kRows;
  const int n_chunks = (n + kCols - 1) / kCols;
  auto work = [&](size_t begin, size_t end, int) {
    for (size_t item = begin; item < end; ++item) {
      const int m0 = static_cast<int>(item / n_chunks) * kRows;
      const int n0 = static_cast<int>(item % n_chunks) * kCols;
      const int rows = std::min(kRows, m - m0), n1 = std::min(n, n0 + kCols);
      float* cm = c + int64_t{m0} * n;
      FloatGemm(a + m0 * a_m, a_m, 1, rows, k, packed_b, n0, n1, cm, n);
      BiasClampRows(cm, n, rows, n0, n1, bias, lo, hi);
    }
  };
  const size_t items = size_t(m_tiles) * n_chunks;
  if (pool != nullptr && pool->threads() > 1) {
    pool->ParallelFor(items, 1, work);
  } else {
    work(0, items, 0);
  }
}

}  // namespace litert::fast
