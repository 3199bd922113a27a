import { DatasetError, LabelMap, readCase, type Dataset, type DatasetCase } from '@nnunet-ts/datasets';
import { preprocessCase } from '../case/preprocessCase';
import { caseFingerprint, type CaseFingerprint } from '../fingerprint/caseFingerprint';
import type { ConfigurationPlan, ExecMode } from '@nnunet-ts/plans';
import { writePreprocessedCase } from '../store/writePreprocessedCase';

/** A unit of per-case work that runs in this process or in a worker process. */
export type CaseJob =
  | { kind: 'fingerprint'; caseId: string; maxSamples: number }
  | {
      kind: 'preprocess';
      caseId: string;
      mode: ExecMode;
      storeDir: string;
      configuration: string;
      plan: ConfigurationPlan;
      planHash: string;
    };

export type CaseJobResult = { kind: 'fingerprint'; fingerprint: CaseFingerprint } | { kind: 'preprocess' };

/** Why a case failed: the file it is about and the problem, as the command reports it. */
export interface CaseFailure {
  caseId: string;
  file: string;
  reason: string;
}

export async function runCaseJob(dataset: Dataset, job: CaseJob): Promise<CaseJobResult> {
  const c = findCase(dataset, job.caseId, job.kind === 'preprocess' && job.mode === 'test');
  const withLabel = job.kind === 'fingerprint' || job.mode !== 'test';
  if (withLabel && c.label === undefined)
    throw new DatasetError(c.images[0], `case ${c.id} has no label file`);
  const loaded = await readCase(dataset, withLabel ? c : { id: c.id, images: c.images });
  if (job.kind === 'fingerprint') {
    const fingerprint = caseFingerprint(
      c.id,
      loaded.image,
      loaded.label as NonNullable<typeof loaded.label>,
      {
        maxSamples: job.maxSamples,
      },
    );
    return { kind: 'fingerprint', fingerprint };
  }
  const result = preprocessCase(
    { id: c.id, image: loaded.image, label: loaded.label, source: { images: c.images, label: c.label } },
    job.plan,
    {
      configuration: job.configuration,
      mode: job.mode,
      planHash: job.planHash,
      labelMap: new LabelMap(dataset.labels),
    },
  );
  await writePreprocessedCase(job.storeDir, result);
  return { kind: 'preprocess' };
}

/** The failure report of an error thrown while working on a case. */
export function caseFailure(dataset: Dataset, caseId: string, error: unknown): CaseFailure {
  const message = error instanceof Error ? error.message : String(error);
  const c = dataset.training.find((t) => t.id === caseId) ?? dataset.test.find((t) => t.id === caseId);
  const file = error instanceof DatasetError ? error.file : (c?.images[0] ?? caseId);
  const reason = message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
  return { caseId, file, reason };
}

function findCase(dataset: Dataset, id: string, test: boolean): DatasetCase {
  const found = (test ? dataset.test : dataset.training).find((c) => c.id === id);
  if (!found) throw new Error(`${dataset.root}: no ${test ? 'test' : 'training'} case '${id}'`);
  return found;
}
