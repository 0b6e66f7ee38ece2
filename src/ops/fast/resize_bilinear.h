// The fast path of float32 RESIZE_BILINEAR over NHWC (Highway, every target):
// per output pixel, a vector of channels at a time blends the 4 source pixels;
// split over the interpreter's threads by output rows. Source positions are
// the reference's (resize_bilinear.cc) bit for bit; the blend differs from it
// by float rounding only (precomputed weights, fused multiply-adds).
#pragma once

#include <cstdint>

namespace litert {
class ThreadPool;
}

namespace litert::fast {

// input [batches, in_h, in_w, channels] -> output [batches, out_h, out_w,
// channels]; align_corners and half_pixel_centers as the op's options (not
// both).
struct ResizeShape {
  int batches, in_h, in_w, channels;
  int out_h, out_w;
  bool align_corners, half_pixel_centers;
};

void ResizeBilinearFloat(const ResizeShape& s, const float* input,
                         float* output, ThreadPool* pool);

// One output position's two source positions on an axis and the weight of
// `hi` (pos - lo; negative or past 1 at the edges, as the reference).
struct BilinearTap {
  int32_t lo, hi;
  float frac;
};

// Taps of output positions [first, first + n) on an axis of `in_size` source
// positions, as the reference computes them. Not inlined into the vector code
// so that no target's contraction into FMA moves a source position.
void BilinearTaps(int32_t first, int n, int32_t in_size, float scale,
                  bool half_pixel_centers, BilinearTap* taps);

}  // namespace litert::fast
