import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { AccessToken } from './internal/AccessToken';
import { allowedHosts } from './internal/allowedHosts';
import { catalogSession } from './internal/catalogSession';
import { collectContent } from './internal/collectContent';
import { FileCatalog } from './internal/FileCatalog';
import { resolveServed } from './internal/fileRule';
import { addressReach, urlHost } from './internal/listenAddress';
import { findPageFolder } from './internal/pageFolder';
import { requestTarget } from './internal/requestTarget';
import { send, sendFile } from './internal/respond';
import { cookieValues, tokenCookie, tokenCookieName } from './internal/tokenCookie';
import type { ViewerContent } from './internal/ViewerContent';
import { viewOptionsSchema, type ViewOptions } from './viewOptions';

export interface ViewerServerOptions extends ViewOptions {
  /** folder of the bundled page (default: this package's `dist/page`) */
  pageDir?: string;
}

export interface ViewerServer {
  /** `http://127.0.0.1:<port>/?token=<token>`: the page, with the token that opens it */
  readonly url: string;
  readonly port: number;
  /** the address it listens on (`127.0.0.1` unless `host`) */
  readonly address: string;
  /** what the page shows */
  readonly content: ViewerContent;
  /**
   * About the server itself, for the user: that it listens beyond this computer, and the files of
   * the content it refuses to serve (links out of the results folder).
   */
  readonly warnings: readonly string[];
  /** Stops accepting requests and ends open connections. */
  close(): Promise<void>;
}

const NO_TOKEN = 'forbidden: open the URL that nnunet view printed, with its ?token=';

/**
 * Serves the viewer page: the bundled page, `/api/session` (cases, classes, metrics and training
 * curves), and the case files under `/files/<n>/<name>`: only the files given and those the results
 * folder holds or its summaries name, never a path taken from the URL. Every request must carry the
 * access token: `/?token=` of {@link ViewerServer.url}, answered with a cookie that carries it for the
 * page's other requests. Requests whose Host is not this server are refused, so other web sites
 * cannot read the files through DNS rebinding. Listens on 127.0.0.1 unless `host` says otherwise.
 */
export async function startViewerServer(options: ViewerServerOptions): Promise<ViewerServer> {
  const { port, host, allowHost = [], ...sources } = viewOptionsSchema.parse(options);
  const page = await findPageFolder(options.pageDir);
  const content = await collectContent(sources);
  const catalog = new FileCatalog();
  const given = [sources.image, sources.label, sources.pred].filter((f) => f !== undefined);
  const { session, refused } = await catalogSession(content, catalog, {
    named: new Set(given.map((f) => path.resolve(f))),
    ...(sources.results !== undefined && { results: sources.results }),
  });
  const sessionJson = JSON.stringify(session);
  const token = new AccessToken();

  // set once listening: the port is known only then
  let hosts = new Set<string>();
  let cookieName = '';
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (!hosts.has((request.headers.host ?? '').toLowerCase()))
      return send(response, 403, 'forbidden: unexpected Host header');
    const target = requestTarget(request.url);
    if (!target) return send(response, 400, 'bad request target');
    const cookieOk = cookieValues(request.headers.cookie, cookieName).some((v) => token.matches(v));
    // the entry: the page's own URL with the token, answered with the cookie for the requests that follow
    const entryOk = !cookieOk && target.path === '/' && token.matches(target.query.get('token'));
    if (!cookieOk && !entryOk) return send(response, 403, NO_TOKEN);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return send(response, 405, 'only GET and HEAD');
    }
    if (entryOk) response.setHeader('Set-Cookie', tokenCookie(cookieName, token.value));
    if (target.path === '/api/session')
      return send(response, 200, sessionJson, 'application/json; charset=utf-8');
    const entry = catalog.lookup(target.path);
    if (entry) {
      const real = await resolveServed(entry.file, entry.rule);
      return real === undefined ? send(response, 404, 'not found') : sendFile(request, response, real);
    }
    const asset = target.path === '/' ? 'index.html' : target.path.slice(1);
    if (page.files.has(asset)) return sendFile(request, response, path.join(page.dir, asset));
    send(response, 404, 'not found');
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) =>
      response.headersSent
        ? response.destroy(error)
        : send(response, 500, `internal error: ${error.message}`),
    );
  });

  await listen(server, port, host);
  const bound = server.address() as AddressInfo;
  hosts = allowedHosts({ host, address: bound.address, port: bound.port, allowHost });
  cookieName = tokenCookieName(bound.port);
  const reach = addressReach(bound.address);
  const warnings = [...refused];
  if (reach !== 'loopback') {
    warnings.unshift(
      `--host ${host}: listening on ${reach === 'any' ? 'every network interface' : bound.address}: anyone ` +
        'who can reach this computer and has the URL (token included) can see these medical images, and ' +
        'plain HTTP lets the network read them; share the URL only with those allowed to see them',
    );
  }
  // on every interface, the URL for this computer
  const shown = reach === 'any' ? (bound.family === 'IPv6' ? '[::1]' : '127.0.0.1') : urlHost(host);
  return {
    url: `http://${shown}:${bound.port}/?token=${token.value}`,
    port: bound.port,
    address: bound.address,
    content,
    warnings,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Starts listening, with errors that name the option at fault. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reasons: Record<string, string> = {
        EADDRINUSE: `--port ${port}: already in use on ${host}`,
        EADDRNOTAVAIL: `--host ${host}: not an address of this computer`,
        ENOTFOUND: `--host ${host}: no such host`,
        EAI_AGAIN: `--host ${host}: cannot be resolved now`,
        EACCES: `--port ${port}: not allowed to listen on it (ports below 1024 need privileges)`,
      };
      reject(new Error(reasons[error.code ?? ''] ?? error.message, { cause: error }));
    });
    server.listen(port, host, () => resolve());
  });
}
