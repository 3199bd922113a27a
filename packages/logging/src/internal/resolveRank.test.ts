import { describe, expect, it } from 'vitest';
import { resolveRank } from './resolveRank';

describe('resolveRank', () => {
  it('prefers the explicit option over the environment', () => {
    expect(resolveRank({ rank: 2, env: { NNUNET_RANK: '0' } })).toBe(2);
  });

  it('reads NNUNET_RANK, RANK, OMPI_COMM_WORLD_RANK, SLURM_PROCID in that order', () => {
    const all = { NNUNET_RANK: '1', RANK: '2', OMPI_COMM_WORLD_RANK: '3', SLURM_PROCID: '4' };
    expect(resolveRank({ env: all })).toBe(1);
    expect(resolveRank({ env: { ...all, NNUNET_RANK: undefined } })).toBe(2);
    expect(resolveRank({ env: { OMPI_COMM_WORLD_RANK: '3', SLURM_PROCID: '4' } })).toBe(3);
    expect(resolveRank({ env: { SLURM_PROCID: '4' } })).toBe(4);
    expect(resolveRank({ env: { NNUNET_RANK: '', RANK: ' 5 ' } })).toBe(5);
  });

  it('is 0 when nothing says otherwise', () => {
    expect(resolveRank({ env: {} })).toBe(0);
  });

  it('rejects ranks that are not non-negative integers, naming the source', () => {
    expect(() => resolveRank({ env: { RANK: 'one' } })).toThrow(
      "environment variable RANK must be a non-negative integer, got 'one'",
    );
    expect(() => resolveRank({ env: { SLURM_PROCID: '-1' } })).toThrow('SLURM_PROCID');
    expect(() => resolveRank({ rank: 1.5 })).toThrow('option rank must be a non-negative integer, got 1.5');
    expect(() => resolveRank({ rank: -1 })).toThrow('got -1');
  });
});
