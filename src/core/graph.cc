#include "core/graph.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <string_view>

#include "core/arena_planner.h"
#include "ops/registry.h"
#include "ops/vendor_ops.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

// Keys of custom ops in the table of ops litert lacks.
constexpr std::string_view kCustomPrefix = "custom op ";

constexpr int kCustomCode = static_cast<int>(fb::BuiltinOperator::CUSTOM);

class GraphOpContext : public OpContext {
 public:
  GraphOpContext(RtTensor* tensors, Node& node, uint8_t* arena, bool run_time,
                 SubgraphCaller* caller, ResourceStore* resources,
                 AlignedBuffer* dynamic_buffers = nullptr,
                 ThreadPool* pool = nullptr)
      : OpContext(tensors, node.inputs, node.outputs, node.where),
        tensors_(tensors),
        node_(node),
        arena_(arena),
        run_time_(run_time),
        caller_(caller),
        resources_(resources),
        dynamic_buffers_(dynamic_buffers),
        pool_(pool) {}
  ThreadPool* thread_pool() override { return pool_; }
  int RequestScratch(size_t bytes) override {
    node_.scratch_bytes.push_back(bytes);
    return static_cast<int>(node_.scratch_bytes.size()) - 1;
  }
  void* scratch(int handle) override {
    uint8_t* base = node_.deferred ? node_.run_time_scratch.data() : arena_;
    return base + node_.scratch_offsets[handle];
  }
  void AliasOutputToInput(int out, int in) override {
    node_.alias_requests.emplace_back(out, in);
  }
  bool InputDataKnown(int i) override {
    return has_input(i) && (run_time_ || input(i).is_constant());
  }
  void DeferToRunTime() override { node_.deferred = true; }
  SubgraphCaller* subgraphs() override { return caller_; }
  ResourceStore* resources() override { return resources_; }
  // Only nodes run at run time own their outputs' memory (RunDeferred).
  uint8_t* ResizeOutputBytes(int i, size_t bytes) override {
    if (dynamic_buffers_ == nullptr || i < 0 ||
        i >= static_cast<int>(node_.outputs.size()) || node_.outputs[i] < 0) {
      return nullptr;
    }
    const int o = node_.outputs[i];
    if (!dynamic_buffers_[o].Reserve(bytes)) return nullptr;
    tensors_[o].data = dynamic_buffers_[o].data();
    return tensors_[o].data;
  }

 private:
  RtTensor* tensors_;
  Node& node_;
  uint8_t* arena_;
  bool run_time_;
  SubgraphCaller* caller_;
  ResourceStore* resources_;
  AlignedBuffer* dynamic_buffers_;
  ThreadPool* pool_;
};

bool IsAligned(const void* p, size_t alignment) {
  return reinterpret_cast<uintptr_t>(p) % alignment == 0;
}

}  // namespace

Graph::Graph(std::shared_ptr<const Model> model, int index,
             SubgraphCaller* caller, ResourceStore* resources)
    : model_(std::move(model)),
      index_(index),
      caller_(caller),
      resources_(resources) {
  where_ = model_->name() + ": subgraph " + std::to_string(index);
}

Status Graph::Build() {
  const fb::SubGraph* sg = model_->fb()->subgraphs()->Get(index_);
  if (sg->name()) name_ = sg->name()->str();
  if (sg->inputs()) inputs_.assign(sg->inputs()->begin(), sg->inputs()->end());
  if (sg->outputs())
    outputs_.assign(sg->outputs()->begin(), sg->outputs()->end());
  LITERT_RETURN_IF_ERROR(BuildTensors());
  return BuildNodes();
}

Status Graph::BuildTensors() {
  const fb::SubGraph* sg = model_->fb()->subgraphs()->Get(index_);
  const size_t n = sg->tensors() ? sg->tensors()->size() : 0;
  tensors_.resize(n);
  persistent_.resize(n);
  const_copies_.resize(n);
  initial_values_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const fb::Tensor* ft = sg->tensors()->Get(i);
    RtTensor& t = tensors_[i];
    t.name = ft->name() ? ft->name()->str() : "";
    t.type = static_cast<DType>(ft->type());
    if (ft->shape()) t.shape.assign(ft->shape()->begin(), ft->shape()->end());
    if (ft->shape_signature()) {
      t.shape_signature.assign(ft->shape_signature()->begin(),
                               ft->shape_signature()->end());
    }
    t.is_variable = ft->is_variable();
    if (const auto* q = ft->quantization()) {
      if (q->scale())
        t.quant.scale.assign(q->scale()->begin(), q->scale()->end());
      if (q->zero_point()) {
        t.quant.zero_point.assign(q->zero_point()->begin(),
                                  q->zero_point()->end());
      }
      if (!t.quant.scale.empty() && t.quant.zero_point.empty()) {
        t.quant.zero_point.assign(t.quant.scale.size(), 0);
      }
      t.quant.quantized_dimension = q->quantized_dimension();
      if (t.shape.size() == 1)
        t.quant.quantized_dimension = 0;  // see the verifier
      if (const auto* bq = q->details_as_BlockwiseQuantization()) {
        // The ops read these tensors by index: check them once, here.
        const int64_t sc = bq->scales(), zp = bq->zero_points();
        if (bq->block_size() <= 0 || sc < 0 || sc >= static_cast<int64_t>(n) ||
            zp < -1 || zp >= static_cast<int64_t>(n)) {
          return Status::Error(where_ + ", tensor " + std::to_string(i) +
                               ": blockwise quantization with block size " +
                               std::to_string(bq->block_size()) +
                               ", scales tensor " + std::to_string(sc) +
                               " and zero points tensor " + std::to_string(zp) +
                               " (the subgraph has " + std::to_string(n) +
                               " tensors; block size must be positive)");
        }
        t.quant.blockwise.block_size = bq->block_size();
        t.quant.blockwise.scales = static_cast<int32_t>(sc);
        t.quant.blockwise.zero_points = static_cast<int32_t>(zp);
      }
    }
    std::span<const uint8_t> bytes = model_->buffer(ft->buffer());
    if (t.is_variable) {
      initial_values_[i] = bytes;
      continue;
    }
    if (!bytes.empty()) {
      t.storage = Storage::kConstant;
      const size_t align = std::max<size_t>(DTypeSize(t.type), 1);
      if (IsAligned(bytes.data(), std::min<size_t>(align, 16))) {
        t.data = const_cast<uint8_t*>(bytes.data());  // read-only by contract
      } else {
        // The file misaligns this buffer: one aligned copy, made once at load.
        if (!const_copies_[i].Resize(bytes.size())) {
          return Status::Error(where_ + ", tensor " + std::to_string(i) +
                               ": out of memory copying a misaligned weight");
        }
        std::memcpy(const_copies_[i].data(), bytes.data(), bytes.size());
        t.data = const_copies_[i].data();
      }
    }
  }
  return Status::Ok();
}

Status Graph::BuildNodes() {
  const fb::Model* m = model_->fb();
  const fb::SubGraph* sg = m->subgraphs()->Get(index_);
  const size_t n = sg->operators() ? sg->operators()->size() : 0;
  nodes_.resize(n);
  std::map<std::string, int> missing;  // op name -> count
  std::string first_error;
  for (size_t i = 0; i < n; ++i) {
    const fb::Operator* fop = sg->operators()->Get(i);
    const fb::OperatorCode* code =
        m->operator_codes()->Get(fop->opcode_index());
    Node& node = nodes_[i];
    node.builtin_code =
        std::max<int>(code->builtin_code(), code->deprecated_builtin_code());
    node.version = code->version();
    const OpRegistration* reg = nullptr;
    if (node.builtin_code == kCustomCode) {
      node.op_name = code->custom_code() ? code->custom_code()->str()
                                         : "<unnamed custom op>";
      node.builtin_code = -1;
      reg = FindCustomOp(node.op_name);
    } else {
      node.op_name = BuiltinOpName(node.builtin_code);
      reg = FindBuiltinOp(node.builtin_code);
    }
    node.where =
        where_ + ", operator " + std::to_string(i) + " (" + node.op_name + ")";
    if (fop->inputs())
      node.inputs.assign(fop->inputs()->begin(), fop->inputs()->end());
    if (fop->outputs())
      node.outputs.assign(fop->outputs()->begin(), fop->outputs()->end());
    if (fop->intermediates()) {
      node.intermediates.assign(fop->intermediates()->begin(),
                                fop->intermediates()->end());
    }
    if (reg == nullptr) {
      ++missing[(node.builtin_code < 0 ? std::string(kCustomPrefix) : "") +
                node.op_name];
      continue;
    }
    if (node.version > reg->max_version) {
      if (first_error.empty()) {
        first_error = node.where + ": version " + std::to_string(node.version) +
                      " is newer than litert supports (up to " +
                      std::to_string(reg->max_version) + ")";
      }
      continue;
    }
    OpInitContext init;
    init.op = fop;
    init.model = m;
    init.version = node.version;
    init.op_name = node.op_name;
    init.subgraph = index_;
    auto created = reg->factory(init);
    if (!created.ok()) {
      if (first_error.empty())
        first_error = created.status().WithContext(node.where).message();
      continue;
    }
    node.op = std::move(created).value();
    if (node.builtin_code ==
        static_cast<int>(fb::BuiltinOperator::READ_VARIABLE)) {
      reads_variables_ = true;
    }
  }
  if (!missing.empty()) {
    // "unsupported op X (2 nodes); unsupported custom op Y (needs ...), 1 node"
    std::string msg = where_ + ": ";
    bool first = true;
    for (const auto& [key, count] : missing) {
      const bool custom = key.rfind(kCustomPrefix, 0) == 0;
      const std::string name = custom ? key.substr(kCustomPrefix.size()) : key;
      const std::string nodes =
          std::to_string(count) + " node" + (count > 1 ? "s" : "");
      msg += first ? "" : "; ";
      msg += custom ? UnsupportedCustomOpMessage(name) + ", " + nodes
                    : "unsupported op " + name + " (" + nodes + ")";
      first = false;
    }
    return Status::Error(msg);
  }
  if (!first_error.empty()) return Status::Error(first_error);
  return Status::Ok();
}

Status Graph::Prepare() {
  prepared_ = false;
  dynamic_.assign(tensors_.size(), false);
  dynamic_buffers_.resize(tensors_.size());
  // String inputs: their size comes with each value (SetDynamicInput), so the
  // nodes reading them run at run time.
  for (int t : inputs_) {
    if (t < 0) continue;
    if (tensors_[t].type == DType::kString) dynamic_[t] = true;
    LITERT_RETURN_IF_ERROR(
        CheckTensorLimits(t, where_ + ": input tensor " + std::to_string(t)));
  }
  for (Node& node : nodes_) {
    node.scratch_bytes.clear();
    node.alias_requests.clear();
    node.deferred = false;
    for (int t : node.inputs) {
      if (t >= 0 && dynamic_[t])
        node.deferred = true;  // shapes known only at run time
    }
    if (!node.deferred) {
      for (int o : node.outputs) {
        if (o >= 0 && tensors_[o].storage != Storage::kConstant) {
          tensors_[o].shape.clear();
        }
      }
      GraphOpContext ctx(tensors_.data(), node, nullptr, /*run_time=*/false,
                         caller_, resources_, nullptr, pool_);
      Status s = node.op->Prepare(ctx);
      if (!s.ok()) return s;
    }
    if (node.deferred) {
      node.scratch_bytes.clear();
      node.alias_requests.clear();
      for (int o : node.outputs) {
        if (o >= 0) dynamic_[o] = true;
      }
      continue;
    }
    LITERT_RETURN_IF_ERROR(CheckOutputShapes(node));
    LITERT_RETURN_IF_ERROR(MaybeFold(node));
  }
  LITERT_RETURN_IF_ERROR(ApplyDelegates());
  for (Node& node : nodes_) {
    if (node.partition >= 0 || node.folded || node.deferred) continue;
    GraphOpContext ctx(tensors_.data(), node, nullptr, /*run_time=*/false,
                       caller_, resources_, nullptr, pool_);
    LITERT_RETURN_IF_ERROR(node.op->Finalize(ctx));
  }
  LITERT_RETURN_IF_ERROR(Plan());
  if (resources_ != nullptr) prepared_epoch_ = resources_->shape_epoch();
  prepared_ = true;
  return Status::Ok();
}

Status Graph::CheckOutputShapes(const Node& node) const {
  for (int o : node.outputs) {
    if (o < 0) continue;
    const RtTensor& t = tensors_[o];
    int64_t elements = 1;
    for (int32_t d : t.shape) {
      if (d < 0 || (d > 0 && elements > (int64_t{1} << 40) / d)) {
        return Status::Error(node.where + ": output tensor " +
                             std::to_string(o) + " got an invalid shape " +
                             ShapeToString(t.shape));
      }
      elements *= d;
    }
    LITERT_RETURN_IF_ERROR(CheckTensorLimits(
        o, node.where + ": output tensor " + std::to_string(o)));
  }
  return Status::Ok();
}

Status Graph::CheckTensorLimits(int t, const std::string& what) const {
  const RtTensor& rt = tensors_[t];
  if (static_cast<int>(rt.shape.size()) > limits_.max_rank) {
    return Status::Error(
        what + " '" + rt.name + "' has rank " +
        std::to_string(rt.shape.size()) + " " + ShapeToString(rt.shape) +
        ", over the limit max_rank = " + std::to_string(limits_.max_rank));
  }
  if (rt.type == DType::kString) return Status::Ok();  // sized by its value
  const int64_t bytes = static_cast<int64_t>(rt.bytes());
  if (bytes > limits_.max_tensor_bytes) {
    return Status::Error(what + " '" + rt.name + "' (" + DTypeName(rt.type) +
                         " " + ShapeToString(rt.shape) + ") would take " +
                         std::to_string(bytes) +
                         " bytes, over the limit max_tensor_bytes = " +
                         std::to_string(limits_.max_tensor_bytes));
  }
  return Status::Ok();
}

Status Graph::Plan() {
  const int n = static_cast<int>(tensors_.size());
  std::vector<bool> pinned(n, false);  // graph inputs/outputs and variables
  for (int t : inputs_) pinned[t] = true;
  for (int t : outputs_) pinned[t] = true;
  for (int t = 0; t < n; ++t) {
    if (tensors_[t].is_variable) pinned[t] = true;
  }

  std::vector<int> first(n, -1), last(n, -1);
  auto touch = [&](int t, int step) {
    if (t < 0) return;
    if (first[t] < 0) first[t] = step;
    last[t] = std::max(last[t], step);
  };
  // A partition runs at its last node: its tensors live until then.
  for (int i = 0; i < static_cast<int>(nodes_.size()); ++i) {
    const int step = RunStep(i);
    for (int t : nodes_[i].inputs) touch(t, step);
    for (int t : nodes_[i].outputs) touch(t, i), touch(t, step);
    for (int t : nodes_[i].intermediates) touch(t, step);
  }

  // Reshape-like outputs share their input's bytes unless the output must have
  // its own.
  std::vector<int> alias_root(n, -1);
  for (auto& node : nodes_) {
    node.copies.clear();
    for (auto [out_pos, in_pos] : node.alias_requests) {
      const int out = node.outputs[out_pos];
      int in = node.inputs[in_pos];
      if (tensors_[out].bytes() != tensors_[in].bytes()) {
        return Status::Error(node.where + ": output " +
                             std::to_string(out_pos) +
                             " cannot share the bytes of input " +
                             std::to_string(in_pos) + " (sizes differ)");
      }
      if (pinned[out] || tensors_[in].is_variable) {
        node.copies.emplace_back(out, in);
        continue;
      }
      while (alias_root[in] >= 0) in = alias_root[in];
      alias_root[out] = in;
      last[in] = std::max(last[in], last[out]);
    }
  }
  // Roots are visited after their aliases were folded in above.
  std::vector<BufferRequest> requests;
  std::vector<int> request_tensor;
  activation_bytes_ = 0;
  for (int t = 0; t < n; ++t) {
    RtTensor& rt = tensors_[t];
    if (rt.storage == Storage::kConstant) continue;
    if (delegate_internal_[t] && !pinned[t]) {  // the delegate's own memory
      rt.storage = Storage::kUnallocated;
      rt.data = nullptr;
      continue;
    }
    if (alias_root[t] >= 0) {
      rt.storage = Storage::kAlias;
      rt.alias_of = alias_root[t];
      continue;
    }
    rt.alias_of = -1;
    if (dynamic_[t]) {
      rt.storage = Storage::kDynamic;
      rt.data = nullptr;  // sized by the deferred node before it writes
      continue;
    }
    if (pinned[t]) {
      rt.storage = Storage::kPersistent;
      continue;
    }
    if (first[t] < 0) {  // never used by any node: give it nothing
      rt.storage = Storage::kUnallocated;
      rt.data = nullptr;
      continue;
    }
    rt.storage = Storage::kArena;
    requests.push_back({rt.bytes(), first[t], last[t]});
    request_tensor.push_back(t);
    activation_bytes_ += (rt.bytes() + 63) / 64 * 64;
  }
  for (int i = 0; i < static_cast<int>(nodes_.size()); ++i) {
    for (size_t b : nodes_[i].scratch_bytes) {
      requests.push_back({b, i, i});
      request_tensor.push_back(-1 - i);
      activation_bytes_ += (b + 63) / 64 * 64;
    }
  }
  ArenaPlan plan = PlanArena(requests);
  int64_t total = static_cast<int64_t>(plan.arena_bytes);
  for (int t = 0; t < n; ++t) {
    if (tensors_[t].storage == Storage::kPersistent &&
        tensors_[t].type != DType::kString) {
      total += static_cast<int64_t>(tensors_[t].bytes());
    }
  }
  if (total > limits_.max_arena_bytes) {
    return Status::Error(
        where_ + ": activations would take " + std::to_string(total) +
        " bytes (arena " + std::to_string(plan.arena_bytes) +
        " + inputs, outputs and variables), over the limit max_arena_bytes = " +
        std::to_string(limits_.max_arena_bytes));
  }
  if (!arena_.Resize(plan.arena_bytes)) {
    return Status::Error(where_ + ": out of memory allocating an arena of " +
                         std::to_string(plan.arena_bytes) + " bytes");
  }
  arena_bytes_ = plan.arena_bytes;
  arena_entries_.clear();
  std::vector<size_t> scratch_next(nodes_.size(), 0);
  for (auto& node : nodes_)
    node.scratch_offsets.assign(node.scratch_bytes.size(), 0);
  for (size_t r = 0; r < requests.size(); ++r) {
    const int t = request_tensor[r];
    if (t >= 0) {
      tensors_[t].data = arena_.data() + plan.offsets[r];
      arena_entries_.push_back({t, plan.offsets[r], requests[r].bytes,
                                requests[r].first, requests[r].last});
    } else {
      const int node = -1 - t;
      nodes_[node].scratch_offsets[scratch_next[node]++] = plan.offsets[r];
      arena_entries_.push_back({-1, plan.offsets[r], requests[r].bytes,
                                requests[r].first, requests[r].last});
    }
  }
  for (int t = 0; t < n; ++t) {
    RtTensor& rt = tensors_[t];
    if (rt.storage != Storage::kPersistent) continue;
    const size_t bytes = rt.bytes();
    if (persistent_[t].data() != nullptr && persistent_[t].size() == bytes) {
      rt.data =
          persistent_[t].data();  // keep contents (variables keep their state)
      continue;
    }
    if (!persistent_[t].Resize(bytes)) {
      return Status::Error(where_ + ", tensor " + std::to_string(t) +
                           ": out of memory (" + std::to_string(bytes) +
                           " bytes)");
    }
    rt.data = persistent_[t].data();
    if (rt.is_variable) StartVariable(t);
  }
  for (int t = 0; t < n; ++t) {
    if (tensors_[t].storage == Storage::kAlias)
      tensors_[t].data = tensors_[alias_root[t]].data;
  }
  return Status::Ok();
}

Status Graph::Invoke() {
  if (!prepared_)
    return Status::Error(where_ + ": Invoke before AllocateTensors");
  if (!profiling_) {
    for (Node& node : nodes_) LITERT_RETURN_IF_ERROR(RunNode(node));
    return Status::Ok();
  }
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const auto start = std::chrono::steady_clock::now();
    LITERT_RETURN_IF_ERROR(RunNode(nodes_[i]));
    node_micros_[i] += std::chrono::duration<double, std::micro>(
                           std::chrono::steady_clock::now() - start)
                           .count();
    ++node_runs_[i];
  }
  return Status::Ok();
}

// A DEQUANTIZE or DENSIFY of a constant (weights stored compressed) gives the
// same values at every run: it runs once here and its output becomes a
// constant of its own, so Invoke skips it, the planner leaves it out and
// delegates see constant weights.
Status Graph::MaybeFold(Node& node) {
  if (node.folded) return Status::Ok();
  // Ops that only expand stored weights: DEQUANTIZE (float16, 8-bit) and
  // DENSIFY (sparse); a chain of them folds one node after the other.
  // VAR_HANDLE: a variable's handle, fixed by its names (so READ_VARIABLE
  // can prepare with the variable's shape).
  const bool expands_weights =
      node.builtin_code == static_cast<int>(fb::BuiltinOperator::DEQUANTIZE) ||
      node.builtin_code == static_cast<int>(fb::BuiltinOperator::DENSIFY) ||
      node.builtin_code == static_cast<int>(fb::BuiltinOperator::VAR_HANDLE);
  if (!expands_weights || !node.scratch_bytes.empty() ||
      !node.alias_requests.empty() || node.outputs.size() != 1 ||
      node.outputs[0] < 0) {
    return Status::Ok();
  }
  for (int t : node.inputs) {
    if (t < 0 || !tensors_[t].is_constant()) return Status::Ok();
  }
  const int o = node.outputs[0];
  RtTensor& out = tensors_[o];
  if (out.is_variable || out.type == DType::kString) return Status::Ok();
  if (!const_copies_[o].Resize(out.bytes())) {
    return Status::Error(node.where +
                         ": out of memory for the constant output (" +
                         std::to_string(out.bytes()) + " bytes)");
  }
  out.data = const_copies_[o].data();
  GraphOpContext ctx(tensors_.data(), node, nullptr, /*run_time=*/true, caller_,
                     resources_);
  LITERT_RETURN_IF_ERROR(node.op->Eval(ctx));
  out.storage = Storage::kConstant;
  node.folded = true;
  return Status::Ok();
}

Status Graph::RunNode(Node& node) {
  if (node.folded) return Status::Ok();
  if (node.partition >= 0) {
    DelegatedPartition& p = partitions_[node.partition];
    if (&node != &nodes_[p.partition.nodes.back()]) return Status::Ok();
    Status s = p.kernel->Invoke(tensors_);
    if (!s.ok()) return s.WithContext(node.where);
    return Status::Ok();
  }
  if (node.deferred) return RunDeferred(node);
  GraphOpContext ctx(tensors_.data(), node, arena_.data(), /*run_time=*/true,
                     caller_, resources_, nullptr, pool_);
  LITERT_RETURN_IF_ERROR(node.op->Eval(ctx));
  for (auto [to, from] : node.copies) {
    std::memmove(tensors_[to].data, tensors_[from].data, tensors_[to].bytes());
  }
  return Status::Ok();
}

void Graph::SetProfiling(bool on) {
  profiling_ = on;
  node_micros_.assign(nodes_.size(), 0.0);
  node_runs_.assign(nodes_.size(), 0);
}

// A node whose output shapes depend on values: Prepare with every input known,
// give each output memory of its own (grown only when needed), then Eval.
Status Graph::RunDeferred(Node& node) {
  node.scratch_bytes.clear();
  node.alias_requests.clear();
  for (int o : node.outputs) {
    if (o >= 0) tensors_[o].shape.clear();
  }
  GraphOpContext ctx(tensors_.data(), node, nullptr, /*run_time=*/true, caller_,
                     resources_, dynamic_buffers_.data(), pool_);
  LITERT_RETURN_IF_ERROR(node.op->Prepare(ctx));
  LITERT_RETURN_IF_ERROR(node.op->Finalize(ctx));
  node.deferred = true;  // Prepare at run time may not clear it
  LITERT_RETURN_IF_ERROR(CheckOutputShapes(node));
  for (int o : node.outputs) {
    if (o < 0) continue;
    RtTensor& t = tensors_[o];
    if (!dynamic_buffers_[o].Reserve(t.bytes())) {
      return Status::Error(node.where + ": out of memory for output " +
                           std::to_string(o) + " (" +
                           std::to_string(t.bytes()) + " bytes)");
    }
    t.storage = Storage::kDynamic;
    t.data = dynamic_buffers_[o].data();
  }
  size_t total = 0;
  node.scratch_offsets.clear();
  for (size_t b : node.scratch_bytes) {
    node.scratch_offsets.push_back(total);
    total += (b + 63) / 64 * 64;
  }
  if (static_cast<int64_t>(total) > limits_.max_arena_bytes) {
    return Status::Error(
        node.where + ": " + std::to_string(total) +
        " bytes of scratch, over the limit max_arena_bytes = " +
        std::to_string(limits_.max_arena_bytes));
  }
  if (!node.run_time_scratch.Reserve(total)) {
    return Status::Error(node.where + ": out of memory for " +
                         std::to_string(total) + " bytes of scratch");
  }
  LITERT_RETURN_IF_ERROR(node.op->Eval(ctx));
  for (auto [out_pos, in_pos] : node.alias_requests) {
    const RtTensor& in = tensors_[node.inputs[in_pos]];
    RtTensor& out = tensors_[node.outputs[out_pos]];
    if (out.bytes() != in.bytes()) {
      return Status::Error(node.where + ": output " + std::to_string(out_pos) +
                           " cannot share the bytes of input " +
                           std::to_string(in_pos) + " (sizes differ)");
    }
    std::memmove(out.data, in.data, out.bytes());
  }
  return Status::Ok();
}

// A variable's value before the first invocation and after a reset: its
// initial data from the file, else zero bytes, except that an int8 variable
// starts at its zero point (the real value 0), as in LiteRT.
void Graph::StartVariable(size_t t) {
  RtTensor& rt = tensors_[t];
  const size_t bytes = rt.bytes();
  if (initial_values_[t].size() == bytes) {
    std::memcpy(rt.data, initial_values_[t].data(), bytes);
    return;
  }
  int value = 0;
  if (rt.type == DType::kInt8 && rt.quant.zero_point.size() == 1) {
    value = static_cast<int>(static_cast<int8_t>(rt.quant.zero_point[0]));
  }
  std::memset(rt.data, value, bytes);
}

Status Graph::SetDynamicInput(int t, const void* data, size_t bytes) {
  if (t < 0 || t >= static_cast<int>(tensors_.size()) || !dynamic_[t]) {
    return Status::Error(where_ + ", tensor " + std::to_string(t) +
                         " is not an input sized at run time");
  }
  if (static_cast<int64_t>(bytes) > limits_.max_tensor_bytes) {
    return Status::Error(where_ + ", tensor " + std::to_string(t) + ": " +
                         std::to_string(bytes) +
                         " bytes, over the limit max_tensor_bytes = " +
                         std::to_string(limits_.max_tensor_bytes));
  }
  if (!dynamic_buffers_[t].Reserve(bytes)) {
    return Status::Error(where_ + ", tensor " + std::to_string(t) +
                         ": out of memory (" + std::to_string(bytes) +
                         " bytes)");
  }
  RtTensor& rt = tensors_[t];
  rt.storage = Storage::kDynamic;
  rt.data = dynamic_buffers_[t].data();
  if (bytes > 0) std::memcpy(rt.data, data, bytes);
  return Status::Ok();
}

void Graph::ResetVariables() {
  for (size_t t = 0; t < tensors_.size(); ++t) {
    RtTensor& rt = tensors_[t];
    if (!rt.is_variable || rt.data == nullptr) continue;
    StartVariable(t);
  }
}

}  // namespace litert
