import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
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

/** `nnunet view <args>` as a real process, once it has printed its URL. */
async function startView(args: string[]) {
  const child = spawn(
    process.execPath,
    ['--conditions=@nnunet-ts/source', '--import', 'tsx', 'src/cli.ts', 'view', ...args],
    { cwd: cliRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const out = { stdout: '', stderr: '' };
  child.stderr.on('data', (chunk: Buffer) => (out.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = await new Promise<URL>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out.stdout += chunk;
      const match = /case\(s\) at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)\n/.exec(out.stdout);
      if (match) resolve(new URL(match[1]!));
    });
    void exited.then(() => reject(new Error(`nnunet view exited early:\n${out.stdout}\n${out.stderr}`)));
  });
  return { child, out, exited, url };
}

/** The status of a GET with the Host header given (fetch sets its own). */
function statusWithHost(url: URL, host: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: '/api/session', headers: { host, cookie } },
      (res) => {
        res.resume();
        resolve(res.statusCode!);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe.runIf(ready)('nnunet view (a real process)', () => {
  it('prints the URL with its token, serves the page and the given files only with it, and stops on SIGINT with status 0', async () => {
    const image = path.join(sharedCt, 'imagesTr/ct_001.nii.gz');
    const { child, out, exited, url } = await startView(['--image', image, '--port', '0']);
    try {
      expect(out.stdout).toMatch(/^1 case\(s\) at /);
      expect(out.stderr).toBe('');
      const origin = `${url.origin}/`;
      for (const target of [origin, `${origin}api/session`, `${origin}main.js`, `${origin}?token=wrong`]) {
        const refused = await fetch(target);
        expect(refused.status, target).toBe(403);
        expect(await refused.text()).toContain('?token=');
      }
      const page = await fetch(url);
      expect(await page.text()).toContain('<canvas id="gl">');
      const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
      expect(cookie).toBe(`nnunet_viewer_${url.port}=${url.searchParams.get('token')}`);
      const session = (await (await fetch(`${origin}api/session`, { headers: { cookie } })).json()) as {
        cases: { image: string }[];
      };
      const file = await fetch(new URL(session.cases[0]!.image, origin), { headers: { cookie } });
      expect(Buffer.from(await file.arrayBuffer()).equals(await readFile(image))).toBe(true);
      expect((await fetch(new URL(session.cases[0]!.image, origin))).status).toBe(403);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(out.stdout).toContain('stopped (SIGINT)');
    await expect(fetch(url)).rejects.toThrow();
  }, 60_000);

  it('listens where --host says, warning beyond loopback, and answers the Host names of --allow-host', async () => {
    const { child, out, exited, url } = await startView([
      '--host',
      '0.0.0.0',
      '--allow-host',
      'viewer.test',
      '--allow-host',
      'tunnel.test',
    ]);
    try {
      expect(out.stderr).toMatch(
        /^warning: --host 0\.0\.0\.0: listening on every network interface: anyone who can reach this computer .* can see these medical images/,
      );
      const cookie = (await fetch(url)).headers.get('set-cookie')!.split(';')[0]!;
      expect(await statusWithHost(url, `viewer.test:${url.port}`, cookie)).toBe(200);
      expect(await statusWithHost(url, `tunnel.test:${url.port}`, cookie)).toBe(200);
      expect(await statusWithHost(url, `evil.example:${url.port}`, cookie)).toBe(403);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});

describe('nnunet view options', () => {
  it('rejects a port out of range, a file that does not exist and an --allow-host with a port', async () => {
    const { io, out } = captureIo();
    expect(await run(['view', '--port', '70000'], io)).toBe(2);
    expect(out.stderr).toContain('--port');
    const missing = captureIo();
    expect(await run(['view', '--image', path.join(sharedCt, 'none.nii.gz')], missing.io)).toBe(1);
    expect(missing.out.stderr).toMatch(
      /nnunet view: --image .*none\.nii\.gz: does not exist|the viewer page is not built/,
    );
    const badHost = captureIo();
    expect(await run(['view', '--allow-host', 'viewer.test:8080'], badHost.io)).toBe(2);
    expect(badHost.out.stderr).toContain('--allow-host: expected a host name without port or scheme');
  });
});
