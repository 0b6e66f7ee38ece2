#include "fuzz_driver.h"

#include <cstring>
#include <memory>
#include <vector>

#include "litert/model.h"

namespace litert::fuzz {
namespace {

uint64_t Hash(const uint8_t* data, size_t size) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 1099511628211ull;
  return h;
}

uint64_t Next(uint64_t& state) {  // splitmix64
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// Half the inputs get small values (valid indices, sane floats), half raw
// random bytes (NaN, infinity, huge and negative indices).
Tensor FuzzTensor(const TensorInfo& info, uint64_t& state, bool raw) {
  if (info.dtype == DType::kString) {
    std::vector<std::string> words;
    const int64_t n = NumElements(info.shape);
    for (int64_t i = 0; i < n; ++i) {
      words.push_back(std::string(Next(state) % 8, 'a' + Next(state) % 26));
    }
    return Tensor::Strings(info.shape, words);
  }
  Tensor t = Tensor::Owned(info.dtype, info.shape);
  auto* bytes = static_cast<uint8_t*>(t.data());
  const size_t n = t.bytes();
  if (raw || info.dtype == DType::kInt8 || info.dtype == DType::kUInt8 ||
      info.dtype == DType::kInt4) {
    for (size_t i = 0; i < n; ++i) bytes[i] = static_cast<uint8_t>(Next(state));
    return t;
  }
  const int64_t count = t.num_elements();
  for (int64_t i = 0; i < count; ++i) {
    const uint64_t r = Next(state);
    switch (info.dtype) {
      case DType::kFloat32: {
        const float v = static_cast<float>(r % 2001) / 1000.0f - 1.0f;
        std::memcpy(bytes + 4 * i, &v, 4);
        break;
      }
      case DType::kInt32: {
        const int32_t v = static_cast<int32_t>(r % 4);
        std::memcpy(bytes + 4 * i, &v, 4);
        break;
      }
      case DType::kInt64: {
        const int64_t v = static_cast<int64_t>(r % 4);
        std::memcpy(bytes + 8 * i, &v, 8);
        break;
      }
      case DType::kBool:
        bytes[i] = r & 1;
        break;
      default: {  // other types: random bytes for this element
        const size_t es = DTypeSize(info.dtype);
        for (size_t b = 0; b < es; ++b) bytes[es * i + b] = Next(state);
      }
    }
  }
  return t;
}

// Every error is fine; only the text is kept. A crash, a sanitizer report or
// a hang is what the fuzzer looks for.
std::string RunSubgraph(Interpreter& interp, int subgraph, uint64_t& state,
                        bool raw) {
  const std::vector<TensorInfo> inputs = interp.Inputs(subgraph);
  for (size_t p = 0; p < inputs.size(); ++p) {
    Status s = interp.SetInput(subgraph, static_cast<int>(p),
                               FuzzTensor(inputs[p], state, raw));
    if (!s.ok()) return s.message();
  }
  if (Status s = interp.Invoke(subgraph); !s.ok()) return s.message();
  const size_t outputs = interp.Outputs(subgraph).size();
  for (size_t p = 0; p < outputs; ++p) {
    auto out = interp.Output(subgraph, static_cast<int>(p));
    if (!out.ok()) return out.status().message();
    // Read every byte, so that a tensor pointing outside its memory is found.
    const auto* b = static_cast<const uint8_t*>(out->data());
    uint8_t sum = 0;
    for (size_t i = 0; b != nullptr && i < out->bytes(); ++i) sum ^= b[i];
    volatile uint8_t sink = sum;
    (void)sink;
  }
  return "ok";
}

}  // namespace

InterpreterOptions FuzzOptions(bool use_xnnpack) {
  InterpreterOptions o;
  o.num_threads = 1;
  o.use_xnnpack = use_xnnpack;
  o.limits.max_tensor_bytes = int64_t{64} << 20;
  o.limits.max_arena_bytes = int64_t{256} << 20;
  o.limits.max_ops = 4096;
  o.limits.max_while_iterations = 1000;
  return o;
}

std::string LoadOnly(const uint8_t* data, size_t size) {
  auto model = Model::FromBufferCopy(data, size, "<fuzz>");
  return model.ok() ? "ok" : model.status().message();
}

std::string LoadPrepareInvoke(const uint8_t* data, size_t size) {
  auto model = Model::FromBufferCopy(data, size, "<fuzz>");
  if (!model.ok()) return model.status().message();
  const uint64_t h = Hash(data, size);
  auto interp = Interpreter::Create(*model, FuzzOptions((h & 1) != 0));
  if (!interp.ok()) return interp.status().message();
  Interpreter& in = **interp;
  if (Status s = in.AllocateTensors(); !s.ok()) return s.message();
  uint64_t state = h;
  const bool raw = (h & 2) != 0;
  if (in.signatures().empty()) return RunSubgraph(in, 0, state, raw);
  std::string result = "ok";
  for (const SignatureInfo& sig : in.signatures()) {
    std::string r = RunSubgraph(in, sig.subgraph, state, raw);
    if (r != "ok") result = r;
  }
  return result;
}

}  // namespace litert::fuzz
