import type { Mat3 } from '@nnunet-ts/volume';

/** nibabel's tolerance for a slightly negative 1 - (b² + c² + d²) from float32 rounding. */
const W2_TOLERANCE = -3 * 2 ** -23;

/**
 * The rotation the qform's quaternion (b, c, d) encodes, computed as nibabel does (fillpositive, then
 * quat2mat): a = sqrt(1 - b² - c² - d²), clamped to 0 within float32 rounding. Returns null when
 * |(b, c, d)| > 1, which encodes no rotation.
 */
export function quaternionToRotation(b: number, c: number, d: number): Mat3 | null {
  const w2 = 1 - (b * b + c * c + d * d);
  if (!(w2 >= W2_TOLERANCE)) return null;
  const a = w2 < 0 ? 0 : Math.sqrt(w2);
  const n = a * a + b * b + c * c + d * d;
  const s = 2 / n;
  const [X, Y, Z] = [b * s, c * s, d * s];
  const [wX, wY, wZ] = [a * X, a * Y, a * Z];
  const [xX, xY, xZ] = [b * X, b * Y, b * Z];
  const [yY, yZ, zZ] = [c * Y, c * Z, d * Z];
  return [
    [1 - (yY + zZ), xY - wZ, xZ + wY],
    [xY + wZ, 1 - (xX + zZ), yZ - wX],
    [xZ - wY, yZ + wX, 1 - (xX + yY)],
  ];
}

/**
 * The quaternion (b, c, d) of a proper rotation matrix, with a ≥ 0 (nifti_mat44_to_quatern's method:
 * branch on the largest diagonal term so no division is ill-conditioned).
 */
export function rotationToQuaternion(r: Mat3): [number, number, number] {
  const trace = r[0][0] + r[1][1] + r[2][2] + 1;
  let a: number;
  let b: number;
  let c: number;
  let d: number;
  if (trace > 0.5) {
    a = 0.5 * Math.sqrt(trace);
    b = (0.25 * (r[2][1] - r[1][2])) / a;
    c = (0.25 * (r[0][2] - r[2][0])) / a;
    d = (0.25 * (r[1][0] - r[0][1])) / a;
  } else {
    const xd = 1 + r[0][0] - (r[1][1] + r[2][2]);
    const yd = 1 + r[1][1] - (r[0][0] + r[2][2]);
    const zd = 1 + r[2][2] - (r[0][0] + r[1][1]);
    if (xd > 1) {
      b = 0.5 * Math.sqrt(xd);
      c = (0.25 * (r[0][1] + r[1][0])) / b;
      d = (0.25 * (r[0][2] + r[2][0])) / b;
      a = (0.25 * (r[2][1] - r[1][2])) / b;
    } else if (yd > 1) {
      c = 0.5 * Math.sqrt(yd);
      b = (0.25 * (r[0][1] + r[1][0])) / c;
      d = (0.25 * (r[1][2] + r[2][1])) / c;
      a = (0.25 * (r[0][2] - r[2][0])) / c;
    } else {
      d = 0.5 * Math.sqrt(zd);
      b = (0.25 * (r[0][2] + r[2][0])) / d;
      c = (0.25 * (r[1][2] + r[2][1])) / d;
      a = (0.25 * (r[1][0] - r[0][1])) / d;
    }
    if (a < 0) [b, c, d] = [-b, -c, -d];
  }
  return [b, c, d];
}
