// The low-level runtime: subgraphs, signatures, tensors by name, resize,
// invoke.
//
// Typical use:
//   auto model = litert::Model::Load("model.tflite");
//   auto interp = litert::Interpreter::Create(*model);
//   (*interp)->AllocateTensors();
//   (*interp)->SetInput(0, 0, my_tensor);
//   (*interp)->Invoke();
//   litert::Tensor out = (*interp)->Output(0, 0).value();  // a view, see
//   Output()
//
// An Interpreter is not thread-safe: one thread calls it at a time. A call
// made while another thread is inside AllocateTensors, ResizeInput, SetInput,
// Invoke or Output of the same interpreter fails with an error saying so
// (use one interpreter per thread).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "litert/model.h"
#include "litert/status.h"
#include "litert/tensor.h"

namespace litert {

// Bounds that turn a hostile or mistaken model (or call) into a clear error
// instead of an out-of-memory kill or a hang. The defaults are generous: no
// model of the test corpus comes near them. Servers that load untrusted models
// should lower them.
struct InterpreterLimits {
  // Bytes of one tensor (an input, an output or an intermediate), checked when
  // shapes are known: at AllocateTensors, after a resize and, for outputs sized
  // by values, at Invoke.
  int64_t max_tensor_bytes = int64_t{4} << 30;
  // Bytes of one subgraph's activation memory: its arena (intermediates and
  // scratch, shared where lifetimes allow) plus its inputs, outputs and
  // variables.
  int64_t max_arena_bytes = int64_t{16} << 30;
  // Dimensions of any tensor, at most 16 (the loader's own bound).
  int max_rank = 16;
  // Operators in all subgraphs together.
  int max_ops = 1 << 20;
  // How deep control flow (CALL_ONCE, IF, WHILE, STABLEHLO_COMPOSITE) may nest
  // subgraph calls; recursion stops here with an error.
  int max_subgraph_depth = 64;
  // Iterations of one WHILE loop in one Invoke.
  int64_t max_while_iterations = int64_t{1} << 31;
};

struct InterpreterOptions {
  int num_threads = 1;
  // Run what XNNPACK supports with XNNPACK (float32, float16 weights, int8 and
  // uint8 quantized); the rest on litert's kernels. Partitions are compiled
  // (weights packed) at the first AllocateTensors and after resizes.
  bool use_xnnpack = false;
  // A partition whose nodes write fewer elements than this stays on litert's
  // kernels: too little work to pay the delegate's per-node overhead. 0
  // delegates every partition.
  int min_delegated_elements = 2048;
  bool use_gpu = false;  // not available yet: asking for it is an error
  InterpreterLimits limits;
};

struct TensorInfo {
  std::string name;
  int index = -1;  // tensor index within its subgraph
  DType dtype = DType::kFloat32;
  Shape shape;
  Shape shape_signature;  // -1 marks a dimension that ResizeInput may change
  QuantParams quant;
};

struct SignatureInfo {
  std::string key;
  int subgraph = 0;
  // Signature-level names (the keys users pass) and the tensors they stand for.
  std::vector<std::string> input_names, output_names;
  std::vector<int> input_tensors, output_tensors;
};

struct NodeInfo {
  std::string op_name;
  int version = 1;
  std::vector<int> inputs, outputs;
  // Who runs it, as of the last AllocateTensors: "litert" (builtin kernel),
  // a delegate's name ("XNNPACK", with its partition index), or "folded"
  // (computed once at AllocateTensors).
  std::string backend = "litert";
  int partition = -1;
  // For a node left to litert's kernels while a delegate was on: why.
  std::string delegate_note;
};

class Interpreter {
 public:
  // Builds kernels for every subgraph. Fails, naming them, when the model uses
  // ops litert lacks, or when options ask for something this build cannot do.
  static Result<std::unique_ptr<Interpreter>> Create(
      std::shared_ptr<const Model> model,
      const InterpreterOptions& options = {});
  ~Interpreter();

  const Model& model() const;
  int num_subgraphs() const;
  const std::vector<SignatureInfo>& signatures() const;
  // nullptr when there is no signature with this key.
  const SignatureInfo* FindSignature(std::string_view key) const;

  std::vector<TensorInfo> Inputs(int subgraph = 0) const;
  std::vector<TensorInfo> Outputs(int subgraph = 0) const;
  Result<TensorInfo> GetTensorInfo(int subgraph, int tensor) const;
  int num_tensors(int subgraph = 0) const;
  std::vector<NodeInfo> Nodes(int subgraph = 0) const;
  // The index of the tensor with this name, or an error listing nothing (names
  // can be many).
  Result<int> FindTensor(int subgraph, std::string_view name) const;

  // Changes the shape of input `position` of `subgraph`; the next
  // AllocateTensors re-plans.
  Status ResizeInput(int subgraph, int position, const Shape& shape);
  // Propagates shapes and plans memory for every subgraph that needs it.
  Status AllocateTensors();
  // Copies `value` into input `position`; its dtype and shape must match
  // exactly (bool inputs are stored as 0/1: any nonzero byte is true).
  Status SetInput(int subgraph, int position, const Tensor& value);
  // Runs the subgraph. Called before AllocateTensors (or after a resize), it
  // prepares first, so that order is not an error; reading an Output before
  // any AllocateTensors is.
  Status Invoke(int subgraph = 0);
  // A view of output `position`. It stays valid until the next Invoke,
  // ResizeInput or AllocateTensors; copy it (Tensor copy of an owned tensor) to
  // keep it.
  Result<Tensor> Output(int subgraph, int position) const;
  // A view of any tensor (same lifetime rule as Output).
  Result<Tensor> TensorData(int subgraph, int tensor) const;
  // Sets every variable tensor back to its initial value.
  void ResetVariables();

  // Memory: bytes of the activation arenas of all subgraphs, and what their
  // activations and scratch would take if none shared memory.
  size_t arena_bytes() const;
  size_t activation_bytes() const;

  // Per-node timing for `litert bench --op_profile`. While enabled, every
  // Invoke adds each node's wall time (a node that runs subgraphs includes
  // them). Enabling clears what was gathered.
  struct NodeProfile {
    int subgraph = 0;
    int node = 0;
    std::string op;  // "CONV_2D", the custom op's name, or
                     // "XNNPACK partition (N nodes)" on its last node
    std::string backend = "litert";
    double total_micros = 0;
    int64_t runs = 0;
  };
  void EnableProfiling(bool on);
  std::vector<NodeProfile> Profile() const;

  struct Impl;
  Impl* impl() {
    return impl_.get();
  }  // internal: litert's own tools and tests

 private:
  explicit Interpreter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace litert
