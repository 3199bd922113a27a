/** A dataset folder or one of its files cannot be used; the message starts with the file it is about. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  constructor(
    readonly file: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${problem}`, options);
  }
}
