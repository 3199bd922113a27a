/** Messages between rendezvous clients (ranks) and the rendezvous server, as JSON frames. */
export type RendezvousRequest =
  | { id: number; op: 'hello'; rank: number; size: number; jobToken: string }
  | { id: number; op: 'set'; key: string; value: string }
  /** answered once the key is set, however long that takes */
  | { id: number; op: 'get'; key: string };

export type RendezvousReply =
  { id: number; ok: true; value?: string } | { id: number; ok: false; error: string };

/** Sent by the server unasked: the job is over, stop. */
export interface RendezvousAbort {
  event: 'abort';
  reason: string;
  /** the rank whose exit stopped the job, when one did */
  rank?: number;
}

/** Narrows a decoded frame to a request, or says what is wrong with it. */
export function parseRendezvousRequest(message: unknown): RendezvousRequest | string {
  if (typeof message !== 'object' || message === null) return 'a request must be a JSON object';
  const m = message as Record<string, unknown>;
  if (!Number.isInteger(m.id)) return 'a request needs an integer id';
  switch (m.op) {
    case 'hello':
      return Number.isInteger(m.rank) && Number.isInteger(m.size) && typeof m.jobToken === 'string'
        ? (m as RendezvousRequest)
        : 'hello needs integer rank and size and a string jobToken';
    case 'set':
      return typeof m.key === 'string' && typeof m.value === 'string'
        ? (m as RendezvousRequest)
        : 'set needs string key and value';
    case 'get':
      return typeof m.key === 'string' ? (m as RendezvousRequest) : 'get needs a string key';
    default:
      return `unknown op ${JSON.stringify(m.op)}`;
  }
}
