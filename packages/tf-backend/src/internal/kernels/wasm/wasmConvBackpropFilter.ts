import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { blockRows, columnRows, columnWidth, type ConvGeometry, MAX_BLOCK_ELEMENTS } from './ConvGeometry';
import { im2col } from './im2col';
import { copyRows, heapView, wasmMatMul, zerosOnHeap } from './wasmHeap';

/**
 * The filter gradient of a convolution on the wasm heap: dW = Σ over row blocks of
 * im2col(x)ᵀ · dy, with the products in the wasm backend's matMul.
 */
export function wasmConvBackpropFilter(
  backend: BackendWasm,
  x: TensorInfo,
  dy: TensorInfo,
  g: ConvGeometry,
  filterShape: number[],
  maxBlockElements = MAX_BLOCK_ELEMENTS,
): TensorInfo {
  const width = columnWidth(g);
  const rows = columnRows(g);
  const step = blockRows(g, maxBlockElements);
  const dw = zerosOnHeap(backend, filterShape);
  for (let rowStart = 0; rowStart < rows; rowStart += step) {
    const rowCount = Math.min(step, rows - rowStart);
    const cols = backend.makeOutput([1, width, rowCount], 'float32');
    const dyBlock = copyRows(backend, dy, g.outChannels, rowStart, rowCount);
    im2col(g, heapView(backend, x), rowStart, rowCount, heapView(backend, cols));
    const partial = wasmMatMul(backend, cols, dyBlock);
    const sum = heapView(backend, dw);
    const add = heapView(backend, partial);
    for (let i = 0; i < sum.length; i++) sum[i] += add[i];
    backend.disposeData(cols.dataId);
    backend.disposeData(dyBlock.dataId);
    backend.disposeData(partial.dataId);
  }
  return dw;
}
