import { median, percentileOfSorted } from '../internal/percentile';
import { product } from '../internal/Shape3';
import type { CaseFingerprint } from './caseFingerprint';
import type { IntensityProperties } from '@nnunet-ts/plans';
import type { DatasetFingerprint } from './DatasetFingerprint';

/** Combines the per-case fingerprints (in any order; cases are sorted by id) into the dataset's. */
export function aggregateFingerprint(
  dataset: { name: string; channelNames: readonly string[]; labels: ReadonlyMap<number, string> },
  cases: readonly CaseFingerprint[],
): DatasetFingerprint {
  if (cases.length === 0) throw new Error(`dataset ${dataset.name}: no training cases to fingerprint`);
  const sorted = [...cases].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const channels = dataset.channelNames.length;
  const properties: (IntensityProperties | null)[] = [];
  const samples: number[] = [];
  for (let c = 0; c < channels; c++) {
    const total = sorted.reduce((n, f) => n + f.foregroundIntensities[c].length, 0);
    const all = new Float32Array(total);
    let offset = 0;
    for (const f of sorted) {
      all.set(f.foregroundIntensities[c], offset);
      offset += f.foregroundIntensities[c].length;
    }
    samples.push(total);
    properties.push(total === 0 ? null : intensityProperties(all));
  }
  return {
    version: 1,
    datasetName: dataset.name,
    channelNames: [...dataset.channelNames],
    labels: Object.fromEntries([...dataset.labels].map(([v, name]) => [String(v), name])),
    caseIds: sorted.map((f) => f.id),
    spacings: sorted.map((f) => f.spacing),
    shapesAfterCrop: sorted.map((f) => f.shapeAfterCrop),
    medianRelativeSizeAfterCropping: median(
      sorted.map((f) => product(f.shapeAfterCrop) / product(f.shapeBeforeCrop)),
    ),
    foregroundIntensityPropertiesPerChannel: properties,
    foregroundSamplesPerChannel: samples,
  };
}

/** Statistics of a non-empty sample (sorted in place); float64 sums, numpy's percentile and population std. */
function intensityProperties(values: Float32Array): IntensityProperties {
  values.sort();
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
  return {
    mean,
    median: percentileOfSorted(values, 50),
    std: Math.sqrt(squares / values.length),
    min: values[0],
    max: values[values.length - 1],
    percentile00_5: percentileOfSorted(values, 0.5),
    percentile99_5: percentileOfSorted(values, 99.5),
  };
}
