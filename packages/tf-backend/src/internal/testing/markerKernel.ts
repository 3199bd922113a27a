import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';

/** The part of tfjs's cpu backend a test kernel needs to produce an output. */
interface CpuOutputs {
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

/**
 * A cpu kernel that fills its output with `marker`: when an op returns the marker, the
 * replacement kernel ran; when it returns real values, the stock kernel did.
 */
export function markerKernel(kernelName: string, marker: number, onSetup?: () => void): KernelConfig {
  return {
    kernelName,
    backendName: 'cpu',
    kernelFunc: ({ inputs, backend }) => {
      const x = inputs.x as TensorInfo;
      const size = x.shape.reduce((a, b) => a * b, 1);
      return (backend as CpuOutputs).makeTensorInfo(x.shape, 'float32', new Float32Array(size).fill(marker));
    },
    setupFunc: onSetup,
  };
}
