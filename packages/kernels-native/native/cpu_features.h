// Which instruction set the kernels use: detected once, overridable for tests and by
// NNUNET_FORCE_SCALAR=1.
#pragma once

#include "microkernels.h"

namespace nnunet {

enum class Isa { Avx2Fma, Scalar };

bool cpuHasAvx2Fma();
Isa activeIsa();
// Forcing scalar always works; asking for AVX2 on a CPU without it keeps the scalar path.
void setForceScalar(bool force);
const Microkernels& activeMicrokernels();
const char* isaName(Isa isa);

}  // namespace nnunet
