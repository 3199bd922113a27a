#include "binary_elementwise.h"

#include "parallel.h"

namespace nnunet {

namespace {

template <BinaryOp Op>
struct Apply;
template <>
struct Apply<BinaryOp::Add> {
  using Out = float;
  static float f(float x, float y) { return x + y; }
};
template <>
struct Apply<BinaryOp::Sub> {
  using Out = float;
  static float f(float x, float y) { return x - y; }
};
template <>
struct Apply<BinaryOp::Mul> {
  using Out = float;
  static float f(float x, float y) { return x * y; }
};
template <>
struct Apply<BinaryOp::Div> {
  using Out = float;
  static float f(float x, float y) { return x / y; }
};
template <>
struct Apply<BinaryOp::Greater> {
  using Out = std::uint8_t;
  static std::uint8_t f(float x, float y) { return x > y ? 1 : 0; }
};

constexpr std::size_t kGrain = std::size_t(1) << 16;

template <BinaryOp Op, bool Swapped>
void run(Pairing pairing, const float* a, const float* b, std::size_t n, std::size_t cols, void* out,
         ThreadPool& pool) {
  using A = Apply<Op>;
  using Out = typename A::Out;
  Out* o = static_cast<Out*>(out);
  // Swapped puts b first, as the op's operands were ordered.
  const auto f = [](float big, float small) { return Swapped ? A::f(small, big) : A::f(big, small); };
  switch (pairing) {
    case Pairing::Same:
      return parallelChunks(pool, n, kGrain, [=](std::size_t begin, std::size_t end) {
        const float* __restrict x = a;
        const float* __restrict y = b;
        Out* __restrict z = o;
        for (std::size_t i = begin; i < end; ++i) z[i] = f(x[i], y[i]);
      });
    case Pairing::Scalar:
      return parallelChunks(pool, n, kGrain, [=](std::size_t begin, std::size_t end) {
        const float* __restrict x = a;
        Out* __restrict z = o;
        const float s = b[0];
        for (std::size_t i = begin; i < end; ++i) z[i] = f(x[i], s);
      });
    case Pairing::LastAxis:
    case Pairing::PerRow: {
      const bool perRow = pairing == Pairing::PerRow;
      const std::size_t rows = n / cols;
      return parallelChunks(pool, rows, std::max<std::size_t>(1, kGrain / cols), [=](std::size_t begin, std::size_t end) {
        for (std::size_t r = begin; r < end; ++r) {
          const float* __restrict x = a + r * cols;
          Out* __restrict z = o + r * cols;
          if (perRow) {
            const float s = b[r];
            for (std::size_t c = 0; c < cols; ++c) z[c] = f(x[c], s);
          } else {
            const float* __restrict y = b;
            for (std::size_t c = 0; c < cols; ++c) z[c] = f(x[c], y[c]);
          }
        }
      });
    }
  }
}

template <BinaryOp Op>
void dispatch(Pairing pairing, bool swapped, const float* a, const float* b, std::size_t n, std::size_t cols,
              void* out, ThreadPool& pool) {
  if (swapped) run<Op, true>(pairing, a, b, n, cols, out, pool);
  else run<Op, false>(pairing, a, b, n, cols, out, pool);
}

}  // namespace

void binaryElementwise(BinaryOp op, Pairing pairing, bool swapped, const float* a, const float* b, std::size_t n,
                       std::size_t cols, void* out, ThreadPool& pool) {
  switch (op) {
    case BinaryOp::Add:
      return dispatch<BinaryOp::Add>(pairing, swapped, a, b, n, cols, out, pool);
    case BinaryOp::Sub:
      return dispatch<BinaryOp::Sub>(pairing, swapped, a, b, n, cols, out, pool);
    case BinaryOp::Mul:
      return dispatch<BinaryOp::Mul>(pairing, swapped, a, b, n, cols, out, pool);
    case BinaryOp::Div:
      return dispatch<BinaryOp::Div>(pairing, swapped, a, b, n, cols, out, pool);
    case BinaryOp::Greater:
      return dispatch<BinaryOp::Greater>(pairing, swapped, a, b, n, cols, out, pool);
  }
}

}  // namespace nnunet
