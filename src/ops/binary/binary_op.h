// Shared pieces of the elementwise binary ops (ADD, SUB, MUL, DIV, comparisons,
// ...): the common Prepare checks, the broadcasting loop, dispatch on element
// type, integer activation ranges, wrapping integer arithmetic and per-tensor
// quantization parameters.
//
// An op derives from BinaryOpBase, calls PrepareCommon() first in Prepare and
// then adds what depends on its type (multipliers, activation ranges); Eval
// walks bc_ with BinaryLoop:
//
//   BinaryLoop<float, float>(bc_, ctx.input(0), ctx.input(1), ctx.output(0),
//                            [](float x, float y) { return x - y; });
#pragma once

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>

#include "ops/broadcast.h"
#include "ops/fast/elementwise_float.h"
#include "ops/op.h"
#include "ops/op_util.h"
#include "ops/option_checks.h"
#include "ops/quant/quant_math.h"

namespace litert::binary {

// A set of element types an op accepts, for checks and messages.
class TypeSet {
 public:
  TypeSet(std::initializer_list<DType> types) {
    for (DType t : types) bits_ |= uint32_t{1} << static_cast<int>(t);
  }
  bool contains(DType t) const {
    const int code = static_cast<int>(t);
    return code >= 0 && code < 32 && ((bits_ >> code) & 1u) != 0;
  }
  // "float32, int32, int8"
  std::string names() const {
    std::string s;
    for (int code = 0; code < 32; ++code) {
      if (((bits_ >> code) & 1u) == 0) continue;
      if (!s.empty()) s += ", ";
      s += DTypeName(static_cast<DType>(code));
    }
    return s;
  }

 private:
  uint32_t bits_ = 0;
};

// Calls f(T{}) with the C++ element type of `t`. False (f not called) for types
// without a plain C++ counterpart here.
template <typename F>
bool VisitType(DType t, F&& f) {
  switch (t) {
    case DType::kFloat32:
      f(float{});
      return true;
    case DType::kFloat64:
      f(double{});
      return true;
    case DType::kInt8:
      f(int8_t{});
      return true;
    case DType::kUInt8:
      f(uint8_t{});
      return true;
    case DType::kInt16:
      f(int16_t{});
      return true;
    case DType::kInt32:
      f(int32_t{});
      return true;
    case DType::kInt64:
      f(int64_t{});
      return true;
    case DType::kBool:
      f(bool{});
      return true;
    default:
      return false;
  }
}

// out[i] = f(a[ia], b[ib]) over the broadcast output.
template <typename In, typename Out, typename F>
void BinaryLoop(const BroadcastIndexer& bc, const RtTensor& a,
                const RtTensor& b, RtTensor& out, F&& f) {
  const In* x = a.as<In>();
  const In* y = b.as<In>();
  Out* o = out.as<Out>();
  bc.ForEach(
      [&](int64_t i, int64_t ia, int64_t ib) { o[i] = f(x[ia], y[ib]); });
}

// float32 out = Clamp(op(x, y), act's range) through the vector kernel
// (bit-identical to BinaryLoop with the same arithmetic), on the op's threads.
inline void FastFloatBinary(fast::FloatBinaryOp op, const BroadcastIndexer& bc,
                            OpContext& ctx,
                            Activation act = Activation::kNone) {
  float lo, hi;
  FloatActivationRange(act, &lo, &hi);
  fast::FloatBinary(op, bc, ctx.input(0).as<float>(), ctx.input(1).as<float>(),
                    ctx.output(0).as<float>(), lo, hi, ctx.thread_pool());
}

// Two's-complement wrapping arithmetic, as LiteRT's integer kernels behave on
// overflow (without the undefined behaviour of signed overflow in C++).
template <typename T>
T WrapAdd(T a, T b) {
  using U = std::make_unsigned_t<decltype(a + b)>;
  return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
}
template <typename T>
T WrapSub(T a, T b) {
  using U = std::make_unsigned_t<decltype(a - b)>;
  return static_cast<T>(static_cast<U>(a) - static_cast<U>(b));
}
template <typename T>
T WrapMul(T a, T b) {
  using U = std::make_unsigned_t<decltype(a * b)>;
  return static_cast<T>(static_cast<U>(a) * static_cast<U>(b));
}

// Clamp bounds of a fused activation for plain integer outputs (int32, int64):
// LiteRT clamps the integer result to [0, inf), [-1, 1] or [0, 6].
template <typename T>
void IntActivationRange(Activation act, T* lo, T* hi) {
  *lo = std::numeric_limits<T>::lowest();
  *hi = std::numeric_limits<T>::max();
  if (act == Activation::kRelu || act == Activation::kRelu6) *lo = 0;
  if (act == Activation::kRelu6) *hi = 6;
  if (act == Activation::kReluN1To1) {
    *lo = -1;
    *hi = 1;
  }
}

// Clamp bounds for `act` in the element type T: float bounds for floating T,
// integer bounds otherwise.
template <typename T>
void ActivationRange(Activation act, T* lo, T* hi) {
  if constexpr (std::is_floating_point_v<T>) {
    float flo, fhi;
    FloatActivationRange(act, &flo, &fhi);
    *lo = flo;
    *hi = fhi;
  } else {
    IntActivationRange(act, lo, hi);
  }
}

template <typename T>
T Clamp(T v, T lo, T hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}

// The first element of `t` (of type T) equal to `zero`, or -1: divisors are
// checked before a division op runs, since LiteRT fails the whole op on any
// zero divisor.
template <typename T>
int64_t FindElement(const RtTensor& t, T zero) {
  const T* v = t.as<T>();
  const int64_t n = t.num_elements();
  for (int64_t i = 0; i < n; ++i) {
    if (v[i] == zero) return i;
  }
  return -1;
}

inline bool IsQuantizedType(DType t) {
  return t == DType::kInt8 || t == DType::kUInt8 || t == DType::kInt16;
}

// The storage range of a quantized type.
inline void QuantTypeRange(DType t, int32_t* lo, int32_t* hi) {
  if (t == DType::kUInt8) {
    *lo = QMin<uint8_t>();
    *hi = QMax<uint8_t>();
  } else if (t == DType::kInt16) {
    *lo = QMin<int16_t>();
    *hi = QMax<int16_t>();
  } else {
    *lo = QMin<int8_t>();
    *hi = QMax<int8_t>();
  }
}

// One scale and zero point: real = scale * (q - zero_point).
struct QuantParam {
  float scale = 1.f;
  int32_t zero_point = 0;
};

// False unless `t` is quantized per tensor with a positive, finite scale.
inline bool GetQuantParam(const RtTensor& t, QuantParam* q) {
  if (t.quant.scale.size() != 1 || !(t.quant.scale[0] > 0.f) ||
      !std::isfinite(t.quant.scale[0]) || t.quant.zero_point.size() > 1) {
    return false;
  }
  q->scale = t.quant.scale[0];
  q->zero_point = t.quant.zero_point.empty()
                      ? 0
                      : static_cast<int32_t>(t.quant.zero_point[0]);
  return true;
}

// Base of two-input, one-output elementwise ops with NumPy broadcasting.
class BinaryOpBase : public Op {
 protected:
  // `types`: accepted input types (both inputs alike). The output has the
  // inputs' type, or bool when `bool_output`.
  BinaryOpBase(std::string name, TypeSet types, bool bool_output = false)
      : name_(std::move(name)), types_(types), bool_output_(bool_output) {}

  // Checks counts and types, broadcasts the shapes into bc_ and sets the
  // output shape. With `same_shape`, the inputs must have equal shapes.
  Status PrepareCommon(OpContext& ctx, bool same_shape = false) {
    LITERT_CHECK_OP(
        ctx, ctx.num_inputs() == 2 && ctx.has_input(0) && ctx.has_input(1),
        name_ + " expects 2 inputs, got " + std::to_string(ctx.num_inputs()));
    LITERT_CHECK_OP(
        ctx, ctx.num_outputs() == 1,
        name_ + " expects 1 output, got " + std::to_string(ctx.num_outputs()));
    const RtTensor& a = ctx.input(0);
    const RtTensor& b = ctx.input(1);
    const RtTensor& out = ctx.output(0);
    type_ = a.type;
    LITERT_CHECK_OP(ctx, types_.contains(type_),
                    name_ + " does not support input type " + DTypeName(type_) +
                        " (" + types_.names() + ")");
    LITERT_CHECK_OP(ctx, b.type == type_,
                    name_ + " input 1 has type " + DTypeName(b.type) +
                        ", expected " + DTypeName(type_) + " like input 0");
    const DType out_type = bool_output_ ? DType::kBool : type_;
    LITERT_CHECK_OP(ctx, out.type == out_type,
                    name_ + " output has type " + DTypeName(out.type) +
                        ", expected " + DTypeName(out_type));
    if (same_shape) {
      LITERT_CHECK_OP(ctx, a.shape == b.shape,
                      name_ + " needs inputs of the same shape, got " +
                          ShapeToString(a.shape) + " and " +
                          ShapeToString(b.shape));
    }
    LITERT_CHECK_OP(ctx, bc_.Init(a.shape, b.shape),
                    name_ + " input shapes " + ShapeToString(a.shape) +
                        " and " + ShapeToString(b.shape) +
                        " do not broadcast (or rank > " +
                        std::to_string(kMaxBroadcastRank) + ")");
    ctx.SetOutputShape(0, bc_.output_shape());
    return Status::Ok();
  }

  // Fails unless `act` is a clamp (NONE, RELU, RELU_N1_TO_1, RELU6).
  Status CheckClampActivation(OpContext& ctx, Activation act) const {
    return litert::CheckClampActivation(ctx, static_cast<int>(act));
  }

  // Reads the per-tensor quantization of the inputs (q[0], q[1]) and, with
  // `with_output`, of the output (q[2]).
  Status ReadQuantParams(OpContext& ctx, QuantParam* q,
                         bool with_output = true) {
    LITERT_CHECK_OP(ctx, GetQuantParam(ctx.input(0), &q[0]),
                    name_ + " input 0 (" + DTypeName(type_) +
                        ") needs one positive quantization scale");
    LITERT_CHECK_OP(ctx, GetQuantParam(ctx.input(1), &q[1]),
                    name_ + " input 1 (" + DTypeName(type_) +
                        ") needs one positive quantization scale");
    if (with_output) {
      LITERT_CHECK_OP(ctx, GetQuantParam(ctx.output(0), &q[2]),
                      name_ + " output (" + DTypeName(type_) +
                          ") needs one positive quantization scale");
    }
    return Status::Ok();
  }

  // Fails unless every zero point in q[0..n) is 0 (LiteRT's int16 kernels).
  Status CheckZeroPointsZero(OpContext& ctx, const QuantParam* q, int n) const {
    for (int i = 0; i < n; ++i) {
      LITERT_CHECK_OP(ctx, q[i].zero_point == 0,
                      name_ + " " + DTypeName(type_) +
                          " needs zero points 0, " +
                          (i < 2 ? "input " + std::to_string(i) : "output") +
                          " has " + std::to_string(q[i].zero_point));
    }
    return Status::Ok();
  }

  std::string name_;
  TypeSet types_;
  bool bool_output_;
  DType type_ = DType::kFloat32;
  BroadcastIndexer bc_;
};

// An op whose result is Fn()(x, y) in the input type, for every accepted type
// (MAXIMUM, MINIMUM, LOGICAL_AND, LOGICAL_OR). Quantized inputs are combined
// as stored values, like LiteRT does. An Fn with a member kFloatFast (a
// fast::FloatBinaryOp computing the same) runs float32 through it.
template <typename Fn>
class PlainBinaryOp : public BinaryOpBase {
 public:
  PlainBinaryOp(std::string name, TypeSet types)
      : BinaryOpBase(std::move(name), types) {}

  Status Prepare(OpContext& ctx) override { return PrepareCommon(ctx); }

  Status Eval(OpContext& ctx) override {
    if constexpr (requires { Fn::kFloatFast; }) {
      if (type_ == DType::kFloat32) {
        FastFloatBinary(Fn::kFloatFast, bc_, ctx);
        return Status::Ok();
      }
    }
    const bool known = VisitType(type_, [&](auto zero) {
      using T = decltype(zero);
      BinaryLoop<T, T>(bc_, ctx.input(0), ctx.input(1), ctx.output(0),
                       [](T x, T y) { return static_cast<T>(Fn()(x, y)); });
    });
    if (!known)
      return ctx.Error(name_ + ": unexpected type " + DTypeName(type_));
    return Status::Ok();
  }
};

template <typename Fn>
Result<std::unique_ptr<Op>> MakePlainBinaryOp(std::string name, TypeSet types) {
  return std::unique_ptr<Op>(new PlainBinaryOp<Fn>(std::move(name), types));
}

}  // namespace litert::binary
