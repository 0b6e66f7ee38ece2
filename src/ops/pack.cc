// PACK: stacks N tensors of one shape into one tensor with a new dimension of
// size N at `axis`.
//
//   inputs: N >= 1 tensors, same type (any fixed-size element type) and shape
//   PackOptions: values_count (must be N), axis in [-(rank + 1), rank]; a
//                negative axis counts from the end of the output.
//
// Viewing each input as [outer, inner] (split at axis), output row o is input
// 0's row o, then input 1's, ... Quantized values move unchanged.
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "ops/data_movement.h"
#include "ops/op.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

class PackOp : public Op {
 public:
  PackOp(int values_count, int axis)
      : values_count_(values_count), axis_(axis) {}

  Status Prepare(OpContext& ctx) override {
    const int n = ctx.num_inputs();
    LITERT_CHECK_OP(ctx, n >= 1, "PACK expects at least 1 input");
    LITERT_CHECK_OP(ctx, n == values_count_,
                    "PACK has " + std::to_string(n) +
                        " inputs, but values_count is " +
                        std::to_string(values_count_));
    LITERT_CHECK_OP(
        ctx, ctx.num_outputs() == 1,
        "PACK expects 1 output, got " + std::to_string(ctx.num_outputs()));
    for (int i = 0; i < n; ++i) {
      LITERT_CHECK_OP(ctx, ctx.has_input(i),
                      "PACK input " + std::to_string(i) + " is missing");
    }
    const RtTensor& first = ctx.input(0);
    LITERT_CHECK_OP(
        ctx, IsMovableType(first.type),
        "PACK does not support input type " + DTypeName(first.type));
    LITERT_CHECK_OP(ctx, ctx.output(0).type == first.type,
                    "PACK output has type " + DTypeName(ctx.output(0).type) +
                        ", expected " + DTypeName(first.type) +
                        " like the inputs");
    for (int i = 1; i < n; ++i) {
      const RtTensor& t = ctx.input(i);
      LITERT_CHECK_OP(ctx, t.type == first.type && t.shape == first.shape,
                      "PACK input " + std::to_string(i) + " is " +
                          DTypeName(t.type) + " " + ShapeToString(t.shape) +
                          ", expected " + DTypeName(first.type) + " " +
                          ShapeToString(first.shape) + " like input 0");
    }
    const int rank = first.rank();
    const int axis = axis_ < 0 ? axis_ + rank + 1 : axis_;
    LITERT_CHECK_OP(ctx, axis >= 0 && axis <= rank,
                    "PACK axis " + std::to_string(axis_) +
                        " is out of range for inputs of rank " +
                        std::to_string(rank));
    outer_ = 1;
    for (int d = 0; d < axis; ++d) outer_ *= first.dim(d);
    inner_ = 1;
    for (int d = axis; d < rank; ++d) inner_ *= first.dim(d);
    elem_ = DTypeSize(first.type);
    Shape out_shape = first.shape;
    out_shape.insert(out_shape.begin() + axis, n);
    ctx.SetOutputShape(0, std::move(out_shape));
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    const int n = ctx.num_inputs();
    const size_t row = inner_ * elem_;
    uint8_t* y = ctx.output(0).data;
    for (int64_t o = 0; o < outer_; ++o) {
      for (int i = 0; i < n; ++i) {
        CopyRun(y, ctx.input(i).data + o * row, row);
        y += row;
      }
    }
    return Status::Ok();
  }

 private:
  int values_count_, axis_;
  int64_t outer_ = 1, inner_ = 1;
  size_t elem_ = 4;
};

}  // namespace

Result<std::unique_ptr<Op>> CreatePack(const OpInitContext& init) {
  const fb::PackOptions* opts =
      init.op != nullptr ? init.op->builtin_options_as_PackOptions() : nullptr;
  const int count = opts != nullptr ? opts->values_count() : 0;
  const int axis = opts != nullptr ? opts->axis() : 0;
  return std::unique_ptr<Op>(new PackOp(count, axis));
}

}  // namespace litert
