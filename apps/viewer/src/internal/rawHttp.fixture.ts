// Test helper (left out of the published files): HTTP/1.1 requests written byte for byte, as a
// browser or an attacker could send them, with no client-side checks or normalisation of the path.
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  /** header names in lower case (the last one wins when repeated) */
  headers: Record<string, string>;
  body: Buffer;
}

export interface RawRequest {
  /** default `127.0.0.1:<port>`; null sends no Host header */
  host?: string | null;
  cookie?: string;
  method?: string;
}

/** Sends one request for `target` (bytes as given, NUL and backslashes included) and reads the answer. */
export function rawRequest(port: number, target: string, request: RawRequest = {}): Promise<RawAnswer> {
  const host = request.host === undefined ? `127.0.0.1:${port}` : request.host;
  const lines = [
    `${request.method ?? 'GET'} ${target} HTTP/1.1`,
    ...(host === null ? [] : [`Host: ${host}`]),
    ...(request.cookie === undefined ? [] : [`Cookie: ${request.cookie}`]),
    'Connection: close',
  ];
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      if (split < 0) return reject(new Error(`no HTTP answer to ${target}: ${all.toString('latin1')}`));
      const [statusLine, ...headerLines] = all.subarray(0, split).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: all.subarray(split + 4) });
    });
    // not end(): the server answers and closes (Connection: close)
    socket.write(Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'));
  });
}
