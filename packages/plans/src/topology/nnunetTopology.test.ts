import { describe, expect, it } from 'vitest';
import { nnunetTopology } from './nnunetTopology';

const s = (...codes: string[]) => codes.map((c) => [...c].map(Number));

describe('nnunetTopology (get_pool_and_conv_props)', () => {
  it('isotropic 128³ pools five times, down to an edge of 4', () => {
    const { topology, patchSize } = nnunetTopology([128, 128, 128], [1, 1, 1]);
    expect(topology.strides).toEqual(s('111', '222', '222', '222', '222', '222'));
    expect(topology.kernels).toEqual(s('333', '333', '333', '333', '333', '333'));
    expect(topology.filters).toEqual([32, 64, 128, 256, 320, 320]);
    expect(patchSize).toEqual([128, 128, 128]);
  });

  it('anisotropic spacing: the coarse axis waits, its kernel turns 3 once within 2× and stays 3', () => {
    // traced by hand: sizes [20,160,160] → [20,80,80] → [10,40,40] → [5,20,20] → [5,10,10] → [5,5,5]
    const { topology, patchSize } = nnunetTopology([20, 160, 160], [3, 1, 1]);
    expect(topology.strides).toEqual(s('111', '122', '222', '222', '122', '122'));
    expect(topology.kernels).toEqual(s('133', '333', '333', '333', '333', '333'));
    expect(patchSize).toEqual([20, 160, 160]);
  });

  it('pads the patch to a multiple of the total stride per axis', () => {
    const { topology, patchSize } = nnunetTopology([20, 150, 150], [3, 1, 1]);
    expect(topology.strides).toEqual(s('111', '122', '222', '222', '122', '122'));
    // axis 0 is pooled twice (÷4), axes 1 and 2 five times (÷32)
    expect(patchSize).toEqual([20, 160, 160]);
  });

  it('an axis pooled alone needs three times the minimum edge', () => {
    // 8×64 → 4×32; then only axis 1 is poolable: 32 and 16 are ≥ 12, 8 is not
    const { topology } = nnunetTopology([8, 64], [1, 1]);
    expect(topology.strides).toEqual(s('11', '22', '12', '12'));
    expect(topology.filters).toEqual([32, 64, 128, 256]);
  });

  it('respects a per-axis pooling limit', () => {
    expect(nnunetTopology([128, 128, 128], [1, 1, 1], { maxPoolsPerAxis: 3 }).topology.strides).toHaveLength(
      4,
    );
  });

  it('a patch too small to pool gives a single stage', () => {
    const { topology } = nnunetTopology([6, 6, 6], [1, 1, 1]);
    expect(topology.strides).toEqual(s('111'));
    expect(topology.kernels).toEqual(s('333'));
  });
});
