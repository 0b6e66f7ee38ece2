// REDUCE_ALL: true when every element along the reduced axes is true (true for
// none). bool input and output; axes and keep_dims as in reduce.h.
#include <memory>
#include <string>

#include "ops/reduce/reduce.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

class ReduceAllOp : public reduce::ReduceOpBase {
 public:
  explicit ReduceAllOp(bool keep_dims)
      : ReduceOpBase("REDUCE_ALL", keep_dims) {}

  Status Eval(OpContext& ctx) override {
    reduce::ReduceInto(
        r_, ctx.input(0).as<uint8_t>(), uint8_t{true},
        [](uint8_t a, uint8_t b) -> uint8_t { return a & uint8_t(b != 0); },
        ctx.output(0).as<uint8_t>(), /*any_order=*/true);
    return Status::Ok();
  }

 protected:
  Status CheckTypes(OpContext& ctx) override {
    return CheckSameType(ctx, {DType::kBool}, "bool");
  }
};

}  // namespace

Result<std::unique_ptr<Op>> CreateReduceAll(const OpInitContext& init) {
  const fb::ReducerOptions* opts =
      init.op != nullptr ? init.op->builtin_options_as_ReducerOptions()
                         : nullptr;
  return std::unique_ptr<Op>(new ReduceAllOp(reduce::KeepDims(opts)));
}

}  // namespace litert
