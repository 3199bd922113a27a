import type { Slot } from './planSlots';

/** A worker's place in the job, wherever it came from (launcher or scheduler). */
export type WorkerSlot = Omit<Slot, 'hostname'>;

/** Rejects numbers that cannot describe one process of a job; `source` names where they came from. */
export function checkWorkerSlot(slot: WorkerSlot, source: string): WorkerSlot {
  const bad = (what: string) => {
    throw new Error(`${source}: ${what} (${JSON.stringify(slot)})`);
  };
  if (slot.size < 1) bad('size must be ≥ 1');
  if (slot.rank >= slot.size) bad(`rank ${slot.rank} is not below size ${slot.size}`);
  if (slot.localSize < 1 || slot.localSize > slot.size) bad('local size must be in 1..size');
  if (slot.localRank >= slot.localSize)
    bad(`local rank ${slot.localRank} is not below local size ${slot.localSize}`);
  if (slot.crossSize < 1 || slot.crossSize > slot.size) bad('cross size must be in 1..size');
  if (slot.crossRank >= slot.crossSize)
    bad(`cross rank ${slot.crossRank} is not below cross size ${slot.crossSize}`);
  return slot;
}
