#include "litert/manager.h"

#include <cstring>
#include <mutex>

namespace litert {
namespace {

// The inputs and outputs of one runnable entry point, with the names users
// pass.
struct Entry {
  int subgraph = 0;
  std::vector<std::string> input_names, output_names;
  std::vector<int> input_positions,
      output_positions;  // positions in the subgraph's lists
};

int PositionOf(const std::vector<TensorInfo>& list, int tensor) {
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i].index == tensor) return static_cast<int>(i);
  }
  return -1;
}

std::string Describe(const TensorInfo& t) {
  return DTypeName(t.dtype) + " " + ShapeToString(t.shape_signature);
}

}  // namespace

struct Manager::State {
  std::unique_ptr<Interpreter> interp;
  std::string path;

  Result<Entry> Resolve(const std::string& key) const {
    Entry e;
    const auto& sigs = interp->signatures();
    const SignatureInfo* sig = nullptr;
    if (!key.empty()) {
      sig = interp->FindSignature(key);
      if (sig == nullptr) {
        std::string known;
        for (const auto& s : sigs)
          known += (known.empty() ? "" : ", ") + ("'" + s.key + "'");
        return Status::Error(
            path + ": no signature '" + key + "'" +
            (known.empty() ? " (the model has none)" : "; it has " + known));
      }
    } else if (!sigs.empty()) {
      sig = interp->FindSignature("serving_default");
      if (sig == nullptr) sig = &sigs.front();
    }
    if (sig == nullptr) {
      for (const auto& t : interp->Inputs(0)) e.input_names.push_back(t.name);
      for (const auto& t : interp->Outputs(0)) e.output_names.push_back(t.name);
      for (size_t i = 0; i < e.input_names.size(); ++i)
        e.input_positions.push_back(int(i));
      for (size_t i = 0; i < e.output_names.size(); ++i)
        e.output_positions.push_back(int(i));
      return e;
    }
    e.subgraph = sig->subgraph;
    const auto ins = interp->Inputs(e.subgraph);
    const auto outs = interp->Outputs(e.subgraph);
    for (size_t i = 0; i < sig->input_names.size(); ++i) {
      const int pos = PositionOf(ins, sig->input_tensors[i]);
      if (pos < 0) {
        return Status::Error(path + ": signature '" + sig->key + "' input '" +
                             sig->input_names[i] +
                             "' is not an input of its subgraph");
      }
      e.input_names.push_back(sig->input_names[i]);
      e.input_positions.push_back(pos);
    }
    for (size_t i = 0; i < sig->output_names.size(); ++i) {
      const int pos = PositionOf(outs, sig->output_tensors[i]);
      if (pos < 0) {
        return Status::Error(path + ": signature '" + sig->key + "' output '" +
                             sig->output_names[i] +
                             "' is not an output of its subgraph");
      }
      e.output_names.push_back(sig->output_names[i]);
      e.output_positions.push_back(pos);
    }
    return e;
  }

  std::string ExpectedInputs(const Entry& e) const {
    const auto ins = interp->Inputs(e.subgraph);
    std::string s;
    for (size_t i = 0; i < e.input_names.size(); ++i) {
      s += (i ? ", " : "") + ("'" + e.input_names[i] + "' (" +
                              Describe(ins[e.input_positions[i]]) + ")");
    }
    if (e.input_names.size() == 1) s += " (the key 'input' also works)";
    return s;
  }
};

Manager::Manager() : mu_(std::make_unique<std::mutex>()) {}
Manager::~Manager() = default;
Manager::Manager(Manager&& other) noexcept
    : mu_(std::make_unique<std::mutex>()) {
  std::lock_guard<std::mutex> lock(*other.mu_);
  state_ = std::move(other.state_);
}
Manager& Manager::operator=(Manager&& other) noexcept {
  if (this != &other) {
    std::scoped_lock lock(*mu_, *other.mu_);
    state_ = std::move(other.state_);
  }
  return *this;
}

Status Manager::LoadModel(const std::string& path, const Options& options) {
  std::lock_guard<std::mutex> lock(*mu_);
  state_.reset();
  auto model = Model::Load(path);
  if (!model.ok()) return model.status();
  InterpreterOptions io;
  io.num_threads = options.num_threads;
  io.use_xnnpack = options.use_xnnpack;
  io.use_gpu = options.use_gpu;
  io.limits = options.limits;
  auto interp = Interpreter::Create(model.value(), io);
  if (!interp.ok()) return interp.status();
  LITERT_RETURN_IF_ERROR(interp.value()->AllocateTensors());
  state_ = std::make_unique<State>();
  state_->interp = std::move(interp).value();
  state_->path = path;
  return Status::Ok();
}

void Manager::Unload() {
  std::lock_guard<std::mutex> lock(*mu_);
  state_.reset();
}
bool Manager::loaded() const {
  std::lock_guard<std::mutex> lock(*mu_);
  return state_ != nullptr;
}
Interpreter* Manager::interpreter() {
  return state_ ? state_->interp.get() : nullptr;
}

Result<std::vector<TensorInfo>> Manager::InputDetails(
    const std::string& signature) const {
  std::lock_guard<std::mutex> lock(*mu_);
  if (!state_) return Status::Error("no model is loaded: call LoadModel first");
  LITERT_ASSIGN_OR_RETURN(Entry e, state_->Resolve(signature));
  const auto ins = state_->interp->Inputs(e.subgraph);
  std::vector<TensorInfo> out;
  for (size_t i = 0; i < e.input_names.size(); ++i) {
    out.push_back(ins[e.input_positions[i]]);
    out.back().name = e.input_names[i];
  }
  return out;
}

Result<std::vector<TensorInfo>> Manager::OutputDetails(
    const std::string& signature) const {
  std::lock_guard<std::mutex> lock(*mu_);
  if (!state_) return Status::Error("no model is loaded: call LoadModel first");
  LITERT_ASSIGN_OR_RETURN(Entry e, state_->Resolve(signature));
  const auto outs = state_->interp->Outputs(e.subgraph);
  std::vector<TensorInfo> out;
  for (size_t i = 0; i < e.output_names.size(); ++i) {
    out.push_back(outs[e.output_positions[i]]);
    out.back().name = e.output_names[i];
  }
  return out;
}

Result<std::map<std::string, Tensor>> Manager::Generate(
    const std::map<std::string, Tensor>& inputs, const std::string& signature) {
  // Calls from several threads take turns (resize, set, invoke and read must
  // not interleave, and Unload waits for a running Generate).
  std::lock_guard<std::mutex> lock(*mu_);
  if (!state_) return Status::Error("no model is loaded: call LoadModel first");
  Interpreter& interp = *state_->interp;
  LITERT_ASSIGN_OR_RETURN(Entry e, state_->Resolve(signature));
  const auto infos = interp.Inputs(e.subgraph);

  // Match every key to an input; "input" stands for the only input.
  std::vector<const Tensor*> given(e.input_names.size(), nullptr);
  for (const auto& [key, value] : inputs) {
    int slot = -1;
    for (size_t i = 0; i < e.input_names.size(); ++i) {
      if (e.input_names[i] == key) slot = static_cast<int>(i);
    }
    if (slot < 0 && key == "input" && e.input_names.size() == 1) slot = 0;
    if (slot < 0) {
      return Status::Error(state_->path + ": unknown input '" + key +
                           "'; the model expects " + state_->ExpectedInputs(e));
    }
    if (given[slot] != nullptr) {
      return Status::Error(state_->path + ": input '" + e.input_names[slot] +
                           "' was given twice");
    }
    given[slot] = &value;
  }
  for (size_t i = 0; i < given.size(); ++i) {
    if (given[i] == nullptr) {
      return Status::Error(state_->path + ": missing input '" +
                           e.input_names[i] + "'; the model expects " +
                           state_->ExpectedInputs(e));
    }
  }
  // Check dtypes and shapes; resize inputs whose signature allows the given
  // shape.
  for (size_t i = 0; i < given.size(); ++i) {
    const TensorInfo& info = infos[e.input_positions[i]];
    const Tensor& v = *given[i];
    if (v.dtype() != info.dtype) {
      return Status::Error(state_->path + ": input '" + e.input_names[i] +
                           "' must be " + Describe(info) + ", got " +
                           DTypeName(v.dtype()) + " " +
                           ShapeToString(v.shape()));
    }
    if (v.shape() != info.shape) {
      Status s =
          interp.ResizeInput(e.subgraph, e.input_positions[i], v.shape());
      if (!s.ok()) {
        return Status::Error(state_->path + ": input '" + e.input_names[i] +
                             "' must be " + Describe(info) + ", got shape " +
                             ShapeToString(v.shape()));
      }
    }
  }
  LITERT_RETURN_IF_ERROR(interp.AllocateTensors());
  for (size_t i = 0; i < given.size(); ++i) {
    LITERT_RETURN_IF_ERROR(
        interp.SetInput(e.subgraph, e.input_positions[i], *given[i]));
  }
  LITERT_RETURN_IF_ERROR(interp.Invoke(e.subgraph));

  std::map<std::string, Tensor> result;
  for (size_t i = 0; i < e.output_names.size(); ++i) {
    LITERT_ASSIGN_OR_RETURN(Tensor view,
                            interp.Output(e.subgraph, e.output_positions[i]));
    Tensor owned = Tensor::OwnedCopy(view);
    if (i == 0 && !result.count("output")) result.emplace("output", owned);
    result.insert_or_assign(e.output_names[i], std::move(owned));
  }
  return result;
}

}  // namespace litert
