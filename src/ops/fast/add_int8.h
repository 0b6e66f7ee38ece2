// The fast path of int8 and int16 ADD and SUB on same-shape inputs (no
// broadcast): LiteRT's rescaled fixed-point add in int32 lanes (Highway, every
// target), bit for bit (see ops/binary/add_sub.h for the formula).
#pragma once

#include <cstddef>
#include <cstdint>

namespace litert {
class ThreadPool;
}

namespace litert::fast {

struct AddInt8Params {
  int32_t zp1, zp2, zp_out, act_min, act_max;
  int left_shift;  // 20 for 8-bit
  // Q31 multipliers with right shifts (>= 0) of input 1, input 2, output.
  int32_t m1, m2, m_out;
  int shift1, shift2, shift_out;
  bool subtract;
};

// out[i] = a[i] +- b[i], rescaled.
void AddInt8(const int8_t* a, const int8_t* b, int8_t* out, size_t n,
             const AddInt8Params& p, ThreadPool* pool);
// The same for int16 (left_shift 15, LiteRT's general int16 path).
void AddInt16(const int16_t* a, const int16_t* b, int16_t* out, size_t n,
              const AddInt8Params& p, ThreadPool* pool);

}  // namespace litert::fast
