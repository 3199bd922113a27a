import { networkInterfaces } from 'node:os';
import { isIP } from 'node:net';
import { addressReach, urlHost } from './listenAddress';

export interface AllowedHostsOptions {
  /** `--host` as given: an address or a name */
  host: string;
  /** the address the server is bound to */
  address: string;
  port: number;
  /** `--allow-host` names */
  allowHost: readonly string[];
}

/**
 * The Host headers the server answers (lower case): its address and the name it was started with,
 * `localhost` when it listens on loopback, this computer's addresses when it listens on all of them,
 * and the names the user allowed. A page from another site that rebinds its DNS name to this
 * server sends that name, so it gets nothing (DNS rebinding); an address names no other site.
 */
export function allowedHosts({ host, address, port, allowHost }: AllowedHostsOptions): Set<string> {
  const reach = addressReach(address);
  const names = [address, ...allowHost];
  if (isIP(host) === 0) names.push(host);
  if (reach !== 'network') names.push('localhost');
  if (reach === 'any') {
    for (const entries of Object.values(networkInterfaces())) {
      for (const entry of entries ?? []) names.push(entry.address);
    }
  }
  const hosts = new Set<string>();
  for (const name of names) {
    const written = urlHost(name).toLowerCase();
    hosts.add(`${written}:${port}`);
    // browsers leave the default port out of Host
    if (port === 80) hosts.add(written);
  }
  return hosts;
}
