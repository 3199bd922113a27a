// Node-only. Who made a leftover (a temporary file, a scratch folder, a lock), so that a later run
// can tell the leftovers of dead processes, which it may remove, from a live process's files.
import { hostname } from 'node:os';

/** A process: its host (as in `ownerTag`, no dots) and its id there. */
export interface ProcessOwner {
  host: string;
  pid: number;
}

/** This host's name, usable inside a file name (letters, digits and dashes). */
const thisHost = () => hostname().replace(/[^A-Za-z0-9-]/g, '-') || 'host';

export function currentOwner(): ProcessOwner {
  return { host: thisHost(), pid: process.pid };
}

/** `host.pid`: put into the names of leftovers (never contains a dot in the host part). */
export function ownerTag(owner: ProcessOwner = currentOwner()): string {
  return `${owner.host}.${owner.pid}`;
}

/** The owner in a name made with `ownerTag` (`host.pid` followed by `.` or the end), or undefined. */
export function parseOwnerTag(text: string): ProcessOwner | undefined {
  const match = /^([A-Za-z0-9-]+)\.(\d+)(?:\.|$)/.exec(text);
  return match ? { host: match[1]!, pid: Number(match[2]) } : undefined;
}

/**
 * Whether the owner is known to be gone: a process of this host that no longer runs. A process of
 * another host cannot be checked from here (a shared file system), so it counts as alive.
 */
export function isOwnerGone(owner: ProcessOwner): boolean {
  if (owner.host !== thisHost()) return false;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    // EPERM: it runs, under another user
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
