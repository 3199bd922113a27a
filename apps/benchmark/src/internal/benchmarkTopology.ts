import { nvidiaTopology, patchStrideProblem, residualEncoderTopology, type Topology } from '@nnunet-ts/plans';

/** The seed's task 01 (BrainTumour) patches, which its benchmark script uses by default. */
const DEFAULT_PATCH: Record<2 | 3, number[]> = { 3: [128, 128, 128], 2: [192, 160] };

/** The benchmark's network: the patch it runs on and the topology planned for it. */
export type BenchmarkNetwork = Topology & { readonly patchSize: number[] };

/**
 * The U-Net topology of the benchmark: the seed's kernel/stride rule on `--patch-size` with unit
 * spacing (so every axis is downsampled while long enough), filters 32·2^i capped at 320 (3D) or
 * 512 (2D); with `--network resenc` the ResEnc presets' network on those stages. Throws, naming the
 * flag, when the patch does not fit `--dim` or the strides.
 */
export function benchmarkTopology(options: {
  dim: 2 | 3;
  patchSize?: string;
  minFmap: number;
  network?: 'plain' | 'resenc';
}): BenchmarkNetwork {
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
  const problem = patchStrideProblem(patch, topology.strides);
  if (problem) throw new Error(`--patch-size ${patch.join(',')}: ${problem}`);
  return {
    ...(options.network === 'resenc' ? residualEncoderTopology(topology) : topology),
    patchSize: patch,
  };
}

function parsePatch(text: string): number[] {
  const sizes = text.split(',').map((part) => Number(part.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new Error(`--patch-size '${text}': expected positive integers separated by commas, e.g. 64,64,64`);
  }
  return sizes;
}
