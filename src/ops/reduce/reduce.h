// Shared machinery of the reductions (MEAN, SUM, REDUCE_MAX/MIN/PROD/ANY/ALL)
// and of ARG_MAX/ARG_MIN: which dimensions go away, the output shape, and a
// walk over the input that pairs every input element with its output element.
//
//   inputs: x, axes (int32 or int64, a scalar or 1-D; negative values count
//           from the end, repeats count once)
//   keep_dims: reduced dimensions stay with size 1; otherwise they are removed.
//
// The axes usually are a constant. When they are computed in the graph, the
// output shape is known only at run time: Prepare then defers (see op.h).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "ops/data_movement.h"
#include "ops/fast/reduce_rows.h"
#include "ops/op.h"

namespace litert::reduce {

// The input viewed as runs of adjacent dimensions that are all reduced or all
// kept; each run is merged into one dimension. A rank-4 input [2, 3, 4, 5]
// reduced over {1, 2} becomes dims [2, 12, 5] with out_strides [5, 0, 1].
struct Reduction {
  Shape out_shape;                   // keep_dims applied
  std::vector<int64_t> dims;         // merged input dimensions (at least one)
  std::vector<int64_t> out_strides;  // per merged dim; 0 where reduced
  int64_t in_count = 1;              // input elements
  int64_t out_count = 1;             // output elements
  int64_t reduce_count = 1;          // input elements per output element
  std::vector<bool> reduced;         // per input dimension
};

// Marks `axes` (may be negative or repeated) on a rank-`rank` input. `what`
// starts error messages ("MEAN").
inline Status ResolveAxes(OpContext& ctx, const std::string& what, int rank,
                          const std::vector<int64_t>& axes,
                          std::vector<bool>* reduced) {
  reduced->assign(rank, false);
  for (int64_t a : axes) {
    const int64_t norm = a < 0 ? a + rank : a;
    LITERT_CHECK_OP(ctx, norm >= 0 && norm < rank,
                    what + " axis " + std::to_string(a) +
                        " is out of range for an input of rank " +
                        std::to_string(rank));
    (*reduced)[norm] = true;
  }
  return Status::Ok();
}

// Plans a reduction of `in_shape` over the dimensions marked in `reduced`.
inline Reduction PlanReduction(const Shape& in_shape,
                               const std::vector<bool>& reduced,
                               bool keep_dims) {
  Reduction r;
  r.reduced = reduced;
  const int rank = static_cast<int>(in_shape.size());
  std::vector<bool> merged_reduced;
  for (int d = 0; d < rank; ++d) {
    r.in_count *= in_shape[d];
    if (reduced[d]) {
      r.reduce_count *= in_shape[d];
      if (keep_dims) r.out_shape.push_back(1);
    } else {
      r.out_count *= in_shape[d];
      r.out_shape.push_back(in_shape[d]);
    }
    if (d > 0 && reduced[d] == reduced[d - 1]) {
      r.dims.back() *= in_shape[d];
    } else {
      r.dims.push_back(in_shape[d]);
      merged_reduced.push_back(reduced[d]);
    }
  }
  if (r.dims.empty()) {  // a scalar: one element, nothing reduced
    r.dims.push_back(1);
    merged_reduced.push_back(false);
  }
  const int n = static_cast<int>(r.dims.size());
  r.out_strides.assign(n, 0);
  int64_t stride = 1;
  for (int d = n - 1; d >= 0; --d) {
    if (!merged_reduced[d]) {
      r.out_strides[d] = stride;
      stride *= r.dims[d];
    }
  }
  return r;
}

// Calls f(in_index, out_index, count, out_step) for every run of the
// innermost merged dimension, in row-major input order: input elements
// in_index .. in_index + count - 1 pair with outputs out_index + i * out_step
// (out_step 0 when that dimension is reduced, 1 when it is kept).
template <typename F>
void ForEachRow(const Reduction& r, F&& f) {
  if (r.in_count == 0) return;
  const int n = static_cast<int>(r.dims.size());
  const int64_t inner = r.dims[n - 1];
  const int64_t inner_stride = r.out_strides[n - 1];
  // Odometer over the outer merged dims (rank <= kMaxRank, checked in Prepare).
  int64_t idx[kMaxRank] = {0};
  int64_t in = 0, out_base = 0;
  while (true) {
    f(in, out_base, inner, inner_stride);
    in += inner;
    int d = n - 2;
    for (; d >= 0; --d) {
      out_base += r.out_strides[d];
      if (++idx[d] < r.dims[d]) break;
      out_base -= r.out_strides[d] * r.dims[d];
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

// Calls f(in_index, out_index) for every input element, in row-major input
// order: the elements of each output are visited in increasing index order.
template <typename F>
void ForEachElement(const Reduction& r, F&& f) {
  ForEachRow(r, [&](int64_t in, int64_t out, int64_t count, int64_t step) {
    for (int64_t i = 0; i < count; ++i, ++in, out += step) f(in, out);
  });
}

// One scale and zero point of a quantized tensor (int8/uint8/int16 reductions
// that rescale). `which` names the tensor in errors ("input").
struct PerTensorQuant {
  float scale = 1.f;
  int32_t zero_point = 0;
};
inline Status GetPerTensorQuant(OpContext& ctx, const std::string& what,
                                const RtTensor& t, const std::string& which,
                                PerTensorQuant* q) {
  LITERT_CHECK_OP(ctx, t.quant.scale.size() == 1 && t.quant.scale[0] > 0.f,
                  what + " " + DTypeName(t.type) + " " + which +
                      " needs one positive quantization scale");
  q->scale = t.quant.scale[0];
  q->zero_point = t.quant.zero_point.empty()
                      ? 0
                      : static_cast<int32_t>(t.quant.zero_point[0]);
  return Status::Ok();
}

// [lowest, highest] stored value of a quantized type.
inline void QuantRange(DType t, int32_t* lo, int32_t* hi) {
  if (t == DType::kInt8) {
    *lo = -128, *hi = 127;
  } else if (t == DType::kUInt8) {
    *lo = 0, *hi = 255;
  } else {
    *lo = -32768, *hi = 32767;
  }
}

// acc[o] = combine(... combine(init, x[first]) ..., x[last]) over the input
// elements of each output o, in input order.
// `any_order`: the combination gives the same result in any order (min,
// max, and, or, wrapping integer sums), so a reduced row may fold in 16
// interleaved partial results (vectorizable); otherwise strictly in order.
template <typename T, typename Acc, typename Combine>
void ReduceInto(const Reduction& r, const T* x, Acc init, Combine combine,
                Acc* acc, bool any_order = false) {
  for (int64_t j = 0; j < r.out_count; ++j) acc[j] = init;
  // Row by row, in the same order as element by element: a reduced row folds
  // into a register, a kept row is independent lanes (both vectorize or
  // pipeline, where acc[o] through memory would not).
  ForEachRow(r, [&](int64_t in, int64_t out, int64_t count, int64_t step) {
    const T* xs = x + in;
    if (step != 0) {
      Acc* as = acc + out;
      for (int64_t i = 0; i < count; ++i) as[i] = combine(as[i], xs[i]);
      return;
    }
    Acc t = acc[out];
    int64_t i = 0;
    constexpr int kLanes = 16;
    if (any_order && count >= 2 * kLanes) {
      Acc part[kLanes];
      for (int l = 0; l < kLanes; ++l) part[l] = init;
      for (; i + kLanes <= count; i += kLanes) {
        for (int l = 0; l < kLanes; ++l) part[l] = combine(part[l], xs[i + l]);
      }
      for (int l = 0; l < kLanes; ++l) t = combine(t, part[l]);
    }
    for (; i < count; ++i) t = combine(t, xs[i]);
    acc[out] = t;
  });
}

// float32 sums, the fast way (fast/reduce_rows.h): a reduced row is summed
// in vector lanes, then those in order, so the order differs from
// ReduceInto's element order (the results in the last bits); kept rows are
// exact lane-wise adds either way.
inline void SumFloatRows(const Reduction& r, const float* x, float* acc) {
  for (int64_t j = 0; j < r.out_count; ++j) acc[j] = 0.f;
  ForEachRow(r, [&](int64_t in, int64_t out, int64_t count, int64_t step) {
    if (step != 0) {
      fast::AddRowFloat(acc + out, x + in, count);
    } else {
      acc[out] += fast::SumRowFloat(x + in, count);
    }
  });
}

// Base of the reductions with an axes input and keep_dims: checks inputs,
// resolves axes, sets the output shape, then hands over to the kernel.
class ReduceOpBase : public Op {
 public:
  ReduceOpBase(std::string name, bool keep_dims)
      : name_(std::move(name)), keep_dims_(keep_dims) {}

  Status Prepare(OpContext& ctx) final {
    LITERT_CHECK_OP(ctx, ctx.num_inputs() == 2 && ctx.has_input(0),
                    name_ + " expects 2 inputs (input, axes), got " +
                        std::to_string(ctx.num_inputs()));
    LITERT_CHECK_OP(
        ctx, ctx.num_outputs() == 1,
        name_ + " expects 1 output, got " + std::to_string(ctx.num_outputs()));
    LITERT_CHECK_OP(ctx, ctx.has_input(1),
                    name_ + " axes (input 1) is missing");
    const RtTensor& axes = ctx.input(1);
    LITERT_CHECK_OP(ctx, IsIndexType(axes.type),
                    name_ + " axes (input 1) must be int32 or int64, got " +
                        DTypeName(axes.type));
    const int rank = ctx.input(0).rank();
    LITERT_CHECK_OP(ctx, rank <= kMaxRank,
                    name_ + " supports inputs of rank up to " +
                        std::to_string(kMaxRank) + ", got " +
                        ShapeToString(ctx.input(0).shape));
    LITERT_RETURN_IF_ERROR(CheckTypes(ctx));
    if (!ctx.InputDataKnown(1)) {
      ctx.DeferToRunTime();
      return Status::Ok();
    }
    std::vector<int64_t> axis_values;
    LITERT_RETURN_IF_ERROR(ReadIndexInput(ctx, 1, name_ + " axes (input 1)",
                                          /*allow_scalar=*/true, &axis_values));
    std::vector<bool> reduced;
    LITERT_RETURN_IF_ERROR(
        ResolveAxes(ctx, name_, rank, axis_values, &reduced));
    r_ = PlanReduction(ctx.input(0).shape, reduced, keep_dims_);
    ctx.SetOutputShape(0, r_.out_shape);
    return PrepareKernel(ctx);
  }

 protected:
  // Input and output types (and quantization) are acceptable.
  virtual Status CheckTypes(OpContext& ctx) = 0;
  // After the output shape is set: precompute, ask for scratch.
  virtual Status PrepareKernel(OpContext& ctx) { return Status::Ok(); }

  // Output type equals input type, one of `allowed`.
  Status CheckSameType(OpContext& ctx, std::initializer_list<DType> allowed,
                       const std::string& allowed_names) {
    const DType t = ctx.input(0).type;
    bool ok = false;
    for (DType a : allowed) ok = ok || a == t;
    LITERT_CHECK_OP(ctx, ok,
                    name_ + " does not support input type " + DTypeName(t) +
                        " (" + allowed_names + ")");
    LITERT_CHECK_OP(ctx, ctx.output(0).type == t,
                    name_ + " output has type " +
                        DTypeName(ctx.output(0).type) + ", expected " +
                        DTypeName(t) + " like the input");
    return Status::Ok();
  }

  const std::string name_;
  const bool keep_dims_;
  Reduction r_;
};

// ARG_MAX / ARG_MIN: the index of the first extreme element along one axis.
//
//   inputs: x, axis (int32 or int64, one value; negative counts from the end)
//   output: int32 or int64 (ArgMaxOptions/ArgMinOptions.output_type), x's
//           shape without the axis.
// `Better(a, b)` is true when a replaces the best value b so far (strictly, so
// ties keep the first index).
template <typename Better>
class ArgOp : public Op {
 public:
  ArgOp(std::string name, DType output_type)
      : name_(std::move(name)), output_type_(output_type) {}

  Status Prepare(OpContext& ctx) override {
    LITERT_CHECK_OP(ctx, ctx.num_inputs() == 2 && ctx.has_input(0),
                    name_ + " expects 2 inputs (input, axis), got " +
                        std::to_string(ctx.num_inputs()));
    LITERT_CHECK_OP(
        ctx, ctx.num_outputs() == 1,
        name_ + " expects 1 output, got " + std::to_string(ctx.num_outputs()));
    const RtTensor& in = ctx.input(0);
    const DType t = in.type;
    LITERT_CHECK_OP(ctx,
                    t == DType::kFloat32 || t == DType::kInt32 ||
                        t == DType::kInt64 || t == DType::kInt8 ||
                        t == DType::kUInt8 || t == DType::kInt16 ||
                        t == DType::kBool,
                    name_ + " does not support input type " + DTypeName(t) +
                        " (float32, int32, int64, int8, uint8, int16, bool)");
    const DType out = ctx.output(0).type;
    LITERT_CHECK_OP(
        ctx, IsIndexType(out),
        name_ + " output must be int32 or int64, got " + DTypeName(out));
    LITERT_CHECK_OP(ctx, !IsIndexType(output_type_) || out == output_type_,
                    name_ + " output has type " + DTypeName(out) +
                        ", but output_type is " + DTypeName(output_type_));
    LITERT_CHECK_OP(ctx, ctx.has_input(1),
                    name_ + " axis (input 1) is missing");
    const RtTensor& axis = ctx.input(1);
    LITERT_CHECK_OP(ctx, IsIndexType(axis.type),
                    name_ + " axis (input 1) must be int32 or int64, got " +
                        DTypeName(axis.type));
    LITERT_CHECK_OP(ctx, axis.num_elements() == 1 && axis.rank() <= 1,
                    name_ + " axis (input 1) must hold one value, got shape " +
                        ShapeToString(axis.shape));
    if (!ctx.InputDataKnown(1)) {
      ctx.DeferToRunTime();
      return Status::Ok();
    }
    const int rank = in.rank();
    const int64_t a = IndexValue(axis, 0);
    const int64_t d = a < 0 ? a + rank : a;
    LITERT_CHECK_OP(ctx, d >= 0 && d < rank,
                    name_ + " axis " + std::to_string(a) +
                        " is out of range for an input of shape " +
                        ShapeToString(in.shape));
    outer_ = 1;
    for (int k = 0; k < d; ++k) outer_ *= in.dim(k);
    n_ = in.dim(static_cast<int>(d));
    inner_ = 1;
    for (int k = static_cast<int>(d) + 1; k < rank; ++k) inner_ *= in.dim(k);
    Shape out_shape = in.shape;
    out_shape.erase(out_shape.begin() + d);
    ctx.SetOutputShape(0, std::move(out_shape));
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    const bool i64 = ctx.output(0).type == DType::kInt64;
    switch (ctx.input(0).type) {
      case DType::kFloat32:
        return Run<float>(ctx, i64);
      case DType::kInt32:
        return Run<int32_t>(ctx, i64);
      case DType::kInt64:
        return Run<int64_t>(ctx, i64);
      case DType::kInt8:
        return Run<int8_t>(ctx, i64);
      case DType::kInt16:
        return Run<int16_t>(ctx, i64);
      default:  // uint8, bool
        return Run<uint8_t>(ctx, i64);
    }
  }

 private:
  template <typename T>
  Status Run(OpContext& ctx, bool i64) const {
    const T* x = ctx.input(0).as<T>();
    RtTensor& out = ctx.output(0);
    Better better;
    for (int64_t o = 0; o < outer_; ++o) {
      for (int64_t j = 0; j < inner_; ++j) {
        const T* p = x + o * n_ * inner_ + j;
        int64_t best = 0;
        for (int64_t i = 1; i < n_; ++i) {
          if (better(p[i * inner_], p[best * inner_])) best = i;
        }
        const int64_t at = o * inner_ + j;
        if (i64) {
          out.as<int64_t>()[at] = best;
        } else {
          out.as<int32_t>()[at] = static_cast<int32_t>(best);
        }
      }
    }
    return Status::Ok();
  }

  const std::string name_;
  const DType output_type_;  // from the options; not int32/int64: follow the
                             // output tensor
  int64_t outer_ = 1, n_ = 1, inner_ = 1;
};

// keep_dims from ReducerOptions (false when absent, the schema default).
template <typename OpT>
bool KeepDims(const OpT* opts) {
  return opts != nullptr && opts->keep_dims();
}

// REDUCE_MAX and REDUCE_MIN: the extreme element along the reduced axes, or
// Pick::Empty<T>() when there are none. Quantized inputs compare their stored
// values, which pass to the output unchanged (like LiteRT's builtin kernel,
// which does not rescale when the output's scale differs).
template <typename Pick>
class ExtremumOp : public ReduceOpBase {
 public:
  using ReduceOpBase::ReduceOpBase;

  Status Eval(OpContext& ctx) override {
    switch (ctx.input(0).type) {
      case DType::kFloat32:
        return Run<float>(ctx);
      case DType::kInt32:
        return Run<int32_t>(ctx);
      case DType::kInt64:
        return Run<int64_t>(ctx);
      case DType::kInt8:
        return Run<int8_t>(ctx);
      case DType::kUInt8:
        return Run<uint8_t>(ctx);
      default:
        return Run<int16_t>(ctx);
    }
  }

 protected:
  Status CheckTypes(OpContext& ctx) override {
    return CheckSameType(ctx,
                         {DType::kFloat32, DType::kInt32, DType::kInt64,
                          DType::kInt8, DType::kUInt8, DType::kInt16},
                         "float32, int32, int64, int8, uint8, int16");
  }

 private:
  template <typename T>
  Status Run(OpContext& ctx) {
    if constexpr (std::is_same_v<T, float>) {
      // Vector rows (fast/reduce_rows.h), with std::min/max's rule.
      float* acc = ctx.output(0).as<float>();
      for (int64_t j = 0; j < r_.out_count; ++j) {
        acc[j] = Pick::template Empty<float>();
      }
      const float* x = ctx.input(0).as<float>();
      ForEachRow(r_, [&](int64_t in, int64_t out, int64_t count, int64_t step) {
        if (step != 0) {
          fast::ExtremumRowFloat(acc + out, x + in, count, Pick::kMax);
        } else {
          fast::ExtremumFoldFloat(acc + out, x + in, count, Pick::kMax);
        }
      });
      return Status::Ok();
    }
    // std::min/max skip NaNs wherever they are: any order gives the same.
    ReduceInto(
        r_, ctx.input(0).as<T>(), Pick::template Empty<T>(),
        [](T a, T b) { return Pick()(a, b); }, ctx.output(0).as<T>(),
        /*any_order=*/true);
    return Status::Ok();
  }
};

}  // namespace litert::reduce
