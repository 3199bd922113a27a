/** How one run of a command is stopped. */
export type Kill =
  /** NNUNET_FAULTS=kill@<point>:<pass>: SIGKILL at that pass of an uninterrupted run */
  | { kind: 'injected'; point: string; pass: number }
  /** SIGKILL from outside after `afterMs` */
  | { kind: 'timed'; afterMs: number };

export const describeKill = (kill: Kill): string =>
  kill.kind === 'injected' ? `kill@${kill.point}:${kill.pass}` : `SIGKILL after ${kill.afterMs} ms`;

/** A small seeded generator (mulberry32): the same seed gives the same timed kills. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * `count` kills of one command: about 60% at injected points spread evenly over the passes of its
 * uninterrupted run (`trace`: `point pass` lines, in order), the rest timed, uniformly over its
 * wall time `durationMs` (the start-up included: a kill may land anywhere).
 */
export function planKills(
  trace: readonly string[],
  durationMs: number,
  count: number,
  random: () => number,
): Kill[] {
  const injectedCount = Math.min(trace.length, Math.max(1, Math.round(count * 0.6)), count);
  const injected: Kill[] = Array.from({ length: injectedCount }, (_, i) => {
    const [point, pass] = trace[Math.floor(((i + 0.5) * trace.length) / injectedCount)]!.split(' ');
    return { kind: 'injected', point: point!, pass: Number(pass) };
  });
  const timed: Kill[] = Array.from({ length: count - injectedCount }, () => ({
    kind: 'timed',
    afterMs: Math.round((0.05 + 0.95 * random()) * durationMs),
  }));
  return [...injected, ...timed];
}
