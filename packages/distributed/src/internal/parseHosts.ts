/** One entry of a `-H host1:slots,host2:slots` list. */
export interface HostSlots {
  hostname: string;
  slots: number;
}

/**
 * Parses Horovod's host list `host1:4,host2:4`; a host without `:slots` has one slot.
 * A host named twice is an error: its slots would be ambiguous.
 */
export function parseHosts(spec: string): HostSlots[] {
  const entries = spec.split(',').map((entry) => entry.trim());
  const hosts = entries.map((entry): HostSlots => {
    const colon = entry.lastIndexOf(':');
    const hostname = colon < 0 ? entry : entry.slice(0, colon);
    const slotsText = colon < 0 ? '1' : entry.slice(colon + 1);
    if (!hostname) throw new Error(`-H ${spec}: empty host name in '${entry}'`);
    if (!/^[1-9]\d*$/.test(slotsText)) {
      throw new Error(`-H ${spec}: slots of '${hostname}' must be a positive integer, got '${slotsText}'`);
    }
    return { hostname, slots: Number(slotsText) };
  });
  const seen = new Set<string>();
  for (const { hostname } of hosts) {
    if (seen.has(hostname)) throw new Error(`-H ${spec}: host '${hostname}' is listed twice`);
    seen.add(hostname);
  }
  return hosts;
}
