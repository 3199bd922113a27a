import { BatchMatMul, getKernel } from '@tensorflow/tfjs';
import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * A float32 view of a wasm tensor's memory. Take it after the last allocation that precedes
 * its use: growing the wasm heap replaces the heap buffer and leaves older views empty.
 */
export function heapView(backend: BackendWasm, info: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}

/** A zero-filled float32 tensor on the wasm heap (wasm allocations are not cleared). */
export function zerosOnHeap(backend: BackendWasm, shape: number[]): TensorInfo {
  const info = backend.makeOutput(shape, 'float32');
  heapView(backend, info).fill(0);
  return info;
}

/** Rows [rowStart, rowStart + rowCount) of a row-major [rows, width] tensor, as a new [1, rowCount, width] tensor. */
export function copyRows(
  backend: BackendWasm,
  source: TensorInfo,
  width: number,
  rowStart: number,
  rowCount: number,
): TensorInfo {
  const block = backend.makeOutput([1, rowCount, width], 'float32');
  heapView(backend, block).set(
    heapView(backend, source).subarray(rowStart * width, (rowStart + rowCount) * width),
  );
  return block;
}

/** Rows [rowStart, rowStart + rowCount) of a row-major [rows, width] tensor, transposed into a new [1, width, rowCount] tensor. */
export function copyRowsTransposed(
  backend: BackendWasm,
  source: TensorInfo,
  width: number,
  rowStart: number,
  rowCount: number,
): TensorInfo {
  const block = backend.makeOutput([1, width, rowCount], 'float32');
  const from = heapView(backend, source);
  const to = heapView(backend, block);
  for (let i = 0; i < rowCount; i++) {
    const offset = (rowStart + i) * width;
    for (let j = 0; j < width; j++) to[j * rowCount + i] = from[offset + j];
  }
  return block;
}

/** Multiplies rank-3 float32 tensors with the wasm backend's own (XNNPACK) BatchMatMul kernel. */
export function wasmMatMul(backend: BackendWasm, a: TensorInfo, b: TensorInfo): TensorInfo {
  const kernel = getKernel(BatchMatMul, 'wasm');
  if (kernel === undefined)
    throw new Error('tf-backend: the wasm backend has no BatchMatMul kernel registered');
  return kernel.kernelFunc({
    inputs: { a, b },
    attrs: { transposeA: false, transposeB: false },
    backend,
  }) as TensorInfo;
}

/** The same memory seen with another shape: the wasm matMul reshapes by reference and balances the refcount. */
export function withShape(info: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}
