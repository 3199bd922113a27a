import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFaults, writePointOf } from './faultPoint';

const dir = mkdtempSync(join(tmpdir(), 'io-nifti-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = fileURLToPath(new URL('./faultWriter.fixture.ts', import.meta.url));

/** The fixture writes `file` twice (content 1, then 2) under NNUNET_FAULTS=`faults`. */
function writeTwice(file: string, faults: string, bytes = 1 << 20) {
  return spawnSync(
    process.execPath,
    ['--conditions=@nnunet-ts/source', '--import', 'tsx', fixture, file, String(bytes)],
    {
      env: { ...process.env, NNUNET_FAULTS: faults },
      encoding: 'utf8',
    },
  );
}

describe('NNUNET_FAULTS', () => {
  it('parses <action>@<point>:<n> lists and names a malformed entry', () => {
    expect(parseFaults('kill@checkpoint:3, enospc@nifti:1')).toEqual([
      { action: 'kill', point: 'checkpoint', at: 3 },
      { action: 'enospc', point: 'nifti', at: 1 },
    ]);
    expect(parseFaults('')).toEqual([]);
    for (const bad of ['kill@checkpoint', 'explode@step:1', 'kill@disk:2', 'kill@step:0']) {
      expect(() => parseFaults(bad)).toThrow(`NNUNET_FAULTS: '${bad}' is not <action>@<point>:<n>`);
    }
  });

  it('names the point of a write by the file', () => {
    expect(
      ['a/last.ckpt', 'p.nii.gz', 'x.nii', 'case_x.npy', 'plans.json', 'notes.txt'].map(writePointOf),
    ).toEqual(['checkpoint', 'nifti', 'nifti', 'npy', 'json', 'file']);
  });

  it('kill@…:2 SIGKILLs the process halfway through its 2nd write: the 1st file stays whole, no file looks complete', () => {
    const file = join(dir, 'killed', 'last.ckpt');
    mkdirSync(join(dir, 'killed'));
    const run = writeTwice(file, 'kill@checkpoint:2');
    expect(run.signal).toBe('SIGKILL');
    expect(run.stdout).toBe('wrote 1\n');
    expect(readFileSync(file).every((b) => b === 1)).toBe(true);
    // the half-written temporary file is left (SIGKILL runs no cleanup), hidden and named .tmp
    const left = readdirSync(join(dir, 'killed'));
    expect(left).toHaveLength(2);
    const temporary = left.find((name) => name !== 'last.ckpt')!;
    expect(temporary).toMatch(/^\.last\.ckpt\.[A-Za-z0-9-]+\.\d+\.[0-9a-f]{12}\.tmp$/);
    expect(readFileSync(join(dir, 'killed', temporary)).byteLength).toBe(1 << 19);

    // the next process to write there removes the dead one's temporary file
    const again = writeTwice(file, '');
    expect(again.stdout).toBe('wrote 1\nwrote 2\n');
    expect(readdirSync(join(dir, 'killed'))).toEqual(['last.ckpt']);
    expect(readFileSync(file).every((b) => b === 2)).toBe(true);
  });

  it('enospc@…:2 fails the 2nd write as a full disk does: a clear error, the previous file kept, nothing partial', () => {
    mkdirSync(join(dir, 'full'));
    const file = join(dir, 'full', 'case_7.nii.gz');
    const run = writeTwice(file, 'enospc@nifti:2');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      `wrote 1\nfailed: ${file}: could not write: ENOSPC: no space left on device (injected at nifti by NNUNET_FAULTS) [ENOSPC]\n`,
    );
    expect(readdirSync(join(dir, 'full'))).toEqual(['case_7.nii.gz']);
    expect(readFileSync(file).every((b) => b === 1)).toBe(true);
  });
});
