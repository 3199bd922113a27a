import { PlanFileError } from '../../../PlanFileError';

/** Generous for one document on a busy CI machine; a hang or a quadratic check exceeds it by far. */
const TIME_LIMIT_MS = 1000;

export type PlanOutcome<T> = { ok: true; value: T } | { ok: false; error: PlanFileError };

/**
 * Runs a plan parser; throws (failing the property) unless it returns or throws a PlanFileError naming
 * `source`, quickly. (The same check as io-nifti's boundedOutcome, less the allocation bound: these parsers
 * take JSON already in memory and allocate nothing from the sizes it declares.)
 */
export function planOutcome<T>(parse: () => T, source: string): PlanOutcome<T> {
  const started = performance.now();
  let outcome: PlanOutcome<T>;
  try {
    outcome = { ok: true, value: parse() };
  } catch (error) {
    if (!(error instanceof PlanFileError)) {
      throw new Error(`threw an unexpected ${error instanceof Error ? error.stack : String(error)}`, {
        cause: error,
      });
    }
    if (!error.message.startsWith(`${source}: `)) {
      throw new Error(`the error does not name ${source}: ${error.message}`, { cause: error });
    }
    outcome = { ok: false, error };
  }
  const elapsed = performance.now() - started;
  if (elapsed > TIME_LIMIT_MS) throw new Error(`took ${elapsed.toFixed(0)} ms (limit ${TIME_LIMIT_MS} ms)`);
  return outcome;
}
