// DEPTHWISE_CONV_2D reference kernel: hand-computed cases, an independent
// real-valued reference for the quantized paths, LiteRT's rounding at exact
// ties, and the errors Prepare must give.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "ops/op_tester.h"

namespace litert {
namespace {

using testing::OpTester;

constexpr int kSame = 0, kValid = 1;
constexpr int kNone = 0, kRelu = 1, kReluN1To1 = 2, kRelu6 = 3, kSignBit = 5;

// Deterministic numbers that do not depend on the standard library's
// distributions.
class Lcg {
 public:
  explicit Lcg(uint64_t seed) : s_(seed) {}
  int Int(int lo, int hi) {  // [lo, hi]
    s_ = s_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return lo +
           static_cast<int>((s_ >> 33) % static_cast<uint64_t>(hi - lo + 1));
  }
  float Float(float lo, float hi) {
    return lo + (hi - lo) * Int(0, 1 << 20) / float(1 << 20);
  }

 private:
  uint64_t s_;
};

struct Geometry {
  int n = 1, h = 1, w = 1, cin = 1;  // input [n, h, w, cin]
  int kh = 1, kw = 1, dm = 1;        // filter [1, kh, kw, cin * dm]
  int padding = kValid, stride_h = 1, stride_w = 1, dil_h = 1, dil_w = 1,
      act = kNone;
  int cout() const { return cin * dm; }
};

// Output size and padding written from the format's definition, not from
// op_util.h.
void OutSize(int in, int k, int stride, int dil, int padding, int* out,
             int* pad) {
  const int eff = (k - 1) * dil + 1;
  *out = padding == kSame ? (in + stride - 1) / stride
                          : (in - eff + stride) / stride;
  *pad = std::max(0, (*out - 1) * stride + eff - in) / 2;
}

// Real-valued depthwise convolution on an explicitly zero-padded input.
std::vector<double> RealDepthwise(const Geometry& g,
                                  const std::vector<double>& x,
                                  const std::vector<double>& w,
                                  const std::vector<double>& b,
                                  Shape* out_shape) {
  int oh, ow, ph, pw;
  OutSize(g.h, g.kh, g.stride_h, g.dil_h, g.padding, &oh, &ph);
  OutSize(g.w, g.kw, g.stride_w, g.dil_w, g.padding, &ow, &pw);
  const int hp = g.h + 2 * ph + g.kh * g.dil_h,
            wp = g.w + 2 * pw + g.kw * g.dil_w;
  std::vector<double> padded(size_t(g.n) * hp * wp * g.cin, 0.0);
  for (int n = 0; n < g.n; ++n)
    for (int y = 0; y < g.h; ++y)
      for (int x_ = 0; x_ < g.w; ++x_)
        for (int c = 0; c < g.cin; ++c)
          padded[((size_t(n) * hp + y + ph) * wp + x_ + pw) * g.cin + c] =
              x[((size_t(n) * g.h + y) * g.w + x_) * g.cin + c];
  std::vector<double> out;
  for (int n = 0; n < g.n; ++n)
    for (int y = 0; y < oh; ++y)
      for (int x_ = 0; x_ < ow; ++x_)
        for (int c = 0; c < g.cin; ++c)
          for (int m = 0; m < g.dm; ++m) {
            const int o = c * g.dm + m;
            double acc = b.empty() ? 0.0 : b[o];
            for (int ky = 0; ky < g.kh; ++ky)
              for (int kx = 0; kx < g.kw; ++kx) {
                const int py = y * g.stride_h + ky * g.dil_h,
                          px = x_ * g.stride_w + kx * g.dil_w;
                acc += padded[((size_t(n) * hp + py) * wp + px) * g.cin + c] *
                       w[(size_t(ky) * g.kw + kx) * g.cout() + o];
              }
            out.push_back(acc);
          }
  *out_shape = {g.n, oh, ow, g.cout()};
  return out;
}

void SetOptions(OpTester& t, const Geometry& g) {
  t.SetOptions(fb::BuiltinOptions::DepthwiseConv2DOptions,
               fb::CreateDepthwiseConv2DOptions(t.fbb(), g.padding, g.stride_w,
                                                g.stride_h, g.dm, g.act,
                                                g.dil_w, g.dil_h)
                   .Union());
}

double ApplyActivation(double v, int act) {
  if (act == kRelu) return std::max(v, 0.0);
  if (act == kRelu6) return std::clamp(v, 0.0, 6.0);
  if (act == kReluN1To1) return std::clamp(v, -1.0, 1.0);
  return v;
}

TEST(DepthwiseConv2DTest, FloatDepthMultiplier2HandComputed) {
  // input 2x2x2: channel 0 = [1 2; 3 4], channel 1 = [10 20; 30 40]; 2x2
  // filter, VALID. out channel 0 (in 0): weights 1 -> 10; out 1 (in 0): weights
  // [1 0; 0 1] -> 5 out channel 2 (in 1): weights 0.5 -> 50; out 3 (in 1): [0
  // 1; 1 0] -> 50; bias 0,1,2,3
  OpTester t;
  t.AddInput<float>(DType::kFloat32, {1, 2, 2, 2},
                    {1, 10, 2, 20, 3, 30, 4, 40});
  t.AddConstInput<float>(
      DType::kFloat32, {1, 2, 2, 4},
      {1, 1, .5f, 0, 1, 0, .5f, 1, 1, 0, .5f, 1, 1, 1, .5f, 0});
  t.AddConstInput<float>(DType::kFloat32, {4}, {0, 1, 2, 3});
  const int out = t.AddOutput(DType::kFloat32);
  Geometry g;
  g.cin = 2, g.dm = 2;
  SetOptions(t, g);
  Status st = t.Run(fb::BuiltinOperator::DEPTHWISE_CONV_2D);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(t.OutputShape(out), (Shape{1, 1, 1, 4}));
  EXPECT_EQ(t.Output<float>(out), (std::vector<float>{10.f, 6.f, 52.f, 53.f}));
}

TEST(DepthwiseConv2DTest, FloatSameStride2HandComputed) {
  // input 4x4 = 1..16, 3x3 ones, SAME stride 2 (padding only after): as for
  // CONV_2D.
  std::vector<float> x(16);
  for (int i = 0; i < 16; ++i) x[i] = float(i + 1);
  OpTester t;
  t.AddInput<float>(DType::kFloat32, {1, 4, 4, 1}, x);
  t.AddConstInput<float>(DType::kFloat32, {1, 3, 3, 1},
                         std::vector<float>(9, 1.f));
  const int out = t.AddOutput(DType::kFloat32);
  Geometry g;
  g.padding = kSame;
  g.stride_h = g.stride_w = 2;
  SetOptions(t, g);
  ASSERT_TRUE(t.Run(fb::BuiltinOperator::DEPTHWISE_CONV_2D).ok());
  EXPECT_EQ(t.OutputShape(out), (Shape{1, 2, 2, 1}));
  EXPECT_EQ(t.Output<float>(out), (std::vector<float>{54.f, 45.f, 72.f, 54.f}));
}

TEST(DepthwiseConv2DTest, FloatFusedActivations) {
  const std::vector<float> x = {-3.f, -0.5f, 0.5f, 3.f, 8.f};
  const struct {
    int act;
    std::vector<float> want;
  } cases[] = {{kNone, {-3.f, -0.5f, 0.5f, 3.f, 8.f}},
               {kRelu, {0.f, 0.f, 0.5f, 3.f, 8.f}},
               {kRelu6, {0.f, 0.f, 0.5f, 3.f, 6.f}},
               {kReluN1To1, {-1.f, -0.5f, 0.5f, 1.f, 1.f}}};
  for (const auto& c : cases) {
    OpTester t;
    t.AddInput<float>(DType::kFloat32, {1, 1, 1, 5}, x);
    t.AddConstInput<float>(DType::kFloat32, {1, 1, 1, 5},
                           std::vector<float>(5, 1.f));
    const int out = t.AddOutput(DType::kFloat32);
    Geometry g;
    g.act = c.act;
    SetOptions(t, g);
    ASSERT_TRUE(t.Run(fb::BuiltinOperator::DEPTHWISE_CONV_2D).ok());
    EXPECT_EQ(t.Output<float>(out), c.want) << "activation " << c.act;
  }
}

TEST(DepthwiseConv2DTest, FloatMatchesRealDepthwiseAcrossGeometries) {
  Geometry g;
  g.n = 2, g.h = 7, g.w = 6, g.cin = 3, g.dm = 2, g.kh = 3, g.kw = 2;
  for (int padding : {kSame, kValid}) {
    for (int stride : {1, 2}) {
      for (int dil : {1, 2}) {
        g.padding = padding;
        g.stride_h = stride, g.stride_w = 3 - stride;
        g.dil_h = dil, g.dil_w = 3 - dil;
        g.act = (stride + dil + padding) % 4;
        SCOPED_TRACE(::testing::Message() << "padding " << padding << " stride "
                                          << stride << " dilation " << dil);
        Lcg rng(31 + stride * 4 + dil);
        std::vector<float> x(size_t(g.n) * g.h * g.w * g.cin),
            w(size_t(g.kh) * g.kw * g.cout()), b(g.cout());
        for (float& v : x) v = rng.Float(-2.f, 2.f);
        for (float& v : w) v = rng.Float(-1.f, 1.f);
        for (float& v : b) v = rng.Float(-1.f, 1.f);
        OpTester t;
        t.AddInput<float>(DType::kFloat32, {g.n, g.h, g.w, g.cin}, x);
        t.AddConstInput<float>(DType::kFloat32, {1, g.kh, g.kw, g.cout()}, w);
        t.AddConstInput<float>(DType::kFloat32, {g.cout()}, b);
        const int out = t.AddOutput(DType::kFloat32);
        SetOptions(t, g);
        Status st = t.Run(fb::BuiltinOperator::DEPTHWISE_CONV_2D);
        ASSERT_TRUE(st.ok()) << st.message();
        Shape want_shape;
        const std::vector<double> want =
            RealDepthwise(g, std::vector<double>(x.begin(), x.end()),
                          std::vector<double>(w.begin(), w.end()),
                          std::vector<double>(b.begin(), b.end()), &want_shape);
        ASSERT_EQ(t.OutputShape(out), want_shape);
        const std::vector<float> got = t.Output<float>(out);
        ASSERT_EQ(got.size(), want.size());
        for (size_t i = 0; i < got.size(); ++i) {
          EXPECT_NEAR(got[i], ApplyActivation(want[i], g.act), 1e-4)
              << "element " << i;
        }
      }
    }
  }
}

TEST(DepthwiseConv2DTest, DepthMultiplierOptionIsIgnored) {
  // LiteRT derives the multiplier from the shapes (Cout / Cin); the option may
  // say anything.
  OpTester t;
  t.AddInput<float>(DType::kFloat32, {1, 1, 1, 2}, {1.f, 2.f});
  t.AddConstInput<float>(DType::kFloat32, {1, 1, 1, 4}, {1.f, 2.f, 3.f, 4.f});
  const int out = t.AddOutput(DType::kFloat32);
  Geometry g;
  g.dm = 0;
  SetOptions(t, g);
  ASSERT_TRUE(t.Run(fb::BuiltinOperator::DEPTHWISE_CONV_2D).ok());
  EXPECT_EQ(t.Output<float>(out), (std::vector<float>{1.f, 2.f, 6.f, 8.f}));
}

// Quantized depthwise of deterministic data against the real-valued formula;
// data whose expected values lie closer to a rounding tie than the fixed-point
// arithmetic can move them (effective scale, plus 2^-15 of the value on the
// int64 path) is regenerated with the next seed.
struct QuantSpec {
  Geometry g;
  DType act_type = DType::kInt8;
  std::vector<float> filter_scales;  // 1 or cout, along dimension 3
  float in_scale = 0.05f, out_scale = 0.5f;
  int in_zp = 0, out_zp = 0;
  uint64_t seed = 1;
};

void CheckQuantDepthwise(const QuantSpec& s) {
  const Geometry& g = s.g;
  const bool int8 = s.act_type == DType::kInt8;
  const int qlo = int8 ? -128 : -32768, qhi = int8 ? 127 : 32767;
  const int cout = g.cout();
  auto fscale = [&](int c) {
    return s.filter_scales[s.filter_scales.size() == 1 ? 0 : c];
  };
  double max_effective_scale = 0;
  for (int c = 0; c < cout; ++c) {
    max_effective_scale = std::max(
        max_effective_scale, double(s.in_scale) * fscale(c) / s.out_scale);
  }
  std::vector<int32_t> xq(size_t(g.n) * g.h * g.w * g.cin),
      wq(size_t(g.kh) * g.kw * cout), bq(cout);
  std::vector<double> real;
  Shape want_shape;
  bool found = false;
  for (uint64_t seed = s.seed; seed < s.seed + 200 && !found; ++seed) {
    Lcg rng(seed);
    for (int32_t& v : xq) v = int8 ? rng.Int(-128, 127) : rng.Int(-3000, 3000);
    for (int32_t& v : wq) v = rng.Int(-127, 127);
    for (int32_t& v : bq) v = rng.Int(-5000, 5000);
    std::vector<double> x(xq.size()), w(wq.size()), b(bq.size());
    for (size_t i = 0; i < xq.size(); ++i)
      x[i] = double(s.in_scale) * (xq[i] - s.in_zp);
    for (size_t i = 0; i < wq.size(); ++i)
      w[i] = double(fscale(int(i % cout))) * wq[i];
    for (int c = 0; c < cout; ++c)
      b[c] = double(s.in_scale) * fscale(c) * bq[c];
    real = RealDepthwise(g, x, w, b, &want_shape);
    found = true;
    for (double& v : real) {
      v = ApplyActivation(v, g.act) / s.out_scale;
      const double margin =
          1e-6 + max_effective_scale + (int8 ? 0.0 : std::abs(v) * 3.1e-5);
      found = found && std::abs(v - std::floor(v) - 0.5) > margin;
    }
  }
  ASSERT_TRUE(found) << "no tie-free data found";

  OpTester t;
  QuantParams qin{{s.in_scale}, {s.in_zp}, 0},
      qout{{s.out_scale}, {s.out_zp}, 0};
  QuantParams qw{s.filter_scales,
                 std::vector<int64_t>(s.filter_scales.size(), 0), 3};
  if (int8) {
    t.AddInput<int8_t>(DType::kInt8, {g.n, g.h, g.w, g.cin},
                       std::vector<int8_t>(xq.begin(), xq.end()), qin);
  } else {
    t.AddInput<int16_t>(DType::kInt16, {g.n, g.h, g.w, g.cin},
                        std::vector<int16_t>(xq.begin(), xq.end()), qin);
  }
  t.AddConstInput<int8_t>(DType::kInt8, {1, g.kh, g.kw, cout},
                          std::vector<int8_t>(wq.begin(), wq.end()), qw);
  if (int8) {
    t.AddConstInput<int32_t>(DType::kInt32, {cout}, bq);
  } else {
    t.AddConstInput<int64_t>(DType::kInt64, {cout},
                             std::vector<int64_t>(bq.begin(), bq.end()));
  }
  const int out = t.AddOutput(s.act_type, qout);
  SetOptions(t, g);
  Status st = t.Run(fb::BuiltinOperator::DEPTHWISE_CONV_2D);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(t.OutputShape(out), want_shape);
  std::vector<int32_t> got;
  if (int8) {
    for (int8_t v : t.Output<int8_t>(out)) got.push_back(v);
  } else {
    for (int16_t v : t.Output<int16_t>(out)) got.push_back(v);
  }
  ASSERT_EQ(got.size(), real.size());
  int unclamped = 0;
  for (size_t i = 0; i < real.size(); ++i) {
    const double q = std::round(real[i]) + s.out_zp;
    if (q > qlo && q < qhi) ++unclamped;
    EXPECT_EQ(got[i], int32_t(std::clamp(q, double(qlo), double(qhi))))
        << "element " << i;
  }
  EXPECT_GT(unclamped, int(real.size()) / 2) << "test data mostly saturates";
}

TEST(DepthwiseConv2DTest, Int8HandComputed) {
  // input q [20 30] (one pixel, 2 channels), scale 0.5, zp 10 -> real [5 10]
  // filter 1x1 per-channel: q [3 -4], scales [0.1 0.2] -> real [0.3 -0.8]
  // bias q [100 -50]: real 100*0.05 = 5, -50*0.1 = -5
  // real out [6.5, -13] / 0.7 = [9.29, -18.57] -> [9, -19] + zp 2 -> [11, -17]
  OpTester t;
  t.AddInput<int8_t>(DType::kInt8, {1, 1, 1, 2}, {20, 30}, {{0.5f}, {10}, 0});
  t.AddConstInput<int8_t>(DType::kInt8, {1, 1, 1, 2}, {3, -4},
                          {{0.1f, 0.2f}, {0, 0}, 3});
  t.AddConstInput<int32_t>(DType::kInt32, {2}, {100, -50});
  const int out = t.AddOutput(DType::kInt8, {{0.7f}, {2}, 0});
  SetOptions(t, Geometry{});
  Status st = t.Run(fb::BuiltinOperator::DEPTHWISE_CONV_2D);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(t.Output<int8_t>(out), (std::vector<int8_t>{11, -17}));
}

TEST(DepthwiseConv2DTest, Int8PerTensorMatchesRealFormula) {
  QuantSpec s;
  s.g.n = 2, s.g.h = 6, s.g.w = 5, s.g.cin = 3, s.g.dm = 1, s.g.kh = 3,
  s.g.kw = 3;
  s.g.padding = kSame;
  s.filter_scales = {0.01f};
  s.in_scale = 0.03f, s.in_zp = -7, s.out_zp = 3;
  for (int act : {kNone, kRelu, kRelu6, kReluN1To1}) {
    s.g.act = act;
    s.out_scale = act == kReluN1To1 ? 0.011f : 0.1f;
    SCOPED_TRACE(::testing::Message() << "activation " << act);
    CheckQuantDepthwise(s);
  }
}

TEST(DepthwiseConv2DTest, Int8PerChannelStrideDilationMatchesRealFormula) {
  QuantSpec s;
  s.g.h = 9, s.g.w = 8, s.g.cin = 2, s.g.dm = 3, s.g.kh = 3, s.g.kw = 2;
  s.filter_scales = {0.004f, 0.01f, 0.0062f, 0.008f, 0.005f, 0.009f};
  s.in_scale = 0.04f, s.out_scale = 0.12f, s.in_zp = 13, s.out_zp = -9;
  for (int padding : {kSame, kValid}) {
    s.g.padding = padding;
    s.g.stride_h = 2, s.g.stride_w = 1, s.g.dil_h = 1, s.g.dil_w = 2;
    SCOPED_TRACE(::testing::Message() << "padding " << padding);
    CheckQuantDepthwise(s);
  }
}

TEST(DepthwiseConv2DTest, Int16x8MatchesRealFormula) {
  QuantSpec s;
  s.g.h = 5, s.g.w = 4, s.g.cin = 3, s.g.dm = 1, s.g.kh = 3, s.g.kw = 3;
  s.g.padding = kSame;
  s.act_type = DType::kInt16;
  s.filter_scales = {0.002f, 0.003f, 0.0041f};
  s.in_scale = 0.001f, s.out_scale = 0.02f;
  CheckQuantDepthwise(s);
}

// Accumulators exactly on ties, effective scale 2^-10, as LiteRT's reference
// kernels round them (checked with ai_edge_litert): int8 rounds twice, ties
// away from zero; int16 (int64 bias) rounds once, ties toward +inf.
// One input channel with a multiplier: the path that runs as a convolution.
TEST(DepthwiseConv2DTest, Int8OneInputChannelMatchesRealFormula) {
  QuantSpec s;
  s.g.h = 6, s.g.w = 5, s.g.cin = 1, s.g.dm = 4, s.g.kh = 3, s.g.kw = 2;
  s.filter_scales = {0.004f, 0.01f, 0.0062f, 0.008f};
  s.in_scale = 0.04f, s.out_scale = 0.05f, s.in_zp = -3, s.out_zp = 4;
  for (int padding : {kSame, kValid}) {
    s.g.padding = padding;
    s.g.stride_h = 2, s.g.stride_w = 1, s.g.dil_h = 1, s.g.dil_w = 2;
    SCOPED_TRACE(::testing::Message() << "padding " << padding);
    CheckQuantDepthwise(s);
  }
}

TEST(DepthwiseConv2DTest, QuantizedRoundingAtTiesMatchesLiteRT) {
  const std::vector<int64_t> acc = {-1536, -512, 512, 1536,  -511,
                                    -513,  511,  513, -2560, 2560};
  const int n = int(acc.size());
  {
    OpTester t;
    t.AddInput<int8_t>(DType::kInt8, {1, 1, 1, 1}, {0}, {{1.f}, {0}, 0});
    t.AddConstInput<int8_t>(DType::kInt8, {1, 1, 1, n},
                            std::vector<int8_t>(n, 1), {{1.f / 32}, {0}, 3});
    t.AddConstInput<int32_t>(DType::kInt32, {n},
                             std::vector<int32_t>(acc.begin(), acc.end()));
    const int out = t.AddOutput(DType::kInt8, {{32.f}, {0}, 0});
    SetOptions(t, Geometry{});
    ASSERT_TRUE(t.Run(fb::BuiltinOperator::DEPTHWISE_CONV_2D).ok());
    EXPECT_EQ(t.Output<int8_t>(out),
              (std::vector<int8_t>{-2, -1, 1, 2, 0, -1, 1, 1, -3, 3}));
  }
  {
    OpTester t;
    t.AddInput<int16_t>(DType::kInt16, {1, 1, 1, 1}, {0}, {{1.f}, {0}, 0});
    t.AddConstInput<int8_t>(DType::kInt8, {1, 1, 1, n},
                            std::vector<int8_t>(n, 1), {{1.f / 32}, {0}, 3});
    t.AddConstInput<int64_t>(DType::kInt64, {n}, acc);
    const int out = t.AddOutput(DType::kInt16, {{32.f}, {0}, 0});
    SetOptions(t, Geometry{});
    ASSERT_TRUE(t.Run(fb::BuiltinOperator::DEPTHWISE_CONV_2D).ok());
    EXPECT_EQ(t.Output<int16_t>(out),
              (std::vector<int16_t>{-1, 0, 1, 2, 0, -1, 0, 1, -2, 3}));
  }
}

void ExpectError(OpTester& t, const std::string& fragment) {
  Status st = t.Run(fb::BuiltinOperator::DEPTHWISE_CONV_2D);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find(fragment), std::string::npos) << st.message();
}

TEST(DepthwiseConv2DTest, ErrorChannelMismatch) {
  OpTester t;
  t.AddInput<float>(DType::kFloat32, {1, 2, 2, 2}, std::vector<float>(8));
  t.AddConstInput<float>(DType::kFloat32, {1, 1, 1, 3}, {1, 1, 1});
  t.AddOutput(DType::kFloat32);
  SetOptions(t, Geometry{});
  ExpectError(t, "must be a positive multiple of the input channels");
}

TEST(DepthwiseConv2DTest, ErrorFilterFirstDimension) {
  OpTester t;
  t.AddInput<float>(DType::kFloat32, {1, 2, 2, 1}, std::vector<float>(4));
  t.AddConstInput<float>(DType::kFloat32, {2, 1, 1, 1}, {1, 1});
  t.AddOutput(DType::kFloat32);
  SetOptions(t, Geometry{});
  ExpectError(t, "filter must have shape [1, KH, KW, Cout]");
}

TEST(DepthwiseConv2DTest, ErrorUnsupportedDtypes) {
  OpTester t;
  t.AddInput<int16_t>(DType::kInt16, {1, 1, 1, 1}, {1}, {{1.f}, {0}, 0});
  t.AddConstInput<int16_t>(DType::kInt16, {1, 1, 1, 1}, {1}, {{1.f}, {0}, 0});
  t.AddOutput(DType::kInt16, {{1.f}, {0}, 0});
  SetOptions(t, Geometry{});
  ExpectError(t, "unsupported dtype combination: input int16, filter int16");
}

TEST(DepthwiseConv2DTest, ErrorInt16WithInt32Bias) {
  OpTester t;
  t.AddInput<int16_t>(DType::kInt16, {1, 1, 1, 1}, {1}, {{1.f}, {0}, 0});
  t.AddConstInput<int8_t>(DType::kInt8, {1, 1, 1, 1}, {1}, {{1.f}, {0}, 3});
  t.AddConstInput<int32_t>(DType::kInt32, {1}, {0});
  t.AddOutput(DType::kInt16, {{1.f}, {0}, 0});
  SetOptions(t, Geometry{});
  ExpectError(t, "needs an int64 bias");
}

TEST(DepthwiseConv2DTest, ErrorPerChannelAlongWrongDimension) {
  OpTester t;
  t.AddInput<int8_t>(DType::kInt8, {1, 1, 1, 2}, {1, 1}, {{1.f}, {0}, 0});
  t.AddConstInput<int8_t>(DType::kInt8, {1, 1, 1, 2}, {1, 1},
                          {{1.f, 2.f}, {0, 0}, 0});
  t.AddOutput(DType::kInt8, {{1.f}, {0}, 0});
  SetOptions(t, Geometry{});
  ExpectError(t, "quantized along dimension 0, expected 3");
}

TEST(DepthwiseConv2DTest, ErrorScaleCountMismatch) {
  OpTester t;
  t.AddInput<int8_t>(DType::kInt8, {1, 1, 1, 2}, {1, 1}, {{1.f}, {0}, 0});
  t.AddConstInput<int8_t>(DType::kInt8, {1, 1, 1, 2}, {1, 1},
                          {{1.f, 2.f, 3.f}, {0, 0, 0}, 3});
  t.AddOutput(DType::kInt8, {{1.f}, {0}, 0});
  SetOptions(t, Geometry{});
  ExpectError(t, "has 3 quantization scales, expected 1 or 2");
}

TEST(DepthwiseConv2DTest, ErrorMissingOutputQuantization) {
  OpTester t;
  t.AddInput<int8_t>(DType::kInt8, {1, 1, 1, 1}, {1}, {{1.f}, {0}, 0});
  t.AddConstInput<int8_t>(DType::kInt8, {1, 1, 1, 1}, {1}, {{1.f}, {0}, 3});
  t.AddOutput(DType::kInt8);
  SetOptions(t, Geometry{});
  ExpectError(t, "output tensor");
}

TEST(DepthwiseConv2DTest, ErrorUnsupportedActivation) {
  OpTester t;
  t.AddInput<float>(DType::kFloat32, {1, 1, 1, 1}, {1.f});
  t.AddConstInput<float>(DType::kFloat32, {1, 1, 1, 1}, {1.f});
  t.AddOutput(DType::kFloat32);
  Geometry g;
  g.act = kSignBit;
  SetOptions(t, g);
  ExpectError(t, "fused activation code 5 is not supported");
}

TEST(DepthwiseConv2DTest, ErrorWrongRank) {
  OpTester t;
  t.AddInput<float>(DType::kFloat32, {1, 1, 1, 1, 1}, {1.f});
  t.AddConstInput<float>(DType::kFloat32, {1, 1, 1, 1}, {1.f});
  t.AddOutput(DType::kFloat32);
  SetOptions(t, Geometry{});
  ExpectError(t, "input must have rank 4");
}

}  // namespace
}  // namespace litert
