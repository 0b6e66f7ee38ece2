// Load/unload cycles and repeated invokes hold resident memory steady: after a
// warm-up, 1,000 more cycles may not grow the process by more than a little
// (allocator slack), where a leak of one model's arena per cycle would add
// hundreds of megabytes. Under `make sanitize` LeakSanitizer checks the same
// cycles for any leaked block.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "litert/interpreter.h"
#include "litert/manager.h"
#include "litert/model.h"
#include "model/model_writer.h"

namespace litert {
namespace {

int64_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  int64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

// x [1, 256] -> FULLY_CONNECTED (256 x 256 weights) -> RELU -> y: an arena,
// packed weights under XNNPACK, a thread pool.
std::vector<uint8_t> DenseModel() {
  ModelWriter w;
  int x = w.AddTensor("x", DType::kFloat32, {1, 256});
  std::vector<float> weights(256 * 256);
  for (size_t i = 0; i < weights.size(); ++i) weights[i] = (i % 7) * 0.01f;
  int k = w.AddConstant<float>("weights", DType::kFloat32, {256, 256}, weights);
  int h = w.AddTensor("h", DType::kFloat32, {1, 256});
  int y = w.AddTensor("y", DType::kFloat32, {1, 256});
  w.AddOperator(fb::BuiltinOperator::FULLY_CONNECTED, {x, k, -1}, {h});
  w.AddOperator(fb::BuiltinOperator::RELU, {h}, {y});
  w.SetInputs({x});
  w.SetOutputs({y});
  return w.Finish();
}

std::string WriteTemp(const std::vector<uint8_t>& bytes) {
  char path[] = "/tmp/litert_cycles_XXXXXX";
  const int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  FILE* f = fdopen(fd, "wb");
  fwrite(bytes.data(), 1, bytes.size(), f);
  fclose(f);
  return path;
}

// AddressSanitizer keeps freed blocks in a quarantine (256 MB) and so grows
// the resident set by design; there the cycles still run and LeakSanitizer
// checks them at exit, but the resident set says nothing.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kResidentSetMeaningful = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kResidentSetMeaningful = false;
#else
constexpr bool kResidentSetMeaningful = true;
#endif
#else
constexpr bool kResidentSetMeaningful = true;
#endif

constexpr int kWarmup = 50;
constexpr int kCycles = 1000;
constexpr int64_t kSlack = 4 << 20;  // allocator and page-cache noise

void ExpectFlat(const char* what, const std::function<void()>& cycle) {
  for (int i = 0; i < kWarmup; ++i) cycle();
  const int64_t before = ResidentBytes();
  for (int i = 0; i < kCycles; ++i) cycle();
  const int64_t after = ResidentBytes();
  if (!kResidentSetMeaningful) return;
  EXPECT_LT(after - before, kSlack)
      << what << ": resident memory grew from " << before << " to " << after
      << " bytes over " << kCycles << " cycles";
}

TEST(MemoryCycles, ManagerLoadGenerateUnloadIsFlat) {
  const std::string path = WriteTemp(DenseModel());
  for (bool xnnpack : {false, true}) {
    ExpectFlat(xnnpack ? "manager, XNNPACK" : "manager", [&] {
      Manager m;
      Options o;
      o.use_xnnpack = xnnpack;
      o.num_threads = 2;
      ASSERT_TRUE(m.LoadModel(path, o).ok());
      Tensor x = Tensor::Owned(DType::kFloat32, {1, 256});
      for (int i = 0; i < 256; ++i) x.data_as<float>()[i] = 0.5f;
      auto r = m.Generate({{"x", x}});
      ASSERT_TRUE(r.ok()) << r.status().message();
      m.Unload();
    });
  }
  std::remove(path.c_str());
}

TEST(MemoryCycles, RepeatedInvokesAreFlat) {
  const auto bytes = DenseModel();
  auto model = Model::FromBufferCopy(bytes.data(), bytes.size());
  ASSERT_TRUE(model.ok());
  auto in = Interpreter::Create(*model);
  ASSERT_TRUE(in.ok());
  Interpreter& interp = **in;
  ASSERT_TRUE(interp.AllocateTensors().ok());
  Tensor x = Tensor::Owned(DType::kFloat32, {1, 256});
  ExpectFlat("invoke", [&] {
    ASSERT_TRUE(interp.SetInput(0, 0, x).ok());
    ASSERT_TRUE(interp.Invoke().ok());
  });
}

TEST(MemoryCycles, FailedLoadsAreFlat) {
  auto bytes = DenseModel();
  bytes.resize(bytes.size() / 2);
  ExpectFlat("failed load", [&] {
    auto m = Model::FromBufferCopy(bytes.data(), bytes.size());
    ASSERT_FALSE(m.ok());
  });
}

}  // namespace
}  // namespace litert
