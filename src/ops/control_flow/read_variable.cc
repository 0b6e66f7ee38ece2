// READ_VARIABLE: outputs the current value of the variable inputs[0] names. Its
// shape is the last assigned one, so the op prepares at run time.
#include <cstring>

#include "ops/control_flow/variables.h"

namespace litert {
namespace {

class ReadVariableOp : public Op {
 public:
  Status Prepare(OpContext& ctx) override {
    LITERT_CHECK_OP(ctx, ctx.num_inputs() == 1 && ctx.num_outputs() == 1,
                    "needs one resource input and one output");
    // The handle is known (VAR_HANDLE folds at prepare) and the variable
    // holds a value: its shape now is the output's, and the graph prepares
    // again if an assignment changes it (ResourceStore::shape_epoch). Else
    // the shape is known only at run time.
    if (!ctx.InputDataKnown(0)) {
      ctx.DeferToRunTime();
      return Status::Ok();
    }
    LITERT_ASSIGN_OR_RETURN(ResourceVariable * v,
                            control_flow::VariableOf(ctx, 0));
    if (!v->assigned) {
      ctx.DeferToRunTime();
      return Status::Ok();
    }
    if (v->type != ctx.output(0).type) {
      return ctx.Error("the variable holds " + DTypeName(v->type) +
                       " but the output is " + DTypeName(ctx.output(0).type));
    }
    ctx.SetOutputShape(0, v->shape);
    return Status::Ok();
  }
  Status Eval(OpContext& ctx) override {
    LITERT_ASSIGN_OR_RETURN(ResourceVariable * v,
                            control_flow::VariableOf(ctx, 0));
    if (!v->assigned)
      return ctx.Error("reads a variable before anything was assigned to it");
    if (v->shape != ctx.output(0).shape || v->type != ctx.output(0).type) {
      // Assigned another shape earlier in this same invocation.
      return ctx.Error("the variable changed from " +
                       ShapeToString(ctx.output(0).shape) + " to " +
                       ShapeToString(v->shape) +
                       " within one invocation; litert prepares for the new "
                       "shape at the next one");
    }
    const size_t bytes = ctx.output(0).bytes();
    if (bytes > 0) std::memcpy(ctx.output(0).data, v->data.data(), bytes);
    return Status::Ok();
  }
};

}  // namespace

Result<std::unique_ptr<Op>> CreateReadVariable(const OpInitContext&) {
  return std::unique_ptr<Op>(new ReadVariableOp());
}

}  // namespace litert
