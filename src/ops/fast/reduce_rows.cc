#include "ops/fast/reduce_rows.h"

#include <algorithm>
#include <type_traits>

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "ops/fast/reduce_rows.cc"
// clang-format off
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
// clang-format on

HWY_BEFORE_NAMESPACE();
namespace litert::fast::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

void AddRowFloatImpl(float* acc, const float* x, int64_t n) {
  const hn::ScalableTag<float> d;
  const int64_t lanes = static_cast<int64_t>(hn::Lanes(d));
  int64_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    hn::StoreU(hn::Add(hn::LoadU(d, acc + i), hn::LoadU(d, x + i)), d, acc + i);
  }
  for (; i < n; ++i) acc[i] += x[i];
}

float SumRowFloatImpl(const float* x, int64_t n) {
  const hn::ScalableTag<float> d;
  const int64_t lanes = static_cast<int64_t>(hn::Lanes(d));
  auto s0 = hn::Zero(d), s1 = hn::Zero(d);
  int64_t i = 0;
  for (; i + 2 * lanes <= n; i += 2 * lanes) {
    s0 = hn::Add(s0, hn::LoadU(d, x + i));
    s1 = hn::Add(s1, hn::LoadU(d, x + i + lanes));
  }
  float t = hn::GetLane(hn::SumOfLanes(d, hn::Add(s0, s1)));
  for (; i < n; ++i) t += x[i];
  return t;
}

// std::max(a, b) = a < b ? b : a; std::min(a, b) = b < a ? b : a.
template <class V>
HWY_INLINE V Pick(V a, V b, bool max) {
  return max ? hn::IfThenElse(hn::Lt(a, b), b, a)
             : hn::IfThenElse(hn::Lt(b, a), b, a);
}
inline float PickScalar(float a, float b, bool max) {
  return max ? (a < b ? b : a) : (b < a ? b : a);
}

void ExtremumRowFloatImpl(float* acc, const float* x, int64_t n, bool max) {
  const hn::ScalableTag<float> d;
  const int64_t lanes = static_cast<int64_t>(hn::Lanes(d));
  int64_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    hn::StoreU(Pick(hn::LoadU(d, acc + i), hn::LoadU(d, x + i), max), d,
               acc + i);
  }
  for (; i < n; ++i) acc[i] = PickScalar(acc[i], x[i], max);
}

void ExtremumFoldFloatImpl(float* acc, const float* x, int64_t n, bool max) {
  const hn::ScalableTag<float> d;
  const int64_t lanes = static_cast<int64_t>(hn::Lanes(d));
  float t = *acc;
  int64_t i = 0;
  if (n >= lanes) {
    auto v = hn::Set(d, t);
    for (; i + lanes <= n; i += lanes) v = Pick(v, hn::LoadU(d, x + i), max);
    float lanes_out[64];
    hn::StoreU(v, d, lanes_out);
    for (int64_t l = 0; l < lanes; ++l) t = PickScalar(t, lanes_out[l], max);
  }
  for (; i < n; ++i) t = PickScalar(t, x[i], max);
  *acc = t;
}

template <typename T>
HWY_INLINE void AddRowQuantT(int32_t* acc, const T* x, int64_t n,
                             int32_t zero) {
  const hn::ScalableTag<int32_t> d;
  const hn::Rebind<T, decltype(d)> dt;
  const int64_t lanes = static_cast<int64_t>(hn::Lanes(d));
  const auto z = hn::Set(d, zero);
  int64_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    const auto v = hn::Sub(hn::PromoteTo(d, hn::LoadU(dt, x + i)), z);
    hn::StoreU(hn::Add(hn::LoadU(d, acc + i), v), d, acc + i);
  }
  for (; i < n; ++i) {
    acc[i] = static_cast<int32_t>(static_cast<uint32_t>(acc[i]) +
                                  static_cast<uint32_t>(x[i] - zero));
  }
}

template <typename T>
HWY_INLINE int32_t SumRowQuantT(const T* x, int64_t n, int32_t zero) {
  const hn::ScalableTag<int32_t> d;
  const hn::Rebind<T, decltype(d)> dt;
  const int64_t lanes = static_cast<int64_t>(hn::Lanes(d));
  const auto z = hn::Set(d, zero);
  auto s = hn::Zero(d);
  int64_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    s = hn::Add(s, hn::Sub(hn::PromoteTo(d, hn::LoadU(dt, x + i)), z));
  }
  uint32_t t = static_cast<uint32_t>(hn::GetLane(hn::SumOfLanes(d, s)));
  for (; i < n; ++i) t += static_cast<uint32_t>(x[i] - zero);
  return static_cast<int32_t>(t);
}

void AddRowInt8Impl(int32_t* acc, const int8_t* x, int64_t n, int32_t zero) {
  AddRowQuantT(acc, x, n, zero);
}
void AddRowUInt8Impl(int32_t* acc, const uint8_t* x, int64_t n, int32_t zero) {
  AddRowQuantT(acc, x, n, zero);
}
void AddRowInt16Impl(int32_t* acc, const int16_t* x, int64_t n, int32_t zero) {
  AddRowQuantT(acc, x, n, zero);
}
int32_t SumRowInt8Impl(const int8_t* x, int64_t n, int32_t zero) {
  return SumRowQuantT(x, n, zero);
}
int32_t SumRowUInt8Impl(const uint8_t* x, int64_t n, int32_t zero) {
  return SumRowQuantT(x, n, zero);
}
int32_t SumRowInt16Impl(const int16_t* x, int64_t n, int32_t zero) {
  return SumRowQuantT(x, n, zero);
}

}  // namespace litert::fast::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace litert::fast {

HWY_EXPORT(AddRowFloatImpl);
HWY_EXPORT(SumRowFloatImpl);
HWY_EXPORT(ExtremumRowFloatImpl);
HWY_EXPORT(ExtremumFoldFloatImpl);
HWY_EXPORT(AddRowInt8Impl);
HWY_EXPORT(AddRowUInt8Impl);
HWY_EXPORT(AddRowInt16Impl);
HWY_EXPORT(SumRowInt8Impl);
HWY_EXPORT(SumRowUInt8Impl);
HWY_EXPORT(SumRowInt16Impl);

void AddRowFloat(float* acc, const float* x, int64_t n) {
  HWY_DYNAMIC_DISPATCH(AddRowFloatImpl)(acc, x, n);
}
float SumRowFloat(const float* x, int64_t n) {
  return HWY_DYNAMIC_DISPATCH(SumRowFloatImpl)(x, n);
}
void ExtremumRowFloat(float* acc, const float* x, int64_t n, bool max) {
  HWY_DYNAMIC_DISPATCH(ExtremumRowFloatImpl)(acc, x, n, max);
}
void ExtremumFoldFloat(float* acc, const float* x, int64_t n, bool max) {
  HWY_DYNAMIC_DISPATCH(ExtremumFoldFloatImpl)(acc, x, n, max);
}

template <typename T>
void AddRowQuant(int32_t* acc, const T* x, int64_t n, int32_t zero) {
  if constexpr (std::is_same_v<T, int8_t>) {
    HWY_DYNAMIC_DISPATCH(AddRowInt8Impl)(acc, x, n, zero);
  } else if constexpr (std::is_same_v<T, uint8_t>) {
    HWY_DYNAMIC_DISPATCH(AddRowUInt8Impl)(acc, x, n, zero);
  } else {
    HWY_DYNAMIC_DISPATCH(AddRowInt16Impl)(acc, x, n, zero);
  }
}
template <typename T>
int32_t SumRowQuant(const T* x, int64_t n, int32_t zero) {
  if constexpr (std::is_same_v<T, int8_t>) {
    return HWY_DYNAMIC_DISPATCH(SumRowInt8Impl)(x, n, zero);
  } else if constexpr (std::is_same_v<T, uint8_t>) {
    return HWY_DYNAMIC_DISPATCH(SumRowUInt8Impl)(x, n, zero);
  } else {
    return HWY_DYNAMIC_DISPATCH(SumRowInt16Impl)(x, n, zero);
  }
}

template void AddRowQuant(int32_t*, const int8_t*, int64_t, int32_t);
template void AddRowQuant(int32_t*, const uint8_t*, int64_t, int32_t);
template void AddRowQuant(int32_t*, const int16_t*, int64_t, int32_t);
template int32_t SumRowQuant(const int8_t*, int64_t, int32_t);
template int32_t SumRowQuant(const uint8_t*, int64_t, int32_t);
template int32_t SumRowQuant(const int16_t*, int64_t, int32_t);

}  // namespace litert::fast
#endif  // HWY_ONCE
