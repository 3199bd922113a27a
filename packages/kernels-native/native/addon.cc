// N-API entry points. JavaScript passes Float32Arrays (read and written in place, no copies) and
// an Int32Array with the ConvGeometry fields; every argument is checked here so that a wrong call
// throws a JavaScript error instead of reading out of bounds.
#define NAPI_VERSION 8
#include <node_api.h>

#include <string>
#include <vector>

#include "bias_activation.h"
#include "binary_elementwise.h"
#include "concat_split.h"
#include "conv_kernels.h"
#include "cpu_features.h"
#include "group_norm.h"
#include "huge_pages.h"
#include "leaky_relu.h"
#include "reductions.h"
#include "thread_pool.h"
#include "unary_elementwise.h"

namespace nnunet {
namespace {

napi_value throwError(napi_env env, const std::string& message) {
  napi_throw_error(env, "NNUNET_NATIVE_ARGUMENT", message.c_str());
  return nullptr;
}

bool getArgs(napi_env env, napi_callback_info info, size_t expected, napi_value* args, const char* fn) {
  size_t argc = expected;
  if (napi_get_cb_info(env, info, &argc, args, nullptr, nullptr) != napi_ok || argc < expected) {
    throwError(env, std::string(fn) + ": expected " + std::to_string(expected) + " arguments");
    return false;
  }
  return true;
}

template <typename T>
bool getTypedArray(napi_env env, napi_value value, napi_typedarray_type want, T** data, size_t* length,
                   const std::string& what) {
  bool isTyped = false;
  napi_typedarray_type type;
  void* ptr = nullptr;
  if (napi_is_typedarray(env, value, &isTyped) != napi_ok || !isTyped ||
      napi_get_typedarray_info(env, value, &type, length, &ptr, nullptr, nullptr) != napi_ok || type != want) {
    const char* name = want == napi_float32_array ? "Float32Array" : want == napi_uint8_array ? "Uint8Array" : "Int32Array";
    throwError(env, what + " must be a " + name);
    return false;
  }
  *data = static_cast<T*>(ptr);
  return true;
}

bool getGeometry(napi_env env, napi_value value, ConvGeometry* g, const char* fn) {
  int32_t* f = nullptr;
  size_t n = 0;
  if (!getTypedArray(env, value, napi_int32_array, &f, &n, std::string(fn) + ": geometry")) return false;
  if (n != size_t(kGeometryFields)) {
    throwError(env, std::string(fn) + ": geometry must have " + std::to_string(kGeometryFields) + " fields, got " +
                        std::to_string(n));
    return false;
  }
  *g = ConvGeometry{f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13], f[14],
                    f[15], f[16], f[17]};
  for (int i = 0; i < 15; ++i) {
    if (f[i] < 1) {
      throwError(env, std::string(fn) + ": geometry field " + std::to_string(i) + " must be >= 1, got " +
                          std::to_string(f[i]));
      return false;
    }
  }
  for (int i = 15; i < 18; ++i) {
    if (f[i] < 0) {
      throwError(env, std::string(fn) + ": padding (geometry field " + std::to_string(i) + ") must be >= 0, got " +
                          std::to_string(f[i]));
      return false;
    }
  }
  return true;
}

bool getTensor(napi_env env, napi_value value, size_t expected, float** data, const std::string& what) {
  size_t n = 0;
  if (!getTypedArray(env, value, napi_float32_array, data, &n, what)) return false;
  if (n != expected) {
    throwError(env, what + " has " + std::to_string(n) + " elements, the geometry needs " + std::to_string(expected));
    return false;
  }
  return true;
}

enum class Role { Input, Filter, Output };

size_t sizeFor(const ConvGeometry& g, Role role) {
  return role == Role::Input ? g.inputSize() : role == Role::Filter ? g.filterSize() : g.outputSize();
}

const char* roleName(Role role) { return role == Role::Input ? "input" : role == Role::Filter ? "filter" : "output"; }

using KernelFn = bool (*)(const ConvGeometry&, const float*, const float*, float*, const Microkernels&, ThreadPool&);

// (a, b, result, geometry): result = kernel(a, b), with the roles saying which geometry size each
// array must have.
napi_value runKernel(napi_env env, napi_callback_info info, const char* fn, KernelFn kernel, Role a, Role b,
                     Role result) {
  napi_value args[4];
  if (!getArgs(env, info, 4, args, fn)) return nullptr;
  ConvGeometry g;
  if (!getGeometry(env, args[3], &g, fn)) return nullptr;
  float *pa, *pb, *pr;
  const std::string name(fn);
  if (!getTensor(env, args[0], sizeFor(g, a), &pa, name + ": " + roleName(a)) ||
      !getTensor(env, args[1], sizeFor(g, b), &pb, name + ": " + roleName(b)) ||
      !getTensor(env, args[2], sizeFor(g, result), &pr, name + ": " + roleName(result)))
    return nullptr;
  adviseHugePages(pr, sizeFor(g, result) * sizeof(float));
  if (!kernel(g, pa, pb, pr, activeMicrokernels(), globalPool()))
    return throwError(env, name + ": out of memory for the packed filter");
  return nullptr;
}

napi_value ConvForward(napi_env env, napi_callback_info info) {
  return runKernel(env, info, "convForward", convForward, Role::Input, Role::Filter, Role::Output);
}

napi_value ConvBackpropInput(napi_env env, napi_callback_info info) {
  return runKernel(env, info, "convBackpropInput", convBackpropInput, Role::Output, Role::Filter, Role::Input);
}

napi_value ConvBackpropFilter(napi_env env, napi_callback_info info) {
  return runKernel(env, info, "convBackpropFilter", convBackpropFilter, Role::Input, Role::Output, Role::Filter);
}

// (y, bias or null, channels, activation code, alpha): y = activation(y + bias) in place.
napi_value BiasActivation(napi_env env, napi_callback_info info) {
  napi_value args[5];
  if (!getArgs(env, info, 5, args, "biasActivation")) return nullptr;
  float* y = nullptr;
  size_t size = 0;
  if (!getTypedArray(env, args[0], napi_float32_array, &y, &size, "biasActivation: y")) return nullptr;
  int32_t channels = 0, code = 0;
  double alpha = 0;
  if (napi_get_value_int32(env, args[2], &channels) != napi_ok || channels < 1 || size % size_t(channels) != 0)
    return throwError(env, "biasActivation: channels must be an integer >= 1 that divides y's length");
  if (napi_get_value_int32(env, args[3], &code) != napi_ok || code < 0 || code > int(Activation::LeakyRelu))
    return throwError(env, "biasActivation: unknown activation code");
  if (napi_get_value_double(env, args[4], &alpha) != napi_ok) return throwError(env, "biasActivation: alpha must be a number");
  napi_valuetype biasType;
  napi_typeof(env, args[1], &biasType);
  float* bias = nullptr;
  size_t biasSize = 0;
  if (biasType != napi_null && biasType != napi_undefined) {
    if (!getTypedArray(env, args[1], napi_float32_array, &bias, &biasSize, "biasActivation: bias")) return nullptr;
    if (biasSize != 1 && biasSize != size_t(channels))
      return throwError(env, "biasActivation: bias must have 1 or `channels` elements, got " + std::to_string(biasSize));
  }
  biasActivation(y, size, channels, bias, int(biasSize), Activation(code), float(alpha), globalPool());
  return nullptr;
}

// Argument readers for the kernels below: each throws a JavaScript error naming the function and
// the argument, and returns false, when the argument is not what the kernel needs.
bool getFloats(napi_env env, napi_value value, float** data, size_t* length, const std::string& what) {
  return getTypedArray(env, value, napi_float32_array, data, length, what);
}

bool getFloatsOfLength(napi_env env, napi_value value, size_t expected, float** data, const std::string& what) {
  size_t n = 0;
  if (!getFloats(env, value, data, &n, what)) return false;
  if (n != expected) {
    throwError(env, what + " has " + std::to_string(n) + " elements, expected " + std::to_string(expected));
    return false;
  }
  return true;
}

bool getPositiveInt(napi_env env, napi_value value, int32_t* out, const std::string& what) {
  if (napi_get_value_int32(env, value, out) != napi_ok || *out < 1) {
    throwError(env, what + " must be an integer >= 1");
    return false;
  }
  return true;
}

bool getNumber(napi_env env, napi_value value, double* out, const std::string& what) {
  if (napi_get_value_double(env, value, out) != napi_ok) {
    throwError(env, what + " must be a number");
    return false;
  }
  return true;
}

// (x, y, alpha): y = leakyRelu(x).
napi_value LeakyRelu(napi_env env, napi_callback_info info) {
  napi_value args[3];
  if (!getArgs(env, info, 3, args, "leakyRelu")) return nullptr;
  float *x, *y;
  size_t n = 0;
  double alpha = 0;
  if (!getFloats(env, args[0], &x, &n, "leakyRelu: x") || !getFloatsOfLength(env, args[1], n, &y, "leakyRelu: y") ||
      !getNumber(env, args[2], &alpha, "leakyRelu: alpha"))
    return nullptr;
  adviseHugePages(y, n * sizeof(float));
  leakyRelu(x, y, n, float(alpha), globalPool());
  return nullptr;
}

// (dy, x, dx, alpha): dx = the LeakyReLU gradient.
napi_value LeakyReluGrad(napi_env env, napi_callback_info info) {
  napi_value args[4];
  if (!getArgs(env, info, 4, args, "leakyReluGrad")) return nullptr;
  float *dy, *x, *dx;
  size_t n = 0;
  double alpha = 0;
  if (!getFloats(env, args[0], &dy, &n, "leakyReluGrad: dy") ||
      !getFloatsOfLength(env, args[1], n, &x, "leakyReluGrad: x") ||
      !getFloatsOfLength(env, args[2], n, &dx, "leakyReluGrad: dx") ||
      !getNumber(env, args[3], &alpha, "leakyReluGrad: alpha"))
    return nullptr;
  adviseHugePages(dx, n * sizeof(float));
  leakyReluGrad(dy, x, dx, n, float(alpha), globalPool());
  return nullptr;
}

// The group-norm shape from x's length, batch, gamma's length (the channels) and groups.
bool getGroupNormShape(napi_env env, size_t size, napi_value batchArg, size_t channels, napi_value groupsArg,
                       GroupNormShape* s, const std::string& fn) {
  int32_t batch = 0, groups = 0;
  if (!getPositiveInt(env, batchArg, &batch, fn + ": batch") || !getPositiveInt(env, groupsArg, &groups, fn + ": groups"))
    return false;
  if (channels < 1 || channels % size_t(groups) != 0 || size % (size_t(batch) * channels) != 0) {
    throwError(env, fn + ": " + std::to_string(size) + " values, batch " + std::to_string(batch) + ", " +
                        std::to_string(channels) + " channels and " + std::to_string(groups) +
                        " groups do not fit together");
    return false;
  }
  *s = GroupNormShape{batch, size / (size_t(batch) * channels), int(channels), groups};
  return true;
}

// (x, gamma, beta, y, mean, invStd, batch, groups, epsilon)
napi_value GroupNormForward(napi_env env, napi_callback_info info) {
  const std::string fn = "groupNormForward";
  napi_value args[9];
  if (!getArgs(env, info, 9, args, fn.c_str())) return nullptr;
  float *x, *gamma, *beta, *y, *mean, *invStd;
  size_t size = 0, channels = 0;
  GroupNormShape s;
  double epsilon = 0;
  if (!getFloats(env, args[0], &x, &size, fn + ": x") || !getFloats(env, args[1], &gamma, &channels, fn + ": gamma") ||
      !getGroupNormShape(env, size, args[6], channels, args[7], &s, fn) ||
      !getFloatsOfLength(env, args[2], channels, &beta, fn + ": beta") ||
      !getFloatsOfLength(env, args[3], size, &y, fn + ": y") ||
      !getFloatsOfLength(env, args[4], size_t(s.batch) * s.groups, &mean, fn + ": mean") ||
      !getFloatsOfLength(env, args[5], size_t(s.batch) * s.groups, &invStd, fn + ": invStd") ||
      !getNumber(env, args[8], &epsilon, fn + ": epsilon"))
    return nullptr;
  adviseHugePages(y, size * sizeof(float));
  groupNormForward(s, x, gamma, beta, float(epsilon), y, mean, invStd, globalPool());
  return nullptr;
}

// (dy, x, gamma, mean, invStd, dx, dgamma, dbeta, batch, groups)
napi_value GroupNormBackward(napi_env env, napi_callback_info info) {
  const std::string fn = "groupNormBackward";
  napi_value args[10];
  if (!getArgs(env, info, 10, args, fn.c_str())) return nullptr;
  float *dy, *x, *gamma, *mean, *invStd, *dx, *dgamma, *dbeta;
  size_t size = 0, channels = 0;
  GroupNormShape s;
  if (!getFloats(env, args[0], &dy, &size, fn + ": dy") || !getFloats(env, args[2], &gamma, &channels, fn + ": gamma") ||
      !getGroupNormShape(env, size, args[8], channels, args[9], &s, fn) ||
      !getFloatsOfLength(env, args[1], size, &x, fn + ": x") ||
      !getFloatsOfLength(env, args[3], size_t(s.batch) * s.groups, &mean, fn + ": mean") ||
      !getFloatsOfLength(env, args[4], size_t(s.batch) * s.groups, &invStd, fn + ": invStd") ||
      !getFloatsOfLength(env, args[5], size, &dx, fn + ": dx") ||
      !getFloatsOfLength(env, args[6], channels, &dgamma, fn + ": dgamma") ||
      !getFloatsOfLength(env, args[7], channels, &dbeta, fn + ": dbeta"))
    return nullptr;
  adviseHugePages(dx, size * sizeof(float));
  groupNormBackward(s, dy, x, gamma, mean, invStd, dx, dgamma, dbeta, globalPool());
  return nullptr;
}

// (x, out, outer, mid, inner): out = x summed over its middle axis.
napi_value SumMiddle(napi_env env, napi_callback_info info) {
  const std::string fn = "sumMiddle";
  napi_value args[5];
  if (!getArgs(env, info, 5, args, fn.c_str())) return nullptr;
  float *x, *out;
  int32_t outer = 0, mid = 0, inner = 0;
  if (!getPositiveInt(env, args[2], &outer, fn + ": outer") || !getPositiveInt(env, args[3], &mid, fn + ": mid") ||
      !getPositiveInt(env, args[4], &inner, fn + ": inner") ||
      !getFloatsOfLength(env, args[0], size_t(outer) * mid * inner, &x, fn + ": x") ||
      !getFloatsOfLength(env, args[1], size_t(outer) * inner, &out, fn + ": out"))
    return nullptr;
  sumMiddle(x, out, outer, mid, inner, globalPool());
  return nullptr;
}

// (x, y, length): softmax over rows of `length` values.
napi_value SoftmaxRows(napi_env env, napi_callback_info info) {
  const std::string fn = "softmaxRows";
  napi_value args[3];
  if (!getArgs(env, info, 3, args, fn.c_str())) return nullptr;
  float *x, *y;
  size_t size = 0;
  int32_t length = 0;
  if (!getFloats(env, args[0], &x, &size, fn + ": x") || !getFloatsOfLength(env, args[1], size, &y, fn + ": y") ||
      !getPositiveInt(env, args[2], &length, fn + ": length"))
    return nullptr;
  if (size % size_t(length) != 0) return throwError(env, fn + ": length must divide x's length");
  adviseHugePages(y, size * sizeof(float));
  softmaxRows(x, y, size / length, length, globalPool());
  return nullptr;
}

// (op code, pairing code, swapped, a, b, out, cols): out = op(a, b) with b broadcast as the pairing says.
napi_value BinaryElementwise(napi_env env, napi_callback_info info) {
  const std::string fn = "binaryElementwise";
  napi_value args[7];
  if (!getArgs(env, info, 7, args, fn.c_str())) return nullptr;
  int32_t op = 0, pairing = 0, cols = 0;
  bool swapped = false;
  if (napi_get_value_int32(env, args[0], &op) != napi_ok || op < 0 || op > int(BinaryOp::Greater))
    return throwError(env, fn + ": unknown op code");
  if (napi_get_value_int32(env, args[1], &pairing) != napi_ok || pairing < 0 || pairing > int(Pairing::PerRow))
    return throwError(env, fn + ": unknown pairing code");
  if (napi_get_value_bool(env, args[2], &swapped) != napi_ok) return throwError(env, fn + ": swapped must be a boolean");
  float *a, *b;
  size_t n = 0, bSize = 0;
  if (!getFloats(env, args[3], &a, &n, fn + ": a") || !getFloats(env, args[4], &b, &bSize, fn + ": b") ||
      !getPositiveInt(env, args[6], &cols, fn + ": cols"))
    return nullptr;
  if (n % size_t(cols) != 0) return throwError(env, fn + ": cols must divide a's length");
  const Pairing p = Pairing(pairing);
  const size_t expected = p == Pairing::Same ? n : p == Pairing::Scalar ? 1 : p == Pairing::LastAxis ? cols : n / cols;
  if (bSize != expected)
    return throwError(env, fn + ": b has " + std::to_string(bSize) + " elements, expected " + std::to_string(expected));
  const bool greater = BinaryOp(op) == BinaryOp::Greater;
  void* out = nullptr;
  size_t outSize = 0;
  if (greater) {
    uint8_t* bytes = nullptr;
    if (!getTypedArray(env, args[5], napi_uint8_array, &bytes, &outSize, fn + ": out")) return nullptr;
    out = bytes;
  } else {
    float* floats = nullptr;
    if (!getFloats(env, args[5], &floats, &outSize, fn + ": out")) return nullptr;
    out = floats;
  }
  if (outSize != n) return throwError(env, fn + ": out must have as many elements as a");
  adviseHugePages(out, n * (greater ? 1 : sizeof(float)));
  binaryElementwise(BinaryOp(op), p, swapped, a, b, n, size_t(cols), out, globalPool());
  return nullptr;
}

// The parts of a concatenation or split: a JavaScript array of Float32Arrays, each `rows` rows long.
bool getParts(napi_env env, napi_value value, size_t rows, std::vector<float*>* parts, std::vector<size_t>* widths,
              const std::string& fn) {
  bool isArray = false;
  uint32_t count = 0;
  if (napi_is_array(env, value, &isArray) != napi_ok || !isArray || napi_get_array_length(env, value, &count) != napi_ok ||
      count == 0) {
    throwError(env, fn + ": parts must be a non-empty array of Float32Arrays");
    return false;
  }
  for (uint32_t i = 0; i < count; ++i) {
    napi_value element;
    float* data = nullptr;
    size_t length = 0;
    const std::string what = fn + ": part " + std::to_string(i);
    if (napi_get_element(env, value, i, &element) != napi_ok || !getFloats(env, element, &data, &length, what))
      return false;
    if (length % rows != 0) {
      throwError(env, what + " has " + std::to_string(length) + " elements, not a multiple of " + std::to_string(rows) +
                          " rows");
      return false;
    }
    parts->push_back(data);
    widths->push_back(length / rows);
  }
  return true;
}

// (parts, whole, rows, toWhole): concatenates the parts' rows into whole (toWhole) or splits whole into them.
napi_value ConcatSplit(napi_env env, napi_callback_info info) {
  const std::string fn = "concatSplit";
  napi_value args[4];
  if (!getArgs(env, info, 4, args, fn.c_str())) return nullptr;
  int32_t rows = 0;
  bool toWhole = false;
  if (!getPositiveInt(env, args[2], &rows, fn + ": rows")) return nullptr;
  if (napi_get_value_bool(env, args[3], &toWhole) != napi_ok) return throwError(env, fn + ": toWhole must be a boolean");
  std::vector<float*> parts;
  std::vector<size_t> widths;
  if (!getParts(env, args[0], size_t(rows), &parts, &widths, fn)) return nullptr;
  size_t total = 0;
  for (size_t w : widths) total += w;
  float* whole = nullptr;
  if (!getFloatsOfLength(env, args[1], total * size_t(rows), &whole, fn + ": whole")) return nullptr;
  if (toWhole) {
    adviseHugePages(whole, total * size_t(rows) * sizeof(float));
    concatRows(parts.data(), widths.data(), int(parts.size()), whole, size_t(rows), globalPool());
  } else {
    for (size_t i = 0; i < parts.size(); ++i) adviseHugePages(parts[i], widths[i] * size_t(rows) * sizeof(float));
    splitRows(whole, parts.data(), widths.data(), int(parts.size()), size_t(rows), globalPool());
  }
  return nullptr;
}

// (op code, x, y): y = op(x).
napi_value UnaryElementwise(napi_env env, napi_callback_info info) {
  const std::string fn = "unaryElementwise";
  napi_value args[3];
  if (!getArgs(env, info, 3, args, fn.c_str())) return nullptr;
  int32_t op = 0;
  if (napi_get_value_int32(env, args[0], &op) != napi_ok || op < 0 || op > int(UnaryOp::Neg))
    return throwError(env, fn + ": unknown op code");
  float *x, *y;
  size_t n = 0;
  if (!getFloats(env, args[1], &x, &n, fn + ": x") || !getFloatsOfLength(env, args[2], n, &y, fn + ": y"))
    return nullptr;
  adviseHugePages(y, n * sizeof(float));
  unaryElementwise(UnaryOp(op), x, y, n, globalPool());
  return nullptr;
}

napi_value makeInt(napi_env env, int v) {
  napi_value out;
  napi_create_int32(env, v, &out);
  return out;
}

napi_value SetThreads(napi_env env, napi_callback_info info) {
  napi_value arg;
  if (!getArgs(env, info, 1, &arg, "setThreads")) return nullptr;
  int32_t n = 0;
  if (napi_get_value_int32(env, arg, &n) != napi_ok || n < 1)
    return throwError(env, "setThreads: the thread count must be an integer >= 1");
  globalPool().resize(n);
  return makeInt(env, globalPool().size());
}

napi_value SetForceScalar(napi_env env, napi_callback_info info) {
  napi_value arg;
  if (!getArgs(env, info, 1, &arg, "setForceScalar")) return nullptr;
  bool force = false;
  if (napi_get_value_bool(env, arg, &force) != napi_ok)
    return throwError(env, "setForceScalar: expected a boolean");
  setForceScalar(force);
  return nullptr;
}

napi_value Status(napi_env env, napi_callback_info) {
  napi_value out, isa, threads, hasAvx2;
  napi_create_object(env, &out);
  napi_create_string_utf8(env, isaName(activeIsa()), NAPI_AUTO_LENGTH, &isa);
  threads = makeInt(env, globalPool().size());
  napi_get_boolean(env, cpuHasAvx2Fma(), &hasAvx2);
  napi_set_named_property(env, out, "isa", isa);
  napi_set_named_property(env, out, "threads", threads);
  napi_set_named_property(env, out, "cpuHasAvx2Fma", hasAvx2);
  return out;
}

napi_value Init(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      {"convForward", nullptr, ConvForward, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"convBackpropInput", nullptr, ConvBackpropInput, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"convBackpropFilter", nullptr, ConvBackpropFilter, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"biasActivation", nullptr, BiasActivation, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"binaryElementwise", nullptr, BinaryElementwise, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"concatSplit", nullptr, ConcatSplit, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"unaryElementwise", nullptr, UnaryElementwise, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"leakyRelu", nullptr, LeakyRelu, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"leakyReluGrad", nullptr, LeakyReluGrad, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"groupNormForward", nullptr, GroupNormForward, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"groupNormBackward", nullptr, GroupNormBackward, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"sumMiddle", nullptr, SumMiddle, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"softmaxRows", nullptr, SoftmaxRows, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"setThreads", nullptr, SetThreads, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"setForceScalar", nullptr, SetForceScalar, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"status", nullptr, Status, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

}  // namespace
}  // namespace nnunet

NAPI_MODULE(NODE_GYP_MODULE_NAME, nnunet::Init)
