// Helpers for ops that move elements around (TRANSPOSE, TILE, SLICE, ...) and
// for inputs that carry axes, sizes or shapes as int32/int64 values.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "ops/op.h"

namespace litert {

// Element types a data-movement op can carry: any fixed-size element (it only
// copies bytes). Strings, INT4 (packed) and handles are excluded.
inline bool IsMovableType(DType t) {
  return DTypeSize(t) > 0 && t != DType::kResource && t != DType::kVariant;
}

inline bool IsIndexType(DType t) {
  return t == DType::kInt32 || t == DType::kInt64;
}

// Element i of an int32 or int64 tensor, widened.
inline int64_t IndexValue(const RtTensor& t, int64_t i) {
  return t.type == DType::kInt64 ? t.as<int64_t>()[i] : t.as<int32_t>()[i];
}

// Reads input `i` (int32 or int64, a scalar or 1-D) into `values`. `what` names
// the input in errors ("TILE multiples (input 1)"). The caller checked that its
// data is known.
inline Status ReadIndexInput(OpContext& ctx, int i, const std::string& what,
                             bool allow_scalar, std::vector<int64_t>* values) {
  LITERT_CHECK_OP(ctx, ctx.has_input(i), what + " is missing");
  const RtTensor& t = ctx.input(i);
  LITERT_CHECK_OP(ctx, IsIndexType(t.type),
                  what + " must be int32 or int64, got " + DTypeName(t.type));
  LITERT_CHECK_OP(ctx, t.rank() == 1 || (allow_scalar && t.rank() == 0),
                  what + " must be " + (allow_scalar ? "a scalar or " : "") +
                      "1-D, got shape " + ShapeToString(t.shape));
  const int64_t n = t.num_elements();
  LITERT_CHECK_OP(ctx, n == 0 || t.data != nullptr, what + " has no data");
  values->resize(n);
  for (int64_t k = 0; k < n; ++k) (*values)[k] = IndexValue(t, k);
  return Status::Ok();
}

// "[1, -2, 3]" for error messages.
inline std::string ValuesToString(const std::vector<int64_t>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(v[i]);
  }
  return s + "]";
}

// Copies `bytes` contiguous bytes: one element, or a short run (the rows of a
// slice or concatenation along a small last axis). The common sizes become
// fixed-size moves, which a variable-length memcpy call costs several times.
inline void CopyRun(uint8_t* dst, const uint8_t* src, size_t bytes) {
  switch (bytes) {
    case 1:
      *dst = *src;
      break;
    case 2:
      std::memcpy(dst, src, 2);
      break;
    case 4:
      std::memcpy(dst, src, 4);
      break;
    case 8:
      std::memcpy(dst, src, 8);
      break;
    case 12:
      std::memcpy(dst, src, 12);
      break;
    case 16:
      std::memcpy(dst, src, 16);
      break;
    case 32:
      std::memcpy(dst, src, 32);
      break;
    default:
      std::memcpy(dst, src, bytes);
  }
}
inline void CopyElement(uint8_t* dst, const uint8_t* src, size_t size) {
  CopyRun(dst, src, size);
}

// Row-major strides (in elements) of `shape`.
inline std::vector<int64_t> RowMajorStrides(const Shape& shape) {
  std::vector<int64_t> s(shape.size(), 1);
  for (int d = static_cast<int>(shape.size()) - 2; d >= 0; --d) {
    s[d] = s[d + 1] * shape[d + 1];
  }
  return s;
}

// Dimensions are int32 in the format: a computed size must fit.
constexpr int64_t kMaxDim = 0x7fffffff;

// The highest rank the shape ops handle (their walks keep fixed-size counters).
constexpr int kMaxRank = 16;

// y[i] = x[(at + i * step) * elem] for i < count, elements of `elem` bytes
// (the common sizes as typed loops, so the size is not decided per element).
template <typename T>
inline void StridedRowAs(const uint8_t* x, int64_t at, int64_t step,
                         int64_t count, uint8_t* y) {
  const T* src = reinterpret_cast<const T*>(x) + at;
  T* dst = reinterpret_cast<T*>(y);
  for (int64_t i = 0; i < count; ++i) dst[i] = src[i * step];
}
inline void StridedRow(const uint8_t* x, int64_t at, int64_t step,
                       int64_t count, size_t elem, uint8_t* y) {
  switch (elem) {
    case 1:
      return StridedRowAs<uint8_t>(x, at, step, count, y);
    case 2:
      return StridedRowAs<uint16_t>(x, at, step, count, y);
    case 4:
      return StridedRowAs<uint32_t>(x, at, step, count, y);
    case 8:
      return StridedRowAs<uint64_t>(x, at, step, count, y);
    default:
      for (int64_t i = 0; i < count; ++i, at += step, y += elem) {
        std::memcpy(y, x + at * elem, elem);
      }
  }
}

// Gathers a strided view of `x` into the row-major `y`:
//   y[i_0, ..., i_{n-1}] = x[base + sum_d i_d * x_strides[d]]
// for i_d < out_dims[d] (rank <= kMaxRank). Strides are in elements and may be
// 0 (broadcast) or negative (reverse). A rank-0 output copies one element.
inline void StridedCopy(const uint8_t* x, int64_t base,
                        const std::vector<int64_t>& out_dims,
                        const std::vector<int64_t>& x_strides, size_t elem,
                        uint8_t* y) {
  const int n = static_cast<int>(out_dims.size());
  for (int64_t d : out_dims) {
    if (d == 0) return;
  }
  if (n == 0) {
    CopyElement(y, x + base * elem, elem);
    return;
  }
  const int64_t inner = out_dims[n - 1];
  const int64_t step = x_strides[n - 1];
  int64_t at = base;
  int64_t counter[kMaxRank] = {0};
  while (true) {
    if (step == 1) {
      CopyRun(y, x + at * elem, inner * elem);
      y += inner * elem;
    } else {
      StridedRow(x, at, step, inner, elem, y);
      y += inner * elem;
    }
    int d = n - 2;
    for (; d >= 0; --d) {
      at += x_strides[d];
      if (++counter[d] < out_dims[d]) break;
      at -= x_strides[d] * out_dims[d];
      counter[d] = 0;
    }
    if (d < 0) return;
  }
}

// SPLIT / SPLIT_V: x viewed as [outer, sum(sizes), inner]; output k (of the
// op in `ctx`) receives x[:, offset_k : offset_k + sizes[k], :].
inline void SplitAlongAxis(OpContext& ctx, const uint8_t* x, int64_t outer,
                           int64_t inner, const std::vector<int64_t>& sizes,
                           size_t elem) {
  const int n = static_cast<int>(sizes.size());
  for (int64_t o = 0; o < outer; ++o) {
    for (int k = 0; k < n; ++k) {
      const size_t run = sizes[k] * inner * elem;
      if (run == 0) continue;
      CopyRun(ctx.output(k).data + o * run, x, run);
      x += run;
    }
  }
}

}  // namespace litert
