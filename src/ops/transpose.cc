// TRANSPOSE: y = x with its dimensions reordered: y.shape[i] =
// x.shape[perm[i]].
//
//   inputs: x (any fixed-size element type), perm (int32 or int64, 1-D, a
//           permutation of 0..rank-1; negative entries count from the end)
//
// Quantized values move unchanged. A perm computed at run time defers the
// shape to run time.
#include <memory>
#include <string>
#include <vector>

#include "ops/data_movement.h"
#include "ops/op.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

class TransposeOp : public Op {
 public:
  Status Prepare(OpContext& ctx) override {
    LITERT_CHECK_OP(ctx, ctx.num_inputs() == 2 && ctx.has_input(0),
                    "TRANSPOSE expects 2 inputs (input, perm), got " +
                        std::to_string(ctx.num_inputs()));
    LITERT_CHECK_OP(
        ctx, ctx.num_outputs() == 1,
        "TRANSPOSE expects 1 output, got " + std::to_string(ctx.num_outputs()));
    const RtTensor& in = ctx.input(0);
    const RtTensor& out = ctx.output(0);
    LITERT_CHECK_OP(
        ctx, IsMovableType(in.type),
        "TRANSPOSE does not support input type " + DTypeName(in.type));
    LITERT_CHECK_OP(ctx, out.type == in.type,
                    "TRANSPOSE output has type " + DTypeName(out.type) +
                        ", expected " + DTypeName(in.type) + " like the input");
    const int rank = in.rank();
    LITERT_CHECK_OP(ctx, rank <= kMaxRank,
                    "TRANSPOSE supports inputs of rank up to " +
                        std::to_string(kMaxRank) + ", got " +
                        ShapeToString(in.shape));
    LITERT_CHECK_OP(ctx, ctx.has_input(1),
                    "TRANSPOSE perm (input 1) is missing");
    LITERT_CHECK_OP(ctx, IsIndexType(ctx.input(1).type),
                    "TRANSPOSE perm (input 1) must be int32 or int64, got " +
                        DTypeName(ctx.input(1).type));
    if (!ctx.InputDataKnown(1)) {
      ctx.DeferToRunTime();
      return Status::Ok();
    }
    std::vector<int64_t> perm;
    LITERT_RETURN_IF_ERROR(ReadIndexInput(ctx, 1, "TRANSPOSE perm (input 1)",
                                          /*allow_scalar=*/false, &perm));
    LITERT_CHECK_OP(ctx, static_cast<int>(perm.size()) == rank,
                    "TRANSPOSE perm has " + std::to_string(perm.size()) +
                        " entries, expected " + std::to_string(rank) +
                        " (the input " + ShapeToString(in.shape) + "'s rank)");
    const std::vector<int64_t> in_strides = RowMajorStrides(in.shape);
    std::vector<bool> seen(rank, false);
    Shape out_shape(rank);
    out_dims_.assign(rank, 0);
    strides_.assign(rank, 0);
    for (int i = 0; i < rank; ++i) {
      const int64_t p = perm[i] < 0 ? perm[i] + rank : perm[i];
      LITERT_CHECK_OP(ctx, p >= 0 && p < rank && !seen[p],
                      "TRANSPOSE perm " + ValuesToString(perm) +
                          " is not a permutation of 0.." +
                          std::to_string(rank - 1));
      seen[p] = true;
      out_shape[i] = in.dim(static_cast<int>(p));
      out_dims_[i] = out_shape[i];
      strides_[i] = in_strides[p];
    }
    elem_ = DTypeSize(in.type);
    // Output dims that stay adjacent in the input move as one ([0, 2, 1, 3]
    // copies whole rows of the last dim): fewer, longer runs to copy.
    std::vector<int64_t> dims, strides;
    for (int i = 0; i < rank; ++i) {
      if (out_dims_[i] == 1) continue;
      if (!dims.empty() && strides.back() == strides_[i] * out_dims_[i]) {
        dims.back() *= out_dims_[i];
        strides.back() = strides_[i];
      } else {
        dims.push_back(out_dims_[i]);
        strides.push_back(strides_[i]);
      }
    }
    out_dims_ = std::move(dims);
    strides_ = std::move(strides);
    ctx.SetOutputShape(0, std::move(out_shape));
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    StridedCopy(ctx.input(0).data, 0, out_dims_, strides_, elem_,
                ctx.output(0).data);
    return Status::Ok();
  }

 private:
  std::vector<int64_t> out_dims_, strides_;
  size_t elem_ = 4;
};

}  // namespace

Result<std::unique_ptr<Op>> CreateTranspose(const OpInitContext&) {
  return std::unique_ptr<Op>(new TransposeOp());
}

}  // namespace litert
