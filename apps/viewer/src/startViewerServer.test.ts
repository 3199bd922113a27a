import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionData } from './internal/SessionData';
import {
  ctImage,
  ctLabel,
  haveSharedCt,
  makeResultsFolder,
  type ResultsFolder,
} from './internal/resultsFolder.fixture';
import { startViewerServer, type ViewerServer } from './startViewerServer';

/** A GET with a raw path and Host header, as a browser or an attacker could send them. */
function rawGet(port: number, rawPath: string, host = `127.0.0.1:${port}`, method = 'GET') {
  return new Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: rawPath, method, headers: { host } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, body: Buffer.concat(chunks), headers: res.headers }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe.runIf(haveSharedCt())('startViewerServer', () => {
  let results: ResultsFolder;
  let pageDir: string;
  let server: ViewerServer;
  let session: SessionData;

  beforeAll(async () => {
    results = await makeResultsFolder();
    pageDir = await mkdtemp(path.join(tmpdir(), 'viewer-page-'));
    await writeFile(path.join(pageDir, 'index.html'), '<!doctype html><title>page</title>');
    await writeFile(path.join(pageDir, 'main.js'), 'console.log(1)');
    server = await startViewerServer({
      image: ctImage('ct_006'),
      label: ctLabel('ct_006'),
      results: results.root,
      pageDir,
    });
    session = (await (await fetch(new URL('api/session', server.url))).json()) as SessionData;
  });
  afterAll(async () => {
    await server?.close();
    await results?.cleanup();
    await rm(pageDir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and serves the page', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await index.text()).toContain('<title>page</title>');
    const script = await fetch(new URL('main.js', server.url));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('answers /api/session with the given case first, then the results cases, with file URLs', () => {
    expect(session.title).toBe('Task_CT');
    expect(session.cases.map((c) => c.name)).toEqual(['ct_006', 'ct_001', 'ct_002', 'ct_003']);
    for (const c of session.cases) {
      for (const url of [c.image, c.label].concat(c.name === 'ct_006' ? [] : [c.prediction])) {
        expect(url).toMatch(/^\/files\/\d+\/ct_00\d\.nii\.gz$/);
      }
    }
    expect(session.cases[1]!.metrics?.['1']?.Dice).toBe(0.9);
    expect(session.classes.map((c) => c.name)).toEqual(['liver', 'spleen', 'kidney']);
    expect(session.curves.length).toBeGreaterThan(0);
  });

  it('serves the bytes of each case file at its URL', async () => {
    const expected = [
      [session.cases[0]!.image!, ctImage('ct_006')],
      [session.cases[1]!.label!, ctLabel('ct_001')],
      [session.cases[3]!.prediction!, results.predictions.ct_003],
    ] as const;
    for (const [url, file] of expected) {
      const response = await fetch(new URL(url, server.url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/gzip');
      expect(Buffer.from(await response.arrayBuffer()).equals(await readFile(file))).toBe(true);
    }
    const head = await rawGet(server.port, session.cases[0]!.image!, undefined, 'HEAD');
    expect([head.status, head.body.length]).toEqual([200, 0]);
  });

  it('serves nothing else: no traversal, no unlisted file, no other number or name', async () => {
    const image = session.cases[0]!.image!;
    const id = image.split('/')[2];
    for (const attempt of [
      '/../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      `/files/${id}/..%2F..%2F..%2Fetc%2Fpasswd`,
      `/files/${id}/passwd`,
      '/files/999/ct_001.nii.gz',
      '/files/-1/ct_001.nii.gz',
      `/files/${id}`,
      '/index.html/../../package.json',
      '/dllogger.json',
      '/fold_0/validation/summary.json',
    ]) {
      const response = await rawGet(server.port, attempt);
      expect(response.status, attempt).toBe(404);
    }
  });

  it('refuses other Host headers (DNS rebinding) and methods other than GET and HEAD', async () => {
    expect((await rawGet(server.port, '/api/session', 'evil.example')).status).toBe(403);
    expect((await rawGet(server.port, '/api/session', `localhost:${server.port}`)).status).toBe(200);
    const post = await rawGet(server.port, '/api/session', undefined, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('says when the port is taken', async () => {
    await expect(startViewerServer({ port: server.port, pageDir })).rejects.toThrow(
      `--port ${server.port}: already in use on 127.0.0.1`,
    );
  });
});

describe('startViewerServer without a page', () => {
  it('says how to build it', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'viewer-nopage-'));
    try {
      await expect(startViewerServer({ pageDir: empty })).rejects.toThrow(
        `page folder ${empty} has no index.html`,
      );
    } finally {
      await rm(empty, { recursive: true });
    }
  });
});
