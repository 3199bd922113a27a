import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { downloadTask, type DownloadTaskProgress } from './downloadTask';
import { serveFile, type FileServerOptions } from './internal/fileServer.fixture';
import { haveSharedData, sharedCt, tempDir } from './internal/sharedData.fixture';
import { folderEntries, tarArchive } from './internal/tarArchive.fixture';
import { loadDataset } from './loadDataset';
import { verifyDataset } from './verifyDataset';

const haveCt = haveSharedData('msd_totalseg_ct');
const TASK = 'Task09_Spleen';
const FILE = `/${TASK}.tar`;

let archive: Buffer;
beforeAll(async () => {
  if (haveCt) archive = tarArchive(await folderEntries(sharedCt, TASK));
});

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(body: Buffer, options: FileServerOptions = {}) {
  const server = await serveFile(FILE, body, options);
  servers.push(server);
  return server;
}

/** Every file under a folder, relative path → sha256 (comparing megabytes with toEqual is slow). */
async function contents(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isFile())
      files.set(
        path.relative(dir, full),
        createHash('sha256')
          .update(await readFile(full))
          .digest('hex'),
      );
  }
  return files;
}

describe.skipIf(!haveCt)('downloadTask against a local server', () => {
  it('downloads, checks and extracts a task, then removes the archive', async () => {
    const server = await serve(archive);
    const dataRoot = await tempDir();
    const events: DownloadTaskProgress[] = [];
    const folder = await downloadTask('9', { dataRoot, url: server.url, onProgress: (e) => events.push(e) });
    expect(folder).toBe(path.join(dataRoot, TASK));
    expect(await contents(folder)).toEqual(await contents(sharedCt));
    expect(await verifyDataset(await loadDataset(folder))).toEqual([]);
    expect(await readdir(dataRoot)).toEqual([TASK]);
    expect(server.requests).toEqual([{ url: FILE, range: undefined, status: 200, sent: archive.length }]);

    const downloads = events.filter((e) => e.phase === 'download');
    expect(downloads.at(-1)).toEqual({
      phase: 'download',
      received: archive.length,
      total: archive.length,
      resumedFrom: 0,
    });
    expect(downloads.every((e, i) => i === 0 || e.received >= downloads[i - 1]!.received)).toBe(true);
    expect(events.at(-1)).toEqual({ phase: 'extract', done: archive.length, total: archive.length });

    // a second call finds the dataset and asks the server nothing
    expect(await downloadTask('09', { dataRoot, url: server.url })).toBe(folder);
    expect(server.requests).toHaveLength(1);
  });

  it('keeps an interrupted transfer and resumes it with a Range request', async () => {
    const cut = 1_000_000;
    const server = await serve(archive, { cutFirstAfter: cut });
    const dataRoot = await tempDir();
    const part = path.join(dataRoot, `${TASK}.tar.part`);
    await expect(downloadTask('09', { dataRoot, url: server.url, retries: 0 })).rejects.toThrow(
      new RegExp(`^${server.url}: transfer interrupted after \\d+ of ${archive.length} bytes`),
    );
    const kept = (await stat(part)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(cut);
    expect((await readFile(part)).equals(archive.subarray(0, kept))).toBe(true);
    expect(existsSync(path.join(dataRoot, TASK))).toBe(false);

    const events: DownloadTaskProgress[] = [];
    const folder = await downloadTask('09', { dataRoot, url: server.url, onProgress: (e) => events.push(e) });
    expect(server.requests[1]).toEqual({
      url: FILE,
      range: `bytes=${kept}-`,
      status: 206,
      sent: archive.length - kept,
    });
    expect(events[0]).toEqual({
      phase: 'download',
      received: kept,
      total: archive.length,
      resumedFrom: kept,
    });
    expect(await contents(folder)).toEqual(await contents(sharedCt));
    expect(existsSync(part)).toBe(false);
  });

  it('resumes by itself within one call', async () => {
    const server = await serve(archive, { cutFirstAfter: 2_000_000 });
    const folder = await downloadTask('09', { dataRoot: await tempDir(), url: server.url });
    expect(server.requests.map((r) => r.status)).toEqual([200, 206]);
    expect(await contents(folder)).toEqual(await contents(sharedCt));
  });

  it('starts over when the server ignores the range or the partial file does not fit', async () => {
    for (const options of [{ ignoreRange: true }, {}]) {
      const server = await serve(archive, options);
      const dataRoot = await tempDir();
      // garbage that is longer than the file: the server answers 416 unless it ignores ranges
      const junk = options.ignoreRange ? 1000 : archive.length + 10;
      await writeFile(path.join(dataRoot, `${TASK}.tar.part`), Buffer.alloc(junk, 7));
      const folder = await downloadTask('09', { dataRoot, url: server.url, retries: 0 });
      expect(await contents(folder)).toEqual(await contents(sharedCt));
      const last = server.requests.at(-1)!;
      expect([last.status, last.sent]).toEqual([200, archive.length]);
    }
  });

  it('checks the final size against what the server announced', async () => {
    const server = await serve(archive, {
      // a server whose Content-Range claims a larger file than the bytes it has
      rangeAnswer: (start, size) => ({
        contentRange: `bytes ${start}-${size - 1}/${size + 512}`,
        body: archive.subarray(start),
      }),
    });
    const dataRoot = await tempDir();
    await writeFile(path.join(dataRoot, `${TASK}.tar.part`), archive.subarray(0, 4096));
    await expect(downloadTask('09', { dataRoot, url: server.url, retries: 0 })).rejects.toThrow(
      `${server.url}: ${path.join(dataRoot, `${TASK}.tar.part`)} has ${archive.length} bytes, but the server announced ${archive.length + 512}`,
    );
    expect(existsSync(path.join(dataRoot, TASK))).toBe(false);
  });

  it('follows redirects', async () => {
    const server = await serve(archive, { redirects: ['/mirror/Task09_Spleen.tar'] });
    const folder = await downloadTask('09', {
      dataRoot: await tempDir(),
      url: `${server.origin}/mirror/Task09_Spleen.tar`,
    });
    expect(server.requests.map((r) => [r.url, r.status])).toEqual([
      ['/mirror/Task09_Spleen.tar', 302],
      [FILE, 200],
    ]);
    expect(existsSync(path.join(folder, 'dataset.json'))).toBe(true);
  });

  it('extracts atomically: a corrupt archive leaves no dataset folder and no temporary folder', async () => {
    const corrupt = Buffer.from(archive);
    corrupt[512 + 10] ^= 0xff; // inside the second header's name: its checksum no longer matches
    const server = await serve(corrupt);
    const dataRoot = await tempDir();
    await expect(downloadTask('09', { dataRoot, url: server.url })).rejects.toThrow(
      /corrupt tar header at byte \d+ .*\(the download is kept as .*Task09_Spleen\.tar\.part; delete it to download again\)$/,
    );
    expect(await readdir(dataRoot)).toEqual([`${TASK}.tar.part`]);
  });
});

describe('downloadTask errors', () => {
  it('does not retry an HTTP error and writes nothing', async () => {
    const server = await serve(Buffer.from('x'));
    const dataRoot = await tempDir();
    await expect(downloadTask('04', { dataRoot, url: `${server.origin}/nothing.tar` })).rejects.toThrow(
      `${server.origin}/nothing.tar: HTTP 404 Not Found`,
    );
    expect(server.requests).toHaveLength(1);
    expect(await readdir(dataRoot)).toEqual([]);
  });

  it('knows only the ten MSD tasks, and refuses a folder that is in the way', async () => {
    const dataRoot = await tempDir();
    await expect(downloadTask('12', { dataRoot })).rejects.toThrow(
      /task '12' is not a Medical Segmentation Decathlon task/,
    );
    await writeFile(path.join(dataRoot, 'x'), '');
    await mkdir(path.join(dataRoot, 'Task04_Hippocampus'));
    await expect(downloadTask('4', { dataRoot })).rejects.toThrow(
      `${path.join(dataRoot, 'Task04_Hippocampus')} exists but has no dataset.json; remove it to download Task04_Hippocampus again`,
    );
  });
});
