// NumPy-style broadcasting for elementwise ops (ADD, SUB, MUL, SELECT_V2, ...).
//
// Shapes are aligned at their last dimension; a dimension of 1 stretches to
// match the other side. Up to kMaxBroadcastRank dimensions. Prepare builds a
// BroadcastIndexer (no allocation), Eval walks it:
//
//   BroadcastIndexer bc;                     // member of the op
//   if (!bc.Init(a.shape, b.shape)) error;   // Prepare
//   ctx.SetOutputShape(0, bc.output_shape());
//   bc.ForEach([&](int64_t o, int64_t ia, int64_t ib) {   // Eval
//     out[o] = f(x[ia], y[ib]);
//   });
//
// NaryBroadcastIndexer<N> does the same for N operands (SELECT_V2: N = 3); its
// ForEach passes the output offset and a std::array of the N input offsets.
//
// Vector kernels walk rows instead: the trailing dimensions are merged while
// every input either runs through them contiguously or repeats one element,
// so each row is a plain loop with input strides 0 or 1 (row_strides()):
//
//   bc.ForEachRow(0, bc.num_rows(), [&](int64_t o, auto in, int64_t n) {
//     for (int64_t i = 0; i < n; ++i)
//       out[o + i] = f(x[in[0] + i * sx], y[in[1] + i * sy]);
//   });
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>

#include "core/runtime_tensor.h"

namespace litert {

inline constexpr int kMaxBroadcastRank = 6;

// The broadcast result of `a` and `b`; false when some aligned pair of
// dimensions differs and neither is 1.
inline bool BroadcastShapes(const Shape& a, const Shape& b, Shape* out) {
  const size_t rank = std::max(a.size(), b.size());
  Shape result(rank);
  for (size_t i = 0; i < rank; ++i) {
    // i counts from the last dimension.
    const int32_t da = i < a.size() ? a[a.size() - 1 - i] : 1;
    const int32_t db = i < b.size() ? b[b.size() - 1 - i] : 1;
    int32_t d;
    if (da == db || db == 1) {
      d = da;
    } else if (da == 1) {
      d = db;
    } else {
      return false;
    }
    result[rank - 1 - i] = d;
  }
  *out = std::move(result);
  return true;
}

// Maps each element of a broadcast output (row-major) to its elements in N
// inputs.
template <int N>
class NaryBroadcastIndexer {
 public:
  using Offsets = std::array<int64_t, N>;

  // False when the shapes do not broadcast or some shape has more than
  // kMaxBroadcastRank dimensions.
  bool Init(const std::array<const Shape*, N>& shapes) {
    Shape result;
    for (int k = 0; k < N; ++k) {
      if (shapes[k]->size() > kMaxBroadcastRank) return false;
      if (!BroadcastShapes(result, *shapes[k], &result)) return false;
    }
    output_shape_ = std::move(result);
    // Right-align everything into kMaxBroadcastRank slots; leading slots have
    // size 1.
    const int pad = kMaxBroadcastRank - static_cast<int>(output_shape_.size());
    for (int i = 0; i < kMaxBroadcastRank; ++i) {
      dims_[i] = i < pad ? 1 : output_shape_[i - pad];
    }
    // With all sizes positive, equal element counts mean no dimension is
    // stretched.
    const int64_t n = NumElements(output_shape_);
    same_ = true;
    for (int k = 0; k < N; ++k) {
      FillStrides(*shapes[k], strides_[k]);
      same_ = same_ && NumElements(*shapes[k]) == n;
    }
    MergeRows();
    return true;
  }

  const Shape& output_shape() const { return output_shape_; }
  int64_t num_elements() const { return NumElements(output_shape_); }
  // True when every input already has the output's element count (no index
  // arithmetic needed).
  bool same_shapes() const { return same_; }

  // The output as num_rows() rows of row_length() elements; within a row,
  // input k advances by row_strides()[k] (0 or 1) per element.
  int64_t num_rows() const { return rows_; }
  int64_t row_length() const { return row_length_; }
  const Offsets& row_strides() const { return row_strides_; }

  // Calls f(output_offset, offsets, row_length()) for rows [begin, end) in
  // order; offsets[k] is the first element of input k in that row.
  template <typename F>
  void ForEachRow(int64_t begin, int64_t end, F&& f) const {
    if (begin >= end || row_length_ <= 0) return;
    // The outer position of row `begin`, as digits of dims_[0, inner_).
    int32_t digit[kMaxBroadcastRank] = {};
    Offsets at{};
    int64_t rest = begin;
    for (int d = inner_ - 1; d >= 0; --d) {
      digit[d] = static_cast<int32_t>(rest % dims_[d]);
      rest /= dims_[d];
      for (int k = 0; k < N; ++k) at[k] += digit[d] * strides_[k][d];
    }
    for (int64_t row = begin; row < end; ++row) {
      f(row * row_length_, static_cast<const Offsets&>(at), row_length_);
      // Odometer step over the outer dimensions.
      for (int d = inner_ - 1; d >= 0; --d) {
        for (int k = 0; k < N; ++k) at[k] += strides_[k][d];
        if (++digit[d] < dims_[d]) break;
        for (int k = 0; k < N; ++k) at[k] -= int64_t{dims_[d]} * strides_[k][d];
        digit[d] = 0;
      }
    }
  }

  // Calls f(output_offset, offsets) for every output element in row-major
  // order; offsets[k] is the element of input k.
  template <typename F>
  void ForEach(F&& f) const {
    const int64_t n = num_elements();
    if (n <= 0) return;
    Offsets at{};
    if (same_) {
      for (int64_t i = 0; i < n; ++i) {
        at.fill(i);
        f(i, static_cast<const Offsets&>(at));
      }
      return;
    }
    int64_t out = 0;
    Walk<0>(at, out, f);
  }

 private:
  // Loops over dimension D, then recurses into D + 1; the innermost calls f.
  template <int D, typename F>
  void Walk(const Offsets& base, int64_t& out, F& f) const {
    Offsets at = base;
    for (int32_t i = 0; i < dims_[D]; ++i) {
      if constexpr (D + 1 == kMaxBroadcastRank) {
        f(out++, static_cast<const Offsets&>(at));
      } else {
        Walk<D + 1>(at, out, f);
      }
      for (int k = 0; k < N; ++k) at[k] += strides_[k][D];
    }
  }

  // Merges trailing dimensions into one row while each input's stride in the
  // next dimension continues its row (stride * row length) or stays 0.
  void MergeRows() {
    row_length_ = 1;
    inner_ = kMaxBroadcastRank;
    bool started = false;
    for (int d = kMaxBroadcastRank - 1; d >= 0; --d) {
      if (dims_[d] == 1) continue;  // any stride: merges freely
      bool fits = true;
      for (int k = 0; k < N; ++k) {
        if (!started) {
          row_strides_[k] = strides_[k][d] == 0 ? 0 : 1;
          fits = fits && (strides_[k][d] == 0 || strides_[k][d] == 1);
        } else {
          fits = fits && strides_[k][d] == row_strides_[k] * row_length_;
        }
      }
      if (!fits) break;
      started = true;
      row_length_ *= dims_[d];
      inner_ = d;
    }
    if (!started) row_strides_.fill(0);
    const int64_t n = num_elements();
    rows_ = row_length_ > 0 ? n / row_length_ : 0;
  }

  // Row-major strides of `s` right-aligned to the output; 0 where `s` is
  // broadcast.
  void FillStrides(const Shape& s, int64_t* strides) {
    const int pad = kMaxBroadcastRank - static_cast<int>(s.size());
    int64_t stride = 1;
    for (int i = kMaxBroadcastRank - 1; i >= 0; --i) {
      const int32_t d = i < pad ? 1 : s[i - pad];
      strides[i] = (d == 1 && dims_[i] != 1) ? 0 : stride;
      stride *= d;
    }
  }

  Shape output_shape_;
  int32_t dims_[kMaxBroadcastRank] = {1, 1, 1, 1, 1, 1};
  int64_t strides_[N][kMaxBroadcastRank] = {};
  bool same_ = false;
  int inner_ = kMaxBroadcastRank;  // first merged dimension
  int64_t row_length_ = 1, rows_ = 0;
  Offsets row_strides_{};
};

// The two-input case, with offsets passed as separate arguments.
class BroadcastIndexer {
 public:
  // False when the shapes do not broadcast or the result has more than
  // kMaxBroadcastRank dimensions.
  bool Init(const Shape& a, const Shape& b) { return nary_.Init({&a, &b}); }

  const Shape& output_shape() const { return nary_.output_shape(); }
  int64_t num_elements() const { return nary_.num_elements(); }
  // True when both inputs already have the output's shape (no index arithmetic
  // needed).
  bool same_shapes() const { return nary_.same_shapes(); }
  const NaryBroadcastIndexer<2>& rows() const { return nary_; }

  // Calls f(output_offset, a_offset, b_offset) for every output element in
  // row-major order.
  template <typename F>
  void ForEach(F&& f) const {
    nary_.ForEach([&](int64_t o, const std::array<int64_t, 2>& in) {
      f(o, in[0], in[1]);
    });
  }

 private:
  NaryBroadcastIndexer<2> nary_;
};

}  // namespace litert
