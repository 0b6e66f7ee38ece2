// The fast paths of quantized ADD, SUB (int8, uint8, int16) and MUL (int8,
// uint8, int16) over any broadcast: LiteRT's fixed-point arithmetic in int32
// lanes (Highway, every target), bit for bit (see ops/binary/add_sub.h and
// ops/binary/mul.cc for the formulas). Multipliers must need right shifts
// only (>= 0); callers check.
#pragma once

#include <cstdint>

#include "ops/broadcast.h"

namespace litert {
class ThreadPool;
}

namespace litert::fast {

enum class QuantBinaryOp { kAdd, kSub, kMul };

struct QuantBinaryParams {
  QuantBinaryOp op = QuantBinaryOp::kAdd;
  int32_t zp1 = 0, zp2 = 0, zp_out = 0, act_min = 0, act_max = 0;
  // ADD/SUB: both inputs rescaled, (q - zp) << left_shift times m1 (m2) with
  // right shifts shift1 (shift2); the sum, and MUL's product, times m_out
  // with right shift shift_out.
  int left_shift = 0;
  int32_t m1 = 0, m2 = 0, m_out = 0;
  int shift1 = 0, shift2 = 0, shift_out = 0;
};

// out = op(a, b) for every element of the broadcast `bc`, split over the
// pool's threads. T: int8_t, uint8_t or int16_t.
template <typename T>
void QuantBinary(const QuantBinaryParams& p, const BroadcastIndexer& bc,
                 const T* a, const T* b, T* out, ThreadPool* pool);

}  // namespace litert::fast
