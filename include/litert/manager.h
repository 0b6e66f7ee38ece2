// The high-level API: load a model, run it on named tensors, unload.
//
//   litert::Manager manager;
//   if (auto s = manager.LoadModel("model.tflite", {.num_threads = 2});
//   !s.ok()) ... auto result = manager.Generate({{"input",
//   litert::Tensor::View(...)}}); const litert::Tensor& out =
//   result->at("output"); manager.Unload();
//
// Names: the inputs of the model's default signature ("serving_default", else
// the first signature), or the graph's input tensor names where the model has
// no signature. A model with one input also accepts the key "input". The result
// holds every output by name, and "output" for the first one. Result tensors
// are owned copies: later calls never change them.
//
// Threads: every call may come from any thread; calls on one Manager take
// turns (Unload waits for a running Generate). interpreter() is the exception:
// its pointer is only good while no other thread loads or unloads.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "litert/interpreter.h"
#include "litert/status.h"
#include "litert/tensor.h"

namespace litert {

struct Options {
  // XNNPACK runs what it supports (see InterpreterOptions); as in Python.
  bool use_xnnpack = true;
  bool use_gpu = false;  // not available yet: true is an error
  int num_threads = 1;
  // Bounds on memory, rank, operators, nesting and loops (see
  // InterpreterLimits).
  InterpreterLimits limits;
};

class Manager {
 public:
  Manager();
  ~Manager();
  Manager(Manager&&) noexcept;
  Manager& operator=(Manager&&) noexcept;

  // Loads, verifies and prepares a model; replaces any model loaded before.
  Status LoadModel(const std::string& path, const Options& options = {});
  // Runs the default signature (or `signature`, by key) on `inputs`.
  Result<std::map<std::string, Tensor>> Generate(
      const std::map<std::string, Tensor>& inputs,
      const std::string& signature = "");
  void Unload();
  bool loaded() const;

  // What Generate expects and returns (for `signature`, default when empty).
  Result<std::vector<TensorInfo>> InputDetails(
      const std::string& signature = "") const;
  Result<std::vector<TensorInfo>> OutputDetails(
      const std::string& signature = "") const;
  // The interpreter underneath (nullptr when nothing is loaded).
  Interpreter* interpreter();

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::unique_ptr<std::mutex> mu_;  // guards state_
};

}  // namespace litert
