#include "litert/interpreter.h"

#include <cstring>

#include "core/interpreter_impl.h"
#include "model/verifier.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

TensorInfo MakeInfo(const RtTensor& t, int index) {
  TensorInfo info;
  info.name = t.name;
  info.index = index;
  info.dtype = t.type;
  info.shape = t.shape;
  info.shape_signature =
      t.shape_signature.empty() ? t.shape : t.shape_signature;
  info.quant = t.quant;
  return info;
}

// Marks the interpreter busy for one public call; a call from a second thread
// meanwhile gets an error instead of a data race.
class BusyGuard {
 public:
  BusyGuard(std::atomic<bool>& busy, const char* call)
      : busy_(busy), call_(call) {
    entered_ = !busy_.exchange(true, std::memory_order_acquire);
  }
  ~BusyGuard() {
    if (entered_) busy_.store(false, std::memory_order_release);
  }
  BusyGuard(const BusyGuard&) = delete;
  BusyGuard& operator=(const BusyGuard&) = delete;
  Status status() const {
    if (entered_) return Status::Ok();
    return Status::Error(std::string(call_) +
                         ": another thread is inside a call on this "
                         "interpreter; an Interpreter serves one thread at a "
                         "time (create one per thread)");
  }

 private:
  std::atomic<bool>& busy_;
  const char* call_;
  bool entered_ = false;
};

#define LITERT_ENTER(call)                  \
  BusyGuard busy_guard_(impl_->busy, call); \
  LITERT_RETURN_IF_ERROR(busy_guard_.status())

Status CheckLimits(const InterpreterLimits& l) {
  auto bad = [](const std::string& what) {
    return Status::Error("InterpreterOptions.limits: " + what);
  };
  if (l.max_tensor_bytes <= 0) return bad("max_tensor_bytes must be positive");
  if (l.max_arena_bytes <= 0) return bad("max_arena_bytes must be positive");
  if (l.max_rank < 0 || l.max_rank > kMaxTensorRank) {
    return bad("max_rank must be in [0, " + std::to_string(kMaxTensorRank) +
               "], got " + std::to_string(l.max_rank));
  }
  if (l.max_ops < 1) return bad("max_ops must be at least 1");
  if (l.max_subgraph_depth < 1) {
    return bad("max_subgraph_depth must be at least 1");
  }
  if (l.max_while_iterations < 0) {
    return bad("max_while_iterations must not be negative");
  }
  return Status::Ok();
}

}  // namespace

Status Interpreter::Impl::CheckSubgraph(int subgraph) const {
  if (subgraph < 0 || subgraph >= static_cast<int>(graphs.size())) {
    return Status::Error(model->name() + ": no subgraph " +
                         std::to_string(subgraph) + " (the model has " +
                         std::to_string(graphs.size()) + ")");
  }
  return Status::Ok();
}

Status SubgraphCaller::SetSubgraphInput(int subgraph, int position,
                                        const RtTensor& src) {
  LITERT_RETURN_IF_ERROR(ResizeSubgraphInput(subgraph, position, src.shape));
  LITERT_RETURN_IF_ERROR(PrepareSubgraph(subgraph));
  RtTensor& dst = SubgraphTensor(subgraph, SubgraphInputs(subgraph)[position]);
  if (dst.type != src.type) {
    return Status::Error("subgraph " + std::to_string(subgraph) + " input " +
                         std::to_string(position) + " is " +
                         DTypeName(dst.type) + ", given " +
                         DTypeName(src.type));
  }
  if (src.bytes() > 0) std::memcpy(dst.data, src.data, src.bytes());
  return Status::Ok();
}

Status Interpreter::Impl::ResizeSubgraphInput(int subgraph, int position,
                                              const Shape& shape) {
  LITERT_RETURN_IF_ERROR(CheckSubgraph(subgraph));
  Graph& g = *graphs[subgraph];
  if (position < 0 || position >= static_cast<int>(g.inputs().size())) {
    return Status::Error(model->name() + ": subgraph " +
                         std::to_string(subgraph) + " has no input " +
                         std::to_string(position));
  }
  RtTensor& t = g.tensors()[g.inputs()[position]];
  if (t.shape != shape) {
    t.shape = shape;
    g.InvalidatePreparation();
  }
  return Status::Ok();
}

Status Interpreter::Impl::PrepareSubgraph(int subgraph) {
  LITERT_RETURN_IF_ERROR(CheckSubgraph(subgraph));
  Graph& g = *graphs[subgraph];
  if (g.prepared()) return Status::Ok();
  if (depth >= options.limits.max_subgraph_depth) return DepthError();
  ++depth;
  Status s = g.Prepare();
  --depth;
  return s;
}

Status Interpreter::Impl::InvokeSubgraph(int subgraph) {
  LITERT_RETURN_IF_ERROR(CheckSubgraph(subgraph));
  if (graphs[subgraph]->VariableShapesChanged()) {
    graphs[subgraph]->InvalidatePreparation();
  }
  LITERT_RETURN_IF_ERROR(PrepareSubgraph(subgraph));
  if (depth >= options.limits.max_subgraph_depth) return DepthError();
  ++depth;
  Status s = graphs[subgraph]->Invoke();
  --depth;
  return s;
}

Status Interpreter::Impl::DepthError() const {
  return Status::Error(model->name() +
                       ": subgraphs call each other more than " +
                       std::to_string(options.limits.max_subgraph_depth) +
                       " levels deep (recursion?), the limit "
                       "max_subgraph_depth");
}

Interpreter::Interpreter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Interpreter::~Interpreter() = default;

Result<std::unique_ptr<Interpreter>> Interpreter::Create(
    std::shared_ptr<const Model> model, const InterpreterOptions& options) {
  if (model == nullptr) return Status::Error("Interpreter::Create: no model");
  if (options.num_threads < 1) {
    return Status::Error("num_threads must be at least 1, got " +
                         std::to_string(options.num_threads));
  }
  LITERT_RETURN_IF_ERROR(CheckLimits(options.limits));
  const fb::Model* m = model->fb();
  int64_t ops = 0;
  for (const auto* sg : *m->subgraphs()) {
    if (sg->operators()) ops += sg->operators()->size();
  }
  if (ops > options.limits.max_ops) {
    return Status::Error(model->name() + ": " + std::to_string(ops) +
                         " operators, over the limit max_ops = " +
                         std::to_string(options.limits.max_ops));
  }
  auto impl = std::make_unique<Impl>();
  impl->model = model;
  impl->options = options;
  impl->pool = std::make_unique<ThreadPool>(options.num_threads);
  auto delegates = CreateDelegates(options, impl->pool.get());
  if (!delegates.ok()) return delegates.status();
  impl->delegates = std::move(delegates).value();
  std::vector<Delegate*> offered;
  for (auto& d : impl->delegates) offered.push_back(d.get());
  for (uint32_t s = 0; s < m->subgraphs()->size(); ++s) {
    auto g = std::make_unique<Graph>(model, static_cast<int>(s), impl.get(),
                                     &impl->resources);
    LITERT_RETURN_IF_ERROR(g->Build());
    g->SetDelegates(offered, options.min_delegated_elements);
    g->SetThreadPool(impl->pool.get());
    g->SetLimits(options.limits);
    impl->graphs.push_back(std::move(g));
  }
  if (m->signature_defs()) {
    for (const auto* sd : *m->signature_defs()) {
      SignatureInfo si;
      si.key = sd->signature_key() ? sd->signature_key()->str() : "";
      si.subgraph = static_cast<int>(sd->subgraph_index());
      if (sd->inputs()) {
        for (const auto* tm : *sd->inputs()) {
          si.input_names.push_back(tm->name() ? tm->name()->str() : "");
          si.input_tensors.push_back(static_cast<int>(tm->tensor_index()));
        }
      }
      if (sd->outputs()) {
        for (const auto* tm : *sd->outputs()) {
          si.output_names.push_back(tm->name() ? tm->name()->str() : "");
          si.output_tensors.push_back(static_cast<int>(tm->tensor_index()));
        }
      }
      impl->signatures.push_back(std::move(si));
    }
  }
  return std::unique_ptr<Interpreter>(new Interpreter(std::move(impl)));
}

const Model& Interpreter::model() const { return *impl_->model; }
int Interpreter::num_subgraphs() const {
  return static_cast<int>(impl_->graphs.size());
}
const std::vector<SignatureInfo>& Interpreter::signatures() const {
  return impl_->signatures;
}

const SignatureInfo* Interpreter::FindSignature(std::string_view key) const {
  for (const auto& s : impl_->signatures) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

std::vector<TensorInfo> Interpreter::Inputs(int subgraph) const {
  std::vector<TensorInfo> out;
  if (!impl_->CheckSubgraph(subgraph).ok()) return out;
  const Graph& g = *impl_->graphs[subgraph];
  for (int t : g.inputs()) out.push_back(MakeInfo(g.tensors()[t], t));
  return out;
}

std::vector<TensorInfo> Interpreter::Outputs(int subgraph) const {
  std::vector<TensorInfo> out;
  if (!impl_->CheckSubgraph(subgraph).ok()) return out;
  const Graph& g = *impl_->graphs[subgraph];
  for (int t : g.outputs()) out.push_back(MakeInfo(g.tensors()[t], t));
  return out;
}

Result<TensorInfo> Interpreter::GetTensorInfo(int subgraph, int tensor) const {
  LITERT_RETURN_IF_ERROR(impl_->CheckSubgraph(subgraph));
  const Graph& g = *impl_->graphs[subgraph];
  if (tensor < 0 || tensor >= static_cast<int>(g.tensors().size())) {
    return Status::Error("no tensor " + std::to_string(tensor) +
                         " in subgraph " + std::to_string(subgraph));
  }
  return MakeInfo(g.tensors()[tensor], tensor);
}

int Interpreter::num_tensors(int subgraph) const {
  if (!impl_->CheckSubgraph(subgraph).ok()) return 0;
  return static_cast<int>(impl_->graphs[subgraph]->tensors().size());
}

std::vector<NodeInfo> Interpreter::Nodes(int subgraph) const {
  std::vector<NodeInfo> out;
  if (!impl_->CheckSubgraph(subgraph).ok()) return out;
  const Graph& g = *impl_->graphs[subgraph];
  for (const Node& n : g.nodes()) {
    NodeInfo info;
    info.op_name = n.op_name;
    info.version = n.version;
    info.inputs = n.inputs;
    info.outputs = n.outputs;
    if (n.partition >= 0) {
      info.backend = g.partitions()[n.partition].backend;
      info.partition = n.partition;
    } else if (n.folded) {
      info.backend = "folded";
    }
    info.delegate_note = n.delegate_note;
    out.push_back(std::move(info));
  }
  return out;
}

Result<int> Interpreter::FindTensor(int subgraph, std::string_view name) const {
  LITERT_RETURN_IF_ERROR(impl_->CheckSubgraph(subgraph));
  const auto& ts = impl_->graphs[subgraph]->tensors();
  for (size_t i = 0; i < ts.size(); ++i) {
    if (ts[i].name == name) return static_cast<int>(i);
  }
  return Status::Error("no tensor named '" + std::string(name) +
                       "' in subgraph " + std::to_string(subgraph));
}

Status Interpreter::ResizeInput(int subgraph, int position,
                                const Shape& shape) {
  LITERT_ENTER("ResizeInput");
  LITERT_RETURN_IF_ERROR(impl_->CheckSubgraph(subgraph));
  Graph& g = *impl_->graphs[subgraph];
  if (position < 0 || position >= static_cast<int>(g.inputs().size())) {
    return Status::Error("subgraph " + std::to_string(subgraph) +
                         " has no input " + std::to_string(position));
  }
  RtTensor& t = g.tensors()[g.inputs()[position]];
  const Shape& sig = t.shape_signature.empty() ? t.shape : t.shape_signature;
  if (shape.size() != sig.size()) {
    return Status::Error("input '" + t.name + "' has rank " +
                         std::to_string(sig.size()) + "; cannot resize it to " +
                         ShapeToString(shape));
  }
  int64_t elements = 1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] < 0) {
      return Status::Error("input '" + t.name + "': negative dimension in " +
                           ShapeToString(shape));
    }
    if (sig[i] != -1 && sig[i] != shape[i]) {
      return Status::Error("input '" + t.name + "' has fixed dimension " +
                           std::to_string(i) + " = " + std::to_string(sig[i]) +
                           " (shape signature " + ShapeToString(sig) +
                           "); cannot resize to " + ShapeToString(shape));
    }
    if (shape[i] > 0 && elements > (int64_t{1} << 40) / shape[i]) {
      return Status::Error("input '" + t.name + "': shape " +
                           ShapeToString(shape) + " is too large");
    }
    elements *= shape[i];
  }
  if (t.shape != shape) {
    t.shape = shape;
    g.InvalidatePreparation();
  }
  return Status::Ok();
}

Status Interpreter::AllocateTensors() {
  LITERT_ENTER("AllocateTensors");
  return impl_->AllocateAll();
}

Status Interpreter::Impl::AllocateAll() {
  // Entry points: subgraph 0 and every signature's subgraph. The others
  // (branches, loop bodies, decompositions) are prepared by the ops that call
  // them, with the shapes they pass.
  std::vector<bool> entry(graphs.size(), false);
  entry[0] = true;
  for (const auto& s : signatures) entry[s.subgraph] = true;
  for (size_t i = 0; i < graphs.size(); ++i) {
    if (entry[i] && !graphs[i]->prepared()) {
      LITERT_RETURN_IF_ERROR(graphs[i]->Prepare());
    }
  }
  return Status::Ok();
}

Status Interpreter::SetInput(int subgraph, int position, const Tensor& value) {
  LITERT_ENTER("SetInput");
  LITERT_RETURN_IF_ERROR(impl_->CheckSubgraph(subgraph));
  Graph& g = *impl_->graphs[subgraph];
  if (position < 0 || position >= static_cast<int>(g.inputs().size())) {
    return Status::Error("subgraph " + std::to_string(subgraph) +
                         " has no input " + std::to_string(position));
  }
  if (!g.prepared()) LITERT_RETURN_IF_ERROR(impl_->AllocateAll());
  RtTensor& t = g.tensors()[g.inputs()[position]];
  if (value.dtype() != t.type) {
    return Status::Error("input '" + t.name + "' expects " + DTypeName(t.type) +
                         " " + ShapeToString(t.shape) + ", got " +
                         DTypeName(value.dtype()));
  }
  if (value.shape() != t.shape) {
    return Status::Error("input '" + t.name + "' expects shape " +
                         ShapeToString(t.shape) + " (" + DTypeName(t.type) +
                         "), got " + ShapeToString(value.shape()));
  }
  if (value.bytes() > 0 && value.data() == nullptr) {
    return Status::Error("input '" + t.name + "': the tensor has no data");
  }
  if (t.type == DType::kString) {
    const std::string bad = CheckStringTensor(value.data(), value.bytes(),
                                              NumElements(value.shape()));
    if (!bad.empty()) {
      return Status::Error("input '" + t.name + "': " + bad);
    }
    return g.SetDynamicInput(g.inputs()[position], value.data(), value.bytes());
  }
  if (t.data != nullptr && value.bytes() > 0) {
    std::memcpy(t.data, value.data(), value.bytes());
    if (t.type == DType::kBool) {  // any nonzero byte is true; kernels need 1
      for (size_t i = 0; i < value.bytes(); ++i) t.data[i] = t.data[i] != 0;
    }
  }
  return Status::Ok();
}

Status Interpreter::Invoke(int subgraph) {
  LITERT_ENTER("Invoke");
  LITERT_RETURN_IF_ERROR(impl_->CheckSubgraph(subgraph));
  Graph& g = *impl_->graphs[subgraph];
  if (g.VariableShapesChanged()) g.InvalidatePreparation();
  if (!g.prepared()) LITERT_RETURN_IF_ERROR(impl_->PrepareSubgraph(subgraph));
  return g.Invoke();
}

Result<Tensor> Interpreter::TensorData(int subgraph, int tensor) const {
  LITERT_ENTER("TensorData");
  return impl_->View(subgraph, tensor);
}

Result<Tensor> Interpreter::Impl::View(int subgraph, int tensor) const {
  LITERT_RETURN_IF_ERROR(CheckSubgraph(subgraph));
  const Graph& g = *graphs[subgraph];
  if (tensor < 0 || tensor >= static_cast<int>(g.tensors().size())) {
    return Status::Error("no tensor " + std::to_string(tensor) +
                         " in subgraph " + std::to_string(subgraph));
  }
  const RtTensor& t = g.tensors()[tensor];
  if (!g.prepared())
    return Status::Error("tensor data is only there after AllocateTensors");
  Tensor v = Tensor::View(t.type, t.shape, static_cast<const void*>(t.data));
  v.quant() = t.quant;
  return v;
}

Result<Tensor> Interpreter::Output(int subgraph, int position) const {
  LITERT_ENTER("Output");
  LITERT_RETURN_IF_ERROR(impl_->CheckSubgraph(subgraph));
  const Graph& g = *impl_->graphs[subgraph];
  if (position < 0 || position >= static_cast<int>(g.outputs().size())) {
    return Status::Error("subgraph " + std::to_string(subgraph) +
                         " has no output " + std::to_string(position));
  }
  return impl_->View(subgraph, g.outputs()[position]);
}

void Interpreter::ResetVariables() {
  for (auto& g : impl_->graphs) g->ResetVariables();
  impl_->resources.Reset();
}

void Interpreter::EnableProfiling(bool on) {
  for (auto& g : impl_->graphs) g->SetProfiling(on);
}

std::vector<Interpreter::NodeProfile> Interpreter::Profile() const {
  std::vector<NodeProfile> out;
  for (const auto& g : impl_->graphs) {
    const auto& micros = g->node_micros();
    for (size_t i = 0; i < micros.size(); ++i) {
      NodeProfile p;
      p.subgraph = g->index();
      p.node = static_cast<int>(i);
      const Node& node = g->nodes()[i];
      p.op = node.op_name;
      if (node.partition >= 0) {
        // The partition's time sits on its last node; the others run nothing.
        const auto& part = g->partitions()[node.partition];
        if (part.partition.nodes.back() != static_cast<int>(i)) continue;
        p.backend = part.backend;
        p.op = part.backend + " partition (" +
               std::to_string(part.partition.nodes.size()) + " nodes)";
      }
      p.total_micros = micros[i];
      p.runs = g->node_runs()[i];
      out.push_back(std::move(p));
    }
  }
  return out;
}

size_t Interpreter::arena_bytes() const {
  size_t n = 0;
  for (const auto& g : impl_->graphs) n += g->arena_bytes();
  return n;
}

size_t Interpreter::activation_bytes() const {
  size_t n = 0;
  for (const auto& g : impl_->graphs) n += g->activation_bytes();
  return n;
}

}  // namespace litert
