// Valid dataset.json documents (MSD and nnU-Net v2) and the Dataset each describes, for the fuzz properties.
import path from 'node:path';
import fc from 'fast-check';
import type { Dataset, DatasetCase } from '../../../Dataset';

/** A dataset.json and what loadDataset must make of it in folder `root`. */
export interface DatasetCaseSpec {
  json: Record<string, unknown>;
  /** files to create under the folder (v2 cases found from the folder listing) */
  files: string[];
  expected(root: string): Dataset;
}

const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,11}$/);
const ids = fc.uniqueArray(id, { maxLength: 6 });
const names = (n: number) => fc.array(fc.string({ maxLength: 8 }), { minLength: n, maxLength: n });
const channels = fc.integer({ min: 1, max: 3 }).chain(names);
const ending = fc.constantFrom('.nii.gz', '.nii', '.hdr', '.img', '.NII.GZ');
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** Label values 0..n-1 under distinct names; background 0 always. */
const labelNames = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 });

/** Keys listed in an order of their own: the parser must sort by value, not trust the order. */
function shuffledEntries<T>(entries: [string, T][]): fc.Arbitrary<Record<string, T>> {
  return fc
    .shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length })
    .map((e) => Object.fromEntries(e));
}

const sortedMap = (entries: [number, string][]) => new Map([...entries].sort((a, b) => a[0] - b[0]));

export const msdDataset: fc.Arbitrary<DatasetCaseSpec> = fc
  .record({
    channelNames: channels,
    labels: labelNames,
    training: ids,
    test: ids,
    endings: fc.array(ending, { minLength: 12, maxLength: 12 }),
    name: maybe(fc.string({ maxLength: 10 })),
    numTraining: maybe(fc.nat(100)),
  })
  .chain(({ channelNames, labels, training, test, endings, name, numTraining }) =>
    fc
      .record({
        modality: shuffledEntries(channelNames.map((n, c) => [String(c), n])),
        labels: shuffledEntries(labels.map((n, v) => [String(v), n])),
      })
      .map(({ modality, labels: labelJson }) => {
        const end = (i: number) => endings[i % endings.length]!;
        const json = {
          ...(name === undefined ? {} : { name }),
          modality,
          labels: labelJson,
          ...(numTraining === undefined ? {} : { numTraining }),
          training: training.map((c, i) => ({
            image: `./imagesTr/${c}${end(i)}`,
            label: `./labelsTr/${c}${end(i)}`,
          })),
          test: test.map((c, i) => `./imagesTs/${c}${end(i + 6)}`),
        };
        const expected = (root: string): Dataset => ({
          root,
          name: name ?? path.basename(root),
          layout: 'msd',
          channelNames,
          labels: sortedMap(labels.map((n, v) => [v, n])),
          fileEnding: training.length > 0 ? end(0) : test.length > 0 ? end(6) : '.nii.gz',
          training: training.map((c, i) => ({
            id: c,
            images: [path.join(root, 'imagesTr', `${c}${end(i)}`)],
            label: path.join(root, 'labelsTr', `${c}${end(i)}`),
          })),
          test: test.map((c, i) => ({ id: c, images: [path.join(root, 'imagesTs', `${c}${end(i + 6)}`)] })),
          numTraining,
        });
        return { json, files: [], expected };
      }),
  );

/** nnU-Net v2: cases listed under `dataset`, or found from imagesTr/labelsTr/imagesTs files. */
export const v2Dataset: fc.Arbitrary<DatasetCaseSpec> = fc
  .record({
    channelNames: channels,
    labels: labelNames,
    training: ids,
    test: ids,
    listed: fc.boolean(),
    fileEnding: ending,
    name: maybe(fc.string({ maxLength: 10 })),
    numTraining: maybe(fc.nat(100)),
  })
  .chain(({ channelNames, labels, training, test, listed, fileEnding, name, numTraining }) =>
    fc
      .record({
        channel_names: shuffledEntries(channelNames.map((n, c) => [String(c), n])),
        labels: shuffledEntries(labels.map((n, v) => [n, v])),
      })
      .map((parts) => {
        const channelFile = (folder: string, c: string, ch: number) =>
          `${folder}/${c}_${String(ch).padStart(4, '0')}${fileEnding}`;
        const imagesOf = (folder: string, c: string) =>
          channelNames.map((_, ch) => channelFile(folder, c, ch));
        const json = {
          ...(name === undefined ? {} : { name }),
          ...parts,
          ...(numTraining === undefined ? {} : { numTraining }),
          file_ending: fileEnding,
          ...(listed
            ? {
                dataset: Object.fromEntries(
                  training.map((c) => [
                    c,
                    { images: imagesOf('imagesTr', c), label: `labelsTr/${c}${fileEnding}` },
                  ]),
                ),
              }
            : {}),
        };
        const files = [
          ...(listed
            ? []
            : training.flatMap((c) => [...imagesOf('imagesTr', c), `labelsTr/${c}${fileEnding}`])),
          ...test.flatMap((c) => imagesOf('imagesTs', c)),
        ];
        const trainingCase = (root: string, c: string): DatasetCase => ({
          id: c,
          images: imagesOf('imagesTr', c).map((f) => path.join(root, f)),
          label: path.join(root, 'labelsTr', `${c}${fileEnding}`),
        });
        const expected = (root: string): Dataset => ({
          root,
          name: name ?? path.basename(root),
          layout: 'nnunet-v2',
          channelNames,
          labels: sortedMap(labels.map((n, v) => [v, n])),
          fileEnding,
          // listed cases keep the file's order; found ones are sorted
          training: (listed ? training : [...training].sort()).map((c) => trainingCase(root, c)),
          test: [...test]
            .sort()
            .map((c) => ({ id: c, images: imagesOf('imagesTs', c).map((f) => path.join(root, f)) })),
          numTraining,
        });
        return { json, files, expected };
      }),
  );

export const datasetSpec = fc.oneof(msdDataset, v2Dataset);
