// Row primitives of the reductions (ops/reduce/reduce.h), Highway (every
// target, picked at run time): a kept row folds element-wise into its
// accumulators, a reduced row folds into one value through vector lanes.
#pragma once

#include <cstdint>

namespace litert::fast {

// acc[i] += x[i] (bit-identical to the scalar loop).
void AddRowFloat(float* acc, const float* x, int64_t n);
// The sum of x[0, n) in vector lanes, then the lanes in order (the order
// differs from a sequential sum: the last bits may too).
float SumRowFloat(const float* x, int64_t n);

// acc[i] = max(acc[i], x[i]) or min, with std::max/std::min's rule (the
// first operand wins unless the second compares larger/smaller, so a NaN
// in x is skipped).
void ExtremumRowFloat(float* acc, const float* x, int64_t n, bool max);
// The same folded into *acc over x[0, n) (NaN skipped; the sign of a zero
// result may follow another order than a sequential fold).
void ExtremumFoldFloat(float* acc, const float* x, int64_t n, bool max);

// Quantized sums in wrapping int32, as LiteRT's MEAN holds them:
// acc[i] += x[i] - zero, and the sum of (x[i] - zero) over [0, n).
template <typename T>  // int8_t, uint8_t, int16_t
void AddRowQuant(int32_t* acc, const T* x, int64_t n, int32_t zero);
template <typename T>
int32_t SumRowQuant(const T* x, int64_t n, int32_t zero);

}  // namespace litert::fast
