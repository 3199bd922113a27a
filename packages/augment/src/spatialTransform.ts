import { extractPatch } from './extractPatch';
import type { Random } from './random';
import { checkShape, createSample, type Sample, type Shape3 } from './Sample';
import { checkPositiveRange, checkProbability, checkRange } from './internal/checks';
import { warp, type ImageOrder, type LabelMode } from './internal/warp';

export interface SpatialTransformOptions {
  /** Output patch shape [D, H, W]. */
  patch: Shape3;
  /**
   * Start of the patch-sized box of the input whose centre the output is centred on (e.g. from
   * `chooseCropBox`); it may reach outside the input. Default: the box centred in the input.
   */
  start?: readonly number[];
  /** Probability of rotating (default 0.2, nnU-Net v2). */
  pRotation?: number;
  /** Range of each rotation angle in degrees (default [-30, 30]; in-plane and 2D: [-180, 180]). */
  rotationDegrees?: readonly [number, number];
  /** Probability of scaling (default 0.2, nnU-Net v2). */
  pScaling?: number;
  /**
   * Range of the scale factor, one for all axes (default [0.7, 1.4]). As in batchgeneratorsv2 the factor
   * scales the sampling grid: above 1 the patch covers more of the input, so objects look smaller.
   */
  scaling?: readonly [number, number];
  /**
   * Rotate about axis 0 only and leave axis 0 unscaled: 2D slabs, and nnU-Net's "dummy 2D" augmentation
   * of anisotropic 3D patches. Default false (three angles about axes 0, 1, 2).
   */
  inPlane?: boolean;
  /** Image interpolation (default 'linear', as batchgeneratorsv2's grid_sample). */
  imageOrder?: ImageOrder;
  /** Label resampling (default 'argmax', batchgeneratorsv2's per-label interpolation). */
  labelMode?: LabelMode;
}

/** The drawn parameters: the 3×3 matrix (row-major) from output to input offsets. */
export interface SpatialParameters {
  readonly rotated: boolean;
  readonly scaled: boolean;
  /** Angles in radians about axes 0, 1, 2 (one angle about axis 0 when in-plane). */
  readonly angles: readonly number[];
  readonly scale: number;
  readonly matrix: readonly number[];
}

/**
 * nnU-Net v2's spatial transform: with probability pRotation a rotation, with probability pScaling a
 * scaling, both applied to image and label in one resampling pass through the same coordinate map.
 * Without either it is an exact crop. Rotation is in voxel space (as batchgeneratorsv2).
 */
export function spatialTransform(sample: Sample, random: Random, options: SpatialTransformOptions): Sample {
  createSample(sample, 'spatialTransform: sample');
  const { patch, imageOrder = 'linear', labelMode = 'argmax' } = options;
  checkShape('spatialTransform: patch', patch);
  const start = options.start ?? sample.shape.map((n, a) => Math.floor((n - patch[a]) / 2));
  if (start.length !== 3 || !start.every(Number.isInteger)) {
    throw new RangeError(`spatialTransform: start must be three integers, got ${JSON.stringify(start)}`);
  }
  if (imageOrder !== 'linear' && imageOrder !== 'cubic') {
    throw new RangeError(
      `spatialTransform: imageOrder must be 'linear' or 'cubic', got ${JSON.stringify(imageOrder)}`,
    );
  }
  if (labelMode !== 'nearest' && labelMode !== 'argmax') {
    throw new RangeError(
      `spatialTransform: labelMode must be 'nearest' or 'argmax', got ${JSON.stringify(labelMode)}`,
    );
  }
  const params = drawSpatialParameters(random, options);
  if (!params.rotated && !params.scaled) return extractPatch(sample, start, patch);
  const center = start.map((s, a) => s + (patch[a] - 1) / 2);
  return warp(sample, { patch, center, matrix: params.matrix, imageOrder, labelMode });
}

/** Draws rotation and scaling as `spatialTransform` does (the same random calls in the same order). */
export function drawSpatialParameters(random: Random, options: SpatialTransformOptions): SpatialParameters {
  const { pRotation = 0.2, pScaling = 0.2, scaling = [0.7, 1.4], inPlane = false } = options;
  const rotationDegrees = options.rotationDegrees ?? (inPlane ? [-180, 180] : [-30, 30]);
  checkProbability('spatialTransform: pRotation', pRotation);
  checkProbability('spatialTransform: pScaling', pScaling);
  checkRange('spatialTransform: rotationDegrees', rotationDegrees);
  checkPositiveRange('spatialTransform: scaling', scaling);
  const rotated = random.chance(pRotation);
  const scaled = random.chance(pScaling);
  const toRad = Math.PI / 180;
  const angles = rotated
    ? Array.from(
        { length: inPlane ? 1 : 3 },
        () => random.uniform(rotationDegrees[0], rotationDegrees[1]) * toRad,
      )
    : [];
  const scale = scaled ? random.uniform(scaling[0], scaling[1]) : 1;
  let matrix = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  angles.forEach((angle, axis) => (matrix = multiply(matrix, rotation(axis, angle))));
  const s = inPlane ? [1, scale, scale] : [scale, scale, scale];
  matrix = multiply(matrix, [s[0], 0, 0, 0, s[1], 0, 0, 0, s[2]]);
  return { rotated, scaled, angles, scale, matrix };
}

/** Rotation by `angle` about index axis `axis`, turning the other two axes (in increasing order) positively. */
export function rotation(axis: number, angle: number): number[] {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const [i, j] = [0, 1, 2].filter((a) => a !== axis);
  const m = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  m[i * 3 + i] = c;
  m[i * 3 + j] = -s;
  m[j * 3 + i] = s;
  m[j * 3 + j] = c;
  return m;
}

function multiply(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(9).fill(0);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      for (let k = 0; k < 3; k++) out[r * 3 + c] += a[r * 3 + k] * b[k * 3 + c];
    }
  }
  return out;
}
