import { toVolumeAxes, type ConfigurationPlan, type ExecMode } from '@nnunet-ts/plans';
import type { LabelMap } from '@nnunet-ts/datasets';
import { axisCodes, type Volume } from '@nnunet-ts/volume';
import { product, reverse3, type Shape3 } from '../internal/Shape3';
import { normalizeChannel } from '../normalize/normalizeChannel';
import { axisInterpolations } from '../resample/lowResAxis';
import { resampleChannel } from '../resample/resampleChannel';
import { resampleLabel, type LabelArray } from '../resample/resampleLabel';
import type { CaseMetadata } from './CaseMetadata';
import { cropToNonzero } from './cropToNonzero';
import { sampleClassLocations } from './sampleClassLocations';

export interface CaseInput {
  id: string;
  /** float32, one channel per plan channel */
  image: Volume<'float32'>;
  /** integer label map on the image grid (training and val), holding the dataset's label values */
  label?: Volume;
  /** file names, recorded in the metadata and named in errors */
  source?: { images: string[]; label?: string };
}

export interface PreprocessCaseOptions {
  configuration: string;
  mode: ExecMode;
  /** recorded in the metadata (see `preprocessingHash`) */
  planHash: string;
  /** the dataset's labels: how a case's label values become the stored classes (needed with a label) */
  labelMap?: LabelMap;
}

export interface PreprocessedCase {
  /** channels-last [D, H, W, C] (C order), as the seed stores `{id}_x.npy` */
  image: Float32Array;
  /** classes [D, H, W] (`LabelMap`), not label values */
  label?: LabelArray;
  meta: CaseMetadata;
}

type Triple = [number, number, number];

/**
 * One case through the plan: crop to the nonzero region, map label values to classes (`LabelMap`),
 * resample to the configuration's spacing (cubic image / one-hot linear label, nnU-Net's separate
 * low-resolution axis), normalize each channel, pad to at least the patch size (training mode) and
 * sample foreground class locations.
 */
export function preprocessCase(
  input: CaseInput,
  plan: ConfigurationPlan,
  options: PreprocessCaseOptions,
): PreprocessedCase {
  const { image } = input;
  const where = input.source?.images.join(', ') ?? `case ${input.id}`;
  if (image.channels !== plan.normalization.length) {
    throw new Error(`${where}: ${image.channels} channel(s), but the plan has ${plan.normalization.length}`);
  }
  if (options.mode !== 'test' && input.label === undefined) {
    throw new Error(`${where}: ${options.mode} cases need a label map`);
  }
  if (input.label && !options.labelMap) {
    throw new Error(
      `${where}: a case with a label map needs the dataset's labels (labelMap) to store classes`,
    );
  }
  const cropped = cropToNonzero(image, input.label);
  const shape = reverse3(cropped.image.shape);
  const sourceSpacing = reverse3(image.spacing);
  // in 2D the slices keep their own spacing along D
  const spacing: Triple = toVolumeAxes(plan.dim, plan.spacing, sourceSpacing[0]);
  const resampled: Triple = [0, 1, 2].map((a) =>
    Math.max(1, Math.round((shape[a] * sourceSpacing[a]) / spacing[a])),
  ) as Triple;

  const voxels = product(shape);
  const imageKinds = axisInterpolations(sourceSpacing, spacing, plan.resampling.image);
  const channels = plan.normalization.map((normalization, c) => {
    const values = resampleChannel(
      cropped.image.data.subarray(c * voxels, (c + 1) * voxels),
      shape,
      resampled,
      imageKinds,
    );
    normalizeChannel(values, normalization);
    return values;
  });
  const label =
    cropped.label &&
    resampleLabel(
      options.labelMap!.toClasses(cropped.label.data, input.source?.label ?? `case ${input.id} label`),
      shape,
      resampled,
      axisInterpolations(sourceSpacing, spacing, plan.resampling.label),
    );

  // training cases are padded to at least the patch (not along D in 2D, which is cut into slices)
  const minimum = toVolumeAxes(plan.dim, plan.patchSize, 1);
  const padded = resampled.map((n, a) =>
    options.mode === 'training' ? Math.max(n, minimum[a]) : n,
  ) as Triple;
  const before = padded.map((n, a) => Math.floor((n - resampled[a]) / 2)) as Triple;
  const after = padded.map((n, a) => n - resampled[a] - before[a]) as Triple;
  const stored = interleave(channels, resampled, padded, before);
  const storedLabel = label && padLabel(label, resampled, padded, before);
  const present = storedLabel ? labelsIn(storedLabel) : [];

  const meta: CaseMetadata = {
    id: input.id,
    configuration: options.configuration,
    mode: options.mode,
    planHash: options.planHash,
    source: input.source ?? { images: [] },
    original: {
      shape: [...image.shape],
      spacing: [...image.spacing],
      affine: image.affine.map((row) => [...row]) as unknown as CaseMetadata['original']['affine'],
      orientation: [...axisCodes(image.affine)],
    },
    crop: { start: reverse3(cropped.start), end: reverse3(cropped.end) },
    shapeBeforeResampling: shape,
    spacingBeforeResampling: sourceSpacing,
    shapeAfterResampling: resampled,
    spacing,
    pad: { before, after },
    shape: padded,
    channels: channels.length,
    ...(storedLabel ? { labelDtype: storedLabel instanceof Uint16Array ? 'uint16' : 'uint8' } : {}),
    labelsPresent: present,
    classLocations: storedLabel ? sampleClassLocations(storedLabel, padded) : {},
    resampling: plan.resampling,
  };
  return { image: stored, ...(storedLabel ? { label: storedLabel } : {}), meta };
}

/** Channel arrays ([D, H, W] each) into one channels-last array of `padded` shape, placed at `offset`. */
function interleave(channels: Float32Array[], shape: Shape3, padded: Shape3, offset: Shape3): Float32Array {
  const C = channels.length;
  const out = new Float32Array(product(padded) * C);
  for (let c = 0; c < C; c++) {
    const src = channels[c];
    let i = 0;
    for (let d = 0; d < shape[0]; d++) {
      for (let h = 0; h < shape[1]; h++) {
        let o = (((d + offset[0]) * padded[1] + h + offset[1]) * padded[2] + offset[2]) * C + c;
        for (let w = 0; w < shape[2]; w++, i++, o += C) out[o] = src[i];
      }
    }
  }
  return out;
}

function padLabel(label: LabelArray, shape: Shape3, padded: Shape3, offset: Shape3): LabelArray {
  if (shape.every((n, a) => n === padded[a])) return label;
  const out = new (label.constructor as new (n: number) => LabelArray)(product(padded));
  for (let d = 0; d < shape[0]; d++) {
    for (let h = 0; h < shape[1]; h++) {
      const from = (d * shape[1] + h) * shape[2];
      out.set(
        label.subarray(from, from + shape[2]),
        ((d + offset[0]) * padded[1] + h + offset[1]) * padded[2] + offset[2],
      );
    }
  }
  return out;
}

function labelsIn(label: LabelArray): number[] {
  const seen = new Set<number>();
  for (let i = 0; i < label.length; i++) if (label[i] !== 0) seen.add(label[i]);
  return [...seen].sort((a, b) => a - b);
}
