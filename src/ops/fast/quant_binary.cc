#include "ops/fast/quant_binary.h"

#include <algorithm>
#include <type_traits>

#include "core/thread_pool.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "ops/fast/quant_binary.cc"
// clang-format off
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "ops/fast/int8_requant-inl.h"
// clang-format on

HWY_BEFORE_NAMESPACE();
namespace litert::fast::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// One row: a and b advance by sa and sb (0 or 1) per element; a vector of
// int32 lanes at a time, the last elements through small buffers.
template <typename T>
HWY_INLINE void QuantRow(const QuantBinaryParams& p, const T* a, int64_t sa,
                         const T* b, int64_t sb, T* out, int64_t n) {
  const hn::ScalableTag<int32_t> d;
  const hn::Rebind<T, decltype(d)> dt;
  const int64_t lanes = static_cast<int64_t>(hn::Lanes(d));
  const auto zp1 = hn::Set(d, p.zp1), zp2 = hn::Set(d, p.zp2);
  const auto mo = hn::Set(d, p.m_out), eo = hn::Set(d, p.shift_out);
  const auto lo = hn::Set(d, p.act_min), hi = hn::Set(d, p.act_max);
  auto load = [&](const T* src, int64_t stride, auto zp) {
    return hn::Sub(stride != 0 ? hn::PromoteTo(d, hn::LoadU(dt, src))
                               : hn::Set(d, static_cast<int32_t>(src[0])),
                   zp);
  };
  auto vector = [&](const T* x_in, const T* y_in, T* dst) {
    const auto x = load(x_in, sa, zp1), y = load(y_in, sb, zp2);
    hn::Vec<decltype(d)> v;
    if (p.op == QuantBinaryOp::kMul) {
      v = hn::Mul(x, y);
    } else {
      // (q - zp) << left_shift fits in int32 (8-bit: 20, int16: 15).
      const auto shift = hn::Set(d, p.left_shift);
      const auto s1 = RoundingShift(d, Srdhm(d, x << shift, hn::Set(d, p.m1)),
                                    hn::Set(d, p.shift1));
      const auto s2 = RoundingShift(d, Srdhm(d, y << shift, hn::Set(d, p.m2)),
                                    hn::Set(d, p.shift2));
      v = p.op == QuantBinaryOp::kSub ? hn::Sub(s1, s2) : hn::Add(s1, s2);
    }
    v = hn::Add(RoundingShift(d, Srdhm(d, v, mo), eo), hn::Set(d, p.zp_out));
    v = hn::Min(hn::Max(v, lo), hi);
    hn::StoreU(hn::DemoteTo(dt, v), dt, dst);
  };
  int64_t i = 0;
  for (; i + lanes <= n; i += lanes) vector(a + i * sa, b + i * sb, out + i);
  if (i < n) {
    T x[64] = {}, y[64] = {}, r[64];
    std::copy(a + i * sa, sa != 0 ? a + n : a + 1, x);
    std::copy(b + i * sb, sb != 0 ? b + n : b + 1, y);
    vector(x, y, r);
    std::copy(r, r + (n - i), out + i);
  }
}

// Rows [begin, end) of the broadcast; with a single row, its elements.
template <typename T>
HWY_INLINE void QuantRows(const QuantBinaryParams& p,
                          const NaryBroadcastIndexer<2>& rows, const T* a,
                          const T* b, T* out, int64_t begin, int64_t end) {
  const int64_t sa = rows.row_strides()[0], sb = rows.row_strides()[1];
  if (rows.num_rows() == 1) {
    QuantRow(p, a + begin * sa, sa, b + begin * sb, sb, out + begin,
             end - begin);
    return;
  }
  rows.ForEachRow(begin, end, [&](int64_t o, const auto& in, int64_t n) {
    QuantRow(p, a + in[0], sa, b + in[1], sb, out + o, n);
  });
}

void QuantRowsInt8(const QuantBinaryParams& p,
                   const NaryBroadcastIndexer<2>& rows, const int8_t* a,
                   const int8_t* b, int8_t* out, int64_t begin, int64_t end) {
  QuantRows(p, rows, a, b, out, begin, end);
}
void QuantRowsUInt8(const QuantBinaryParams& p,
                    const NaryBroadcastIndexer<2>& rows, const uint8_t* a,
                    const uint8_t* b, uint8_t* out, int64_t begin,
                    int64_t end) {
  QuantRows(p, rows, a, b, out, begin, end);
}
void QuantRowsInt16(const QuantBinaryParams& p,
                    const NaryBroadcastIndexer<2>& rows, const int16_t* a,
                    const int16_t* b, int16_t* out, int64_t begin,
                    int64_t end) {
  QuantRows(p, rows, a, b, out, begin, end);
}

}  // namespace litert::fast::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace litert::fast {

HWY_EXPORT(QuantRowsInt8);
HWY_EXPORT(QuantRowsUInt8);
HWY_EXPORT(QuantRowsInt16);

namespace {

template <typename T>
void DispatchRows(const QuantBinaryParams& p,
                  const NaryBroadcastIndexer<2>& rows, const T* a, const T* b,
                  T* out, int64_t begin, int64_t end) {
  if constexpr (std::is_same_v<T, int8_t>) {
    HWY_DYNAMIC_DISPATCH(QuantRowsInt8)(p, rows, a, b, out, begin, end);
  } else if constexpr (std::is_same_v<T, uint8_t>) {
    HWY_DYNAMIC_DISPATCH(QuantRowsUInt8)(p, rows, a, b, out, begin, end);
  } else {
    HWY_DYNAMIC_DISPATCH(QuantRowsInt16)(p, rows, a, b, out, begin, end);
  }
}

}  // namespace

template <typename T>
void QuantBinary(const QuantBinaryParams& p, const BroadcastIndexer& bc,
                 const T* a, const T* b, T* out, ThreadPool* pool) {
  const auto& rows = bc.rows();
  // One row (same shapes, or a scalar operand): split its elements.
  const bool one_row = rows.num_rows() == 1;
  const int64_t items = one_row ? rows.row_length() : rows.num_rows();
  const int64_t item_size = one_row ? 1 : rows.row_length();
  // About 16 operations per element.
  pool = PoolForWork(pool, items * item_size * 16);
  if (pool == nullptr || pool->threads() <= 1) {
    DispatchRows(p, rows, a, b, out, 0, items);
    return;
  }
  const int64_t min_chunk =
      std::max<int64_t>(1, 4096 / std::max<int64_t>(item_size, 1));
  pool->ParallelFor(static_cast<size_t>(items), static_cast<size_t>(min_chunk),
                    [&](size_t begin, size_t end, int) {
                      DispatchRows(p, rows, a, b, out,
                                   static_cast<int64_t>(begin),
                                   static_cast<int64_t>(end));
                    });
}

template void QuantBinary(const QuantBinaryParams&, const BroadcastIndexer&,
                          const int8_t*, const int8_t*, int8_t*, ThreadPool*);
template void QuantBinary(const QuantBinaryParams&, const BroadcastIndexer&,
                          const uint8_t*, const uint8_t*, uint8_t*,
                          ThreadPool*);
template void QuantBinary(const QuantBinaryParams&, const BroadcastIndexer&,
                          const int16_t*, const int16_t*, int16_t*,
                          ThreadPool*);

}  // namespace litert::fast
#endif  // HWY_ONCE
