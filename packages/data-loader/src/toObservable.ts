import { Observable } from 'rxjs';
import { checkInteger } from './internal/checks';

/** An item of a credited stream and the credit that pays for it. */
export interface Credited<T> {
  readonly value: T;
  /**
   * Hands the item's credit back once the consumer is done with it (e.g. after the training step), so the
   * next item can be pulled. Calling it again does nothing.
   */
  release(): void;
}

export interface ToObservableOptions {
  /** How many items may be pulled from the iterable and not yet released (≥ 1). */
  readonly prefetch: number;
}

/**
 * The iterable as an rxjs Observable with credit-based backpressure (rxjs itself has none: `from()` of an
 * async iterable pulls as fast as the source yields). Each subscription starts with `prefetch` credits;
 * pulling an item costs one, and `release()` on an emitted item gives it back. So at most `prefetch` items
 * are ever pulled ahead of what the consumer has finished, and they are pulled concurrently (an iterator
 * whose next() starts work at once, like the training loader's, makes them in parallel). Items are emitted
 * in order; an error of the iterable errors the stream; unsubscribing calls the iterator's return().
 *
 *     toObservable(loader, { prefetch: 2 }).pipe(concatMap(async ({ value, release }) => {
 *       await trainStep(value);
 *       release();
 *     }))
 */
export function toObservable<T>(
  iterable: AsyncIterable<T>,
  options: ToObservableOptions,
): Observable<Credited<T>> {
  checkInteger('toObservable: prefetch', options.prefetch, 1);
  return new Observable<Credited<T>>((subscriber) => {
    const iterator = iterable[Symbol.asyncIterator]();
    let credits = options.prefetch;
    let ended = false;
    // Emission follows pull order even when later pulls settle first.
    let emitted: Promise<void> = Promise.resolve();

    const pump = () => {
      while (credits > 0 && !ended && !subscriber.closed) {
        credits--;
        const pulled = iterator.next();
        emitted = emitted.then(() =>
          pulled.then(
            (result) => {
              if (ended || subscriber.closed) return;
              if (result.done) {
                ended = true;
                subscriber.complete();
                return;
              }
              let released = false;
              subscriber.next({
                value: result.value,
                release: () => {
                  if (released) return;
                  released = true;
                  credits++;
                  pump();
                },
              });
            },
            (error: unknown) => {
              if (ended || subscriber.closed) return;
              ended = true;
              subscriber.error(error);
            },
          ),
        );
      }
    };
    pump();
    return () => {
      if (!ended) Promise.resolve(iterator.return?.()).catch(() => undefined);
      ended = true;
    };
  });
}
