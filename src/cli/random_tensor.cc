#include "cli/random_tensor.h"

#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace litert::cli {
namespace {

uint16_t FloatToHalf(float f) {
  uint32_t x;
  std::memcpy(&x, &f, 4);
  const uint32_t sign = (x >> 16) & 0x8000;
  int exp = static_cast<int>((x >> 23) & 0xff) - 127 + 15;
  uint32_t mant = x & 0x7fffff;
  if (exp <= 0) return static_cast<uint16_t>(sign);  // tiny values become zero
  if (exp >= 31) return static_cast<uint16_t>(sign | 0x7c00);
  return static_cast<uint16_t>(sign | (exp << 10) | (mant >> 13));
}

}  // namespace

Tensor RandomTensor(DType type, const Shape& shape, uint64_t seed) {
  std::mt19937_64 rng(seed);
  if (type == DType::kString) {  // lowercase words of 0 to 7 letters
    std::uniform_int_distribution<int> len(0, 7), letter('a', 'z');
    std::vector<std::string> words(static_cast<size_t>(NumElements(shape)));
    for (std::string& w : words) {
      for (int k = len(rng); k > 0; --k) w += static_cast<char>(letter(rng));
    }
    return Tensor::Strings(shape, words);
  }
  Tensor t = Tensor::Owned(type, shape);
  const int64_t n = t.num_elements();
  std::uniform_real_distribution<float> unit(-1.f, 1.f);
  auto ints = [&](auto* p, int64_t lo, int64_t hi) {
    std::uniform_int_distribution<int64_t> d(lo, hi);
    for (int64_t i = 0; i < n; ++i)
      p[i] = static_cast<std::remove_pointer_t<decltype(p)>>(d(rng));
  };
  switch (type) {
    case DType::kFloat32:
      for (int64_t i = 0; i < n; ++i) t.data_as<float>()[i] = unit(rng);
      break;
    case DType::kFloat64:
      for (int64_t i = 0; i < n; ++i) t.data_as<double>()[i] = unit(rng);
      break;
    case DType::kFloat16:
      for (int64_t i = 0; i < n; ++i)
        t.data_as<uint16_t>()[i] = FloatToHalf(unit(rng));
      break;
    case DType::kInt8:
      ints(t.data_as<int8_t>(), -128, 127);
      break;
    case DType::kUInt8:
      ints(t.data_as<uint8_t>(), 0, 255);
      break;
    case DType::kInt16:
      ints(t.data_as<int16_t>(), -32768, 32767);
      break;
    case DType::kUInt16:
      ints(t.data_as<uint16_t>(), 0, 65535);
      break;
    case DType::kInt32:
      ints(t.data_as<int32_t>(), 0, 99);
      break;
    case DType::kUInt32:
      ints(t.data_as<uint32_t>(), 0, 99);
      break;
    case DType::kInt64:
      ints(t.data_as<int64_t>(), 0, 99);
      break;
    case DType::kBool:
      ints(t.data_as<uint8_t>(), 0, 1);
      break;
    default:
      break;  // left zero
  }
  return t;
}

Tensor SafeRandomTensor(DType type, const Shape& shape, const QuantParams& q,
                        uint64_t seed) {
  if (type == DType::kString) {  // lowercase words of 1 to 7 letters
    std::mt19937_64 words(seed);
    std::vector<std::string> values(static_cast<size_t>(NumElements(shape)));
    for (auto& w : values) {
      w.resize(1 + words() % 7);
      for (char& c : w) c = static_cast<char>('a' + words() % 26);
    }
    return Tensor::Strings(shape, values);
  }
  Tensor t = RandomTensor(type, shape, seed);
  std::mt19937_64 rng(seed);
  const int64_t n = t.num_elements();
  const bool quantized = !q.scale.empty();
  const int64_t zp = q.zero_point.empty() ? 0 : q.zero_point[0];
  auto above_zero_point = [&](auto* p, int64_t lo, int64_t hi) {
    std::uniform_int_distribution<int64_t> d(std::min(zp + 1, hi), hi);
    for (int64_t i = 0; i < n; ++i)
      p[i] = static_cast<std::remove_pointer_t<decltype(p)>>(d(rng));
  };
  std::uniform_real_distribution<float> positive(0.1f, 1.f);
  switch (type) {
    case DType::kFloat32:
      for (int64_t i = 0; i < n; ++i) t.data_as<float>()[i] = positive(rng);
      break;
    case DType::kFloat64:
      for (int64_t i = 0; i < n; ++i) t.data_as<double>()[i] = positive(rng);
      break;
    case DType::kFloat16:
      for (int64_t i = 0; i < n; ++i)
        t.data_as<uint16_t>()[i] = FloatToHalf(positive(rng));
      break;
    case DType::kInt8:
      if (quantized) above_zero_point(t.data_as<int8_t>(), -128, 127);
      break;
    case DType::kUInt8:
      if (quantized) above_zero_point(t.data_as<uint8_t>(), 0, 255);
      break;
    case DType::kInt16:
      if (quantized) above_zero_point(t.data_as<int16_t>(), -32768, 32767);
      break;
    default:
      break;
  }
  if (!quantized && type != DType::kBool && type != DType::kFloat32 &&
      type != DType::kFloat64 && type != DType::kFloat16 && t.bytes() > 0) {
    std::memset(t.data(), 0, t.bytes());  // plain integers: 0
  }
  return t;
}

}  // namespace litert::cli
