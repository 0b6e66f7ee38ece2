// Runs one op on hand-made tensors, through the registry, outside any model.
//
//   OpTester t;
//   int x = t.AddInput<float>(DType::kFloat32, {1, 2}, {1.f, -2.f});
//   int y = t.AddOutput(DType::kFloat32);
//   ASSERT_TRUE(t.Run(fb::BuiltinOperator::RELU).ok());
//   EXPECT_EQ(t.Output<float>(y), (std::vector<float>{1.f, 0.f}));
//
// Options: t.SetOptions(fb::BuiltinOptions::Conv2DOptions,
//                       fb::CreateConv2DOptions(t.fbb(), ...).Union());
#pragma once

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "flatbuffers/flatbuffers.h"
#include "ops/op.h"
#include "ops/registry.h"
#include "schema/tflite_generated.h"

namespace litert::testing {

class OpTester {
 public:
  flatbuffers::FlatBufferBuilder& fbb() { return fbb_; }

  template <typename T>
  int AddInput(DType type, Shape shape, const std::vector<T>& values,
               QuantParams q = {}, bool constant = false) {
    const int index = AddTensor(type, std::move(shape), std::move(q));
    auto& buf = storage_[index];
    buf.resize(values.size() * sizeof(T) + 64);
    if (!values.empty()) {  // an empty vector's data() may be null
      std::memcpy(Aligned(buf), values.data(), values.size() * sizeof(T));
    }
    tensors_[index].storage =
        constant ? Storage::kConstant : Storage::kPersistent;
    inputs_.push_back(index);
    return index;
  }
  template <typename T>
  int AddConstInput(DType type, Shape shape, const std::vector<T>& values,
                    QuantParams q = {}) {
    return AddInput<T>(type, std::move(shape), values, std::move(q),
                       /*constant=*/true);
  }
  // An optional input that the model leaves out (index -1).
  void AddOmittedInput() { inputs_.push_back(-1); }
  int AddOutput(DType type, QuantParams q = {}) {
    const int index = AddTensor(type, {}, std::move(q));
    outputs_.push_back(index);
    return index;
  }

  void SetOptions(fb::BuiltinOptions type, flatbuffers::Offset<void> options) {
    options_type_ = type;
    options_ = options;
  }
  void SetVersion(int version) { version_ = version; }

  // Init (factory), Prepare, allocation of outputs and scratch, Eval.
  Status Run(fb::BuiltinOperator code);

  const RtTensor& tensor(int index) const { return tensors_[index]; }
  const Shape& OutputShape(int index) const { return tensors_[index].shape; }
  template <typename T>
  std::vector<T> Output(int index) const {
    const RtTensor& t = tensors_[index];
    const T* p = reinterpret_cast<const T*>(t.data);
    return std::vector<T>(p, p + t.num_elements());
  }

 private:
  int AddTensor(DType type, Shape shape, QuantParams q) {
    RtTensor t;
    t.name = "t" + std::to_string(tensors_.size());
    t.type = type;
    t.shape = std::move(shape);
    t.quant = std::move(q);
    tensors_.push_back(std::move(t));
    storage_.emplace_back();
    return static_cast<int>(tensors_.size()) - 1;
  }
  static uint8_t* Aligned(std::vector<uint8_t>& buf) {
    auto p = reinterpret_cast<uintptr_t>(buf.data());
    return reinterpret_cast<uint8_t*>((p + 63) & ~uintptr_t{63});
  }

  flatbuffers::FlatBufferBuilder fbb_;
  fb::BuiltinOptions options_type_ = fb::BuiltinOptions::NONE;
  flatbuffers::Offset<void> options_;
  int version_ = 1;
  std::vector<RtTensor> tensors_;
  std::vector<std::vector<uint8_t>> storage_;
  std::vector<int> inputs_, outputs_;
  std::vector<std::vector<uint8_t>> scratch_;
  std::unique_ptr<Op> op_;
};

}  // namespace litert::testing
