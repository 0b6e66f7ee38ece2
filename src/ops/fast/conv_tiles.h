// What the fast convolutions share: im2col rows, the rows of taps inside the
// image, and the split of output rows (and output channels) over threads.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <type_traits>

#include "core/thread_pool.h"
#include "ops/fast/conv_int8.h"

namespace litert::fast {

// Taps [k0, k1) of one spatial axis that fall inside the input for output
// position `o` (the others lie in the padding).
inline void TapRange(int o, int stride, int pad, int dilation, int k, int in,
                     int* k0, int* k1) {
  const int start = o * stride - pad;
  *k0 = 0;
  *k1 = k;
  while (*k0 < *k1 && start + *k0 * dilation < 0) ++*k0;
  while (*k1 > *k0 && start + (*k1 - 1) * dilation >= in) --*k1;
}

// Rows [row0, row0 + rows) of the im2col matrix (row stride `stride`
// elements): per output pixel, its [k_h, k_w, in_c] window, `pad` where the
// window falls in the padding.
template <typename T>
void Im2ColRows(const ConvInt8Shape& s, const T* input, int row0, int rows,
                size_t stride, T pad, T* dst) {
  for (int r = 0; r < rows; ++r) {
    const int row = row0 + r;
    const int ox = row % s.out_w;
    const int oy = (row / s.out_w) % s.out_h;
    const int b = row / (s.out_w * s.out_h);
    T* d = dst + size_t(r) * stride;
    const int ix0 = ox * s.stride_w - s.pad_w;
    // Without dilation a window row inside the image is one contiguous run.
    const bool whole_rows =
        s.dilation_w == 1 && ix0 >= 0 && ix0 + s.k_w <= s.in_w;
    const size_t row_elems = size_t(s.k_w) * s.in_c;
    for (int ky = 0; ky < s.k_h; ++ky) {
      const int iy = oy * s.stride_h - s.pad_h + ky * s.dilation_h;
      if (whole_rows && iy >= 0 && iy < s.in_h) {
        std::memcpy(d,
                    input + ((size_t(b) * s.in_h + iy) * s.in_w + ix0) * s.in_c,
                    row_elems * sizeof(T));
        d += row_elems;
        continue;
      }
      for (int kx = 0; kx < s.k_w; ++kx, d += s.in_c) {
        const int ix = ox * s.stride_w - s.pad_w + kx * s.dilation_w;
        if (iy < 0 || iy >= s.in_h || ix < 0 || ix >= s.in_w) {
          std::fill(d, d + s.in_c, pad);
        } else {
          std::memcpy(
              d, input + ((size_t(b) * s.in_h + iy) * s.in_w + ix) * s.in_c,
              s.in_c * sizeof(T));
        }
      }
    }
  }
}

// Calls fn(tile, row0, rows, n0, n1, range, new_tile) over the m output rows
// in tiles of `tile_rows`, and when tiles are fewer than threads over groups
// of `col_group` of the n output channels too; `range` (below max_threads)
// indexes per-thread scratch, `new_tile` is false when this thread's previous
// call had the same tile (its im2col rows can be kept).
template <typename F>
void ForEachConvTile(int m, int n, int tile_rows, int col_group,
                     int max_threads, ThreadPool* pool, F&& fn) {
  const int tiles = (m + tile_rows - 1) / tile_rows;
  // Scratch holds max_threads tiles: a bigger pool than Prepare saw runs here.
  const int threads =
      pool && pool->threads() <= max_threads ? pool->threads() : 1;
  const int groups = (n + col_group - 1) / col_group;
  const int splits =
      tiles >= threads ? 1 : std::min(groups, (threads + tiles - 1) / tiles);
  const int per_split = (groups + splits - 1) / splits * col_group;
  auto work = [&](size_t begin, size_t end, int range) {
    int last_tile = -1;
    for (size_t item = begin; item < end; ++item) {
      const int tile = static_cast<int>(item) / splits;
      const int split = static_cast<int>(item) % splits;
      const int row0 = tile * tile_rows;
      const int n0 = split * per_split, n1 = std::min(n, n0 + per_split);
      if (n0 >= n1) continue;
      fn(row0, std::min(tile_rows, m - row0), n0, n1, range, tile != last_tile);
      last_tile = tile;
    }
  };
  const size_t items = size_t(tiles) * splits;
  if (threads <= 1) {
    work(0, items, 0);
  } else {
    pool->ParallelFor(items, 1, work);
  }
}

// Every row of a [m, k] (row stride k) times all of w's output channels into
// c [m, n], split over the pool by rows and channels (FULLY_CONNECTED and
// BATCH_MATMUL). T: int8_t, or int16_t with weights packed for RunInt16.
template <typename T>
void RunPackedRows(const PackedInt8Weights& w, const T* a, int m,
                   const Int8Requant& rq, T* c, ThreadPool* pool) {
  const int k = w.k(), n = w.n();
  ForEachConvTile(m, n, 64, 32, 64, PoolForWork(pool, int64_t{m} * n * k),
                  [&](int row0, int rows, int n0, int n1, int, bool) {
                    const T* ar = a + size_t(row0) * k;
                    T* cr = c + size_t(row0) * n;
                    if constexpr (sizeof(T) == 1) {
                      w.Run(ar, k, rows, n0, n1, rq, cr, n);
                    } else {
                      w.RunInt16(ar, k, rows, n0, n1, rq, cr, n);
                    }
                  });
}

}  // namespace litert::fast
