import { describe, expect, it } from 'vitest';
import { nvidiaTopology } from './nvidiaTopology';
import { resEncBlocksPerStage, residualEncoderTopology } from './residualEncoderTopology';

describe('residualEncoderTopology', () => {
  it("gives v2's ResEnc encoder blocks 1, 3, 4, 6, 6, ... and one conv block per decoder stage", () => {
    expect(resEncBlocksPerStage(6)).toEqual([1, 3, 4, 6, 6, 6]);
    expect(resEncBlocksPerStage(8)).toEqual([1, 3, 4, 6, 6, 6, 6, 6]);
    expect(resEncBlocksPerStage(2)).toEqual([1, 3]);
    const plain = nvidiaTopology([128, 128, 128], [1, 1, 1]);
    const resenc = residualEncoderTopology(plain);
    expect(resenc).toEqual({
      ...plain,
      networkClassName: 'ResidualEncoderUNet',
      nBlocksPerStage: [1, 3, 4, 6, 6, 6],
      nConvPerStageDecoder: [1, 1, 1, 1, 1],
    });
  });
});
