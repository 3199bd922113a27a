import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { blockRows, columnRows, columnWidth, type ConvGeometry, MAX_BLOCK_ELEMENTS } from './ConvGeometry';
import { col2im } from './col2im';
import { copyRowsTransposed, heapView, wasmMatMul, withShape, zerosOnHeap } from './wasmHeap';

/**
 * The input gradient of a convolution (a transposed convolution) on the wasm heap:
 * dx = col2im(W · dyᵀ), with W the filter as a [taps * inChannels, outChannels] matrix,
 * computed in row blocks with the wasm backend's matMul.
 */
export function wasmConvBackpropInput(
  backend: BackendWasm,
  dy: TensorInfo,
  filter: TensorInfo,
  g: ConvGeometry,
  inShape: number[],
  maxBlockElements = MAX_BLOCK_ELEMENTS,
): TensorInfo {
  const width = columnWidth(g);
  const rows = columnRows(g);
  const step = blockRows(g, maxBlockElements);
  const dx = zerosOnHeap(backend, inShape);
  const filterMatrix = withShape(filter, [1, width, g.outChannels]);
  for (let rowStart = 0; rowStart < rows; rowStart += step) {
    const rowCount = Math.min(step, rows - rowStart);
    const dyBlock = copyRowsTransposed(backend, dy, g.outChannels, rowStart, rowCount);
    const cols = wasmMatMul(backend, filterMatrix, dyBlock);
    col2im(g, heapView(backend, cols), rowStart, rowCount, heapView(backend, dx));
    backend.disposeData(dyBlock.dataId);
    backend.disposeData(cols.dataId);
  }
  return dx;
}
