// UNPACK: splits x along `axis` into x.shape[axis] tensors with that
// dimension removed.
//
//   input: x (any fixed-size element type, rank >= 1)
//   UnpackOptions: num (the number of outputs, must equal x.shape[axis]),
//                  axis in [-rank, rank)
//
// Viewing x as [outer, num, inner], output i gets x[:, i, :].
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "ops/data_movement.h"
#include "ops/op.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

class UnpackOp : public Op {
 public:
  UnpackOp(int num, int axis) : num_(num), axis_(axis) {}

  Status Prepare(OpContext& ctx) override {
    LITERT_CHECK_OP(
        ctx, ctx.num_inputs() == 1 && ctx.has_input(0),
        "UNPACK expects 1 input, got " + std::to_string(ctx.num_inputs()));
    const RtTensor& in = ctx.input(0);
    LITERT_CHECK_OP(ctx, IsMovableType(in.type),
                    "UNPACK does not support input type " + DTypeName(in.type));
    const int rank = in.rank();
    LITERT_CHECK_OP(ctx, rank >= 1,
                    "UNPACK input must have rank >= 1, got a scalar");
    const int axis = NormalizedAxis(axis_, rank);
    LITERT_CHECK_OP(ctx, axis >= 0,
                    "UNPACK axis " + std::to_string(axis_) +
                        " is out of range for an input of shape " +
                        ShapeToString(in.shape));
    const int parts = in.dim(axis);
    LITERT_CHECK_OP(ctx, num_ == parts,
                    "UNPACK num is " + std::to_string(num_) +
                        ", but the input " + ShapeToString(in.shape) + " has " +
                        std::to_string(parts) + " along axis " +
                        std::to_string(axis_));
    LITERT_CHECK_OP(ctx, ctx.num_outputs() == parts,
                    "UNPACK has " + std::to_string(ctx.num_outputs()) +
                        " outputs, expected " + std::to_string(parts));
    Shape out_shape = in.shape;
    out_shape.erase(out_shape.begin() + axis);
    for (int i = 0; i < parts; ++i) {
      LITERT_CHECK_OP(ctx, ctx.output(i).type == in.type,
                      "UNPACK output " + std::to_string(i) + " has type " +
                          DTypeName(ctx.output(i).type) + ", expected " +
                          DTypeName(in.type) + " like the input");
      ctx.SetOutputShape(i, out_shape);
    }
    outer_ = 1;
    for (int d = 0; d < axis; ++d) outer_ *= in.dim(d);
    inner_ = 1;
    for (int d = axis + 1; d < rank; ++d) inner_ *= in.dim(d);
    elem_ = DTypeSize(in.type);
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    const int parts = ctx.num_outputs();
    const size_t row = inner_ * elem_;
    const uint8_t* x = ctx.input(0).data;
    for (int64_t o = 0; o < outer_; ++o) {
      for (int i = 0; i < parts; ++i) {
        CopyRun(ctx.output(i).data + o * row, x, row);
        x += row;
      }
    }
    return Status::Ok();
  }

 private:
  static int NormalizedAxis(int axis, int rank) {
    if (axis < 0) axis += rank;
    return axis >= 0 && axis < rank ? axis : -1;
  }

  int num_, axis_;
  int64_t outer_ = 1, inner_ = 1;
  size_t elem_ = 4;
};

}  // namespace

Result<std::unique_ptr<Op>> CreateUnpack(const OpInitContext& init) {
  const fb::UnpackOptions* opts =
      init.op != nullptr ? init.op->builtin_options_as_UnpackOptions()
                         : nullptr;
  const int num = opts != nullptr ? opts->num() : 0;
  const int axis = opts != nullptr ? opts->axis() : 0;
  return std::unique_ptr<Op>(new UnpackOp(num, axis));
}

}  // namespace litert
