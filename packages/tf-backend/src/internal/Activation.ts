/** The outcome of trying to switch tfjs to one candidate backend. */
export interface Activation {
  ok: boolean;
  reason: string;
}
