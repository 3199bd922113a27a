import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { collectContent } from './internal/collectContent';
import { contentType } from './internal/contentType';
import { FileCatalog } from './internal/FileCatalog';
import { findPageFolder } from './internal/pageFolder';
import type { SessionData } from './internal/SessionData';
import type { ViewerContent } from './internal/ViewerContent';
import { viewOptionsSchema, type ViewOptions } from './viewOptions';

export interface ViewerServerOptions extends ViewOptions {
  /** folder of the bundled page (default: this package's `dist/page`) */
  pageDir?: string;
}

export interface ViewerServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  readonly port: number;
  /** what the page shows */
  readonly content: ViewerContent;
  /** Stops accepting requests and ends open connections. */
  close(): Promise<void>;
}

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
 * Serves the viewer page on 127.0.0.1: the bundled page, `/api/session` (cases, classes, metrics and
 * training curves), and the case files under `/files/<n>/<name>`: only the files given and those the
 * results folder holds or its summaries name, never a path taken from the URL. Requests whose Host
 * is not this server are refused, so other web sites cannot read the files through DNS rebinding.
 */
export async function startViewerServer(options: ViewerServerOptions): Promise<ViewerServer> {
  const { port, ...sources } = viewOptionsSchema.parse(options);
  const page = await findPageFolder(options.pageDir);
  const content = await collectContent(sources);
  const catalog = new FileCatalog();
  const session = JSON.stringify(sessionData(content, catalog));

  let allowedHosts = new Set<string>();
  const server = createServer((request, response) => {
    try {
      handle(request, response);
    } catch (error) {
      send(response, 500, `internal error: ${(error as Error).message}`);
    }
  });
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    if (!allowedHosts.has(request.headers.host ?? '')) return send(response, 403, 'unexpected Host header');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return send(response, 405, 'only GET and HEAD');
    }
    const urlPath = new URL(request.url ?? '/', 'http://host').pathname;
    if (urlPath === '/api/session') return send(response, 200, session, 'application/json; charset=utf-8');
    const caseFile = catalog.resolve(urlPath);
    if (caseFile) return sendFile(request, response, caseFile);
    const asset = urlPath === '/' ? 'index.html' : urlPath.slice(1);
    if (page.files.has(asset)) return sendFile(request, response, path.join(page.dir, asset));
    send(response, 404, 'not found');
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE' ? `--port ${port}: already in use on 127.0.0.1` : error.message,
          { cause: error },
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${actualPort}`, `localhost:${actualPort}`]);
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    port: actualPort,
    content,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function sessionData(content: ViewerContent, catalog: FileCatalog): SessionData {
  return {
    ...content,
    cases: content.cases.map(({ image, label, prediction, ...rest }) => ({
      ...rest,
      ...(image && { image: catalog.url(image) }),
      ...(label && { label: catalog.url(label) }),
      ...(prediction && { prediction: catalog.url(prediction) }),
    })),
  };
}

function setCommonHeaders(response: ServerResponse, type: string): void {
  response.setHeader('Content-Type', type);
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
}

function send(response: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') {
  response.statusCode = status;
  setCommonHeaders(response, type);
  response.end(body);
}

function sendFile(request: IncomingMessage, response: ServerResponse, file: string): void {
  const stream = createReadStream(file);
  stream.once('error', (error: NodeJS.ErrnoException) =>
    response.headersSent
      ? response.destroy(error)
      : send(response, error.code === 'ENOENT' ? 404 : 500, `cannot read ${path.basename(file)}`),
  );
  stream.once('open', () => {
    response.statusCode = 200;
    setCommonHeaders(response, contentType(file));
    if (request.method === 'HEAD') {
      stream.destroy();
      response.end();
    } else {
      stream.pipe(response);
    }
  });
}
