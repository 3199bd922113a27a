import type { Mat3, Mat4, Vec4 } from '../affine';

export function matmul4(a: Mat4, b: Mat4): Mat4 {
  const row = (r: number): Vec4 => {
    const out = [0, 0, 0, 0];
    for (let c = 0; c < 4; c++) {
      out[c] = a[r][0] * b[0][c] + a[r][1] * b[1][c] + a[r][2] * b[2][c] + a[r][3] * b[3][c];
    }
    return out as unknown as Vec4;
  };
  return [row(0), row(1), row(2), row(3)];
}

export function linearPart(a: Mat4): Mat3 {
  return [
    [a[0][0], a[0][1], a[0][2]],
    [a[1][0], a[1][1], a[1][2]],
    [a[2][0], a[2][1], a[2][2]],
  ];
}

export function det3(m: Mat3): number {
  return (
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
    m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
    m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
  );
}

/** Inverse of a 3×3 matrix by cofactors; the caller guarantees it is non-singular. */
export function invert3(m: Mat3): Mat3 {
  const d = det3(m);
  const c = (r0: number, r1: number, c0: number, c1: number) => m[r0][c0] * m[r1][c1] - m[r0][c1] * m[r1][c0];
  return [
    [c(1, 2, 1, 2) / d, -c(0, 2, 1, 2) / d, c(0, 1, 1, 2) / d],
    [-c(1, 2, 0, 2) / d, c(0, 2, 0, 2) / d, -c(0, 1, 0, 2) / d],
    [c(1, 2, 0, 1) / d, -c(0, 2, 0, 1) / d, c(0, 1, 0, 1) / d],
  ];
}

/** Inverse of an affine (last row [0, 0, 0, 1]) whose 3×3 part is non-singular. */
export function invertAffine(a: Mat4): Mat4 {
  const inv = invert3(linearPart(a));
  const t = [0, 1, 2].map((r) => -(inv[r][0] * a[0][3] + inv[r][1] * a[1][3] + inv[r][2] * a[2][3]));
  return [
    [inv[0][0], inv[0][1], inv[0][2], t[0]],
    [inv[1][0], inv[1][1], inv[1][2], t[1]],
    [inv[2][0], inv[2][1], inv[2][2], t[2]],
    [0, 0, 0, 1],
  ];
}

export function transpose3(m: Mat3): Mat3 {
  return [
    [m[0][0], m[1][0], m[2][0]],
    [m[0][1], m[1][1], m[2][1]],
    [m[0][2], m[1][2], m[2][2]],
  ];
}
