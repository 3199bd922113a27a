import { columnNorms, type Mat3, type Mat4 } from './affine';
import { closestOrthogonal } from './internal/closestOrthogonal';
import { linearPart } from './internal/mat4';

/**
 * nibabel's `ornt`: for each index axis, the world axis it runs along (0 = x/R-L, 1 = y/A-P, 2 = z/S-I)
 * and whether it runs towards the positive end (R, A, S: 1) or the negative end (-1).
 */
export type Orientation = readonly [AxisOrientation, AxisOrientation, AxisOrientation];
export type AxisOrientation = readonly [axis: number, sign: 1 | -1];

/** Axis codes such as ['R', 'A', 'S'] or ['L', 'P', 'S']: the world direction each index axis points to. */
export type AxisCodes = readonly [string, string, string];

const LABELS = [
  ['L', 'R'],
  ['P', 'A'],
  ['I', 'S'],
] as const;

/**
 * The world axis and direction each index axis is closest to, as nibabel's `io_orientation` defines it:
 * the affine's columns are normalised, replaced by the closest orthogonal matrix, and each index axis
 * in turn takes the world axis of its largest component among the world axes not yet taken.
 */
export function ioOrientation(affine: Mat4): Orientation {
  const norms = columnNorms(affine);
  const rs = linearPart(affine).map((row) => row.map((v, c) => v / (norms[c] || 1))) as unknown as Mat3;
  const r = closestOrthogonal(rs).map((row) => [...row]);
  const out: AxisOrientation[] = [];
  for (let inAx = 0; inAx < 3; inAx++) {
    let best = 0;
    for (let w = 1; w < 3; w++) if (Math.abs(r[w][inAx]) > Math.abs(r[best][inAx])) best = w;
    out.push([best, r[best][inAx] < 0 ? -1 : 1]);
    r[best] = [0, 0, 0];
  }
  return out as unknown as Orientation;
}

/** Axis codes of an orientation, e.g. [[0, 1], [1, 1], [2, 1]] → ['R', 'A', 'S']. */
export function orientationToCodes(ornt: Orientation): AxisCodes {
  return ornt.map(([axis, sign]) => LABELS[axis][sign > 0 ? 1 : 0]) as unknown as AxisCodes;
}

/** The orientation that axis codes name; accepts 'RAS', 'LPS', ['L', 'P', 'S'] and the like. */
export function codesToOrientation(codes: string | readonly string[]): Orientation {
  const list = typeof codes === 'string' ? [...codes] : [...codes];
  const out: AxisOrientation[] = [];
  for (const code of list) {
    const upper = code.toUpperCase();
    const axis = LABELS.findIndex((pair) => (pair as readonly string[]).includes(upper));
    if (axis < 0)
      throw new RangeError(`axis codes: '${code}' is not one of L, R, P, A, I, S in [${list.join(', ')}]`);
    out.push([axis, upper === LABELS[axis][1] ? 1 : -1]);
  }
  if (out.length !== 3 || new Set(out.map(([a]) => a)).size !== 3) {
    throw new RangeError(`axis codes: [${list.join(', ')}] must name each of the three world axes once`);
  }
  return out as unknown as Orientation;
}

/** Axis codes of an affine (nibabel's `aff2axcodes`). */
export function axisCodes(affine: Mat4): AxisCodes {
  return orientationToCodes(ioOrientation(affine));
}
