// The one interface between the graph and a backend that runs parts of it
// (DESIGN.md rule 4). The graph prepares every node with its builtin kernel
// first (shapes, folded constants), then asks each delegate which nodes it
// can run, groups them into partitions and has the delegate compile each one.
// Nodes of a compiled partition no longer run their builtin kernels; tensors
// only a partition reads and writes get no memory of the graph.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/runtime_tensor.h"
#include "litert/interpreter.h"
#include "litert/status.h"

namespace litert {

struct Node;
class Model;
class ThreadPool;

// A prepared graph as a delegate sees it: every tensor's shape and type is
// final and constants (including folded ones) have their data.
struct DelegateGraphView {
  const Model* model = nullptr;
  int subgraph = 0;
  std::span<const RtTensor> tensors;
  std::span<const Node> nodes;
};

// A set of nodes that run as one unit, in the graph's node order.
struct Partition {
  std::vector<int> nodes;
  std::vector<int> inputs;   // tensors read from outside, non-constant
  std::vector<int> outputs;  // tensors read after it, or graph outputs
};

class DelegateKernel {
 public:
  virtual ~DelegateKernel() = default;
  // Runs the partition. `tensors` are the graph's; the data of the
  // partition's inputs and outputs may move between calls (re-planning).
  virtual Status Invoke(std::span<RtTensor> tensors) = 0;
};

class Delegate {
 public:
  virtual ~Delegate() = default;
  // "XNNPACK": shown by `litert info --delegate` and in op profiles.
  virtual const char* name() const = 0;
  // Whether the delegate can run node `node` as prepared; when not, `why`
  // (if given) says what stops it.
  virtual bool Supports(const DelegateGraphView& graph, int node,
                        std::string* why) = 0;
  // Builds what runs `partition` (weights packed here, once). An error means
  // the nodes stay on builtin kernels; the message says why.
  virtual Result<std::unique_ptr<DelegateKernel>> Compile(
      const DelegateGraphView& graph, const Partition& partition) = 0;
};

// The delegates `options` ask for, in the order they are offered nodes.
// Fails when one of them cannot be had in this build or on this machine.
Result<std::vector<std::unique_ptr<Delegate>>> CreateDelegates(
    const InterpreterOptions& options, ThreadPool* pool);

}  // namespace litert
