#include "ops/fast/add_int8.h"

#include <algorithm>

#include "core/thread_pool.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "ops/fast/add_int8.cc"
// clang-format off
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "ops/fast/int8_requant-inl.h"
// clang-format on

HWY_BEFORE_NAMESPACE();
namespace litert::fast::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Elements [begin, end): a vector of int32 lanes at a time, the last ones
// through small buffers.
template <typename T>
void AddRangeImpl(const T* a, const T* b, T* out, size_t begin, size_t end,
                  const AddInt8Params& p) {
  const hn::ScalableTag<int32_t> d;
  const hn::Rebind<T, decltype(d)> dt;
  const size_t lanes = hn::Lanes(d);
  const auto zp1 = hn::Set(d, p.zp1), zp2 = hn::Set(d, p.zp2);
  const auto m1 = hn::Set(d, p.m1), m2 = hn::Set(d, p.m2);
  const auto mo = hn::Set(d, p.m_out);
  const auto e1 = hn::Set(d, p.shift1), e2 = hn::Set(d, p.shift2),
             eo = hn::Set(d, p.shift_out);
  const auto zpo = hn::Set(d, p.zp_out);
  const auto lo = hn::Set(d, p.act_min), hi = hn::Set(d, p.act_max);
  const auto shift = hn::Set(d, p.left_shift);
  auto vector = [&](const T* x_in, const T* y_in, T* dst) {
    // (q - zp) << left_shift fits in int32 (8-bit: 20, int16: 15).
    const auto x = hn::Sub(hn::PromoteTo(d, hn::LoadU(dt, x_in)), zp1) << shift;
    const auto y = hn::Sub(hn::PromoteTo(d, hn::LoadU(dt, y_in)), zp2) << shift;
    const auto s1 = RoundingShift(d, Srdhm(d, x, m1), e1);
    const auto s2 = RoundingShift(d, Srdhm(d, y, m2), e2);
    const auto sum = p.subtract ? hn::Sub(s1, s2) : hn::Add(s1, s2);
    auto v = hn::Add(RoundingShift(d, Srdhm(d, sum, mo), eo), zpo);
    v = hn::Min(hn::Max(v, lo), hi);
    hn::StoreU(hn::DemoteTo(dt, v), dt, dst);
  };
  size_t i = begin;
  for (; i + lanes <= end; i += lanes) vector(a + i, b + i, out + i);
  if (i < end) {
    T x[16] = {}, y[16] = {}, r[16];
    std::copy(a + i, a + end, x);
    std::copy(b + i, b + end, y);
    vector(x, y, r);
    std::copy(r, r + (end - i), out + i);
  }
}

void AddInt8Impl(const int8_t* a, const int8_t* b, int8_t* out, size_t begin,
                 size_t end, const AddInt8Params& p) {
  AddRangeImpl(a, b, out, begin, end, p);
}
void AddInt16Impl(const int16_t* a, const int16_t* b, int16_t* out,
                  size_t begin, size_t end, const AddInt8Params& p) {
  AddRangeImpl(a, b, out, begin, end, p);
}

}  // namespace litert::fast::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace litert::fast {

HWY_EXPORT(AddInt8Impl);
HWY_EXPORT(AddInt16Impl);

namespace {

// Splits [0, n) over the pool in chunks; range(begin, end) runs one.
template <typename F>
void SplitElements(size_t n, ThreadPool* pool, const F& range) {
  constexpr size_t kChunk = 16 * 1024;  // elements per task
  if (pool == nullptr || pool->threads() <= 1 || n < 2 * kChunk) {
    range(size_t{0}, n);
    return;
  }
  pool->ParallelFor((n + kChunk - 1) / kChunk, 1,
                    [&](size_t begin, size_t end, int) {
                      range(begin * kChunk, std::min(n, end * kChunk));
                    });
}

}  // namespace

void AddInt8(const int8_t* a, const int8_t* b, int8_t* out, size_t n,
             const AddInt8Params& p, ThreadPool* pool) {
  SplitElements(n, pool, [&](size_t begin, size_t end) {
    HWY_DYNAMIC_DISPATCH(AddInt8Impl)(a, b, out, begin, end, p);
  });
}

void AddInt16(const int16_t* a, const int16_t* b, int16_t* out, size_t n,
              const AddInt8Params& p, ThreadPool* pool) {
  SplitElements(n, pool, [&](size_t begin, size_t end) {
    HWY_DYNAMIC_DISPATCH(AddInt16Impl)(a, b, out, begin, end, p);
  });
}

}  // namespace litert::fast
#endif  // HWY_ONCE
