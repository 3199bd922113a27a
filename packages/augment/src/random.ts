/**
 * A seeded random stream: xoshiro128** (Blackman & Vigna) with 128 bits of state, seeded by hashing the
 * seed and a path of integers (worker, epoch, sample, ...). Only 32-bit integer operations and IEEE
 * double arithmetic are used, so a stream is bit-identical on every machine; `normal()` also calls
 * Math.log and Math.sqrt (sqrt is exact in IEEE 754; V8 computes log with its own fdlibm port, the same on
 * every platform).
 */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** The second value of the last polar-method pair, or NaN when none is waiting. */
  private spare = Number.NaN;

  // The state words are kept as int32 (| 0), which V8 stores unboxed; only results become uint32.
  private constructor(state: readonly number[]) {
    this.s0 = state[0] | 0;
    this.s1 = state[1] | 0;
    this.s2 = state[2] | 0;
    this.s3 = state[3] | 0;
    // The all-zero state is the one fixed point of xoshiro; hashing can produce it only with probability 2^-128.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /**
   * The stream for `seed` and an optional path of integers, e.g. `Random.derive(seed, workerId, epoch)`.
   * Different paths give independent streams; every number must be an integer in [0, 2^53).
   */
  static derive(seed: number, ...path: number[]): Random {
    return new Random(
      hashToState([...wordsOf('seed', seed), ...path.flatMap((n, i) => wordsOf(`path[${i}]`, n))]),
    );
  }

  /** A stream starting at an explicit xoshiro128** state (four uint32 words, not all zero). */
  static fromState(state: readonly number[]): Random {
    if (state.length !== 4 || !state.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff)) {
      throw new RangeError(`Random.fromState: expected four uint32 words, got [${state.join(', ')}]`);
    }
    if (state.every((w) => w === 0)) throw new RangeError('Random.fromState: the state must not be all zero');
    return new Random(state);
  }

  /**
   * An independent child stream keyed by `keys`, computed from this stream's current state without
   * advancing it: `r.fork(3)` always returns the same stream until `r` draws again.
   */
  fork(...keys: number[]): Random {
    const words = [
      this.s0 >>> 0,
      this.s1 >>> 0,
      this.s2 >>> 0,
      this.s3 >>> 0,
      ...keys.flatMap((n, i) => wordsOf(`keys[${i}]`, n)),
    ];
    return new Random(hashToState(words));
  }

  /** The next uint32. */
  nextUint32(): number {
    return this.nextInt32() >>> 0;
  }

  /** The next output as a signed int32 (the same bits as nextUint32). */
  private nextInt32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    const s2 = this.s2 ^ this.s0;
    const s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    this.s0 ^= s3;
    this.s2 = s2 ^ t;
    this.s3 = rotl(s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  float(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** A uniform integer in [0, n), without modulo bias; n in [1, 2^32]. */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 4294967296) {
      throw new RangeError(`Random.int: n must be an integer in [1, 2^32], got ${n}`);
    }
    // Reject the top partial block of uint32 values so every residue is equally likely.
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** A standard normal deviate (Marsaglia's polar method on 32-bit uniforms). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = Number.NaN;
      return z;
    }
    for (;;) {
      // 32-bit uniforms in (-1, 1): ample resolution for a normal deviate, half the generator calls.
      const u = (this.nextInt32() + 0.5) * 4.656612873077393e-10;
      const v = (this.nextInt32() + 0.5) * 4.656612873077393e-10;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const m = Math.sqrt((-2 * Math.log(s)) / s);
      this.spare = v * m;
      return u * m;
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Splits a non-negative safe integer into its low and high 32-bit words. */
function wordsOf(name: string, n: number): [number, number] {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`Random: ${name} must be an integer in [0, 2^53), got ${n}`);
  }
  return [n >>> 0, Math.floor(n / 4294967296)];
}

/** MurmurHash3's 32-bit finalizer: a bijection with full avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Four 32-bit MurmurHash3-style hashes of the words with different lane seeds: 128 bits of state, so
 * millions of (worker, epoch, sample) streams do not collide the way 32-bit seeds would.
 */
function hashToState(words: readonly number[]): number[] {
  const state: number[] = [];
  for (let lane = 0; lane < 4; lane++) {
    let h = fmix32(0x9e3779b9 + lane * 0x632be5ab);
    for (const w of words) {
      let k = Math.imul(w, 0xcc9e2d51);
      k = rotl(k, 15);
      k = Math.imul(k, 0x1b873593);
      h ^= k;
      h = rotl(h, 13);
      h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    }
    state.push(fmix32(h ^ words.length));
  }
  return state;
}
