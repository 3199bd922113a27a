import { describe, expect, it } from 'vitest';
import { mpirunCommand } from './mpirunCommand';
import { parseLauncherArgs } from './parseLauncherArgs';

describe('mpirunCommand', () => {
  it("builds horovodrun's mpirun line: hosts in order, no binding, tagged output, NNUNET_* exported", () => {
    const args = parseLauncherArgs([
      '-np',
      '6',
      '-H',
      'node01:4,node02:4',
      '-p',
      '2222',
      '-i',
      '/keys/id',
      '--timeout',
      '30',
      '--mpi-args',
      '--mca btl self,tcp',
      '-x',
      'OMP_NUM_THREADS',
      '--',
      'nnunet',
      'train',
      '--fold',
      '0',
    ]);
    const env = {
      PATH: '/usr/bin',
      NNUNET_NUM_THREADS: '4',
      NNUNET_DATA: '/data',
      // a ring slot of an enclosing job must not reach the MPI ranks: detectSlot would read it first
      NNUNET_RANK: '0',
      NNUNET_RENDEZVOUS: '127.0.0.1:5000',
    };
    expect(mpirunCommand(args, { OMP_NUM_THREADS: '1' }, env)).toEqual([
      '-np',
      '6',
      '-H',
      'node01:4,node02:4',
      '--bind-to',
      'none',
      '--map-by',
      'slot',
      '--tag-output',
      '--mca',
      'plm_rsh_args',
      '-p 2222 -i /keys/id',
      '-x',
      'NNUNET_DATA',
      '-x',
      'NNUNET_NUM_THREADS',
      '-x',
      'NNUNET_DIST_BACKEND=mpi',
      '-x',
      'NNUNET_TIMEOUT_MS=30000',
      '-x',
      'OMP_NUM_THREADS=1',
      '--mca',
      'btl',
      'self,tcp',
      'nnunet',
      'train',
      '--fold',
      '0',
    ]);
  });

  it("leaves the engine to the environment's NNUNET_DIST_BACKEND", () => {
    const args = parseLauncherArgs(['-np', '2', '--mpirun', 'node', 'x.js']);
    expect(mpirunCommand(args, {}, { NNUNET_DIST_BACKEND: 'tcp' })).toEqual([
      '-np',
      '2',
      '-H',
      'localhost:2',
      '--bind-to',
      'none',
      '--map-by',
      'slot',
      '--tag-output',
      '-x',
      'NNUNET_DIST_BACKEND',
      'node',
      'x.js',
    ]);
  });
});
