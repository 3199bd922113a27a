import { isIPv6 } from 'node:net';

/** A TCP address as `host:port` (IPv6 literals written `[::1]:port`). */
export interface HostPort {
  host: string;
  port: number;
}

/** Parses `host:port` or `[v6]:port`; `what` names the source (a flag or variable) in errors. */
export function parseHostPort(text: string, what: string): HostPort {
  const match = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:[\]]+):(\d+)$/.exec(text);
  const port = match ? Number(match[2]) : NaN;
  if (!match || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${what}: expected host:port with a port in 1..65535, got '${text}'`);
  }
  return { host: match[1]!, port };
}

export function formatHostPort({ host, port }: HostPort): string {
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
