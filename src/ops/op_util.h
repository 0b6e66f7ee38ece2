// Shape and activation helpers shared by many ops.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/runtime_tensor.h"

namespace litert {

// .tflite Padding codes.
enum class PaddingType : int8_t { kSame = 0, kValid = 1 };

// .tflite ActivationFunctionType codes (fused activations).
enum class Activation : int8_t {
  kNone = 0,
  kRelu = 1,
  kReluN1To1 = 2,
  kRelu6 = 3,
  kTanh = 4,
  kSignBit = 5,
};

// Output size of a windowed op along one spatial axis, and the padding before
// the first element. `filter` is the window size before dilation.
struct WindowDim {
  int out = 0;
  int pad_before = 0;
  int pad_after = 0;  // SAME puts the odd one of the padding here
};
inline WindowDim ComputeWindow(PaddingType padding, int in, int filter,
                               int stride, int dilation) {
  const int effective = (filter - 1) * dilation + 1;
  WindowDim w;
  if (padding == PaddingType::kSame) {
    w.out = (in + stride - 1) / stride;
  } else {
    w.out = in >= effective ? (in - effective) / stride + 1 : 0;
  }
  const int total = std::max((w.out - 1) * stride + effective - in, 0);
  w.pad_before = total / 2;
  w.pad_after = total - w.pad_before;
  return w;
}

// Float clamp range for a fused activation (kTanh/kSignBit are not clamps:
// callers reject them).
inline void FloatActivationRange(Activation act, float* lo, float* hi) {
  *lo = -std::numeric_limits<float>::infinity();
  *hi = std::numeric_limits<float>::infinity();
  if (act == Activation::kRelu) {
    *lo = 0.f;
  } else if (act == Activation::kRelu6) {
    *lo = 0.f;
    *hi = 6.f;
  } else if (act == Activation::kReluN1To1) {
    *lo = -1.f;
    *hi = 1.f;
  }
}

inline bool IsClampActivation(Activation act) {
  return act == Activation::kNone || act == Activation::kRelu ||
         act == Activation::kRelu6 || act == Activation::kReluN1To1;
}

// Quantized clamp range for a fused activation on an output with `scale` and
// `zero_point`, within [qmin, qmax] of the output type. Rounds half away from
// zero like LiteRT.
inline void QuantizedActivationRange(Activation act, float scale,
                                     int32_t zero_point, int32_t qmin,
                                     int32_t qmax, int32_t* lo, int32_t* hi) {
  auto quantize = [&](float x) {
    return zero_point + static_cast<int32_t>(std::round(x / scale));
  };
  *lo = qmin;
  *hi = qmax;
  if (act == Activation::kRelu) {
    *lo = std::max(qmin, quantize(0.f));
  } else if (act == Activation::kRelu6) {
    *lo = std::max(qmin, quantize(0.f));
    *hi = std::min(qmax, quantize(6.f));
  } else if (act == Activation::kReluN1To1) {
    *lo = std::max(qmin, quantize(-1.f));
    *hi = std::min(qmax, quantize(1.f));
  }
}

template <typename T>
constexpr int32_t QMin() {
  return std::numeric_limits<T>::min();
}
template <typename T>
constexpr int32_t QMax() {
  return std::numeric_limits<T>::max();
}

// Normalizes a possibly negative axis; returns -1 when out of range.
inline int NormalizeAxis(int axis, int rank) {
  if (axis < 0) axis += rank;
  return (axis >= 0 && axis < rank) ? axis : -1;
}

}  // namespace litert
