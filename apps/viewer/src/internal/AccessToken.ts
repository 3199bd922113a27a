import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Random bytes in a token: 256 bits, far beyond guessing. */
const TOKEN_BYTES = 32;

/**
 * The secret a viewer server asks of every request, made anew at each start, so that other users
 * and processes on the machine (or the network) cannot read the images by knowing the port.
 */
export class AccessToken {
  /** base64url: safe in a URL query and in a cookie without escaping */
  readonly value = randomBytes(TOKEN_BYTES).toString('base64url');
  private readonly bytes = Buffer.from(this.value);

  /** Whether `candidate` is the token, in constant time so that timing does not reveal its prefix. */
  matches(candidate: string | null | undefined): boolean {
    if (typeof candidate !== 'string') return false;
    const given = Buffer.from(candidate);
    // the length is no secret: every token has the same
    return given.length === this.bytes.length && timingSafeEqual(given, this.bytes);
  }
}
