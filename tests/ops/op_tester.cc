#include "ops/op_tester.h"

namespace litert::testing {
namespace {

class TesterContext : public OpContext {
 public:
  TesterContext(RtTensor* tensors, const std::vector<int>& in,
                const std::vector<int>& out,
                std::vector<std::vector<uint8_t>>* scratch)
      : OpContext(tensors, in, out, "test op"), scratch_(scratch) {}
  int RequestScratch(size_t bytes) override {
    scratch_->emplace_back(bytes + 64);
    return static_cast<int>(scratch_->size()) - 1;
  }
  void* scratch(int handle) override {
    auto p = reinterpret_cast<uintptr_t>((*scratch_)[handle].data());
    return reinterpret_cast<void*>((p + 63) & ~uintptr_t{63});
  }
  void AliasOutputToInput(int out, int in) override {
    aliases.emplace_back(out, in);
  }
  std::vector<std::pair<int, int>> aliases;

 private:
  std::vector<std::vector<uint8_t>>* scratch_;
};

}  // namespace

Status OpTester::Run(fb::BuiltinOperator code) {
  const OpRegistration* reg = FindBuiltinOp(static_cast<int>(code));
  if (reg == nullptr)
    return Status::Error("no kernel for " + BuiltinOpName(int(code)));
  // Inputs get their bytes now; every tensor gets a pointer.
  for (size_t i = 0; i < tensors_.size(); ++i) {
    if (!storage_[i].empty()) tensors_[i].data = Aligned(storage_[i]);
  }
  auto ins = fbb_.CreateVector(inputs_);
  auto outs = fbb_.CreateVector(outputs_);
  fb::OperatorBuilder ob(fbb_);
  ob.add_opcode_index(0);
  ob.add_inputs(ins);
  ob.add_outputs(outs);
  if (options_type_ != fb::BuiltinOptions::NONE) {
    ob.add_builtin_options_type(options_type_);
    ob.add_builtin_options(options_);
  }
  fbb_.Finish(ob.Finish());
  const auto* op = flatbuffers::GetRoot<fb::Operator>(fbb_.GetBufferPointer());

  OpInitContext init;
  init.op = op;
  init.version = version_;
  init.op_name = std::string(reg->name);
  auto created = reg->factory(init);
  if (!created.ok()) return created.status();
  op_ = std::move(created).value();

  TesterContext ctx(tensors_.data(), inputs_, outputs_, &scratch_);
  LITERT_RETURN_IF_ERROR(op_->Prepare(ctx));
  LITERT_RETURN_IF_ERROR(op_->Finalize(ctx));
  for (size_t k = 0; k < outputs_.size(); ++k) {
    const int o = outputs_[k];
    storage_[o].assign(tensors_[o].bytes() + 64, 0);
    tensors_[o].data = Aligned(storage_[o]);
    tensors_[o].storage = Storage::kPersistent;
  }
  for (auto [out, in] : ctx.aliases) {
    std::memcpy(tensors_[outputs_[out]].data, tensors_[inputs_[in]].data,
                tensors_[outputs_[out]].bytes());
  }
  return op_->Eval(ctx);
}

}  // namespace litert::testing
