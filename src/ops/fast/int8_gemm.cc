#include "ops/fast/int8_gemm.h"

#include <algorithm>
#include <atomic>
#include <cstring>

#include "ops/fast/int8_requant_avx512.h"

namespace litert::fast {

bool HasInt8Vnni() {
  static const bool has = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") &&
           __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("avx512vnni");
  }();
  return has;
}

namespace {
std::atomic<bool> vnni_allowed{true};
}  // namespace

bool UseInt8Vnni() { return HasInt8Vnni() && vnni_allowed.load(); }
void SetInt8VnniForTest(bool allowed) { vnni_allowed.store(allowed); }

bool PackedInt8Weights::Pack(const int8_t* w, int n, int k, const int32_t* bias,
                             int32_t a_zp, bool int16_activations) {
  n_ = n;
  k_ = k;
  kp_ = (k + 3) / 4 * 4;
  n_blocks_ = (n + 15) / 16;
  vnni_ = UseInt8Vnni() && !int16_activations;
  a_zp_ = a_zp;
  try {
    packed_.assign(vnni_ ? size_t(n_blocks_) * kp_ * 16 : 0, 0);
    packed16_.assign(vnni_ ? 0 : size_t(n_blocks_) * kp_ * 16, 0);
    bias_.assign(size_t(n_blocks_) * 16, 0);
  } catch (const std::bad_alloc&) {
    return false;
  }
  if (!vnni_) {
    for (int o = 0; o < n; ++o) {
      int16_t* dst = packed16_.data() + size_t(o / 16) * kp_ * 16;
      for (int i = 0; i < k; ++i) {
        dst[(size_t(i / 2) * 16 + o % 16) * 2 + i % 2] = w[size_t(o) * k + i];
      }
      bias_[o] = bias ? bias[o] : 0;
    }
    return true;
  }
  for (int o = 0; o < n; ++o) {
    const int block = o / 16, lane = o % 16;
    int8_t* dst = packed_.data() + size_t(block) * kp_ * 16;
    int64_t sum = 0;
    for (int i = 0; i < k; ++i) {
      const int8_t v = w[size_t(o) * k + i];
      dst[size_t(i / 4) * 64 + lane * 4 + i % 4] = v;
      sum += v;
    }
    // A is read as A + 128: take (128 + a_zp) * sum_k W off, wrapping.
    const uint32_t correction =
        static_cast<uint32_t>(int64_t{128 + a_zp} * sum);
    bias_[o] = static_cast<int32_t>(static_cast<uint32_t>(bias ? bias[o] : 0) -
                                    correction);
  }
  return true;
}

namespace {

// MR rows x NB blocks of 16 output channels.
template <int MR, int NB>
LITERT_VNNI void Tile(const int8_t* a, size_t lda, int kp, const int8_t* w,
                      size_t w_block_bytes, const int32_t* bias,
                      const Int8Requant& rq, int n0, int n_end, int8_t* c,
                      size_t ldc) {
  __m512i acc[MR][NB];
  for (int b = 0; b < NB; ++b) {
    const __m512i bv = _mm512_loadu_si512(bias + n0 + 16 * b);
    for (int r = 0; r < MR; ++r) acc[r][b] = bv;
  }
  for (int k4 = 0; k4 < kp / 4; ++k4) {
    __m512i wv[NB];
    for (int b = 0; b < NB; ++b) {
      wv[b] = _mm512_loadu_si512(w + b * w_block_bytes + size_t(k4) * 64);
    }
    for (int r = 0; r < MR; ++r) {
      uint32_t word;
      std::memcpy(&word, a + r * lda + size_t(k4) * 4, 4);
      const __m512i av =
          _mm512_set1_epi32(static_cast<int32_t>(word ^ 0x80808080u));
      for (int b = 0; b < NB; ++b) {
        acc[r][b] = _mm512_dpbusd_epi32(acc[r][b], av, wv[b]);
      }
    }
  }
  for (int b = 0; b < NB; ++b) {
    const int n = n0 + 16 * b;
    const int valid = std::min(16, n_end - n);
    const __mmask16 store = valid >= 16 ? 0xFFFF : (1u << valid) - 1;
    const RequantLanes lanes = LoadRequant(rq, n);
    for (int r = 0; r < MR; ++r) {
      _mm_mask_storeu_epi8(c + r * ldc + n, store,
                           Requantize(acc[r][b], lanes));
    }
  }
}

template <int NB>
LITERT_VNNI void Rows(const int8_t* a, size_t lda, int m, int kp,
                      const int8_t* w, size_t w_block_bytes,
                      const int32_t* bias, const Int8Requant& rq, int n0,
                      int n_end, int8_t* c, size_t ldc) {
  int r = 0;
  for (; r + 8 <= m; r += 8) {
    Tile<8, NB>(a + r * lda, lda, kp, w, w_block_bytes, bias, rq, n0, n_end,
                c + r * ldc, ldc);
  }
  const int8_t* ar = a + r * lda;
  int8_t* cr = c + r * ldc;
  switch (m - r) {
#define LITERT_TAIL(R)                                                        \
  case R:                                                                     \
    Tile<R, NB>(ar, lda, kp, w, w_block_bytes, bias, rq, n0, n_end, cr, ldc); \
    break;
    LITERT_TAIL(1)
    LITERT_TAIL(2)
    LITERT_TAIL(3)
    LITERT_TAIL(4)
    LITERT_TAIL(5)
    LITERT_TAIL(6)
    LITERT_TAIL(7)
#undef LITERT_TAIL
    default:
      break;
  }
}

}  // namespace

void PackedInt8Weights::Run(const int8_t* a, size_t lda, int m, int n_begin,
                            int n_end, const Int8Requant& rq, int8_t* c,
                            size_t ldc) const {
  if (!vnni_) {
    RunPairs(a, lda, m, n_begin, n_end, rq, c, ldc);
    return;
  }
  const size_t block_bytes = size_t(kp_) * 16;
  for (int n0 = n_begin; n0 < n_end; n0 += 32) {
    const int8_t* w = packed_.data() + size_t(n0 / 16) * block_bytes;
    if (n_end - n0 > 16) {
      Rows<2>(a, lda, m, kp_, w, block_bytes, bias_.data(), rq, n0, n_end, c,
              ldc);
    } else {
      Rows<1>(a, lda, m, kp_, w, block_bytes, bias_.data(), rq, n0, n_end, c,
              ldc);
    }
  }
}

}  // namespace litert::fast
