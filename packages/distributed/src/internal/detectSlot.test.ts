import { describe, expect, it } from 'vitest';
import { detectSlot } from './detectSlot';
import { parseHosts } from './parseHosts';
import { planSlots } from './planSlots';
import { workerEnv } from './workerEnv';

const slotOf = (d: ReturnType<typeof detectSlot>) => [
  d.rank,
  d.size,
  d.localRank,
  d.localSize,
  d.crossRank,
  d.crossSize,
];

describe('detectSlot', () => {
  it('is a single process without any launcher or scheduler variables', () => {
    const d = detectSlot({ PATH: '/usr/bin' });
    expect(d.source).toBe('single-process');
    expect(slotOf(d)).toEqual([0, 1, 0, 1, 0, 1]);
    expect(d.rendezvous).toBeNull();
  });

  it('reads back every slot that nnunet-run plans, with the launcher hosting the rendezvous', () => {
    const slots = planSlots(6, parseHosts('a:3,b:1,c:2'));
    for (const slot of slots) {
      const env = workerEnv(slot, { rendezvous: { host: 'a', port: 4000 }, jobToken: 'tok' });
      const d = detectSlot(env);
      expect(d.source).toBe('nnunet-run');
      expect(slotOf(d)).toEqual([
        slot.rank,
        6,
        slot.localRank,
        slot.localSize,
        slot.crossRank,
        slot.crossSize,
      ]);
      expect(d.rendezvous).toEqual({ host: 'a', port: 4000 });
      expect(d.rendezvousHost).toBe('launcher');
      expect(d.jobToken).toBe('tok');
    }
  });

  it('reads torchrun, shifting past the port of torch’s agent store', () => {
    const env = {
      RANK: '5',
      WORLD_SIZE: '8',
      LOCAL_RANK: '1',
      LOCAL_WORLD_SIZE: '4',
      GROUP_RANK: '1',
      GROUP_WORLD_SIZE: '2',
      MASTER_ADDR: 'node01',
      MASTER_PORT: '29500',
      TORCHELASTIC_USE_AGENT_STORE: 'True',
    };
    const d = detectSlot(env);
    expect(d.source).toBe('torchrun');
    expect(slotOf(d)).toEqual([5, 8, 1, 4, 1, 2]);
    expect(d.rendezvous).toEqual({ host: 'node01', port: 29501 });
    expect(d.rendezvousHost).toBe('rank0');
    expect(detectSlot({ ...env, TORCHELASTIC_USE_AGENT_STORE: 'False' }).rendezvous?.port).toBe(29500);
  });

  it('treats bare RANK/WORLD_SIZE as one process per host', () => {
    const d = detectSlot({ RANK: '2', WORLD_SIZE: '3', MASTER_ADDR: '10.0.0.1', MASTER_PORT: '1234' });
    expect(slotOf(d)).toEqual([2, 3, 0, 1, 2, 3]);
  });

  it('reads Open MPI, deriving the host index from a by-slot mapping', () => {
    const d = detectSlot({
      OMPI_COMM_WORLD_RANK: '5',
      OMPI_COMM_WORLD_SIZE: '8',
      OMPI_COMM_WORLD_LOCAL_RANK: '1',
      OMPI_COMM_WORLD_LOCAL_SIZE: '4',
      NNUNET_RENDEZVOUS: 'node01:7000',
    });
    expect(d.source).toBe('open-mpi');
    expect(slotOf(d)).toEqual([5, 8, 1, 4, 1, 2]);
    expect(d.rendezvous).toEqual({ host: 'node01', port: 7000 });
  });

  it('reads a SLURM step with uneven tasks per node', () => {
    // 7 tasks on 4 nodes as 2,2,2,1: task 6 is local rank 0 on node 3.
    const step = {
      SLURM_PROCID: '6',
      SLURM_NTASKS: '7',
      SLURM_STEP_NUM_TASKS: '7',
      SLURM_LOCALID: '0',
      SLURM_NODEID: '3',
      SLURM_STEP_TASKS_PER_NODE: '2(x3),1',
      MASTER_ADDR: 'n1',
      MASTER_PORT: '6000',
    };
    const d = detectSlot(step);
    expect(d.source).toBe('slurm');
    expect(slotOf(d)).toEqual([6, 7, 0, 1, 3, 4]);
    expect(d.rendezvous).toEqual({ host: 'n1', port: 6000 });
    const secondOnNode1 = detectSlot({ ...step, SLURM_PROCID: '3', SLURM_LOCALID: '1', SLURM_NODEID: '1' });
    expect(slotOf(secondOnNode1)).toEqual([3, 7, 1, 2, 1, 3]);
  });

  it('does not take a SLURM batch script (no srun step) for a rank', () => {
    const d = detectSlot({ SLURM_PROCID: '0', SLURM_NTASKS: '8', SLURM_LOCALID: '0', SLURM_NODEID: '0' });
    expect(d.source).toBe('single-process');
    expect(d.size).toBe(1);
  });

  it('prefers nnunet-run, then torchrun, then Open MPI, then SLURM', () => {
    const slurm = {
      SLURM_PROCID: '1',
      SLURM_STEP_NUM_TASKS: '2',
      SLURM_LOCALID: '0',
      SLURM_NODEID: '1',
      SLURM_STEP_TASKS_PER_NODE: '1(x2)',
    };
    const ompi = {
      OMPI_COMM_WORLD_RANK: '2',
      OMPI_COMM_WORLD_SIZE: '4',
      OMPI_COMM_WORLD_LOCAL_RANK: '0',
      OMPI_COMM_WORLD_LOCAL_SIZE: '1',
    };
    const torch = { RANK: '3', WORLD_SIZE: '5' };
    const nnunet = workerEnv(planSlots(6, parseHosts('x:6'))[4]!, {
      rendezvous: { host: 'x', port: 9 },
      jobToken: '',
    });
    expect(detectSlot(slurm).rank).toBe(1);
    expect(detectSlot({ ...slurm, ...ompi }).source).toBe('open-mpi');
    expect(detectSlot({ ...slurm, ...ompi, ...torch }).source).toBe('torchrun');
    const all = detectSlot({ ...slurm, ...ompi, ...torch, ...nnunet });
    expect([all.source, all.rank, all.size]).toEqual(['nnunet-run', 4, 6]);
  });

  it('names the variable that is missing or wrong', () => {
    expect(() => detectSlot({ NNUNET_RANK: '1', NNUNET_SIZE: '2' })).toThrow(
      /NNUNET_LOCAL_RANK is not set \(NNUNET_RANK is set/,
    );
    expect(() => detectSlot({ RANK: '1' })).toThrow(
      'WORLD_SIZE is not set (RANK is set, so WORLD_SIZE must be too)',
    );
    expect(() => detectSlot({ RANK: 'one', WORLD_SIZE: '2' })).toThrow(
      "RANK must be an integer ≥ 0, got 'one'",
    );
    expect(() => detectSlot({ RANK: '2', WORLD_SIZE: '2' })).toThrow(/torchrun: rank 2 is not below size 2/);
    expect(() => detectSlot({ RANK: '0', WORLD_SIZE: '2', MASTER_ADDR: 'a' })).toThrow(
      'MASTER_PORT is not set (MASTER_ADDR is set)',
    );
    expect(() => detectSlot({ RANK: '0', WORLD_SIZE: '2', NNUNET_RENDEZVOUS: 'a' })).toThrow(
      /NNUNET_RENDEZVOUS/,
    );
    expect(() =>
      detectSlot({
        SLURM_PROCID: '0',
        SLURM_STEP_NUM_TASKS: '2',
        SLURM_LOCALID: '0',
        SLURM_NODEID: '2',
        SLURM_STEP_TASKS_PER_NODE: '1(x2)',
      }),
    ).toThrow('SLURM_NODEID 2 is beyond the 2 nodes of SLURM_STEP_TASKS_PER_NODE=1(x2)');
  });
});
