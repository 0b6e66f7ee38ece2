// The float32 elementwise fast paths (ops/fast/elementwise_float.h) against
// the reference rules on every Highway target: binary ops through random
// broadcasts bit for bit against BinaryLoop (the reference kernels' loop),
// unary ops bit for bit (plain arithmetic) or within a few ulp (exp, tanh),
// SOFTMAX against the float formula; special values (NaN, +-inf, -0,
// denormals, huge magnitudes) included, on one thread and two. Also: the
// row walk of the broadcast indexer visits what the element walk visits.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "core/thread_pool.h"
#include "ops/binary/binary_op.h"
#include "ops/fast/elementwise_float.h"
#include "ops/for_each_target.h"

namespace litert::fast {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// Mostly ordinary values, some special ones.
std::vector<float> RandomValues(std::mt19937& rng, int64_t n, float range) {
  static const float kSpecial[] = {kNaN,   kInf,    -kInf,  0.f,    -0.f,
                                   1e-40f, -1e-40f, 3e38f,  -3e38f, 95.f,
                                   -95.f,  150.f,   -150.f, 20.f,   -20.f};
  std::uniform_real_distribution<float> value(-range, range);
  std::uniform_int_distribution<int> pick(0, 19);
  std::vector<float> v(n);
  for (auto& x : v) {
    const int k = pick(rng);
    x = k < 15 && pick(rng) < 3 ? kSpecial[k] : value(rng);
  }
  return v;
}

bool SameFloat(float a, float b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::memcmp(&a, &b, sizeof(a)) == 0;
}

Shape RandomShape(std::mt19937& rng, int rank) {
  std::uniform_int_distribution<int> dim(1, 5);
  Shape s(rank);
  for (auto& d : s) d = dim(rng);
  return s;
}

// b's shape: a's trailing dimensions, some set to 1.
Shape BroadcastPartner(std::mt19937& rng, const Shape& a) {
  std::uniform_int_distribution<int> coin(0, 2);
  const int rank =
      std::uniform_int_distribution<int>(0, static_cast<int>(a.size()))(rng);
  Shape b(a.end() - rank, a.end());
  for (auto& d : b) {
    if (coin(rng) == 0) d = 1;
  }
  return b;
}

TEST(BroadcastRowsTest, RowWalkVisitsWhatTheElementWalkVisits) {
  std::mt19937 rng(3);
  for (int c = 0; c < 500; ++c) {
    Shape a = RandomShape(rng, std::uniform_int_distribution<int>(0, 6)(rng));
    Shape b = BroadcastPartner(rng, a);
    if (c % 2) std::swap(a, b);
    BroadcastIndexer bc;
    ASSERT_TRUE(bc.Init(a, b));
    std::vector<std::array<int64_t, 3>> want, got;
    bc.ForEach([&](int64_t o, int64_t x, int64_t y) {
      want.push_back({o, x, y});
    });
    const auto& rows = bc.rows();
    ASSERT_EQ(rows.num_rows() * rows.row_length(), bc.num_elements());
    // In two pieces, as threads take them.
    const int64_t split = rows.num_rows() / 2;
    for (auto [begin, end] :
         {std::pair{int64_t{0}, split}, std::pair{split, rows.num_rows()}}) {
      rows.ForEachRow(begin, end, [&](int64_t o, const auto& in, int64_t n) {
        for (int64_t i = 0; i < n; ++i) {
          got.push_back({o + i, in[0] + i * rows.row_strides()[0],
                         in[1] + i * rows.row_strides()[1]});
        }
      });
    }
    ASSERT_EQ(got, want) << ShapeToString(a) << " " << ShapeToString(b);
  }
}

// The reference arithmetic of each binary op.
float ReferenceBinary(FloatBinaryOp op, float x, float y) {
  switch (op) {
    case FloatBinaryOp::kAdd:
      return x + y;
    case FloatBinaryOp::kSub:
      return x - y;
    case FloatBinaryOp::kMul:
      return x * y;
    case FloatBinaryOp::kDiv:
      return x / y;
    case FloatBinaryOp::kMax:
      return x > y ? x : y;
    case FloatBinaryOp::kMin:
      return x < y ? x : y;
    case FloatBinaryOp::kPrelu:
      return x >= 0.f ? x : x * y;
    case FloatBinaryOp::kSquaredDifference: {
      const float d = x - y;
      return d * d;
    }
  }
  return 0.f;
}

void CheckBinaryCases(ThreadPool* pool) {
  std::mt19937 rng(11);
  const FloatBinaryOp ops[] = {FloatBinaryOp::kAdd,
                               FloatBinaryOp::kSub,
                               FloatBinaryOp::kMul,
                               FloatBinaryOp::kDiv,
                               FloatBinaryOp::kMax,
                               FloatBinaryOp::kMin,
                               FloatBinaryOp::kSquaredDifference,
                               FloatBinaryOp::kPrelu};
  const Activation acts[] = {Activation::kNone, Activation::kRelu,
                             Activation::kRelu6, Activation::kReluN1To1};
  for (int c = 0; c < 300; ++c) {
    Shape a = RandomShape(rng, std::uniform_int_distribution<int>(0, 4)(rng));
    // Some long rows (vector bodies and tails, thread splits).
    if (c % 5 == 0) {
      a = RandomShape(rng, std::uniform_int_distribution<int>(0, 1)(rng));
      a.push_back(std::uniform_int_distribution<int>(1, 40000)(rng));
    }
    Shape b = BroadcastPartner(rng, a);
    if (c % 2) std::swap(a, b);
    BroadcastIndexer bc;
    ASSERT_TRUE(bc.Init(a, b));
    const auto va = RandomValues(rng, NumElements(a), 10.f);
    const auto vb = RandomValues(rng, NumElements(b), 10.f);
    std::vector<float> out(bc.num_elements()), ref(bc.num_elements());
    const FloatBinaryOp op = ops[c % 8];
    const Activation act = acts[(c / 8) % 4];
    float lo, hi;
    FloatActivationRange(act, &lo, &hi);
    FloatBinary(op, bc, va.data(), vb.data(), out.data(), lo, hi, pool);
    bc.ForEach([&](int64_t o, int64_t x, int64_t y) {
      ref[o] = binary::Clamp(ReferenceBinary(op, va[x], vb[y]), lo, hi);
    });
    for (size_t i = 0; i < ref.size(); ++i) {
      ASSERT_TRUE(SameFloat(out[i], ref[i]))
          << "case " << c << " op " << int(op) << " at " << i << ": " << out[i]
          << " vs " << ref[i] << " shapes " << ShapeToString(a) << " "
          << ShapeToString(b);
    }
  }
}

TEST(FastElementwiseTest, BinaryOpsAreBitExactOnEveryTarget) {
  ThreadPool two(2);
  ForEachTarget([&] {
    CheckBinaryCases(nullptr);
    CheckBinaryCases(&two);
  });
}

struct UnaryCase {
  FloatUnaryOp op;
  float (*reference)(float);
  int max_ulp;  // 0: bit for bit
};

float Ulps(float got, float want) {
  if (std::isnan(got) || std::isnan(want)) {
    return std::isnan(got) && std::isnan(want) ? 0.f : kInf;
  }
  if (got == want) return 0.f;
  if (std::isinf(got) || std::isinf(want)) return kInf;
  const float ulp =
      std::max(std::nextafter(std::fabs(want), kInf) - std::fabs(want),
               std::numeric_limits<float>::denorm_min());
  return std::fabs(got - want) / ulp;
}

void CheckUnaryCases(ThreadPool* pool) {
  static const UnaryCase kCases[] = {
      {FloatUnaryOp::kAbs, [](float x) { return std::fabs(x); }, 0},
      {FloatUnaryOp::kNeg, [](float x) { return -x; }, 0},
      {FloatUnaryOp::kSquare, [](float x) { return x * x; }, 0},
      {FloatUnaryOp::kSqrt, [](float x) { return std::sqrt(x); }, 0},
      {FloatUnaryOp::kRsqrt, [](float x) { return 1.f / std::sqrt(x); }, 0},
      {FloatUnaryOp::kHardSwish,
       [](float x) { return x * std::min(std::max(x + 3.f, 0.f), 6.f) / 6.f; },
       0},
      {FloatUnaryOp::kLeakyRelu, [](float x) { return x > 0.f ? x : x * 0.2f; },
       0},
      {FloatUnaryOp::kClamp,
       [](float x) { return std::min(std::max(x, -1.f), 6.f); }, 0},
      {FloatUnaryOp::kExp, [](float x) { return std::exp(x); }, 2},
      {FloatUnaryOp::kLogistic,
       [](float x) { return 1.f / (1.f + std::exp(-x)); }, 3},
      {FloatUnaryOp::kTanh, [](float x) { return std::tanh(x); }, 5},
      {FloatUnaryOp::kElu, [](float x) { return x < 0.f ? std::expm1(x) : x; },
       5},
  };
  std::mt19937 rng(5);
  FloatUnaryParams params;
  params.lo = -1.f;
  params.hi = 6.f;
  params.alpha = 0.2f;
  for (const UnaryCase& uc : kCases) {
    for (int64_t n : {1, 3, 17, 100, 70001}) {
      const auto x = RandomValues(rng, n, 12.f);
      std::vector<float> y(n);
      FloatUnary(uc.op, params, x.data(), y.data(), n, pool);
      for (int64_t i = 0; i < n; ++i) {
        const float want = uc.reference(x[i]);
        if (uc.max_ulp == 0) {
          ASSERT_TRUE(SameFloat(y[i], want))
              << "op " << int(uc.op) << " x " << x[i] << ": " << y[i] << " vs "
              << want;
        } else {
          ASSERT_LE(Ulps(y[i], want), uc.max_ulp)
              << "op " << int(uc.op) << " x " << x[i] << ": " << y[i] << " vs "
              << want;
        }
      }
    }
  }
  // Approximate GELU: the same formula around tanh; checked relative to the
  // output's size (cancellation near x = -3 magnifies tanh's ulps).
  const auto x = RandomValues(rng, 5000, 8.f);
  std::vector<float> y(x.size());
  FloatUnary(FloatUnaryOp::kGeluApproximate, params, x.data(), y.data(),
             static_cast<int64_t>(x.size()), pool);
  for (size_t i = 0; i < x.size(); ++i) {
    const float v = x[i];
    const float want =
        0.5f * v *
        (1.0f + std::tanh(0.7978845608028654f * (v + 0.044715f * v * v * v)));
    if (std::isnan(want) || std::isinf(want)) {
      ASSERT_TRUE(SameFloat(y[i], want)) << v;
    } else {
      ASSERT_NEAR(y[i], want, 1e-6f * std::max(1.f, std::fabs(v))) << v;
    }
  }
}

TEST(FastElementwiseTest, UnaryOpsMatchTheReferenceOnEveryTarget) {
  ThreadPool two(2);
  ForEachTarget([&] {
    CheckUnaryCases(nullptr);
    CheckUnaryCases(&two);
  });
}

// The reference SOFTMAX in float, row by row.
void ReferenceSoftmax(const float* x, float* y, int64_t rows, int64_t depth,
                      float beta) {
  for (int64_t r = 0; r < rows; ++r, x += depth, y += depth) {
    float max = x[0];
    for (int64_t i = 1; i < depth; ++i) max = std::max(max, x[i]);
    float sum = 0.f;
    for (int64_t i = 0; i < depth; ++i) {
      y[i] = std::exp((x[i] - max) * beta);
      sum += y[i];
    }
    const float inv = 1.f / sum;
    for (int64_t i = 0; i < depth; ++i) y[i] *= inv;
  }
}

void CheckSoftmaxCases(ThreadPool* pool) {
  std::mt19937 rng(9);
  std::uniform_real_distribution<float> value(-30.f, 30.f);
  for (int c = 0; c < 200; ++c) {
    const int64_t rows = std::uniform_int_distribution<int>(1, 40)(rng);
    const int64_t depth =
        c % 10 == 0 ? std::uniform_int_distribution<int>(1000, 5000)(rng)
                    : std::uniform_int_distribution<int>(1, 70)(rng);
    const float beta = c % 3 == 0 ? 1.f : (c % 3 == 1 ? 0.3f : -0.5f);
    std::vector<float> x(rows * depth);
    for (auto& v : x) v = value(rng);
    // Special rows: a NaN first, a NaN later, an infinity, all -inf but one.
    if (c % 7 == 1) x[0] = kNaN;
    if (c % 7 == 2) x[x.size() / 2] = kNaN;
    if (c % 7 == 3) x[x.size() - 1] = kInf;
    if (c % 7 == 4) std::fill(x.begin(), x.begin() + depth - 1, -kInf);
    std::vector<float> y(x.size()), ref(x.size());
    SoftmaxFloat(x.data(), y.data(), rows, depth, beta, pool);
    ReferenceSoftmax(x.data(), ref.data(), rows, depth, beta);
    for (size_t i = 0; i < y.size(); ++i) {
      if (std::isnan(ref[i]) || std::isnan(y[i])) {
        ASSERT_TRUE(std::isnan(ref[i]) && std::isnan(y[i]))
            << "case " << c << " at " << i << ": " << y[i] << " vs " << ref[i];
      } else {
        ASSERT_NEAR(y[i], ref[i], 1e-5f * ref[i] + 1e-12f)
            << "case " << c << " at " << i;
      }
    }
  }
}

TEST(FastElementwiseTest, SoftmaxMatchesTheFloatFormulaOnEveryTarget) {
  ThreadPool two(2);
  ForEachTarget([&] {
    CheckSoftmaxCases(nullptr);
    CheckSoftmaxCases(&two);
  });
}

}  // namespace
}  // namespace litert::fast
