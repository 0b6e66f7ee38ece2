#include "ops/fast/conv_float.h"

#include <algorithm>
#include <cstring>
#include <new>

#include "core/thread_pool.h"
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

void ConvFloat::Im2Col(const float* input, int row0, int rows,
                       float* dst) const {
  const ConvInt8Shape& s = s_;
  for (int r = 0; r < rows; ++r) {
    const int row = row0 + r;
    const int ox = row % s.out_w;
    const int oy = (row / s.out_w) % s.out_h;
    const int b = row / (s.out_w * s.out_h);
    float* d = dst + size_t(r) * k_;
    for (int ky = 0; ky < s.k_h; ++ky) {
      const int iy = oy * s.stride_h - s.pad_h + ky * s.dilation_h;
      for (int kx = 0; kx < s.k_w; ++kx, d += s.in_c) {
        const int ix = ox * s.stride_w - s.pad_w + kx * s.dilation_w;
        if (iy < 0 || iy >= s.in_h || ix < 0 || ix >= s.in_w) {
          std::fill(d, d + s.in_c, 0.f);
        } else {
          std::memcpy(
              d, input + ((size_t(b) * s.in_h + iy) * s.in_w + ix) * s.in_c,
              s.in_c * sizeof(float));
        }
      }
    }
  }
}

void ConvFloat::Run(const float* input, const float* bias, float lo, float hi,
                    float* output, float* scratch, ThreadPool* pool) const {
  const int m = s_.batches * s_.out_h * s_.out_w;
  const int n = s_.out_c;
  const int tiles = (m + kTileRows - 1) / kTileRows;
  const int threads = pool && pool->threads() <= threads_ ? pool->threads() : 1;
  const int groups = (n + 63) / 64;
  const int splits =
      tiles >= threads ? 1 : std::min(groups, (threads + tiles - 1) / tiles);
  const int per_split = (groups + splits - 1) / splits * 64;
  auto work = [&](size_t begin, size_t end, int range) {
    float* rows = scratch ? scratch + size_t(range) * kTileRows * k_ : nullptr;
    int last_tile = -1;
    for (size_t item = begin; item < end; ++item) {
      const int tile = static_cast<int>(item) / splits;
      const int split = static_cast<int>(item) % splits;
      const int row0 = tile * kTileRows;
      const int count = std::min(kTileRows, m - row0);
      const int n0 = split * per_split;
      const int n1 = std::min(n, n0 + per_split);
      if (n0 >= n1) continue;
      const float* a = input + size_t(row0) * s_.in_c;
      if (!direct_) {
        if (tile != last_tile) Im2Col(input, row0, count, rows);
        last_tile = tile;
        a = rows;
      }
      float* c = output + size_t(row0) * n;
      FloatGemm(a, direct_ ? s_.in_c : k_, 1, count, k_, packed_filter_.data(),
                n0, n1, c, n);
      BiasClampRows(c, n, count, n0, n1, bias, lo, hi);
    }
  };
  const size_t items = size_t(tiles) * splits;
  if (threads <= 1) {
    work(0, items, 0);
  } else {
    pool->ParallelFor(items, 1, work);
  }
}

}  // namespace litert::fast
