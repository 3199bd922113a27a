import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { allowedHosts } from './allowedHosts';
import { addressReach } from './listenAddress';

describe('addressReach', () => {
  it('tells loopback, every interface and one network address apart', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(addressReach(a), a).toBe('loopback');
    for (const a of ['0.0.0.0', '::']) expect(addressReach(a), a).toBe('any');
    for (const a of ['192.168.1.5', '10.0.0.1', 'fe80::1', '::ffff:10.0.0.1'])
      expect(addressReach(a), a).toBe('network');
  });
});

describe('allowedHosts', () => {
  it('on loopback: the address, localhost and the allowed names, at the port', () => {
    expect(
      allowedHosts({ host: '127.0.0.1', address: '127.0.0.1', port: 8123, allowHost: ['Viewer.Test'] }),
    ).toEqual(new Set(['127.0.0.1:8123', 'viewer.test:8123', 'localhost:8123']));
  });

  it('on one network address: that address and the name it was started with, no localhost; IPv6 in brackets', () => {
    expect(allowedHosts({ host: 'viewer.lan', address: 'fe80::1', port: 8123, allowHost: [] })).toEqual(
      new Set(['[fe80::1]:8123', 'viewer.lan:8123']),
    );
  });

  it('on every interface: also each address of this computer', () => {
    const hosts = allowedHosts({ host: '0.0.0.0', address: '0.0.0.0', port: 8123, allowHost: [] });
    expect(hosts).toContain('localhost:8123');
    for (const entry of Object.values(networkInterfaces()).flat()) {
      const written = entry!.family === 'IPv6' ? `[${entry!.address}]` : entry!.address;
      expect(hosts).toContain(`${written.toLowerCase()}:8123`);
    }
  });

  it('on port 80, also the name alone (browsers leave the default port out)', () => {
    expect(allowedHosts({ host: '127.0.0.1', address: '127.0.0.1', port: 80, allowHost: [] })).toEqual(
      new Set(['127.0.0.1:80', '127.0.0.1', 'localhost:80', 'localhost']),
    );
  });
});
