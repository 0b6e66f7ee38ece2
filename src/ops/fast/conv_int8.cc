#include "ops/fast/conv_int8.h"

#include <algorithm>
#include <cstring>

#include "ops/fast/conv_tiles.h"

namespace litert::fast {
namespace {

constexpr int kTileRows = 64;  // output pixels per im2col tile

}  // namespace

void ConvInt8::Prepare(const ConvInt8Shape& s, Int8Requant requant, int threads,
                       bool int16) {
  s_ = s;
  int16_ = int16;
  threads_ = std::max(threads, 1);
  packed_ = false;
  const int kp = (s.k_h * s.k_w * s.in_c + 3) / 4 * 4;
  // The kernel reads whole blocks of 16 channels of the requantization.
  const size_t padded = size_t(s.out_c + 15) / 16 * 16;
  requant.multiplier.resize(padded, 0);
  // Padded channels are computed, never stored: any valid shift will do.
  requant.right_shift.resize(padded, requant.mode == Requant::kQ15 ? 15 : 0);
  requant.scale.resize(padded, 0.f);
  rq_ = std::move(requant);
  direct_ = s.k_h == 1 && s.k_w == 1 && s.stride_h == 1 && s.stride_w == 1 &&
            s.pad_h == 0 && s.pad_w == 0 && s.in_c % 4 == 0;
  scratch_bytes_ =
      direct_ ? 0 : size_t(threads_) * kTileRows * kp * (int16 ? 2 : 1);
}

bool ConvInt8::Pack(const int8_t* filter, const int32_t* bias) {
  packed_ = weights_.Pack(filter, s_.out_c, s_.k_h * s_.k_w * s_.in_c, bias,
                          s_.input_zero_point, int16_);
  return packed_;
}

template <typename T>
void ConvInt8::RunRows(const T* input, T* output, T* scratch,
                       ThreadPool* pool) const {
  const int n = s_.out_c;
  const int kp = weights_.k_padded();
  const int m = s_.batches * s_.out_h * s_.out_w;
  ForEachConvTile(
      m, n, kTileRows, 32, threads_, PoolForWork(pool, int64_t{m} * n * kp),
      [&](int row0, int rows, int n0, int n1, int range, bool new_tile) {
        const T* a = input + size_t(row0) * s_.in_c;
        size_t lda = s_.in_c;
        if (!direct_) {
          T* cols = scratch + size_t(range) * kTileRows * kp;
          // Elements kp - k of a row are read and meet zero weights.
          if (new_tile) {
            Im2ColRows(s_, input, row0, rows, kp,
                       static_cast<T>(s_.input_zero_point), cols);
          }
          a = cols;
          lda = kp;
        }
        if constexpr (sizeof(T) == 1) {
          weights_.Run(a, lda, rows, n0, n1, rq_, output + size_t(row0) * n, n);
        } else {
          weights_.RunInt16(a, lda, rows, n0, n1, rq_,
                            output + size_t(row0) * n, n);
        }
      });
}

template void ConvInt8::RunRows(const int8_t*, int8_t*, int8_t*,
                                ThreadPool*) const;
template void ConvInt8::RunRows(const int16_t*, int16_t*, int16_t*,
                                ThreadPool*) const;

}  // namespace litert::fast
