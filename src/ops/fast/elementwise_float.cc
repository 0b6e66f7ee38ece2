#include "ops/fast/elementwise_float.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

// Compiled once per Highway target (SSE4, AVX2, AVX-512; NEON on Arm) and
// picked at run time.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "ops/fast/elementwise_float.cc"
// clang-format off
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "hwy/contrib/math/math-inl.h"  // after highway.h: Exp, Expm1, Tanh
// clang-format on

HWY_BEFORE_NAMESPACE();
namespace litert::fast::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Runs `body(tag, i)` over [0, n): full vectors, then single lanes (the same
// operations on one lane, so the tail rounds exactly like the rest).
template <class Body>
HWY_INLINE void ForLanes(int64_t n, const Body& body) {
  const hn::ScalableTag<float> d;
  const int64_t lanes = static_cast<int64_t>(hn::Lanes(d));
  int64_t i = 0;
  for (; i + lanes <= n; i += lanes) body(d, i);
  const hn::CappedTag<float, 1> d1;
  for (; i < n; ++i) body(d1, i);
}

// True for the single-lane tag of ForLanes' tail.
template <class D>
constexpr bool IsOneLane() {
  return std::is_same_v<D, hn::CappedTag<float, 1>>;
}

// v < lo ? lo : (v > hi ? hi : v): a NaN stays NaN.
template <class D, class V>
HWY_INLINE V ClampKeepNaN(D d, V v, float lo, float hi) {
  const auto vlo = hn::Set(d, lo), vhi = hn::Set(d, hi);
  return hn::IfThenElse(hn::Lt(v, vlo), vlo,
                        hn::IfThenElse(hn::Gt(v, vhi), vhi, v));
}

// One row of a broadcast: a and b advance by sa and sb (0 or 1) per element.
template <class F>
HWY_INLINE void BinaryRow(const float* a, int64_t sa, const float* b,
                          int64_t sb, float* out, int64_t n, bool clamp,
                          float lo, float hi, const F& f) {
  ForLanes(n, [&](auto d, int64_t i) {
    const auto x = sa != 0 ? hn::LoadU(d, a + i) : hn::Set(d, a[0]);
    const auto y = sb != 0 ? hn::LoadU(d, b + i) : hn::Set(d, b[0]);
    auto v = f(d, x, y);
    if (clamp) v = ClampKeepNaN(d, v, lo, hi);
    hn::StoreU(v, d, out + i);
  });
}

// Rows [begin, end) of the broadcast `rows`; with a single row, its elements
// [begin, end) instead.
void BinaryRowsImpl(FloatBinaryOp op, const NaryBroadcastIndexer<2>& rows,
                    const float* a, const float* b, float* out, int64_t begin,
                    int64_t end, bool clamp, float lo, float hi) {
  const int64_t sa = rows.row_strides()[0], sb = rows.row_strides()[1];
  auto row = [&](const auto& f) {
    if (rows.num_rows() == 1) {
      BinaryRow(a + begin * sa, sa, b + begin * sb, sb, out + begin,
                end - begin, clamp, lo, hi, f);
      return;
    }
    rows.ForEachRow(begin, end, [&](int64_t o, const auto& in, int64_t n) {
      BinaryRow(a + in[0], sa, b + in[1], sb, out + o, n, clamp, lo, hi, f);
    });
  };
  switch (op) {
    case FloatBinaryOp::kAdd:
      return row([](auto, auto x, auto y) { return hn::Add(x, y); });
    case FloatBinaryOp::kSub:
      return row([](auto, auto x, auto y) { return hn::Sub(x, y); });
    case FloatBinaryOp::kMul:
      return row([](auto, auto x, auto y) { return hn::Mul(x, y); });
    case FloatBinaryOp::kDiv:
      return row([](auto, auto x, auto y) { return hn::Div(x, y); });
    case FloatBinaryOp::kMax:
      return row([](auto, auto x, auto y) {
        return hn::IfThenElse(hn::Gt(x, y), x, y);
      });
    case FloatBinaryOp::kMin:
      return row([](auto, auto x, auto y) {
        return hn::IfThenElse(hn::Lt(x, y), x, y);
      });
    case FloatBinaryOp::kPrelu:
      return row([](auto d, auto x, auto y) {
        return hn::IfThenElse(x >= hn::Zero(d), x, hn::Mul(x, y));
      });
    case FloatBinaryOp::kSquaredDifference:
      return row([](auto, auto x, auto y) {
        const auto diff = hn::Sub(x, y);
        return hn::Mul(diff, diff);
      });
  }
}

// e^x over the whole float range: Highway's Exp is defined up to 104 and from
// -FLT_MAX, so larger inputs are capped (e^100 is already inf in float) and
// -inf raised to -200 (e^-200 is 0); NaN passes through.
template <class D, class V>
HWY_INLINE V ExpAnyInput(D d, V x) {
  const auto capped =
      hn::Min(hn::Max(x, hn::Set(d, -200.f)), hn::Set(d, 100.f));
  return hn::IfThenElse(hn::IsNaN(x), x, hn::Exp(d, capped));
}

template <class F>
HWY_INLINE void UnaryLoop(const float* x, float* y, int64_t n, const F& f) {
  ForLanes(n, [&](auto d, int64_t i) {
    hn::StoreU(f(d, hn::LoadU(d, x + i)), d, y + i);
  });
}

void UnaryImpl(FloatUnaryOp op, const FloatUnaryParams& p, const float* x,
               float* y, int64_t n) {
  auto loop = [&](const auto& f) { UnaryLoop(x, y, n, f); };
  switch (op) {
    case FloatUnaryOp::kClamp:
      return loop(
          [&](auto d, auto v) { return ClampKeepNaN(d, v, p.lo, p.hi); });
    case FloatUnaryOp::kAbs:
      return loop([](auto, auto v) { return hn::Abs(v); });
    case FloatUnaryOp::kNeg:
      return loop([](auto, auto v) { return hn::Neg(v); });
    case FloatUnaryOp::kSquare:
      return loop([](auto, auto v) { return hn::Mul(v, v); });
    case FloatUnaryOp::kSqrt:
      return loop([](auto, auto v) { return hn::Sqrt(v); });
    case FloatUnaryOp::kRsqrt:
      return loop(
          [](auto d, auto v) { return hn::Div(hn::Set(d, 1.f), hn::Sqrt(v)); });
    case FloatUnaryOp::kHardSwish:
      return loop([](auto d, auto v) {
        // std::max / std::min as the reference: (a < b ? b : a), (b < a ? b :
        // a)
        const auto zero = hn::Zero(d), six = hn::Set(d, 6.f);
        auto r = hn::Add(v, hn::Set(d, 3.f));
        r = hn::IfThenElse(hn::Lt(r, zero), zero, r);
        r = hn::IfThenElse(hn::Lt(six, r), six, r);
        return hn::Div(hn::Mul(v, r), six);
      });
    case FloatUnaryOp::kLeakyRelu:
      return loop([&](auto d, auto v) {
        return hn::IfThenElse(hn::Gt(v, hn::Zero(d)), v,
                              hn::Mul(v, hn::Set(d, p.alpha)));
      });
    case FloatUnaryOp::kExp:
      return loop([](auto d, auto v) { return ExpAnyInput(d, v); });
    case FloatUnaryOp::kLogistic:
      return loop([](auto d, auto v) {
        const auto one = hn::Set(d, 1.f);
        return hn::Div(one, hn::Add(one, ExpAnyInput(d, hn::Neg(v))));
      });
    case FloatUnaryOp::kTanh:
      return loop([](auto d, auto v) {
        return hn::IfThenElse(hn::IsNaN(v), v, hn::Tanh(d, v));
      });
    case FloatUnaryOp::kElu:
      return loop([](auto d, auto v) {
        const auto m = hn::Expm1(d, hn::Max(v, hn::Set(d, -200.f)));
        return hn::IfThenElse(hn::Lt(v, hn::Zero(d)), m, v);
      });
    case FloatUnaryOp::kGeluApproximate:
      return loop([](auto d, auto v) {
        // The reference's order: 0.5 * x * (1 + tanh(k * (x + c * x * x * x))).
        const auto cube =
            hn::Mul(hn::Mul(hn::Mul(hn::Set(d, 0.044715f), v), v), v);
        const auto inner =
            hn::Mul(hn::Set(d, 0.7978845608028654f), hn::Add(v, cube));
        const auto t =
            hn::IfThenElse(hn::IsNaN(inner), inner, hn::Tanh(d, inner));
        return hn::Mul(hn::Mul(hn::Set(d, 0.5f), v),
                       hn::Add(hn::Set(d, 1.f), t));
      });
  }
}

// Rows [row0, row1) of SOFTMAX.
void SoftmaxRowsImpl(const float* x, float* y, int64_t row0, int64_t row1,
                     int64_t depth, float beta) {
  const hn::ScalableTag<float> d;
  for (int64_t r = row0; r < row1; ++r) {
    const float* xr = x + r * depth;
    float* yr = y + r * depth;
    // The maximum; NaN elements are skipped here as in the reference, and
    // make the sum NaN below.
    auto vmax = hn::Set(d, -HUGE_VALF);
    float max = -HUGE_VALF;
    ForLanes(depth, [&](auto tag, int64_t i) {
      const auto v = hn::LoadU(tag, xr + i);
      if constexpr (IsOneLane<decltype(tag)>()) {
        const float s = hn::GetLane(v);
        max = max < s ? s : max;
      } else {
        vmax = hn::IfThenElse(hn::Gt(v, vmax), v, vmax);
      }
    });
    const float vm = hn::GetLane(hn::MaxOfLanes(d, vmax));
    max = max < vm ? vm : max;
    // A first element of NaN makes the reference's maximum NaN.
    if (depth > 0 && xr[0] != xr[0]) max = xr[0];
    auto vsum = hn::Zero(d);
    float sum = 0.f;
    ForLanes(depth, [&](auto tag, int64_t i) {
      const auto e = ExpAnyInput(
          tag, hn::Mul(hn::Sub(hn::LoadU(tag, xr + i), hn::Set(tag, max)),
                       hn::Set(tag, beta)));
      hn::StoreU(e, tag, yr + i);
      if constexpr (IsOneLane<decltype(tag)>()) {
        sum += hn::GetLane(e);
      } else {
        vsum = hn::Add(vsum, e);
      }
    });
    sum += hn::GetLane(hn::SumOfLanes(d, vsum));
    const float inv = 1.f / sum;
    ForLanes(depth, [&](auto tag, int64_t i) {
      hn::StoreU(hn::Mul(hn::LoadU(tag, yr + i), hn::Set(tag, inv)), tag,
                 yr + i);
    });
  }
}

}  // namespace litert::fast::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include <cmath>

#include "core/thread_pool.h"

namespace litert::fast {

HWY_EXPORT(BinaryRowsImpl);
HWY_EXPORT(UnaryImpl);
HWY_EXPORT(SoftmaxRowsImpl);

namespace {

// Elements per thread below which splitting costs more than it saves.
constexpr int64_t kMinElementsPerThread = 16384;

// fn(begin, end) over [0, n) items of `item_size` elements each, split over
// the pool when there is enough work.
template <typename F>
void Split(ThreadPool* pool, int64_t n, int64_t item_size, const F& fn) {
  if (pool == nullptr || pool->threads() <= 1 ||
      n * item_size < 2 * kMinElementsPerThread) {
    fn(int64_t{0}, n);
    return;
  }
  const int64_t min_chunk = std::max<int64_t>(
      1, kMinElementsPerThread / std::max<int64_t>(item_size, 1));
  pool->ParallelFor(static_cast<size_t>(n), static_cast<size_t>(min_chunk),
                    [&](size_t begin, size_t end, int) {
                      fn(static_cast<int64_t>(begin),
                         static_cast<int64_t>(end));
                    });
}

}  // namespace

void FloatBinary(FloatBinaryOp op, const BroadcastIndexer& bc, const float* a,
                 const float* b, float* out, float lo, float hi,
                 ThreadPool* pool) {
  const bool clamp = !(std::isinf(lo) && lo < 0 && std::isinf(hi) && hi > 0);
  const auto& rows = bc.rows();
  // One row (same shapes, or a scalar operand): split its elements.
  const bool one_row = rows.num_rows() == 1;
  Split(pool, one_row ? rows.row_length() : rows.num_rows(),
        one_row ? 1 : rows.row_length(), [&](int64_t begin, int64_t end) {
          HWY_DYNAMIC_DISPATCH(BinaryRowsImpl)
          (op, rows, a, b, out, begin, end, clamp, lo, hi);
        });
}

void FloatUnary(FloatUnaryOp op, const FloatUnaryParams& params, const float* x,
                float* y, int64_t n, ThreadPool* pool) {
  Split(pool, n, 1, [&](int64_t begin, int64_t end) {
    HWY_DYNAMIC_DISPATCH(UnaryImpl)
    (op, params, x + begin, y + begin, end - begin);
  });
}

void SoftmaxFloat(const float* x, float* y, int64_t rows, int64_t depth,
                  float beta, ThreadPool* pool) {
  Split(pool, rows, depth, [&](int64_t begin, int64_t end) {
    HWY_DYNAMIC_DISPATCH(SoftmaxRowsImpl)(x, y, begin, end, depth, beta);
  });
}

}  // namespace litert::fast
#endif  // HWY_ONCE
