// The portable kernels (Highway: SSE4, AVX2, AVX-512, NEON, picked at run
// time) of hybrid FULLY_CONNECTED for CPUs without AVX-512 VNNI: int8 weights
// (HybridInt8) and INT4 blockwise weights in XNNPACK's numerics
// (BlockwiseInt4). The input row enters as int16 pairs of neighbouring
// elements in int32 words; weight pairs are widened in registers (the packed
// weights stay 8 or 4 bits) and multiplied pairwise into int32 (pmaddwd on
// x86, smlal on Arm). Integer sums are exact, and the float steps are the
// reference's, so results are bit-identical to the VNNI kernels.
#include <cmath>
#include <cstring>

#include "ops/fast/blockwise_int4.h"
#include "ops/fast/hybrid_int8.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "ops/fast/hybrid_hwy.cc"
// clang-format off
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
// clang-format on

HWY_BEFORE_NAMESPACE();
namespace litert::fast::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if HWY_TARGET == HWY_SCALAR
// One lane per vector (CPUs without SIMD): int16 pairs need two lanes, so
// plain loops over the same layouts.
void HybridInt8Impl(const int8_t* packed, const int32_t* pairs, int kp2,
                    int units, const float* uscale, float scale,
                    const float* bias, float lo, float hi, float* out,
                    int ub_begin, int ub_end) {
  for (int u = ub_begin * 16; u < units && u < ub_end * 16; ++u) {
    const int8_t* w = packed + size_t(u / 16) * kp2 * 32 + (u % 16) * 2;
    int32_t sum = 0;
    for (int kk = 0; kk < kp2; ++kk) {
      const int16_t a0 = static_cast<int16_t>(pairs[kk] & 0xFFFF);
      const int16_t a1 = static_cast<int16_t>(uint32_t(pairs[kk]) >> 16);
      sum += a0 * w[size_t(kk) * 32] + a1 * w[size_t(kk) * 32 + 1];
    }
    float y = static_cast<float>(sum) * (scale * uscale[u]);
    if (bias != nullptr) y += bias[u];
    out[u] = y < lo ? lo : (y > hi ? hi : y);
  }
}

void BlockwiseInt4Impl(const uint8_t* packed, const int32_t* pairs,
                       const float* scales, const float* kernel_sum, int blocks,
                       int block, int units, float zp128, float scale,
                       const float* bias, float lo, float hi, float* out,
                       int ub_begin, int ub_end) {
  const int depth2 = blocks * block / 2;
  for (int u = ub_begin * 16; u < units && u < ub_end * 16; ++u) {
    const int ub = u / 16, lane = u % 16;
    const uint8_t* w = packed + size_t(ub) * depth2 * 16 + lane;
    float acc = kernel_sum[u] * zp128;
    for (int b = 0; b < blocks; ++b) {
      int32_t x = 0;
      for (int kk = b * block / 2; kk < (b + 1) * block / 2; ++kk) {
        const uint8_t byte = w[size_t(kk) * 16];
        const int lo4 = ((byte & 15) ^ 8) - 8, hi4 = ((byte >> 4) ^ 8) - 8;
        x += static_cast<int16_t>(pairs[kk] & 0xFFFF) * lo4 +
             static_cast<int16_t>(uint32_t(pairs[kk]) >> 16) * hi4;
      }
      acc = std::fma(static_cast<float>(16 * x),
                     scales[(size_t(ub) * blocks + b) * 16 + lane], acc);
    }
    float y = acc * scale;
    if (bias != nullptr) y += bias[u];
    out[u] = y < lo ? lo : (y > hi ? hi : y);
  }
}
#else

// int32 lanes per vector, at most the 16 units of a weight block.
constexpr int kLanes = HWY_MIN(16, HWY_LANES(int32_t));
constexpr int kVectors = 16 / kLanes;

using D32 = hn::CappedTag<int32_t, 16>;
using DF = hn::Rebind<float, D32>;

// y = clamp(y + bias) for units [u0, u0 + valid) of one vector, stored; the
// clamp keeps NaN as the reference's (y < lo ? lo : (y > hi ? hi : y)).
HWY_INLINE void BiasClampStore(hn::Vec<DF> y, const float* bias, int valid,
                               float lo, float hi, float* out) {
  const DF df;
  float buffer[16] = {};
  if (bias != nullptr) {
    if (valid >= kLanes) {
      y = hn::Add(y, hn::LoadU(df, bias));
    } else {
      std::memcpy(buffer, bias, valid * sizeof(float));
      y = hn::Add(y, hn::LoadU(df, buffer));
    }
  }
  const auto vlo = hn::Set(df, lo), vhi = hn::Set(df, hi);
  y = hn::IfThenElse(hn::Lt(y, vlo), vlo,
                     hn::IfThenElse(hn::Gt(y, vhi), vhi, y));
  if (valid >= kLanes) {
    hn::StoreU(y, df, out);
  } else {
    hn::StoreU(y, df, buffer);
    std::memcpy(out, buffer, valid * sizeof(float));
  }
}

// Unit blocks [ub_begin, ub_end) of int8 weights [unit blocks][kp2][16][2]:
// out = clamp(float(sum pairs * w) * (scale * unit scale) + bias).
void HybridInt8Impl(const int8_t* packed, const int32_t* pairs, int kp2,
                    int units, const float* uscale, float scale,
                    const float* bias, float lo, float hi, float* out,
                    int ub_begin, int ub_end) {
  const D32 d32;
  const DF df;
  const hn::Repartition<int16_t, D32> d16;
  const hn::Rebind<int8_t, decltype(d16)> d8;
  for (int ub = ub_begin; ub < ub_end; ++ub) {
    const int8_t* w = packed + size_t(ub) * kp2 * 32;
    hn::Vec<D32> acc0[kVectors], acc1[kVectors];
    for (int v = 0; v < kVectors; ++v) acc0[v] = acc1[v] = hn::Zero(d32);
    for (int kk = 0; kk < kp2; ++kk) {
      const auto av = hn::BitCast(d16, hn::Set(d32, pairs[kk]));
      for (int v = 0; v < kVectors; ++v) {
        const auto wv = hn::PromoteTo(
            d16, hn::LoadU(d8, w + (size_t(kk) * 16 + v * kLanes) * 2));
        acc0[v] = hn::ReorderWidenMulAccumulate(d32, av, wv, acc0[v], acc1[v]);
      }
    }
    for (int v = 0; v < kVectors; ++v) {
      const int u0 = ub * 16 + v * kLanes;
      if (u0 >= units) break;
      const auto sum = hn::RearrangeToOddPlusEven(acc0[v], acc1[v]);
      const auto factor =
          hn::Mul(hn::Set(df, scale), hn::LoadU(df, uscale + u0));
      BiasClampStore(hn::Mul(hn::ConvertTo(df, sum), factor),
                     bias ? bias + u0 : nullptr, units - u0, lo, hi, out + u0);
    }
  }
}

// Unit blocks [ub_begin, ub_end) of INT4 weights [unit blocks][depth / 2][16]
// (a byte: element 2j low nibble, 2j + 1 high): XNNPACK's per-block
// acc = fma(float(16 X_b), scale16, acc), then acc * scale + bias, clamped.
void BlockwiseInt4Impl(const uint8_t* packed, const int32_t* pairs,
                       const float* scales, const float* kernel_sum, int blocks,
                       int block, int units, float zp128, float scale,
                       const float* bias, float lo, float hi, float* out,
                       int ub_begin, int ub_end) {
  const D32 d32;
  const DF df;
  const hn::Repartition<int16_t, D32> d16;
  const hn::Rebind<uint8_t, D32> du8;
  const int depth2 = blocks * block / 2;
  const auto nibble = hn::Set(d32, 15), eight = hn::Set(d32, 8);
  const auto low16 = hn::Set(d32, 0xFFFF);
  for (int ub = ub_begin; ub < ub_end; ++ub) {
    const uint8_t* w = packed + size_t(ub) * depth2 * 16;
    hn::Vec<DF> acc[kVectors];
    for (int v = 0; v < kVectors; ++v) {
      acc[v] = hn::Mul(hn::LoadU(df, kernel_sum + ub * 16 + v * kLanes),
                       hn::Set(df, zp128));
    }
    for (int b = 0; b < blocks; ++b) {
      hn::Vec<D32> x0[kVectors], x1[kVectors];
      for (int v = 0; v < kVectors; ++v) x0[v] = x1[v] = hn::Zero(d32);
      for (int kk = b * block / 2; kk < (b + 1) * block / 2; ++kk) {
        const auto av = hn::BitCast(d16, hn::Set(d32, pairs[kk]));
        for (int v = 0; v < kVectors; ++v) {
          const auto bytes = hn::PromoteTo(
              d32, hn::LoadU(du8, w + size_t(kk) * 16 + v * kLanes));
          // 4-bit two's complement: (t ^ 8) - 8; the pair (low, high) as
          // the two int16 halves of each lane.
          const auto even =
              hn::Sub(hn::Xor(hn::And(bytes, nibble), eight), eight);
          const auto odd =
              hn::Sub(hn::Xor(hn::ShiftRight<4>(bytes), eight), eight);
          const auto wv = hn::BitCast(
              d16, hn::Or(hn::And(even, low16), hn::ShiftLeft<16>(odd)));
          x0[v] = hn::ReorderWidenMulAccumulate(d32, av, wv, x0[v], x1[v]);
        }
      }
      for (int v = 0; v < kVectors; ++v) {
        // float(16 X) == 16 float(X): scaling by 16 commutes with rounding.
        const auto xf =
            hn::Mul(hn::ConvertTo(df, hn::RearrangeToOddPlusEven(x0[v], x1[v])),
                    hn::Set(df, 16.f));
        const float* s = scales + (size_t(ub) * blocks + b) * 16 + v * kLanes;
#if HWY_NATIVE_FMA
        acc[v] = hn::MulAdd(xf, hn::LoadU(df, s), acc[v]);
#else
        // No fused multiply-add in this target: one lane at a time.
        float xs[16], as[16];
        hn::StoreU(xf, df, xs);
        hn::StoreU(acc[v], df, as);
        for (int i = 0; i < kLanes; ++i) as[i] = std::fma(xs[i], s[i], as[i]);
        acc[v] = hn::LoadU(df, as);
#endif
      }
    }
    for (int v = 0; v < kVectors; ++v) {
      const int u0 = ub * 16 + v * kLanes;
      if (u0 >= units) break;
      BiasClampStore(hn::Mul(acc[v], hn::Set(df, scale)),
                     bias ? bias + u0 : nullptr, units - u0, lo, hi, out + u0);
    }
  }
}
#endif  // HWY_TARGET == HWY_SCALAR

}  // namespace litert::fast::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "core/thread_pool.h"

namespace litert::fast {

HWY_EXPORT(HybridInt8Impl);
HWY_EXPORT(BlockwiseInt4Impl);

void HybridInt8::RunPairs(const int8_t* q, int32_t zero_point, float scale,
                          const float* bias, float lo, float hi,
                          uint32_t* words, float* out, ThreadPool* pool) const {
  // (q - zp) of elements 2kk and 2kk + 1 as the int16 halves of word kk.
  auto* pairs = reinterpret_cast<int32_t*>(words);
  const int kp2 = kp_ / 2;
  for (int kk = 0; kk < kp2; ++kk) {
    const int k = 2 * kk;
    const uint32_t a0 = k < depth_ ? uint16_t(q[k] - zero_point) : 0;
    const uint32_t a1 = k + 1 < depth_ ? uint16_t(q[k + 1] - zero_point) : 0;
    pairs[kk] = static_cast<int32_t>(a0 | a1 << 16);
  }
  ParallelRanges(pool, unit_blocks_, int64_t{units_} * depth_, 4,
                 [&](int begin, int end) {
                   HWY_DYNAMIC_DISPATCH(HybridInt8Impl)
                   (packed_.data(), pairs, kp2, units_, unit_scale_.data(),
                    scale, bias, lo, hi, out, begin, end);
                 });
}

void BlockwiseInt4::RunPairs(const int8_t* q, int32_t zero_point, float scale,
                             const float* bias, float lo, float hi,
                             uint32_t* words, float* out,
                             ThreadPool* pool) const {
  // (q + 128) of elements 2kk and 2kk + 1 as the int16 halves of word kk.
  auto* pairs = reinterpret_cast<int32_t*>(words);
  for (int kk = 0; kk < depth_ / 2; ++kk) {
    const uint32_t a0 = uint32_t(q[2 * kk] + 128);
    const uint32_t a1 = uint32_t(q[2 * kk + 1] + 128);
    pairs[kk] = static_cast<int32_t>(a0 | a1 << 16);
  }
  const float zp128 = static_cast<float>(zero_point + 128);
  ParallelRanges(
      pool, unit_blocks_, int64_t{units_} * depth_, 4, [&](int begin, int end) {
        HWY_DYNAMIC_DISPATCH(BlockwiseInt4Impl)
        (packed_.data(), pairs, scales_.data(), kernel_sum_.data(), blocks_,
         block_, units_, zp128, scale, bias, lo, hi, out, begin, end);
      });
}

}  // namespace litert::fast
#endif  // HWY_ONCE
