// Seeded random tensors, for inputs the user did not give.
#pragma once

#include <cstdint>

#include "litert/tensor.h"

namespace litert::cli {

// Floats uniform in [-1, 1); 8/16-bit integers over their whole range;
// int32/int64 in [0, 100) (they often index something); bools 0/1. Same seed,
// same tensor.
Tensor RandomTensor(DType type, const Shape& shape, uint64_t seed);

// Values every model accepts (what `litert bench` times, as the oracle's side
// of bench/side_by_side.py does): plain integers 0 (a valid index into any
// non-empty table), quantized integers above their zero point (positive
// reals), floats in [0.1, 1) (square roots, logarithms), bools 0/1.
Tensor SafeRandomTensor(DType type, const Shape& shape, const QuantParams& q,
                        uint64_t seed);

}  // namespace litert::cli
