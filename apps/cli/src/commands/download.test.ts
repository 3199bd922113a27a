import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { synthesizeDataset } from '@nnunet-ts/datasets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../internal/captureIo.fixture';
import { run } from '../internal/run';

const temp = await mkdtemp(path.join(tmpdir(), 'nnunet-cli-download-'));
let server: http.Server;
let origin = '';

function haveTar(): boolean {
  try {
    execFileSync('tar', ['--version']);
    return true;
  } catch {
    console.warn('[cli] skipping the nnunet download test: no tar program to build its archive');
    return false;
  }
}

beforeAll(async () => {
  // a small phantom task, tarred as the MSD bucket holds it, served on 127.0.0.1 only
  await synthesizeDataset(path.join(temp, 'src', 'Task04_Hippocampus'), {
    cases: 2,
    testCases: 0,
    shape: '32,32,16',
  });
  if (haveTar())
    execFileSync('tar', [
      '-cf',
      path.join(temp, 'task.tar'),
      '-C',
      path.join(temp, 'src'),
      'Task04_Hippocampus',
    ]);
  server = http.createServer(async (req, res) => {
    if (req.url !== '/Task04_Hippocampus.tar' || !existsSync(path.join(temp, 'task.tar'))) {
      res.writeHead(404).end();
      return;
    }
    const body = await readFile(path.join(temp, 'task.tar'));
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(temp, { recursive: true, force: true });
});

describe('nnunet download', () => {
  it.skipIf(!haveTar())(
    'downloads and extracts a task, with plain progress lines when stderr is not a terminal',
    async () => {
      const data = path.join(temp, 'data');
      const { io, out } = captureIo();
      const url = `${origin}/Task04_Hippocampus.tar`;
      expect(await run(['download', '--task', '04', '--data', data, '--url', url], io)).toBe(0);
      expect(out.stdout).toBe(`Task04_Hippocampus is ready in ${path.join(data, 'Task04_Hippocampus')}\n`);
      const size = Math.round(((await stat(path.join(temp, 'task.tar'))).size / 2 ** 20) * 100) / 100;
      const lines = out.stderr.trimEnd().split('\n');
      expect(lines[0]).toBe(`download Task04_Hippocampus.tar 0/${size} MB`);
      expect(lines).toContain(`download Task04_Hippocampus.tar ${size}/${size} MB`);
      expect(lines.at(-1)).toBe(`extract Task04_Hippocampus ${size}/${size} MB`);
      expect(lines.length).toBeLessThanOrEqual(22); // a line per tenth of each phase, not one per chunk
      const check = captureIo();
      expect(await run(['verify', '--task', '4', '--data', data], check.io)).toBe(0);
    },
  );

  it('reports HTTP errors and unknown tasks with exit 1', async () => {
    const data = path.join(temp, 'other');
    const missing = captureIo();
    const url = `${origin}/Task05_Prostate.tar`;
    expect(await run(['download', '--task', '5', '--data', data, '--url', url], missing.io)).toBe(1);
    expect(missing.out.stderr).toBe(`nnunet download: ${url}: HTTP 404 Not Found\n`);
    const unknown = captureIo();
    expect(await run(['download', '--task', '12', '--data', data], unknown.io)).toBe(1);
    expect(unknown.out.stderr).toMatch(
      /^nnunet download: task '12' is not a Medical Segmentation Decathlon task/,
    );
  });
});
