// The int8 fast paths (AVX-512 VNNI, and Highway on every target) against the
// scalar rules they must
// reproduce bit for bit: CONV_2D through im2col or directly (1x1), and
// DEPTHWISE_CONV_2D, over odd shapes, paddings, strides, dilations, channel
// tails, extreme multipliers and accumulators that wrap, on one thread and
// two. (Whole ops and models through the fast paths are also checked by the
// conv tests, the differential tests and the corpus against the oracle.)
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "core/thread_pool.h"
#include "ops/fast/conv_int8.h"
#include "ops/fast/depthwise_int8.h"
#include "ops/for_each_target.h"
#include "ops/quant/quant_math.h"

namespace litert::fast {
namespace {

struct Case {
  ConvInt8Shape s;
  std::vector<int8_t> input, filter;
  std::vector<int32_t> bias;
  Int8Requant rq;
};

int OutSize(int in, int k, int stride, int dilation, int pad) {
  return (in + 2 * pad - ((k - 1) * dilation + 1)) / stride + 1;
}

Case RandomCase(std::mt19937& rng, bool depthwise, Requant mode) {
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  Case c;
  ConvInt8Shape& s = c.s;
  s.batches = pick(1, 2);
  s.in_h = pick(1, 9);
  s.in_w = pick(1, 11);
  s.in_c = pick(0, 2) == 0 ? 4 * pick(1, 8) : pick(1, 40);
  s.out_c = depthwise ? s.in_c : pick(1, 70);
  s.k_h = pick(1, 3);
  s.k_w = pick(1, 3);
  s.stride_h = pick(1, 2);
  s.stride_w = pick(1, 2);
  s.dilation_h = pick(1, 2);
  s.dilation_w = pick(1, 2);
  s.pad_h = pick(0, s.k_h - 1);
  s.pad_w = pick(0, s.k_w - 1);
  if (pick(0, 3) == 0) {  // the direct 1x1 case
    s.k_h = s.k_w = s.stride_h = s.stride_w = 1;
    s.pad_h = s.pad_w = 0;
  }
  s.out_h = OutSize(s.in_h, s.k_h, s.stride_h, s.dilation_h, s.pad_h);
  s.out_w = OutSize(s.in_w, s.k_w, s.stride_w, s.dilation_w, s.pad_w);
  if (s.out_h < 1 || s.out_w < 1) return RandomCase(rng, depthwise, mode);
  s.input_zero_point = pick(-128, 127);
  auto bytes = [&](size_t n) {
    std::vector<int8_t> v(n);
    for (auto& x : v) x = static_cast<int8_t>(pick(-128, 127));
    return v;
  };
  c.input = bytes(size_t(s.batches) * s.in_h * s.in_w * s.in_c);
  const int per_filter = depthwise ? 1 : s.in_c;
  c.filter = bytes(size_t(s.out_c) * s.k_h * s.k_w * per_filter);
  if (pick(0, 1)) {
    c.bias.resize(s.out_c);
    for (auto& b : c.bias) {
      // Now and then a huge bias, so the int32 sum wraps.
      b = pick(0, 9) == 0 ? pick(-2147483647, 2147483647) : pick(-5000, 5000);
    }
  }
  c.rq.mode = mode;
  c.rq.output_zero_point = pick(-20, 20);
  c.rq.act_min = pick(0, 1) ? -128 : pick(-128, 0);
  c.rq.act_max = pick(0, 1) ? 127 : pick(1, 127);
  for (int o = 0; o < s.out_c; ++o) {
    // Below 1: the fast paths take right shifts only (MakeInt8Requant).
    const double real =
        std::ldexp(0.5 + 0.4999 * pick(0, 1000) / 1000.0, -pick(0, 14));
    const auto q = quant::QuantizeMultiplier(real);
    c.rq.multiplier.push_back(q.multiplier);
    c.rq.right_shift.push_back(-q.shift);
    c.rq.scale.push_back(static_cast<float>(real));
  }
  return c;
}

// The scalar rule, one output channel of one pixel.
int8_t Expected(const Case& c, bool depthwise, int b, int oy, int ox, int o) {
  const ConvInt8Shape& s = c.s;
  uint32_t acc = c.bias.empty() ? 0u : static_cast<uint32_t>(c.bias[o]);
  const int ic0 = depthwise ? o : 0, ics = depthwise ? 1 : s.in_c;
  for (int ky = 0; ky < s.k_h; ++ky) {
    const int iy = oy * s.stride_h - s.pad_h + ky * s.dilation_h;
    if (iy < 0 || iy >= s.in_h) continue;
    for (int kx = 0; kx < s.k_w; ++kx) {
      const int ix = ox * s.stride_w - s.pad_w + kx * s.dilation_w;
      if (ix < 0 || ix >= s.in_w) continue;
      for (int i = 0; i < ics; ++i) {
        const int x =
            c.input[((size_t(b) * s.in_h + iy) * s.in_w + ix) * s.in_c + ic0 +
                    i];
        const int w =
            depthwise
                ? c.filter[size_t(ky * s.k_w + kx) * s.out_c + o]
                : c.filter[((size_t(o) * s.k_h + ky) * s.k_w + kx) * s.in_c +
                           i];
        acc += static_cast<uint32_t>((x - s.input_zero_point) * w);
      }
    }
  }
  const int32_t sum = static_cast<int32_t>(acc);
  int64_t q;
  if (c.rq.mode == Requant::kDoubleRounding) {
    q = quant::MultiplyByQuantizedMultiplier(sum, c.rq.multiplier[o],
                                             -c.rq.right_shift[o]);
  } else {
    q = static_cast<int64_t>(
        std::nearbyint(static_cast<float>(sum) * c.rq.scale[o]));
  }
  q += c.rq.output_zero_point;
  return static_cast<int8_t>(
      std::clamp<int64_t>(q, c.rq.act_min, c.rq.act_max));
}

void CheckAll(const Case& c, bool depthwise, const std::vector<int8_t>& out,
              int index) {
  const ConvInt8Shape& s = c.s;
  int wrong = 0;
  for (int b = 0; b < s.batches; ++b)
    for (int oy = 0; oy < s.out_h; ++oy)
      for (int ox = 0; ox < s.out_w; ++ox)
        for (int o = 0; o < s.out_c; ++o) {
          const int8_t got =
              out[((size_t(b) * s.out_h + oy) * s.out_w + ox) * s.out_c + o];
          const int8_t want = Expected(c, depthwise, b, oy, ox, o);
          if (got != want && ++wrong <= 3) {
            ADD_FAILURE() << "case " << index << " at (" << b << "," << oy
                          << "," << ox << "," << o << "): " << int(got)
                          << " vs " << int(want) << "; in " << s.in_h << "x"
                          << s.in_w << "x" << s.in_c << " out_c " << s.out_c
                          << " k " << s.k_h << "x" << s.k_w << " stride "
                          << s.stride_h << "," << s.stride_w;
          }
        }
}

void RunCasesOnce(bool depthwise, Requant mode) {
  std::mt19937 rng(depthwise * 2 + (mode == Requant::kFloat));
  ThreadPool two(2);
  for (int index = 0; index < 120; ++index) {
    const Case c = RandomCase(rng, depthwise, mode);
    const ConvInt8Shape& s = c.s;
    ThreadPool* pool = index % 2 ? &two : nullptr;
    std::vector<int8_t> out(size_t(s.batches) * s.out_h * s.out_w * s.out_c +
                            64);
    // Input with slack: the kernels may read up to 3 bytes past a row.
    std::vector<int8_t> input = c.input;
    input.resize(input.size() + 64);
    if (depthwise) {
      DepthwiseInt8 k;
      k.Prepare(s, c.rq);
      ASSERT_TRUE(
          k.Pack(c.filter.data(), c.bias.empty() ? nullptr : c.bias.data()));
      k.Run(input.data(), out.data(), pool);
    } else {
      ConvInt8 k;
      k.Prepare(s, c.rq, pool ? 2 : 1);
      ASSERT_TRUE(
          k.Pack(c.filter.data(), c.bias.empty() ? nullptr : c.bias.data()));
      std::vector<int8_t> scratch(k.scratch_bytes() + 64);
      k.Run(input.data(), out.data(), scratch.data(), pool);
    }
    CheckAll(c, depthwise, out, index);
  }
}

// The kernels as this CPU runs them (VNNI where it has it), then the Highway
// kernels on every target.
template <typename F>
void OnEveryPath(F&& f) {
  if (HasInt8Vnni()) {
    SCOPED_TRACE("VNNI");
    f();
  }
  SetInt8VnniForTest(false);
  ForEachTarget(f);
  SetInt8VnniForTest(true);
}

void RunCases(bool depthwise, Requant mode) {
  OnEveryPath([&] { RunCasesOnce(depthwise, mode); });
}

TEST(FastInt8Test, ConvDoubleRoundingMatchesTheScalarRule) {
  RunCases(false, Requant::kDoubleRounding);
}
TEST(FastInt8Test, ConvFloatRequantMatchesTheScalarRule) {
  RunCases(false, Requant::kFloat);
}
TEST(FastInt8Test, DepthwiseDoubleRoundingMatchesTheScalarRule) {
  RunCases(true, Requant::kDoubleRounding);
}
TEST(FastInt8Test, DepthwiseFloatRequantMatchesTheScalarRule) {
  RunCases(true, Requant::kFloat);
}

}  // namespace
}  // namespace litert::fast

// Blockwise INT4 FULLY_CONNECTED in XNNPACK's numerics: the fast path equals
// quant::XnnpackBlockwiseDot bit for bit.
#include "ops/fast/blockwise_int4.h"
#include "ops/half.h"
#include "ops/quant/hybrid.h"

namespace litert::fast {
namespace {

void CheckBlockwiseCases();

TEST(FastInt8Test, BlockwiseInt4MatchesXnnpackBlockwiseDotOnEveryPath) {
  OnEveryPath([] { CheckBlockwiseCases(); });
}

void CheckBlockwiseCases() {
  std::mt19937 rng(11);
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  ThreadPool two(2);
  for (int c = 0; c < 40; ++c) {
    const int block = 32 * pick(1, 3), units = pick(1, 40);
    const int depth = block * pick(1, 4);
    std::vector<uint8_t> w(size_t(units) * depth / 2);
    for (auto& b : w) b = static_cast<uint8_t>(pick(0, 255));
    quant::BlockwiseWeights bw;
    bw.block_size = block;
    bw.blocks_per_row = depth / block;
    std::vector<uint16_t> scales(size_t(units) * bw.blocks_per_row);
    for (auto& s : scales)
      s = FloatToHalf(std::ldexp(pick(1, 1000) / 1000.f, -4));
    bw.scales = scales.data();
    bw.bfloat16_scales = true;
    const quant::Int4WeightReader reader{w.data()};
    const auto packing = quant::PackXnnpackBlockwise(bw, reader, units, depth);
    BlockwiseInt4 fast;
    ASSERT_TRUE(fast.Pack(w.data(), units, depth, block, packing.scale16,
                          packing.kernel_sum));
    std::vector<float> x(depth), bias(units);
    for (auto& v : x) v = pick(-1000, 1000) / 300.f;
    for (auto& v : bias) v = pick(-100, 100) / 10.f;
    std::vector<int8_t> q(depth);
    const auto iq = quant::QuantizeInputXnnpack(x.data(), depth, q.data());
    std::vector<uint32_t> words(depth / 2);
    std::vector<float> got(units);
    fast.Run(q.data(), iq.zero_point, iq.scale, bias.data(), -1e30f, 1e30f,
             words.data(), got.data(), c % 2 ? &two : nullptr);
    for (int u = 0; u < units; ++u) {
      const float want = quant::XnnpackBlockwiseDot(packing, bw, reader, u,
                                                    depth, q.data(), iq) +
                         bias[u];
      ASSERT_EQ(got[u], want) << "case " << c << " unit " << u;
    }
  }
}

}  // namespace
}  // namespace litert::fast

// Quantized ADD, SUB and MUL: the fast path equals LiteRT's fixed-point rules
// (ops/binary/add_sub.h, mul.cc) over random broadcasts, int8, uint8, int16.
#include "ops/broadcast.h"
#include "ops/fast/quant_binary.h"

namespace litert::fast {
namespace {

// Random shapes of rank 0 to 4 and a partner that broadcasts against them.
void RandomBroadcast(std::mt19937& rng, Shape* a, Shape* b) {
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  a->assign(pick(0, 4), 1);
  for (auto& d : *a) d = pick(1, 6);
  if (pick(0, 4) == 0) a->push_back(pick(1, 40000));  // long rows, threads
  b->assign(a->end() - pick(0, static_cast<int>(a->size())), a->end());
  for (auto& d : *b) d = pick(0, 2) == 0 ? 1 : d;
  if (pick(0, 1)) std::swap(*a, *b);
}

template <typename T>
void CheckQuantBinaryCase(std::mt19937& rng, QuantBinaryOp op, ThreadPool* pool,
                          int c) {
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  constexpr bool int16 = sizeof(T) == 2;
  const int lo = std::numeric_limits<T>::min(),
            hi = std::numeric_limits<T>::max();
  QuantBinaryParams p;
  p.op = op;
  p.zp1 = int16 ? 0 : pick(lo, hi);
  p.zp2 = int16 ? 0 : pick(lo, hi);
  p.zp_out = int16 ? 0 : pick(lo, hi) / 4;
  p.act_min = pick(lo, lo + 20);
  p.act_max = pick(hi - 20, hi);
  const double s1 = pick(1, 1000) / 1e4, s2 = pick(1, 1000) / 1e4,
               so = pick(1, 1000) / (int16 ? 2e3 / 256 : 2e3);
  quant::QuantizedMultiplier m1{}, m2{}, mo;
  if (op == QuantBinaryOp::kMul) {
    mo = quant::QuantizeMultiplier(s1 * s2 / so * (int16 ? 1.0 / 64 : 1.0));
  } else {
    p.left_shift = int16 ? 15 : 20;
    const double twice_max = 2 * std::max(s1, s2);
    m1 = quant::QuantizeMultiplier(s1 / twice_max);
    m2 = quant::QuantizeMultiplier(s2 / twice_max);
    mo = quant::QuantizeMultiplier(twice_max / ((1 << p.left_shift) * so));
  }
  if (mo.shift > 0 || m1.shift > 0 || m2.shift > 0) return;
  p.m1 = m1.multiplier, p.m2 = m2.multiplier, p.m_out = mo.multiplier;
  p.shift1 = -m1.shift, p.shift2 = -m2.shift, p.shift_out = -mo.shift;
  Shape sa, sb;
  RandomBroadcast(rng, &sa, &sb);
  BroadcastIndexer bc;
  ASSERT_TRUE(bc.Init(sa, sb));
  std::vector<T> a(NumElements(sa)), b(NumElements(sb)), out(bc.num_elements());
  for (auto& v : a) v = static_cast<T>(pick(lo, hi));
  for (auto& v : b) v = static_cast<T>(pick(lo, hi));
  QuantBinary(p, bc, a.data(), b.data(), out.data(), pool);
  int wrong = 0;
  bc.ForEach([&](int64_t o, int64_t ia, int64_t ib) {
    const int32_t x = a[ia] - p.zp1, y = b[ib] - p.zp2;
    int32_t v;
    if (op == QuantBinaryOp::kMul) {
      v = quant::MultiplyByQuantizedMultiplier(x * y, mo);
    } else {
      const int32_t sx =
          quant::MultiplyByQuantizedMultiplier(x * (1 << p.left_shift), m1);
      const int32_t sy =
          quant::MultiplyByQuantizedMultiplier(y * (1 << p.left_shift), m2);
      v = quant::MultiplyByQuantizedMultiplier(
          op == QuantBinaryOp::kSub ? sx - sy : sx + sy, mo);
    }
    const int32_t want = std::clamp(v + p.zp_out, p.act_min, p.act_max);
    if (out[o] != want && ++wrong <= 3) {
      ADD_FAILURE() << "case " << c << " op " << int(op) << " bytes "
                    << sizeof(T) << " at " << o << ": " << int(out[o]) << " vs "
                    << want << " shapes " << ShapeToString(sa) << " "
                    << ShapeToString(sb);
    }
  });
}

void CheckQuantBinaryCases() {
  std::mt19937 rng(5);
  ThreadPool two(2);
  for (int c = 0; c < 90; ++c) {
    const QuantBinaryOp op = static_cast<QuantBinaryOp>(c % 3);
    ThreadPool* pool = c % 2 ? &two : nullptr;
    switch ((c / 3) % 3) {
      case 0:
        CheckQuantBinaryCase<int8_t>(rng, op, pool, c);
        break;
      case 1:
        CheckQuantBinaryCase<uint8_t>(rng, op, pool, c);
        break;
      default:
        CheckQuantBinaryCase<int16_t>(rng, op, pool, c);
    }
  }
}

TEST(FastInt8Test, QuantizedAddSubMulMatchTheScalarRulesOnEveryTarget) {
  ForEachTarget([] { CheckQuantBinaryCases(); });
}

}  // namespace
}  // namespace litert::fast

// Hybrid FULLY_CONNECTED with int8 weights: the fast path equals the
// reference's float(sum (q - zp) * w) * (scale * unit_scale) + bias.
#include "ops/fast/hybrid_int8.h"

namespace litert::fast {
namespace {

void CheckHybridCases();

TEST(FastInt8Test, HybridInt8MatchesTheReferenceFormulaOnEveryPath) {
  OnEveryPath([] { CheckHybridCases(); });
}

void CheckHybridCases() {
  std::mt19937 rng(13);
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  ThreadPool two(2);
  for (int c = 0; c < 60; ++c) {
    const int units = pick(1, 70), depth = pick(1, 300);
    std::vector<int8_t> w(size_t(units) * depth), q(depth);
    for (auto& v : w) v = static_cast<int8_t>(pick(-127, 127));
    for (auto& v : q) v = static_cast<int8_t>(pick(-128, 127));
    std::vector<float> unit_scale(units), bias(units);
    for (auto& v : unit_scale) v = pick(1, 1000) / 1e5f;
    for (auto& v : bias) v = pick(-100, 100) / 10.f;
    const int32_t zp = pick(-128, 127);
    const float scale = pick(1, 1000) / 1e4f;
    const float lo = pick(0, 1) ? -1e30f : -0.5f, hi = pick(0, 1) ? 1e30f : 6.f;
    HybridInt8 fast;
    ASSERT_TRUE(fast.Pack(w.data(), units, depth, unit_scale));
    std::vector<uint32_t> words(depth / 2 + 2);
    std::vector<float> got(units);
    fast.Run(q.data(), zp, scale, bias.data(), lo, hi, words.data(), got.data(),
             c % 2 ? &two : nullptr);
    for (int u = 0; u < units; ++u) {
      int64_t sum = 0;
      for (int k = 0; k < depth; ++k) {
        sum += (int32_t{q[k]} - zp) * w[size_t(u) * depth + k];
      }
      float want = static_cast<float>(sum) * (scale * unit_scale[u]) + bias[u];
      want = want < lo ? lo : (want > hi ? hi : want);
      ASSERT_EQ(got[u], want) << "case " << c << " unit " << u;
    }
  }
}

}  // namespace
}  // namespace litert::fast

// int8 FULLY_CONNECTED's matrix product: the packed kernels with LiteRT's
// single rounding equal the reference rule bit for bit.
#include "ops/quant/per_channel.h"

namespace litert::fast {
namespace {

void CheckSingleRoundingGemm() {
  std::mt19937 rng(17);
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  ThreadPool two(2);
  for (int c = 0; c < 80; ++c) {
    const int m = pick(1, 9), k = 4 * pick(1, 60), n = pick(1, 50);
    const int32_t a_zp = pick(-128, 127);
    std::vector<int8_t> a(size_t(m) * k), w(size_t(n) * k);
    for (auto& v : a) v = static_cast<int8_t>(pick(-128, 127));
    for (auto& v : w) v = static_cast<int8_t>(pick(-127, 127));
    std::vector<int32_t> bias(n);
    for (auto& v : bias) v = pick(-100000, 100000);
    if (c % 9 == 0) bias[0] = INT32_MAX - 5;  // sums that wrap
    quant::ConvRequant ref;
    ref.output_zero_point = pick(-20, 20);
    ref.act_min = pick(-128, -100);
    ref.act_max = pick(100, 127);
    Int8Requant rq;
    rq.mode = Requant::kSingleRounding;
    for (int j = 0; j < n; ++j) {
      // Real multipliers from 2^-40 to just below 1.
      const double real =
          std::ldexp(pick(1, 1 << 20) / double(1 << 20), -pick(0, 40));
      const quant::QuantizedMultiplier q = quant::QuantizeMultiplier(real);
      ASSERT_LE(q.shift, 0);
      ref.multiplier.push_back(q);
      rq.multiplier.push_back(q.multiplier);
      rq.right_shift.push_back(31 - q.shift);
    }
    rq.multiplier.resize((n + 15) / 16 * 16, 0);
    rq.right_shift.resize((n + 15) / 16 * 16, 31);
    rq.output_zero_point = ref.output_zero_point;
    rq.act_min = ref.act_min;
    rq.act_max = ref.act_max;
    PackedInt8Weights packed;
    ASSERT_TRUE(packed.Pack(w.data(), n, k, bias.data(), a_zp));
    std::vector<int8_t> out(size_t(m) * n);
    // Two column ranges, as threads split them.
    const int split = std::min(n, 16 * pick(0, (n + 15) / 16));
    packed.Run(a.data(), k, m, 0, split, rq, out.data(), n);
    packed.Run(a.data(), k, m, split, n, rq, out.data(), n);
    for (int i = 0; i < m; ++i) {
      for (int j = 0; j < n; ++j) {
        uint32_t acc = static_cast<uint32_t>(bias[j]);
        for (int kk = 0; kk < k; ++kk) {
          acc += static_cast<uint32_t>((a[size_t(i) * k + kk] - a_zp) *
                                       w[size_t(j) * k + kk]);
        }
        const int32_t want = quant::RequantizeFullyConnectedAcc(
            static_cast<int32_t>(acc), ref.multiplier[j], ref);
        ASSERT_EQ(out[size_t(i) * n + j], want)
            << "case " << c << " at " << i << "," << j << " k " << k;
      }
    }
  }
}

TEST(FastInt8Test, SingleRoundingGemmMatchesTheFullyConnectedRule) {
  OnEveryPath([] { CheckSingleRoundingGemm(); });
}

}  // namespace
}  // namespace litert::fast

// int16 x int8 matrix products: the packed kernel with LiteRT's Q15 rounding
// (BATCH_MATMUL 16x8) or single rounding with a bias (FULLY_CONNECTED 16x8)
// equals the reference rule bit for bit.
namespace litert::fast {
namespace {

void CheckInt16Gemm(Requant mode) {
  std::mt19937 rng(19);
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  for (int c = 0; c < 60; ++c) {
    // k below 512: the int32 sums of int16 x int8 products cannot overflow.
    // With a bias (below 2^29), k below 256 keeps the exact sum in int32 too.
    const int m = pick(1, 9), k = 4 * pick(1, mode == Requant::kQ15 ? 127 : 63),
              n = pick(1, 50);
    std::vector<int16_t> a(size_t(m) * k);
    std::vector<int8_t> w(size_t(n) * k);
    for (auto& v : a) v = static_cast<int16_t>(pick(-32768, 32767));
    for (auto& v : w) v = static_cast<int8_t>(pick(-128, 127));
    if (c % 7 == 0) {  // the largest sums
      for (auto& v : a) v = -32768;
      for (auto& v : w) v = -128;
    }
    Int8Requant rq;
    rq.mode = mode;
    rq.act_min = -32768;
    rq.act_max = 32767;
    const bool q15 = mode == Requant::kQ15;
    std::vector<int32_t> bias(n, 0);
    if (!q15) {
      for (auto& v : bias) v = pick(-(1 << 29), 1 << 29);
    }
    std::vector<quant::QuantizedMultiplier> ref;
    for (int j = 0; j < n; ++j) {
      const double real =
          std::ldexp(pick(1, 1 << 20) / double(1 << 20), -pick(0, 30));
      const quant::QuantizedMultiplier q = quant::QuantizeMultiplier(real);
      ref.push_back(q);
      rq.multiplier.push_back(!q15 ? q.multiplier
                              : q.multiplier < 0x7FFF0000
                                  ? (q.multiplier + (1 << 15)) >> 16
                                  : 0x7FFF);
      rq.right_shift.push_back(q15 ? 15 - q.shift : 31 - q.shift);
    }
    rq.multiplier.resize((n + 15) / 16 * 16, 0);
    rq.right_shift.resize((n + 15) / 16 * 16, q15 ? 15 : 31);
    PackedInt8Weights packed;
    ASSERT_TRUE(
        packed.Pack(w.data(), n, k, q15 ? nullptr : bias.data(), 0, true));
    std::vector<int16_t> out(size_t(m) * n);
    const int split = std::min(n, 16 * pick(0, (n + 15) / 16));
    packed.RunInt16(a.data(), k, m, 0, split, rq, out.data(), n);
    packed.RunInt16(a.data(), k, m, split, n, rq, out.data(), n);
    for (int i = 0; i < m; ++i) {
      for (int j = 0; j < n; ++j) {
        int64_t sum = bias[j];
        for (int kk = 0; kk < k; ++kk) {
          sum += int64_t{a[size_t(i) * k + kk]} * w[size_t(j) * k + kk];
        }
        const int64_t scaled =
            q15 ? quant::MultiplyByQuantizedMultiplierQ15(sum, ref[j])
                : quant::MultiplyByQuantizedMultiplierSingleRounding(sum,
                                                                     ref[j]);
        const int64_t want = std::clamp<int64_t>(scaled, -32768, 32767);
        ASSERT_EQ(out[size_t(i) * n + j], want)
            << "case " << c << " at " << i << "," << j << " k " << k;
      }
    }
  }
}

TEST(FastInt8Test, Int16GemmMatchesTheQ15RuleOnEveryTarget) {
  ForEachTarget([] { CheckInt16Gemm(Requant::kQ15); });
}

TEST(FastInt8Test, Int16GemmMatchesTheSingleRoundingRuleOnEveryTarget) {
  ForEachTarget([] { CheckInt16Gemm(Requant::kSingleRounding); });
}

}  // namespace
}  // namespace litert::fast
