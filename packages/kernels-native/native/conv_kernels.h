// The three convolution kernels on NDHWC data (2D is D = 1). Each returns false only when it
// could not allocate its packed-filter buffer.
#pragma once

#include "conv_geometry.h"
#include "microkernels.h"
#include "thread_pool.h"

namespace nnunet {

// y = conv(x, filter)
bool convForward(const ConvGeometry& g, const float* x, const float* filter, float* y, const Microkernels& mk,
                 ThreadPool& pool);
// dx = gradient of sum(dy * conv(x, filter)) w.r.t. x
bool convBackpropInput(const ConvGeometry& g, const float* dy, const float* filter, float* dx,
                       const Microkernels& mk, ThreadPool& pool);
// dFilter = gradient of sum(dy * conv(x, filter)) w.r.t. filter
bool convBackpropFilter(const ConvGeometry& g, const float* x, const float* dy, float* dFilter,
                        const Microkernels& mk, ThreadPool& pool);

}  // namespace nnunet
