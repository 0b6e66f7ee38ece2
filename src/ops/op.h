// The interface every op implements, and the context a node sees while it runs.
//
// Lifecycle (DESIGN.md rule 3):
//   factory(OpInitContext)  parse options once; no tensor data is available yet
//   Prepare(OpContext&)     check types, compute and set output shapes, ask for
//   scratch,
//                           precompute what depends only on shapes and
//                           constants
//   Eval(OpContext&)        compute; never allocates
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/runtime_tensor.h"
#include "litert/status.h"

namespace litert {
class SubgraphCaller;
class ResourceStore;
class ThreadPool;
namespace fb {
struct Operator;
struct Model;
}  // namespace fb

// What a factory sees: the operator as stored in the file.
struct OpInitContext {
  const fb::Operator* op =
      nullptr;  // options live here (op->builtin_options_as_X())
  const fb::Model* model = nullptr;
  int version = 1;
  std::string op_name;  // "CONV_2D", or the custom op's name
  int subgraph =
      0;  // the subgraph holding the operator (to find its tensors in `model`)
};

// A node's view of its tensors during Prepare and Eval.
class OpContext {
 public:
  // `where` names the node in errors; the caller keeps it alive (a node's
  // own string: no copy per node and run).
  OpContext(RtTensor* tensors, const std::vector<int>& inputs,
            const std::vector<int>& outputs, const std::string& where)
      : tensors_(tensors), inputs_(inputs), outputs_(outputs), where_(&where) {}
  // Tests' contexts: a literal, copied.
  OpContext(RtTensor* tensors, const std::vector<int>& inputs,
            const std::vector<int>& outputs, const char* where)
      : tensors_(tensors),
        inputs_(inputs),
        outputs_(outputs),
        owned_where_(where),
        where_(&owned_where_) {}
  OpContext(const OpContext&) = delete;
  OpContext& operator=(const OpContext&) = delete;
  virtual ~OpContext() = default;

  int num_inputs() const { return static_cast<int>(inputs_.size()); }
  int num_outputs() const { return static_cast<int>(outputs_.size()); }
  // False for an optional input left out (index -1 in the file) or beyond the
  // list.
  bool has_input(int i) const { return i < num_inputs() && inputs_[i] >= 0; }
  RtTensor& input(int i) { return tensors_[inputs_[i]]; }
  RtTensor& output(int i) { return tensors_[outputs_[i]]; }
  int input_index(int i) const { return inputs_[i]; }
  int output_index(int i) const { return outputs_[i]; }

  // Prepare: sets output i's shape (the planner sizes it afterwards).
  void SetOutputShape(int i, Shape shape) {
    output(i).shape = std::move(shape);
  }
  // Prepare: asks for `bytes` of scratch alive only while this node runs.
  // Returns a handle.
  virtual int RequestScratch(size_t bytes) = 0;
  // Eval: the scratch memory behind a handle (64-byte aligned).
  virtual void* scratch(int handle) = 0;
  // Prepare: output `out` may share input `in`'s bytes (same byte size, no data
  // change).
  virtual void AliasOutputToInput(int out, int in) = 0;

  // True when input i's values can be read now: always in Eval; in Prepare only
  // for constants, or when the graph prepares this node at run time (see
  // DeferToRunTime).
  virtual bool InputDataKnown(int i) {
    return has_input(i) && input(i).is_constant();
  }
  // Prepare: the output shapes depend on input values that are not known yet
  // (for example RESHAPE with a computed shape). The graph then calls Prepare
  // again at run time, right before each Eval, with every input's data known,
  // and gives the outputs memory of their own. Return Ok after calling it.
  virtual void DeferToRunTime() {}

  // The model's other subgraphs (control flow) and its resource variables;
  // never null inside an interpreter, may be null in single-op tests.
  // Memory of `bytes` bytes for output i, for outputs whose size only Eval
  // knows (string tensors); the graph runs such nodes at run time. Null when
  // it cannot be had (out of memory, or a context without run-time outputs).
  virtual uint8_t* ResizeOutputBytes(int i, size_t bytes) { return nullptr; }
  virtual SubgraphCaller* subgraphs() { return nullptr; }
  // The interpreter's thread pool for kernels that split their work; null in
  // single-op tests (run on the caller's thread then).
  virtual ThreadPool* thread_pool() { return nullptr; }
  virtual ResourceStore* resources() { return nullptr; }

  // An error that names the node: "subgraph 0, operator 12 (CONV_2D):
  // <message>".
  Status Error(const std::string& message) const {
    return Status::Error(*where_ + ": " + message);
  }
  const std::string& where() const { return *where_; }

 protected:
  RtTensor* tensors_;
  const std::vector<int>& inputs_;
  const std::vector<int>& outputs_;
  std::string owned_where_;
  const std::string* where_;
};

class Op {
 public:
  virtual ~Op() = default;
  virtual Status Prepare(OpContext& ctx) = 0;
  // After Prepare and delegation, for nodes litert's kernels will run: the
  // place for work a delegated node should not pay for (packing weights).
  virtual Status Finalize(OpContext& ctx) { return Status::Ok(); }
  virtual Status Eval(OpContext& ctx) = 0;
};

using OpFactory = Result<std::unique_ptr<Op>> (*)(const OpInitContext&);

// Checks that are the same for every op.
#define LITERT_CHECK_OP(ctx, cond, msg)   \
  do {                                    \
    if (!(cond)) return (ctx).Error(msg); \
  } while (0)

}  // namespace litert
