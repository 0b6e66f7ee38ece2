// float32 elementwise fast paths (Highway: SSE4, AVX2, AVX-512, NEON, picked
// at run time) beside the reference kernels of the binary ops (ADD, SUB, MUL,
// DIV, MAXIMUM, MINIMUM, SQUARED_DIFFERENCE, PRELU), the unary ops and
// activations, and SOFTMAX.
//
// Binary ops and the plain unary ops (clamps, ABS, NEG, SQUARE, SQRT, RSQRT,
// HARD_SWISH, LEAKY_RELU) do the reference's IEEE operations in the same
// order, NaN handling included: results are bit-identical. EXP, LOGISTIC,
// TANH, ELU, approximate GELU and SOFTMAX use Highway's vector exp, expm1 and
// tanh (within 1 to 4 ulp of the C library's), so they differ in the last
// bits.
#pragma once

#include <cstdint>

#include "ops/broadcast.h"

namespace litert {
class ThreadPool;
}

namespace litert::fast {

enum class FloatBinaryOp {
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMax,  // a > b ? a : b (NaN anywhere gives b)
  kMin,  // a < b ? a : b
  kSquaredDifference,
  kPrelu,  // a >= 0 ? a : a * b (PRELU, b = alpha)
};

// out = clamp(op(a, b), lo, hi) over a broadcast (clamp as the reference: a
// NaN stays NaN), split over the pool's threads. Pass lo = -inf, hi = +inf
// for no clamp.
void FloatBinary(FloatBinaryOp op, const BroadcastIndexer& bc, const float* a,
                 const float* b, float* out, float lo, float hi,
                 ThreadPool* pool);

enum class FloatUnaryOp {
  kClamp,  // x < lo ? lo : (x > hi ? hi : x)
  kAbs,
  kNeg,
  kSquare,
  kSqrt,
  kRsqrt,      // 1 / sqrt(x)
  kHardSwish,  // x * min(max(x + 3, 0), 6) / 6
  kLeakyRelu,  // x > 0 ? x : x * alpha
  kExp,
  kLogistic,  // 1 / (1 + exp(-x))
  kTanh,
  kElu,              // x < 0 ? expm1(x) : x
  kGeluApproximate,  // 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))
};

struct FloatUnaryParams {
  float lo = 0.f, hi = 0.f;  // kClamp
  float alpha = 0.f;         // kLeakyRelu
};

// y[i] = op(x[i]) for i < n, split over the pool's threads.
void FloatUnary(FloatUnaryOp op, const FloatUnaryParams& params, const float* x,
                float* y, int64_t n, ThreadPool* pool);

// SOFTMAX over rows of `depth`:
//   y = exp(beta (x - max)) / sum(exp(beta (x - max)))
// rows split over the pool's threads.
void SoftmaxFloat(const float* x, float* y, int64_t rows, int64_t depth,
                  float beta, ThreadPool* pool);

}  // namespace litert::fast
