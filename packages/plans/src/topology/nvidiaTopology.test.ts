import { describe, expect, it } from 'vitest';
import { nvidiaTopology } from './nvidiaTopology';

const s = (...codes: string[]) => codes.map((c) => [...c].map(Number));

// The seed's MSD presets (patch [D,H,W], target spacing [z,y,x]) and the topologies its rule gives.
const msd3d: Record<
  string,
  { patch: number[]; spacing: number[]; strides: number[][]; kernels: number[][] }
> = {
  '01 BrainTumour': {
    patch: [128, 128, 128],
    spacing: [1, 1, 1],
    strides: s('111', '222', '222', '222', '222', '222'),
    kernels: s('333', '333', '333', '333', '333', '333'),
  },
  '02 Heart': {
    patch: [80, 192, 160],
    spacing: [1.37, 1.25, 1.25],
    strides: s('111', '222', '222', '222', '222', '122'),
    kernels: s('333', '333', '333', '333', '333', '333'),
  },
  '03 Liver': {
    patch: [128, 128, 128],
    spacing: [1, 0.7676, 0.7676],
    strides: s('111', '222', '222', '222', '222', '222'),
    kernels: s('333', '333', '333', '333', '333', '333'),
  },
  '04 Hippocampus': {
    patch: [40, 56, 40],
    spacing: [1, 1, 1],
    strides: s('111', '222', '222', '222'),
    kernels: s('333', '333', '333', '333'),
  },
  '05 Prostate': {
    patch: [20, 320, 256],
    spacing: [3.6, 0.62, 0.62],
    strides: s('111', '122', '122', '222', '222', '122'),
    kernels: s('133', '133', '333', '333', '333', '333'),
  },
  '06 Lung': {
    patch: [80, 192, 160],
    spacing: [1.24, 0.79, 0.79],
    strides: s('111', '222', '222', '222', '222', '122'),
    kernels: s('333', '333', '333', '333', '333', '333'),
  },
  '07 Pancreas': {
    patch: [40, 224, 224],
    spacing: [2.5, 0.8, 0.8],
    strides: s('111', '122', '222', '222', '222', '122'),
    kernels: s('133', '333', '333', '333', '333', '333'),
  },
  '08 HepaticVessel': {
    patch: [64, 192, 192],
    spacing: [1.5, 0.8, 0.8],
    strides: s('111', '222', '222', '222', '222', '122'),
    kernels: s('333', '333', '333', '333', '333', '333'),
  },
  '09 Spleen': {
    patch: [64, 192, 160],
    spacing: [1.6, 0.79, 0.79],
    strides: s('111', '122', '222', '222', '222', '222'),
    kernels: s('133', '333', '333', '333', '333', '333'),
  },
  '10 Colon': {
    patch: [56, 192, 160],
    spacing: [3, 0.78, 0.78],
    strides: s('111', '122', '222', '222', '222', '122'),
    kernels: s('133', '333', '333', '333', '333', '333'),
  },
};

describe('nvidiaTopology on the seed MSD presets', () => {
  for (const [task, preset] of Object.entries(msd3d)) {
    it(`3D ${task}`, () => {
      const topology = nvidiaTopology(preset.patch, preset.spacing);
      expect(topology.strides).toEqual(preset.strides);
      expect(topology.kernels).toEqual(preset.kernels);
      expect(topology.filters).toEqual([32, 64, 128, 256, 320, 320].slice(0, preset.strides.length));
    });
  }

  it('2D 512×512 slices: five downsamplings and filters up to 512', () => {
    const topology = nvidiaTopology([512, 512], [0.79, 0.79]);
    expect(topology.strides).toEqual(s('11', '22', '22', '22', '22', '22'));
    expect(topology.filters).toEqual([32, 64, 128, 256, 512, 512]);
  });

  it('2D Hippocampus 56×40 stops when an axis falls under 8', () => {
    // 56×40 → 28×20 → 14×10 → 7×5: the fourth level can no longer be halved
    expect(nvidiaTopology([56, 40], [1, 1]).strides).toEqual(s('11', '22', '22', '22'));
  });

  it('rejects mismatched or invalid inputs with a clear message', () => {
    expect(() => nvidiaTopology([64, 64, 64], [1, 1])).toThrow(/as many axes/);
    expect(() => nvidiaTopology([64, 0, 64], [1, 1, 1])).toThrow(/positive integers/);
    expect(() => nvidiaTopology([64, 64, 64], [1, Number.NaN, 1])).toThrow(/positive finite/);
    expect(() => nvidiaTopology([64], [1])).toThrow(/2 or 3 axes/);
  });
});
