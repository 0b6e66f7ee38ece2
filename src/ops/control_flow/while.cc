// WHILE: loop state = the op's inputs; while cond(state) is true, state =
// body(state). The final state's shapes are known only after looping, so the
// loop runs in the run-time Prepare and Eval copies the state out.
#include <cstring>

#include "ops/control_flow/subgraph_io.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

class WhileOp : public Op {
 public:
  WhileOp(int cond, int body) : cond_(cond), body_(body) {}

  Status Prepare(OpContext& ctx) override {
    SubgraphCaller* caller = ctx.subgraphs();
    LITERT_RETURN_IF_ERROR(
        control_flow::CheckSubgraph(ctx, caller, cond_, "condition"));
    LITERT_RETURN_IF_ERROR(
        control_flow::CheckSubgraph(ctx, caller, body_, "body"));
    const int n = ctx.num_inputs();
    LITERT_CHECK_OP(ctx, ctx.num_outputs() == n,
                    "needs as many outputs as inputs");
    LITERT_RETURN_IF_ERROR(control_flow::CheckArity(ctx, caller, cond_, n, 1));
    LITERT_RETURN_IF_ERROR(control_flow::CheckArity(ctx, caller, body_, n, n));
    for (int i = 0; i < n; ++i) {
      if (!ctx.InputDataKnown(i)) {
        ctx.DeferToRunTime();
        return Status::Ok();
      }
    }
    state_.resize(n);
    for (int i = 0; i < n; ++i)
      LITERT_RETURN_IF_ERROR(state_[i].Take(ctx.input(i)));
    const int64_t max_iterations = caller->limits().max_while_iterations;
    for (int64_t iter = 0;; ++iter) {
      if (iter >= max_iterations) {
        return ctx.Error("stopped after " + std::to_string(max_iterations) +
                         " iterations, the limit max_while_iterations");
      }
      for (int i = 0; i < n; ++i) {
        LITERT_RETURN_IF_ERROR(
            caller->SetSubgraphInput(cond_, i, state_[i].meta));
      }
      LITERT_RETURN_IF_ERROR(caller->InvokeSubgraph(cond_));
      if (!control_flow::Truthy(caller->SubgraphTensor(
              cond_, caller->SubgraphOutputs(cond_)[0]))) {
        break;
      }
      for (int i = 0; i < n; ++i) {
        LITERT_RETURN_IF_ERROR(
            caller->SetSubgraphInput(body_, i, state_[i].meta));
      }
      LITERT_RETURN_IF_ERROR(caller->InvokeSubgraph(body_));
      for (int i = 0; i < n; ++i) {
        LITERT_RETURN_IF_ERROR(state_[i].Take(
            caller->SubgraphTensor(body_, caller->SubgraphOutputs(body_)[i])));
      }
    }
    for (int i = 0; i < n; ++i) ctx.SetOutputShape(i, state_[i].meta.shape);
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    for (int i = 0; i < ctx.num_outputs(); ++i) {
      const size_t bytes = state_[i].meta.bytes();
      if (bytes > 0)
        std::memcpy(ctx.output(i).data, state_[i].meta.data, bytes);
    }
    return Status::Ok();
  }

 private:
  int cond_, body_;
  std::vector<control_flow::HeldTensor> state_;
};

}  // namespace

Result<std::unique_ptr<Op>> CreateWhile(const OpInitContext& init) {
  const auto* o = init.op->builtin_options_as_WhileOptions();
  if (o == nullptr) return Status::Error("WHILE without WhileOptions");
  return std::unique_ptr<Op>(
      new WhileOp(o->cond_subgraph_index(), o->body_subgraph_index()));
}

}  // namespace litert
