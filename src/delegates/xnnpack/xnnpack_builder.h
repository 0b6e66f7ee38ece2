// Turns litert nodes into one XNNPACK subgraph: values for tensors, nodes for
// operators. Used to check one node (a throwaway subgraph) and to build a
// partition's subgraph.
#pragma once

#include <xnnpack.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "delegates/delegate.h"

namespace litert {
namespace fb {
struct Operator;
}

// How a tensor is used by the node that asks for its value; decides the
// XNNPACK datatype of quantized weights.
enum class XnnRole {
  kData,
  kFilter,           // per-channel scales along dimension 0
  kDepthwiseFilter,  // per-channel scales along the last dimension
  kBias,             // int32, scales = input scale * filter scales
};

class XnnBuilder {
 public:
  // `external` tensors are the partition's inputs and outputs, numbered in
  // that order as XNNPACK external ids.
  XnnBuilder(const DelegateGraphView& graph, std::vector<int> inputs,
             std::vector<int> outputs);
  ~XnnBuilder();
  XnnBuilder(const XnnBuilder&) = delete;
  XnnBuilder& operator=(const XnnBuilder&) = delete;

  bool ok() const { return subgraph_ != nullptr; }
  xnn_subgraph_t subgraph() const { return subgraph_; }
  // Hands the subgraph over (the caller deletes it).
  xnn_subgraph_t Release();

  const DelegateGraphView& graph() const { return graph_; }
  const RtTensor& tensor(int t) const { return graph_.tensors[t]; }
  const fb::Operator* op(int node) const;

  // The value id of tensor t, defined on first use; XNN_INVALID_VALUE_ID when
  // XNNPACK has no datatype for it. For kFilter/kBias, `filter` and `input`
  // name the tensors whose scales make the bias scales.
  uint32_t Value(int t, XnnRole role = XnnRole::kData, int input = -1,
                 int filter = -1);
  // A value of tensor t's type and quantization with other dimensions (an
  // internal value when t is not external; used around reshapes).
  uint32_t ValueWithDims(int t, const std::vector<size_t>& dims, bool internal);

  // Scale arrays XNNPACK keeps pointers to; they must outlive the runtime.
  std::vector<std::unique_ptr<std::vector<float>>> TakeOwnedScales() {
    return std::move(owned_scales_);
  }

 private:
  uint32_t Define(int t, XnnRole role, int input, int filter,
                  const std::vector<size_t>& dims, uint32_t external_id,
                  bool with_data);

  DelegateGraphView graph_;
  xnn_subgraph_t subgraph_ = nullptr;
  std::unordered_map<int, uint32_t> external_ids_;
  std::unordered_map<int, uint32_t> values_;
  std::unordered_map<int, uint32_t> flags_;
  std::vector<std::unique_ptr<std::vector<float>>> owned_scales_;
};

// Adds node `node` of the graph to the builder's subgraph. An error says why
// XNNPACK cannot take it (the subgraph is unchanged but for unused values).
Status DefineXnnNode(XnnBuilder& b, int node);

// Makes sure xnn_initialize ran once; an error when this CPU cannot run it.
Status InitializeXnnpack();

}  // namespace litert
