// What the unary elementwise ops (ABS, EXP, LOGISTIC, CAST, ...) share: one
// input, one output of the same shape, each output element a function of the
// input element at the same position.
//
// Most ops derive from ElementwiseUnaryOp<Op> (CRTP). Its Prepare checks the
// tensor counts, that the output type equals the input type, and sets the
// output shape; then Op::PrepareType(ctx, in, out) checks the type and
// quantization and picks the kernel with one of:
//   UsePlain<T>()       out = Op::Apply(x) on values of type T: float32,
//                       float64, and integers taken as plain numbers
//   UseTable<T>(f)      8-bit quantized T: a 256-entry table filled in
//                       Prepare with f(q) -> output quanta, looked up in Eval
//   UseInt16()          int16 quantized: out = Op::Int16(q) per element
//   UseFastFloat(op)    float32 through a vector kernel of
//                       ops/fast/elementwise_float.h that computes Apply
// Eval runs the chosen kernel and never allocates. An op that must reject
// some input values at run time (SQRT, RSQRT) defines
// Status Validate(OpContext&, const RtTensor&) const.
//
// CAST and LOG_SOFTMAX (not elementwise on one type) use only Map and
// CheckOneInOneOut.
//
// Also here: LiteRT's way of turning a real function into quantized lookup
// tables (QuantizeLikeLut, Int16Lut), the int16 sigmoid table that LOGISTIC
// and TANH interpolate, and ClampRangeOp (RELU_0_TO_1, RELU_N1_TO_1).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>

#include "ops/fast/elementwise_float.h"
#include "ops/op.h"
#include "ops/op_util.h"
#include "ops/quant/quant_math.h"

namespace litert::unary {

// One elementwise loop for every kernel.
template <typename In, typename Out, typename F>
inline void Map(const RtTensor& in, RtTensor& out, F f) {
  const In* x = in.as<In>();
  Out* y = out.as<Out>();
  const int64_t n = in.num_elements();
  for (int64_t i = 0; i < n; ++i) y[i] = f(x[i]);
}

// Exactly one input and one output.
inline Status CheckOneInOneOut(OpContext& ctx, const std::string& name) {
  LITERT_CHECK_OP(
      ctx, ctx.num_inputs() == 1 && ctx.has_input(0),
      name + " expects 1 input, got " + std::to_string(ctx.num_inputs()));
  LITERT_CHECK_OP(
      ctx, ctx.num_outputs() == 1,
      name + " expects 1 output, got " + std::to_string(ctx.num_outputs()));
  return Status::Ok();
}

// Range of the quantized integer types.
inline int32_t QuantMin(DType t) {
  switch (t) {
    case DType::kUInt8:
      return QMin<uint8_t>();
    case DType::kInt16:
      return QMin<int16_t>();
    default:
      return QMin<int8_t>();
  }
}
inline int32_t QuantMax(DType t) {
  switch (t) {
    case DType::kUInt8:
      return QMax<uint8_t>();
    case DType::kInt16:
      return QMax<int16_t>();
    default:
      return QMax<int8_t>();
  }
}

// Per-tensor affine quantization: real = scale * (q - zero_point).
struct QuantInfo {
  float scale = 1.f;
  int32_t zero_point = 0;
};

// Reads `t`'s per-tensor quantization; an empty string when fine, else what
// is wrong ("input needs ..."). int16 tensors must be symmetric (zero point
// 0), as LiteRT requires for its int16 kernels.
inline std::string ReadQuant(const RtTensor& t, const std::string& role,
                             QuantInfo* q) {
  if (t.quant.scale.size() != 1 || t.quant.zero_point.size() > 1 ||
      !(t.quant.scale[0] > 0.f) || !std::isfinite(t.quant.scale[0])) {
    return role + " (" + DTypeName(t.type) +
           ") needs one positive per-tensor quantization scale, has " +
           std::to_string(t.quant.scale.size());
  }
  q->scale = t.quant.scale[0];
  const int64_t zp = t.quant.zero_point.empty() ? 0 : t.quant.zero_point[0];
  if (zp < QuantMin(t.type) || zp > QuantMax(t.type)) {
    return role + " zero point " + std::to_string(zp) +
           " is outside the range of " + DTypeName(t.type);
  }
  if (t.type == DType::kInt16 && zp != 0) {
    return role + " is int16 with zero point " + std::to_string(zp) +
           ", int16 needs zero point 0";
  }
  q->zero_point = static_cast<int32_t>(zp);
  return "";
}

// For ops defined on non-negative reals (SQRT, RSQRT): an error naming the
// first quantized int8/int16 element below the zero point; Ok for other types.
inline Status CheckNotBelowZeroPoint(OpContext& ctx, const RtTensor& in,
                                     int32_t zero_point, const char* name) {
  auto check = [&](const auto* x) {
    const int64_t n = in.num_elements();
    for (int64_t i = 0; i < n; ++i) {
      if (x[i] < zero_point) {
        return ctx.Error(
            std::string(name) + " is only defined for inputs >= 0, element " +
            std::to_string(i) + " is " + std::to_string(x[i]) +
            " (below the zero point " + std::to_string(zero_point) + ")");
      }
    }
    return Status::Ok();
  };
  if (in.type == DType::kInt8) return check(in.as<int8_t>());
  if (in.type == DType::kInt16) return check(in.as<int16_t>());
  return Status::Ok();
}

// A 256-entry table from input quanta to output quanta of an 8-bit type,
// indexed by the input byte.
class ByteTable {
 public:
  // Entry q (for every value of the 8-bit type T) = f(q) clamped to T.
  template <typename T, typename F>
  void Fill(F f) {
    for (int32_t q = QMin<T>(); q <= QMax<T>(); ++q) {
      const int32_t v = std::clamp<int32_t>(f(q), QMin<T>(), QMax<T>());
      table_[static_cast<uint8_t>(static_cast<T>(q))] =
          static_cast<uint8_t>(static_cast<T>(v));
    }
  }
  void Apply(const RtTensor& in, RtTensor& out) const {
    Map<uint8_t, uint8_t>(in, out, [this](uint8_t b) { return table_[b]; });
  }

 private:
  std::array<uint8_t, 256> table_{};
};

// Output quanta of a real result y, the way LiteRT fills its 8-bit lookup
// tables: y times the float reciprocal of the output scale, rounded half away
// from zero, plus the zero point, clamped in float (so +-inf saturate; NaN
// gives qmin).
inline int32_t QuantizeLikeLut(float y, float inverse_scale, int32_t zero_point,
                               int32_t qmin, int32_t qmax) {
  const float v =
      std::round(y * inverse_scale) + static_cast<float>(zero_point);
  if (!(v > static_cast<float>(qmin))) return qmin;
  if (v > static_cast<float>(qmax)) return qmax;
  return static_cast<int32_t>(v);
}

// The input quanta -> output quanta function of a real function f on 8-bit
// tensors: dequantize in float, apply f, quantize like LiteRT's tables.
template <typename F>
auto RealFunctionOnQuanta(const QuantInfo& in, const QuantInfo& out,
                          int32_t qmin, int32_t qmax, F f) {
  const float inverse_scale = 1.f / out.scale;
  return [=](int32_t q) {
    const float x = in.scale * static_cast<float>(q - in.zero_point);
    return QuantizeLikeLut(f(x), inverse_scale, out.zero_point, qmin, qmax);
  };
}

// LiteRT's int16 lookup table for a real function f (input and output zero
// points 0): 513 samples of f at equal steps over the input range, in output
// quanta, each lowered by half the (rounded) error that linear interpolation
// makes at the middle of its step. Lookup interpolates between two samples
// with 7 fraction bits.
class Int16Lut {
 public:
  template <typename F>
  void Build(float input_scale, float output_scale, F f) {
    const float input_min = input_scale * -32768.f;
    const float input_max = input_scale * 32767.f;
    const float output_min = output_scale * -32768.f;
    const float output_max = output_scale * 32767.f;
    const float step = (input_max - input_min) / 512.f;
    const float half_step = step / 2.f;
    const float inv = 65536.f / (output_max - output_min);
    for (int i = 0; i < 512; ++i) {
      const float val = f(input_min + static_cast<float>(i) * step);
      const float val_mid =
          f(input_min + static_cast<float>(i) * step + half_step);
      const float val_next = f(input_min + static_cast<float>(i + 1) * step);
      const float sample = std::round(val * inv);
      const float interp_mid = std::round((val_next * inv + sample) / 2.f);
      const float true_mid = std::round(val_mid * inv);
      const float bias = std::round((interp_mid - true_mid) / 2.f);
      lut_[i] = Entry(sample - bias);
    }
    lut_[512] = Entry(std::round(f(input_max) * inv));
  }

  int16_t Lookup(int16_t q) const {
    const int index = 256 + (q >> 7);
    const int32_t offset = q & 0x7f;
    const int16_t base = lut_[index];
    const int16_t slope = static_cast<int16_t>(lut_[index + 1] - lut_[index]);
    return static_cast<int16_t>(base + ((slope * offset + 64) >> 7));
  }

 private:
  // Clamped to int16; NaN (an overflowed f, inf - inf) becomes 0, as the
  // official x86 build's conversion gives.
  static int16_t Entry(float v) {
    if (std::isnan(v)) return 0;
    return static_cast<int16_t>(std::min(std::max(v, -32768.f), 32767.f));
  }
  std::array<int16_t, 513> lut_{};
};

// The table LiteRT's int16 LOGISTIC and TANH interpolate: 65536 *
// logistic(i / 24) for i = 0..255, each raised by half the error linear
// interpolation makes at the middle of its interval, rounded; the last entry
// is 65535. (Derived from, and checked bit for bit against, the official
// runtime's outputs.)
inline const std::array<uint32_t, 256>& Int16SigmoidTable() {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    const double h = 1.0 / 24.0;
    auto s = [](double x) { return 65536.0 / (1.0 + std::exp(-x)); };
    for (int i = 0; i < 256; ++i) {
      const double x = i * h;
      const double mid_error = s(x + h / 2) - (s(x) + s(x + h)) / 2;
      t[i] = static_cast<uint32_t>(std::floor(s(x) + mid_error / 2 + 0.5));
    }
    t[255] = 65535;
    return t;
  }();
  return table;
}

// log2(scale) rounded to an integer; true when scale is that power of two
// within 0.001 in log2 (LiteRT's test for power-of-two scales).
inline bool CheckedLog2(float scale, int* log2) {
  const float l = std::log(scale) * (1.f / std::log(2.f));
  const float rounded = std::round(l);
  *log2 = static_cast<int>(rounded);
  return std::abs(l - rounded) < 1e-3f;
}

// How an int16 LOGISTIC/TANH input reaches the sigmoid table's units (real
// value * 3 * 4096): x = (q * multiplier + rounding) >> shift. A scale within
// 0.1% (in log2) of 2^-(12 - pot_shift) is "power of two" and LiteRT then may
// evaluate in fixed point instead (see quant/fixed_point_int16.h).
struct Int16SigmoidInput {
  bool power_of_two = false;
  int pot_shift = 0;  // 0 for 2^-12, 1 for 2^-11
  int32_t multiplier = 0;
  int shift = 0;
};
inline Int16SigmoidInput PrepareInt16SigmoidInput(float input_scale) {
  Int16SigmoidInput r;
  int log2 = 0;
  const bool pot = CheckedLog2(input_scale, &log2);
  const int shift = 12 + log2;
  if (pot && (shift == 0 || shift == 1)) {
    r.power_of_two = true;
    r.pot_shift = shift;
    r.multiplier = 3 << shift;
    r.shift = 0;
    return r;
  }
  double m = static_cast<double>(input_scale) * 4096.0 * 3.0;
  int s = 0;
  while (m <= 32767.0 / 2.0 && s <= 30) {
    ++s;
    m *= 2.0;
  }
  r.multiplier = static_cast<int32_t>(m);
  r.shift = s;
  return r;
}
inline int32_t ToInt16SigmoidUnits(int16_t q, const Int16SigmoidInput& p) {
  const int32_t rounding = p.shift > 0 ? 1 << (p.shift - 1) : 0;
  return (int32_t{q} * p.multiplier + rounding) >> p.shift;
}

// The CRTP base described at the top of this file.
template <class Derived>
class ElementwiseUnaryOp : public Op {
 public:
  Status Prepare(OpContext& ctx) final {
    const std::string name = Derived::kName;
    LITERT_RETURN_IF_ERROR(CheckOneInOneOut(ctx, name));
    const RtTensor& in = ctx.input(0);
    const RtTensor& out = ctx.output(0);
    LITERT_CHECK_OP(ctx, out.type == in.type,
                    name + " output has type " + DTypeName(out.type) +
                        ", expected " + DTypeName(in.type) + " like the input");
    ctx.SetOutputShape(0, in.shape);
    eval_ = nullptr;
    return self().PrepareType(ctx, in, out);
  }

  Status Eval(OpContext& ctx) final {
    LITERT_CHECK_OP(ctx, eval_ != nullptr,
                    std::string(Derived::kName) + " was not prepared");
    LITERT_RETURN_IF_ERROR(self().Validate(ctx, ctx.input(0)));
    eval_(self(), ctx.input(0), ctx.output(0), ctx.thread_pool());
    return Status::Ok();
  }

  // Default: every input value is fine.
  Status Validate(OpContext&, const RtTensor&) const { return Status::Ok(); }

 protected:
  template <typename T>
  void UsePlain() {
    eval_ = [](const Derived& op, const RtTensor& in, RtTensor& out,
               ThreadPool*) {
      Map<T, T>(in, out, [&op](T x) { return op.Apply(x); });
    };
  }
  // float32 through the vector kernel `fast_op`, which computes what Apply
  // does (see ops/fast/elementwise_float.h for how exactly).
  void UseFastFloat(fast::FloatUnaryOp fast_op,
                    fast::FloatUnaryParams params = {}) {
    fast_op_ = fast_op;
    fast_params_ = params;
    eval_ = [](const Derived& op, const RtTensor& in, RtTensor& out,
               ThreadPool* pool) {
      const auto& base = static_cast<const ElementwiseUnaryOp&>(op);
      fast::FloatUnary(base.fast_op_, base.fast_params_, in.as<float>(),
                       out.as<float>(), in.num_elements(), pool);
    };
  }
  template <typename T, typename F>
  void UseTable(F quanta_fn) {
    byte_table_.template Fill<T>(quanta_fn);
    eval_ = [](const Derived& op, const RtTensor& in, RtTensor& out,
               ThreadPool*) {
      static_cast<const ElementwiseUnaryOp&>(op).byte_table_.Apply(in, out);
    };
  }
  // The table of a real function f (float -> float) on the quantization
  // read by ReadQuantParams.
  template <typename T, typename F>
  void UseRealTable(F f) {
    UseTable<T>(RealFunctionOnQuanta(in_q_, out_q_, QMin<T>(), QMax<T>(), f));
  }
  void UseInt16() {
    eval_ = [](const Derived& op, const RtTensor& in, RtTensor& out,
               ThreadPool*) {
      Map<int16_t, int16_t>(in, out, [&op](int16_t q) { return op.Int16(q); });
    };
  }

  // Fills in_q_ and out_q_ from the tensors' per-tensor quantization.
  Status ReadQuantParams(OpContext& ctx, const RtTensor& in,
                         const RtTensor& out) {
    const std::string name = Derived::kName;
    std::string err = ReadQuant(in, name + " input", &in_q_);
    if (err.empty()) err = ReadQuant(out, name + " output", &out_q_);
    LITERT_CHECK_OP(ctx, err.empty(), err);
    return Status::Ok();
  }

  // For ops defined on float32 only.
  Status PrepareFloat32Only(OpContext& ctx, const RtTensor& in) {
    if (in.type != DType::kFloat32) return Unsupported(ctx, in.type, "float32");
    UsePlain<float>();
    return Status::Ok();
  }

  Status Unsupported(OpContext& ctx, DType t, const char* supported) const {
    return ctx.Error(std::string(Derived::kName) +
                     " does not support input type " + DTypeName(t) + " (" +
                     supported + ")");
  }

  QuantInfo in_q_, out_q_;
  ByteTable byte_table_;

 private:
  const Derived& self() const { return static_cast<const Derived&>(*this); }
  Derived& self() { return static_cast<Derived&>(*this); }

  using EvalFn = void (*)(const Derived&, const RtTensor&, RtTensor&,
                          ThreadPool*);
  EvalFn eval_ = nullptr;
  fast::FloatUnaryOp fast_op_ = fast::FloatUnaryOp::kAbs;
  fast::FloatUnaryParams fast_params_;
};

// RELU_0_TO_1 and RELU_N1_TO_1: out = clamp(x, kLow, kHigh).
//   float32 (NaN stays NaN).
//   int8 and uint8, as LiteRT's RELU family: the input requantized to the
//   output scale, then clamped to the quantized bounds:
//     out = clamp(zp_out + MBQM(q - zp_in, s_in / s_out), q(kLow), q(kHigh))
//   where q(v) = zp_out + round(v / s_out) within the type (ratio in float).
template <const char* kOpName, int kLow, int kHigh>
class ClampRangeOp
    : public ElementwiseUnaryOp<ClampRangeOp<kOpName, kLow, kHigh>> {
  using Base = ElementwiseUnaryOp<ClampRangeOp<kOpName, kLow, kHigh>>;

 public:
  static constexpr const char* kName = kOpName;

  Status PrepareType(OpContext& ctx, const RtTensor& in, const RtTensor& out) {
    if (in.type == DType::kFloat32) {
      this->UseFastFloat(fast::FloatUnaryOp::kClamp,
                         {.lo = float{kLow}, .hi = float{kHigh}});
      return Status::Ok();
    }
    if (in.type != DType::kInt8 && in.type != DType::kUInt8) {
      return this->Unsupported(ctx, in.type, "float32, int8, uint8");
    }
    LITERT_RETURN_IF_ERROR(this->ReadQuantParams(ctx, in, out));
    const QuantInfo& iq = this->in_q_;
    const QuantInfo& oq = this->out_q_;
    multiplier_ = quant::QuantizeMultiplier(iq.scale / oq.scale);
    auto bound = [&](int v) {
      return oq.zero_point +
             static_cast<int32_t>(std::round(static_cast<float>(v) / oq.scale));
    };
    low_ = std::max(QuantMin(in.type), bound(kLow));
    high_ = std::min(QuantMax(in.type), bound(kHigh));
    auto quanta = [this](int32_t q) {
      const int32_t v = this->out_q_.zero_point +
                        quant::MultiplyByQuantizedMultiplier(
                            q - this->in_q_.zero_point, multiplier_);
      return std::min(std::max(v, low_), high_);
    };
    if (in.type == DType::kInt8) {
      this->template UseTable<int8_t>(quanta);
    } else {
      this->template UseTable<uint8_t>(quanta);
    }
    return Status::Ok();
  }

  float Apply(float x) const {
    return std::min(std::max(x, static_cast<float>(kLow)),
                    static_cast<float>(kHigh));
  }

 private:
  quant::QuantizedMultiplier multiplier_;
  int32_t low_ = 0, high_ = 0;
};

}  // namespace litert::unary
