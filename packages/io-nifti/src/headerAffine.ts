import type { Mat4 } from '@nnunet-ts/volume';
import { NiftiError } from './NiftiError';
import type { NiftiHeader } from './NiftiHeader';
import { quaternionToRotation } from './internal/quaternion';

/** Where an affine came from, in nibabel's order of preference. */
export type AffineSource = 'sform' | 'qform' | 'fallback' | 'analyze';

/**
 * The voxel-to-world affine nibabel's `img.affine` gives: the sform when sform_code > 0, else the qform
 * when qform_code > 0, else (both 0) nibabel's Analyze-style fallback: x flipped, origin at the volume
 * centre. Analyze headers use SPM's origin field. Only the transform that is used is checked, and a
 * non-finite or singular one is an error rather than silently wrong geometry.
 */
export function headerAffine(header: NiftiHeader, file = '<header>'): { affine: Mat4; source: AffineSource } {
  const zooms = [1, 2, 3].map((d) => Math.abs(header.pixdim[d]));
  if (header.version === 'analyze') {
    const affine = analyzeAffine(header, zooms);
    checkTransform(affine, 'the Analyze affine (from pixdim and the SPM origin)', file);
    return { affine, source: 'analyze' };
  }
  for (const [name, code] of [
    ['qform_code', header.qformCode],
    ['sform_code', header.sformCode],
  ] as const) {
    if (!Number.isInteger(code) || code < 0 || code > 5) {
      throw new NiftiError('BAD_HEADER', file, `${name} is ${code}; valid codes are 0 to 5`);
    }
  }
  if (header.sformCode > 0) {
    const affine: Mat4 = [toVec4(header.srowX), toVec4(header.srowY), toVec4(header.srowZ), [0, 0, 0, 1]];
    checkTransform(affine, `sform (sform_code ${header.sformCode})`, file);
    return { affine, source: 'sform' };
  }
  if (header.qformCode > 0) {
    const { quaternB: b, quaternC: c, quaternD: d } = header;
    const what = `qform (qform_code ${header.qformCode})`;
    const rotation = [b, c, d].every(Number.isFinite) ? quaternionToRotation(b, c, d) : null;
    if (!rotation) {
      throw new NiftiError(
        'BAD_HEADER',
        file,
        `${what}: quaternion (b, c, d) = (${b}, ${c}, ${d}) is not a rotation`,
      );
    }
    // NIfTI: any qfac (pixdim[0]) other than -1 counts as 1.
    const scale = [zooms[0], zooms[1], header.pixdim[0] === -1 ? -zooms[2] : zooms[2]];
    const row = (r: 0 | 1 | 2, offset: number) =>
      [rotation[r][0] * scale[0], rotation[r][1] * scale[1], rotation[r][2] * scale[2], offset] as const;
    const affine: Mat4 = [
      row(0, header.qoffsetX),
      row(1, header.qoffsetY),
      row(2, header.qoffsetZ),
      [0, 0, 0, 1],
    ];
    checkTransform(affine, what, file);
    return { affine, source: 'qform' };
  }
  // pixdim values that are each valid can still make it non-finite or singular (1e-200 cubed is 0)
  const affine = fallbackAffine(header, zooms);
  checkTransform(affine, 'the affine from pixdim (qform_code and sform_code are 0)', file);
  return { affine, source: 'fallback' };
}

/** nibabel's `shape_zoom_affine(shape, zooms, x_flip=True)`: the volume centre at the world origin. */
function fallbackAffine(header: NiftiHeader, zooms: number[]): Mat4 {
  const ndim = header.dim[0];
  const n = [1, 2, 3].map((d) => (d <= ndim ? header.dim[d] : 1));
  const z = [1, 2, 3].map((d, i) => (d <= ndim && zooms[i] !== 0 ? zooms[i] : 1));
  z[0] = -z[0];
  return [
    [z[0], 0, 0, (-(n[0] - 1) / 2) * z[0]],
    [0, z[1], 0, (-(n[1] - 1) / 2) * z[1]],
    [0, 0, z[2], (-(n[2] - 1) / 2) * z[2]],
    [0, 0, 0, 1],
  ];
}

/** nibabel's Spm99AnalyzeHeader.get_origin_affine: the 1-based SPM origin if plausible, else the centre. */
function analyzeAffine(header: NiftiHeader, zooms: number[]): Mat4 {
  const dims = [header.dim[1], header.dim[2], header.dim[3]];
  const origin = header.analyzeOrigin.slice(0, 3);
  const usable = origin.some((o) => o !== 0) && origin.every((o, i) => o > -dims[i] && o < dims[i] * 2);
  const centre = usable ? origin.map((o) => o - 1) : dims.map((n) => (n - 1) / 2);
  const z = [-zooms[0], zooms[1], zooms[2]];
  return [
    [z[0], 0, 0, -centre[0] * z[0]],
    [0, z[1], 0, -centre[1] * z[1]],
    [0, 0, z[2], -centre[2] * z[2]],
    [0, 0, 0, 1],
  ];
}

function toVec4(row: number[]): readonly [number, number, number, number] {
  return [row[0], row[1], row[2], row[3]];
}

function checkTransform(affine: Mat4, what: string, file: string): void {
  if (!affine.flat().every(Number.isFinite)) {
    throw new NiftiError('BAD_HEADER', file, `${what} has non-finite values`);
  }
  const m = affine;
  const det =
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
    m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
    m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  if (det === 0)
    throw new NiftiError('BAD_HEADER', file, `${what} is singular (its 3x3 part has determinant 0)`);
}
