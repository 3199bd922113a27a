import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { readNifti, writeFileAtomic } from '@nnunet-ts/io-nifti';
import { collectContent } from './internal/collectContent';
import { encodePng } from './internal/encodePng';
import { renderCaseSlice, type CaseVolumes } from './internal/renderCaseSlice';
import { renderCurvesPng } from './internal/renderCurvesPng';
import { reportHtml, type ReportCase } from './internal/reportHtml';
import { trainingCurvesSpec } from './internal/trainingCurvesSpec';
import type { ContentCase } from './internal/ViewerContent';
import { reportOptionsSchema, type ReportOptions } from './reportOptions';

/** A PNG the report wrote, with its size in pixels. */
export interface ReportImage {
  file: string;
  width: number;
  height: number;
}

export interface ReportResult {
  folder: string;
  /** the report page, `index.html` */
  html: string;
  /** `curves.png` (and its vector twin `curves.svg`), when the results hold a DLLogger log */
  curves?: ReportImage & { svg: string };
  /** one entry per case; `image` is absent where the case could not be drawn (see `warnings`) */
  cases: { name: string; image?: ReportImage; slice?: number }[];
  warnings: string[];
}

/** PNG pixels per SVG unit of the curves, for sharp text on high-density screens. */
const CURVES_SCALE = 2;

/**
 * Writes a static report of a results folder without a browser: `curves.png`/`curves.svg` (loss,
 * Dice per class, learning rate from the DLLogger log, rendered by vega and resvg), one PNG per case
 * with its axial mid-slice (image in grey, label and prediction in class colours), and `index.html`
 * with the summary metrics. A case that cannot be drawn is left out with a warning.
 */
export async function writeReport(options: ReportOptions): Promise<ReportResult> {
  const { results, out } = reportOptionsSchema.parse(options);
  const content = await collectContent({ results });
  const folder = path.resolve(out ?? path.join(results, 'report'));
  await mkdir(path.join(folder, 'cases'), { recursive: true });
  const warnings = [...content.warnings];

  let curves: ReportResult['curves'];
  if (content.curves.length > 0) {
    const chart = await renderCurvesPng(
      trainingCurvesSpec(content.curves, { classes: content.classes }),
      CURVES_SCALE,
    );
    curves = {
      file: path.join(folder, 'curves.png'),
      svg: path.join(folder, 'curves.svg'),
      width: chart.width,
      height: chart.height,
    };
    await writeFileAtomic(curves.file, chart.png);
    await writeFileAtomic(curves.svg, chart.svg);
  }

  const cases: ReportResult['cases'] = [];
  const htmlCases: ReportCase[] = [];
  for (const [index, item] of content.cases.entries()) {
    try {
      const slice = renderCaseSlice(await readCaseVolumes(item));
      const relative = `cases/${String(index + 1).padStart(3, '0')}-${item.name.replace(/[^\w.-]+/g, '_')}.png`;
      const file = path.join(folder, relative);
      await writeFileAtomic(file, encodePng(slice.picture));
      const { width, height } = slice.picture;
      cases.push({ name: item.name, image: { file, width, height }, slice: slice.slice });
      const panels = slice.panels.length ? slice.panels.join(' | ') : 'image';
      htmlCases.push({
        name: item.name,
        picture: { file: relative, width, height, caption: `${panels}, axial slice ${slice.slice}` },
      });
    } catch (error) {
      warnings.push(`case ${item.name}: ${(error as Error).message}`);
      cases.push({ name: item.name });
      htmlCases.push({ name: item.name });
    }
  }

  const html = path.join(folder, 'index.html');
  const display = curves && {
    file: 'curves.png',
    width: curves.width / CURVES_SCALE,
    height: curves.height / CURVES_SCALE,
  };
  await writeFileAtomic(html, reportHtml({ ...content, warnings }, display, htmlCases));
  return { folder, html, ...(curves && { curves }), cases, warnings };
}

async function readCaseVolumes(item: ContentCase): Promise<CaseVolumes> {
  const volumes: CaseVolumes = {};
  if (item.image) volumes.image = (await readNifti(item.image, { as: 'float32' })).volume;
  if (item.label) volumes.label = (await readNifti(item.label)).volume;
  if (item.prediction) volumes.prediction = (await readNifti(item.prediction)).volume;
  return volumes;
}
