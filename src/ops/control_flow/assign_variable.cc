// ASSIGN_VARIABLE: stores a copy of inputs[1] in the variable inputs[0] names.
#include <cstring>

#include "ops/control_flow/variables.h"

namespace litert {
namespace {

class AssignVariableOp : public Op {
 public:
  Status Prepare(OpContext& ctx) override {
    LITERT_CHECK_OP(ctx, ctx.num_inputs() == 2, "needs a resource and a value");
    return Status::Ok();
  }
  Status Eval(OpContext& ctx) override {
    LITERT_ASSIGN_OR_RETURN(ResourceVariable * v,
                            control_flow::VariableOf(ctx, 0));
    const RtTensor& value = ctx.input(1);
    if (v->assigned && v->type != value.type) {
      return ctx.Error("the variable holds " + DTypeName(v->type) +
                       ", assigned " + DTypeName(value.type));
    }
    // Grows only when the value does: steady-state invokes do not allocate.
    if (!v->data.Reserve(value.bytes()))
      return ctx.Error("out of memory for the variable");
    if (!v->assigned || v->shape != value.shape || v->type != value.type) {
      ctx.resources()->BumpShapeEpoch();
    }
    v->type = value.type;
    v->shape = value.shape;
    if (value.bytes() > 0)
      std::memcpy(v->data.data(), value.data, value.bytes());
    v->assigned = true;
    return Status::Ok();
  }
};

}  // namespace

Result<std::unique_ptr<Op>> CreateAssignVariable(const OpInitContext&) {
  return std::unique_ptr<Op>(new AssignVariableOp());
}

}  // namespace litert
