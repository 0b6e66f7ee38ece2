// The XNNPACK delegate through the interpreter, on corpus models: which nodes
// it takes, that its outputs agree with litert's own kernels, that tensors
// inside a partition get no arena memory, that the profile names the
// partition, and that two threads keep the answers.
// (Per-op agreement with the oracle, with XNNPACK on and off, is in
// tests/python/test_differential.py; whole models in test_conformance.py.)
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "corpus.h"
#include "litert/interpreter.h"
#include "litert/model.h"

namespace litert {
namespace {

constexpr char kPersonDetect[] =
    "tflite-micro/tensorflow/lite/micro/models/person_detect.tflite";
constexpr char kHandRecrop[] = "mediapipe-npm/hand_recrop.tflite";

struct Ran {
  std::unique_ptr<Interpreter> interp;
  std::vector<uint8_t> output;  // output 0's bytes
};

// Runs `path` once on a fixed pseudo-random input (every input byte from one
// LCG, floats in [-1, 1)).
Ran RunModel(const std::string& path, bool xnnpack, int threads = 1) {
  Ran r;
  auto model = Model::Load(path);
  EXPECT_TRUE(model.ok()) << model.status().message();
  if (!model.ok()) return r;
  InterpreterOptions opts;
  opts.use_xnnpack = xnnpack;
  opts.num_threads = threads;
  opts.min_delegated_elements = 0;  // the partition mechanics, even tiny ones
  auto created = Interpreter::Create(*model, opts);
  EXPECT_TRUE(created.ok()) << created.status().message();
  if (!created.ok()) return r;
  r.interp = std::move(created).value();
  Status s = r.interp->AllocateTensors();
  EXPECT_TRUE(s.ok()) << s.message();
  uint32_t state = 12345;
  for (size_t i = 0; i < r.interp->Inputs(0).size(); ++i) {
    const TensorInfo info = r.interp->Inputs(0)[i];
    Tensor in = Tensor::Owned(info.dtype, info.shape);
    auto* bytes = in.data_as<uint8_t>();
    for (size_t b = 0; b < in.bytes(); ++b) {
      state = state * 1664525u + 1013904223u;
      bytes[b] = static_cast<uint8_t>(state >> 24);
    }
    if (info.dtype == DType::kFloat32) {
      float* f = in.data_as<float>();
      for (int64_t e = 0; e < in.num_elements(); ++e) {
        state = state * 1664525u + 1013904223u;
        f[e] = static_cast<float>(state >> 8) / (1 << 23) - 1.0f;
      }
    }
    s = r.interp->SetInput(0, static_cast<int>(i), in);
    EXPECT_TRUE(s.ok()) << s.message();
  }
  s = r.interp->Invoke();
  EXPECT_TRUE(s.ok()) << s.message();
  auto out = r.interp->Output(0, 0);
  EXPECT_TRUE(out.ok());
  if (out.ok()) {
    const auto* p = out->data_as<uint8_t>();
    r.output.assign(p, p + out->bytes());
  }
  return r;
}

TEST(XnnpackDelegateTest, PersonDetectPartitionAndOutputs) {
  const std::string path = testing::CorpusModel(kPersonDetect);
  if (path.empty()) GTEST_SKIP() << "corpus absent";
  Ran on = RunModel(path, true);
  Ran off = RunModel(path, false);
  ASSERT_TRUE(on.interp && off.interp);
  // int8 CONV_2D and DEPTHWISE_CONV_2D go to XNNPACK; this XNNPACK has no
  // int8 AVERAGE_POOL_2D or SOFTMAX, which stay on litert's kernels.
  int delegated = 0;
  for (const NodeInfo& n : on.interp->Nodes(0)) {
    if (n.op_name == "CONV_2D" || n.op_name == "DEPTHWISE_CONV_2D") {
      EXPECT_EQ(n.backend, "XNNPACK") << n.op_name;
      EXPECT_GE(n.partition, 0);
      ++delegated;
    }
    if (n.op_name == "AVERAGE_POOL_2D" || n.op_name == "SOFTMAX") {
      EXPECT_EQ(n.backend, "litert") << n.op_name;
    }
  }
  EXPECT_EQ(delegated, 28);
  for (const NodeInfo& n : off.interp->Nodes(0)) EXPECT_EQ(n.backend, "litert");
  // XNNPACK requantizes in float, litert's kernels in fixed point: one
  // quantum apart per layer at most, and the two class scores agree closely.
  ASSERT_EQ(on.output.size(), off.output.size());
  for (size_t i = 0; i < on.output.size(); ++i) {
    EXPECT_NEAR(static_cast<int8_t>(on.output[i]),
                static_cast<int8_t>(off.output[i]), 3)
        << "score " << i;
  }
  // Activations inside the partitions live in XNNPACK, not in litert's arena.
  EXPECT_LT(on.interp->arena_bytes(), off.interp->arena_bytes());
}

TEST(XnnpackDelegateTest, ProfileNamesThePartition) {
  const std::string path = testing::CorpusModel(kPersonDetect);
  if (path.empty()) GTEST_SKIP() << "corpus absent";
  Ran on = RunModel(path, true);
  ASSERT_TRUE(on.interp);
  on.interp->EnableProfiling(true);
  ASSERT_TRUE(on.interp->Invoke().ok());
  int partitions = 0;
  for (const auto& p : on.interp->Profile()) {
    if (p.backend == "XNNPACK") {
      ++partitions;
      EXPECT_EQ(p.runs, 1);
      EXPECT_NE(p.op.find("XNNPACK partition ("), std::string::npos) << p.op;
    } else {
      EXPECT_EQ(p.backend, "litert");
    }
  }
  EXPECT_EQ(partitions, 2);
}

TEST(XnnpackDelegateTest, FloatModelMatchesLitertKernelsWithTwoThreads) {
  const std::string path = testing::CorpusModel(kHandRecrop);
  if (path.empty()) GTEST_SKIP() << "corpus absent";
  Ran off = RunModel(path, false);
  Ran on1 = RunModel(path, true, 1);
  Ran on2 = RunModel(path, true, 2);
  ASSERT_TRUE(off.interp && on1.interp && on2.interp);
  int delegated = 0;
  for (const NodeInfo& n : on2.interp->Nodes(0)) {
    delegated += n.backend == "XNNPACK";
  }
  EXPECT_GT(delegated, 0);
  ASSERT_EQ(off.output.size(), on2.output.size());
  const auto* a = reinterpret_cast<const float*>(off.output.data());
  const auto* b = reinterpret_cast<const float*>(on1.output.data());
  const auto* c = reinterpret_cast<const float*>(on2.output.data());
  for (size_t i = 0; i < off.output.size() / 4; ++i) {
    EXPECT_NEAR(a[i], b[i], 1e-4 * std::max(1.0f, std::abs(a[i])));
    EXPECT_NEAR(a[i], c[i], 1e-4 * std::max(1.0f, std::abs(a[i])));
  }
}

TEST(XnnpackDelegateTest, GpuIsRefusedClearly) {
  const std::string path = testing::CorpusModel(kPersonDetect);
  if (path.empty()) GTEST_SKIP() << "corpus absent";
  auto model = Model::Load(path);
  ASSERT_TRUE(model.ok());
  InterpreterOptions opts;
  opts.use_gpu = true;
  auto created = Interpreter::Create(*model, opts);
  ASSERT_FALSE(created.ok());
  EXPECT_NE(created.status().message().find("GPU delegate"), std::string::npos);
}

}  // namespace
}  // namespace litert

namespace litert {
namespace {

// A streaming model keeps its state in resource variables: before the first
// invocation their shapes are unknown (everything reading them waits for run
// time); once assigned, the graph prepares again with the shapes and XNNPACK
// takes the convolutions. Outputs agree with litert's kernels on every step.
TEST(XnnpackDelegateTest, StreamingModelPlansStaticallyAfterTheFirstStep) {
  const std::string path = testing::CorpusModel(
      "pymicro-wakeword/pymicro_wakeword/models/hey_mycroft.tflite");
  if (path.empty()) GTEST_SKIP() << "corpus absent";
  Ran on = RunModel(path, true);
  Ran off = RunModel(path, false);
  ASSERT_TRUE(on.interp && off.interp);
  auto delegated = [](Interpreter& it) {
    int n = 0;
    for (const NodeInfo& info : it.Nodes(0)) n += info.backend == "XNNPACK";
    return n;
  };
  EXPECT_EQ(delegated(*on.interp), 0);  // prepared before any assignment
  for (int step = 0; step < 5; ++step) {
    ASSERT_TRUE(on.interp->Invoke().ok());
    ASSERT_TRUE(off.interp->Invoke().ok());
    auto a = on.interp->Output(0, 0);
    auto b = off.interp->Output(0, 0);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_NEAR(a->data_as<uint8_t>()[0], b->data_as<uint8_t>()[0], 2)
        << "step " << step;
  }
  EXPECT_GT(delegated(*on.interp), 0);

  // With the default threshold the same model's partitions are too small to
  // gain: everything stays on litert, and info says why.
  auto model = Model::Load(path);
  ASSERT_TRUE(model.ok());
  InterpreterOptions opts;
  opts.use_xnnpack = true;
  auto interp = Interpreter::Create(*model, opts);
  ASSERT_TRUE(interp.ok());
  ASSERT_TRUE((*interp)->AllocateTensors().ok());
  ASSERT_TRUE((*interp)->Invoke().ok());
  ASSERT_TRUE((*interp)->Invoke().ok());
  EXPECT_EQ(delegated(**interp), 0);
  bool told = false;
  for (const NodeInfo& n : (*interp)->Nodes(0)) {
    told = told || n.delegate_note.find("too small") != std::string::npos;
  }
  EXPECT_TRUE(told);
}

}  // namespace
}  // namespace litert
