import type { DistributedContext } from '../DistributedContext';
import { initDistributed, type InitDistributedOptions } from '../initDistributed';
import { parseHosts } from '../parseHosts';
import { planSlots } from '../planSlots';
import { startRendezvousServer, type RendezvousServer } from '../RendezvousServer';
import { workerEnv } from '../workerEnv';

export interface InProcessJob {
  contexts: DistributedContext[];
  server: RendezvousServer;
  close(): Promise<void>;
}

/**
 * `size` ranks in this process, each with its own sockets on 127.0.0.1, joined as nnunet-run
 * workers would be (a rendezvous server in the role of the launcher). The collectives are pure
 * TypeScript over node:net, so ranks sharing one event loop exercise the same code as processes.
 */
export async function startInProcessJob(
  size: number,
  options: Omit<InitDistributedOptions, 'env'> = {},
): Promise<InProcessJob> {
  const jobToken = `test-${size}-${Math.random()}`;
  const server = await startRendezvousServer({ size, jobToken, listenHost: '127.0.0.1' });
  const contexts = await Promise.all(
    planSlots(size, parseHosts(`localhost:${size}`)).map((slot) =>
      initDistributed({ ...options, env: workerEnv(slot, { rendezvous: server.address, jobToken }) }),
    ),
  );
  return {
    contexts,
    server,
    async close() {
      await Promise.all(contexts.map((c) => c.close()));
      await server.close();
    },
  };
}
