/**
 * A collective (or the ring under it) failed. `vanishedRank` is the rank that went away or went
 * silent when that is known, so a launcher or trainer can say which process to look at.
 */
export class CollectiveError extends Error {
  override readonly name = 'CollectiveError';

  constructor(
    message: string,
    /** the rank that raised this error */
    readonly rank: number,
    readonly vanishedRank: number | null,
    /** the first rank's account of the failure, which the ring passes on to every rank */
    readonly origin: string = message,
  ) {
    super(message);
  }
}
