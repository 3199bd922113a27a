import type { Volume } from '@nnunet-ts/volume';
import { reverse3 } from '../internal/Shape3';
import { sampleIndices, seededRandom } from '../internal/seededRandom';
import { cropToNonzero } from '../case/cropToNonzero';

/** What the fingerprint needs from one training case (array order [D, H, W] throughout). */
export interface CaseFingerprint {
  id: string;
  spacing: [number, number, number];
  shapeBeforeCrop: [number, number, number];
  shapeAfterCrop: [number, number, number];
  /** label values present (background excluded) */
  labels: number[];
  /** per channel: intensities of foreground (label > 0) voxels, all of them or a seeded sample */
  foregroundIntensities: Float32Array[];
}

export interface CaseFingerprintOptions {
  /** most foreground voxels kept per channel (default 1e7 / number of training cases, as nnU-Net) */
  maxSamples: number;
  seed?: number;
}

/** Crops a case to its nonzero region and records its geometry and foreground intensities. */
export function caseFingerprint(
  id: string,
  image: Volume<'float32'>,
  label: Volume,
  { maxSamples, seed = 1234 }: CaseFingerprintOptions,
): CaseFingerprint {
  const cropped = cropToNonzero(image, label);
  const croppedLabel = cropped.label as Volume;
  const n = croppedLabel.data.length;
  const values = croppedLabel.data as ArrayLike<number>;
  const foreground: number[] = [];
  const present = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (values[i] > 0) {
      foreground.push(i);
      present.add(values[i]);
    }
  }
  const picked = sampleIndices(foreground.length, maxSamples, seededRandom(seed));
  const foregroundIntensities: Float32Array[] = [];
  for (let c = 0; c < image.channels; c++) {
    const channel = cropped.image.data.subarray(c * n, (c + 1) * n);
    foregroundIntensities.push(Float32Array.from(picked, (j) => channel[foreground[j]]));
  }
  return {
    id,
    spacing: reverse3(image.spacing),
    shapeBeforeCrop: reverse3(image.shape),
    shapeAfterCrop: reverse3(cropped.image.shape),
    labels: [...present].sort((a, b) => a - b),
    foregroundIntensities,
  };
}
