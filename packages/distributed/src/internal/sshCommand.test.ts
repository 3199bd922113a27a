import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sshCommand } from './sshCommand';

describe('sshCommand', () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "nnunet dist's ")));
  const worker = {
    host: 'node02',
    cwd: dir,
    env: { NNUNET_RANK: '3', NNUNET_RENDEZVOUS: 'node01:4242', ODD: "a 'quoted' $VALUE" },
    command: [
      process.execPath,
      '-e',
      'console.log(JSON.stringify([process.cwd(), process.env.NNUNET_RANK, process.env.ODD, process.argv[1]]))',
      'x y',
    ],
  };

  it('is ssh with batch mode, port, key and host before the remote command', () => {
    const args = sshCommand({ ...worker, sshPort: 2222, sshIdentityFile: '/k/id_ed25519' });
    expect(args.slice(0, -1)).toEqual(['-o', 'BatchMode=yes', '-p', '2222', '-i', '/k/id_ed25519', 'node02']);
    expect(args.at(-1)).toMatch(
      /^cd '.*' && exec env NNUNET_RANK=3 NNUNET_RENDEZVOUS=node01:4242 ODD='a '\\''quoted/,
    );
    expect(sshCommand(worker).slice(0, 3)).toEqual(['-o', 'BatchMode=yes', 'node02']);
  });

  it('has a remote command that a POSIX shell runs in the directory with the variables and arguments', () => {
    // What the remote sshd does with the last argument: hand it to the user's shell.
    const remote = sshCommand(worker).at(-1)!;
    const out = execFileSync('/bin/sh', ['-c', remote], { encoding: 'utf8', cwd: tmpdir() });
    expect(JSON.parse(out)).toEqual([dir, '3', "a 'quoted' $VALUE", 'x y']);
  });

  it('rejects variable names a shell would not take', () => {
    expect(() => sshCommand({ ...worker, env: { 'BAD-NAME': '1' } })).toThrow(
      "environment variable name 'BAD-NAME' is not valid",
    );
  });
});
