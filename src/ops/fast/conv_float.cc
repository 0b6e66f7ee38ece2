#include "ops/fast/conv_float.h"

#include <algorithm>
#include <cstring>
#include <new>

#include "ops/fast/conv_tiles.h"
#include "ops/fast/float_gemm.h"

namespace litert::fast {
namespace {

constexpr int kTileRows = 48;  // output pixels per tile (a multiple of 6)

}  // namespace

void ConvFloat::Prepare(const ConvInt8Shape& s, int threads) {
  s_ = s;
  threads_ = std::max(threads, 1);
  packed_ = false;
  k_ = s.k_h * s.k_w * s.in_c;
  direct_ = s.k_h == 1 && s.k_w == 1 && s.stride_h == 1 && s.stride_w == 1 &&
            s.pad_h == 0 && s.pad_w == 0;
  scratch_bytes_ =
      direct_ ? 0 : size_t(threads_) * kTileRows * k_ * sizeof(float);
}

bool ConvFloat::Pack(const float* filter) {
  try {
    packed_filter_.assign(PackedFloatSize(k_, s_.out_c), 0.f);
  } catch (const std::bad_alloc&) {
    return false;
  }
  // B(k, n) = filter[n][k]: the filter rows are the output channels.
  PackFloatB(filter, 1, k_, k_, s_.out_c, packed_filter_.data());
  packed_ = true;
  return true;
}

void ConvFloat::Run(const float* input, const float* bias, float lo, float hi,
                    float* output, float* scratch, ThreadPool* pool) const {
  const int n = s_.out_c;
  const int m = s_.batches * s_.out_h * s_.out_w;
  ForEachConvTile(
      m, n, kTileRows, 64, threads_, PoolForWork(pool, int64_t{m} * n * k_),
      [&](int row0, int rows, int n0, int n1, int range, bool new_tile) {
        const float* a = input + size_t(row0) * s_.in_c;
        if (!direct_) {
          float* cols = scratch + size_t(range) * kTileRows * k_;
          if (new_tile) Im2ColRows(s_, input, row0, rows, k_, 0.f, cols);
          a = cols;
        }
        float* c = output + size_t(row0) * n;
        FloatGemm(a, direct_ ? s_.in_c : k_, 1, rows, k_, packed_filter_.data(),
                  n0, n1, c, n);
        BiasClampRows(c, n, rows, n0, n1, bias, lo, hi);
      });
}

}  // namespace litert::fast
