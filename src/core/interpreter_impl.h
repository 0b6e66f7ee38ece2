// Inside of litert::Interpreter, for litert's own tools and tests.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "core/graph.h"
#include "core/subgraph_caller.h"
#include "core/thread_pool.h"
#include "delegates/delegate.h"
#include "litert/interpreter.h"

namespace litert {

struct Interpreter::Impl : public SubgraphCaller {
  std::shared_ptr<const Model> model;
  InterpreterOptions options;
  // Declared before the graphs, so destroyed after them: the graphs point at
  // the resources, and their delegate kernels use the pool and delegates.
  ResourceStore resources;
  std::unique_ptr<ThreadPool> pool;
  std::vector<std::unique_ptr<Delegate>> delegates;
  std::vector<std::unique_ptr<Graph>> graphs;
  std::vector<SignatureInfo> signatures;
  int depth = 0;  // nesting of subgraph calls (control flow), bounded by
                  // options.limits.max_subgraph_depth
  // Set while a thread is inside a call that reads or writes tensors; a
  // second thread's call fails instead of racing (see BusyGuard).
  std::atomic<bool> busy{false};

  Status CheckSubgraph(int subgraph) const;
  // AllocateTensors without the busy check (SetInput calls it too).
  Status AllocateAll();
  // A view of a tensor (TensorData, Output).
  Result<Tensor> View(int subgraph, int tensor) const;

  // SubgraphCaller
  int num_subgraphs() const override { return static_cast<int>(graphs.size()); }
  const std::vector<int>& SubgraphInputs(int subgraph) const override {
    return graphs[subgraph]->inputs();
  }
  const std::vector<int>& SubgraphOutputs(int subgraph) const override {
    return graphs[subgraph]->outputs();
  }
  RtTensor& SubgraphTensor(int subgraph, int tensor) override {
    return graphs[subgraph]->tensors()[tensor];
  }
  Status ResizeSubgraphInput(int subgraph, int position,
                             const Shape& shape) override;
  Status PrepareSubgraph(int subgraph) override;
  Status InvokeSubgraph(int subgraph) override;
  const InterpreterLimits& limits() const override { return options.limits; }
  Status DepthError() const;
};

}  // namespace litert
