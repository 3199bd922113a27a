import { describe, expect, it } from 'vitest';
import { mpiAvailability } from './mpiAddon';
import { mpiLauncherOf, selectBackend } from './selectBackend';

const mpirunEnv = { OMPI_COMM_WORLD_SIZE: '2', OMPI_COMM_WORLD_RANK: '0' };
const mpi = mpiAvailability();

describe('selectBackend', () => {
  it('knows the MPI launchers by the variables they set', () => {
    expect(mpiLauncherOf(mpirunEnv)).toBe('mpirun (OMPI_COMM_WORLD_SIZE=2)');
    expect(mpiLauncherOf({ PMIX_RANK: '0' })).toMatch(/^a PMIx launcher such as srun --mpi=pmix/);
    expect(mpiLauncherOf({ PMI_SIZE: '4' })).toMatch(/^a PMI launcher such as MPICH's mpiexec/);
    expect(mpiLauncherOf({ SLURM_PROCID: '0' })).toBeNull();
  });

  it('auto takes the ring outside an MPI launcher and always under nnunet-run', () => {
    expect(selectBackend(undefined, {})).toEqual({
      backend: 'tcp',
      reason: 'the TCP ring: not started by mpirun or srun',
    });
    expect(selectBackend('auto', { ...mpirunEnv, NNUNET_RANK: '0' }).backend).toBe('tcp');
  });

  it('auto under mpirun takes MPI when the addon loads, else the ring saying why', () => {
    const chosen = selectBackend(undefined, mpirunEnv);
    if (mpi.available) {
      expect(chosen.backend).toBe('mpi');
      expect(chosen.reason).toBe(`MPI: started by mpirun (OMPI_COMM_WORLD_SIZE=2); ${mpi.reason}`);
    } else {
      expect(chosen).toEqual({
        backend: 'tcp',
        reason: `the TCP ring: started by mpirun (OMPI_COMM_WORLD_SIZE=2), but the MPI addon is unavailable: ${mpi.reason}`,
      });
    }
  });

  it('tcp and the environment variable are obeyed; a bad choice names where it came from', () => {
    expect(selectBackend('tcp', mpirunEnv).backend).toBe('tcp');
    expect(selectBackend(undefined, { ...mpirunEnv, NNUNET_DIST_BACKEND: 'tcp' }).backend).toBe('tcp');
    expect(() => selectBackend(undefined, { NNUNET_DIST_BACKEND: 'nccl' })).toThrow(
      "NNUNET_DIST_BACKEND must be one of auto, mpi, tcp, got 'nccl'",
    );
    expect(() => selectBackend('gloo', {})).toThrow(
      "--dist-backend must be one of auto, mpi, tcp, got 'gloo'",
    );
  });

  it('mpi insists: refused under nnunet-run, and without the addon says what is missing', () => {
    expect(() => selectBackend('mpi', { NNUNET_RANK: '0' })).toThrow(
      /started by nnunet-run, which runs the TCP ring/,
    );
    if (mpi.available) expect(selectBackend('mpi', mpirunEnv).backend).toBe('mpi');
    else expect(() => selectBackend('mpi', mpirunEnv)).toThrow(`the MPI addon is unavailable: ${mpi.reason}`);
  });
});
