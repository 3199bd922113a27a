import { isIP, isIPv6 } from 'node:net';

/** Who can reach an address: this computer only, every network interface, or one of them. */
export type AddressReach = 'loopback' | 'any' | 'network';

/** The reach of the address a server is bound to (as `server.address()` gives it). */
export function addressReach(address: string): AddressReach {
  if (address === '0.0.0.0' || address === '::') return 'any';
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return address === '::1' || (isIP(v4) === 4 && v4.startsWith('127.')) ? 'loopback' : 'network';
}

/** An address or name as a URL or a Host header writes it: IPv6 in brackets. */
export function urlHost(host: string): string {
  return isIPv6(host) ? `[${host}]` : host;
}
