import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../internal/captureIo.fixture';
import { run } from '../internal/run';

const here = path.dirname(fileURLToPath(import.meta.url));
const cliRoot = path.resolve(here, '../..');
const sharedCt = path.resolve(here, '../../../../../shared/data/msd_totalseg_ct');
// the server hands out the page that `nx run viewer:build` bundles (CI builds before it tests)
const viewerPage = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@nnunet-ts/viewer/package.json')),
  'dist/page/index.html',
);
const ready = existsSync(sharedCt) && existsSync(viewerPage);
if (!ready)
  console.warn(`[cli] skipping nnunet view: needs ${sharedCt} and a built viewer page (${viewerPage})`);

describe.runIf(ready)('nnunet view (a real process)', () => {
  it('prints the URL, serves the page and the given files there, and stops on SIGINT with status 0', async () => {
    const image = path.join(sharedCt, 'imagesTr/ct_001.nii.gz');
    const child = spawn(
      process.execPath,
      [
        '--conditions=@nnunet-ts/source',
        '--import',
        'tsx',
        'src/cli.ts',
        'view',
        '--image',
        image,
        '--port',
        '0',
      ],
      { cwd: cliRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk;
        const match = /case\(s\) at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      void exited.then(() => reject(new Error(`nnunet view exited early:\n${stdout}\n${stderr}`)));
    });
    try {
      expect(stdout).toMatch(/^1 case\(s\) at /);
      expect(await (await fetch(url)).text()).toContain('<canvas id="gl">');
      const session = (await (await fetch(`${url}api/session`)).json()) as { cases: { image: string }[] };
      const served = Buffer.from(await (await fetch(new URL(session.cases[0]!.image, url))).arrayBuffer());
      const { readFile } = await import('node:fs/promises');
      expect(served.equals(await readFile(image))).toBe(true);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(stdout).toContain('stopped (SIGINT)');
    await expect(fetch(url)).rejects.toThrow();
  }, 60_000);
});

describe('nnunet view options', () => {
  it('rejects a port out of range and a file that does not exist', async () => {
    const { io, out } = captureIo();
    expect(await run(['view', '--port', '70000'], io)).toBe(2);
    expect(out.stderr).toContain('--port');
    const missing = captureIo();
    expect(await run(['view', '--image', path.join(sharedCt, 'none.nii.gz')], missing.io)).toBe(1);
    expect(missing.out.stderr).toMatch(
      /nnunet view: --image .*none\.nii\.gz: does not exist|the viewer page is not built/,
    );
  });
});
