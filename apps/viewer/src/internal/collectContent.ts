import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { readDllogger } from '@nnunet-ts/logging';
import type { Summary } from '@nnunet-ts/losses-metrics';
import { DatasetIndex } from './DatasetIndex';
import { isInside, NIFTI_FILE, scanResults } from './scanResults';
import type { MetricValues, SessionClass } from './SessionData';
import { trainingCurves } from './trainingCurves';
import type { ContentCase, ViewerContent } from './ViewerContent';

/** The files to show: a single case given file by file, and/or a results folder. */
export interface ContentSources {
  image?: string;
  label?: string;
  pred?: string;
  results?: string;
}

/** Log names the seed and nnU-Net use, preferred when a results folder holds several logs. */
const PREFERRED_LOGS = ['dllogger.json', 'logs.json'];

/**
 * Gathers what the viewer and the report show. The files given one by one make the first case (each
 * must exist); a results folder adds the cases of its `summary.json` files (prediction, reference
 * label, the image from the reference's dataset, and the metrics), then NIfTI files no summary names
 * (as predictions), the class names of a `dataset.json`, and the training curves of its DLLogger log.
 */
export async function collectContent(sources: ContentSources): Promise<ViewerContent> {
  const warnings: string[] = [];
  const cases: ContentCase[] = [];
  const datasets = new DatasetIndex(warnings);
  const given = await givenCase(sources);
  if (given) cases.push(given);
  // a label given from a dataset's labelsTr names the classes
  if (given?.label) await datasets.addForLabel(given.label);
  let summary: Summary | undefined;
  let curves: ViewerContent['curves'] = [];
  let curvesSource: string | undefined;
  let title = given?.name ?? 'nnunet-ts viewer';

  if (sources.results !== undefined) {
    const scan = await scanResults(sources.results);
    title = path.basename(scan.root);
    for (const folder of scan.datasetFolders) await datasets.add(folder);
    const named = new Set<string>();
    const resultCases: (ContentCase & { where: string })[] = [];
    for (const file of scan.summaries) {
      const read = await readSummaryFile(file, warnings);
      if (!read) continue;
      summary ??= read;
      for (const entry of read.metric_per_case) {
        const prediction = await existing(entry.prediction_file, file, scan.root, warnings);
        const reference = await existing(entry.reference_file, file, scan.root, warnings);
        if (!prediction && !reference) {
          warnings.push(`${file}: neither ${entry.prediction_file} nor ${entry.reference_file} can be shown`);
          continue;
        }
        if (reference) await datasets.addForLabel(reference);
        if (prediction) named.add(prediction);
        const id = caseId(prediction ?? reference!);
        const image = (await datasets.findCase(reference, id))?.images[0];
        resultCases.push({
          name: id,
          where: path.relative(scan.root, path.dirname(file)),
          ...(image && { image }),
          ...(reference && { label: reference }),
          ...(prediction && { prediction }),
          metrics: jsonMetrics(entry.metrics),
        });
      }
    }
    for (const prediction of scan.niftis.filter((f) => !named.has(f))) {
      const id = caseId(prediction);
      const known = await datasets.findCase(undefined, id);
      resultCases.push({
        name: id,
        where: path.relative(scan.root, path.dirname(prediction)),
        ...(known?.images[0] && { image: known.images[0] }),
        ...(known?.label && { label: known.label }),
        prediction,
      });
    }
    cases.push(...uniqueNames(resultCases));
    const log = [...scan.logs].sort((a, b) => logRank(a) - logRank(b))[0];
    if (log) {
      const { records, malformed } = await readDllogger(log);
      curves = trainingCurves(records);
      curvesSource = path.relative(scan.root, log);
      if (malformed.length) {
        warnings.push(
          `${log}: ${malformed.length} line(s) are not DLLogger records (first: line ${malformed[0]!.line})`,
        );
      }
    }
  }

  return {
    title,
    classes: classesOf(datasets.labels(), summary),
    cases,
    ...(summary && {
      summary: {
        mean: Object.fromEntries(Object.entries(summary.mean).map(([c, m]) => [c, jsonValues(m)])),
        foregroundMean: jsonValues(summary.foreground_mean),
      },
    }),
    curves,
    ...(curvesSource !== undefined && { curvesSource }),
    warnings,
  };
}

async function givenCase(sources: ContentSources): Promise<ContentCase | undefined> {
  const files: Partial<Record<'image' | 'label' | 'prediction', string>> = {};
  for (const [key, option] of [
    ['image', 'image'],
    ['label', 'label'],
    ['prediction', 'pred'],
  ] as const) {
    const file = sources[option];
    if (file === undefined) continue;
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) throw new Error(`--${option} ${file}: ${info ? 'is not a file' : 'does not exist'}`);
    files[key] = path.resolve(file);
  }
  const first = files.image ?? files.label ?? files.prediction;
  return first === undefined ? undefined : { name: caseId(first), ...files };
}

async function readSummaryFile(file: string, warnings: string[]): Promise<Summary | undefined> {
  // loaded on use: the package's barrel loads tfjs, which a results folder without summaries never needs
  const { parseSummary } = await import('@nnunet-ts/losses-metrics');
  try {
    const summary = parseSummary(await readFile(file, 'utf8'));
    if (!Array.isArray(summary?.metric_per_case)) throw new Error("has no 'metric_per_case' list");
    return summary;
  } catch (error) {
    warnings.push(`${file}: not a readable summary.json: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * The path a summary names, when that is a NIfTI file that exists: absolute as nnU-Net writes them,
 * or relative to the summary's folder or to the results folder. Only NIfTI files, so that a summary
 * cannot make the server hand out other files; and a relative name, or one inside the results
 * folder, must resolve inside it, as the scan's links must (absolute names outside it are the
 * dataset's reference labels).
 */
async function existing(
  named: string,
  summaryFile: string,
  root: string,
  warnings: string[],
): Promise<string | undefined> {
  if (typeof named !== 'string' || !NIFTI_FILE.test(named)) return undefined;
  const candidates = path.isAbsolute(named)
    ? [named]
    : [path.resolve(path.dirname(summaryFile), named), path.resolve(root, named)];
  for (const candidate of candidates) {
    if (!(await stat(candidate).catch(() => undefined))?.isFile()) continue;
    // resolved like the scanned files, so that a prediction the summary names is recognised among them
    const real = await realpath(candidate);
    if ((!path.isAbsolute(named) || isInside(root, candidate)) && !isInside(root, real)) {
      warnings.push(`${summaryFile}: ${named} leads outside the results folder; left out`);
      continue;
    }
    return real;
  }
  return undefined;
}

/** `ct_001` for `.../ct_001.nii.gz`. */
function caseId(file: string): string {
  return path.basename(file).replace(NIFTI_FILE, '');
}

/** Cases of different folders with the same id get their folder in front (`fold_1/ct_001`). */
function uniqueNames(cases: (ContentCase & { where: string })[]): ContentCase[] {
  const counts = new Map<string, number>();
  for (const c of cases) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
  return cases.map(({ where, ...c }) =>
    counts.get(c.name)! > 1 && where !== ''
      ? { ...c, name: `${where.split(path.sep).join('/')}/${c.name}` }
      : c,
  );
}

function logRank(file: string): number {
  const preferred = PREFERRED_LOGS.indexOf(path.basename(file));
  return (preferred === -1 ? PREFERRED_LOGS.length : preferred) * 100 + file.split(path.sep).length;
}

/** JSON has no NaN or Infinity: they become null. */
function jsonValues(metrics: object): MetricValues {
  return Object.fromEntries(
    Object.entries(metrics).map(([k, v]) => [k, typeof v === 'number' && Number.isFinite(v) ? v : null]),
  );
}

function jsonMetrics(metrics: Record<string, object>): Record<string, MetricValues> {
  return Object.fromEntries(Object.entries(metrics).map(([c, m]) => [c, jsonValues(m)]));
}

/** Foreground classes: named by the dataset, else the class keys of the summary. */
function classesOf(labels: Map<number, string> | undefined, summary: Summary | undefined): SessionClass[] {
  if (labels) {
    return [...labels]
      .filter(([value]) => value > 0)
      .sort(([a], [b]) => a - b)
      .map(([value, name]) => ({ value, name }));
  }
  const values = Object.keys(summary?.mean ?? {})
    .map(Number)
    .filter((v) => Number.isInteger(v) && v > 0)
    .sort((a, b) => a - b);
  return values.map((value) => ({ value, name: `class ${value}` }));
}
