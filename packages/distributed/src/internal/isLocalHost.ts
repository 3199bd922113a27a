import { hostname, networkInterfaces } from 'node:os';

/** Whether a `-H` host is this machine: its workers are then started directly, not over ssh. */
export function isLocalHost(host: string): boolean {
  const own = hostname();
  if (host === 'localhost' || host === own || host === own.split('.')[0]) return true;
  const addresses = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
  return addresses.includes(host);
}
