// A local HTTP server for downloader tests (excluded from the published files). 127.0.0.1 only.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedRequest {
  url: string;
  range: string | undefined;
  status: number;
  /** body bytes written */
  sent: number;
}

export interface FileServerOptions {
  /** Drop the connection after this many body bytes, on the first request for the file only. */
  cutFirstAfter?: number;
  /** Answer every request with the whole file (a server without Range support). */
  ignoreRange?: boolean;
  /** Other paths that redirect (302) to the file. */
  redirects?: string[];
  /** Replace the answer to range requests (to test servers that misbehave). */
  rangeAnswer?: (start: number, size: number) => { contentRange: string; body: Buffer };
}

/** Serves `body` at `filePath` with HTTP Range support; records every request. */
export async function serveFile(filePath: string, body: Buffer, options: FileServerOptions = {}) {
  const requests: ServedRequest[] = [];
  let fileRequests = 0;
  const server = http.createServer((req, res) => {
    const record: ServedRequest = { url: req.url ?? '', range: req.headers.range, status: 0, sent: 0 };
    requests.push(record);
    const answer = (
      status: number,
      headers: Record<string, string | number>,
      data?: Buffer,
      cutAfter?: number,
    ) => {
      record.status = status;
      res.writeHead(status, headers);
      if (!data) return void res.end();
      if (cutAfter !== undefined && cutAfter < data.length) {
        record.sent = cutAfter;
        res.write(data.subarray(0, cutAfter), () => res.socket?.destroy());
        return;
      }
      record.sent = data.length;
      res.end(data);
    };
    if (options.redirects?.includes(req.url ?? '')) return answer(302, { location: filePath });
    if (req.url !== filePath) return answer(404, { 'content-length': 0 });
    const cut = fileRequests++ === 0 ? options.cutFirstAfter : undefined;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (!range || options.ignoreRange) {
      return answer(200, { 'content-length': body.length, 'accept-ranges': 'bytes' }, body, cut);
    }
    const start = Number(range[1]);
    if (start >= body.length)
      return answer(416, { 'content-range': `bytes */${body.length}`, 'content-length': 0 });
    const custom = options.rangeAnswer?.(start, body.length);
    const part = custom?.body ?? body.subarray(start);
    const contentRange = custom?.contentRange ?? `bytes ${start}-${body.length - 1}/${body.length}`;
    answer(206, { 'content-range': contentRange, 'content-length': part.length }, part, cut);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}${filePath}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // keep-alive sockets of the client would hold close() open
      }),
  };
}
