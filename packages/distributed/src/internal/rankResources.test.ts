import { describe, expect, it } from 'vitest';
import { rankResources } from './rankResources';

describe('rankResources', () => {
  it('pins one GPU per local rank, as the seed pins gpus[hvd.local_rank()]', () => {
    const host = { cores: 16, hostCores: 16, localSize: 4 };
    expect(rankResources({ ...host, env: {}, localRank: 2 }).CUDA_VISIBLE_DEVICES).toBe('2');
    // every task sees all of the host's GPUs: each keeps its own
    expect(rankResources({ ...host, env: { CUDA_VISIBLE_DEVICES: '4,5,6,7' }, localRank: 1 })).toMatchObject({
      CUDA_VISIBLE_DEVICES: '5',
    });
    // nnunet-run --bind-gpus or srun --gpus-per-task gave it one already; too few to share out stay
    expect(rankResources({ ...host, env: { CUDA_VISIBLE_DEVICES: '3' }, localRank: 3 })).not.toHaveProperty(
      'CUDA_VISIBLE_DEVICES',
    );
    expect(rankResources({ ...host, env: { CUDA_VISIBLE_DEVICES: '0,1' }, localRank: 3 })).not.toHaveProperty(
      'CUDA_VISIBLE_DEVICES',
    );
  });

  it("gives each rank its share of the host's cores unless NNUNET_NUM_THREADS is set", () => {
    const threads = (localRank: number, localSize: number, cores: number, hostCores: number) =>
      rankResources({ env: { CUDA_VISIBLE_DEVICES: '' }, localRank, localSize, cores, hostCores })
        .NNUNET_NUM_THREADS;
    expect(threads(0, 2, 2, 2)).toBe('1');
    expect(threads(0, 4, 16, 16)).toBe('4');
    expect(threads(2, 3, 2, 2)).toBe('1');
    // a scheduler confined this process to 4 of the host's 32 cores: those are its share
    expect(threads(0, 8, 4, 32)).toBe('4');
    expect(
      rankResources({ env: { NNUNET_NUM_THREADS: '8' }, localRank: 0, localSize: 2, cores: 2, hostCores: 2 }),
    ).toEqual({ CUDA_VISIBLE_DEVICES: '0' });
  });
});
