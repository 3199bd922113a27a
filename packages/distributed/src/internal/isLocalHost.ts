import { hostname, networkInterfaces } from 'node:os';

/** Whether a `-H` host is this machine: a job on this machine alone runs on the ring, others on mpirun. */
export function isLocalHost(host: string): boolean {
  const own = hostname();
  if (host === 'localhost' || host === own || host === own.split('.')[0]) return true;
  const addresses = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
  return addresses.includes(host);
}
