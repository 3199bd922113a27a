#include "cpu_features.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace nnunet {

bool cpuHasAvx2Fma() {
#if defined(__x86_64__) || defined(__i386__)
  static const bool has = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && avx2Microkernels() != nullptr;
  }();
  return has;
#else
  return false;
#endif
}

namespace {
bool envForcesScalar() {
  const char* v = std::getenv("NNUNET_FORCE_SCALAR");
  return v != nullptr && v[0] != '\0' && std::strcmp(v, "0") != 0;
}
std::atomic<bool> forceScalar{envForcesScalar()};
}  // namespace

Isa activeIsa() { return (cpuHasAvx2Fma() && !forceScalar.load()) ? Isa::Avx2Fma : Isa::Scalar; }

void setForceScalar(bool force) { forceScalar.store(force); }

const Microkernels& activeMicrokernels() {
  return activeIsa() == Isa::Avx2Fma ? *avx2Microkernels() : scalarMicrokernels();
}

const char* isaName(Isa isa) { return isa == Isa::Avx2Fma ? "avx2-fma" : "scalar"; }

}  // namespace nnunet
