// The fast paths of MAX_POOL_2D and AVERAGE_POOL_2D over NHWC (Highway, every
// target): per output pixel, a vector of channels at a time over the window's
// positions inside the input, in the reference's order; split over the
// interpreter's threads by output rows. Results equal pool_2d.cc's reference
// bit for bit (float average included: the same sums, then one division).
#pragma once

#include <cstdint>

namespace litert {
class ThreadPool;
}

namespace litert::fast {

// input [batches, in_h, in_w, channels] -> output [batches, out_h, out_w,
// channels]; pad_h/pad_w: the padding before the first row/column.
struct PoolShape {
  int batches, in_h, in_w, channels;
  int out_h, out_w;
  int filter_h, filter_w, stride_h, stride_w, pad_h, pad_w;
};

// The most input positions a quantized average may sum: its int32 sums and
// the float quotient stay exact below 2^24.
constexpr int64_t kMaxQuantizedPoolCount = 1 << 16;

// True when the quantized average fast path covers `s`: every window counts
// at most kMaxQuantizedPoolCount positions.
bool QuantizedAveragePoolFits(const PoolShape& s);

// float32: max (NaN inputs never win, as std::max) or sum / count, then the
// clamp to [lo, hi] that keeps a NaN.
void MaxPoolFloat(const PoolShape& s, const float* input, float lo, float hi,
                  float* output, ThreadPool* pool);
void AveragePoolFloat(const PoolShape& s, const float* input, float lo,
                      float hi, float* output, ThreadPool* pool);

// int8/uint8 on raw values: max, or the average rounded half away from zero;
// then the clamp to [lo, hi], which must lie in the type's range.
void MaxPoolInt8(const PoolShape& s, const int8_t* input, int32_t lo,
                 int32_t hi, int8_t* output, ThreadPool* pool);
void MaxPoolUInt8(const PoolShape& s, const uint8_t* input, int32_t lo,
                  int32_t hi, uint8_t* output, ThreadPool* pool);
// Only where QuantizedAveragePoolFits(s).
void AveragePoolInt8(const PoolShape& s, const int8_t* input, int32_t lo,
                     int32_t hi, int8_t* output, ThreadPool* pool);
void AveragePoolUInt8(const PoolShape& s, const uint8_t* input, int32_t lo,
                      int32_t hi, uint8_t* output, ThreadPool* pool);

}  // namespace litert::fast
