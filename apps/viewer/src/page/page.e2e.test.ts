// The page in a real browser: headless Chromium loads it from startViewerServer, shows the shared CT
// case with its label and the training curves, and segments the CT with a small exported model as
// `nnunet predict` does (inference's predictFolder), on the backend it picks and on wasm.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeNifti, readNifti } from '@nnunet-ts/io-nifti';
import { confusionCounts, diceFromCounts } from '@nnunet-ts/losses-metrics';
import { predictFolder, saveModelFolder } from '@nnunet-ts/inference';
import { MODEL_PLAN_VERSION, parseModelPlan } from '@nnunet-ts/plans';
import { initBackend } from '@nnunet-ts/tf-backend';
import { buildUNet } from '@nnunet-ts/unet-model';
import type { Volume } from '@nnunet-ts/volume';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePage } from '../../tools/bundlePage';
import { haveChromium, launchChromium } from '../internal/chromium.fixture';
import { classColor } from '../internal/classColors';
import {
  ctImage,
  ctLabel,
  haveSharedCt,
  makeResultsFolder,
  type ResultsFolder,
} from '../internal/resultsFolder.fixture';
import { startViewerServer, type ViewerServer } from '../startViewerServer';

const BROWSER_TIMEOUT = 120_000;

const linear = {
  interpolation: 'linear',
  lowResAxisInterpolation: 'nearest',
  anisotropyThreshold: 3,
} as const;
/**
 * The exported model's plan: a two-stage 3D U-Net (filters 2, 4), small enough for tfjs's cpu and
 * SwiftShader's WebGL; 4 mm in-plane where the CT has 3 mm, so the image is resampled for the network
 * and the probabilities back, as in Node.
 */
const modelPlan = parseModelPlan(
  {
    version: MODEL_PLAN_VERSION,
    datasetName: 'Dataset001_Test',
    configuration: '3d_fullres',
    channelNames: ['CT'],
    labels: { 0: 'background', 1: 'class 1', 2: 'class 2' },
    classes: 3,
    fold: 0,
    plan: {
      dim: 3,
      spacing: [3, 4, 4],
      patchSize: [8, 64, 64],
      medianShape: [8, 64, 64],
      batchSize: 2,
      topologyRule: 'nnunet',
      topology: {
        kernels: [
          [3, 3, 3],
          [3, 3, 3],
        ],
        strides: [
          [1, 1, 1],
          [2, 2, 2],
        ],
        filters: [2, 4],
      },
      normalization: [{ scheme: 'ct', clip: [-1000, 1000], mean: 0, std: 500 }],
      resampling: { image: { ...linear, interpolation: 'cubic' }, label: linear, probabilities: linear },
    },
  },
  'the test model plan',
);

/** An interior voxel of the class with the most voxels on one axial slice: its world position and class. */
function labelledPoint(label: Volume): { mm: number[]; value: number; voxel: number[] } {
  const [nI, nJ, nK] = label.shape;
  const value = (i: number, j: number, k: number) => Number(label.data[i + nI * (j + nJ * k)]);
  let best = { count: 0, voxel: [0, 0, 0], value: 0 };
  for (let k = 0; k < nK; k++) {
    for (let j = 2; j < nJ - 2; j++) {
      for (let i = 2; i < nI - 2; i++) {
        const v = value(i, j, k);
        if (v === 0) continue;
        // the 5 × 5 in-plane neighbourhood all of class v, so that interpolation cannot blur it away
        let inside = 0;
        for (let dj = -2; dj <= 2; dj++)
          for (let di = -2; di <= 2; di++) if (value(i + di, j + dj, k) === v) inside++;
        if (inside === 25 && inside > best.count) best = { count: inside, voxel: [i, j, k], value: v };
        if (best.count === 25) break;
      }
      if (best.count === 25) break;
    }
    if (best.count === 25) break;
  }
  if (best.count === 0) throw new Error('the label has no interior voxel');
  const [i, j, k] = best.voxel as [number, number, number];
  const mm = label.affine.slice(0, 3).map((row) => row[0]! * i + row[1]! * j + row[2]! * k + row[3]!);
  return { mm, value: best.value, voxel: best.voxel };
}

/** The RGB of the canvas pixel at `at` (CSS pixels inside the canvas), from a screenshot. */
async function canvasPixel(page: Page, at: { x: number; y: number }): Promise<number[]> {
  const png = PNG.sync.read(await page.locator('#gl').screenshot());
  const n = (Math.round(at.y) * png.width + Math.round(at.x)) * 4;
  return [png.data[n]!, png.data[n + 1]!, png.data[n + 2]!];
}

describe.runIf(haveChromium() && haveSharedCt())('the viewer page in Chromium', () => {
  let work: string;
  let results: ResultsFolder;
  let server: ViewerServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const external: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'viewer-e2e-'));
    await bundlePage(path.join(work, 'page'));
    results = await makeResultsFolder();
    server = await startViewerServer({
      image: ctImage('ct_001'),
      label: ctLabel('ct_001'),
      results: results.root,
      pageDir: path.join(work, 'page'),
    });
    browser = await launchChromium();
    // offline: anything not from the viewer server is refused and recorded, for every page
    const origin = `${new URL(server.url).origin}/`;
    await browser.context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('blob:') || url.startsWith('data:'))
        return route.continue();
      external.push(url);
      return route.abort();
    });
    page = await browser.context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.waitForSelector('body[data-case-loaded="ct_001"]', { timeout: BROWSER_TIMEOUT });
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await results?.cleanup();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('loads everything from the local server', () => {
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('opens with the token of the URL, then carries it in a cookie that scripts cannot read', async () => {
    const token = new URL(server.url).searchParams.get('token')!;
    // the page took the token out of its address
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    const cookies = await browser.context.cookies(server.url);
    expect(cookies).toEqual([
      expect.objectContaining({
        name: `nnunet_viewer_${server.port}`,
        value: token,
        path: '/',
        httpOnly: true,
        sameSite: 'Strict',
        expires: -1,
      }),
    ]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    // the same requests without the cookie get 403 and nothing else
    const image = (await page.evaluate(
      async () => (await (await fetch('api/session')).json()).cases[0].image,
    )) as string;
    const without = await page.evaluate(
      (urls) =>
        Promise.all(
          urls.map(async (url) => {
            const response = await fetch(url, { credentials: 'omit' });
            return [response.status, await response.text()] as const;
          }),
        ),
      ['api/session', image, 'main.js', './'],
    );
    const refused = [403, 'forbidden: open the URL that nnunet view printed, with its ?token='] as const;
    expect(without).toEqual([refused, refused, refused, refused]);
  });

  it('lists the cases with their Dice and names the classes after dataset.json', async () => {
    const rows = await page.locator('#cases tr[data-case]').allInnerTexts();
    // the case given file by file, then the results folder's
    expect(rows.map((r) => r.split('\t')[0])).toEqual(['ct_001', 'ct_001', 'ct_002', 'ct_003']);
    expect(rows[1]).toContain('0.9000');
    expect(await page.locator('#classes').innerText()).toMatch(/1 liver[\s\S]*2 spleen[\s\S]*3 kidney/);
  });

  it('draws the image with the label overlay in its class colour where the label is', async () => {
    const label = (await readNifti(ctLabel('ct_001'))).volume;
    const point = labelledPoint(label);
    // one axial slice through the point, without the crosshair that would cover it
    const at = await page.evaluate((mm) => {
      const nv = window.nnunetViewer!.view.nv;
      nv.setSliceType(nv.sliceTypeAxial);
      nv.setCrosshairWidth(0);
      const frac = nv.mm2frac(mm);
      nv.scene.crosshairPos = frac;
      nv.drawScene();
      const [x, y] = nv.frac2canvasPos(frac)!;
      return { x: x! / window.devicePixelRatio, y: y! / window.devicePixelRatio };
    }, point.mm);
    const withOverlay = await canvasPixel(page, at);
    await page.locator('#label-visible').uncheck();
    const imageOnly = await canvasPixel(page, at);
    await page.locator('#label-visible').check();
    const colour = classColor(point.value);
    const distance = (a: number[], b: readonly number[]) => Math.hypot(...a.map((v, c) => v - b[c]!));
    // the CT is grey there; the overlay pulls the pixel towards the class colour
    expect(Math.max(...imageOnly) - Math.min(...imageOnly), `grey ${imageOnly}`).toBeLessThan(8);
    expect(
      distance(withOverlay, colour),
      `overlay ${withOverlay}, image ${imageOnly}, class ${colour}`,
    ).toBeLessThan(distance(imageOnly, colour) - 40);
    // and the picture is a CT, not a blank canvas
    const png = PNG.sync.read(await page.locator('#gl').screenshot());
    const greys = new Set<number>();
    for (let p = 0; p < png.data.length; p += 4) greys.add(png.data[p]!);
    expect(greys.size).toBeGreaterThan(64);
  });

  it('draws the training curves of the DLLogger log', async () => {
    await page.waitForSelector('body[data-curves="rendered"]', { timeout: BROWSER_TIMEOUT });
    // a line per metric: train_loss; dice, L1, L2; lr
    expect(await page.locator('#curves svg .mark-line path').count()).toBe(5);
    expect(await page.locator('#curves svg').innerHTML()).toContain('L1 liver');
  });

  /** The exported model and what `nnunet predict` (predictFolder, tfjs cpu) makes of the CT with it. */
  let exported: { files: string[]; node: Volume } | undefined;
  async function exportedModel(): Promise<{ files: string[]; node: Volume }> {
    if (exported) return exported;
    await initBackend({ backend: 'cpu' });
    const model = buildUNet({ topology: modelPlan.plan.topology, inChannels: 1, classes: 3, seed: 3 });
    const folder = path.join(work, 'model');
    await saveModelFolder(folder, model, modelPlan);
    model.dispose();
    const [written] = await predictFolder({
      models: [folder],
      input: ctImage('ct_001'),
      output: path.join(work, 'node'),
    });
    const node = (await readNifti(written!)).volume;
    exported = { files: [path.join(folder, 'model.json'), path.join(folder, 'weights.bin')], node };
    return exported;
  }

  /** Loads the model and segments the CT in `target`'s worker; #model-info and the label map it offers. */
  async function segmentInPage(target: Page): Promise<{ info: string; labels: Volume }> {
    const { files } = await exportedModel();
    await target.locator('#model-files').setInputFiles(files);
    await target.waitForSelector('body[data-inference="model-loaded"], body[data-inference="error"]', {
      timeout: BROWSER_TIMEOUT,
    });
    const info = await target.locator('#model-info').innerText();
    expect(await target.locator('#inference-status').innerText()).toMatch(/^Model loaded/);
    await target.locator('#image-file').setInputFiles(ctImage('ct_001'));
    await target.waitForSelector('body[data-inference="done"], body[data-inference="error"]', {
      timeout: BROWSER_TIMEOUT,
    });
    expect(await target.locator('#inference-status').innerText()).toMatch(/^Segmented ct_001\.nii\.gz/);
    expect(await target.evaluate(() => window.nnunetViewer!.view.hasLayer('prediction'))).toBe(true);
    expect(await target.locator('#download').getAttribute('download')).toBe('ct_001_seg.nii.gz');
    const base64 = await target.evaluate(async () => {
      const blob = await (await fetch(document.querySelector<HTMLAnchorElement>('#download')!.href)).blob();
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let text = '';
      for (const b of bytes) text += String.fromCharCode(b);
      return btoa(text);
    });
    return { info, labels: decodeNifti(gunzipSync(Buffer.from(base64, 'base64'))).volume };
  }

  /**
   * The browser's label map has Node's geometry, the same label on ≥ 99.9% of the voxels (WebGL
   * computes in other float orders) and Dice ≥ 0.99 against it for every class Node predicts.
   */
  async function expectAsNode(labels: Volume): Promise<void> {
    const { node } = await exportedModel();
    expect(labels.shape).toEqual(node.shape);
    expect(labels.affine).toEqual(node.affine);
    const nodeLabels = node.data as Uint8Array;
    const browserLabels = labels.data as Uint8Array;
    let same = 0;
    for (let v = 0; v < nodeLabels.length; v++) if (browserLabels[v] === nodeLabels[v]) same++;
    const agreement = same / nodeLabels.length;
    console.info(`[viewer] voxels labelled as in Node: ${(100 * agreement).toFixed(3)}%`);
    expect(agreement).toBeGreaterThanOrEqual(0.999);
    const present = [1, 2].filter((c) => nodeLabels.includes(c));
    expect(present.length, 'the random network predicts some foreground').toBeGreaterThan(0);
    const counts = confusionCounts(labels.data as Uint8Array, nodeLabels, present);
    const dice = present.map((c) => diceFromCounts(counts.get(c)!));
    console.info(
      `[viewer] Dice against Node per class ${present.join(', ')}: ${dice.map((d) => d.toFixed(4)).join(', ')}`,
    );
    dice.forEach((d, i) => expect(d, `class ${present[i]}`).toBeGreaterThanOrEqual(0.99));
  }

  it(
    'segments the CT in a web worker with an exported model as nnunet predict does in Node (Dice ≥ 0.99)',
    async () => {
      const { info, labels } = await segmentInPage(page);
      expect(info).toMatch(
        /patch \[8 × 64 × 64\], spacing \[3, 4, 4\] mm.*3 classes out, tfjs (webgl|wasm|cpu): /,
      );
      console.info(`[viewer] in-browser inference: ${info}`);
      await expectAsNode(labels);
    },
    BROWSER_TIMEOUT * 2,
  );

  it('bundles no Node-only code: no file writer, no node: import', async () => {
    for (const bundle of ['main.js', 'inferenceWorker.js']) {
      const text = await readFile(path.join(work, 'page', bundle), 'utf8');
      // io-nifti's writeFileAtomic (its error message), and any Node module
      expect(text).not.toContain(': could not write: ');
      expect(text).not.toMatch(/from\s*["']node:/);
    }
  });

  it(
    "refuses a hand-edited model.json, naming the file and the field, as Node's inference does",
    async () => {
      const { files } = await exportedModel();
      const broken = path.join(work, 'broken');
      const json = JSON.parse(await readFile(files[0]!, 'utf8'));
      json.userDefinedMetadata.nnunetTs.plan.plan.patchSize = [8, 64, 65];
      await mkdir(broken, { recursive: true });
      await writeFile(path.join(broken, 'model.json'), JSON.stringify(json));
      await page.locator('#model-files').setInputFiles([path.join(broken, 'model.json'), files[1]!]);
      await page.waitForSelector('body[data-inference="error"]', { timeout: BROWSER_TIMEOUT });
      expect(await page.locator('#inference-status').innerText()).toBe(
        "Error: model.json: plan.patchSize: patch size 65 on axis 2 is not divisible by the network's total stride 2 there; use a multiple of 2",
      );
    },
    BROWSER_TIMEOUT,
  );

  it(
    'segments it the same on the wasm backend (?backend=wasm), its binaries served by the page',
    async () => {
      const wasmPage = await browser.context.newPage();
      wasmPage.on('pageerror', (error) => errors.push(error.message));
      try {
        const url = new URL(server.url);
        url.searchParams.set('backend', 'wasm');
        await wasmPage.goto(url.href);
        await wasmPage.waitForSelector('body[data-case-loaded="ct_001"]', { timeout: BROWSER_TIMEOUT });
        const { info, labels } = await segmentInPage(wasmPage);
        expect(info).toMatch(/3 classes out, tfjs wasm: tfjs-backend-wasm \((no )?SIMD, /);
        console.info(`[viewer] in-browser inference on wasm: ${info}`);
        await expectAsNode(labels);
        expect(external).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await wasmPage.close();
      }
    },
    BROWSER_TIMEOUT * 2,
  );
});
