import { crossRank } from './crossRank';
import type { HostSlots } from './parseHosts';

/** Where one worker runs and who it is, with Horovod's meaning of each number. */
export interface Slot {
  hostname: string;
  rank: number;
  size: number;
  /** index among the ranks on this host */
  localRank: number;
  /** number of ranks on this host */
  localSize: number;
  /** index of this host among the hosts that have a rank with this local rank */
  crossRank: number;
  /** number of hosts that have a rank with this local rank */
  crossSize: number;
}

/**
 * Assigns `np` ranks to the slots of `hosts` in order (host 1 fills first), as horovodrun does.
 * Hosts left without a rank are dropped.
 */
export function planSlots(np: number, hosts: readonly HostSlots[]): Slot[] {
  if (!Number.isInteger(np) || np < 1) throw new Error(`-np must be a positive integer, got ${np}`);
  const totalSlots = hosts.reduce((sum, h) => sum + h.slots, 0);
  if (np > totalSlots) {
    const list = hosts.map((h) => `${h.hostname}:${h.slots}`).join(',');
    throw new Error(`-np ${np} needs more than the ${totalSlots} slots of -H ${list}`);
  }
  const localSizes: number[] = [];
  let remaining = np;
  for (const host of hosts) {
    if (remaining === 0) break;
    localSizes.push(Math.min(host.slots, remaining));
    remaining -= localSizes[localSizes.length - 1]!;
  }
  const slots: Slot[] = [];
  localSizes.forEach((localSize, hostIndex) => {
    for (let localRank = 0; localRank < localSize; localRank++) {
      slots.push({
        hostname: hosts[hostIndex]!.hostname,
        rank: slots.length,
        size: np,
        localRank,
        localSize,
        ...crossRank(localSizes, hostIndex, localRank),
      });
    }
  });
  return slots;
}
