import { columnNorms, createVolume, dtypeInfo, type Mat3, type Volume } from '@nnunet-ts/volume';
import { codeForDType } from '../datatypes';
import { headerAffine } from '../headerAffine';
import { NiftiError } from '../NiftiError';
import type { NiftiHeader } from '../NiftiHeader';
import { emptyHeader } from './parseHeader';
import { rotationToQuaternion } from './quaternion';

export interface HeaderOptions {
  /** Template: fields not derived from the volume are copied from it (all of them, for a read header). */
  header?: Partial<NiftiHeader>;
  /** 1 or 2. Default: the template's version, else 1, or 2 when a dimension exceeds NIfTI-1's 32767. */
  version?: 1 | 2;
  /** Default: the template's byte order, else little-endian. */
  littleEndian?: boolean;
  /** scl_slope / scl_inter to store. Default: the template's, else 1 / 0. */
  scaling?: { slope: number; inter: number } | null;
  /** xform codes when the geometry is (re)written. Default: the template's, else 1 (scanner) for both. */
  qformCode?: number;
  sformCode?: number;
}

const DEFAULT_XFORM_CODE = 1;
const NIFTI1_MAX_DIM = 32767;

/**
 * The header that stores `volume`: datatype and dims come from the volume; geometry is kept verbatim
 * from the template when the volume's affine and spacing are exactly what the template gives (so a read
 * file writes back bit for bit), and is otherwise written from the affine: sform = affine, and a qform when
 * the affine is a rotation times the spacing (no shear).
 */
export function buildHeader(
  volume: Volume,
  options: HeaderOptions,
  pair: boolean,
  file: string,
): NiftiHeader {
  try {
    createVolume(volume);
  } catch (error) {
    throw new NiftiError('INVALID_VOLUME', file, `the volume is inconsistent: ${(error as Error).message}`);
  }
  const t = options.header ?? {};
  const fromAnalyze = t.version === 'analyze';
  const h: NiftiHeader = {
    ...emptyHeader(true),
    regular: 0x72,
    xyztUnits: 2,
    sclSlope: 1,
    ...t,
    analyzeOrigin: [],
  };
  h.littleEndian = options.littleEndian ?? t.littleEndian ?? true;

  const dim = chooseDims(volume, t.dim);
  const needsTwo = dim.some((n) => n > NIFTI1_MAX_DIM);
  const version = options.version ?? (t.version === 2 || needsTwo ? 2 : 1);
  if (version === 1 && needsTwo) {
    throw new NiftiError(
      'INVALID_VOLUME',
      file,
      `dims [${dim.slice(1, dim[0] + 1).join(', ')}] exceed NIfTI-1's 32767; write NIfTI-2`,
    );
  }
  h.version = version;
  h.sizeofHdr = version === 2 ? 540 : 348;
  h.magic = `${pair ? 'ni' : 'n+'}${version}`;
  h.dim = dim;
  h.datatype = codeForDType(volume.dtype);
  const { components, componentBytes } = dtypeInfo(volume.dtype);
  h.bitpix = components * componentBytes * 8;
  h.pixdim = [...(t.pixdim ?? [1, 1, 1, 1, 1, 1, 1, 1])];
  if (options.scaling !== undefined) {
    h.sclSlope = options.scaling?.slope ?? 1;
    h.sclInter = options.scaling?.inter ?? 0;
  }

  if (!fromAnalyze && geometryUnchanged(volume, t)) return h;
  if (fromAnalyze || (t.qformCode ?? 0) + (t.sformCode ?? 0) === 0) {
    h.qformCode = DEFAULT_XFORM_CODE;
    h.sformCode = DEFAULT_XFORM_CODE;
  }
  writeGeometry(h, volume, options, file);
  return h;
}

/** Keeps the template's dims when they describe the same data (e.g. a 4D file with dim[4] = 1). */
function chooseDims(volume: Volume, template: number[] | undefined): number[] {
  const [n0, n1, n2] = volume.shape;
  if (
    template &&
    template.length === 8 &&
    Number.isInteger(template[0]) &&
    template[0] >= 1 &&
    template[0] <= 7
  ) {
    const ndim = template[0];
    const used = template.slice(1, ndim + 1);
    const at = (d: number) => (d < ndim ? used[d] : 1);
    const channels = used.slice(3).reduce((a, b) => a * b, 1);
    if (at(0) === n0 && at(1) === n1 && at(2) === n2 && channels === volume.channels) return [...template];
  }
  const ndim = volume.channels > 1 ? 4 : 3;
  return [ndim, n0, n1, n2, ndim === 4 ? volume.channels : 1, 1, 1, 1];
}

function geometryUnchanged(volume: Volume, t: Partial<NiftiHeader>): boolean {
  try {
    const { affine } = headerAffine({ ...emptyHeader(true), ...t } as NiftiHeader);
    const zooms = [1, 2, 3].map((d) => Math.abs((t.pixdim ?? [])[d]));
    return (
      affine.every((row, r) => row.every((v, c) => v === volume.affine[r][c])) &&
      volume.spacing.every((s, d) => s === zooms[d])
    );
  } catch {
    return false;
  }
}

function writeGeometry(h: NiftiHeader, volume: Volume, options: HeaderOptions, file: string): void {
  const a = volume.affine;
  let sformCode = options.sformCode ?? h.sformCode;
  let qformCode = options.qformCode ?? h.qformCode;
  const rotation = rigidPart(volume);
  if (qformCode > 0 && !rotation) {
    if (options.qformCode !== undefined && options.qformCode > 0) {
      throw new NiftiError(
        'INVALID_VOLUME',
        file,
        'qformCode was requested but the affine has shear or does not match the spacing',
      );
    }
    if (sformCode === 0) sformCode = qformCode;
    qformCode = 0;
  }
  if (sformCode === 0 && qformCode === 0) {
    throw new NiftiError(
      'INVALID_VOLUME',
      file,
      'qformCode and sformCode are both 0, so the affine would not be stored',
    );
  }
  h.sformCode = sformCode;
  h.qformCode = qformCode;
  h.srowX = [...a[0]];
  h.srowY = [...a[1]];
  h.srowZ = [...a[2]];
  h.pixdim[1] = volume.spacing[0];
  h.pixdim[2] = volume.spacing[1];
  h.pixdim[3] = volume.spacing[2];
  [h.qoffsetX, h.qoffsetY, h.qoffsetZ] = [a[0][3], a[1][3], a[2][3]];
  if (rotation) {
    [h.quaternB, h.quaternC, h.quaternD] = rotationToQuaternion(rotation.r);
    h.pixdim[0] = rotation.qfac;
  } else {
    [h.quaternB, h.quaternC, h.quaternD] = [0, 0, 0];
    h.pixdim[0] = 1;
  }
}

/**
 * The proper rotation R and qfac with affine = R · diag(spacing) · diag(1, 1, qfac), or null when the affine
 * has shear or column lengths that differ from the spacing (a qform cannot store it then).
 */
function rigidPart(volume: Volume): { r: Mat3; qfac: 1 | -1 } | null {
  const norms = columnNorms(volume.affine);
  if (norms.some((n, d) => Math.abs(n - volume.spacing[d]) > 1e-6 * volume.spacing[d])) return null;
  const cols = [0, 1, 2].map((c) => [0, 1, 2].map((r) => volume.affine[r][c] / norms[c]));
  const dot = (x: number[], y: number[]) => x[0] * y[0] + x[1] * y[1] + x[2] * y[2];
  if (
    Math.abs(dot(cols[0], cols[1])) > 1e-6 ||
    Math.abs(dot(cols[0], cols[2])) > 1e-6 ||
    Math.abs(dot(cols[1], cols[2])) > 1e-6
  ) {
    return null;
  }
  const cross = [
    cols[0][1] * cols[1][2] - cols[0][2] * cols[1][1],
    cols[0][2] * cols[1][0] - cols[0][0] * cols[1][2],
    cols[0][0] * cols[1][1] - cols[0][1] * cols[1][0],
  ];
  const qfac = dot(cross, cols[2]) < 0 ? -1 : 1;
  const c2 = cols[2].map((v) => v * qfac);
  const r = [0, 1, 2].map((row) => [cols[0][row], cols[1][row], c2[row]]) as unknown as Mat3;
  return { r, qfac };
}
