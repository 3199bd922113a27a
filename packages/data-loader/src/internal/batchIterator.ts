import type { Batch } from '../Batch';

/**
 * An iterator over batches `at(0)`, `at(1)`, ... until `at` returns undefined. Unlike an async generator it
 * starts a batch as soon as `next()` is called, even while earlier batches are still being made, so a
 * consumer that asks ahead (toObservable's prefetch) keeps the workers busy; results come in call order.
 */
export function batchIterator(at: (k: number) => Promise<Batch> | undefined): AsyncIterableIterator<Batch> {
  let k = 0;
  let finished = false;
  const done: IteratorResult<Batch> = { done: true, value: undefined };
  return {
    next() {
      const batch = finished ? undefined : at(k++);
      if (!batch) {
        finished = true;
        return Promise.resolve(done);
      }
      const result = batch.then((value): IteratorResult<Batch> => ({ done: false, value }));
      // Stop after a failure; this also marks the rejection handled if nobody awaits this batch any more.
      result.catch(() => (finished = true));
      return result;
    },
    async return() {
      finished = true;
      return done;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
