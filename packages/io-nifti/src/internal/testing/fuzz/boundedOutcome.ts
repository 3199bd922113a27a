// The outcome check every parser fuzz property makes (shared with the packages that build on this one):
// a parse returns, or throws the package's own error naming the input, quickly and without a large allocation.

export interface OutcomeRules {
  /** The package's error type (e.g. `(e) => e instanceof NiftiError`). */
  expected: (error: unknown) => boolean;
  /** What every error message must name: the file or the input's label. */
  mentions: string;
  timeLimitMs: number;
  /** Growth of `process.memoryUsage().arrayBuffers` the parse may cause. */
  maxAllocatedBytes: number;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Error };

/** Polling interval of the allocation sampler, which runs between the chunks of an asynchronous read. */
const SAMPLE_MS = 1;

/**
 * Runs `parse` and returns what it gave or threw; throws (failing the property) when it threw anything
 * else, an error not naming the input, took too long, or allocated too much. The allocation is the peak
 * of array-buffer memory sampled while it runs and right after it, when nothing has been collected yet.
 */
export async function boundedOutcome<T>(
  parse: () => T | Promise<T>,
  rules: OutcomeRules,
): Promise<Outcome<T>> {
  const before = process.memoryUsage().arrayBuffers;
  let peak = before;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
  };
  const sampler = setInterval(sample, SAMPLE_MS);
  const started = performance.now();
  let outcome: Outcome<T>;
  try {
    outcome = { ok: true, value: await parse() };
  } catch (error) {
    outcome = { ok: false, error: error as Error };
  } finally {
    clearInterval(sampler);
  }
  sample();
  const elapsed = performance.now() - started;
  if (!outcome.ok) checkError(outcome.error, rules);
  if (elapsed > rules.timeLimitMs) {
    throw new Error(`took ${elapsed.toFixed(0)} ms (limit ${rules.timeLimitMs} ms)`);
  }
  if (peak - before > rules.maxAllocatedBytes) {
    throw new Error(`allocated ${peak - before} bytes (limit ${rules.maxAllocatedBytes})`);
  }
  return outcome;
}

function checkError(error: unknown, rules: OutcomeRules): void {
  if (!rules.expected(error)) {
    throw new Error(`threw an unexpected ${describe(error)}`, { cause: error });
  }
  const { message } = error as Error;
  if (!message.includes(rules.mentions)) {
    throw new Error(`the error does not name ${rules.mentions}: ${message}`, { cause: error });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error);
}
