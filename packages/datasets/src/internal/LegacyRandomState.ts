/**
 * The Mersenne Twister as numpy's legacy `RandomState(seed)` runs it, reduced to what this package
 * needs: seeding from a 32-bit integer, 32-bit draws, `shuffle` of a 1-D array, uniform doubles and
 * standard normals. It exists so that splits match scikit-learn's
 * `KFold(shuffle=True, random_state=12345)`, which both anchors use, case for case; the phantom
 * generator draws from it too, so its output can be reproduced with numpy.
 */
export class LegacyRandomState {
  private readonly state = new Uint32Array(624);
  private index = 624;
  /** The second normal of the last polar pair, as numpy keeps it. */
  private spareNormal: number | undefined;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new Error(`seed must be an integer in [0, 2^32), got ${seed}`);
    }
    this.state[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const previous = this.state[i - 1]! ^ (this.state[i - 1]! >>> 30);
      // 1812433253 * previous + i, modulo 2^32, without losing bits to float rounding
      this.state[i] = (Math.imul(1812433253, previous) + i) >>> 0;
    }
  }

  nextUint32(): number {
    if (this.index >= 624) this.twist();
    let y = this.state[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A uniform integer in [0, max] by masked rejection, as numpy's `random_interval`. */
  interval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    for (let shift = 1; shift <= 16; shift *= 2) mask |= mask >>> shift;
    let value: number;
    do value = (this.nextUint32() & mask) >>> 0;
    while (value > max);
    return value;
  }

  /** In-place Fisher–Yates from the end, as `RandomState.shuffle` on a 1-D array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.interval(i);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }

  /** A uniform double in [0, 1) with 53 random bits, as `random_sample`. */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** A uniform double in [low, high), as `uniform(low, high)`. */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.random();
  }

  /** A standard normal by the polar method, as the legacy `standard_normal` (pairs, second one kept). */
  standardNormal(): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return spare;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.random() - 1;
      x2 = 2 * this.random() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.spareNormal = f * x1;
    return f * x2;
  }

  private twist(): void {
    const s = this.state;
    for (let i = 0; i < 624; i++) {
      const y = (s[i]! & 0x80000000) | (s[(i + 1) % 624]! & 0x7fffffff);
      s[i] = s[(i + 397) % 624]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.index = 0;
  }
}
