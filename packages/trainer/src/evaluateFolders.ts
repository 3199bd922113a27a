import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { casesOfRank, mergeRankParts, type CaseShare } from '@nnunet-ts/datasets';
import { readNifti } from '@nnunet-ts/io-nifti';
import {
  evaluateCase,
  summarizeCases,
  type CaseResult,
  type EmptyPolicy,
  type Summary,
} from '@nnunet-ts/losses-metrics';

export interface EvaluateFoldersOptions {
  /** folder of predicted label maps (NIfTI) */
  preds: string;
  /** folder of reference label maps with the same file names */
  lbls: string;
  /** label values to score (default: every non-zero value found in the references) */
  classes?: number[];
  /** HD95 and NSD in mm (`--surface-metrics`) */
  surfaceMetrics?: boolean;
  nsdToleranceMm?: number;
  /** Dice of a class absent from both maps: 'one' (seed) or 'nan' (nnU-Net v2, ignored in means) */
  empty?: EmptyPolicy;
  /**
   * In a job of several ranks: each scores its part of the files (`casesOfRank`) and every rank
   * returns the summary of all of them, in the order one process gives
   */
  share?: CaseShare;
  /** after each of this rank's files */
  onCase?: (file: string, done: number, total: number) => void;
}

const NIFTI = /\.nii(\.gz)?$/;
const AFFINE_TOLERANCE = 1e-4;

/**
 * Scores every prediction against the reference of the same name: Dice, IoU, counts and optionally
 * surface metrics per case and class, summarised as nnU-Net v2's summary.json. Predictions whose
 * grid differs from the reference's are an error, never a silent comparison.
 */
export async function evaluateFolders(options: EvaluateFoldersOptions): Promise<Summary> {
  const predFiles = (await readdir(options.preds)).filter((f) => NIFTI.test(f)).sort();
  const refFiles = new Set((await readdir(options.lbls)).filter((f) => NIFTI.test(f)));
  if (predFiles.length === 0)
    throw new Error(`${options.preds}: no NIfTI predictions (.nii or .nii.gz) in this folder`);
  const missing = predFiles.filter((f) => !refFiles.has(f));
  if (missing.length) {
    throw new Error(
      `no reference in ${options.lbls} for ${missing.length} prediction(s): ${missing.slice(0, 5).join(', ')}`,
    );
  }
  const { share } = options;
  const pairs = [];
  for (const file of casesOfRank(predFiles, share)) {
    const predPath = join(options.preds, file);
    const refPath = join(options.lbls, file);
    const [pred, ref] = await Promise.all([readNifti(predPath), readNifti(refPath)]);
    checkSameGrid(predPath, pred.volume, refPath, ref.volume);
    pairs.push({ file, predPath, refPath, pred: pred.volume, ref: ref.volume });
  }
  const classes =
    options.classes ??
    (await labelsPresent(
      pairs.map(({ ref }) => ref.data as ArrayLike<number>),
      share,
    ));
  const results: CaseResult[] = [];
  pairs.forEach(({ file, predPath, refPath, pred, ref }, i) => {
    results.push({
      prediction_file: predPath,
      reference_file: refPath,
      metrics: evaluateCase(pred.data as ArrayLike<number>, ref.data as ArrayLike<number>, {
        classes,
        empty: options.empty ?? 'nan',
        surfaceMetrics: options.surfaceMetrics,
        grid: { shape: ref.shape, spacing: ref.spacing },
        nsdToleranceMm: options.nsdToleranceMm,
      }),
    });
    options.onCase?.(file, i + 1, pairs.length);
  });
  return summarizeCases(share ? mergeRankParts(await share.allgather(results)) : results);
}

/** Every non-zero value found in the label maps (of every rank's part), ascending. */
async function labelsPresent(maps: ArrayLike<number>[], share?: CaseShare): Promise<number[]> {
  const found = new Set<number>();
  for (const map of maps) for (let i = 0; i < map.length; i++) if (map[i] !== 0) found.add(map[i]!);
  const present = share ? (await share.allgather([...found])).flat() : [...found];
  return [...new Set(present)].sort((a, b) => a - b);
}

function checkSameGrid(
  predPath: string,
  pred: { shape: readonly number[]; affine: readonly (readonly number[])[]; channels: number },
  refPath: string,
  ref: { shape: readonly number[]; affine: readonly (readonly number[])[]; channels: number },
): void {
  if (pred.shape.join() !== ref.shape.join() || pred.channels !== ref.channels) {
    throw new Error(
      `${predPath} has shape [${pred.shape.join(', ')}] but its reference ${refPath} has [${ref.shape.join(', ')}]: they are not on one grid`,
    );
  }
  const scale = Math.max(1, ...ref.affine.flat().map(Math.abs));
  const worst = Math.max(...pred.affine.flat().map((v, i) => Math.abs(v - ref.affine.flat()[i]!)));
  if (worst > AFFINE_TOLERANCE * scale) {
    throw new Error(
      `${predPath} and its reference ${refPath} have different affines (largest difference ${worst.toPrecision(3)}): they are not on one grid`,
    );
  }
}
