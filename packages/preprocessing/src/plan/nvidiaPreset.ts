/** One MSD task's entry in the seed's `data_preprocessing/configs.py` (TF2 keys, `_tf2` suffix). */
export interface NvidiaTaskPreset {
  patch3d: [number, number, number];
  /** target spacing [z, y, x] = [D, H, W] */
  spacing3d: [number, number, number];
  patch2d: [number, number];
  spacing2d: [number, number];
  /** the seed's fixed CT statistics: clip range [min, max], mean, std (CT tasks only) */
  ct?: { min: number; max: number; mean: number; std: number };
}

/** The seed's table for MSD tasks 01–10 (see reference/anchors.md §b.1). */
export const NVIDIA_PRESETS: Readonly<Record<string, NvidiaTaskPreset>> = {
  '01': { patch3d: [128, 128, 128], spacing3d: [1, 1, 1], patch2d: [192, 160], spacing2d: [1, 1] },
  '02': {
    patch3d: [80, 192, 160],
    spacing3d: [1.37, 1.25, 1.25],
    patch2d: [320, 256],
    spacing2d: [1.25, 1.25],
  },
  '03': {
    patch3d: [128, 128, 128],
    spacing3d: [1, 0.7676, 0.7676],
    patch2d: [512, 512],
    spacing2d: [0.7676, 0.7676],
    ct: { min: -17, max: 201, mean: 99.4, std: 39.36 },
  },
  '04': { patch3d: [40, 56, 40], spacing3d: [1, 1, 1], patch2d: [56, 40], spacing2d: [1, 1] },
  '05': {
    patch3d: [20, 320, 256],
    spacing3d: [3.6, 0.62, 0.62],
    patch2d: [320, 320],
    spacing2d: [0.62, 0.62],
  },
  '06': {
    patch3d: [80, 192, 160],
    spacing3d: [1.24, 0.79, 0.79],
    patch2d: [512, 512],
    spacing2d: [0.79, 0.79],
    ct: { min: -1024, max: 325, mean: -158.58, std: 324.7 },
  },
  '07': {
    patch3d: [40, 224, 224],
    spacing3d: [2.5, 0.8, 0.8],
    patch2d: [512, 512],
    spacing2d: [0.8, 0.8],
    ct: { min: -96, max: 215, mean: 77.9, std: 75.4 },
  },
  '08': {
    patch3d: [64, 192, 192],
    spacing3d: [1.5, 0.8, 0.8],
    patch2d: [512, 512],
    spacing2d: [0.8, 0.8],
    ct: { min: -3, max: 243, mean: 104.37, std: 52.62 },
  },
  '09': {
    patch3d: [64, 192, 160],
    spacing3d: [1.6, 0.79, 0.79],
    patch2d: [512, 512],
    spacing2d: [0.79, 0.79],
    ct: { min: -41, max: 176, mean: 99.29, std: 39.47 },
  },
  '10': {
    patch3d: [56, 192, 160],
    spacing3d: [3, 0.78, 0.78],
    patch2d: [512, 512],
    spacing2d: [0.78, 0.78],
    ct: { min: -30, max: 165.82, mean: 62.18, std: 32.65 },
  },
};

/** The seed's batch sizes (its training scripts use 2 in 3D and 64 slices in 2D). */
export const NVIDIA_BATCH_SIZE = { 2: 64, 3: 2 } as const;
