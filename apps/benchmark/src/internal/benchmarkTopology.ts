import { nvidiaTopology, type Topology } from '@nnunet-ts/preprocessing';

/** The seed's task 01 (BrainTumour) patches, which its benchmark script uses by default. */
const DEFAULT_PATCH: Record<2 | 3, number[]> = { 3: [128, 128, 128], 2: [192, 160] };

/**
 * The U-Net topology of the benchmark: the seed's kernel/stride rule on `--patch-size` with unit
 * spacing (so every axis is downsampled while long enough), filters 32·2^i capped at 320 (3D) or
 * 512 (2D). Throws, naming the flag, when the patch does not fit `--dim` or the strides.
 */
export function benchmarkTopology(options: { dim: 2 | 3; patchSize?: string; minFmap: number }): Topology {
  const patch = options.patchSize === undefined ? DEFAULT_PATCH[options.dim] : parsePatch(options.patchSize);
  if (patch.length !== options.dim) {
    throw new Error(
      `--patch-size ${patch.join(',')}: a ${options.dim}D U-Net needs ${options.dim} sizes, got ${patch.length}`,
    );
  }
  const topology = nvidiaTopology(
    patch,
    patch.map(() => 1),
    { minSize: 2 * options.minFmap },
  );
  patch.forEach((size, axis) => {
    const factor = topology.strides.reduce((product, stride) => product * stride[axis]!, 1);
    if (size % factor !== 0) {
      throw new Error(
        `--patch-size ${patch.join(',')}: size ${size} of axis ${axis} is not divisible by ${factor}, ` +
          'the product of the strides on that axis',
      );
    }
  });
  return topology;
}

function parsePatch(text: string): number[] {
  const sizes = text.split(',').map((part) => Number(part.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new Error(`--patch-size '${text}': expected positive integers separated by commas, e.g. 64,64,64`);
  }
  return sizes;
}
