import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LabelMap, loadDataset, readCase } from '@nnunet-ts/datasets';
import type { ConfigurationPlan } from '@nnunet-ts/plans';
import { planDataset, preprocessCase, readPlansFile, restoreProbabilities } from '@nnunet-ts/preprocessing';
import { orientTo, type Volume } from '@nnunet-ts/volume';
import { readNifti } from '@nnunet-ts/io-nifti';
import { restorePrediction } from './restorePrediction';
import { writeCasePrediction } from './writeCasePrediction';

const shared = resolve(fileURLToPath(import.meta.url), '../../../../../shared/data/msd_totalseg_ct');
const present = existsSync(join(shared, 'dataset.json'));
if (!present) console.warn(`[inference] skipping the geometry round trip: ${shared} not found`);
const dir = mkdtempSync(join(tmpdir(), 'nnunet-restore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A perfect model: the one-hot of the preprocessed label, as channels-last probabilities. */
function oneHot(label: ArrayLike<number>, classes: number): Float32Array {
  const out = new Float32Array(label.length * classes);
  for (let v = 0; v < label.length; v++) out[v * classes + label[v]!] = 1;
  return out;
}

describe.skipIf(!present)(
  'a perfect prediction mapped back onto the original grid (shared CT dataset)',
  async () => {
    const dataset = present ? await loadDataset(shared) : undefined;
    const planned = present ? await planDataset({ data: shared, results: dir, nJobs: 1 }) : undefined;
    const plans = planned ? await readPlansFile(planned.plansFile) : undefined;
    // resample for real: the dataset is 3 mm isotropic, the plan asks for anisotropic finer voxels
    const plan = plans
      ? ({ ...plans.configurations['3d_fullres']!, spacing: [2.6, 1.7, 2.2] } satisfies ConfigurationPlan)
      : undefined;
    const labelMap = dataset ? new LabelMap(dataset.labels) : undefined;
    const classes = labelMap?.classes ?? 0;

    for (const c of dataset?.training ?? []) {
      for (const orientation of ['as stored (RAS)', 'reoriented to LPS'] as const) {
        it(`${c.id}, ${orientation}: Dice ≥ 0.99 for every structure over 1000 voxels, identical geometry`, async () => {
          const loaded = await readCase(dataset!, c);
          const reorient = <V extends Volume>(v: V) =>
            orientation === 'reoriented to LPS' ? (orientTo(v, 'LPS') as V) : v;
          const image = reorient(loaded.image);
          const label = reorient(loaded.label!);
          const prepared = preprocessCase({ id: c.id, image: image as Volume<'float32'>, label }, plan!, {
            configuration: '3d_fullres',
            mode: 'val',
            planHash: 'test',
            labelMap,
          });
          const perfect = oneHot(prepared.label!, classes);
          const restored = restorePrediction(prepared.meta, perfect, labelMap!);
          // and as prediction writes it: the label map read back from its file has the same header geometry
          const output = join(dir, orientation === 'as stored (RAS)' ? 'ras' : 'lps');
          const written = await readNifti(
            await writeCasePrediction(
              output,
              c.id,
              restoreProbabilities(prepared.meta, perfect, classes),
              labelMap!,
              false,
            ),
          );
          for (const map of [restored, written.volume]) {
            expect(map.shape).toEqual(label.shape);
            map.affine.forEach((row, i) =>
              row.forEach((v, j) => expect(v).toBeCloseTo(label.affine[i]![j]!, 6)),
            );
          }
          expect(written.volume.data).toEqual(restored.data);
          const reference = label.data as ArrayLike<number>;
          for (const cls of [1, 2, 3]) {
            const { dice, referenceVoxels } = classDice(restored.data, reference, cls);
            if (referenceVoxels > 1000) expect(dice, `class ${cls}`).toBeGreaterThanOrEqual(0.99);
          }
        });
      }
    }
  },
);

/** Dice of one class (inference sits below losses-metrics, so the obvious count stands in for it). */
function classDice(
  prediction: ArrayLike<number>,
  reference: ArrayLike<number>,
  cls: number,
): { dice: number; referenceVoxels: number } {
  let both = 0;
  let predicted = 0;
  let referenceVoxels = 0;
  for (let i = 0; i < reference.length; i++) {
    const p = prediction[i] === cls;
    const r = reference[i] === cls;
    if (p) predicted++;
    if (r) referenceVoxels++;
    if (p && r) both++;
  }
  return { dice: (2 * both) / (predicted + referenceVoxels), referenceVoxels };
}
