#include "ops/fast/conv_int8.h"

#include <algorithm>
#include <cstring>

#include "core/thread_pool.h"

namespace litert::fast {
namespace {

constexpr int kTileRows = 64;  // output pixels per im2col tile

}  // namespace

void ConvInt8::Prepare(const ConvInt8Shape& s, Int8Requant requant,
                       int threads) {
  s_ = s;
  threads_ = std::max(threads, 1);
  packed_ = false;
  const int kp = (s.k_h * s.k_w * s.in_c + 3) / 4 * 4;
  // The kernel reads whole blocks of 16 channels of the requantization.
  const size_t padded = size_t(s.out_c + 15) / 16 * 16;
  requant.multiplier.resize(padded, 0);
  requant.right_shift.resize(padded, 0);
  requant.scale.resize(padded, 0.f);
  rq_ = std::move(requant);
  direct_ = s.k_h == 1 && s.k_w == 1 && s.stride_h == 1 && s.stride_w == 1 &&
            s.pad_h == 0 && s.pad_w == 0 && s.in_c % 4 == 0;
  scratch_bytes_ = direct_ ? 0 : size_t(threads_) * kTileRows * kp;
}

bool ConvInt8::Pack(const int8_t* filter, const int32_t* bias) {
  packed_ = weights_.Pack(filter, s_.out_c, s_.k_h * s_.k_w * s_.in_c, bias,
                          s_.input_zero_point);
  return packed_;
}

// Rows [row0, row0 + rows) of the im2col matrix: per output pixel, the
// [k_h, k_w, in_c] window, input zero point where it falls in the padding.
void ConvInt8::Im2Col(const int8_t* input, int row0, int rows,
                      int8_t* dst) const {
  const ConvInt8Shape& s = s_;
  const int kp = weights_.k_padded();
  const int8_t zp = static_cast<int8_t>(s.input_zero_point);
  for (int r = 0; r < rows; ++r) {
    const int row = row0 + r;
    const int ox = row % s.out_w;
    const int oy = (row / s.out_w) % s.out_h;
    const int b = row / (s.out_w * s.out_h);
    int8_t* d = dst + size_t(r) * kp;
    for (int ky = 0; ky < s.k_h; ++ky) {
      const int iy = oy * s.stride_h - s.pad_h + ky * s.dilation_h;
      for (int kx = 0; kx < s.k_w; ++kx) {
        const int ix = ox * s.stride_w - s.pad_w + kx * s.dilation_w;
        if (iy < 0 || iy >= s.in_h || ix < 0 || ix >= s.in_w) {
          std::memset(d, zp, s.in_c);
        } else {
          std::memcpy(
              d, input + ((size_t(b) * s.in_h + iy) * s.in_w + ix) * s.in_c,
              s.in_c);
        }
        d += s.in_c;
      }
    }
  }
}

void ConvInt8::Run(const int8_t* input, int8_t* output, int8_t* scratch,
                   ThreadPool* pool) const {
  const int m = s_.batches * s_.out_h * s_.out_w;
  const int n = s_.out_c;
  const int kp = weights_.k_padded();
  const int tiles = (m + kTileRows - 1) / kTileRows;
  // Few rows (late layers): split the output channels too, 32 at a time.
  // Scratch holds threads_ tiles: a bigger pool than Prepare saw runs here.
  const int threads = pool && pool->threads() <= threads_ ? pool->threads() : 1;
  const int channel_groups = (n + 31) / 32;
  const int splits = tiles >= threads ? 1
                                      : std::min(channel_groups,
                                                 (threads + tiles - 1) / tiles);
  const int per_split = (channel_groups + splits - 1) / splits * 32;
  auto work = [&](size_t begin, size_t end, int range) {
    int8_t* rows = scratch ? scratch + size_t(range) * kTileRows * kp : nullptr;
    int last_tile = -1;
    for (size_t item = begin; item < end; ++item) {
      const int tile = static_cast<int>(item) / splits;
      const int split = static_cast<int>(item) % splits;
      const int row0 = tile * kTileRows;
      const int count = std::min(kTileRows, m - row0);
      const int n0 = split * per_split;
      const int n1 = std::min(n, n0 + per_split);
      if (n0 >= n1) continue;
      const int8_t* a = input + size_t(row0) * s_.in_c;
      size_t lda = s_.in_c;
      if (!direct_) {
        if (tile != last_tile) Im2Col(input, row0, count, rows);
        last_tile = tile;
        a = rows;
        lda = kp;
      }
      weights_.Run(a, lda, count, n0, n1, rq_, output + size_t(row0) * n, n);
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
