import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { contentType } from './contentType';

/**
 * Only this page may run here: scripts, workers, styles and data from this server (and blobs the
 * page makes itself), nothing from elsewhere; vega evaluates its expressions with `Function`, hence
 * 'unsafe-eval'.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' data: blob:",
].join('; ');

/**
 * Headers of every answer: the CSP, no content sniffing, no caching of patients' images, and no
 * Referer, which would carry the page's URL and its token to wherever a link leads.
 */
function setCommonHeaders(response: ServerResponse, type: string): void {
  response.setHeader('Content-Type', type);
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('Referrer-Policy', 'no-referrer');
}

/** Answers with a text (or `type`) body. */
export function send(
  response: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
): void {
  response.statusCode = status;
  setCommonHeaders(response, type);
  response.end(body);
}

/**
 * Answers with a file's bytes, 404 when it is not a regular file. `file` is resolved already: it is
 * opened without following a link, so that one put in its place since cannot redirect the read.
 */
export async function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  file: string,
): Promise<void> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing = code === 'ENOENT' || code === 'ELOOP';
    return send(response, missing ? 404 : 500, missing ? 'not found' : `cannot read ${path.basename(file)}`);
  }
  const info = await handle.stat().catch(() => undefined);
  if (!info?.isFile()) {
    await handle.close();
    return send(response, 404, 'not found');
  }
  response.statusCode = 200;
  setCommonHeaders(response, contentType(file));
  response.setHeader('Content-Length', info.size);
  if (request.method === 'HEAD') {
    await handle.close();
    response.end();
    return;
  }
  // a read error, or a client gone mid-file, ends both sides; with the headers sent there is no one to tell
  await pipeline(handle.createReadStream(), response).catch(() => undefined);
}
