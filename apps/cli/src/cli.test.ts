import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const execFileAsync = promisify(execFile);
const appDir = fileURLToPath(new URL('..', import.meta.url));
const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Runs the executable's sources as the `dev` script does (tsx, workspace packages from source). */
async function nnunet(...args: string[]) {
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      ['--conditions=@nnunet-ts/source', '--import', 'tsx', 'src/cli.ts', ...args],
      { cwd: appDir },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe('the nnunet executable (child process)', () => {
  it('prints its version and exits 0', async () => {
    expect(await nnunet('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('exits 2 with a one-line error for an unknown command', async () => {
    const result = await nnunet('tarin');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "error: unknown command 'tarin'\n(Did you mean train?)\n(add --help for usage)\n",
    );
  });
});
