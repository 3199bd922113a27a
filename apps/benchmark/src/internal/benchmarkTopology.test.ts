import { describe, expect, it } from 'vitest';
import { benchmarkTopology } from './benchmarkTopology';

describe('benchmarkTopology', () => {
  it("follows the seed's rule on the patch: 64³ stops at 4³ with min-fmap 4", () => {
    const topology = benchmarkTopology({ dim: 3, patchSize: '64,64,64', minFmap: 4 });
    expect(topology.filters).toEqual([32, 64, 128, 256, 320]);
    expect(topology.strides).toEqual([
      [1, 1, 1],
      [2, 2, 2],
      [2, 2, 2],
      [2, 2, 2],
      [2, 2, 2],
    ]);
    expect(topology.patchSize).toEqual([64, 64, 64]);
  });

  it('goes one level deeper with min-fmap 2 (bottleneck 2³, filters up to 320,320)', () => {
    const topology = benchmarkTopology({ dim: 3, patchSize: '64, 64, 64', minFmap: 2 });
    expect(topology.filters).toEqual([32, 64, 128, 256, 320, 320]);
    expect(topology.kernels.every((k) => k.join() === '3,3,3')).toBe(true);
  });

  it("--network resenc puts the ResEnc presets' network on the same stages", () => {
    const plain = benchmarkTopology({ dim: 3, patchSize: '64,64,64', minFmap: 2 });
    expect(plain.networkClassName).toBeUndefined();
    const resenc = benchmarkTopology({ dim: 3, patchSize: '64,64,64', minFmap: 2, network: 'resenc' });
    expect(resenc).toEqual({
      ...plain,
      networkClassName: 'ResidualEncoderUNet',
      nBlocksPerStage: [1, 3, 4, 6, 6, 6],
      nConvPerStageDecoder: [1, 1, 1, 1, 1],
    });
  });

  it("defaults to the seed's task 01 patches", () => {
    expect(benchmarkTopology({ dim: 3, minFmap: 4 }).patchSize).toEqual([128, 128, 128]);
    const topology2d = benchmarkTopology({ dim: 2, minFmap: 4 });
    expect(topology2d.patchSize).toEqual([192, 160]);
    // 192×160: five downsamplings (to 6×5), six stages capped at 512 in 2D
    expect(topology2d.filters).toEqual([32, 64, 128, 256, 512, 512]);
  });

  it('rejects a patch of the wrong dimension or one the strides do not divide', () => {
    expect(() => benchmarkTopology({ dim: 2, patchSize: '64,64,64', minFmap: 4 })).toThrow(
      '--patch-size 64,64,64: a 2D U-Net needs 2 sizes, got 3',
    );
    expect(() => benchmarkTopology({ dim: 3, patchSize: '9,16,16', minFmap: 4 })).toThrow(
      "--patch-size 9,16,16: patch size 9 on axis 0 is not divisible by the network's total stride 2 there; use a multiple of 2",
    );
    expect(() => benchmarkTopology({ dim: 3, patchSize: '0,16,16', minFmap: 4 })).toThrow(
      "--patch-size '0,16,16': expected positive integers separated by commas",
    );
  });
});
