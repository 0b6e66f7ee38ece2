// What control-flow ops (CALL_ONCE, IF, WHILE, STABLEHLO_COMPOSITE) see of the
// other subgraphs, and where resource variables (VAR_HANDLE, READ_VARIABLE,
// ASSIGN_VARIABLE) live.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/aligned_buffer.h"
#include "core/runtime_tensor.h"
#include "litert/interpreter.h"
#include "litert/status.h"

namespace litert {

class SubgraphCaller {
 public:
  virtual ~SubgraphCaller() = default;
  virtual int num_subgraphs() const = 0;
  virtual const std::vector<int>& SubgraphInputs(int subgraph) const = 0;
  virtual const std::vector<int>& SubgraphOutputs(int subgraph) const = 0;
  virtual RtTensor& SubgraphTensor(int subgraph, int tensor) = 0;
  // Sets input `position` of `subgraph` to `shape` (re-planned at the next
  // Prepare).
  virtual Status ResizeSubgraphInput(int subgraph, int position,
                                     const Shape& shape) = 0;
  // Prepares the subgraph when its shapes changed. Counts call depth against
  // recursion.
  virtual Status PrepareSubgraph(int subgraph) = 0;
  virtual Status InvokeSubgraph(int subgraph) = 0;
  // The interpreter's limits (WHILE reads its iteration cap here).
  virtual const InterpreterLimits& limits() const = 0;

  // Copies `src`'s shape and bytes into input `position` of `subgraph`
  // (resizing it).
  Status SetSubgraphInput(int subgraph, int position, const RtTensor& src);
};

// A resource variable: its value has whatever dtype and shape was last
// assigned.
struct ResourceVariable {
  DType type = DType::kFloat32;
  Shape shape;
  AlignedBuffer data;
  bool assigned = false;
};

class ResourceStore {
 public:
  // The id for (container, shared_name); the same names give the same id.
  int HandleFor(const std::string& container, const std::string& shared_name) {
    const std::string key = container + "\x1f" + shared_name;
    auto it = ids_.find(key);
    if (it != ids_.end()) return it->second;
    const int id = static_cast<int>(vars_.size());
    vars_.push_back(std::make_unique<ResourceVariable>());
    ids_.emplace(key, id);
    return id;
  }
  // Bumped whenever a variable gets a value of another shape or type (or its
  // first): graphs prepared against the old shapes prepare again.
  uint64_t shape_epoch() const { return shape_epoch_; }
  void BumpShapeEpoch() { ++shape_epoch_; }
  ResourceVariable* Get(int id) {
    return id >= 0 && id < static_cast<int>(vars_.size()) ? vars_[id].get()
                                                          : nullptr;
  }
  // Forgets every value (handles keep their ids) and which initialization
  // subgraphs ran: CALL_ONCE runs them again after a reset.
  void Reset() {
    for (auto& v : vars_) {
      v->assigned = false;
      v->shape.clear();
    }
    inits_done_.clear();
  }
  // CALL_ONCE: whether initialization subgraph `subgraph` has run. Like
  // LiteRT this is kept per subgraph, not per CALL_ONCE node: a second
  // CALL_ONCE of the same subgraph does nothing.
  bool InitDone(int subgraph) const { return inits_done_.count(subgraph) > 0; }
  void MarkInitDone(int subgraph) { inits_done_.insert(subgraph); }

 private:
  std::map<std::string, int> ids_;
  std::vector<std::unique_ptr<ResourceVariable>> vars_;
  std::set<int> inits_done_;
  uint64_t shape_epoch_ = 0;
};

}  // namespace litert
