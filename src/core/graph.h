// One subgraph of a model, ready to run: tensors, nodes with their kernels,
// memory.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/aligned_buffer.h"
#include "core/runtime_tensor.h"
#include "core/subgraph_caller.h"
#include "delegates/delegate.h"
#include "litert/model.h"
#include "ops/op.h"

namespace litert {

struct Node {
  int builtin_code = -1;  // -1 for custom ops
  int version = 1;
  std::string op_name;  // "CONV_2D" or the custom name
  std::string where;    // "<file>: subgraph 0, operator 3 (CONV_2D)" for errors
  std::vector<int> inputs, outputs, intermediates;
  std::unique_ptr<Op> op;
  // Filled by Prepare.
  std::vector<size_t> scratch_bytes;
  std::vector<size_t> scratch_offsets;
  std::vector<std::pair<int, int>>
      alias_requests;  // (output position, input position)
  std::vector<std::pair<int, int>>
      copies;  // (to tensor, from tensor) after Eval
  // Prepared again before every Eval (value-dependent shapes, or inputs that
  // are).
  bool deferred = false;
  // Computed once at Prepare (a DEQUANTIZE of a constant): Invoke skips it.
  bool folded = false;
  // The delegate partition that runs this node instead of its kernel, or -1.
  int partition = -1;
  // Why the first delegate left it to litert's kernels (empty if none asked).
  std::string delegate_note;
  AlignedBuffer run_time_scratch;
};

class Graph {
 public:
  // `caller` and `resources` are the interpreter's; they outlive the graph.
  Graph(std::shared_ptr<const Model> model, int index, SubgraphCaller* caller,
        ResourceStore* resources);

  // Reads tensors and creates every node's kernel. Fails listing every op
  // litert lacks.
  Status Build();
  // Shape propagation through every node, then memory planning and allocation.
  Status Prepare();
  // Runs the nodes in order. Requires a successful Prepare.
  Status Invoke();
  bool prepared() const { return prepared_; }
  // True when a variable this graph reads got a value of another shape since
  // Prepare (or its first): Prepare again to plan with the new shapes.
  bool VariableShapesChanged() const {
    return reads_variables_ && resources_ != nullptr &&
           resources_->shape_epoch() != prepared_epoch_;
  }
  void InvalidatePreparation() { prepared_ = false; }

  int index() const { return index_; }
  const std::string& name() const { return name_; }
  std::vector<RtTensor>& tensors() { return tensors_; }
  const std::vector<RtTensor>& tensors() const { return tensors_; }
  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<int>& inputs() const { return inputs_; }
  const std::vector<int>& outputs() const { return outputs_; }

  // Bytes of the shared activation arena (activations and scratch).
  size_t arena_bytes() const { return arena_bytes_; }
  // What the arena's tensors would need if none shared memory.
  size_t activation_bytes() const { return activation_bytes_; }
  // (tensor index, offset) of each arena tensor and its lifetime, for tests of
  // the planner.
  struct ArenaEntry {
    int tensor;  // -1 for scratch
    size_t offset, bytes;
    int first, last;
  };
  const std::vector<ArenaEntry>& arena_entries() const {
    return arena_entries_;
  }

  // Per-node timing: while on, Invoke adds each node's wall time (and one run)
  // to node_micros()/node_runs(). Turning it on clears them.
  void SetProfiling(bool on);
  const std::vector<double>& node_micros() const { return node_micros_; }
  const std::vector<int64_t>& node_runs() const { return node_runs_; }

  // Copies `bytes` bytes into input tensor t, whose size is known only with
  // its value (a string input); the tensor owns memory of its own.
  Status SetDynamicInput(int t, const void* data, size_t bytes);

  // Delegates offered the nodes at every Prepare, in order (owned by the
  // interpreter; they outlive the graph).
  void SetDelegates(std::vector<Delegate*> delegates,
                    int64_t min_delegated_elements) {
    delegates_ = std::move(delegates);
    min_delegated_elements_ = min_delegated_elements;
  }
  struct DelegatedPartition {
    std::string backend;  // the delegate's name
    Partition partition;
    std::string key;  // nodes and shapes it was compiled for
    std::unique_ptr<DelegateKernel> kernel;
  };
  // The interpreter's pool, for kernels that split their work.
  void SetThreadPool(ThreadPool* pool) { pool_ = pool; }
  // Bounds on tensor bytes, rank and activation memory (checked at Prepare).
  void SetLimits(const InterpreterLimits& limits) { limits_ = limits; }
  const std::vector<DelegatedPartition>& partitions() const {
    return partitions_;
  }

  // Re-initializes variable tensors to their initial values.
  void ResetVariables();

 private:
  Status RunNode(Node& node);
  // Rank and byte limits for tensor `t`; `what` names it in the error.
  Status CheckTensorLimits(int t, const std::string& what) const;
  Status ApplyDelegates();
  void PartitionRun(Delegate& delegate, const std::vector<int>& members,
                    std::vector<char>& ok,
                    std::vector<DelegatedPartition>& old);
  int RunStep(int node) const {
    const int p = nodes_[node].partition;
    return p < 0 ? node : partitions_[p].partition.nodes.back();
  }
  Status MaybeFold(Node& node);
  void StartVariable(size_t t);
  Status BuildTensors();
  Status BuildNodes();
  Status Plan();
  Status RunDeferred(Node& node);
  Status CheckOutputShapes(const Node& node) const;

  std::shared_ptr<const Model> model_;
  int index_;
  SubgraphCaller* caller_;
  ResourceStore* resources_;
  std::vector<bool> dynamic_;  // per tensor: written by a deferred node
  std::vector<AlignedBuffer> dynamic_buffers_;
  std::string name_;
  InterpreterLimits limits_;
  std::string where_;  // "<file>: subgraph N"
  std::vector<RtTensor> tensors_;
  std::vector<Node> nodes_;
  std::vector<int> inputs_, outputs_;
  bool prepared_ = false;
  bool reads_variables_ = false;  // has READ_VARIABLE nodes
  uint64_t prepared_epoch_ = 0;   // resources_->shape_epoch() at Prepare
  bool profiling_ = false;
  std::vector<double> node_micros_;
  std::vector<int64_t> node_runs_;

  AlignedBuffer arena_;
  std::vector<AlignedBuffer> persistent_;  // per tensor; used for kPersistent
  std::vector<AlignedBuffer>
      const_copies_;  // per tensor; weights the mapping misaligns
  std::vector<std::span<const uint8_t>>
      initial_values_;  // per tensor; for variables
  size_t arena_bytes_ = 0;
  size_t activation_bytes_ = 0;
  std::vector<ArenaEntry> arena_entries_;
  std::vector<Delegate*> delegates_;
  int64_t min_delegated_elements_ = 0;  // see InterpreterOptions
  ThreadPool* pool_ = nullptr;
  std::vector<bool> delegate_internal_;  // per tensor: lives inside a partition
  // Last, so kernels go before the weights they may point at.
  std::vector<DelegatedPartition> partitions_;
};

}  // namespace litert
