// STRIDED_SLICE: x[begin:end:stride] per dimension, with TensorFlow's masks.
//
//   inputs: x, begin, end, strides (1-D int32 or int64, one entry per slice
//           spec; computed at run time: Prepare is deferred to run time)
//
// Spec entry i is read with bit i of the masks:
//   ellipsis_mask     the entry stands for as many whole dimensions as needed
//                     (at most one ellipsis)
//   new_axis_mask     the entry inserts an output dimension of size 1 (and
//                     consumes no input dimension)
//   begin_mask        begin is the first element in the stride's direction
//   end_mask          end is past the last element in the stride's direction
//   shrink_axis_mask  take the single element at begin and drop the dimension
//                     (begin must be in range: an error otherwise)
// Precedence is ellipsis > new_axis > the rest. Input dimensions not covered by
// the spec are taken whole. Negative begin/end count from the end; both are
// clamped to the dimension. `offset` makes end relative: end = begin (after
// masks and negative indexing) + end. Like LiteRT, begin_mask also applies to a
// shrunk dimension (it then takes the first element in the stride's direction).
#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "ops/data_movement.h"
#include "ops/op.h"
#include "ops/op_util.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

struct SliceOptions {
  int begin_mask = 0, end_mask = 0, ellipsis_mask = 0, new_axis_mask = 0;
  int shrink_axis_mask = 0;
  bool offset = false;
};

// One input dimension of the slice, after the sparse spec is expanded.
struct DenseDim {
  int64_t begin = 0, end = 0, stride = 1;
  bool begin_mask = true, end_mask = true, shrink = false;
};

class StridedSliceOp : public Op {
 public:
  explicit StridedSliceOp(SliceOptions o) : o_(o) {}

  Status Prepare(OpContext& ctx) override {
    LITERT_CHECK_OP(
        ctx, ctx.num_inputs() == 4,
        "STRIDED_SLICE expects 4 inputs (input, begin, end, strides), got " +
            std::to_string(ctx.num_inputs()));
    LITERT_CHECK_OP(ctx, ctx.num_outputs() == 1,
                    "STRIDED_SLICE expects 1 output, got " +
                        std::to_string(ctx.num_outputs()));
    for (int i = 0; i < 4; ++i) {
      LITERT_CHECK_OP(
          ctx, ctx.has_input(i),
          "STRIDED_SLICE input " + std::to_string(i) + " is missing");
    }
    const RtTensor& in = ctx.input(0);
    const RtTensor& out = ctx.output(0);
    elem_size_ = DTypeSize(in.type);
    LITERT_CHECK_OP(
        ctx,
        in.type == DType::kFloat32 || in.type == DType::kInt8 ||
            in.type == DType::kUInt8 || in.type == DType::kInt16 ||
            in.type == DType::kInt32 || in.type == DType::kInt64 ||
            in.type == DType::kBool || in.type == DType::kFloat16,
        "STRIDED_SLICE does not support input type " + DTypeName(in.type) +
            " (float32, float16, int8, uint8, int16, int32, int64, bool)");
    LITERT_CHECK_OP(ctx, out.type == in.type,
                    "STRIDED_SLICE output has type " + DTypeName(out.type) +
                        ", expected " + DTypeName(in.type) + " like the input");

    static const char* kNames[] = {"", "begin", "end", "strides"};
    std::vector<int64_t> spec[4];
    bool defer = false;
    for (int i = 1; i < 4; ++i) {
      const RtTensor& t = ctx.input(i);
      const std::string what = std::string("STRIDED_SLICE ") + kNames[i] +
                               " (input " + std::to_string(i) + ")";
      LITERT_CHECK_OP(
          ctx, t.type == DType::kInt32 || t.type == DType::kInt64,
          what + " must be int32 or int64, got " + DTypeName(t.type));
      LITERT_CHECK_OP(
          ctx, t.rank() == 1,
          what + " must be 1-D, got shape " + ShapeToString(t.shape));
      if (t.dim(0) > 0 && !ctx.InputDataKnown(i)) defer = true;
    }
    const int32_t specs = ctx.input(1).dim(0);
    LITERT_CHECK_OP(
        ctx, ctx.input(2).dim(0) == specs && ctx.input(3).dim(0) == specs,
        "STRIDED_SLICE begin, end and strides must have the same length, got " +
            std::to_string(specs) + ", " + std::to_string(ctx.input(2).dim(0)) +
            ", " + std::to_string(ctx.input(3).dim(0)));
    LITERT_CHECK_OP(ctx, specs <= 32,
                    "STRIDED_SLICE supports at most 32 slice specs");
    ready_ = false;
    if (defer) {
      // Computed begin/end/strides: the graph prepares this node again at
      // run time.
      ctx.DeferToRunTime();
      return Status::Ok();
    }
    for (int i = 1; i < 4; ++i) {
      const RtTensor& t = ctx.input(i);
      for (int32_t k = 0; k < t.dim(0); ++k) {
        const int64_t v =
            t.type == DType::kInt32 ? t.as<int32_t>()[k] : t.as<int64_t>()[k];
        // Dimensions are below 2^31, so clamping far outside that changes no
        // result and keeps the index arithmetic below from overflowing.
        spec[i].push_back(
            std::clamp<int64_t>(v, -(int64_t{1} << 40), int64_t{1} << 40));
      }
    }
    const int n = static_cast<int>(spec[1].size());
    const int ellipses =
        __builtin_popcount(static_cast<unsigned>(o_.ellipsis_mask) &
                           ((n == 32 ? 0u : (1u << n)) - 1u));
    LITERT_CHECK_OP(ctx, ellipses <= 1,
                    "STRIDED_SLICE ellipsis_mask has more than one bit set");

    // Expand the sparse spec into one DenseDim per input dimension; record the
    // output shape as we go (new axes and kept dimensions, in order). Like
    // LiteRT, the walk goes over the effective dimensions (input dimensions
    // plus new axes): an ellipsis always covers at least one of them, and spec
    // entries left over once every dimension is covered are ignored.
    const int rank = in.rank();
    const unsigned valid = n == 32 ? ~0u : (1u << n) - 1u;
    const unsigned ellipsis_bits = static_cast<unsigned>(o_.ellipsis_mask);
    const unsigned new_axis_bits =
        static_cast<unsigned>(o_.new_axis_mask) & ~ellipsis_bits & valid;
    const int added_axes = __builtin_popcount(new_axis_bits);
    const int effective = rank + added_axes;
    dims_.assign(rank, DenseDim{});
    Shape out_shape;
    // Per output dim: dense dim index, or -1 for a new axis.
    std::vector<int> out_from;
    int full = 0;      // next input dimension
    int expanded = 0;  // effective dims the ellipsis covers beyond its one
    for (int p = 0; p < effective;) {
      const int i = p - expanded;  // spec entry for effective dimension p
      const unsigned bit = i < 32 ? 1u << i : 0u;
      if (expanded == 0 && (ellipsis_bits & (1u << p))) {
        const int span =
            std::max(1, std::min(1 + added_axes + rank - n, effective - p));
        for (int k = 0; k < span && full < rank; ++k) {
          out_from.push_back(full++);  // whole dimensions
        }
        expanded = span - 1;
        p += span;
        continue;
      }
      ++p;
      if (i < n && (new_axis_bits & bit)) {
        out_from.push_back(-1);
        continue;
      }
      if (full >= rank) continue;
      if (i >= n) {  // past the spec: the whole dimension
        out_from.push_back(full++);
        continue;
      }
      DenseDim& d = dims_[full];
      d.begin = spec[1][i];
      d.end = spec[2][i];
      d.stride = spec[3][i];
      d.begin_mask = o_.begin_mask & bit;
      d.end_mask = o_.end_mask & bit;
      d.shrink = o_.shrink_axis_mask & bit;
      if (!d.shrink) out_from.push_back(full);
      ++full;
    }

    // Resolve each dimension to start / step / count.
    start_.assign(rank, 0);
    step_.assign(rank, 1);
    count_.assign(rank, 0);
    for (int k = 0; k < rank; ++k) {
      LITERT_RETURN_IF_ERROR(Resolve(ctx, k, in.dim(k)));
    }
    for (int from : out_from) out_shape.push_back(from < 0 ? 1 : count_[from]);

    in_strides_.assign(rank, 1);
    for (int k = rank - 2; k >= 0; --k)
      in_strides_[k] = in_strides_[k + 1] * in.dim(k + 1);
    // The slice as one strided view of the input (StridedCopy).
    base_ = 0;
    view_dims_.assign(count_.begin(), count_.end());
    view_strides_.assign(rank, 0);
    for (int k = 0; k < rank; ++k) {
      base_ += start_[k] * in_strides_[k];
      view_strides_[k] = step_[k] * in_strides_[k];
    }
    ctx.SetOutputShape(0, std::move(out_shape));
    ready_ = true;
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    LITERT_CHECK_OP(ctx, ready_,
                    "STRIDED_SLICE with begin/end/strides computed at run time "
                    "needs the node to be prepared again at run time");
    const RtTensor& in = ctx.input(0);
    RtTensor& out = ctx.output(0);
    if (out.num_elements() == 0) return Status::Ok();
    if (in.rank() == 0) {
      std::memcpy(out.data, in.data, elem_size_);
      return Status::Ok();
    }
    StridedCopy(in.data, base_, view_dims_, view_strides_, elem_size_,
                out.data);
    return Status::Ok();
  }

 private:
  Status Resolve(OpContext& ctx, int k, int32_t size) {
    const DenseDim& d = dims_[k];
    LITERT_CHECK_OP(
        ctx, d.stride != 0,
        "STRIDED_SLICE stride for dimension " + std::to_string(k) + " is 0");
    const bool forward = d.stride > 0;
    // begin: masks pick the first element in the stride's direction.
    int64_t start = d.begin;
    if (d.begin_mask) start = forward ? 0 : size - 1;
    if (start < 0) start += size;
    if (d.shrink) {
      LITERT_CHECK_OP(ctx, start >= 0 && start < size,
                      "STRIDED_SLICE shrinks dimension " + std::to_string(k) +
                          " at index " + std::to_string(d.begin) +
                          ", outside its size " + std::to_string(size));
      start_[k] = start;
      step_[k] = 1;
      count_[k] = 1;
      return Status::Ok();
    }
    start = forward ? std::clamp<int64_t>(start, 0, size)
                    : std::clamp<int64_t>(start, -1, size - 1);
    int64_t stop;
    if (o_.offset) {
      stop = start + d.end;
    } else if (d.end_mask) {
      stop = forward ? size : -1;
    } else {
      stop = d.end < 0 ? d.end + size : d.end;
    }
    stop = forward ? std::clamp<int64_t>(stop, 0, size)
                   : std::clamp<int64_t>(stop, -1, size - 1);
    int64_t count = forward ? (stop - start + d.stride - 1) / d.stride
                            : (start - stop - d.stride - 1) / -d.stride;
    if (size == 0 || count < 0) count = 0;
    start_[k] = start;
    step_[k] = d.stride;
    count_[k] = static_cast<int32_t>(count);
    return Status::Ok();
  }

  // Copies the slice of dimension k (and below) starting at input element
  // `base`.
  SliceOptions o_;
  bool ready_ = false;  // Prepare fixed the output shape
  size_t elem_size_ = 4;
  std::vector<DenseDim> dims_;
  std::vector<int64_t> start_, step_, in_strides_;
  std::vector<int32_t> count_;
  int64_t base_ = 0;
  std::vector<int64_t> view_dims_, view_strides_;
};

}  // namespace

Result<std::unique_ptr<Op>> CreateStridedSlice(const OpInitContext& init) {
  SliceOptions o;
  const fb::StridedSliceOptions* opts =
      init.op != nullptr ? init.op->builtin_options_as_StridedSliceOptions()
                         : nullptr;
  if (opts != nullptr) {
    o.begin_mask = opts->begin_mask();
    o.end_mask = opts->end_mask();
    o.ellipsis_mask = opts->ellipsis_mask();
    o.new_axis_mask = opts->new_axis_mask();
    o.shrink_axis_mask = opts->shrink_axis_mask();
    o.offset = opts->offset();
  }
  return std::unique_ptr<Op>(new StridedSliceOp(o));
}

}  // namespace litert
