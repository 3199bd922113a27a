import { concatMap, from, lastValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { toObservable } from './toObservable';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An iterable of 0..n-1 that counts what has been pulled; next() resolves after `delay(k)` ms. */
function counted(
  n: number,
  delay: (k: number) => number = () => 0,
  onPull: (pulled: number) => void = () => {},
) {
  const stats = { pulled: 0, returned: false };
  const iterable: AsyncIterable<number> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        const k = stats.pulled++;
        onPull(stats.pulled);
        await sleep(delay(k));
        return k < n ? { done: false, value: k } : { done: true, value: undefined };
      },
      return: async () => {
        stats.returned = true;
        return { done: true, value: undefined };
      },
    }),
  };
  return { iterable, stats };
}

describe('toObservable', () => {
  it('never has more than prefetch items pulled ahead of a slow consumer', async () => {
    for (const prefetch of [1, 3]) {
      let released = 0;
      let maxAhead = 0;
      // Measured at every pull: items pulled and not yet released by the consumer.
      const { iterable } = counted(
        12,
        () => 0,
        (pulled) => (maxAhead = Math.max(maxAhead, pulled - released)),
      );
      const seen = await lastValueFrom(
        toObservable(iterable, { prefetch }).pipe(
          concatMap(async ({ value, release }) => {
            await sleep(5); // the training step
            released++;
            release();
            return value;
          }),
          toArray(),
        ),
      );
      expect(seen).toEqual([...Array(12).keys()]);
      expect(maxAhead).toBe(prefetch);
    }
  });

  it('is needed: rxjs from() pulls everything while the first step still runs', async () => {
    const { iterable, stats } = counted(12);
    let pulledDuringFirstStep = 0;
    await lastValueFrom(
      from(iterable).pipe(
        concatMap(async (value) => {
          if (value === 0) {
            await sleep(30);
            pulledDuringFirstStep = stats.pulled;
          }
          return value;
        }),
      ),
    );
    expect(pulledDuringFirstStep).toBeGreaterThan(3);
  });

  it('pulls concurrently and emits in order when later items arrive first', async () => {
    // Item k takes (5 - k) * 4 ms: with prefetch 5 all five are in flight and finish in reverse order.
    const { iterable, stats } = counted(5, (k) => (5 - k) * 4);
    const values: number[] = [];
    let pulledAtFirst = 0;
    await lastValueFrom(
      toObservable(iterable, { prefetch: 5 }).pipe(
        concatMap(async ({ value, release }) => {
          if (values.length === 0) pulledAtFirst = stats.pulled;
          values.push(value);
          release();
        }),
      ),
      { defaultValue: undefined },
    );
    expect(values).toEqual([0, 1, 2, 3, 4]);
    expect(pulledAtFirst).toBe(5);
  });

  it('stops pulling without releases, and a second release of an item gives no extra credit', async () => {
    const { iterable, stats } = counted(100);
    const items: { release(): void }[] = [];
    const subscription = toObservable(iterable, { prefetch: 2 }).subscribe((item) => items.push(item));
    await sleep(20);
    expect(items.length).toBe(2);
    expect(stats.pulled).toBe(2);
    items[0].release();
    items[0].release();
    await sleep(20);
    expect(stats.pulled).toBe(3);
    expect(items.length).toBe(3);
    subscription.unsubscribe();
    expect(stats.returned).toBe(true);
  });

  it('ends when the iterable ends, and errors when it throws', async () => {
    const { iterable } = counted(3);
    const all = await lastValueFrom(toObservable(iterable, { prefetch: 4 }).pipe(toArray()));
    expect(all.map((i) => i.value)).toEqual([0, 1, 2]);

    async function* failing() {
      yield 1;
      throw new Error('case x is unreadable');
    }
    const taken: number[] = [];
    await expect(
      lastValueFrom(
        toObservable(failing(), { prefetch: 2 }).pipe(
          concatMap(async ({ value, release }) => {
            taken.push(value);
            release();
          }),
        ),
      ),
    ).rejects.toThrow('case x is unreadable');
    expect(taken).toEqual([1]);
  });

  it('calls return() on the iterator when the consumer stops early', async () => {
    const { iterable, stats } = counted(50);
    const first = await lastValueFrom(toObservable(iterable, { prefetch: 2 }).pipe(take(1), toArray()));
    expect(first.map((i) => i.value)).toEqual([0]);
    expect(stats.returned).toBe(true);
  });

  it('rejects a prefetch that is not a positive integer', () => {
    const { iterable } = counted(1);
    expect(() => toObservable(iterable, { prefetch: 0 })).toThrow(/prefetch must be an integer ≥ 1, got 0/);
    expect(() => toObservable(iterable, { prefetch: 1.5 })).toThrow(/prefetch/);
  });
});
