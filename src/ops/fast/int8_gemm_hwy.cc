// The portable int8 matrix product of int8_gemm.h (Highway: SSE4, AVX2,
// AVX-512, NEON, picked at run time) for CPUs without AVX-512 VNNI:
// activations minus their zero point and weights as int16, multiplied in
// pairs into int32 (pmaddwd on x86, smlal on Arm), then requantized like the
// VNNI kernel.
#include <algorithm>
#include <cstring>
#include <vector>

#include "ops/fast/int8_gemm.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "ops/fast/int8_gemm_hwy.cc"
// clang-format off
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "ops/fast/int8_requant-inl.h"
// clang-format on

HWY_BEFORE_NAMESPACE();
namespace litert::fast::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// int32 lanes per vector, at most the 16 channels of a weight block.
constexpr int kLanes = HWY_MIN(16, HWY_LANES(int32_t));
constexpr int kVectors = 16 / kLanes;  // vectors per block of 16 channels
// Rows per tile: as many accumulators as the registers hold.
constexpr int kTileRows = kVectors >= 4 ? 2 : 4;

#if HWY_TARGET == HWY_SCALAR
// One lane per vector (CPUs without SIMD): no int16 pairs, a plain loop.
template <int R, typename TOut>
HWY_INLINE void PairTile(const int32_t* pairs, int kp2, const int16_t* w,
                         const int32_t* bias, const Int8Requant& rq, int n0,
                         int valid, TOut* c, size_t ldc) {
  const hn::Sisd<int32_t> d32;
  for (int r = 0; r < R; ++r) {
    for (int j = 0; j < valid; ++j) {
      uint32_t acc = static_cast<uint32_t>(bias[n0 + j]);  // wraps
      for (int kk = 0; kk < kp2; ++kk) {
        const uint32_t pair = static_cast<uint32_t>(pairs[r * kp2 + kk]);
        const int16_t a0 = static_cast<int16_t>(pair & 0xFFFF);
        const int16_t a1 = static_cast<int16_t>(pair >> 16);
        const int16_t* wj = w + (size_t(kk) * 16 + j) * 2;
        acc += static_cast<uint32_t>(a0 * wj[0] + a1 * wj[1]);
      }
      c[r * ldc + n0 + j] = static_cast<TOut>(hn::GetLane(Requantize(
          d32, hn::Set(d32, static_cast<int32_t>(acc)), rq, n0 + j)));
    }
  }
}
#else
// R rows (pairs [R][kp2]) times one block of 16 channels (w: [kp2][16][2]).
template <int R, typename TOut>
HWY_INLINE void PairTile(const int32_t* pairs, int kp2, const int16_t* w,
                         const int32_t* bias, const Int8Requant& rq, int n0,
                         int valid, TOut* c, size_t ldc) {
  const hn::CappedTag<int32_t, 16> d32;
  const hn::Repartition<int16_t, decltype(d32)> d16;
  const hn::Rebind<TOut, decltype(d32)> dout;
  using V32 = hn::Vec<decltype(d32)>;
  V32 acc0[R][kVectors], acc1[R][kVectors];
  for (int r = 0; r < R; ++r) {
    for (int v = 0; v < kVectors; ++v) acc0[r][v] = acc1[r][v] = hn::Zero(d32);
  }
  for (int kk = 0; kk < kp2; ++kk) {
    hn::Vec<decltype(d16)> wv[kVectors];
    for (int v = 0; v < kVectors; ++v) {
      wv[v] = hn::LoadU(d16, w + (size_t(kk) * 16 + v * kLanes) * 2);
    }
    for (int r = 0; r < R; ++r) {
      const auto av = hn::BitCast(d16, hn::Set(d32, pairs[r * kp2 + kk]));
      for (int v = 0; v < kVectors; ++v) {
        acc0[r][v] = hn::ReorderWidenMulAccumulate(d32, av, wv[v], acc0[r][v],
                                                   acc1[r][v]);
      }
    }
  }
  for (int r = 0; r < R; ++r) {
    TOut out[16];
    for (int v = 0; v < kVectors; ++v) {
      const int n = n0 + v * kLanes;
      const V32 acc =
          hn::Add(hn::RearrangeToOddPlusEven(acc0[r][v], acc1[r][v]),
                  hn::LoadU(d32, bias + n));
      hn::StoreU(hn::DemoteTo(dout, Requantize(d32, acc, rq, n)), dout,
                 out + v * kLanes);
    }
    std::memcpy(c + r * ldc + n0, out, valid * sizeof(TOut));
  }
}
#endif  // HWY_TARGET == HWY_SCALAR

// Rows [0, m) of A times channels [n_begin, n_end) (see PackedInt8Weights);
// `pairs` has room for kTileRows * kp / 2 words.
template <typename TIn, typename TOut>
HWY_INLINE void GemmPairs(const TIn* a, size_t lda, int m, int kp,
                          const int16_t* w16, const int32_t* bias, int32_t a_zp,
                          const Int8Requant& rq, int n_begin, int n_end,
                          TOut* c, size_t ldc, int32_t* pairs) {
  const int kp2 = kp / 2;
  for (int r0 = 0; r0 < m; r0 += kTileRows) {
    const int rows = std::min(kTileRows, m - r0);
    // (a - zp) of two neighbouring k as one int32: low half, high half.
    for (int r = 0; r < rows; ++r) {
      const TIn* ar = a + (r0 + r) * lda;
      for (int kk = 0; kk < kp2; ++kk) {
        const uint32_t lo = static_cast<uint16_t>(ar[2 * kk] - a_zp);
        const uint32_t hi = static_cast<uint16_t>(ar[2 * kk + 1] - a_zp);
        pairs[r * kp2 + kk] = static_cast<int32_t>(lo | hi << 16);
      }
    }
    for (int n0 = n_begin; n0 < n_end; n0 += 16) {
      const int16_t* w = w16 + size_t(n0 / 16) * kp2 * 32;
      const int valid = std::min(16, n_end - n0);
      TOut* cr = c + r0 * ldc;
      if (rows == kTileRows) {
        PairTile<kTileRows>(pairs, kp2, w, bias, rq, n0, valid, cr, ldc);
      } else if (rows == 3) {
        PairTile<3>(pairs, kp2, w, bias, rq, n0, valid, cr, ldc);
      } else if (rows == 2) {
        PairTile<2>(pairs, kp2, w, bias, rq, n0, valid, cr, ldc);
      } else {
        PairTile<1>(pairs, kp2, w, bias, rq, n0, valid, cr, ldc);
      }
    }
  }
}

void GemmPairsImpl(const int8_t* a, size_t lda, int m, int kp,
                   const int16_t* w16, const int32_t* bias, int32_t a_zp,
                   const Int8Requant& rq, int n_begin, int n_end, int8_t* c,
                   size_t ldc, int32_t* pairs) {
  GemmPairs(a, lda, m, kp, w16, bias, a_zp, rq, n_begin, n_end, c, ldc, pairs);
}

void GemmPairsInt16Impl(const int16_t* a, size_t lda, int m, int kp,
                        const int16_t* w16, const int32_t* bias,
                        const Int8Requant& rq, int n_begin, int n_end,
                        int16_t* c, size_t ldc, int32_t* pairs) {
  GemmPairs(a, lda, m, kp, w16, bias, 0, rq, n_begin, n_end, c, ldc, pairs);
}

}  // namespace litert::fast::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace litert::fast {

HWY_EXPORT(GemmPairsImpl);
HWY_EXPORT(GemmPairsInt16Impl);

namespace {
// The rows' activation pairs, per thread; grows once, then reused.
int32_t* PairScratch(int kp) {
  thread_local std::vector<int32_t> pairs;
  const size_t need = size_t(4) * (kp / 2);
  if (pairs.size() < need) pairs.resize(need);
  return pairs.data();
}
}  // namespace

void PackedInt8Weights::RunPairs(const int8_t* a, size_t lda, int m,
                                 int n_begin, int n_end, const Int8Requant& rq,
                                 int8_t* c, size_t ldc) const {
  HWY_DYNAMIC_DISPATCH(GemmPairsImpl)
  (a, lda, m, kp_, packed16_.data(), bias_.data(), a_zp_, rq, n_begin, n_end, c,
   ldc, PairScratch(kp_));
}

void PackedInt8Weights::RunInt16(const int16_t* a, size_t lda, int m,
                                 int n_begin, int n_end, const Int8Requant& rq,
                                 int16_t* c, size_t ldc) const {
  HWY_DYNAMIC_DISPATCH(GemmPairsInt16Impl)
  (a, lda, m, kp_, packed16_.data(), bias_.data(), rq, n_begin, n_end, c, ldc,
   PairScratch(kp_));
}

}  // namespace litert::fast
#endif  // HWY_ONCE
