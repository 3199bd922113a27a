// A float buffer aligned for vector loads, freed on scope exit. Allocation failure is reported
// through ok() instead of an exception (the addon is built without exceptions).
#pragma once

#include <cstddef>
#include <cstdlib>

namespace nnunet {

class AlignedBuffer {
 public:
  explicit AlignedBuffer(std::size_t floats) {
    const std::size_t bytes = ((floats * sizeof(float) + 63) / 64) * 64;
    data_ = static_cast<float*>(std::aligned_alloc(64, bytes > 0 ? bytes : 64));
  }
  ~AlignedBuffer() { std::free(data_); }
  AlignedBuffer(const AlignedBuffer&) = delete;
  AlignedBuffer& operator=(const AlignedBuffer&) = delete;

  bool ok() const { return data_ != nullptr; }
  float* data() { return data_; }

 private:
  float* data_;
};

}  // namespace nnunet
