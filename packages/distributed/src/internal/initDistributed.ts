import { isIP } from 'node:net';
import { CollectiveError } from './CollectiveError';
import { connectRing } from './connectRing';
import { detectSlot } from './detectSlot';
import { DistributedContext } from './DistributedContext';
import { formatHostPort } from './HostPort';
import type { MpiAddon } from './mpiAddon';
import { MpiEngine } from './MpiEngine';
import { RingEngine } from './RingEngine';
import { selectBackend } from './selectBackend';
import { NNUNET_ENV } from './nnunetEnvNames';
import { readEnvInt } from './readEnvInt';
import { RendezvousClient } from './RendezvousClient';
import { startRendezvousServer, type RendezvousServer } from './RendezvousServer';
import { ringBarrier } from './ringBarrier';

export interface InitDistributedOptions {
  /** where the slot comes from; default `process.env` (see `detectSlot`) */
  env?: NodeJS.ProcessEnv;
  /** `auto` (default: `NNUNET_DIST_BACKEND`, else MPI under mpirun/srun when its addon loads), `mpi` or `tcp` */
  backend?: 'auto' | 'mpi' | 'tcp';
  /**
   * a peer silent this long during a collective is declared gone (MPI: the job is aborted);
   * default `NNUNET_TIMEOUT_MS` or 300 000
   */
  timeoutMs?: number;
  /** how long to wait for every rank to join; default `NNUNET_START_TIMEOUT_MS` or 120 000 */
  startTimeoutMs?: number;
  /** largest frame of allreduce and broadcast; default 1 MiB */
  segmentBytes?: number;
  /** address this rank listens on for rank-1; default: its address on the route to the rendezvous */
  host?: string;
  /**
   * Under nnunet-run, how long a failed collective waits for the launcher's account of the
   * failure before reporting its own; default 2000 ms.
   */
  launcherGraceMs?: number;
}

const DEFAULT_TIMEOUT_MS = 300_000;
const DEFAULT_START_TIMEOUT_MS = 120_000;
const DEFAULT_SEGMENT_BYTES = 1 << 20;

/**
 * Joins the job this process belongs to (Horovod's `hvd.init()`). Under mpirun or srun (with the
 * MPI addon built) MPI is the engine and gives the slot (`selectBackend`). Otherwise it takes the
 * slot from the environment, meets the other ranks at the rendezvous, connects the ring and waits
 * until every rank is connected. A job of one process needs no network. Under nnunet-run the launcher hosts
 * the rendezvous and this rank stays connected to it, so a stopped job fails its collectives; under
 * a scheduler rank 0 hosts it for the start only. The connections do not keep the process alive
 * between collectives, and a process that ends without `close()` closes the context on its way out.
 */
export async function initDistributed(options: InitDistributedOptions = {}): Promise<DistributedContext> {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? readEnvInt(env, NNUNET_ENV.timeoutMs, 1) ?? DEFAULT_TIMEOUT_MS;
  const selection = selectBackend(options.backend, env);
  if (selection.addon) return joinMpi(selection.addon, env, timeoutMs, options.host);
  const slot = detectSlot(env);
  const startTimeoutMs =
    options.startTimeoutMs ?? readEnvInt(env, NNUNET_ENV.startTimeoutMs, 1) ?? DEFAULT_START_TIMEOUT_MS;
  const segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
  if (!Number.isInteger(segmentBytes) || segmentBytes < 4 || segmentBytes % 4 !== 0) {
    throw new RangeError(`segmentBytes must be a positive multiple of 4, got ${segmentBytes}`);
  }
  const segmentFloats = segmentBytes / 4;
  if (slot.size === 1) return new DistributedContext(slot, slot.source, null, async () => {});

  const { rank, size, jobToken } = slot;
  if (!slot.rendezvous) {
    throw new Error(
      `rank ${rank} of ${size} (${slot.source}): no rendezvous address; set ${NNUNET_ENV.rendezvous}=host:port ` +
        '(or MASTER_ADDR and MASTER_PORT) to a free port on the host of rank 0',
    );
  }
  let server: RendezvousServer | null = null;
  if (slot.rendezvousHost === 'rank0' && rank === 0) {
    const { host, port } = slot.rendezvous;
    server = await startRendezvousServer({
      size,
      jobToken,
      port,
      listenHost: isIP(host) ? host : undefined,
      advertiseHost: host,
    });
  }
  let client: RendezvousClient | null = null;
  try {
    client = await RendezvousClient.connect(slot.rendezvous, {
      rank,
      size,
      jobToken,
      timeoutMs: startTimeoutMs,
    });
    const ring = await connectRing(client, {
      rank,
      size,
      jobToken,
      host: options.host ?? client.localAddress,
      timeoutMs,
      startTimeoutMs,
    });
    ring.enter(0);
    await ringBarrier(ring, 0);
    let launcher: { verdict: Promise<CollectiveError>; graceMs: number } | null = null;
    if (slot.rendezvousHost === 'launcher') {
      const where = formatHostPort(slot.rendezvous);
      const verdict = new Promise<CollectiveError>((resolve) =>
        client!.onLost((reason, vanished) => {
          const error = new CollectiveError(
            `rank ${rank}: ${reason} (launcher rendezvous ${where})`,
            rank,
            vanished,
          );
          ring.fail(error);
          resolve(error);
        }),
      );
      launcher = { verdict, graceMs: options.launcherGraceMs ?? 2000 };
    } else {
      client.close();
      await server?.close();
    }
    const launcherClient = slot.rendezvousHost === 'launcher' ? client : null;
    ring.unref();
    launcherClient?.unref();
    const context = new DistributedContext(
      slot,
      slot.source,
      new RingEngine(ring, segmentFloats),
      async () => {
        process.off('beforeExit', closeAtExit);
        launcherClient?.close();
      },
      launcher,
    );
    // A program that ends without close() still says goodbye, so its neighbours, which may be
    // finishing the last collective, do not take its exit for a failure.
    const closeAtExit = () => void context.close();
    process.once('beforeExit', closeAtExit);
    return context;
  } catch (error) {
    client?.close();
    await server?.close();
    throw error;
  }
}

/** The job on MPI: the slot from MPI itself, the watchdog at `timeoutMs`. */
async function joinMpi(
  addon: MpiAddon,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  watchHost: string | undefined,
): Promise<DistributedContext> {
  let context: DistributedContext | null = null;
  const engine = await MpiEngine.start(
    addon,
    { timeoutMs, activity: () => context?.activity ?? '' },
    watchHost,
  );
  const detected = detectSlot(env);
  if (detected.source !== 'single-process' && detected.size !== engine.slot.size) {
    engine.close();
    throw new Error(
      `MPI sees ${engine.slot.size} rank(s) but ${detected.source}'s variables say ${detected.size}: ` +
        'was this process started by another launcher than the one its MPI library talks to?',
    );
  }
  const source = detected.source === 'single-process' ? 'mpi' : detected.source;
  const closeAtExit = () => void context?.close();
  context = new DistributedContext(engine.slot, source, engine, async () => {
    process.off('beforeExit', closeAtExit);
  });
  process.once('beforeExit', closeAtExit);
  return context;
}
