import { createWriteStream } from 'node:fs';
import { stat, truncate } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface DownloadProgress {
  /** Bytes of the file present so far (resumed bytes included). */
  received: number;
  /** The file's size, when the server said. */
  total: number | undefined;
  /** Bytes that were already there when this transfer started. */
  resumedFrom: number;
}

export interface DownloadFileOptions {
  onProgress?: (progress: DownloadProgress) => void;
  /** How often an interrupted transfer is resumed before giving up (default 3). */
  retries?: number;
  /** Give up on a connection that sends nothing for this long (default 60 s). */
  idleTimeoutMs?: number;
}

/** The server answered with a status that resuming cannot fix. */
class HttpStatusError extends Error {}

const MAX_REDIRECTS = 5;

/**
 * Downloads `url` into `file`, resuming from what `file` already holds with an HTTP Range request
 * (a server that ignores the range sends the whole file again, which then replaces it), retrying
 * interrupted transfers, and checking the final size against the server's Content-Length or
 * Content-Range. An interrupted transfer keeps `file`, so a later call resumes it.
 */
export async function downloadFile(
  url: string,
  file: string,
  options: DownloadFileOptions = {},
): Promise<void> {
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      await transfer(url, file, options);
      return;
    } catch (error) {
      if (error instanceof HttpStatusError || attempt >= retries) throw error;
    }
  }
}

async function transfer(url: string, file: string, options: DownloadFileOptions): Promise<void> {
  const offset = await sizeOf(file);
  const response = await request(url, offset, options.idleTimeoutMs ?? 60_000);
  const status = response.statusCode ?? 0;
  let start: number;
  let total: number | undefined;
  if (status === 416) {
    response.resume();
    // the range starts at or past the end: complete when the sizes agree, otherwise start over
    total = totalFromContentRange(response.headers['content-range']);
    if (total !== undefined && total === offset) return;
    await truncate(file, 0);
    return transfer(url, file, options);
  } else if (status === 206) {
    const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers['content-range'] ?? '');
    if (!range || Number(range[1]) !== offset) {
      response.resume();
      throw new HttpStatusError(
        `${url}: the server answered the range request with Content-Range '${response.headers['content-range']}', not bytes ${offset}-`,
      );
    }
    start = offset;
    total = range[3] === '*' ? undefined : Number(range[3]);
  } else if (status === 200) {
    start = 0;
    const length = response.headers['content-length'];
    total = length === undefined ? undefined : Number(length);
  } else {
    response.resume();
    throw new HttpStatusError(`${url}: HTTP ${status} ${response.statusMessage ?? ''}`.trim());
  }

  let received = start;
  const report = () => options.onProgress?.({ received, total, resumedFrom: start });
  report();
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      report();
      done(null, chunk);
    },
  });
  try {
    await pipeline(response, counter, createWriteStream(file, { flags: start > 0 ? 'a' : 'w' }));
  } catch (error) {
    throw new Error(
      `${url}: transfer interrupted after ${received} of ${total ?? '?'} bytes (${(error as Error).message})`,
      {
        cause: error,
      },
    );
  }
  if (!response.complete) {
    throw new Error(`${url}: the connection closed after ${received} of ${total ?? '?'} bytes`);
  }
  const size = await sizeOf(file);
  if (total !== undefined && size !== total) {
    throw new Error(`${url}: ${file} has ${size} bytes, but the server announced ${total}`);
  }
}

/** GET with `Range: bytes=offset-` when resuming; follows redirects. */
async function request(url: string, offset: number, idleTimeoutMs: number): Promise<IncomingMessage> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const target = new URL(current);
    const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : undefined;
    if (!client) throw new HttpStatusError(`${current}: only http and https URLs can be downloaded`);
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    if (offset > 0) headers.range = `bytes=${offset}-`;
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = client.get(target, { headers }, resolve);
      req.setTimeout(idleTimeoutMs, () => req.destroy(new Error(`no data for ${idleTimeoutMs / 1000} s`)));
      req.on('error', reject);
    });
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      response.resume();
      current = new URL(location, current).href;
      continue;
    }
    return response;
  }
  throw new HttpStatusError(`${url}: more than ${MAX_REDIRECTS} redirects`);
}

function totalFromContentRange(header: string | undefined): number | undefined {
  const match = /\/(\d+)$/.exec(header ?? '');
  return match ? Number(match[1]) : undefined;
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}
