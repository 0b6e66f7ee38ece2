// The fast path of float32 DEPTHWISE_CONV_2D with a depth multiplier of 1
// (Highway, every target): per output pixel, a vector of channels at a time,
// taps in the reference's order; split over the interpreter's threads by rows.
#pragma once

#include "ops/fast/conv_int8.h"  // ConvInt8Shape: the same geometry

namespace litert {
class ThreadPool;
}

namespace litert::fast {

// filter [1, k_h, k_w, C] (in_c == out_c == C); bias may be null.
void DepthwiseFloat(const ConvInt8Shape& s, const float* input,
                    const float* filter, const float* bias, float lo, float hi,
                    float* output, ThreadPool* pool);

}  // namespace litert::fast
