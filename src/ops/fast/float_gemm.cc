#include "ops/fast/float_gemm.h"

// The GEMM kernel, compiled once per Highway target (SSE4, AVX2, AVX-512 on
// x86; NEON on Arm) and picked at run time.
// Kernels keep vectors in arrays: sizeless (SVE, RVV) vectors cannot be.
#ifndef HWY_DISABLED_TARGETS
#define HWY_DISABLED_TARGETS \
  (HWY_SVE | HWY_SVE2 | HWY_SVE_256 | HWY_SVE2_128 | HWY_RVV)
#endif
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "ops/fast/float_gemm.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace litert::fast::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// At most 16 lanes: one packed block of 16 columns is kV vectors.
using D = hn::CappedTag<float, 16>;

// MR rows x NB blocks of 16 columns, over all of k.
template <int MR, int NB>
HWY_INLINE void Tile(const float* a, int64_t a_m, int64_t a_k, int k,
                     const float* b, size_t b_block, int n0, int n_end,
                     float* c, int64_t ldc) {
  const D d;
  constexpr size_t kL = hn::MaxLanes(D());
  constexpr int kV = static_cast<int>(16 / kL);
  using V = hn::Vec<D>;
  V acc[MR][NB][kV];
  for (int r = 0; r < MR; ++r)
    for (int j = 0; j < NB; ++j)
      for (int v = 0; v < kV; ++v) acc[r][j][v] = hn::Zero(d);
  for (int kk = 0; kk < k; ++kk) {
    V bv[NB][kV];
    for (int j = 0; j < NB; ++j)
      for (int v = 0; v < kV; ++v)
        bv[j][v] = hn::LoadU(d, b + j * b_block + size_t(kk) * 16 + v * kL);
    for (int r = 0; r < MR; ++r) {
      const V av = hn::Set(d, a[r * a_m + kk * a_k]);
      for (int j = 0; j < NB; ++j)
        for (int v = 0; v < kV; ++v)
          acc[r][j][v] = hn::MulAdd(av, bv[j][v], acc[r][j][v]);
    }
  }
  // Columns past n_end (the zero padding of the last block) are not stored.
  HWY_ALIGN float tmp[16];
  for (int j = 0; j < NB; ++j) {
    const int n = n0 + 16 * j;
    const int valid = n_end - n < 16 ? n_end - n : 16;
    for (int r = 0; r < MR; ++r) {
      float* y = c + r * ldc + n;
      if (valid == 16) {
        for (int v = 0; v < kV; ++v) hn::StoreU(acc[r][j][v], d, y + v * kL);
      } else {
        for (int v = 0; v < kV; ++v) hn::Store(acc[r][j][v], d, tmp + v * kL);
        for (int i = 0; i < valid; ++i) y[i] = tmp[i];
      }
    }
  }
}

// Register budget: 16 accumulator lanes-vectors on 16-register targets,
// more where vectors are wide (AVX-512) or registers many.
template <int NB>
HWY_INLINE void Rows(const float* a, int64_t a_m, int64_t a_k, int m, int k,
                     const float* b, size_t b_block, int n0, int n_end,
                     float* c, int64_t ldc) {
  constexpr int kMR = hn::MaxLanes(D()) >= 16 ? 6 : 4;
  int r = 0;
  for (; r + kMR <= m; r += kMR) {
    Tile<kMR, NB>(a + r * a_m, a_m, a_k, k, b, b_block, n0, n_end, c + r * ldc,
                  ldc);
  }
  for (; r < m; ++r) {
    Tile<1, NB>(a + r * a_m, a_m, a_k, k, b, b_block, n0, n_end, c + r * ldc,
                ldc);
  }
}

void FloatGemmImpl(const float* a, int64_t a_m, int64_t a_k, int m, int k,
                   const float* packed_b, int n_begin, int n_end, float* c,
                   int64_t ldc) {
  const size_t b_block = size_t(k) * 16;
  // Two blocks per tile where vectors are 16 wide, one elsewhere.
  constexpr int kNB = hn::MaxLanes(D()) >= 16 ? 2 : 1;
  for (int n0 = n_begin; n0 < n_end; n0 += 16 * kNB) {
    const float* b = packed_b + size_t(n0 / 16) * b_block;
    if (kNB == 2 && n_end - n0 > 16) {
      Rows<kNB>(a, a_m, a_k, m, k, b, b_block, n0, n_end, c, ldc);
    } else {
      for (int n = n0; n < n_end && n < n0 + 16 * kNB; n += 16) {
        Rows<1>(a, a_m, a_k, m, k, packed_b + size_t(n / 16) * b_block, b_block,
                n, n_end, c, ldc);
      }
    }
  }
}

}  // namespace litert::fast::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include <algorithm>

#include "core/thread_pool.h"

namespace litert::fast {
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

HWY_EXPORT(FloatGemmImpl);

void FloatGemm(const float* a, int64_t a_m, int64_t a_k, int m, int k,
               const float* packed_b, int n_begin, int n_end, float* c,
               int64_t ldc) {
  HWY_DYNAMIC_DISPATCH(FloatGemmImpl)
  (a, a_m, a_k, m, k, packed_b, n_begin, n_end, c, ldc);
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
  pool = PoolForWork(pool, int64_t{m} * n * k);
  if (pool != nullptr && pool->threads() > 1) {
    pool->ParallelFor(items, 1, work);
  } else {
    work(0, items, 0);
  }
}

}  // namespace litert::fast
#endif  // HWY_ONCE
