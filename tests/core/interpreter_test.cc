// The interpreter and the Manager on models built by the model writer, and on
// corpus models.
#include "litert/interpreter.h"

#include <gtest/gtest.h>

#include <set>

#include "core/interpreter_impl.h"
#include "corpus.h"
#include "litert/manager.h"
#include "model/model_writer.h"

namespace litert {
namespace {

std::shared_ptr<const Model> FromWriter(ModelWriter& w) {
  const auto bytes = w.Finish();
  auto m = Model::FromBufferCopy(bytes.data(), bytes.size(), "writer.tflite");
  EXPECT_TRUE(m.ok()) << m.status().message();
  return m.value();
}

// x [2,3] -> RESHAPE [3,2] -> RELU -> y. x is a graph input, so the reshape
// output r aliases its bytes and RELU reads them in place.
std::shared_ptr<const Model> ReshapeReluModel(bool dynamic_batch = false) {
  ModelWriter w;
  int x = w.AddTensor("x", DType::kFloat32, {2, 3}, {},
                      dynamic_batch ? Shape{-1, 3} : Shape{});
  int shape = w.AddConstant<int32_t>("shape", DType::kInt32, {2}, {-1, 2});
  int r = w.AddTensor("r", DType::kFloat32, {3, 2});
  int y = w.AddTensor("y", DType::kFloat32, {3, 2});
  w.AddOperator(fb::BuiltinOperator::RESHAPE, {x, shape}, {r});
  w.AddOperator(fb::BuiltinOperator::RELU, {r}, {y});
  w.SetInputs({x});
  w.SetOutputs({y});
  w.AddSignature("serving_default", {{"in", x}}, {{"out", y}});
  return FromWriter(w);
}

TEST(Interpreter, RunsAndReshapeAliasesItsInput) {
  auto interp = Interpreter::Create(ReshapeReluModel());
  ASSERT_TRUE(interp.ok()) << interp.status().message();
  Interpreter& it = *interp.value();
  ASSERT_TRUE(it.AllocateTensors().ok());
  std::vector<float> in = {-1, 2, -3, 4, -5, 6};
  ASSERT_TRUE(
      it.SetInput(0, 0, Tensor::View(DType::kFloat32, {2, 3}, in.data())).ok());
  ASSERT_TRUE(it.Invoke().ok());
  auto out = it.Output(0, 0);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->shape(), (Shape{3, 2}));
  const float* y = out->data_as<float>();
  EXPECT_EQ(std::vector<float>(y, y + 6),
            (std::vector<float>{0, 2, 0, 4, 0, 6}));
  // r shares the graph input's bytes.
  auto& g = *it.impl()->graphs[0];
  EXPECT_EQ(g.tensors()[2].storage, Storage::kAlias);
  EXPECT_EQ(g.tensors()[2].data, g.tensors()[0].data);
}

TEST(Interpreter, ResizeInputReplans) {
  auto interp = Interpreter::Create(ReshapeReluModel(/*dynamic_batch=*/true));
  ASSERT_TRUE(interp.ok());
  Interpreter& it = *interp.value();
  ASSERT_TRUE(it.ResizeInput(0, 0, {4, 3}).ok());
  ASSERT_TRUE(it.AllocateTensors().ok());
  EXPECT_EQ(it.Outputs(0)[0].shape, (Shape{6, 2}));
  // The fixed dimension cannot change; rank cannot change.
  EXPECT_FALSE(it.ResizeInput(0, 0, {4, 4}).ok());
  EXPECT_FALSE(it.ResizeInput(0, 0, {12}).ok());
  EXPECT_FALSE(it.ResizeInput(0, 0, {-2, 3}).ok());
}

TEST(Interpreter, SignaturesAreListed) {
  auto interp = Interpreter::Create(ReshapeReluModel());
  ASSERT_TRUE(interp.ok());
  const auto& sigs = interp.value()->signatures();
  ASSERT_EQ(sigs.size(), 1u);
  EXPECT_EQ(sigs[0].key, "serving_default");
  EXPECT_EQ(sigs[0].input_names, (std::vector<std::string>{"in"}));
  EXPECT_EQ(sigs[0].output_names, (std::vector<std::string>{"out"}));
  EXPECT_NE(interp.value()->FindSignature("serving_default"), nullptr);
  EXPECT_EQ(interp.value()->FindSignature("nope"), nullptr);
}

TEST(Interpreter, UnsupportedOpsAreNamed) {
  ModelWriter w;
  int x = w.AddTensor("x", DType::kFloat32, {1});
  int y = w.AddTensor("y", DType::kFloat32, {1});
  int z = w.AddTensor("z", DType::kFloat32, {1});
  w.AddCustomOperator("VendorMagic", {x}, {y});
  w.AddCustomOperator("VendorMagic", {y}, {z});
  w.SetInputs({x});
  w.SetOutputs({z});
  auto interp = Interpreter::Create(FromWriter(w));
  ASSERT_FALSE(interp.ok());
  EXPECT_NE(interp.status().message().find(
                "unsupported custom op VendorMagic, 2 nodes"),
            std::string::npos)
      << interp.status().message();
}

TEST(Interpreter, VendorOpsSayWhatTheyNeed) {
  ModelWriter w;
  int x = w.AddTensor("x", DType::kFloat32, {1});
  int y = w.AddTensor("y", DType::kFloat32, {1});
  w.AddCustomOperator("edgetpu-custom-op", {x}, {y});
  w.SetInputs({x});
  w.SetOutputs({y});
  auto interp = Interpreter::Create(FromWriter(w));
  ASSERT_FALSE(interp.ok());
  EXPECT_NE(interp.status().message().find(
                "unsupported custom op edgetpu-custom-op (needs a Coral Edge "
                "TPU"),
            std::string::npos)
      << interp.status().message();
}

TEST(Interpreter, XnnpackRunsReshapeReluAsOnePartition) {
  InterpreterOptions o;
  o.use_xnnpack = true;
  o.min_delegated_elements = 0;  // six elements: delegated only when asked
  auto interp = Interpreter::Create(ReshapeReluModel(), o);
  ASSERT_TRUE(interp.ok()) << interp.status().message();
  Interpreter& it = *interp.value();
  ASSERT_TRUE(it.AllocateTensors().ok());
  for (const NodeInfo& n : it.Nodes(0)) {
    EXPECT_EQ(n.backend, "XNNPACK") << n.op_name;
    EXPECT_EQ(n.partition, 0);
  }
  std::vector<float> in = {-1, 2, -3, 4, -5, 6};
  ASSERT_TRUE(
      it.SetInput(0, 0, Tensor::View(DType::kFloat32, {2, 3}, in.data())).ok());
  ASSERT_TRUE(it.Invoke().ok());
  auto out = it.Output(0, 0);
  ASSERT_TRUE(out.ok());
  const float* y = out->data_as<float>();
  EXPECT_EQ(std::vector<float>(y, y + 6),
            (std::vector<float>{0, 2, 0, 4, 0, 6}));
  // The reshaped tensor lives inside XNNPACK: no memory of the graph.
  auto& g = *it.impl()->graphs[0];
  EXPECT_EQ(g.tensors()[2].storage, Storage::kUnallocated);
}

TEST(Interpreter, GpuIsAClearErrorForNow) {
  InterpreterOptions o;
  o.use_gpu = true;
  auto b = Interpreter::Create(ReshapeReluModel(), o);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("GPU"), std::string::npos);
}

TEST(Interpreter, SetInputChecksDtypeAndShape) {
  auto interp = Interpreter::Create(ReshapeReluModel());
  ASSERT_TRUE(interp.ok());
  Interpreter& it = *interp.value();
  std::vector<int32_t> ints(6);
  Status s =
      it.SetInput(0, 0, Tensor::View(DType::kInt32, {2, 3}, ints.data()));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("expects float32"), std::string::npos)
      << s.message();
  std::vector<float> f(4);
  s = it.SetInput(0, 0, Tensor::View(DType::kFloat32, {2, 2}, f.data()));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("expects shape [2, 3]"), std::string::npos)
      << s.message();
  EXPECT_FALSE(
      it.SetInput(0, 3, Tensor::View(DType::kFloat32, {2, 3}, f.data())).ok());
  EXPECT_FALSE(it.Invoke(5).ok());
}

// Every pair of arena tensors alive at the same step occupies disjoint bytes.
void ExpectNoLiveOverlap(const Graph& g) {
  const auto& e = g.arena_entries();
  for (size_t i = 0; i < e.size(); ++i) {
    for (size_t j = i + 1; j < e.size(); ++j) {
      if (e[i].bytes == 0 || e[j].bytes == 0) continue;
      if (e[i].first > e[j].last || e[j].first > e[i].last) continue;
      const bool disjoint = e[i].offset + e[i].bytes <= e[j].offset ||
                            e[j].offset + e[j].bytes <= e[i].offset;
      ASSERT_TRUE(disjoint)
          << "tensors " << e[i].tensor << " and " << e[j].tensor;
    }
  }
}

TEST(Interpreter, FaceDetectionArenaIsSmallerThanItsActivations) {
  const std::string path =
      testing::CorpusModel("mediapipe-npm/face_detection_short_range.tflite");
  if (path.empty()) GTEST_SKIP() << "corpus not found (set LITERT_CORPUS)";
  auto model = Model::Load(path);
  ASSERT_TRUE(model.ok()) << model.status().message();
  auto interp = Interpreter::Create(model.value());
  ASSERT_TRUE(interp.ok()) << interp.status().message();
  ASSERT_TRUE(interp.value()->AllocateTensors().ok());
  const size_t arena = interp.value()->arena_bytes();
  const size_t sum = interp.value()->activation_bytes();
  EXPECT_GT(arena, 0u);
  EXPECT_LT(arena, sum) << "arena " << arena << " vs activations " << sum;
  ExpectNoLiveOverlap(*interp.value()->impl()->graphs[0]);
}

TEST(Manager, GenerateWithNamesAndInputKey) {
  ModelWriter w;
  int x = w.AddTensor("x", DType::kFloat32, {1, 3});
  int y = w.AddTensor("y", DType::kFloat32, {1, 3});
  w.AddOperator(fb::BuiltinOperator::RELU, {x}, {y});
  w.SetInputs({x});
  w.SetOutputs({y});
  const auto bytes = w.Finish();
  const std::string path = ::testing::TempDir() + "/manager_relu.tflite";
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);

  Manager m;
  EXPECT_FALSE(m.Generate({}).ok());  // before LoadModel
  ASSERT_TRUE(m.LoadModel(path).ok());
  std::vector<float> in = {-1.f, 0.5f, 2.f};
  auto r =
      m.Generate({{"input", Tensor::View(DType::kFloat32, {1, 3}, in.data())}});
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_TRUE(r->count("y"));
  ASSERT_TRUE(r->count("output"));
  const float* out = r->at("output").data_as<float>();
  EXPECT_EQ(std::vector<float>(out, out + 3),
            (std::vector<float>{0.f, 0.5f, 2.f}));
  EXPECT_TRUE(r->at("y").owns_data());

  // By tensor name too; a second call leaves the first result alone.
  std::vector<float> in2 = {5.f, -5.f, 1.f};
  auto r2 =
      m.Generate({{"x", Tensor::View(DType::kFloat32, {1, 3}, in2.data())}});
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r->at("y").data_as<float>()[0], 0.f);
  EXPECT_EQ(r2->at("y").data_as<float>()[0], 5.f);

  auto bad_key =
      m.Generate({{"nope", Tensor::View(DType::kFloat32, {1, 3}, in.data())}});
  ASSERT_FALSE(bad_key.ok());
  EXPECT_NE(bad_key.status().message().find("'x' (float32 [1, 3])"),
            std::string::npos)
      << bad_key.status().message();
  std::vector<int8_t> q(3);
  auto bad_type =
      m.Generate({{"x", Tensor::View(DType::kInt8, {1, 3}, q.data())}});
  ASSERT_FALSE(bad_type.ok());
  EXPECT_NE(
      bad_type.status().message().find("must be float32 [1, 3], got int8"),
      std::string::npos)
      << bad_type.status().message();
  auto bad_shape =
      m.Generate({{"x", Tensor::View(DType::kFloat32, {3}, in.data())}});
  ASSERT_FALSE(bad_shape.ok());
  EXPECT_NE(bad_shape.status().message().find("got shape [3]"),
            std::string::npos)
      << bad_shape.status().message();
  auto missing = m.Generate({});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("missing input 'x'"),
            std::string::npos);

  m.Unload();
  auto after =
      m.Generate({{"x", Tensor::View(DType::kFloat32, {1, 3}, in.data())}});
  ASSERT_FALSE(after.ok());
  EXPECT_NE(after.status().message().find("no model is loaded"),
            std::string::npos);
}

TEST(Manager, LoadModelReportsBadPath) {
  Manager m;
  Status s = m.LoadModel("/does/not/exist.tflite");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/does/not/exist.tflite"), std::string::npos);
  EXPECT_FALSE(m.loaded());
}

}  // namespace
}  // namespace litert

namespace litert {
namespace {

// w = DEQUANTIZE(float16 constant) runs once, at AllocateTensors: its values
// are there before any Invoke, and y = x + w stays right over invocations.
TEST(Interpreter, DequantizeOfAConstantIsFoldedAtPrepare) {
  ModelWriter w;
  const std::vector<uint16_t> half = {0x3C00, 0xC000, 0x3800};  // 1, -2, 0.5
  const int wh = w.AddConstant("w_f16", DType::kFloat16, {3}, half.data(),
                               half.size() * 2);
  const int wf = w.AddTensor("w", DType::kFloat32, {3});
  const int x = w.AddTensor("x", DType::kFloat32, {3});
  const int y = w.AddTensor("y", DType::kFloat32, {3});
  w.AddOperator(fb::BuiltinOperator::DEQUANTIZE, {wh}, {wf});
  w.AddOperator(fb::BuiltinOperator::ADD, {x, wf}, {y});
  w.SetInputs({x});
  w.SetOutputs({y});
  auto interp = Interpreter::Create(FromWriter(w));
  ASSERT_TRUE(interp.ok()) << interp.status().message();
  Interpreter& it = *interp.value();
  ASSERT_TRUE(it.AllocateTensors().ok());
  auto folded = it.TensorData(0, wf);
  ASSERT_TRUE(folded.ok());
  EXPECT_EQ(std::vector<float>(folded->data_as<float>(),
                               folded->data_as<float>() + 3),
            (std::vector<float>{1.f, -2.f, 0.5f}));
  for (float base : {10.f, -3.f}) {
    std::vector<float> xs = {base, base, base};
    ASSERT_TRUE(
        it.SetInput(0, 0, Tensor::View(DType::kFloat32, {3}, xs.data())).ok());
    ASSERT_TRUE(it.Invoke().ok());
    auto out = it.Output(0, 0);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(
        std::vector<float>(out->data_as<float>(), out->data_as<float>() + 3),
        (std::vector<float>{base + 1.f, base - 2.f, base + 0.5f}));
  }
}

}  // namespace
}  // namespace litert

namespace litert {
namespace {

TEST(Interpreter, InvokeBeforeAllocateTensorsPreparesFirst) {
  auto interp = Interpreter::Create(ReshapeReluModel());
  ASSERT_TRUE(interp.ok());
  Interpreter& in = **interp;
  EXPECT_FALSE(in.Output(0, 0).ok());  // nothing to read before preparing
  ASSERT_TRUE(in.Invoke().ok());
  Tensor x = Tensor::Owned(DType::kFloat32, {2, 3});
  for (int i = 0; i < 6; ++i) x.data_as<float>()[i] = i - 2.5f;
  ASSERT_TRUE(in.SetInput(0, 0, x).ok());
  ASSERT_TRUE(in.Invoke().ok());
  auto y = in.Output(0, 0);
  ASSERT_TRUE(y.ok());
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(y->data_as<float>()[i], std::max(0.f, i - 2.5f)) << i;
  }
}

}  // namespace
}  // namespace litert
