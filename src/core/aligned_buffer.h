// A 64-byte aligned, zero-initialized heap block. Large blocks come straight
// from the kernel (anonymous mmap): their pages are zero already and are
// touched only when first used, so preparing a model with a big arena does not
// pay to clear memory that an inference overwrites anyway.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace litert {

class AlignedBuffer {
 public:
  AlignedBuffer() = default;
  explicit AlignedBuffer(size_t bytes) { Resize(bytes); }
  ~AlignedBuffer() { Release(); }
  AlignedBuffer(AlignedBuffer&& other) noexcept { *this = std::move(other); }
  AlignedBuffer& operator=(AlignedBuffer&& other) noexcept {
    if (this != &other) {
      Release();
      data_ = std::exchange(other.data_, nullptr);
      size_ = std::exchange(other.size_, 0);
      capacity_ = std::exchange(other.capacity_, 0);
      mapped_ = std::exchange(other.mapped_, false);
    }
    return *this;
  }
  AlignedBuffer(const AlignedBuffer&) = delete;
  AlignedBuffer& operator=(const AlignedBuffer&) = delete;

  // Resizes to at least `bytes`, discarding the contents (all zero after);
  // false when out of memory.
  bool Resize(size_t bytes) {
    if (bytes <= capacity_ && data_) {
      std::memset(data_, 0, capacity_);
      size_ = bytes;
      return true;
    }
    const size_t rounded = ((bytes == 0 ? 1 : bytes) + 63) / 64 * 64;
    uint8_t* p = nullptr;
    bool mapped = false;
    if (rounded >= kMapBytes) {
      void* m = mmap(nullptr, rounded, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (m == MAP_FAILED) return false;
      p = static_cast<uint8_t*>(m);  // page aligned, zero filled
      mapped = true;
    } else {
      p = static_cast<uint8_t*>(std::aligned_alloc(64, rounded));
      if (p == nullptr) return false;
      std::memset(p, 0, rounded);
    }
    Release();
    data_ = p;
    capacity_ = rounded;
    size_ = bytes;
    mapped_ = mapped;
    return true;
  }
  // Makes room for `bytes` keeping nothing; allocates only when it must grow.
  bool Reserve(size_t bytes) {
    if (bytes <= capacity_ && data_) {
      size_ = bytes;
      return true;
    }
    return Resize(bytes);
  }
  uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  // From this size on, blocks are mapped pages rather than heap memory.
  static constexpr size_t kMapBytes = size_t{1} << 20;

  void Release() {
    if (data_ == nullptr) return;
    if (mapped_) {
      munmap(data_, capacity_);
    } else {
      std::free(data_);
    }
    data_ = nullptr;
    capacity_ = size_ = 0;
    mapped_ = false;
  }

  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
  bool mapped_ = false;
};

}  // namespace litert
