import { describe, expect, it } from 'vitest';
import { parseLauncherArgs } from './parseLauncherArgs';

describe('parseLauncherArgs', () => {
  it('reads horovodrun-style arguments, the command after --', () => {
    const args = parseLauncherArgs([
      '-np',
      '4',
      '-H',
      'a:2,b:2',
      '-x',
      'NCCL_DEBUG',
      '-x',
      'FOO=bar',
      '-p',
      '2222',
      '-i',
      '/k',
      '--bind-gpus',
      '--timeout',
      '30',
      '--start-timeout',
      '2.5',
      '--mpirun',
      '--mpi-args',
      ' --mca btl  self,tcp',
      '--rendezvous-port',
      '9000',
      '--',
      'node',
      'train.js',
      '--fold',
      '0',
    ]);
    expect(args).toEqual({
      np: 4,
      hosts: [
        { hostname: 'a', slots: 2 },
        { hostname: 'b', slots: 2 },
      ],
      exportEnv: ['NCCL_DEBUG', 'FOO=bar'],
      sshPort: 2222,
      sshIdentityFile: '/k',
      bindGpus: true,
      timeout: 30,
      startTimeout: 2.5,
      mpirun: true,
      mpiArgs: ['--mca', 'btl', 'self,tcp'],
      rendezvousPort: 9000,
      help: false,
      command: ['node', 'train.js', '--fold', '0'],
    });
  });

  it('starts the command at the first word that is not an option, on localhost by default', () => {
    const args = parseLauncherArgs(['--num-proc', '2', 'python', '-u', 'main.py']);
    expect(args.command).toEqual(['python', '-u', 'main.py']);
    expect(args.hosts).toEqual([{ hostname: 'localhost', slots: 2 }]);
    expect(args.bindGpus).toBe(false);
    expect([args.mpirun, args.mpiArgs]).toEqual([false, []]);
  });

  it('says what is wrong', () => {
    expect(() => parseLauncherArgs(['node', 'x.js'])).toThrow('-np is required');
    expect(() => parseLauncherArgs(['-np', '2'])).toThrow('no command to run');
    expect(() => parseLauncherArgs(['-np', 'two', 'x'])).toThrow('-np needs a positive integer, got two');
    expect(() => parseLauncherArgs(['-np', '2', '-p', '70000', 'x'])).toThrow(
      '-p needs a positive integer up to 65535, got 70000',
    );
    expect(() => parseLauncherArgs(['-np', '2', '--timeout', '0', 'x'])).toThrow(
      '--timeout needs a number of seconds > 0, got 0',
    );
    expect(() => parseLauncherArgs(['-np', '2', '--verbose', 'x'])).toThrow('unknown option --verbose');
    expect(() => parseLauncherArgs(['-np'])).toThrow('-np needs a value');
    expect(parseLauncherArgs(['--help']).help).toBe(true);
  });
});
