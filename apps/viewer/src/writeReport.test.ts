import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readNifti } from '@nnunet-ts/io-nifti';
import { asClosestCanonical } from '@nnunet-ts/volume';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ctLabel,
  haveSharedCt,
  makeResultsFolder,
  type ResultsFolder,
} from './internal/resultsFolder.fixture';
import { writeReport, type ReportResult } from './writeReport';

async function readPng(file: string): Promise<PNG> {
  return PNG.sync.read(await readFile(file));
}

describe.runIf(haveSharedCt())('writeReport', () => {
  let results: ResultsFolder;
  let report: ReportResult;
  beforeAll(async () => {
    results = await makeResultsFolder();
    report = await writeReport({ results: results.root });
  });
  afterAll(() => results?.cleanup());

  it('writes into <results>/report by default', () => {
    expect(report.folder).toBe(path.join(results.root, 'report'));
    expect(report.html).toBe(path.join(report.folder, 'index.html'));
    expect(report.cases.map((c) => c.name)).toEqual(['ct_001', 'ct_002', 'ct_003']);
    expect(report.warnings).toEqual([expect.stringMatching(/1 line\(s\) are not DLLogger records/)]);
  });

  it('renders the curves to a PNG twice the size of their SVG', async () => {
    const curves = report.curves!;
    const svg = await readFile(curves.svg, 'utf8');
    const [, width, height] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
    const png = await readPng(curves.file);
    expect([png.width, png.height]).toEqual([2 * width!, 2 * height!]);
    expect([curves.width, curves.height]).toEqual([png.width, png.height]);
    // three charts (loss, Dice, learning rate) with a line per metric: train_loss; dice, L1, L2; lr
    expect(svg.match(/class="mark-group role-title/g)).toHaveLength(3);
    expect(svg.match(/class="mark-line role-mark/g)).toHaveLength(5);
    expect(svg).toContain('L1 liver');
    // drawn, not blank: many colours
    const colours = new Set<number>();
    for (let p = 0; p < png.data.length; p += 4) colours.add(png.data.readUInt32BE(p));
    expect(colours.size).toBeGreaterThan(20);
  });

  it('draws each case: label and prediction panels of the size the slice extent gives', async () => {
    const label = asClosestCanonical((await readNifti(ctLabel('ct_001'))).volume);
    const [extentI, extentJ] = [label.shape[0] * label.spacing[0], label.shape[1] * label.spacing[1]];
    const panelWidth = Math.round((extentI * 384) / Math.max(extentI, extentJ));
    const panelHeight = Math.round((extentJ * 384) / Math.max(extentI, extentJ));
    for (const item of report.cases) {
      const png = await readPng(item.image!.file);
      expect([png.width, png.height], item.name).toEqual([2 * panelWidth + 4, panelHeight]);
      expect([item.image!.width, item.image!.height]).toEqual([png.width, png.height]);
      // the fixture's predictions are copies of the labels: both panels are the same picture
      let coloured = 0;
      let differing = 0;
      for (let y = 0; y < png.height; y++) {
        for (let x = 0; x < panelWidth; x++) {
          const left = png.data.readUInt32BE((y * png.width + x) * 4);
          const right = png.data.readUInt32BE((y * png.width + x + panelWidth + 4) * 4);
          if (right !== left) differing++;
          const [r, g, b] = [left >>> 24, (left >>> 16) & 255, (left >>> 8) & 255];
          if (r !== g || g !== b) coloured++;
        }
      }
      expect(differing, `${item.name}: pixels where the panels differ`).toBe(0);
      expect(coloured, `${item.name}: overlay pixels`).toBeGreaterThan(100);
    }
  });

  it('writes an index.html that shows every picture it wrote', async () => {
    const html = await readFile(report.html, 'utf8');
    const sources = [...html.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources).toEqual([
      'curves.png',
      ...report.cases.map((c) => path.relative(report.folder, c.image!.file)),
    ]);
    for (const source of sources) expect(existsSync(path.join(report.folder, source))).toBe(true);
    expect(html).toContain('<td>liver</td><td>0.8500</td>');
    expect(html).toContain('kidney n/a');
  });
});
