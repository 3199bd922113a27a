import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { formatSummary, summarizeCases } from '@nnunet-ts/losses-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, type RawAnswer } from './internal/rawHttp.fixture';
import type { SessionData } from './internal/SessionData';
import {
  ctImage,
  ctLabel,
  haveSharedCt,
  makeResultsFolder,
  type ResultsFolder,
} from './internal/resultsFolder.fixture';
import { startViewerServer, type ViewerServer } from './startViewerServer';

/** The token of a server's URL. */
const tokenOf = (server: ViewerServer) => new URL(server.url).searchParams.get('token')!;

/** Opens the page's URL as a browser does and returns the cookie the server answers with. */
async function enter(server: ViewerServer): Promise<{ answer: RawAnswer; cookie: string }> {
  const answer = await rawRequest(server.port, `/?token=${tokenOf(server)}`);
  return { answer, cookie: answer.headers['set-cookie']!.split(';')[0]! };
}

/** A page folder with an index.html and a script. */
async function makePage(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'viewer-page-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>page</title>');
  await writeFile(path.join(dir, 'main.js'), 'console.log(1)');
  return dir;
}

describe.runIf(haveSharedCt())('startViewerServer', () => {
  let results: ResultsFolder;
  let pageDir: string;
  let server: ViewerServer;
  let cookie: string;
  let session: SessionData;
  /** a file beside the results folder that nothing may serve, and the bytes that mark it */
  let secret: string;
  const secretBytes = Buffer.concat([Buffer.from('SECRET-'), randomBytes(32)]);
  const get = (target: string, request: Parameters<typeof rawRequest>[2] = {}) =>
    rawRequest(server.port, target, { cookie, ...request });

  beforeAll(async () => {
    results = await makeResultsFolder();
    pageDir = await makePage();
    secret = path.join(path.dirname(results.root), 'secret.nii.gz');
    await writeFile(secret, secretBytes);
    // a link inside the results folder to the secret, which a second summary names by a relative path
    await symlink(secret, path.join(results.root, 'fold_0', 'secret.nii.gz'));
    await mkdir(path.join(results.root, 'fold_1'));
    const metrics = { '1': { Dice: 1, IoU: 1, TP: 0, FP: 0, FN: 0, TN: 0, n_pred: 0, n_ref: 0 } };
    await writeFile(
      path.join(results.root, 'fold_1', 'summary.json'),
      formatSummary(
        summarizeCases([
          { prediction_file: '../fold_0/secret.nii.gz', reference_file: '../fold_0/secret.nii.gz', metrics },
        ]),
      ),
    );
    server = await startViewerServer({
      image: ctImage('ct_006'),
      label: ctLabel('ct_006'),
      results: results.root,
      pageDir,
    });
    cookie = (await enter(server)).cookie;
    session = JSON.parse((await get('/api/session')).body.toString()) as SessionData;
  });
  afterAll(async () => {
    await server?.close();
    await results?.cleanup();
    await rm(pageDir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and gives a URL with a fresh random token (256 bits, base64url)', async () => {
    expect(server.address).toBe('127.0.0.1');
    expect(server.warnings).toEqual([]);
    expect(server.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{43}$`),
    );
    const other = await startViewerServer({ pageDir });
    try {
      expect(tokenOf(other)).not.toBe(tokenOf(server));
    } finally {
      await other.close();
    }
  });

  it("answers the URL's token with the page and an HttpOnly, SameSite=Strict cookie for the rest", async () => {
    const { answer } = await enter(server);
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toContain('<title>page</title>');
    expect(answer.headers['set-cookie']).toBe(
      `nnunet_viewer_${server.port}=${tokenOf(server)}; Path=/; HttpOnly; SameSite=Strict`,
    );
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    const script = await get('/main.js');
    expect([script.status, script.headers['content-type'], script.body.toString()]).toEqual([
      200,
      'text/javascript; charset=utf-8',
      'console.log(1)',
    ]);
    // with the cookie, the page reloads without the token in its URL
    expect((await get('/')).status).toBe(200);
  });

  it('refuses every request without the token, or with a wrong one, with 403 and a short text', async () => {
    const token = tokenOf(server);
    const sameLength = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const image = session.cases[0]!.image!;
    const attempts: [string, { cookie?: string }][] = [
      ['/', {}],
      ['/index.html', {}],
      ['/main.js', {}],
      ['/api/session', {}],
      [image, {}],
      ['/?token=', {}],
      ['/?token=wrong', {}],
      [`/?token=${sameLength}`, {}],
      [`/?token=${token.slice(0, 22)}`, {}],
      // the token in the query opens the page only, not the API or the files
      [`/api/session?token=${token}`, {}],
      [`${image}?token=${token}`, {}],
      ['/api/session', { cookie: `nnunet_viewer_${server.port}=${sameLength}` }],
      ['/api/session', { cookie: `nnunet_viewer_${server.port + 1}=${token}` }],
      ['/api/session', { cookie: `token=${token}` }],
    ];
    for (const [target, { cookie: sent }] of attempts) {
      const answer = await rawRequest(server.port, target, sent === undefined ? {} : { cookie: sent });
      expect(answer.status, target).toBe(403);
      expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(answer.headers['set-cookie'], target).toBeUndefined();
      expect(answer.body.toString(), target).toBe(
        'forbidden: open the URL that nnunet view printed, with its ?token=',
      );
    }
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
      const answer = await get(url);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('application/gzip');
      expect(answer.body.equals(await readFile(file))).toBe(true);
    }
    const head = await get(session.cases[0]!.image!, { method: 'HEAD' });
    expect([head.status, head.body.length]).toEqual([200, 0]);
  });

  it('serves nothing else: no traversal in any spelling, no unlisted file, no other number or name', async () => {
    const image = session.cases[0]!.image!;
    const [, , id, name] = image.split('/');
    const attempts: [string, number][] = [
      ['/../../../etc/passwd', 404],
      ['/%2e%2e/%2e%2e/etc/passwd', 404],
      ['/%252e%252e/%252e%252e/etc/passwd', 404],
      [`/files/${id}/..%2F..%2F..%2Fsecret.nii.gz`, 404],
      [`/files/${id}/%2e%2e%2f%2e%2e%2fsecret.nii.gz`, 404],
      [`/files/${id}/%252e%252e%252fsecret.nii.gz`, 404],
      [`/files/${id}/..%5C..%5Csecret.nii.gz`, 404],
      [`/files/${id}/..\\..\\secret.nii.gz`, 404],
      [`/files\\${id}\\${name}`, 404],
      [`/files/${id}/../${id}/${name}`, 404],
      [`/files/${id}/./${name}`, 404],
      [`/files/${id}/${name!.replace('.', '%2E')}`, 404],
      [`/files/0${id}/${name}`, 404],
      [`/files/${id}/${name}/`, 404],
      [`/files/${id}/${name}%00`, 404],
      [`/files/${id}/${name}%2500`, 404],
      [`/files/${id}/${name}\0.txt`, 400],
      [`/${secret}`, 404],
      [`/${encodeURIComponent(secret)}`, 404],
      [`/files/${id}/${encodeURIComponent(secret)}`, 404],
      [`http://127.0.0.1:${server.port}${secret}`, 400],
      [`/files/${id}/passwd`, 404],
      ['/files/999/ct_001.nii.gz', 404],
      ['/files/-1/ct_001.nii.gz', 404],
      [`/files/${id}`, 404],
      ['/index.html/../../package.json', 404],
      ['/dllogger.json', 404],
      ['/fold_0/validation/summary.json', 404],
      ['/fold_0/secret.nii.gz', 404],
    ];
    for (const [target, status] of attempts) {
      const answer = await get(target);
      expect(answer.status, target).toBe(status);
      expect(answer.body.includes(secretBytes), target).toBe(false);
      expect(answer.body.toString(), target).not.toContain('root:');
    }
  });

  it('serves no link that leads out of the results folder, named by a summary or swapped in later', async () => {
    expect(server.content.warnings).toContain(
      `${path.join(results.root, 'fold_1', 'summary.json')}: ../fold_0/secret.nii.gz leads outside the results folder; left out`,
    );
    const urls = session.cases
      .flatMap((c) => [c.image, c.label, c.prediction])
      .filter((u) => u !== undefined);
    for (const url of urls) expect((await get(url)).body.includes(secretBytes), url).toBe(false);
    // the prediction of ct_003 lies in the results folder: replaced by a link to the secret, it is refused
    const url = session.cases[3]!.prediction!;
    const file = results.predictions.ct_003;
    await rename(file, `${file}.moved`);
    await symlink(secret, file);
    try {
      const answer = await get(url);
      expect(answer.status).toBe(404);
      expect(answer.body.includes(secretBytes)).toBe(false);
    } finally {
      await rm(file);
      await rename(`${file}.moved`, file);
    }
    expect((await get(url)).status).toBe(200);
  });

  it('refuses other Host headers (DNS rebinding) and methods other than GET and HEAD', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '']) {
      const answer = await get('/api/session', { host });
      expect(answer.status, host).toBe(403);
      expect(answer.body.toString()).toBe('forbidden: unexpected Host header');
    }
    // no Host at all: Node's HTTP/1.1 parser answers 400 itself
    expect((await get('/api/session', { host: null })).status).toBe(400);
    expect((await get('/api/session', { host: `localhost:${server.port}` })).status).toBe(200);
    expect((await get('/api/session', { host: `LocalHost:${server.port}` })).status).toBe(200);
    const post = await get('/api/session', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('says when the port is taken', async () => {
    await expect(startViewerServer({ port: server.port, pageDir })).rejects.toThrow(
      `--port ${server.port}: already in use on 127.0.0.1`,
    );
  });
});

describe('startViewerServer: where it listens and which Host it answers', () => {
  let pageDir: string;
  beforeAll(async () => {
    pageDir = await makePage();
  });
  afterAll(() => rm(pageDir, { recursive: true, force: true }));

  it('answers the names given with --allow-host, at its port only', async () => {
    const server = await startViewerServer({ pageDir, allowHost: ['viewer.test', 'Tunnel.Example'] });
    try {
      const { cookie } = await enter(server);
      const status = async (host: string) => (await rawRequest(server.port, '/', { host, cookie })).status;
      expect(await status(`viewer.test:${server.port}`)).toBe(200);
      expect(await status(`tunnel.example:${server.port}`)).toBe(200);
      expect(await status(`viewer.test:${server.port + 1}`)).toBe(403);
      expect(await status(`other.test:${server.port}`)).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('takes a host name to listen on and puts it in the URL', async () => {
    const server = await startViewerServer({ pageDir, host: 'localhost' });
    try {
      expect(server.url).toMatch(new RegExp(`^http://localhost:${server.port}/\\?token=`));
      expect(server.warnings).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('warns when it listens on every interface, still asking for the token and a known Host', async () => {
    const server = await startViewerServer({ pageDir, host: '0.0.0.0' });
    try {
      expect(server.address).toBe('0.0.0.0');
      expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=`));
      expect(server.warnings).toEqual([
        '--host 0.0.0.0: listening on every network interface: anyone who can reach this computer and has ' +
          'the URL (token included) can see these medical images, and plain HTTP lets the network read ' +
          'them; share the URL only with those allowed to see them',
      ]);
      expect((await rawRequest(server.port, '/')).status).toBe(403);
      const { answer, cookie } = await enter(server);
      expect(answer.status).toBe(200);
      // this computer's own addresses name no other site
      const addresses = Object.values(networkInterfaces())
        .flat()
        .filter((a) => a?.family === 'IPv4')
        .map((a) => a!.address);
      for (const address of addresses) {
        const answer = await rawRequest(server.port, '/', { host: `${address}:${server.port}`, cookie });
        expect(answer.status, address).toBe(200);
      }
      expect((await rawRequest(server.port, '/', { host: 'evil.example', cookie })).status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('says when --host is no address of this computer', async () => {
    // 192.0.2.1: TEST-NET-1, documentation only
    await expect(startViewerServer({ pageDir, host: '192.0.2.1' })).rejects.toThrow(
      '--host 192.0.2.1: not an address of this computer',
    );
  });

  it('refuses an --allow-host with a port or a scheme', async () => {
    for (const name of ['viewer.test:8080', 'http://viewer.test', 'a b']) {
      await expect(startViewerServer({ pageDir, allowHost: [name] })).rejects.toThrow('expected a host name');
    }
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
