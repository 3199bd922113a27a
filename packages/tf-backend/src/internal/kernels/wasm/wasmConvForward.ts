import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { blockRows, columnRows, columnWidth, type ConvGeometry, MAX_BLOCK_ELEMENTS } from './ConvGeometry';
import { im2col } from './im2col';
import { heapView, wasmMatMul } from './wasmHeap';

/**
 * A convolution on the wasm heap: y = (Wᵀ · im2col(x))ᵀ in row blocks, with the products in
 * the wasm backend's matMul and Wᵀ (the filter as [outChannels, taps * inChannels]) built once.
 */
export function wasmConvForward(
  backend: BackendWasm,
  x: TensorInfo,
  filter: TensorInfo,
  g: ConvGeometry,
  outShape: number[],
  maxBlockElements = MAX_BLOCK_ELEMENTS,
): TensorInfo {
  const width = columnWidth(g);
  const rows = columnRows(g);
  const step = blockRows(g, maxBlockElements);
  const CO = g.outChannels;
  const y = backend.makeOutput(outShape, 'float32');
  const filterT = backend.makeOutput([1, CO, width], 'float32');
  const w = heapView(backend, filter);
  const wT = heapView(backend, filterT);
  for (let k = 0; k < width; k++) for (let co = 0; co < CO; co++) wT[co * width + k] = w[k * CO + co];
  for (let rowStart = 0; rowStart < rows; rowStart += step) {
    const rowCount = Math.min(step, rows - rowStart);
    const cols = backend.makeOutput([1, width, rowCount], 'float32');
    im2col(g, heapView(backend, x), rowStart, rowCount, heapView(backend, cols));
    const block = wasmMatMul(backend, filterT, cols);
    const out = heapView(backend, y);
    const blockT = heapView(backend, block);
    for (let i = 0; i < rowCount; i++) {
      const offset = (rowStart + i) * CO;
      for (let co = 0; co < CO; co++) out[offset + co] = blockT[co * rowCount + i];
    }
    backend.disposeData(cols.dataId);
    backend.disposeData(block.dataId);
  }
  backend.disposeData(filterT.dataId);
  return y;
}
