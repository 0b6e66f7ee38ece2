#include "delegates/xnnpack/xnnpack_delegate.h"

#include <mutex>
#include <string>
#include <utility>

#include "core/graph.h"
#include "core/thread_pool.h"
#include "delegates/xnnpack/xnnpack_builder.h"
#include "litert/model.h"
#include "schema/tflite_generated.h"

namespace litert {

Status InitializeXnnpack() {
  static std::once_flag once;
  static xnn_status status = xnn_status_success;
  std::call_once(once, [] { status = xnn_initialize(nullptr); });
  if (status != xnn_status_success) {
    return Status::Error(
        "XNNPACK cannot run on this CPU (xnn_initialize failed with status " +
        std::to_string(static_cast<int>(status)) +
        "); load with use_xnnpack=false");
  }
  return Status::Ok();
}

XnnBuilder::XnnBuilder(const DelegateGraphView& graph, std::vector<int> inputs,
                       std::vector<int> outputs)
    : graph_(graph) {
  uint32_t id = 0;
  for (int t : inputs) {
    external_ids_[t] = id++;
    flags_[t] = XNN_VALUE_FLAG_EXTERNAL_INPUT;
  }
  for (int t : outputs) {
    external_ids_[t] = id++;
    flags_[t] = XNN_VALUE_FLAG_EXTERNAL_OUTPUT;
  }
  if (xnn_create_subgraph(id, 0, &subgraph_) != xnn_status_success) {
    subgraph_ = nullptr;
  }
}

XnnBuilder::~XnnBuilder() {
  if (subgraph_ != nullptr) xnn_delete_subgraph(subgraph_);
}

xnn_subgraph_t XnnBuilder::Release() {
  xnn_subgraph_t s = subgraph_;
  subgraph_ = nullptr;
  return s;
}

const fb::Operator* XnnBuilder::op(int node) const {
  return graph_.model->fb()
      ->subgraphs()
      ->Get(graph_.subgraph)
      ->operators()
      ->Get(node);
}

uint32_t XnnBuilder::Value(int t, XnnRole role, int input, int filter) {
  if (t < 0 || t >= static_cast<int>(graph_.tensors.size())) {
    return XNN_INVALID_VALUE_ID;
  }
  if (auto it = values_.find(t); it != values_.end()) return it->second;
  const RtTensor& rt = tensor(t);
  std::vector<size_t> dims(rt.shape.begin(), rt.shape.end());
  auto ext = external_ids_.find(t);
  const uint32_t id =
      Define(t, role, input, filter, dims,
             ext == external_ids_.end() ? XNN_INVALID_VALUE_ID : ext->second,
             rt.is_constant());
  if (id != XNN_INVALID_VALUE_ID) values_[t] = id;
  return id;
}

uint32_t XnnBuilder::ValueWithDims(int t, const std::vector<size_t>& dims,
                                   bool internal) {
  if (!internal) {
    auto ext = external_ids_.find(t);
    if (ext != external_ids_.end() || values_.count(t)) return Value(t);
  }
  // A constant keeps its data (same elements, other dimensions).
  return Define(t, XnnRole::kData, -1, -1, dims, XNN_INVALID_VALUE_ID,
                tensor(t).is_constant());
}

uint32_t XnnBuilder::Define(int t, XnnRole role, int input, int filter,
                            const std::vector<size_t>& dims,
                            uint32_t external_id, bool with_data) {
  const RtTensor& rt = tensor(t);
  if (dims.size() > XNN_MAX_TENSOR_DIMS) return XNN_INVALID_VALUE_ID;
  const void* data = with_data ? rt.data : nullptr;
  const uint32_t flags = external_id == XNN_INVALID_VALUE_ID ? 0 : flags_.at(t);
  const size_t* d = dims.empty() ? nullptr : dims.data();
  uint32_t id = XNN_INVALID_VALUE_ID;
  xnn_status s = xnn_status_unsupported_parameter;
  const auto& q = rt.quant;
  switch (rt.type) {
    case DType::kFloat32:
      s = xnn_define_tensor_value(subgraph_, xnn_datatype_fp32, dims.size(), d,
                                  data, external_id, flags, &id);
      break;
    case DType::kInt8:
    case DType::kUInt8: {
      if (q.scale.empty()) break;
      const bool is_u8 = rt.type == DType::kUInt8;
      if (q.scale.size() == 1) {
        s = xnn_define_quantized_tensor_value(
            subgraph_, is_u8 ? xnn_datatype_quint8 : xnn_datatype_qint8,
            q.zero_point.empty() ? 0 : static_cast<int32_t>(q.zero_point[0]),
            q.scale[0], dims.size(), d, data, external_id, flags, &id);
        break;
      }
      // Per-channel: only signed filters, symmetric, along XNNPACK's axis.
      const size_t axis = role == XnnRole::kFilter            ? 0
                          : role == XnnRole::kDepthwiseFilter ? dims.size() - 1
                                                              : SIZE_MAX;
      if (is_u8 || axis == SIZE_MAX || dims.empty() ||
          static_cast<size_t>(q.quantized_dimension) != axis ||
          dims[axis] != q.scale.size()) {
        break;
      }
      for (int64_t z : q.zero_point) {
        if (z != 0) return XNN_INVALID_VALUE_ID;
      }
      s = xnn_define_channelwise_quantized_tensor_value(
          subgraph_, xnn_datatype_qcint8, q.scale.data(), dims.size(), axis, d,
          data, external_id, flags, &id);
      break;
    }
    case DType::kInt32: {
      // Only biases of quantized convolutions and fully connected ops.
      if (role != XnnRole::kBias || input < 0 || filter < 0) break;
      const RtTensor& in = tensor(input);
      const RtTensor& f = tensor(filter);
      if (in.quant.scale.size() != 1 || f.quant.scale.empty()) break;
      if (f.quant.scale.size() == 1) {
        s = xnn_define_quantized_tensor_value(
            subgraph_, xnn_datatype_qint32, 0,
            in.quant.scale[0] * f.quant.scale[0], dims.size(), d, data,
            external_id, flags, &id);
        break;
      }
      if (dims.size() != 1 || dims[0] != f.quant.scale.size()) break;
      auto scales = std::make_unique<std::vector<float>>(f.quant.scale.size());
      for (size_t c = 0; c < scales->size(); ++c) {
        (*scales)[c] = in.quant.scale[0] * f.quant.scale[c];
      }
      s = xnn_define_channelwise_quantized_tensor_value(
          subgraph_, xnn_datatype_qcint32, scales->data(), 1, 0, d, data,
          external_id, flags, &id);
      owned_scales_.push_back(std::move(scales));
      break;
    }
    default:
      break;
  }
  return s == xnn_status_success ? id : XNN_INVALID_VALUE_ID;
}

namespace {

class XnnpackKernel : public DelegateKernel {
 public:
  XnnpackKernel(xnn_runtime_t runtime, std::vector<int> externals,
                std::vector<std::unique_ptr<std::vector<float>>> scales)
      : runtime_(runtime),
        externals_(std::move(externals)),
        scales_(std::move(scales)) {}
  ~XnnpackKernel() override { xnn_delete_runtime(runtime_); }

  Status Invoke(std::span<RtTensor> tensors) override {
    bool moved = bound_.size() != externals_.size();
    for (size_t i = 0; !moved && i < externals_.size(); ++i) {
      moved = bound_[i].data != tensors[externals_[i]].data;
    }
    if (moved) {
      bound_.clear();
      for (size_t i = 0; i < externals_.size(); ++i) {
        bound_.push_back(
            {static_cast<uint32_t>(i), tensors[externals_[i]].data});
      }
      if (xnn_setup_runtime(runtime_, bound_.size(), bound_.data()) !=
          xnn_status_success) {
        bound_.clear();
        return Status::Error("XNNPACK: setting up the runtime failed");
      }
    }
    if (xnn_invoke_runtime(runtime_) != xnn_status_success) {
      return Status::Error("XNNPACK: running the partition failed");
    }
    return Status::Ok();
  }

 private:
  xnn_runtime_t runtime_;
  std::vector<int> externals_;  // inputs then outputs: their external ids
  std::vector<std::unique_ptr<std::vector<float>>> scales_;
  std::vector<xnn_external_value> bound_;
};

class XnnpackDelegate : public Delegate {
 public:
  explicit XnnpackDelegate(ThreadPool* pool) : pool_(pool) {}
  const char* name() const override { return "XNNPACK"; }

  bool Supports(const DelegateGraphView& graph, int node,
                std::string* why) override {
    const Node& n = graph.nodes[node];
    std::vector<int> inputs, outputs;
    auto refuse = [&](const std::string& reason) {
      if (why) *why = reason;
      return false;
    };
    for (int t : n.inputs) {
      if (t < 0) continue;
      const RtTensor& rt = graph.tensors[t];
      if (rt.num_elements() == 0) return refuse("an empty tensor");
      if (!rt.is_constant()) inputs.push_back(t);
    }
    for (int t : n.outputs) {
      if (t < 0 || graph.tensors[t].num_elements() == 0) {
        return refuse("an empty tensor");
      }
      outputs.push_back(t);
    }
    XnnBuilder b(graph, inputs, outputs);
    if (!b.ok()) return refuse("XNNPACK cannot create a subgraph");
    Status s = DefineXnnNode(b, node);
    return s.ok() || refuse(s.message());
  }

  Result<std::unique_ptr<DelegateKernel>> Compile(
      const DelegateGraphView& graph, const Partition& partition) override {
    XnnBuilder b(graph, partition.inputs, partition.outputs);
    if (!b.ok()) return Status::Error("XNNPACK: cannot create a subgraph");
    for (int node : partition.nodes) {
      LITERT_RETURN_IF_ERROR(DefineXnnNode(b, node));
    }
    // Every external value must exist even when no node touched it.
    std::vector<int> externals = partition.inputs;
    externals.insert(externals.end(), partition.outputs.begin(),
                     partition.outputs.end());
    for (int t : externals) {
      if (b.Value(t) == XNN_INVALID_VALUE_ID) {
        return Status::Error("XNNPACK: no value for tensor " +
                             std::to_string(t));
      }
    }
    xnn_subgraph_t subgraph = b.Release();
    xnn_runtime_t runtime = nullptr;
    const xnn_status s = xnn_create_runtime_v2(
        subgraph, pool_ ? pool_->handle() : nullptr, 0, &runtime);
    xnn_delete_subgraph(subgraph);
    if (s != xnn_status_success) {
      return Status::Error("XNNPACK: creating the runtime failed (status " +
                           std::to_string(static_cast<int>(s)) + ")");
    }
    return std::unique_ptr<DelegateKernel>(std::make_unique<XnnpackKernel>(
        runtime, std::move(externals), b.TakeOwnedScales()));
  }

 private:
  ThreadPool* pool_;
};

}  // namespace

Result<std::unique_ptr<Delegate>> CreateXnnpackDelegate(ThreadPool* pool) {
  LITERT_RETURN_IF_ERROR(InitializeXnnpack());
  return std::unique_ptr<Delegate>(std::make_unique<XnnpackDelegate>(pool));
}

}  // namespace litert
