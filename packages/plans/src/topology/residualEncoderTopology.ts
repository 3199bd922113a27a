import type { ResidualEncoderTopology, Topology } from './Topology';

/**
 * Residual blocks per encoder stage of nnU-Net v2's ResEnc presets (`nnUNetPlannerResEncM/L/XL`:
 * 1, 3, 4, then 6 for every further stage); M, L and XL differ in patch and batch size, not in these.
 */
export function resEncBlocksPerStage(stages: number): number[] {
  return Array.from({ length: stages }, (_, s) => [1, 3, 4][s] ?? 6);
}

/**
 * The ResEnc presets' network on a topology's stages: v2's `ResidualEncoderUNet` with
 * `resEncBlocksPerStage` residual blocks in the encoder and one conv block per decoder stage.
 */
export function residualEncoderTopology({ kernels, strides, filters }: Topology): ResidualEncoderTopology {
  return {
    kernels,
    strides,
    filters,
    networkClassName: 'ResidualEncoderUNet',
    nBlocksPerStage: resEncBlocksPerStage(strides.length),
    nConvPerStageDecoder: Array<number>(strides.length - 1).fill(1),
  };
}
