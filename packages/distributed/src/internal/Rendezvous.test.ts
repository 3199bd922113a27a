import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RendezvousClient } from './RendezvousClient';
import { startRendezvousServer, type RendezvousServer } from './RendezvousServer';

const servers: RendezvousServer[] = [];
const clients: RendezvousClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(size: number, jobToken = 'job', port = 0) {
  const s = await startRendezvousServer({ size, jobToken, listenHost: '127.0.0.1', port });
  servers.push(s);
  return s;
}
async function join(s: RendezvousServer, rank: number, size = 3, jobToken = 'job') {
  const c = await RendezvousClient.connect(s.address, { rank, size, jobToken, timeoutMs: 2000 });
  clients.push(c);
  return c;
}
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('rendezvous', () => {
  it('lets ranks publish and wait for each other’s values', async () => {
    const s = await server(3);
    const [a, b, c] = await Promise.all([join(s, 0), join(s, 1), join(s, 2)]);
    expect(s.connectedRanks()).toEqual([0, 1, 2]);
    const waiting = b.get('ring/2', 2000); // asked before it is set
    await c.set('ring/2', '127.0.0.1:4002');
    await a.set('ring/0', '127.0.0.1:4000');
    expect(await waiting).toBe('127.0.0.1:4002');
    expect(await c.get('ring/0', 2000)).toBe('127.0.0.1:4000');
    expect(a.localAddress).toBe('127.0.0.1');
  });

  it('times out a get nobody answers, naming the rank and key', async () => {
    const s = await server(3);
    const a = await join(s, 0);
    await expect(a.get('ring/1', 100)).rejects.toThrow(
      "rank 0: 'ring/1' was not published at the rendezvous within 100 ms",
    );
  });

  it('refuses another job, another job size, out-of-range and duplicate ranks', async () => {
    const s = await server(3);
    await expect(join(s, 0, 3, 'other')).rejects.toThrow(/refused hello: wrong job token/);
    await expect(join(s, 0, 4)).rejects.toThrow("job size 4 differs from the rendezvous's 3");
    await expect(join(s, 3)).rejects.toThrow('rank 3 is outside 0..2');
    await join(s, 1);
    await expect(join(s, 1)).rejects.toThrow('rank 1 has already joined from another process');
  });

  it('tells every rank when the job is aborted or the server goes away', async () => {
    const s = await server(3);
    const [a, b] = await Promise.all([join(s, 0), join(s, 1)]);
    const lost = [new Promise<string>((r) => a.onLost(r)), new Promise<string>((r) => b.onLost(r))];
    s.abort('rank 2 exited with code 1');
    expect(await Promise.all(lost)).toEqual([
      'the job was stopped: rank 2 exited with code 1',
      'the job was stopped: rank 2 exited with code 1',
    ]);
    await expect(a.get('x', 1000)).rejects.toThrow('rank 0: the job was stopped: rank 2 exited with code 1');

    const s2 = await server(2);
    const c = await join(s2, 0, 2);
    const lostC = new Promise<string>((r) => c.onLost(r));
    await s2.close();
    expect(await lostC).toMatch(/^the rendezvous 127\.0\.0\.1:\d+ closed the connection$/);
  });

  it('waits for a server that starts after the worker, and gives up after the timeout', async () => {
    const port = await freePort();
    const joining = RendezvousClient.connect(
      { host: '127.0.0.1', port },
      { rank: 0, size: 1, jobToken: 'job', timeoutMs: 5000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server(1, 'job', port);
    clients.push(await joining);

    const nobody = await freePort();
    await expect(
      RendezvousClient.connect(
        { host: '127.0.0.1', port: nobody },
        { rank: 2, size: 3, jobToken: '', timeoutMs: 200 },
      ),
    ).rejects.toThrow(`rank 2: no rendezvous at 127.0.0.1:${nobody} within 200 ms (ECONNREFUSED)`);
  });
});
